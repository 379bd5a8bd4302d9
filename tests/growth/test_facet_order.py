"""Story facets: numeric dimensions carry their values as numbers, and facets list by count or in CHARTER order."""

import pytest

pytestmark = pytest.mark.django_db

FACETS = """query($locale: String, $order: FacetOrder) { cityStories(locale: $locale, limit: 1) {
  facets(order: $order) { scopes { value count } regions { value count } principles { value number count }
    actionPriorities { number count } themes { value number count } years { value number count } } } }"""


def facets(graphql, **variables) -> dict:
    body = graphql(FACETS, **variables)
    assert "errors" not in body, body
    return body["data"]["cityStories"]["facets"]


def test_numeric_facets_carry_numbers_and_codes_none(graphql):
    found = facets(graphql, locale="fr")
    assert found["principles"] and all(v["number"] == int(v["value"]) for v in found["principles"])
    assert found["years"] and all(v["number"] == int(v["value"]) for v in found["years"])
    assert all(v["number"] is None for v in found["themes"])


@pytest.mark.parametrize("locale", ["fr", "es"])
def test_charter_order_lists_the_same_counts_in_the_site_order(graphql, locale):
    charter = facets(graphql, locale=locale, order="CHARTER")
    by_count = facets(graphql, locale=locale, order="COUNT")
    for dimension in ("principles", "actionPriorities", "years"):
        numbers = [v["number"] for v in charter[dimension]]
        assert numbers == sorted(numbers)
        assert sorted(map(tuple, map(dict.items, charter[dimension]))) == sorted(
            map(tuple, map(dict.items, by_count[dimension]))
        )
    assert [v["value"] for v in charter["scopes"]] == [
        scope
        for scope in ("local", "national", "regional", "global")
        if scope in {v["value"] for v in charter["scopes"]}
    ]
    counts = [v["count"] for v in by_count["principles"]]
    assert counts == sorted(counts, reverse=True)


def test_without_order_facets_are_by_count(graphql):
    assert facets(graphql, locale="en") == facets(graphql, locale="en", order="COUNT")
