"""A request's cost is bounded before it runs: hostile documents are refused in time linear in their size, lists
count their items against a budget, and a query that still runs too long is stopped.

Time is measured in Python function calls (every call made while answering the request), not in seconds: the
count does not depend on the machine or its load, and an exponential expansion shows at once.
"""

import json
import time
from pathlib import Path

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType, parse

from graphql_api.cost import ListSize, directive_of, is_list, measure
from graphql_api.schema import build_schema, schema

from .counting import function_calls

pytestmark = pytest.mark.django_db

OPERATIONS = Path(__file__).parent.parent / "graphql" / "operations"


def post(client, query: str, **variables):
    return client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json")


def calls_to_answer(client, query: str) -> tuple[int, dict]:
    """The number of Python function calls made while the request is answered, and its JSON body."""
    count, response = function_calls(lambda: post(client, query))
    return count, response.json()


def doubling_spreads(levels: int) -> str:
    """Each fragment spreads the next one twice: 2**levels fields once expanded (the 961-byte bomb)."""
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on Query {{ locales {{ code }} }}")
    return "query { ...F0 } " + " ".join(fragments)


def doubling_nested(levels: int) -> str:
    """Each fragment selects the next one twice, one level deeper, under two aliases."""
    fragments = [
        f"fragment M{i} on MenuItem {{ a: children {{ ...M{i + 1} }} b: children {{ ...M{i + 1} }} }}"
        for i in range(levels)
    ]
    fragments.append(f"fragment M{levels} on MenuItem {{ url }}")
    return "query { site { mainMenu { ...M0 } } } " + " ".join(fragments)


def doubling_inline(levels: int) -> str:
    """Inline fragments inside named ones: the same doubling, another shape."""
    fragments = [f"fragment I{i} on Query {{ ... on Query {{ ...I{i + 1} }} ...I{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment I{levels} on Query {{ site {{ name }} }}")
    return "query { ...I0 } " + " ".join(fragments)


@pytest.mark.parametrize("bomb", [doubling_spreads, doubling_nested, doubling_inline])
def test_a_fragment_bomb_is_refused_in_time_linear_in_its_size(client, bomb):
    sizes = (12, 24, 48)
    calls_to_answer(client, bomb(sizes[0]))  # first request: lazy imports and memos
    counts = []
    for levels in sizes:
        calls, body = calls_to_answer(client, bomb(levels))
        assert [error["extensions"]["code"] for error in body["errors"]] == ["QUERY_TOO_COMPLEX"]
        counts.append(calls)
    per_level_small = (counts[1] - counts[0]) / (sizes[1] - sizes[0])
    per_level_large = (counts[2] - counts[1]) / (sizes[2] - sizes[1])
    # Linear: each added level costs about the same; an expansion would double the cost with each level.
    assert per_level_large <= 1.5 * per_level_small + 50, counts


def test_the_expanded_size_in_fields_is_a_limit_of_its_own(client, settings):
    settings.GRAPHQL_MAX_DEPTH = settings.GRAPHQL_MAX_ALIASES = settings.GRAPHQL_MAX_COST = 10**9
    body = post(client, doubling_spreads(10)).json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["fields"] == 2**10 * 2 and error["extensions"]["limit"] == settings.GRAPHQL_MAX_FIELDS


def test_aliases_are_counted_once_fragments_are_expanded(client):
    body = post(client, doubling_nested(6)).json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["aliases"] == 2 * (2**6 - 1)


def nested_related(levels: int) -> str:
    """A story's title and its related stories' titles, `levels` deep."""
    inner = "title"
    for _ in range(levels):
        inner = f"title relatedStories {{ {inner} }}"
    return inner


def related(levels: int) -> str:
    return f'{{ cityStories(locale: "fr", limit: 100) {{ items {{ {nested_related(levels)} }} }} }}'


@pytest.mark.parametrize("levels", [2, 4, 6])
def test_nested_lists_within_the_depth_limit_are_refused_by_their_cost(client, settings, levels):
    body = post(client, related(levels)).json()
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] > error["extensions"]["limit"] == settings.GRAPHQL_MAX_COST
    assert body["data"] is None


