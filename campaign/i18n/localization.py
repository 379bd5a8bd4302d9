"""What a visitor of a given locale is served: the page in that locale's tree, in its own language or as a fallback.

wagtail-localize keeps one tree per locale. A page not yet translated is an alias of the French page, carrying the
French content; so every published page is reachable in every locale. Whether a visitor reads a translation or a
fallback is the page's translation status (campaign.i18n.translation_state), not whether it is an alias: a translation
started but never published serves the French source too. These rules live here, in the domain, so that the API
only asks and never decides.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Now
from django.db.models.lookups import StartsWith
from wagtail.models import Locale, Page, PageViewRestriction

from campaign.compiled import by_ids
from campaign.i18n.locales import locale_of
from campaign.i18n.translation_state import (
    PublishedTranslation,
    TranslationStatus,
    publication_of,
    source_locale_q,
    started_q,
    status_of,
    with_source_published_at,
)
from campaign.pages.base import frontend_path
from campaign.pages.timeline import MilestonePage
from campaign.search import query as search_query
from campaign.text.plain import search_words


class UnknownLocale(LookupError):
    def __init__(self, code: str):
        super().__init__(f"Unknown locale {code!r}; the site has: {', '.join(available_codes())}.")
        self.code = code


def available_codes() -> list[str]:
    return list(Locale.objects.order_by("pk").values_list("language_code", flat=True))


def get_locale(code: str | None) -> Locale:
    """The locale a visitor asked for; none asked means the default (French)."""
    code = code or settings.LANGUAGE_CODE
    try:
        return locale_of(code)
    except Locale.DoesNotExist:
        raise UnknownLocale(code) from None


def restrictions():
    """Every view restriction with the path of the page it is set on: a subquery rather than a join, so that a check
    walks the restrictions (a handful) and not the page tree (joined, SQLite scanned every page of the site for
    each page it checked, and PostgreSQL looked up each page's French version before finding no restriction)."""
    restricted_path = Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1]
    return PageViewRestriction.objects.annotate(restricted_path=Subquery(restricted_path))


def restricted(path_field: str) -> Exists:
    """A view restriction (password, groups, login) on the page at `path_field` or on one of its ancestors."""
    return Exists(restrictions().filter(StartsWith(OuterRef(path_field), F("restricted_path"))))


def source_restricted() -> Exists:
    """A view restriction on the page's version in the source language (French), or on one of its ancestors.

    A translation lives in its own locale's tree, out of reach of the restrictions of the French tree; an editor
    restricting the French page means every language's copy. A translation's own tree may hold a restriction
    too: the API serves only public pages, so either one hides it.
    """
    sources = Page.objects.filter(
        StartsWith(F("path"), OuterRef("restricted_path")),
        translation_key=OuterRef(OuterRef("translation_key")),
        locale__language_code=settings.LANGUAGE_CODE,
    )
    return Exists(restrictions().filter(Exists(sources)))


def not_expired() -> Q:
    """Neither the page nor, for an alias, its source is past its expiry date: the scheduler unpublishes expired
    pages once a minute, but no page is served a second past its date, whether the scheduler ran or not.

    The database's clock (`Now()`), not the process's: the statement then holds no moment of its own, so that the
    SQL of a visibility check is the same on every request and can be compiled once (campaign.catalogue)."""
    return unexpired() & unexpired("alias_of__")


def unexpired(prefix: str = "") -> Q:
    """The page at `prefix` (itself by default) has no expiry date, or one still ahead on the database's clock."""
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": Now()})


# What every ServedPage reads besides the page's row: its locale, an alias's source (for the canonical URL) and the
# record of a translation's publication (for its status).
PAGE_JOINS = ("locale", "alias_of__locale", "published_translation")


def started_without_live_source() -> Q:
    """A translation started but never published serves its French page, as an alias does: unpublished or expired
    in French, it is gone from every language, as Wagtail unpublishes the aliases of an unpublished page."""
    live_sources = Page.objects.filter(translation_key=OuterRef("translation_key"), live=True).filter(
        source_locale_q(), unexpired()
    )
    return started_q() & ~Exists(live_sources)


