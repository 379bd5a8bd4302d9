"""Red-team shapes: requests and documents the limits were not built against. Each finding's test asserts the safe
behaviour (a coded JSON error, no 500, a cost the measurer sees); the shapes already handled safely have tests too.

Findings (failing until fixed):
- a variable's default taken from another operation of the document hides a list's real size from the cost;
- selections under a field or type the schema does not know are not measured, so the fields limit misses them;
- an `operationName` that is a JSON list or object, a JSON body that is not an object, and a malformed multipart
  request each answer a 500 HTML page;
- resending a registered persisted document spends the persisted-query byte budget again.
"""

import hashlib
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from graphql import parse

from graphql_api.cost import measure
from graphql_api.schema import schema

from .counting import function_calls
from .test_cost import nested_related

pytestmark = pytest.mark.django_db

LOCALES = "{ locales { code } }"


@pytest.fixture
def anonymous():
    """A client that gets a 500 as a response (as a real client would) instead of the exception."""
    return Client(raise_request_exception=False)


def post(client, payload):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post("/graphql/", body, content_type="application/json")


def coded_json(response, status: int | None = None) -> list[str]:
    """The error codes of a JSON answer; fails on an HTML page, a traceback or an uncoded error."""
    assert response.status_code < 500, response.content[:200]
    if status is not None:
        assert response.status_code == status, response.content[:200]
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    assert b"Traceback" not in response.content
    return [error["extensions"]["code"] for error in response.json()["errors"]]


def calls_to_answer(client, payload) -> tuple[int, dict]:
    count, response = function_calls(lambda: post(client, payload))
    return count, response.json()


# A decoy operation declares `$n` with a default of 0; the operation that runs declares `$n` without a default, so
# `limit` takes the argument's default (12) while the measurer reads the decoy's 0 and counts no story at all.
DECOY = 'query A($n: Int = 0) { cityStories(locale: "fr", limit: $n) { totalCount } }'
NESTED = 'query B($n: Int) {{ cityStories(locale: "fr", limit: $n) {{ items {{ {inner} }} }} }}'


# Finding 1 ----------------------------------------------------------------------------------------------------------


def test_a_variable_default_of_another_operation_does_not_hide_the_cost():
    runs = NESTED.format(inner=nested_related(6))
    alone = measure(schema._schema, parse(runs), {}).cost
    with_decoy = measure(schema._schema, parse(f"{DECOY} {runs}"), {}).cost
    assert alone > 5000
    assert with_decoy >= alone  # today: 1


def test_a_decoy_operation_does_not_let_nested_lists_past_the_budget(anonymous, settings):
    settings.GRAPHQL_EXECUTION_SECONDS = 2  # today the query runs until the deadline (10 s, 2,210 SQL queries)
    payload = {"query": f"{DECOY} {NESTED.format(inner=nested_related(6))}", "operationName": "B"}
    assert coded_json(post(anonymous, payload)) == ["QUERY_TOO_COMPLEX"]


# Finding 2 ----------------------------------------------------------------------------------------------------------

UNMEASURED = {
    "under an unknown field": "{{ nope {{ {fields} }} }}",
    "under __typename": "{{ __typename {{ {fields} }} }}",
    "under an unknown type": "{{ ... on Nope {{ {fields} }} }}",
}


@pytest.mark.parametrize("shape", UNMEASURED)
def test_fields_nobody_measured_still_count_against_the_fields_limit(anonymous, shape):
    """1,000 same-name fields: graphql-core's OverlappingFieldsCanBeMerged compares them pairwise (today 1.2 M calls,
    ~1 s, for a 2 KB document) because the measurer counted one field."""
    counts = []
    for size in (600, 1200, 2400):
        document = UNMEASURED[shape].format(fields=" ".join(["a"] * size))
        calls, body = calls_to_answer(anonymous, {"query": document})
        assert [error["extensions"]["code"] for error in body["errors"]] == ["QUERY_TOO_COMPLEX"]
        counts.append(calls)
    assert counts[2] <= 2.5 * counts[1] and counts[1] <= 2.5 * counts[0], counts  # pairwise would be 4x


# Finding 3 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [[], {}, ["A"], {"a": 1}])
def test_an_operation_name_that_is_not_a_string_is_a_bad_request(anonymous, name):
    assert coded_json(post(anonymous, {"query": LOCALES, "operationName": name}), 400) == ["BAD_REQUEST"]


@pytest.mark.parametrize("body", ["5", "null", '"x"', "true"])
def test_a_json_body_that_is_not_an_object_is_a_bad_request(anonymous, body):
    assert coded_json(post(anonymous, body), 400) == ["BAD_REQUEST"]


MALFORMED_MULTIPART = [
    ("5", "{}"),
    ("null", "{}"),
    ('"x"', "{}"),
    (json.dumps({"query": LOCALES}), "[]"),
    (json.dumps({"query": LOCALES}), "5"),
    (json.dumps({"query": LOCALES}), '{"0": 5}'),
    (json.dumps({"query": LOCALES, "variables": {"a": "s"}}), '{"0": ["variables.a.b"]}'),
    (json.dumps({"query": LOCALES, "variables": {"a": []}}), '{"0": ["variables.a.b"]}'),
]


@pytest.mark.parametrize(("operations", "files_map"), MALFORMED_MULTIPART)
def test_a_malformed_multipart_request_is_a_bad_request(anonymous, operations, files_map):
    upload = SimpleUploadedFile("logo.png", b"not really")
    response = anonymous.post("/graphql/", {"operations": operations, "map": files_map, "0": upload})
    assert coded_json(response, 400) == ["BAD_REQUEST"]


