"""Old addresses that lead somewhere: editors' redirects and the ones Wagtail creates when a slug changes or a
page moves (its automatic redirects take their old paths from `get_url_parts`, i.e. our frontend paths)."""

from dataclasses import dataclass

from wagtail.contrib.redirects.models import Redirect

from .localization import visible_pages
from .pages.base import frontend_path


@dataclass(frozen=True)
class RedirectTarget:
    url: str
    permanent: bool


def find_redirect(path: str) -> RedirectTarget | None:
    redirect = Redirect.objects.filter(old_path=Redirect.normalise_path(path)).first()
    if redirect is None:
        return None
    if redirect.redirect_page_id:
        page = visible_pages().filter(pk=redirect.redirect_page_id).select_related("locale").first()
        return RedirectTarget(frontend_path(page), redirect.is_permanent) if page else None
    return RedirectTarget(redirect.redirect_link, redirect.is_permanent) if redirect.redirect_link else None
