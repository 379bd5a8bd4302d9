from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaign"
    verbose_name = _("Lampedusa Charter campaign")

    def ready(self):
        from campaign.assets import pregeneration
        from campaign.endorsements import public as endorsements
        from campaign.i18n import translation_state
        from campaign.publishing import launch  # noqa: F401 (registers the launch check)
        from campaign.publishing.generation_signals import connect
        from campaign.publishing.revalidation import events as revalidation
        from campaign.search import signals as search

        connect()
        translation_state.connect()
        revalidation.connect()
        pregeneration.connect()
        search.connect()
        endorsements.connect()
