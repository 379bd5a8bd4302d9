"""/graphql/ as the GraphQL-over-HTTP specification has it, rule by rule, at the HTTP level (graphql_api.views).

The media type of the answer follows the client's Accept; the status follows the media type: a GraphQL request
error (nothing executed) is 400 without `data` in application/graphql-response+json and 200 in application/json;
an executed operation is 200 in both; a request that is not well-formed is a coded 4xx in both. The API's
language is an argument: its answers vary with Accept (and Accept-Encoding), never with the browser's language.
The audit suite itself runs in test_graphql_over_http_audit.py.
"""

import hashlib
import json

import pytest

from ..endorsements.mutations import ENDORSE

pytestmark = pytest.mark.django_db

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
TYPENAME = {"query": "{ __typename }"}


def post(client, body, accept: str | None = None, content_type: str = JSON, **extra):
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    content = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post("/graphql/", content, content_type=content_type, CONTENT_TYPE=content_type, **extra)


def get(client, params: dict, accept: str | None = None, **extra):
    if accept is not None:
        extra["HTTP_ACCEPT"] = accept
    return client.get("/graphql/", params, **extra)


def codes(response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json()["errors"]]


def media_type(response) -> str:
    return response["Content-Type"].split(";")[0]


# Media types


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),  # no Accept: application/json, the legacy watershed's rule
        ("*/*", JSON),
        ("application/*", JSON),
        (JSON, JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}; charset=utf-8, {JSON}; charset=utf-8", GRAPHQL_RESPONSE),  # the spec's advice
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        (f"{JSON}, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{JSON}, {GRAPHQL_RESPONSE}", JSON),  # equal ranks: the first listed
        (f"{GRAPHQL_RESPONSE}, {JSON}", GRAPHQL_RESPONSE),
        (f"*/*;q=0.8, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"text/html, {JSON};q=0, */*;q=0.5", GRAPHQL_RESPONSE),  # application/json refused outright
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON),  # a browser's navigation
    ],
)
def test_the_answer_takes_the_media_type_the_client_ranks_highest(client, accept, expected):
    for response in (post(client, TYPENAME, accept), get(client, TYPENAME, accept)):
        assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}
        assert media_type(response) == expected
    if expected == GRAPHQL_RESPONSE:
        assert response["Content-Type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    else:
        assert response["Content-Type"] == JSON  # RFC 8259 gives application/json no charset: it is UTF-8


@pytest.mark.parametrize("accept", ["text/html", "application/xml", f"{JSON};q=0", "text/event-stream"])
def test_a_client_that_accepts_neither_json_type_gets_406(client, accept):
    response = post(client, TYPENAME, accept)
    assert response.status_code == 406 and media_type(response) == JSON
    assert codes(response) == ["NOT_ACCEPTABLE"]
    assert response["Cache-Control"] == "no-store"


# Status codes


def persisted_only(digest: str) -> dict:
    return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}


UNRESOLVED = "OPERATION_RESOLUTION_FAILURE"
REQUEST_ERRORS = {
    "document parsing failure": ({"query": "{"}, "GRAPHQL_PARSE_FAILED"),
    "document validation failure": ({"query": "{ noSuchField }"}, "GRAPHQL_VALIDATION_FAILED"),
    "variable coercion failure": (
        {"query": "query ($id: ID!) { pageById(id: $id) { title } }", "variables": {"id": None}},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    "over a public limit": (
        {"query": "{ " + " ".join(f"a{i}: locales {{ code }}" for i in range(30)) + " }"},
        "QUERY_TOO_COMPLEX",
    ),
    "unknown operation name": ({"query": "query A { __typename }", "operationName": "B"}, UNRESOLVED),
    "several operations, none named": ({"query": "query A { __typename } query B { __typename }"}, UNRESOLVED),
    "no operation at all": ({"query": "fragment F on Query { __typename }"}, UNRESOLVED),
    "unknown persisted query": (persisted_only("ab" * 32), "PERSISTED_QUERY_NOT_FOUND"),
}


@pytest.mark.parametrize("case", REQUEST_ERRORS)
def test_a_request_error_is_400_without_data_in_graphql_response_json_and_200_in_json(client, case):
    body, code = REQUEST_ERRORS[case]
    modern = post(client, body, GRAPHQL_RESPONSE)
    assert modern.status_code == 400 and media_type(modern) == GRAPHQL_RESPONSE
    assert "data" not in modern.json() and codes(modern) == [code]
    legacy = post(client, body, JSON)
    assert legacy.status_code == 200 and media_type(legacy) == JSON
    assert legacy.json().get("data") is None and codes(legacy) == [code]
    for response in (modern, legacy):
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, JSON])
def test_an_executed_operation_is_200_with_its_data_even_partial_or_null(client, accept):
    partial = post(client, {"query": '{ locales { code } pageById(id: "1 OR 1=1") { title } }'}, accept)
    assert partial.status_code == 200 and codes(partial) == ["INVALID_INPUT"]
    assert partial.json()["data"]["locales"][0]["code"] == "fr" and partial.json()["data"]["pageById"] is None
    null = post(client, {"query": '{ charter(locale: "xx") { title } }'}, accept)  # a non-null field's error
    assert null.status_code == 200 and codes(null) == ["UNKNOWN_LOCALE"]
    assert "data" in null.json() and null.json()["data"] is None


def test_a_failure_on_our_side_is_an_executed_answer_not_a_request_error(client, monkeypatch):
    def explode(path):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("graphql_api.types.page.page_at_path", explode)
    response = post(client, {"query": '{ page(path: "/fr/") { title } }'}, GRAPHQL_RESPONSE)
    assert response.status_code == 200 and codes(response) == ["INTERNAL_ERROR"]
    assert response.json()["data"] == {"page": None} and b"hunter2" not in response.content


# Choosing the operation (the specification's GetOperation)

TWO_QUERIES = "query Typename { __typename } query Locales { locales { code } }"


@pytest.mark.parametrize("send", [get, post])
def test_a_document_of_several_operations_without_operation_name_is_a_request_error(client, send):
    modern = send(client, {"query": TWO_QUERIES}, GRAPHQL_RESPONSE)
    assert modern.status_code == 400 and "data" not in modern.json() and codes(modern) == [UNRESOLVED]
    assert "operationName" in modern.json()["errors"][0]["message"]
    legacy = send(client, {"query": TWO_QUERIES}, JSON)
    assert legacy.status_code == 200 and legacy.json().get("data") is None and codes(legacy) == [UNRESOLVED]


@pytest.mark.parametrize("send", [get, post])
def test_an_operation_name_the_document_lacks_is_a_request_error_naming_it(client, send):
    response = send(client, {"query": TWO_QUERIES, "operationName": "Stories"}, GRAPHQL_RESPONSE)
    assert response.status_code == 400 and codes(response) == [UNRESOLVED]
    assert '"Stories"' in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("send", [get, post])
def test_the_named_operation_of_several_runs_and_a_lone_one_needs_no_name(client, send):
    locales = send(client, {"query": TWO_QUERIES, "operationName": "Locales"}, GRAPHQL_RESPONSE)
    assert locales.status_code == 200 and locales.json()["data"]["locales"][0]["code"] == "fr"
    typename = send(client, {"query": TWO_QUERIES, "operationName": "Typename"}, GRAPHQL_RESPONSE)
    assert typename.json() == {"data": {"__typename": "Query"}}
    lone = send(client, {"query": "query Locales { locales { code } }"}, GRAPHQL_RESPONSE)
    assert lone.status_code == 200 and lone.json()["data"]["locales"][0]["code"] == "fr"


def test_a_mutation_first_in_a_document_without_operation_name_is_not_run(client, valid_input):
    from campaign.models import Endorsement

    document = f"{ENDORSE} query Typename {{ __typename }}"
    body = {"query": document, "variables": {"input": valid_input()}}
    response = post(client, body, GRAPHQL_RESPONSE)
    assert response.status_code == 400 and codes(response) == [UNRESOLVED]
    assert not Endorsement.objects.exists()
    named = post(client, {**body, "operationName": "Endorse"}, GRAPHQL_RESPONSE)
    assert named.json()["data"]["endorseCharter"]["__typename"] == "EndorsementReceived"


def test_a_persisted_document_of_several_operations_needs_its_operation_name_too(client):
    extensions = json.dumps(persisted_only(hashlib.sha256(TWO_QUERIES.encode()).hexdigest())["extensions"])
    registered = get(client, {"query": TWO_QUERIES, "operationName": "Locales", "extensions": extensions})
    assert registered.json()["data"]["locales"][0]["code"] == "fr"
    unnamed = get(client, {"extensions": extensions}, GRAPHQL_RESPONSE)
    assert unnamed.status_code == 400 and codes(unnamed) == [UNRESOLVED]
    named = get(client, {"extensions": extensions, "operationName": "Typename"}, GRAPHQL_RESPONSE)
    assert named.json() == {"data": {"__typename": "Query"}}


def test_a_multipart_document_of_several_operations_needs_its_operation_name_too(client):
    def upload(operations: dict):
        return client.post(
            "/graphql/", {"operations": json.dumps(operations), "map": "{}"}, HTTP_ACCEPT=GRAPHQL_RESPONSE
        )

    unnamed = upload({"query": TWO_QUERIES})
    assert unnamed.status_code == 400 and codes(unnamed) == [UNRESOLVED]
    named = upload({"query": TWO_QUERIES, "operationName": "Typename"})
    assert named.status_code == 200 and named.json() == {"data": {"__typename": "Query"}}


# Well-formed requests only

NOT_WELL_FORMED = {
    "no query": b"{}",
    "a typo for query": b'{"qeury": "{ __typename }"}',
    "a null query": b'{"query": null}',
    "an empty query": b'{"query": ""}',
    "invalid JSON": b'{ "not a JSON',
    "an empty body": b"",
    "a JSON list (a batch)": b'[{"query": "{ __typename }"}]',
    "a JSON number": b"5",
    **{
        f"a {kind} {name}": json.dumps({"query": "{ __typename }", name: value}).encode()
        for name, values in {
            "query": {"object": {"obj": "ect"}, "number": 0, "boolean": False, "list": ["array"]},
            "variables": {"string": "string", "number": 0, "boolean": False, "list": ["array"]},
            "extensions": {"string": "string", "number": 0, "boolean": False, "list": ["array"]},
            "operationName": {"object": {"obj": "ect"}, "number": 0, "boolean": False, "list": ["array"]},
        }.items()
        for kind, value in values.items()
    },
}


@pytest.mark.parametrize("case", NOT_WELL_FORMED)
def test_a_post_that_is_not_a_well_formed_graphql_request_is_a_coded_400(client, case):
    for accept in (GRAPHQL_RESPONSE, JSON, None):
        response = post(client, NOT_WELL_FORMED[case], accept)
        assert response.status_code == 400, (accept, response.content)
        assert codes(response) == ["BAD_REQUEST"] and "data" not in response.json()
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"query": ""},
        {"variables": "{}"},
        {"query": "{ __typename }", "variables": '"string"'},
        {"query": "{ __typename }", "variables": "0"},
        {"query": "{ __typename }", "variables": "false"},
        {"query": "{ __typename }", "variables": "[1]"},
        {"query": "{ __typename }", "variables": "{not json"},
        {"query": "{ __typename }", "extensions": '"string"'},
        {"query": "{ __typename }", "extensions": "0"},
        {"query": "{ __typename }", "extensions": "[1]"},
    ],
)
def test_a_get_that_is_not_a_well_formed_graphql_request_is_a_coded_400(client, params):
    for accept in (GRAPHQL_RESPONSE, JSON):
        response = get(client, params, accept)
        assert response.status_code == 400 and codes(response) == ["BAD_REQUEST"], response.content


def test_a_malformed_request_is_refused_even_when_its_query_is_in_the_response_cache(client):
    query = "{ locales { code } }"
    assert get(client, {"query": query}).status_code == 200  # now cached
    assert get(client, {"query": query, "variables": "0"}).status_code == 400
    assert get(client, {"query": query, "extensions": "false"}).status_code == 400
    assert post(client, {"query": query, "variables": []}).status_code == 400


def test_null_parameters_and_an_empty_operation_name_in_a_get_are_as_if_absent(client):
    body = {"query": "query Q { __typename }", "variables": None, "operationName": None, "extensions": None}
    assert post(client, body, GRAPHQL_RESPONSE).json() == {"data": {"__typename": "Query"}}
    for params in ({"query": "query Q { __typename }", "operationName": ""}, {"query": "{ __typename }"}):
        response = get(client, {**params, "variables": "null", "extensions": "null"}, GRAPHQL_RESPONSE)
        assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    "content_type", ["text/plain;charset=UTF-8", "application/graphql", "application/x-www-form-urlencoded", ""]
)
def test_a_post_body_that_is_not_json_or_an_upload_is_415(client, content_type):
    response = client.generic("POST", "/graphql/", b'{"query": "{ __typename }"}', CONTENT_TYPE=content_type)
    assert response.status_code == 415 and codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]


# Methods


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"])
def test_other_methods_are_405_with_allow(client, method):
    response = client.generic(method, "/graphql/", json.dumps(TYPENAME), content_type=JSON, HTTP_ACCEPT=JSON)
    assert response.status_code == 405 and response["Allow"] == "GET, POST"
    if method != "HEAD":
        assert response.json() == {
            "errors": [
                {
                    "message": f"{method} is not a method of this endpoint: use GET or POST.",
                    "extensions": {"code": "METHOD_NOT_ALLOWED"},
                }
            ]
        }


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, JSON, None])
def test_a_mutation_by_get_is_405_naming_post(client, accept):
    response = get(client, {"query": 'mutation { confirmEndorsement(token: "x") { __typename } }'}, accept)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert codes(response) == ["METHOD_NOT_ALLOWED"] and response["Cache-Control"] == "no-store"


def test_a_cors_preflight_is_still_answered_by_the_cors_middleware(client, settings):
    frontend = settings.CORS_ALLOWED_ORIGINS[0]
    response = client.options(
        "/graphql/", HTTP_ORIGIN=frontend, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", HTTP_ACCEPT=JSON
    )
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == frontend


# Caching: one answer per URL and Accept, whatever the browser's language


def vary(response) -> set[str]:
    return {token.strip().lower() for token in response.get("Vary", "").split(",") if token.strip()}


BROWSER = {
    "HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9,en;q=0.5",
    "HTTP_COOKIE": "django_language=en; sessionid=abc; csrftoken=def",
}


def test_answers_vary_with_accept_and_encoding_never_with_language_or_cookies(client):
    answers = {
        "a cacheable query": get(client, {"query": "{ locales { code } }"}, **BROWSER),
        "a POST": post(client, {"query": "{ locales { code } }"}, **BROWSER),
        "a request error": post(client, {"query": "{"}, GRAPHQL_RESPONSE, **BROWSER),
        "a field error": get(client, {"query": '{ charter(locale: "xx") { title } }'}, **BROWSER),
        "a refusal": client.put("/graphql/", b"{}", content_type=JSON, **BROWSER),
        "a 304": get(client, {"query": "{ locales { code } }"}, HTTP_IF_NONE_MATCH="*", **BROWSER),
    }
    assert answers["a 304"].status_code == 304
    for what, response in answers.items():
        # Origin is CORS's (django-cors-headers): Access-Control-Allow-Origin depends on it.
        assert {"accept", "accept-encoding"} <= vary(response) <= {"accept", "accept-encoding", "origin"}, what
        assert "Content-Language" not in response, what
        assert "Set-Cookie" not in response and not response.cookies, what


def test_a_signed_in_editor_gets_the_same_uncookied_answer(editor_client):
    """The admin's session cookie goes along when an editor opens /graphql/: the API does not read it."""
    response = get(editor_client, {"query": "{ locales { code } }"})
    assert response.status_code == 200 and "cookie" not in vary(response) and not response.cookies


def test_the_answer_is_the_same_whatever_the_browsers_language(client, valid_input):
    """A query without `locale:` is in the default language, and an endorsement's errors are in its `language`,
    whatever Accept-Language or the language cookie say."""
    site = {"query": "{ site { name } }"}
    invalid = {"query": ENDORSE, "variables": {"input": valid_input(language="es", institutionName="")}}
    answers = {}
    for name, body in {"site": site, "invalid": invalid}.items():
        answers[name] = post(client, body).content
        for language in ("fr", "en"):
            browser = {"HTTP_ACCEPT_LANGUAGE": language, "HTTP_COOKIE": f"django_language={language}"}
            assert post(client, body, **browser).content == answers[name], (name, language)
    required = [
        error
        for error in json.loads(answers["invalid"])["data"]["endorseCharter"]["errors"]
        if error["code"] == "REQUIRED"
    ]
    french = post(client, {**invalid, "variables": {"input": {**invalid["variables"]["input"], "language": "fr"}}})
    french_required = [e for e in french.json()["data"]["endorseCharter"]["errors"] if e["code"] == "REQUIRED"]
    assert required and len(french_required) == len(required) and french_required != required


def test_the_admin_still_speaks_and_varies_with_the_browsers_language(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response["Content-Language"] == "es" and "accept-language" in vary(response)


def test_each_media_type_is_its_own_representation_for_caches(client):
    query = {"query": "{ locales { code } }"}
    legacy, modern = get(client, query, JSON), get(client, query, GRAPHQL_RESPONSE)  # the second from the cache
    assert legacy.status_code == modern.status_code == 200 and legacy.content == modern.content
    assert (media_type(legacy), media_type(modern)) == (JSON, GRAPHQL_RESPONSE)
    assert legacy["ETag"] != modern["ETag"]
    assert get(client, query, GRAPHQL_RESPONSE, HTTP_IF_NONE_MATCH=legacy["ETag"]).status_code == 200
    not_modified = get(client, query, GRAPHQL_RESPONSE, HTTP_IF_NONE_MATCH=modern["ETag"])
    assert not_modified.status_code == 304 and not_modified["ETag"] == modern["ETag"]
    assert "accept" in vary(not_modified)


def test_a_persisted_query_by_get_from_a_browser_is_answered_even_where_graphiql_is_on(rf):
    """A browser's fetch sends Accept: */*, as GraphiQL's page request does; a persisted query's GET carries no
    `query` either. It gets its answer, not the IDE."""
    from graphql_api.schema import schema
    from graphql_api.views import CampaignGraphQLView

    view = CampaignGraphQLView.as_view(schema=schema, graphql_ide="graphiql")
    query = "{ locales { code } }"
    extensions = json.dumps(persisted_only(hashlib.sha256(query.encode()).hexdigest())["extensions"])
    unknown = view(rf.get("/graphql/", {"extensions": extensions}, HTTP_ACCEPT="*/*"))
    assert media_type(unknown) == JSON
    assert json.loads(unknown.content)["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    view(rf.get("/graphql/", {"query": query, "extensions": extensions}, HTTP_ACCEPT="*/*"))
    known = view(rf.get("/graphql/", {"extensions": extensions}, HTTP_ACCEPT="*/*"))
    assert json.loads(known.content)["data"]["locales"][0]["code"] == "fr"
    ide = view(rf.get("/graphql/", HTTP_ACCEPT="text/html"))
    assert b"graphiql" in ide.content.lower()
