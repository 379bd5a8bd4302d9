"""Fuzzing /graphql/ with operations generated from the schema itself (hypothesis-graphql).

The bad-input tests (tests/graphql/test_bad_input.py) cover the mistakes we thought of; these cover the ones we
did not: hundreds of operations built from the live schema, with argument values chosen to hurt (unicode, null
bytes, strings past the body limit, boundary integers) mixed with real locales, paths, codes and specs, so that
generated operations also get past the first check of a resolver and reach its deeper branches.

Whatever comes in, the answer must be JSON whose errors all carry a code: no 500, no stack trace, and no
INTERNAL_ERROR either, because that is how an unexpected exception in a resolver reaches the client once
graphql_api.errors.CodedErrors has masked it. Each test counts the distinct operations it sent, to prove how many
ran; the runs are derandomized, so CI sends the same ones every time.
"""

import json
import re

import hypothesis
import pytest
from django.test import Client
from graphql import build_schema
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries

from graphql_api.schema import schema

pytestmark = pytest.mark.django_db

SCHEMA = build_schema(str(schema))
MIN_INT, MAX_INT = -(2**31), 2**31 - 1

LOCALES = ("fr", "en", "es")
# Values the resolvers know: with them a generated operation gets past "no such page" or "unknown code".
KNOWN_STRINGS = (
    "/fr/",
    "/en/",
    "/fr/charte/",
    "/fr/charte/ambition/",
    "/fr/histoires/",
    "/fr/histoires/amman-academie-climat-enfants/",
    "/es/historias/barcelone-citoyennete-locale/",
    "city",
    "region",
    "FR",
    "IT",
    "europe",
    "africa",
    "both",
    "idp",
    "housing",
    "climate",
    "original",
    "fill-400x225",
    "width-320",
    "max-1600x1600",
    "2026-11",
    "mayor@example.org",
    "Lampedusa",
    "migrants",
)
# Values that break naive code: injections, traversal, control and bidirectional characters, format strings.
NASTY_STRINGS = (
    "",
    " ",
    "\x00",
    "fr\x00",
    "/fr/\x00/",
    "\u202e\u0000\ufeff",
    "𝕷𝖆𝖒𝖕𝖊𝖉𝖚𝖘𝖆 😀",
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "//evil.example/",
    "%s %n %x {0} {{7*7}} ${7*7}",
    "\\",
    "\r\n\t",
    "-1",
    "9" * 40,
    "fill-99999x99999",
    "width-0",
    "NaN",
)
# Past form and model limits; past GRAPHQL_MAX_BODY_BYTES (64 KiB) too, some of them, once escaped in JSON.
LONG_STRINGS = st.builds(
    lambda unit, count: unit * count, st.sampled_from(("a", "é", "😀", "fr ", "\x00")), st.integers(500, 20_000)
)
STRINGS = st.one_of(st.sampled_from(LOCALES), st.sampled_from(KNOWN_STRINGS + NASTY_STRINGS), st.text(), LONG_STRINGS)
INTEGERS = st.one_of(
    st.sampled_from((0, 1, -1, 7, 8, 100, 101, 320, 1600, 2026, MIN_INT, MAX_INT)),
    st.integers(MIN_INT, MAX_INT),
)
CUSTOM_SCALARS = {
    "String": STRINGS.map(nodes.String),
    "ID": st.one_of(st.integers(0, 300).map(nodes.String), STRINGS.map(nodes.String), INTEGERS.map(nodes.Int)),
    "Int": INTEGERS.map(nodes.Int),
    # A file can only arrive by a multipart upload; anything else in its place must be refused, not crash.
    "Upload": st.one_of(STRINGS.map(nodes.String), INTEGERS.map(nodes.Int)),
}

STACK_TRACE = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]*\", line \d|site-packages|\.py\", line \d")
ANSWERED_STATUSES = {200, 400, 413}


def fuzz_settings(max_examples: int) -> hypothesis.settings:
    """Reproducible in CI (derandomized, no example database); slow examples are what a fuzzer is for."""
    return hypothesis.settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def send(client: Client, method: str, document: str, variables: dict | None = None):
    """GET as a CDN-cached frontend sends queries, POST as JSON otherwise."""
    if method == "GET":
        return client.get("/graphql/", {"query": document})
    return client.post("/graphql/", {"query": document, "variables": variables}, content_type="application/json")


def assert_answered_safely(response, sent: str) -> None:
    """A status the API means, a JSON body, no trace of the server's insides, and a code on every error."""
    what = f"{response.status_code} for {sent[:3000]!r}"
    assert response.status_code in ANSWERED_STATUSES, what
    assert response["Content-Type"].startswith("application/json"), what
    text = response.content.decode()
    assert not STACK_TRACE.search(text), f"{what}: {text[:2000]}"
    body = json.loads(text)
    assert body.get("errors") or "data" in body, f"{what}: {text[:2000]}"
    codes = [(error.get("extensions") or {}).get("code") for error in body.get("errors", [])]
    assert all(codes), f"uncoded error, {what}: {text[:2000]}"
    assert "INTERNAL_ERROR" not in codes, f"a resolver raised, {what}: {text[:2000]}"


