"""Writing the search documents: one per live page below a locale's home, in the language its visitors read it.

A page's document depends on its own content, on its French source's (an alias, a translation started but never
published, serve the source) and on its cities: so every change rewrites the documents of the page's whole
translation group (its versions in every locale), a constant cost however large the site. Visibility (view
restrictions, expiry, a source taken offline) is not in the documents: the search applies it when it runs.
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager
from uuid import UUID

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from wagtail.models import Page
from wagtail.search import index

from campaign.catalogue.cities import City
from campaign.i18n.localization import served_pages
from campaign.i18n.translation_state import source_locale_q
from campaign.pages.stories import CityStoryPage
from campaign.search.languages import MAX_WORD_LENGTH, MIN_WORD_LENGTH, config_of, stemmable
from campaign.search.models import SearchDocument, SearchWord
from campaign.search.places import place_names
from campaign.text.plain import visible, word_key


def text_of(value) -> str:
    """A search field's value as text: StreamFields and rich text give lists of plain-text strings."""
    if isinstance(value, list | tuple):
        return " ".join(text_of(item) for item in value)
    if isinstance(value, dict):
        return " ".join(text_of(item) for item in value.values())
    return "" if value is None else str(value)


def body_of(page: Page) -> str:
    """Every searchable field of the page (its model's `search_fields`) but the title, as plain text."""
    fields = [field for field in page.get_search_fields() if isinstance(field, index.SearchField)]
    texts = (text_of(field.get_value(page)) for field in fields if field.field_name != "title")
    return visible(" ".join(text for text in texts if text.strip()))


def places_of(page: Page) -> str:
    """A story's cities, under each locale's name and GeoNames' names, and its countries, in every language.

    The cities are the French version's, the same for every language (the snippet's translations give the names):
    a page's many-to-many fields are written after its row, so an alias saved with its source's content has none
    yet when its save is signalled, while its source's are there."""
    if not isinstance(page, CityStoryPage):
        return ""
    sources = CityStoryPage.objects.filter(source_locale_q(), translation_key=page.translation_key)
    keys = sources.values("cities__translation_key")
    cities = list(City.objects.filter(translation_key__in=keys).values_list("name", "country").distinct())
    countries = {country for _, country in cities} | ({page.scope_country.code} if page.scope_country else set())
    return " ".join(place_names([(name, str(country)) for name, country in cities], sorted(countries)))


def document_of(served) -> SearchDocument:
    content = served.specific
    language = served.content_locale_code
    title, body, places = visible(content.title), body_of(content), places_of(content)
    return SearchDocument(
        page_id=served.page.pk,
        language=language,
        config=config_of(language),
        title=title,
        body=body,
        places=places,
        folded=f" {word_key(' '.join((title, places, body)))} ",
    )


def index_translations(keys: Iterable[UUID]) -> None:
    """Rewrites the documents of every version of the pages with these translation keys; drops those of versions
    no longer live."""
    keys = set(keys)
    if not keys:
        return
    group = Page.objects.filter(translation_key__in=keys)
    live = list(group.filter(live=True, depth__gte=3).values_list("pk", flat=True))
    SearchDocument.objects.filter(page__in=group).exclude(page_id__in=live).delete()
    documents = [document_of(served) for served in served_pages(live)]
    write(documents)


def write(documents: list[SearchDocument]) -> None:
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["language", "config", "title", "body", "places", "folded"],
    )
    if connection.vendor != "postgresql":
        return
    for document in documents:
        SearchDocument.objects.filter(pk=document.page_id).update(vector=vector_of(document))
    SearchWord.objects.bulk_create(words_of(documents), ignore_conflicts=True)


def vector_of(document: SearchDocument) -> SearchVector:
    """The title, places and body, weighted in this order, stemmed in the document's language."""
    parts = [(document.title, "A"), (document.places, "B"), (document.body, "C")]
    title, places, body = (
        SearchVector(Value(stemmable(text, document.language)), weight=weight, config=document.config)
        for text, weight in parts
    )
    return title + places + body


def words_of(documents: list[SearchDocument]) -> list[SearchWord]:
    words = {
        (document.language, word)
        for document in documents
        for word in document.folded.split()
        if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH and not word.isdigit()
    }
    return [SearchWord(language=language, word=word) for language, word in sorted(words)]


def rebuild() -> int:
    """Every document again (after a migration, or to repair): returns how many pages have one."""
    SearchDocument.objects.all().delete()
    keys = set(Page.objects.filter(live=True, depth__gte=3).values_list("translation_key", flat=True))
    index_translations(keys)
    return SearchDocument.objects.count()


def build_if_missing() -> None:
    """A site whose content predates the search documents gets them (the loader's second run writes nothing)."""
    if not SearchDocument.objects.exists():
        rebuild()


_pending = threading.local()


def changed(translation_key: UUID) -> None:
    """A page's content, state or cities changed: its group is rewritten now, or at the end of `deferred()`."""
    keys = getattr(_pending, "keys", None)
    if keys is None:
        index_translations([translation_key])
    else:
        keys.add(translation_key)


@contextmanager
def deferred():
    """Pages changed inside the block are indexed once, when it ends without an error: the content loader saves
    each page several times (creation, revision, publication, aliases)."""
    if getattr(_pending, "keys", None) is not None:
        yield
        return
    _pending.keys = set()
    try:
        yield
        keys = _pending.keys
    finally:
        _pending.keys = None
    index_translations(keys)
