"""What an anonymous client can make the server store is bounded: persisted queries, response-cache entries, the
memo of analysed documents, and the text parts of a multipart request; a cross-site multipart POST is refused."""

import hashlib
import json
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from graphql_api import response_cache

pytestmark = pytest.mark.django_db

LOCALES = "{ locales { code } }"


def persisted(client, query: str | None, digest: str | None = None) -> dict:
    digest = digest or hashlib.sha256(query.encode()).hexdigest()
    params = {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})}
    if query is not None:
        params["query"] = query
    return client.get("/graphql/", params).json()


@pytest.mark.parametrize(
    "document",
    [
        "{ locales { code ",  # does not parse
        "{ locales { draftTitle } }",  # does not validate
        "{ cityStories(limit: 100) { items { relatedStories { relatedStories { relatedStories { title } } } } } }",
        "x" * 500,
    ],
)
def test_only_documents_that_are_answered_are_registered(client, document):
    digest = hashlib.sha256(document.encode()).hexdigest()
    assert "errors" in persisted(client, document)
    assert cache.get(f"apq:{digest}") is None
    assert persisted(client, None, digest)["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


def test_a_valid_document_is_registered_for_a_bounded_time(client, settings):
    digest = hashlib.sha256(LOCALES.encode()).hexdigest()
    assert persisted(client, LOCALES)["data"]["locales"]
    assert persisted(client, None, digest)["data"]["locales"]
    expires = cache._expire_info[cache.make_key(f"apq:{digest}")]  # locmem keeps each entry's expiry time
    assert expires - time.time() <= settings.GRAPHQL_PERSISTED_QUERY_SECONDS


def test_persisted_documents_stay_within_their_byte_budget(client, settings):
    settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES = 3 * len("{ locales { code name } }")
    registered = []
    for fields in ("code", "code name", "name", "isDefault", "code isDefault"):
        document = f"{{ locales {{ {fields} }} }}"
        assert "errors" not in persisted(client, document)
        registered.append(cache.get(f"apq:{hashlib.sha256(document.encode()).hexdigest()}") is not None)
    assert registered.count(True) == 3 and registered[:3] == [True, True, True]


def test_variables_the_operation_does_not_declare_do_not_make_a_new_entry(client):
    query = "query ($locale: String) { site(locale: $locale) { name } }"
    first = client.get("/graphql/", {"query": query, "variables": json.dumps({"locale": "fr"})})
    assert first.status_code == 200
    for extra in range(3):
        variables = json.dumps({"locale": "fr", f"unused{extra}": "x" * 100})
        with CaptureQueriesContext(connection) as queries:
            again = client.get("/graphql/", {"query": query, "variables": variables})
        assert again.content == first.content
        assert len(queries) == 0  # answered from the cache


def test_answers_stay_within_the_response_cache_byte_budget(client, settings):
    query = "query ($locale: String) { site(locale: $locale) { name hashtags } }"

    def ask(locale: str) -> bytes:
        return client.get("/graphql/", {"query": query, "variables": json.dumps({"locale": locale})}).content

    settings.GRAPHQL_RESPONSE_CACHE_MAX_BYTES = 2 * len(ask("fr")) + 200
    cache.clear()
    for locale in ("fr", "en", "es"):
        ask(locale)
    stored = [key for key in cache._cache if ":graphql:" in key]  # locmem keeps its entries in a dict
    assert len(stored) == 2
    assert response_cache.budget().max_bytes == settings.GRAPHQL_RESPONSE_CACHE_MAX_BYTES


def test_the_memo_of_analysed_documents_holds_a_fixed_number_of_bytes():
    memo = response_cache.BoundedMemo(max_bytes=10_000)
    for index in range(200):
        memo.get("{ locales { code } }" + f" # {index}" + " " * 50)
    memo.get("{ locales { code } }" + "#" * 5_000)  # larger than a memo entry may be
    assert memo.size <= 10_000
    assert sum(len(key) + len(value.document) for key, value in memo.entries.items()) == memo.size


def test_a_cross_site_post_is_refused_and_the_frontend_may_post(client, settings):
    operations = json.dumps({"query": 'mutation { confirmEndorsement(token: "x") { __typename } }'})
    foreign = client.post("/graphql/", {"operations": operations, "map": "{}"}, HTTP_ORIGIN="https://evil.example")
    assert foreign.status_code == 403 and foreign.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN_ORIGIN"
    allowed = client.post(
        "/graphql/", {"operations": operations, "map": "{}"}, HTTP_ORIGIN=settings.CORS_ALLOWED_ORIGINS[0]
    )
    assert allowed.status_code == 200 and "data" in allowed.json()
    same_site = client.post("/graphql/", {"operations": operations, "map": "{}"}, HTTP_ORIGIN="http://testserver")
    assert same_site.status_code == 200


def test_the_text_parts_of_a_multipart_request_are_bounded_like_a_json_body(client, settings):
    padding = "x" * (settings.GRAPHQL_MAX_BODY_BYTES + 1)
    operations = json.dumps({"query": LOCALES, "variables": {"padding": padding}})
    response = client.post("/graphql/", {"operations": operations, "map": "{}"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
