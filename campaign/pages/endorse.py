"""The page around the endorsement form: its copy, the consent text and the messages after the form."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from campaign.blocks import BodyStreamBlock
from campaign.pages.base import BasePage, page_tabs


class EndorsePage(BasePage):
    """The copy around the endorsement form; the consent version is recorded with every endorsement."""

    intro = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("Text shown above the endorsement form."),
    )
    consent_text = models.TextField(
        verbose_name=_("consent text"),
        help_text=_("What the signer agrees to. Change the version below whenever its meaning changes."),
    )
    consent_version = models.CharField(
        max_length=20,
        verbose_name=_("consent version"),
        help_text=_("Recorded with each endorsement, e.g. 2026-11."),
    )
    thank_you_title = models.CharField(
        max_length=255, verbose_name=_("after submitting: title"), help_text=_("Heading shown once the form is sent.")
    )
    thank_you_text = models.TextField(
        verbose_name=_("after submitting: text"), help_text=_("Asks the signer to confirm by email.")
    )
    confirmed_title = models.CharField(
        max_length=255,
        verbose_name=_("after confirming: title"),
        help_text=_("Heading shown when the signer follows the email link."),
    )
    confirmed_text = models.TextField(
        verbose_name=_("after confirming: text"),
        help_text=_("Explains that staff now check the endorsement before it is published."),
    )

    # The version identifies the consent text's meaning, whatever its language.
    override_translatable_fields = [SynchronizedField("consent_version")]

    parent_page_types = ["campaign.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    edit_handler = page_tabs(
        [
            TitleFieldPanel("title"),
            FieldPanel("intro"),
            MultiFieldPanel([FieldPanel("consent_text"), FieldPanel("consent_version")], heading=_("Consent")),
            MultiFieldPanel(
                [
                    FieldPanel("thank_you_title"),
                    FieldPanel("thank_you_text"),
                    FieldPanel("confirmed_title"),
                    FieldPanel("confirmed_text"),
                ],
                heading=_("Messages after the form"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("endorsement page")
