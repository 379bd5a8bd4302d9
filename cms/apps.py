from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project package itself: settings-level behaviour applied once at startup."""

    name = "cms"
    verbose_name = "CMS"

    def ready(self):
        from . import translation_fallback

        translation_fallback.apply()
