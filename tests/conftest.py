"""Shared fixtures. The campaign content is loaded once per test session, as `make demo` loads it."""

import io

import pytest
from django.core.management import call_command
from wagtail.users.models import UserProfile

from campaign.models import EndorsePage

from .endorsements.mutations import CONFIRM, ENDORSE
from .sitemaps import read_sitemap


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_campaign_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (GraphQL responses, rate-limit counters): its database changes are
    rolled back at the end, and what was cached from them must go too."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-password")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_in(editor, editor_client):
    """The editor's client with the admin in a language, set as the editor would: their profile's preference."""

    def switch(language: str):
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = language
        profile.save()
        return editor_client

    return switch


@pytest.fixture
def french_admin(admin_in):
    return admin_in("fr")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a change and its on-commit callbacks, as a committed transaction would (tests run inside one that
    is rolled back, so callbacks registered with transaction.on_commit would otherwise never run)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


@pytest.fixture
def graphql(client):
    """POSTs a query to /graphql/ as the frontend does; returns the decoded JSON body."""

    def run(document: str, **variables):
        response = client.post(
            "/graphql/", {"query": document, "variables": variables}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        return response.json()

    return run


@pytest.fixture
def sitemap(graphql):
    """A locale's whole sitemap, every page of it (tests/sitemaps.py): `sitemap("es", "url alternates { url }")`."""

    def data_of(document: str, **variables) -> dict:
        body = graphql(document, **variables)
        assert "errors" not in body, body
        return body["data"]

    return lambda locale, fields="url": read_sitemap(data_of, locale, fields)


@pytest.fixture
def consent_version(db):
    return EndorsePage.objects.live().filter(locale__language_code="fr").get().consent_version


@pytest.fixture
def valid_input(consent_version):
    """A correct endorsement as the frontend would send it; tests change one field at a time."""

    def build(**changes):
        return {
            "institutionName": "Ville de Grenoble",
            "kind": "city",
            "country": "FR",
            "signatoryName": "Éric Piolle",
            "signatoryTitle": "Maire",
            "email": "maire@grenoble.example",
            "phone": "+33 4 76 76 36 36",
            "language": "fr",
            "statement": "Grenoble accueille.",
            "consentPublication": True,
            "consentContact": False,
            "consentVersion": consent_version,
            **changes,
        }

    return build


@pytest.fixture
def endorse(graphql, django_capture_on_commit_callbacks):
    """Submits as the frontend does; emails go out when the transaction commits, as in production."""

    def run(data: dict) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            return graphql(ENDORSE, input=data)["data"]["endorseCharter"]

    return run


@pytest.fixture
def confirm(graphql, django_capture_on_commit_callbacks):
    def run(token: str, language: str | None = None) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            return graphql(CONFIRM, token=token, language=language)["data"]["confirmEndorsement"]

    return run


@pytest.fixture
def moderate(editor_client, django_capture_on_commit_callbacks):
    """Runs a moderation action from the admin, as staff click it: the bulk action's confirmation form."""

    def run(action: str, endorsements, reason: str = ""):
        ids = "&".join(f"id={endorsement.pk}" for endorsement in endorsements)
        with django_capture_on_commit_callbacks(execute=True):
            return editor_client.post(f"/admin/bulk/campaign/endorsement/{action}/?{ids}", {"reason": reason})

    return run