def visible_pages(model: type[Page] = Page):
    """Only live, unexpired pages without view restrictions (password, groups, login) ever leave through the API; a
    page serving its French source (alias, translation never published) only while that source is live.

    Restrictions are looked for in the page's own tree, in its source's tree for an alias (an alias lives in
    another tree than its source, out of reach of the source's restrictions) and in the French tree for a
    translation. Every check is a subquery or a join of the one SQL query (Wagtail's `public()` costs two more
    queries). The locale, the alias's source locale and the translation's publication are joined, and the French
    version's last publication annotated: every ServedPage reads them to know its translation status.

    A fresh queryset each call, cloned from one built once per model and process (`visibility`).
    """
    return visibility(model).all()


@cache
def visibility(model: type[Page]):
    """The queryset of visible_pages, never evaluated itself: building its checks cost 2.5 ms, more than cloning it
    (0.07 ms), and nothing in it depends on the request or the moment (expiry is checked on the database's clock),
    so every request can start from the same one, as a form's choices start from its field's queryset."""
    pages = (
        model.objects.live()
        .filter(not_expired())
        .exclude(started_without_live_source())
        .exclude(restricted("path"))
        .exclude(Q(alias_of__isnull=False) & restricted("alias_of__path"))
        .exclude(source_restricted())
        .select_related(*PAGE_JOINS)
    )
    return with_source_published_at(pages)


@dataclass(frozen=True)
class ServedPage:
    """`page` is the page of the requested locale's tree, which gives the address, the locale and the status.

    `content` is what visitors read: the page itself when translated (or outdated), an alias's own copy of the
    French content, or, for a translation started but never published, the French `source` (loaded by `serve`).

    `previewed`: a draft from the admin's preview, whose relations live on the unsaved object, not in the tables.
    """

    page: Page
    source: Page | None = None
    previewed: bool = False

    @cached_property
    def status(self) -> TranslationStatus:
        return status_of(self.page)

    @property
    def is_fallback(self) -> bool:
        return self.status.serves_source

    @property
    def publication(self) -> PublishedTranslation | None:
        """The publication of this locale's content, for a TRANSLATED or OUTDATED page."""
        return None if self.is_fallback else publication_of(self.page)

    @property
    def content(self) -> Page:
        return self.source if self.source is not None else self.page

    @cached_property
    def specific(self) -> Page:
        return self.content.specific

    @property
    def locale_code(self) -> str:
        return self.page.locale.language_code

    @property
    def content_locale_code(self) -> str:
        return settings.LANGUAGE_CODE if self.is_fallback else self.locale_code

    @property
    def url(self) -> str:
        return frontend_path(self.page)

    @property
    def original_url(self) -> str:
        """The French original's frontend path: where a fallback's content really lives."""
        original = self.page.alias_of or self.source
        return frontend_path(original) if self.is_fallback and original is not None else self.url

    @property
    def canonical_url(self) -> str:
        """A fallback is a copy of the French page: search engines are sent to the original."""
        return settings.FRONTEND_URL + self.original_url

    def translations(self) -> list["ServedPage"]:
        """The other locales' versions that visitors can reach, for hreflang and the language switcher."""
        return translations_of([self])[self.page.translation_key]

    def breadcrumbs(self) -> list["ServedPage"]:
        """From the locale's home page down to the parent; hidden ancestors break no chain, they are skipped."""
        ancestors = visible_pages().ancestor_of(self.page).filter(depth__gte=2)
        return serve(ancestors.order_by("depth"))


def serve(pages: Iterable[Page], *joins: str) -> list[ServedPage]:
    """The pages as visitors get them: the French sources of translations started but never published are read in
    one query per page type (with `joins` of their foreign keys), whatever the number of pages."""
    pages = list(pages)
    started = [page for page in pages if status_of(page) is TranslationStatus.IN_PROGRESS]
    sources = french_sources(started, joins)
    return [ServedPage(page, sources.get(page.translation_key)) for page in pages]


