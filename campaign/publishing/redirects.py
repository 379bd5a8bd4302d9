"""Old addresses that lead somewhere: editors' redirects, the ones Wagtail creates when a slug changes or a page
moves (its automatic redirects take their old paths from `get_url_parts`, i.e. our frontend paths), and the
address every page of another locale had while it was an alias: the French slugs under that locale's prefix
(`/es/charte/dignite/`), which the frontend and search engines may have linked before the translation gave the
page its own slugs. That last one needs no record: it is derived from the French tree."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from campaign.i18n.localization import UnknownLocale, get_locale, visible_pages
from campaign.pages.base import frontend_path


@dataclass(frozen=True)
class RedirectTarget:
    url: str
    permanent: bool


def find_redirect(path: str) -> RedirectTarget | None:
    redirect = Redirect.objects.filter(old_path=Redirect.normalise_path(path)).first()
    if redirect is None:
        return alias_address_target(path)
    if redirect.redirect_page_id:
        page = visible_pages().filter(pk=redirect.redirect_page_id).select_related("locale").first()
        return RedirectTarget(frontend_path(page), redirect.is_permanent) if page else None
    return RedirectTarget(redirect.redirect_link, redirect.is_permanent) if redirect.redirect_link else None


def alias_address_target(path: str) -> RedirectTarget | None:
    """`/es/charte/dignite/` or `/es/carta/dignite/` → where that Spanish page is now (`/es/carta/dignidad/`).

    Each segment may be the page's own slug or its French page's slug (the one it had as an alias), whatever the
    mix: the tree is walked from the locale's home, one level (two queries) per segment.
    """
    parts = [segment for segment in path.strip().split("/") if segment]
    if len(parts) < 2 or parts[0] == settings.LANGUAGE_CODE:  # a bare path or locale prefix: no page to move
        return None
    code, *segments = parts
    try:
        locale = get_locale(code)
    except UnknownLocale:
        return None
    node = visible_pages().filter(depth=2, locale=locale).first()
    for segment in segments:
        node = child_known_as(node, segment) if node else None
    if node is None or frontend_path(node).strip("/") == path.strip().strip("/"):
        return None
    return RedirectTarget(frontend_path(node), permanent=True)


def child_known_as(parent: Page, slug: str) -> Page | None:
    children = list(visible_pages().child_of(parent))
    french = Page.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, translation_key__in=[child.translation_key for child in children]
    )
    french_slugs = dict(french.values_list("translation_key", "slug"))
    return next((c for c in children if slug in (c.slug, french_slugs.get(c.translation_key))), None)
