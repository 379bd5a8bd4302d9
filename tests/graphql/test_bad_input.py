"""Every kind of bad input, sent by GET as a CDN-cached frontend sends it: a coded JSON error, never a 500."""

import json

import pytest

from campaign.models import CityStoryIndexPage

from ..factories import CityStoryPageFactory, ImageFactory, section

pytestmark = pytest.mark.django_db

STORIES = "{ cityStories(%s) { totalCount items { title } } }"
IMAGE = "query ($path: String!) { page(path: $path) { ... on CityStoryPage { coverImage { %s } } } }"
BAD_IMAGE_ARGUMENTS = {
    "unknown rendition spec": 'rendition(spec: "fill-5000x5000") { url }',
    "srcset width off the list": "srcset(widths: [333])",
}

BAD_QUERIES = {
    "unknown locale": ('{ charter(locale: "xx") { title } }', "UNKNOWN_LOCALE"),
    "negative offset": (STORIES % "offset: -1", "INVALID_INPUT"),
    "negative limit": (STORIES % "limit: -5", "INVALID_INPUT"),
    "unknown filter value": (STORIES % 'filter: {themes: ["no_such_theme"]}', "INVALID_INPUT"),
    "unknown country code": (STORIES % 'filter: {countries: ["ZZ"]}', "INVALID_INPUT"),
    "malformed page id": ('{ pageById(id: "1 OR 1=1") { title } }', "INVALID_INPUT"),
    "invalid preview token": ('{ preview(token: "not-a-token") { title } }', "PREVIEW_TOKEN_INVALID"),
    "deep nesting": ("{ site { mainMenu " + "{ children " * 15 + "{ url }" + " }" * 15 + " } }", "QUERY_TOO_COMPLEX"),
    "too many aliases": ("{ " + " ".join(f"a{i}: locales {{ code }}" for i in range(30)) + " }", "QUERY_TOO_COMPLEX"),
    "broken syntax": ("{ locales { code ", "GRAPHQL_PARSE_FAILED"),
    "a field that does not exist": ("{ locales { draftTitle } }", "GRAPHQL_VALIDATION_FAILED"),
    "a wrongly typed argument": ('{ cityStories(limit: "ten") { totalCount } }', "GRAPHQL_VALIDATION_FAILED"),
    "a NUL character in a literal": ('{ redirect(path: "/fr\\u0000/") { permanent } }', "INVALID_INPUT"),
}


def assert_coded_json(response, code: str) -> None:
    assert response.status_code in (200, 400), response.status_code
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode()
    assert "Traceback" not in text and 'File "' not in text
    assert [error["extensions"]["code"] for error in response.json()["errors"]] == [code]


@pytest.mark.parametrize("case", BAD_QUERIES)
def test_bad_input_by_get_is_a_coded_json_error(client, case):
    query, code = BAD_QUERIES[case]
    assert_coded_json(client.get("/graphql/", {"query": query}), code)


@pytest.fixture
def story_path() -> str:
    """The address of a story with a cover image, whose fields the image arguments are checked on."""
    story = CityStoryPageFactory(parent=section(CityStoryIndexPage), cover_image=ImageFactory())
    return f"/fr/{section(CityStoryIndexPage).slug}/{story.slug}/"


@pytest.mark.parametrize("case", BAD_IMAGE_ARGUMENTS)
def test_bad_image_arguments_by_get_are_a_coded_json_error(client, story_path, case):
    query = IMAGE % BAD_IMAGE_ARGUMENTS[case]
    response = client.get("/graphql/", {"query": query, "variables": json.dumps({"path": story_path})})
    assert_coded_json(response, "INVALID_INPUT")


def test_a_huge_limit_is_clamped_to_the_public_maximum(client, settings):
    settings.GRAPHQL_MAX_LIST_LIMIT = 3
    response = client.get("/graphql/", {"query": STORIES % "limit: 100000"})
    body = response.json()
    assert "errors" not in body and len(body["data"]["cityStories"]["items"]) == 3
    assert body["data"]["cityStories"]["totalCount"] > 3


@pytest.mark.parametrize("path", ["/zz/charte/", "/fr/%00/", "../../etc/passwd", "/fr/" + "a/" * 300])
def test_a_malformed_or_unknown_path_is_null_not_an_error(client, path):
    response = client.get(
        "/graphql/", {"query": "query($p: String!) { page(path: $p) { title } }", "variables": f'{{"p": "{path}"}}'}
    )
    assert response.status_code == 200 and response.json() == {"data": {"page": None}}


def test_a_mutation_by_get_is_refused_in_json(client):
    response = client.get("/graphql/", {"query": "mutation { __typename }"})
    assert response.status_code == 405 and response["Allow"] == "POST"  # GraphQL over HTTP: MUST be 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize("body", [b"not json at all", b'{"variables": {}}', b"[1, 2"])
def test_an_unreadable_post_is_a_coded_json_400(client, body):
    assert_coded_json(client.post("/graphql/", body, content_type="application/json"), "BAD_REQUEST")


def test_a_ten_megabyte_body_is_a_coded_json_413(client):
    response = client.post(
        "/graphql/", b'{"query": "' + b"x" * (10 * 1024 * 1024) + b'"}', content_type="application/json"
    )
    assert response.status_code == 413 and response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


def test_a_nul_character_in_a_variable_is_refused_before_reaching_the_database(client):
    query = "query ($search: String!) { cityStories(filter: {search: $search}) { totalCount } }"
    response = client.post(
        "/graphql/", {"query": query, "variables": {"search": "mig\x00rants"}}, content_type="application/json"
    )
    assert_coded_json(response, "INVALID_INPUT")


@pytest.mark.parametrize(
    "words", ['"', 'a"b', '"; DROP TABLE wagtailcore_page; --', " ".join(["migrants"] * 200), "***", "NEAR(a b)"]
)
def test_search_takes_any_text_without_an_error(client, words):
    """Quotes and operators mean something to the full-text backends, and each word costs a nested clause."""
    query = 'query ($words: String!) { search(query: $words, locale: "fr") { totalCount } }'
    variables = {"words": words}
    response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json")
    body = response.json()
    assert "errors" not in body, body
    assert isinstance(body["data"]["search"]["totalCount"], int)


def test_the_tree_root_is_not_a_page_of_the_api(client):
    body = client.get("/graphql/", {"query": "{ pageById(id: 1) { title } }"}).json()
    assert body == {"data": {"pageById": None}}


def test_only_failures_on_our_side_are_logged(client, caplog, monkeypatch):
    """A client's mistake is answered, not logged; an exception in a resolver is logged with its traceback."""
    with caplog.at_level("ERROR", logger="strawberry"):
        client.get("/graphql/", {"query": '{ charter(locale: "xx") { title } }'})
        client.get("/graphql/", {"query": "{ locales { draftTitle } }"})
    assert caplog.records == []

    def broken(*args):
        raise RuntimeError("the search backend is down")

    monkeypatch.setattr("graphql_api.types.search.search_pages", broken)
    with caplog.at_level("ERROR", logger="strawberry"):
        body = client.get("/graphql/", {"query": '{ search(query: "migrants", locale: "fr") { totalCount } }'}).json()
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    assert "the search backend is down" not in str(body)
    logged = [str(record.exc_info[1]) for record in caplog.records if record.exc_info]
    assert logged == ["the search backend is down"]
