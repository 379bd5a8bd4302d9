"""The response cache: repeated queries cost no SQL, and no change can be followed by a stale answer.

Each change runs with its transaction's on-commit callbacks executed, as in production, where the new generation
of the data starts when the change commits.
"""

import hashlib
import json
from typing import NamedTuple

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from campaign.models import CharterPage, CityStoryIndexPage, PrinciplePage, SiteSettings, Theme
from campaign.publishing.preview import create_preview

from ..factories import (
    CityStoryPageFactory,
    PrinciplePageFactory,
    StandardPageFactory,
    home,
    make_endorsement,
    section,
    translate,
)

pytestmark = pytest.mark.django_db

TITLE = "query ($path: String!) { page(path: $path) { title } }"


class Principle(NamedTuple):
    french: PrinciplePage
    spanish: PrinciplePage
    paths: dict[str, str]


@pytest.fixture
def principle() -> Principle:
    """A principle of the loaded charter with its Spanish translation, and the addresses of both."""
    french = PrinciplePageFactory(parent=section(CharterPage), title="Dignité d'essai", slug="dignite-d-essai")
    spanish = translate(french, "es", title="Dignidad de prueba", slug="dignidad-de-prueba")
    paths = {
        "fr": f"/fr/{section(CharterPage, 'fr').slug}/dignite-d-essai/",
        "es": f"/es/{section(CharterPage, 'es').slug}/dignidad-de-prueba/",
    }
    return Principle(french, spanish, paths)


def title(graphql, path):
    page = graphql(TITLE, path=path)["data"]["page"]
    return page and page["title"]


def test_a_repeated_query_costs_no_sql_even_written_differently(graphql, principle):
    graphql(TITLE, path=principle.paths["fr"])
    with CaptureQueriesContext(connection) as queries:
        again = graphql("query($path:String!){page(path:$path){\n  title\n}}", path=principle.paths["fr"])
    assert again["data"]["page"]["title"] and len(queries) == 0


def test_a_lifetime_of_zero_switches_the_cache_off(graphql, settings, principle):
    settings.GRAPHQL_RESPONSE_CACHE_SECONDS = 0
    graphql(TITLE, path=principle.paths["fr"])
    with CaptureQueriesContext(connection) as queries:
        again = title(graphql, principle.paths["fr"])
    assert again and len(queries) > 0, "every answer is computed"


def test_other_variables_are_another_entry(graphql, principle):
    assert title(graphql, principle.paths["fr"]) != title(graphql, principle.paths["es"])


def publish_title(page, new_title):
    page.title = new_title
    page.save_revision().publish()


def test_publishing_a_page_is_seen_at_once(graphql, committed, principle):
    assert title(graphql, principle.paths["fr"]) != "Dignité (nouveau)"
    committed(lambda: publish_title(principle.french, "Dignité (nouveau)"))
    assert title(graphql, principle.paths["fr"]) == "Dignité (nouveau)"


def test_publishing_a_translation_is_seen_at_once(graphql, committed, principle):
    title(graphql, principle.paths["es"])
    committed(lambda: publish_title(principle.spanish, "Dignidad (nueva)"))
    assert title(graphql, principle.paths["es"]) == "Dignidad (nueva)"


def test_unpublishing_a_page_is_seen_at_once(graphql, committed, principle):
    assert title(graphql, principle.paths["fr"])
    committed(principle.french.unpublish)
    assert title(graphql, principle.paths["fr"]) is None


def test_deleting_a_page_is_seen_at_once(graphql, committed):
    index = section(CityStoryIndexPage)
    story = CityStoryPageFactory(parent=index, slug="histoire-a-supprimer")
    path = f"/fr/{index.slug}/histoire-a-supprimer/"
    assert title(graphql, path)
    committed(story.delete)
    assert title(graphql, path) is None


def test_moving_a_page_is_seen_at_once(graphql, committed):
    legal = StandardPageFactory(parent=home(), slug="mentions-d-essai")
    privacy = StandardPageFactory(parent=home(), slug="confidentialite-d-essai")
    assert title(graphql, "/fr/mentions-d-essai/")
    committed(lambda: legal.move(privacy, pos="last-child"))
    assert title(graphql, "/fr/mentions-d-essai/") is None
    assert title(graphql, "/fr/confidentialite-d-essai/mentions-d-essai/") == legal.title


