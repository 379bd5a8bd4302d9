"""The endorsement mutations as the frontend sends them, shared by the endorsement, security and rate-limit tests."""

import io
import json

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
mutation Confirm($token: String!, $language: EndorsementLanguage) {
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
