"""The site's locales and synchronised trees: every French page exists in EN and ES, as an alias until translated."""

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


def ensure_locales() -> Locale:
    """Create the configured locales; make every other locale follow the default one. Returns the default."""
    default, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == default.language_code:
            continue
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})
    return default


def synchronise_trees() -> None:
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale)


def repair_url_paths() -> int:
    """Recompute every page's url_path from its ancestors' slugs; returns how many were stale.

    Imported in one transaction, translations are published when it commits (wagtail-localize defers publishing
    to on_commit), each from a revision saved before its translated parent's new slug reached the child's path.
    One pass in tree order, after those publishes, repairs the paths with plain updates.
    """
    expected: dict[str, str] = {}
    stale = 0
    for page in Page.objects.order_by("path").only("pk", "path", "depth", "slug", "url_path"):
        parent = expected.get(page.path[: -Page.steplen])
        expected[page.path] = "/" if parent is None else f"{parent}{page.slug}/"
        if page.url_path != expected[page.path]:
            Page.objects.filter(pk=page.pk).update(url_path=expected[page.path])
            stale += 1
    return stale
