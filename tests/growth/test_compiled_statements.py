"""Statements compiled once per process (campaign.compiled): stories by id, the same pages in the same order with the
same relations joined as the queryset they stand for; the locale, taxonomy, collection and state lookups every
request makes; and no compiling of them after the first time, while what they read is read anew each time."""

import random

import pytest
from django.db.models.sql.compiler import SQLCompiler
from wagtail.images.models import Rendition
from wagtail.models import Locale

from campaign.assets.alt_text import ImageAltText
from campaign.i18n.locales import locale_of
from campaign.i18n.localization import pages_of, serve, served_pages
from campaign.models import CharterPage, CityStoryPage
from campaign.publishing.generations import forget_all

pytestmark = pytest.mark.django_db

JOINS = ("cover_image", "scope_region")


def story_ids(language: str) -> list[int]:
    ids = list(CityStoryPage.objects.filter(locale__language_code=language).values_list("pk", flat=True))
    random.Random(language).shuffle(ids)
    return ids


def described(item) -> tuple:
    page = item.page
    return (
        page.pk,
        page.title,
        page.locale.language_code,
        page.alias_of.pk if page.alias_of else None,
        item.status,
        item.url,
        page.cover_image_id,
        page.source_published_at,
        item.specific.summary,
    )


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_the_stories_are_those_the_queryset_gives_in_the_order_asked(language):
    ids = story_ids(language)[:20]
    expected = {page.pk: page for page in pages_of(CityStoryPage, JOINS).filter(pk__in=ids)}

    found = served_pages(ids, CityStoryPage, *JOINS)

    assert [item.page.pk for item in found] == ids
    assert [described(item) for item in found] == [described(item) for item in served_pages_of(expected, ids)]


def served_pages_of(pages: dict, ids: list[int]) -> list:
    return serve((pages[pk] for pk in ids), *JOINS)


def test_ids_of_no_such_story_are_left_out():
    ids = story_ids("en")[:3]
    charter = CharterPage.objects.first().pk
    missing = max(CityStoryPage.objects.values_list("pk", flat=True)) + 1000

    found = served_pages([ids[0], charter, ids[1], missing, ids[2]], CityStoryPage, *JOINS)

    assert [item.page.pk for item in found] == ids


def test_no_id_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert served_pages([], CityStoryPage, *JOINS) == []


@pytest.mark.parametrize("count", [1, 7, 20])
def test_any_number_of_stories_is_one_query_with_their_relations(count, django_assert_num_queries):
    ids = story_ids("en")[:count]
    with django_assert_num_queries(1):
        found = served_pages(ids, CityStoryPage, *JOINS)
        assert [described(item) for item in found]
        assert [(item.page.scope_region, item.page.cover_image) for item in found]
    assert len(found) == count


def compiles(monkeypatch) -> list:
    """The models of the statements Django compiles from now on."""
    models = []
    compile_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        models.append(self.query.model)
        return compile_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return models


def test_the_statement_is_compiled_once(monkeypatch):
    served_pages(story_ids("es")[:2], CityStoryPage, *JOINS)
    ids = story_ids("en")[:12]
    compiled = compiles(monkeypatch)

    found = served_pages(ids, CityStoryPage, *JOINS)

    assert [item.page.pk for item in found] == ids
    assert compiled == []


STORY_LIST = """{ cityStories(locale: "en", limit: 20) { items { id title url summary
  coverImage { rendition(spec: "fill-400x225") { url width height } }
  cities { name latitude longitude } actionPriorities { number title } } } }"""


def test_a_cold_story_list_compiles_only_its_image_lookups_after_the_first(graphql, monkeypatch):
    """Its stories, locales, taxonomies, restricted collections and stored stories' state come from statements
    compiled once; what remains compiled per request is what depends on the images of the page."""
    first = graphql(STORY_LIST)
    forget_all()
    compiled = compiles(monkeypatch)

    assert graphql(STORY_LIST) == first
    assert set(compiled) <= {Rendition, ImageAltText}


def test_a_compiled_lookup_reads_the_table_anew_each_time():
    with pytest.raises(Locale.DoesNotExist):
        locale_of("de")
    created = Locale.objects.create(language_code="de")

    assert locale_of("de") == created
