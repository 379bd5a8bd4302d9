"""Running a visitor's search over the documents of a locale (campaign.search.documents).

PostgreSQL: full-text search in each document's language (its stemmer after `unaccent`: "refugies" finds
"réfugiés", "refugiadas" finds "refugiados"), the last word typed matched as a prefix ("réfug" finds "réfugié"),
the GIN index on the stored vectors doing the matching, ranking, counting and paging in SQL, and when nothing is
found, each word unknown to the locale's documents replaced by the nearest known word (pg_trgm similarity over
the words table: one typo). SQLite (the demo): folded words matched with LIKE, accent- and case-insensitive, the
last word as a prefix, no stemming nor typo correction.

A snippet is a passage of the page's text with the words found in <mark>…</mark>: HTML in which everything else is
escaped, safe to insert as it is.
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import StrIndex
from wagtail.models import Locale, Page

from campaign.search.languages import MIN_WORD_LENGTH, config_of, stemmable
from campaign.text.plain import search_words, word_key

# The last word typed is a prefix once it is this long: "mi" would match half the site.
MIN_PREFIX_LENGTH = 3
# Snippets: ts_headline's selection marks (control characters, which the documents' text never holds: see
# campaign.text.plain.visible), turned into <mark> once the rest is escaped.
START, STOP = "\x02", "\x03"
SNIPPET_WORDS = 30
SNIPPET_WORDS_BEFORE = 8
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Hit:
    page_id: int
    snippet: str


@dataclass(frozen=True)
class Found:
    total: int
    hits: list[Hit]


def marked(text: str) -> str:
    """Text with START/STOP selection marks as HTML: everything escaped, the selections in <mark>."""
    return html.escape(text).replace(START, "<mark>").replace(STOP, "</mark>")


def search(words: list[str], candidates: QuerySet, locale: Locale, limit: int, offset: int) -> Found:
    """`candidates`: the pages visitors may see (campaign.i18n.localization.visible_pages) of the locale's tree."""
    keys = [key for key in (word_key(word) for word in words) if key]
    if not keys:
        return Found(0, [])
    if connection.vendor == "postgresql":
        languages = list(dict.fromkeys([locale.language_code, "fr"]))
        return full_text(keys, candidates, languages, limit, offset)
    return folded(keys, candidates, limit, offset)


def matching_pages(text: str, locale: Locale) -> QuerySet:
    """The locale's pages whose documents hold the words of a visitor's text as the site search matches them
    (stemmed and unaccented on PostgreSQL, folded on SQLite; the last word as a prefix; at most MAX_SEARCH_WORDS
    words), unranked: a filter for lists with a search box of their own, the story list, so that both boxes find
    the same stories."""
    keys = [key for key in (word_key(word) for word in search_words(text).split()) if key]
    pages = Page.objects.filter(locale=locale)
    if not keys:
        return pages
    if connection.vendor == "postgresql":
        return matching(keys, pages, list(dict.fromkeys([locale.language_code, "fr"])))[0]
    return pages.filter(folded_condition(keys))


# PostgreSQL ----------------------------------------------------------------------------------------------------


def visitor_query(keys: list[str], languages: list[str]) -> SearchQuery:
    """All the words (folded: no operator of to_tsquery's syntax in them), the last one also as a prefix, parsed in
    each language a document of the locale can be in (its own, French for the pages serving their source)."""
    queries = [
        SearchQuery(tsquery(keys, language), search_type="raw", config=config_of(language)) for language in languages
    ]
    query = queries[0]
    for other in queries[1:]:
        query = query | other
    return query


def tsquery(keys: list[str], language: str) -> str:
    *whole, last = stemmable(" ".join(keys), language).split()
    return " & ".join([*whole, f"{last}:*" if len(last) >= MIN_PREFIX_LENGTH else last])


def full_text(keys: list[str], candidates: QuerySet, languages: list[str], limit: int, offset: int) -> Found:
    found = run(keys, candidates, languages, limit, offset)
    if found.total == 0:
        corrected = corrections(keys, languages)
        if corrected != keys:
            found = run(corrected, candidates, languages, limit, offset)
    return found