def french_sources(pages: list[Page], joins: tuple[str, ...]) -> dict:
    by_model: dict[type[Page], list] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page.translation_key)
    found = {}
    for model, keys in by_model.items():
        sources = model.objects.filter(source_locale_q(), translation_key__in=keys).select_related("locale", *joins)
        if model is Page:
            sources = sources.specific()
        found.update({source.translation_key: source for source in sources})
    return found


def page_at_path(path: str) -> ServedPage | None:
    """`/en/charter/dignity/` → the page at that path of the English tree, or None when nothing visible is there."""
    segments = [segment for segment in path.strip().strip("/").split("/") if segment]
    if not segments:
        return None
    try:
        locale = get_locale(segments[0])
    except UnknownLocale:
        return None
    home = visible_pages().filter(depth=2, locale=locale).first()
    if home is None:
        return None
    url_path = home.url_path + "".join(f"{segment}/" for segment in segments[1:])
    page = visible_pages().filter(url_path=url_path).first()
    return serve([page])[0] if page else None


def page_in_locale(page_id: int, locale: Locale) -> ServedPage | None:
    """The version of page `page_id` (any language) that `locale`'s tree holds, if visible."""
    source = Page.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
    if source is None:
        return None
    page = visible_pages().filter(translation_key=source, locale=locale).first()
    return serve([page])[0] if page else None


def section(model: type[Page], locale: Locale) -> ServedPage | None:
    """The one page of a section type (charter, timeline, campaign…) in `locale`'s tree."""
    page = visible_pages(model).filter(locale=locale).first()
    return serve([page])[0] if page else None


def children(parent: ServedPage, model: type[Page], order: tuple) -> list[ServedPage]:
    return serve(visible_pages(model).child_of(parent.page).order_by(*order))


# Chronological; an unknown month or day sorts before the known ones of the same year or month, on every database.
CHRONOLOGICAL = (F("year").asc(), F("month").asc(nulls_first=True), F("day").asc(nulls_first=True), "sort_key")


def milestones(timeline: ServedPage) -> list[ServedPage]:
    return children(timeline, MilestonePage, CHRONOLOGICAL)


def in_locale(pages: list[Page], locale: Locale, model: type[Page] = Page) -> list[ServedPage]:
    """Each page (given in any language) as `locale`'s tree holds it, in the given order; hidden ones dropped."""
    keys = [page.translation_key for page in pages]
    found = {
        page.translation_key: page for page in visible_pages(model).filter(locale=locale, translation_key__in=keys)
    }
    return serve(found[key] for key in keys if key in found)


# Entries per sitemap page: the cap of every list of the API (API-CONTRACT: `limit` is capped at 100), so that a
# page of the sitemap costs what a page of a list costs, the same at 57 stories (112 pages per language) as at
# 2,000. A page of the API's sitemap is one sitemap file of the frontend's sitemap index.
SITEMAP_PAGE_SIZE = 100

# What a sitemap entry reads of a page and of its other versions: address, language, translation status, title and
# last publication. Loading these columns only (not the alias's source page, not the 20 others of the page's row)
# takes 30 % off the cost of an entry (500 entries: 175 -> 122 ms).
ENTRY_COLUMNS = (
    "url_path",
    "translation_key",
    "title",
    "last_published_at",
    "alias_of",
    "locale__language_code",
    "published_translation__source_synced_at",
)


def entry_columns(pages):
    return pages.select_related(None).select_related("locale", "published_translation").only(*ENTRY_COLUMNS)


def sitemap_pages(locale: Locale):
    """The visible pages of `locale`'s tree written in its language, in tree order. Fallbacks are left out: their
    canonical URL is the French original, which the French sitemap lists."""
    own = visible_pages().filter(depth__gte=2, locale=locale)
    return own.exclude(alias_of__isnull=False).exclude(started_q()).order_by("path")