def test_the_cost_multiplies_each_list_by_its_limit_or_declared_size():
    document = parse("query ($n: Int) { cityStories(limit: $n) { items { title cities { name } } } }")
    cities = directive_of(schema._schema.type_map["CityStoryPage"].fields["cities"], ListSize).assumed_size
    # cityStories is an object (1); each of the n stories (1) holds up to `cities` cities (1 each).
    assert measure(schema._schema, document, {"n": 7}).cost == 1 + 7 * (1 + cities)
    assert measure(schema._schema, document, {}).cost == 1 + 12 * (1 + cities)  # the argument's default
    assert measure(schema._schema, document, {"n": 10_000}).cost == 1 + 100 * (1 + cities)  # clamped


def test_a_limit_variable_counts_as_the_value_sent(client, settings):
    query = "query ($n: Int) { cityStories(limit: $n) { items { relatedStories { title } } } }"
    settings.GRAPHQL_MAX_COST = measure(schema._schema, parse(query), {"n": 10}).cost
    assert "errors" not in post(client, query, n=10).json()
    assert post(client, query, n=11).json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


@pytest.mark.parametrize("operation", sorted(path.stem for path in OPERATIONS.glob("*.graphql")))
def test_every_frontend_operation_stays_well_within_the_budget(settings, operation):
    document = parse((OPERATIONS / f"{operation}.graphql").read_text())
    measured = measure(schema._schema, document, {})
    assert measured.cost * 3 <= settings.GRAPHQL_MAX_COST, measured
    assert measured.fields * 3 <= settings.GRAPHQL_MAX_FIELDS, measured
    assert measured.depth < settings.GRAPHQL_MAX_DEPTH


def test_every_list_field_declares_its_size():
    """A new list field without @listSize would be counted at the public maximum silently; declare it instead."""
    undeclared = [
        f"{type_name}.{field_name}"
        for type_name, graphql_type in schema._schema.type_map.items()
        if not type_name.startswith("__") and isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType)
        for field_name, definition in graphql_type.fields.items()
        if is_list(definition) and directive_of(definition, ListSize) is None
    ]
    assert undeclared == []


def test_the_schema_prints_each_list_size():
    sdl = schema.as_str()
    assert "directive @listSize" in sdl and "directive @cost" in sdl
    assert "relatedStories: [CityStoryPage!]! @listSize(assumedSize: 3) @cost(weight: 10)" in sdl


def test_a_query_still_running_after_the_deadline_is_stopped_with_one_error(client, settings, monkeypatch):
    from graphql_api.types import locales

    settings.GRAPHQL_EXECUTION_SECONDS = 0.05
    slow_section = locales.section

    def section(*args):
        time.sleep(0.06)
        return slow_section(*args)

    monkeypatch.setattr(locales, "section", section)
    query = '{ a: campaign(locale: "fr") { title } b: campaign(locale: "en") { title } site { name } }'
    body = client.get("/graphql/", {"query": query}).json()
    assert body == {"data": None, "errors": [body["errors"][0]]}
    assert body["errors"][0]["extensions"]["code"] == "TIMEOUT"

    monkeypatch.setattr(locales, "section", slow_section)
    settings.GRAPHQL_EXECUTION_SECONDS = 10
    assert "errors" not in client.get("/graphql/", {"query": query}).json()  # the timeout was not cached


def test_suggestions_are_hidden_while_introspection_is_off(client):
    body = post(client, "{ locales { cod } }").json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in json.dumps(body)
    enum = "query ($o: CityStoryOrder) { cityStories(order: $o) { totalCount } }"
    body = post(client, enum, o="NEWES").json()
    assert "errors" in body and "Did you mean" not in json.dumps(body)

    open_schema = build_schema(introspection=True)
    assert "Did you mean" in str(open_schema.execute_sync("{ locales { cod } }").errors)


def test_text_arguments_are_bounded_before_they_reach_the_domain(client, settings):
    query = 'query ($q: String!) { search(query: $q, locale: "fr") { totalCount } }'
    long_text = "réfugié " * (settings.GRAPHQL_MAX_STRING_LENGTH // 8 + 1)
    body = post(client, query, q=long_text).json()
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    literal = '{ search(query: "%s", locale: "fr") { totalCount } }' % ("x" * (settings.GRAPHQL_MAX_STRING_LENGTH + 1))
    assert post(client, literal).json()["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    deep = '{"query": "{ locales { code } }", "variables": {"x": ' + "[" * 5000 + "1" + "]" * 5000 + "}}"
    response = client.post("/graphql/", deep, content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
