"""The site's locales and synchronised trees: every French page exists in EN and ES, as an alias until translated."""

from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from campaign.i18n.locales import content_languages, default_locale


def ensure_locales() -> Locale:
    """Create the configured locales; make every other locale follow the default one. Returns the default."""
    default = default_locale(create=True)
    for code in content_languages():
        if code == default.language_code:
            continue
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})
    return default


def synchronise_trees() -> None:
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale)