def sitemap_page_count(locale: Locale) -> int:
    """How many sitemap pages `locale` has (at least one, empty for a site without pages): one COUNT query."""
    return max(1, -(-sitemap_pages(locale).count() // SITEMAP_PAGE_SIZE))


def sitemap(locale: Locale, page: int = 1) -> list[tuple[ServedPage, list[ServedPage]]]:
    """Page `page` (from 1) of `locale`'s sitemap: at most SITEMAP_PAGE_SIZE pages with their other-language
    versions, from the same few queries whatever the size of the site; a page past the last one is empty."""
    start = (page - 1) * SITEMAP_PAGE_SIZE
    served = serve(entry_columns(sitemap_pages(locale))[start : start + SITEMAP_PAGE_SIZE])
    others = translations_of(served, entry_columns)
    return [(item, others[item.page.translation_key]) for item in served]


def hreflang_alternates(served: ServedPage, others: list[ServedPage]) -> list[tuple[str, ServedPage]]:
    """hreflang links of a page: its versions written in their own language, itself included, and x-default → the
    French original. A fallback has none: its canonical URL is the original, which carries them."""
    if served.is_fallback:
        return []
    versions = sorted(
        (item for item in (served, *others) if item.status.is_alternate), key=lambda item: item.page.locale_id
    )
    original = [item for item in versions if item.status is TranslationStatus.SOURCE]
    return [(item.locale_code, item) for item in versions] + [("x-default", item) for item in original]


def translations_of(served: list[ServedPage], columns: Callable = QuerySet.all) -> dict:
    """The other visible language versions of several pages, from one query, by translation key; `columns` narrows
    what is read of them (entry_columns)."""
    keys = {item.page.translation_key for item in served}
    own = {item.page.pk for item in served}
    found: dict = {key: [] for key in keys}
    others = visible_pages().filter(translation_key__in=keys).exclude(pk__in=own)
    for item in serve(columns(others.order_by("locale_id"))):
        found[item.page.translation_key].append(item)
    return found


def search_pages(text: str, locale: Locale, limit: int, offset: int) -> "search_query.Found":
    """The visible pages of `locale`'s tree matching `text`, best first, `limit` of them from `offset`, with their
    total: translations match in the locale's language, pages serving their French source (aliases, translations
    started but never published) in French, as their visitors read them (campaign.search)."""
    words = search_words(text).split()
    candidates = visible_pages().filter(locale=locale, depth__gte=3)
    return search_query.search(words, candidates, locale, limit, offset)


def as_read(pages, fields: tuple[str, ...]) -> list[dict]:
    """`fields` of each page as its visitors read them, with `served_pk` the page of the locale's tree: the page's
    own values, or its French source's for a translation started but never published. One query, and a second
    only when such translations exist."""
    started = ExpressionWrapper(started_q(), output_field=BooleanField())
    rows = list(pages.annotate(started=started).values(*fields, "started"))
    started_pks = {str(row["translation_key"]): row["pk"] for row in rows if row["started"]}
    read = [{**row, "served_pk": row["pk"]} for row in rows if not row["started"]]
    if started_pks:
        sources = pages.model.objects.filter(source_locale_q(), translation_key__in=started_pks).values(*fields)
        read += [{**row, "served_pk": started_pks[str(row["translation_key"])]} for row in sources]
    return read


def pages_of(model: type[Page], joins: tuple[str, ...]) -> QuerySet:
    """Pages of `model` with what ServedPage reads and `joins`."""
    return with_source_published_at(model.objects.select_related(*PAGE_JOINS, *joins))


def served_pages(ids: list[int], model: type[Page] = Page, *joins: str) -> list[ServedPage]:
    """Pages by id, specific, in the given order: one query for one model (with `joins` of its foreign keys); for
    any page, one per page type and three for what ServedPage reads (Wagtail's specific pages drop the joins)."""
    if model is Page:
        pages = list(with_source_published_at(Page.objects.filter(pk__in=ids)).specific())
        prefetch_related_objects(pages, *PAGE_JOINS)
    else:
        pages = by_ids(pages_of, model, connection.vendor, joins).fetch(ids)
    by_id = {page.pk: page for page in pages}
    return serve((by_id[pk] for pk in ids if pk in by_id), *joins)