def test_restricting_a_page_is_seen_at_once(graphql, committed, principle):
    assert title(graphql, principle.paths["fr"])
    committed(
        lambda: PageViewRestriction.objects.create(page=principle.french, restriction_type="password", password="x")
    )
    assert title(graphql, principle.paths["fr"]) is None


def test_saving_a_snippet_is_seen_at_once(graphql, committed):
    query = '{ cityStories(locale: "fr", limit: 1) { facets { themes { value label } } } }'
    graphql(query)
    theme = Theme.objects.filter(locale__language_code="fr").first()
    theme.label = "Libellé changé"
    committed(theme.save)
    labels = {facet["value"]: facet["label"] for facet in graphql(query)["data"]["cityStories"]["facets"]["themes"]}
    assert labels[theme.code] == "Libellé changé"


def test_saving_site_settings_is_seen_at_once(graphql, committed):
    query = '{ site(locale: "fr") { name } }'
    graphql(query)
    settings = SiteSettings.objects.get(locale__language_code="fr")
    settings.site_name = "Charte (nouveau nom)"
    committed(settings.save)
    assert graphql(query)["data"]["site"]["name"] == "Charte (nouveau nom)"


def test_approving_an_endorsement_is_seen_at_once_and_leaves_cached_pages_alone(graphql, committed, principle):
    endorsement = make_endorsement("Lyon")
    graphql(TITLE, path=principle.paths["fr"])
    assert graphql("{ endorsementStats { total } }")["data"]["endorsementStats"]["total"] == 0

    def approve():
        endorsement.status = "approved"
        endorsement.approved_at = endorsement.submitted_at
        endorsement.save()

    committed(approve)
    assert graphql("{ endorsementStats { total } }")["data"]["endorsementStats"]["total"] == 1
    with CaptureQueriesContext(connection) as queries:
        graphql(TITLE, path=principle.paths["fr"])
    assert len(queries) == 0, "page answers do not depend on endorsements"


def test_answers_with_errors_are_not_cached(graphql):
    graphql('{ charter(locale: "xx") { title } }')
    with CaptureQueriesContext(connection) as queries:
        body = graphql('{ charter(locale: "xx") { title } }')
    assert body["errors"][0]["extensions"]["code"] == "UNKNOWN_LOCALE" and len(queries) > 0


def test_preview_is_never_cached(client, principle):
    token = create_preview(principle.french)
    params = {"query": "query ($t: String!) { preview(token: $t) { title } }", "variables": json.dumps({"t": token})}
    response = client.get("/graphql/", params)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/graphql/", params)
    assert again.json()["data"]["preview"]["title"] == principle.french.title and len(queries) > 0


def get(client, query, **headers):
    return client.get("/graphql/", {"query": query}, **headers)


def test_a_query_by_get_is_cacheable_with_a_strong_etag_and_answers_304():
    from django.test import Client

    client = Client()
    response = get(client, "{ locales { code } }")
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5, stale-while-revalidate=10"
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    revalidated = get(client, "{ locales { code } }", HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304 and revalidated.content == b"" and revalidated["ETag"] == etag


def test_posts_mutations_and_errors_are_never_stored(client):
    posted = client.post("/graphql/", {"query": "{ locales { code } }"}, content_type="application/json")
    assert posted["Cache-Control"] == "no-store"
    assert get(client, '{ charter(locale: "xx") { title } }')["Cache-Control"] == "no-store"
    mutation = client.post(
        "/graphql/",
        {"query": 'mutation { confirmEndorsement(token: "x") { __typename } }'},
        content_type="application/json",
    )
    assert mutation["Cache-Control"] == "no-store"


def persisted(client, digest, query=None):
    params = {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})}
    if query:
        params["query"] = query
    return client.get("/graphql/", params).json()


def test_automatic_persisted_queries(client):
    query = "{ locales { code } }"
    digest = hashlib.sha256(query.encode()).hexdigest()
    unknown = persisted(client, digest)
    assert unknown["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert persisted(client, digest, query)["data"]["locales"][0]["code"] == "fr"
    assert persisted(client, digest)["data"]["locales"][0]["code"] == "fr"
    wrong = persisted(client, "0" * 64, query)
    assert wrong["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
