"""Rich text as the frontend receives it: internal links point at frontend URLs in the reader's locale.

A link to a page that is not visible (draft, restricted, deleted) loses its href rather than leak its address.
All page links of one text are resolved with two queries (Wagtail's bulk link rules).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from urllib.parse import urljoin

from django.conf import settings
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.rich_text.rewriters import LinkRewriter

from campaign.assets.images import under_a_restriction
from campaign.i18n.localization import visible_pages
from campaign.pages.base import frontend_path


def page_urls(page_ids: list[int], locale: Locale) -> dict[int, str]:
    """Frontend URL in `locale` of each visible page among `page_ids` (given in any language)."""
    keys = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
    served = {
        page.translation_key: frontend_path(page, locale.language_code)
        for page in visible_pages().filter(translation_key__in=keys.values(), locale=locale)
    }
    return {pk: served[key] for pk, key in keys.items() if key in served}


def _page_links(locale: Locale, attrs_list: list[dict]) -> list[str]:
    ids = [int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()]
    urls = page_urls(ids, locale)
    tags = []
    for attrs in attrs_list:
        url = urls.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
        tags.append(f'<a href="{escape(url)}">' if url else "<a>")
    return tags


def _document_links(attrs_list: list[dict]) -> list[str]:
    """Links to documents of a restricted collection lose their target: neither its title nor its URL leaves."""
    ids = [int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()]
    documents = get_document_model().objects.exclude(under_a_restriction("collection__path")).in_bulk(ids)
    tags = []
    for attrs in attrs_list:
        document = documents.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
        tags.append(f'<a href="{escape(absolute_url(document.url))}">' if document else "<a>")
    return tags


# The origin (scheme and host) the current request reached this server at: media URLs use it when BACKEND_URL is
# not set, so a demo served on another port than the default answers URLs that work (set by graphql_api.views).
request_origin: ContextVar[str] = ContextVar("request_origin", default="")


@contextmanager
def served_at(origin: str):
    token = request_origin.set(origin)
    try:
        yield
    finally:
        request_origin.reset(token)


def absolute_url(url: str) -> str:
    """Media and document URLs as the frontend can fetch them (already absolute with object storage): under
    BACKEND_URL when it is set, else under the origin the request reached."""
    base = settings.BACKEND_URL or request_origin.get() or settings.WAGTAILADMIN_BASE_URL
    return urljoin(base.rstrip("/") + "/", url)


def frontend_html(html: str, locale: Locale) -> str:
    rewriter = LinkRewriter(bulk_rules={"page": partial(_page_links, locale), "document": _document_links})
    return rewriter(html)
