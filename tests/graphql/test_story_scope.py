"""Where a story happens: a local story has cities (map pins); a national, regional or global one has none and is
found under its scope, its country or its region. And what cities did for each priority of the Call to Local Action:
the actions the 2023 report prints under it."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from campaign.catalogue.story_catalogue import stored_rows_current
from campaign.loader.errors import ContentError
from campaign.loader.parts import story_scope
from campaign.loader.reader import Entry

pytestmark = pytest.mark.django_db

STORIES = """query ($filter: CityStoryFilter, $locale: String) {
  cityStories(locale: $locale, filter: $filter, limit: 100) {
    totalCount
    items { title scope { code label } scopeCountry { code name } scopeRegion { code label } cities { name } }
    facets { scopes { value label count } countries { value count } }
  }
}"""
PRIORITIES = """query ($locale: String) {
  actionPriorities(locale: $locale) { number title stories { title scope { code } cities { name } } }
}"""


def content_stories() -> list[dict]:
    folder = Path(settings.BASE_DIR) / "campaign" / "content" / "stories"
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in folder.glob("*.yaml")]


def test_global_stories_have_no_place_on_the_map(graphql):
    found = graphql(STORIES, filter={"scopes": ["global"]}, locale="en")["data"]["cityStories"]
    expected = [story for story in content_stories() if (story.get("scope") or {}).get("level") == "global"]
    assert found["totalCount"] == len(expected) >= 4
    for item in found["items"]:
        assert item["cities"] == [] and item["scopeCountry"] is None
        assert item["scope"] == {"code": "global", "label": "Global"}


def test_a_national_story_is_found_under_its_country(graphql):
    found = graphql(STORIES, filter={"scopes": ["national"], "countries": ["FR"]}, locale="es")["data"]
    items = found["cityStories"]["items"]
    assert [item["scopeCountry"] for item in items] == [{"code": "FR", "name": "Francia"}]
    assert items[0]["scope"] == {"code": "national", "label": "Nacional"}
    assert items[0]["cities"] == []


def test_a_regional_story_names_its_region(graphql):
    items = graphql(STORIES, filter={"scopes": ["regional"]}, locale="fr")["data"]["cityStories"]["items"]
    assert [(item["scopeRegion"], item["cities"]) for item in items] == [({"code": "europe", "label": "Europe"}, [])]


def test_the_scope_facet_counts_every_story_once(graphql):
    found = graphql(STORIES, locale="en")["data"]["cityStories"]
    counts = {facet["value"]: facet["count"] for facet in found["facets"]["scopes"]}
    assert sum(counts.values()) == found["totalCount"] == len(content_stories())
    assert set(counts) == {"local", "national", "regional", "global"}


def test_an_unknown_scope_is_refused_by_name(graphql):
    body = graphql(STORIES, filter={"scopes": ["planetary"]})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "planetary" in body["errors"][0]["message"]


def test_each_priority_lists_the_actions_printed_under_it(graphql, django_assert_max_num_queries):
    expected = {}
    for story in content_stories():
        if story.get("report_priority"):
            expected.setdefault(story["report_priority"], set()).add(story["slug"])
    assert sum(len(slugs) for slugs in expected.values()) == 30  # the "Action en …" entries of 003:586-877
    assert stored_rows_current()  # as between two publications: the request reads their state, one query
    with django_assert_max_num_queries(21):
        priorities = graphql(PRIORITIES, locale="en")["data"]["actionPriorities"]
    assert [priority["number"] for priority in priorities] == list(range(1, 9))
    assert {p["number"]: len(p["stories"]) for p in priorities} == {n: len(s) for n, s in expected.items()}
    lampedusa = next(p for p in priorities if p["number"] == 6)
    assert any(story["cities"] == [{"name": "Lampedusa"}] for story in lampedusa["stories"])


def scope_of(data: dict):
    return story_scope(Entry({"slug": "x", **data}, "stories/x.yaml"))


def test_the_loader_reads_a_scope_and_refuses_a_contradiction():
    city = {"name": "Paris", "country": "FR", "region": "europe", "latitude": 48.8566, "longitude": 2.3522}
    assert scope_of({"cities": [city]}) == ({"scope": "local", "scope_country": ""}, None)
    national = {"level": "national", "country": "FR", "evidence": "France"}
    assert scope_of({"scope": national, "cities": []}) == ({"scope": "national", "scope_country": "FR"}, None)
    regional = {"level": "regional", "region": "europe", "evidence": "Europe"}
    assert scope_of({"scope": regional, "cities": []}) == ({"scope": "regional", "scope_country": ""}, "europe")
    refused = [
        ({"cities": []}, "a local story takes place in at least one city"),
        ({"scope": national, "cities": [city]}, "a national story has no city"),
        ({"scope": {"level": "national", "evidence": "France"}, "cities": []}, "required field is missing"),
        ({"scope": {**regional, "country": "FR"}, "cities": []}, "only a national story names a country"),
        ({"scope": {"level": "global"}, "cities": []}, "required field is missing"),
        ({"scope": {"level": "planet", "evidence": "x"}, "cities": []}, "must be national, regional or global"),
    ]
    for data, message in refused:
        with pytest.raises(ContentError, match=message):
            scope_of(data)