# Finding 4 ----------------------------------------------------------------------------------------------------------


def persisted(client, query: str, **variables) -> dict:
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    params = {"query": query, "extensions": json.dumps(extensions), "variables": json.dumps(variables)}
    return client.get("/graphql/", params).json()


SEARCH = 'query ($q: String!) { search(query: $q, locale: "fr") { totalCount } }'


def test_sending_a_registered_document_again_does_not_spend_the_persisted_query_budget(anonymous, settings):
    """Each answered send with its hash counts the document's bytes again though nothing new is stored (new
    variable values keep the response cache from answering first): one document padded with a comment to ~60 KB,
    sent ~140 times, stops every new registration of the default 8 MB budget for a day."""
    settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES = 3 * len(SEARCH)
    for words in ("charte", "ville", "accueil", "droits"):
        assert "errors" not in persisted(anonymous, SEARCH, q=words)
    assert "errors" not in persisted(anonymous, LOCALES)
    assert cache.get(f"apq:{hashlib.sha256(LOCALES.encode()).hexdigest()}") is not None


# Shapes already handled ---------------------------------------------------------------------------------------------


def test_a_batch_is_a_coded_bad_request(anonymous):
    assert coded_json(post(anonymous, [{"query": LOCALES}, {"query": LOCALES}]), 400) == ["BAD_REQUEST"]


@pytest.mark.parametrize("name", [5, True])
def test_an_operation_name_that_is_a_number_is_a_coded_bad_request(anonymous, name):
    assert coded_json(post(anonymous, {"query": LOCALES, "operationName": name}), 400) == ["BAD_REQUEST"]


@pytest.mark.parametrize("digest", [["a" * 64], list("a" * 64), 7])
def test_a_persisted_query_hash_that_is_not_a_string_is_a_coded_error(anonymous, digest):
    payload = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}
    assert coded_json(post(anonymous, payload)) == ["BAD_REQUEST"]


@pytest.mark.parametrize("parameter", ["variables", "extensions"])
def test_deeply_nested_json_in_a_get_parameter_is_a_coded_bad_request(anonymous, parameter):
    response = anonymous.get("/graphql/", {"query": LOCALES, parameter: "[" * 5000 + "]" * 5000})
    assert coded_json(response, 400) == ["BAD_REQUEST"]


@pytest.mark.parametrize("depth", [880, 899, 905, 950])
def test_variables_nested_near_the_decoders_limit_are_a_coded_error(anonymous, depth):
    query = "query ($x: String) { site(locale: $x) { name } }"
    nested = "[" * depth + "]" * depth
    body = f'{{"query": {json.dumps(query)}, "variables": {{"x": {nested}}}}}'
    assert coded_json(post(anonymous, body))[0] in ("BAD_REQUEST", "GRAPHQL_VALIDATION_FAILED", "INVALID_INPUT")


def test_conflicting_same_name_fields_give_a_bounded_number_of_errors(anonymous):
    document = "{ " + " ".join(f'page(path: "/{index}/") {{ __typename }}' for index in range(200)) + " }"
    body = post(anonymous, {"query": document}).json()
    assert body["data"] is None and 0 < len(body["errors"]) <= 101
    assert {error["extensions"]["code"] for error in body["errors"]} == {"GRAPHQL_VALIDATION_FAILED"}


def test_fragment_chains_ending_in_an_unknown_fragment_or_type_are_refused_in_linear_time(anonymous):
    def chain(levels: int, leaf: str, condition: str) -> str:
        fragments = [f"fragment F{i} on {condition} {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
        fragments.append(f"fragment F{levels} on {condition} {{ {leaf} }}")
        return "query { ...F0 } " + " ".join(fragments)

    for leaf, condition in (("...Missing", "Query"), ("a", "Nope")):
        calls_to_answer(anonymous, {"query": chain(12, leaf, condition)})
        counts = []
        for levels in (12, 24, 48):
            calls, body = calls_to_answer(anonymous, {"query": chain(levels, leaf, condition)})
            codes = {error["extensions"]["code"] for error in body["errors"]}
            assert codes <= {"GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_COMPLEX"} and codes, body
            counts.append(calls)
        assert counts[2] - counts[1] <= 2.5 * (counts[1] - counts[0]) + 5_000, counts


@pytest.mark.parametrize("value", ["100", 100.0, -5, 10**12, True, None])
def test_a_limit_the_measurer_cannot_read_counts_as_the_public_maximum_or_less(settings, value):
    """Strings, floats, huge or negative numbers for `limit`: never counted below what could run."""
    document = parse("query ($n: Int) { cityStories(limit: $n) { items { relatedStories { title } } } }")
    at_most = measure(schema._schema, document, {"n": settings.GRAPHQL_MAX_LIST_LIMIT}).cost
    measured = measure(schema._schema, document, {"n": value}).cost
    if value in (-5,):
        assert measured <= at_most  # a negative limit answers INVALID_INPUT: nothing runs
    elif value is None:
        assert measured == measure(schema._schema, document, {}).cost
    else:
        assert measured == at_most


def test_duplicate_srcset_widths_are_counted_and_never_made_twice(settings):
    document = parse("query ($w: [Int!]!) { cityStories(limit: 1) { items { coverImage { srcset(widths: $w) } } } }")
    once = measure(schema._schema, document, {"w": [320]}).cost
    many = measure(schema._schema, document, {"w": [320] * 50}).cost
    assert many > once  # counted per item sent, although the resolver makes each width once