def matching(keys: list[str], candidates: QuerySet, languages: list[str]) -> tuple[QuerySet, SearchQuery]:
    query = visitor_query(keys, languages)
    return candidates.filter(search_document__vector=query), query


def run(keys: list[str], candidates: QuerySet, languages: list[str], limit: int, offset: int) -> Found:
    """Two queries: the count, and the page of hits with their snippets (ts_headline runs on that page only)."""
    found, query = matching(keys, candidates, languages)
    total = found.count()
    if total <= offset:
        return Found(total, [])
    snippet = SearchHeadline(
        F("search_document__body"),
        query,
        config=F("search_document__config"),
        start_sel=START,
        stop_sel=STOP,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS // 2,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = (
        found.annotate(rank=SearchRank(F("search_document__vector"), query), snippet=snippet)
        .order_by("-rank", "path")
        .values_list("pk", "snippet")[offset : offset + limit]
    )
    return Found(total, [Hit(pk, marked(text)) for pk, text in rows])


def corrections(keys: list[str], languages: list[str]) -> list[str]:
    """Each word no document of these languages holds, replaced by the most similar word one holds (pg_trgm's
    similarity above its threshold, found through the trigram index of the words table). Only asked when nothing
    matched: a last word that begins a known word has matched already. A words table rather than the titles: a typo
    is as likely in a word of the body, and the table is small (one row per distinct word and language)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM campaign_searchword WHERE language = ANY(%s) AND word = ANY(%s)", [languages, keys]
        )
        known = {row[0] for row in cursor.fetchall()}
        corrected = []
        for key in keys:
            if key in known or len(key) < MIN_WORD_LENGTH:
                corrected.append(key)
                continue
            cursor.execute(
                "SELECT word FROM campaign_searchword WHERE language = ANY(%s) AND word %% %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
                [languages, key, key],
            )
            nearest = cursor.fetchone()
            corrected.append(nearest[0] if nearest else key)
    return corrected


# SQLite --------------------------------------------------------------------------------------------------------


def folded(keys: list[str], candidates: QuerySet, limit: int, offset: int) -> Found:
    """Whole folded words, the last one as a prefix, in the document's folded text (spaces around each word), found
    in the title first."""
    found = candidates.filter(folded_condition(keys))
    total = found.count()
    # Best first: where the first word appears earliest (the folded text is the title, then places, then body).
    first = StrIndex("search_document__folded", Value(f" {keys[0]}"))
    rows = found.order_by(first, "path").values_list("pk", "search_document__body")[offset : offset + limit]
    return Found(total, [Hit(pk, python_snippet(body, keys)) for pk, body in rows])


def folded_condition(keys: list[str]) -> Q:
    """Whole folded words, the last one as a prefix, in the document's folded text (spaces around each word)."""
    *whole, last = keys
    condition = Q(search_document__folded__contains=f" {last}")
    for key in whole:
        condition &= Q(search_document__folded__contains=f" {key} ")
    return condition


def python_snippet(text: str, keys: list[str]) -> str:
    """ts_headline's counterpart: SNIPPET_WORDS words from a little before the first word found, found words marked."""
    *whole, last = keys

    def hit(token: str) -> bool:
        key = word_key(token)
        return key in whole or key.startswith(last)

    tokens = list(WORD.finditer(text))
    first = next((index for index, token in enumerate(tokens) if hit(token.group())), 0)
    window = tokens[max(0, first - SNIPPET_WORDS_BEFORE) : max(0, first - SNIPPET_WORDS_BEFORE) + SNIPPET_WORDS]
    if not window:
        return ""
    start, end = window[0].start(), window[-1].end()
    parts, position = [], start
    for token in window:
        if hit(token.group()):
            parts += [text[position : token.start()], START, token.group(), STOP]
            position = token.end()
    parts.append(text[position:end])
    return marked("".join(parts))