def fuzz(strategy, max_examples: int, check) -> set[str]:
    """Runs `check(client, example)` on generated examples; returns the distinct ones, for the test to count.

    The hypothesis-run function is defined here rather than as the test, so that the count can be asserted after
    hypothesis has finished; it builds its own client, pytest-django's being made once per test, not per example.
    """
    sent = set()

    @fuzz_settings(max_examples)
    @given(strategy)
    def run(example):
        sent.add(repr(example))
        check(Client(raise_request_exception=False), example)

    run()
    return sent


def check_operation(client: Client, example: tuple[str, str]) -> None:
    method, document = example
    assert_answered_safely(send(client, method, document), document)


def one_root_field_at_a_time():
    """Valid queries of one root field each, the field drawn evenly: over the whole schema the generator favours
    the fields returning the Page interface, hardly ever asks for endorsementForm, and builds queries ten times
    larger and slower to generate."""
    return st.sampled_from(sorted(SCHEMA.query_type.fields)).flatmap(
        lambda field: queries(SCHEMA, fields=[field], custom_scalars=CUSTOM_SCALARS)
    )


def test_generated_queries_are_answered_safely():
    """Valid queries of every root field, a third by GET: data, or coded errors such as INVALID_INPUT."""
    strategy = st.tuples(st.sampled_from(("POST", "POST", "GET")), one_root_field_at_a_time())
    assert len(fuzz(strategy, 700, check_operation)) >= 500


def test_generated_queries_that_break_the_schema_are_answered_safely():
    """Queries with one schema violation (a missing or wrongly typed argument, an unknown enum value...)."""
    strategy = st.tuples(
        st.sampled_from(("POST", "GET")), queries(SCHEMA, custom_scalars=CUSTOM_SCALARS, mode=Mode.NEGATIVE)
    )
    assert len(fuzz(strategy, 120, check_operation)) >= 100


def test_generated_mutations_are_answered_safely(settings):
    """endorseCharter and confirmEndorsement with generated input, by POST (by GET they are refused before
    anything reads them, see test_bad_input)."""
    settings.ENDORSEMENT_RATE_PER_IP = settings.ENDORSEMENT_RATE_PER_EMAIL = "100000/h"  # reach the validation
    strategy = st.tuples(st.just("POST"), mutations(SCHEMA, custom_scalars=CUSTOM_SCALARS))
    assert len(fuzz(strategy, 150, check_operation)) >= 100


ENDORSE = """mutation Endorse($input: EndorsementInput!) {
  endorseCharter(input: $input) {
    __typename
    ... on EndorsementReceived { reference status }
    ... on InvalidEndorsement { errors { field code message } }
  }
}"""
VALID_ENDORSEMENT = {
    "institutionName": "Ville de Fuzzbourg",
    "kind": "city",
    "country": "FR",
    "signatoryName": "Camille Martin",
    "signatoryTitle": "Maire",
    "email": "mayor@example.org",
    "language": "fr",
    "consentPublication": True,
    "consentVersion": "2026-11",
}
OPTIONAL_ENDORSEMENT_FIELDS = ("region", "populationBand", "website", "phone", "statement", "consentContact", "logo")
BOOLEAN_ENDORSEMENT_FIELDS = {"consentPublication", "consentContact"}
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), INTEGERS, st.floats(allow_nan=False, allow_infinity=False), STRINGS),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=5,
)


def endorsement_value(field: str):
    """Mostly a value of the field's type, so that the input gets past GraphQL's coercion into the form; the
    logo, which JSON cannot carry, anything."""
    if field == "logo":
        return JSON_VALUES
    typed = st.booleans() if field in BOOLEAN_ENDORSEMENT_FIELDS else STRINGS
    return st.one_of(typed, typed, st.none(), JSON_VALUES)


@st.composite
def endorsements(draw) -> dict:
    """A valid endorsement with one to three of its fields, or optional ones, replaced: the schema's generated
    mutations almost never get every field right, so they never reach the checks after the form's."""
    fields = list(VALID_ENDORSEMENT) + list(OPTIONAL_ENDORSEMENT_FIELDS)
    changed = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique=True))
    values = {**VALID_ENDORSEMENT, "institutionName": f"Ville {draw(st.integers(0, 10**6))}"}
    return values | {field: draw(endorsement_value(field)) for field in changed}


def check_endorsement(client: Client, values: dict) -> None:
    assert_answered_safely(send(client, "POST", ENDORSE, {"input": values}), f"{ENDORSE} with {values!r}")


def test_nearly_valid_endorsements_are_answered_safely(settings):
    """Endorsements one to three fields away from valid, sent as variables as the frontend sends them."""
    settings.ENDORSEMENT_RATE_PER_IP = settings.ENDORSEMENT_RATE_PER_EMAIL = "100000/h"  # reach the validation
    assert len(fuzz(endorsements(), 120, check_endorsement)) >= 100
