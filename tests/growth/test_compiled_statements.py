"""Stories by id from a statement compiled once per process (campaign.compiled): the same pages, in the same order,
with the same relations joined, as the queryset it stands for, and no compiling after the first time."""

import random

import pytest
from django.db.models.sql.compiler import SQLCompiler

from campaign.i18n.localization import pages_of, serve, served_pages
from campaign.models import CharterPage, CityStoryPage

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


def test_the_statement_is_compiled_once(monkeypatch):
    served_pages(story_ids("es")[:2], CityStoryPage, *JOINS)
    ids = story_ids("en")[:12]
    compiles = []
    compile_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        compiles.append(self.query.model)
        return compile_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    found = served_pages(ids, CityStoryPage, *JOINS)

    assert [item.page.pk for item in found] == ids
    assert compiles == []
