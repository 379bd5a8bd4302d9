"""A request may create only so many new image renditions (GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST): the fields
beyond answer null with RENDITION_LIMIT, a later request makes them, and existing renditions are always free.

Issue 12: one 1.5 KB query with 20 aliased rendition fields over 100 stories made 2,352 renditions in 217 s.
"""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image, Rendition

from campaign.models import CityStoryPage
from campaign.publishing.generations import forget_all

from .test_seed_content_operations import OPERATIONS, PATHS, SEARCH_WORDS

pytestmark = pytest.mark.django_db

# Three aliased fields per cover: two renditions and a srcset of three widths, five new renditions per cover.
COVERS = """
query ($limit: Int!) {
  cityStories(locale: "en", limit: $limit) {
    items {
      coverImage {
        small: rendition(spec: "fill-200x200") { url }
        square: rendition(spec: "fill-400x400") { url }
        widths: srcset(widths: [320, 480, 640])
      }
    }
  }
}
"""
FIELDS = ("small", "square", "widths")
ONE_SIZE = 'rendition(spec: "fill-200x200") { url }'
# The frontend's operations with the variables they are sent with; a story list of 12 is the largest.
FRONTEND_OPERATIONS = {
    "site": {"locale": "fr"},
    "home_page": {"path": PATHS["home"]["fr"]},
    "charter": {"locale": "fr"},
    "principle": {"path": PATHS["principle"]["fr"]},
    "timeline": {"locale": "fr"},
    "story_list": {"locale": "fr", "limit": 12},
    "story": {"path": PATHS["story"]["fr"]},
    "search": {"query": SEARCH_WORDS["fr"], "locale": "fr"},
    "language_switcher": {"path": PATHS["story"]["fr"]},
}


def covers(graphql, limit: int = 4) -> tuple[list[dict], list[dict]]:
    body = graphql(COVERS, limit=limit)
    return [item["coverImage"] for item in body["data"]["cityStories"]["items"]], body.get("errors", [])


def answered(images: list[dict]) -> int:
    return sum(image[name] is not None for image in images for name in FIELDS)


@pytest.fixture
def cold():
    """No rendition exists yet, as after a deploy with fresh storage or new images."""
    Rendition.objects.all().delete()


@pytest.mark.parametrize("operation", FRONTEND_OPERATIONS)
def test_every_frontend_operation_runs_cold_within_the_budget(graphql, cold, operation):
    query = (OPERATIONS / f"{operation}.graphql").read_text()
    body = graphql(query, **FRONTEND_OPERATIONS[operation])
    assert "errors" not in body, body["errors"]


@override_settings(GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST=8)
def test_a_request_creates_exactly_its_budget_and_the_rest_answer_null_with_a_code(graphql, cold):
    images, errors = covers(graphql)
    assert Rendition.objects.count() == 8
    # Covers in order: the first gets its five renditions, the second its two; its srcset is refused although one
    # of its three widths was made (kept for the next request), and so are the fields of the other covers.
    assert answered(images) == 5
    assert len(errors) == 12 - 5
    assert {error["extensions"]["code"] for error in errors} == {"RENDITION_LIMIT"}
    assert all("try again" in error["message"] for error in errors)
    refused = {tuple(error["path"][-2:]) for error in errors}
    assert refused == {("coverImage", name) for image, name in nulls(images)}


def nulls(images: list[dict]) -> list[tuple[dict, str]]:
    return [(image, name) for image in images for name in FIELDS if image[name] is None]


@override_settings(GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST=7)
def test_each_request_makes_more_until_nothing_is_missing(graphql, cold):
    """The same document again: an answer with RENDITION_LIMIT errors must not be served from the response cache."""
    progress = []
    for _ in range(4):
        images, errors = covers(graphql)
        progress.append((Rendition.objects.count(), answered(images), len(errors)))
    assert progress == [(7, 5, 7), (14, 8, 4), (20, 12, 0), (20, 12, 0)]


@override_settings(GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST=0)
def test_renditions_that_exist_never_count_against_the_budget(graphql, cold):
    story_covers = Image.objects.filter(pk__in=CityStoryPage.objects.values("cover_image"))
    for image in story_covers:
        image.get_renditions("fill-200x200", "fill-400x400", "width-320", "width-480", "width-640")
    made = Rendition.objects.count()
    images, errors = covers(graphql, limit=12)
    assert errors == [] and answered(images) == 3 * 12
    assert Rendition.objects.count() == made


@override_settings(GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST=1)
def test_an_answer_with_refused_renditions_is_not_stored_by_browsers_or_cdns(client, cold):
    response = client.get("/graphql/", {"query": COVERS, "variables": json.dumps({"limit": 2})})
    assert response.status_code == 200
    assert "RENDITION_LIMIT" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


@override_settings(GRAPHQL_MAX_NEW_RENDITIONS_PER_REQUEST=3)
def test_aliases_asking_distinct_renditions_of_one_image_stop_at_the_budget(client, cold):
    aliases = " ".join(f"w{width}: srcset(widths: [{width}])" for width in (320, 480, 640, 800, 1024, 1200, 1600))
    query = f'{{ page(path: "{PATHS["story"]["en"]}") {{ ... on CityStoryPage {{ coverImage {{ {aliases} }} }} }} }}'
    body = client.post("/graphql/", {"query": query}, content_type="application/json").json()
    assert Rendition.objects.count() == 3
    assert [error["extensions"]["code"] for error in body["errors"]] == ["RENDITION_LIMIT"] * 4


def test_a_rendition_read_from_the_database_costs_no_query_in_the_next_request(graphql, cold):
    query = f'{{ page(path: "{PATHS["story"]["en"]}") {{ ... on CityStoryPage {{ coverImage {{ {ONE_SIZE} }} }} }} }}'
    graphql(query)  # made
    cache.clear()  # a restart, or the rendition evicted from the cache: it is read from the database
    graphql(query)
    forget_all()  # the next answer is computed again
    with CaptureQueriesContext(connection) as queries:
        body = graphql(query)
    assert body["data"]["page"]["coverImage"]["rendition"]["url"]
    assert not [sql for sql in queries if "wagtailimages_rendition" in sql["sql"]]
