import io
import json

import pytest

from campaign.models import EndorsePage

ENDORSE = """
mutation Endorse($input: EndorsementInput!) {
  endorseCharter(input: $input) {
    __typename
    ... on EndorsementReceived { reference status }
    ... on InvalidEndorsement { errors { field code message } }
  }
}
"""
CONFIRM = """
mutation Confirm($token: String!, $language: String) {
  confirmEndorsement(token: $token, language: $language) {
    __typename
    ... on EndorsementConfirmed { reference status }
    ... on InvalidEndorsement { errors { field code message } }
  }
}
"""


def post_logo(client, data: dict, content: bytes, name: str = "logo.png"):
    """endorseCharter as a GraphQL multipart request (the spec frontends' upload clients follow)."""
    operations = {"query": ENDORSE, "variables": {"input": {**data, "logo": None}}}
    logo = io.BytesIO(content)
    logo.name = name
    return client.post(
        "/graphql/",
        {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.logo"]}), "0": logo},
    )


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
