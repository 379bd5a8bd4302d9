"""Bad input and abuse get a coded JSON error, never a 500 or a stack trace."""

import json

import pytest

pytestmark = pytest.mark.django_db


def post(client, body: str | bytes):
    return client.post("/graphql/", body, content_type="application/json")


def codes(response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json()["errors"]]


def test_a_deeply_nested_query_is_too_complex(client):
    nested = "{ site { mainMenu " + "{ children " * 15 + "{ url }" + " }" * 15 + " } }"
    response = post(client, json.dumps({"query": nested}))
    assert codes(response) == ["QUERY_TOO_COMPLEX"]


def test_too_many_aliases_is_too_complex(client):
    aliases = " ".join(f"a{i}: locales {{ code }}" for i in range(30))
    response = post(client, json.dumps({"query": f"{{ {aliases} }}"}))
    assert codes(response) == ["QUERY_TOO_COMPLEX"]


def test_too_many_tokens_is_too_complex(client):
    fields = " ".join("code" for _ in range(4000))
    response = post(client, json.dumps({"query": f"{{ locales {{ {fields} }} }}"}))
    assert codes(response) == ["QUERY_TOO_COMPLEX"]


def test_a_syntax_error_is_a_parse_failure(client):
    response = post(client, json.dumps({"query": "{ locales { code "}))
    assert codes(response) == ["GRAPHQL_PARSE_FAILED"]
    assert "Traceback" not in response.content.decode()


def test_an_unknown_field_is_a_validation_failure(client):
    response = post(client, json.dumps({"query": "{ locales { draftTitle } }"}))
    assert codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


def test_a_ten_megabyte_body_is_refused_before_it_is_read(client):
    response = post(client, b"{" + b" " * (10 * 1024 * 1024) + b"}")
    assert response.status_code == 413
    assert codes(response) == ["REQUEST_TOO_LARGE"]


def test_introspection_is_off_unless_a_setting_allows_it(client):
    response = post(client, json.dumps({"query": "{ __schema { types { name } } }"}))
    assert set(codes(response)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "introspection has been disabled" in response.json()["errors"][0]["message"]

    from graphql_api.schema import build_schema

    open_schema = build_schema(introspection=True)
    assert open_schema.execute_sync("{ __schema { queryType { name } } }").errors is None


def test_queries_work_by_get_and_mutations_never_do(client):
    response = client.get("/graphql/", {"query": "{ locales { code } }"})
    assert response.status_code == 200
    assert response.json()["data"]["locales"][0]["code"] == "fr"


def test_an_unexpected_exception_is_masked_and_coded(client, monkeypatch):
    def explode(path):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("graphql_api.types.page.page_at_path", explode)
    response = post(client, json.dumps({"query": '{ page(path: "/fr/") { title } }'}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "hunter2" not in body and "Traceback" not in body
    assert codes(response) == ["INTERNAL_ERROR"]


def test_a_document_seen_before_is_still_measured_with_each_requests_variables(client, settings):
    """Parsing and validation are memoised per document; the cost, which the variables set, is not."""
    settings.GRAPHQL_MAX_COST = 50
    document = "query($limit: Int) { cityStories(limit: $limit) { items { title } } }"
    small = post(client, json.dumps({"query": document, "variables": {"limit": 2}}))
    assert "errors" not in small.json()
    large = post(client, json.dumps({"query": document, "variables": {"limit": 90}}))
    assert codes(large) == ["QUERY_TOO_COMPLEX"]


def test_an_invalid_document_is_refused_every_time_it_is_sent(client):
    body = json.dumps({"query": "{ locales { code nope } }"})
    assert codes(post(client, body)) == codes(post(client, body)) == ["GRAPHQL_VALIDATION_FAILED"]
