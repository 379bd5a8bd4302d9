"""A moderator approves a confirmed endorsement from the admin's list, and it appears in `endorsements`.

The endorsement arrives as a city sends it: through the API, then confirmed by the link of its email.
"""

import re

INSTITUTION = "Commune de Lampedusa e Linosa"
FORM = '{ endorsementForm(locale: "fr") { consentVersion } }'
ENDORSE = """mutation ($input: EndorsementInput!) {
  endorseCharter(input: $input) { __typename ... on EndorsementReceived { reference status } }
}"""
CONFIRM = """mutation ($token: String!) {
  confirmEndorsement(token: $token) { __typename ... on EndorsementConfirmed { status } }
}"""
PUBLIC_LIST = '{ endorsements(locale: "fr", limit: 100) { items { institutionName country { code } } } }'


def listed(servers) -> list[str]:
    return [item["institutionName"] for item in servers.graphql(PUBLIC_LIST)["endorsements"]["items"]]


def a_confirmed_endorsement(servers) -> str:
    consent = servers.graphql(FORM)["endorsementForm"]["consentVersion"]
    endorsement = {
        "institutionName": INSTITUTION,
        "kind": "city",
        "country": "IT",
        "signatoryName": "Filippo Mannino",
        "signatoryTitle": "Sindaco",
        "email": "sindaco@lampedusa.example",
        "language": "fr",
        "statement": "Lampedusa accueille depuis toujours.",
        "consentPublication": True,
        "consentContact": True,
        "consentVersion": consent,
    }
    received = servers.graphql(ENDORSE, input=endorsement)["endorseCharter"]
    assert received["__typename"] == "EndorsementReceived", received
    [email] = [text for text in servers.sent_emails() if "sindaco@lampedusa.example" in text and "token=" in text]
    token = re.search(r"token=([\w.:-]+)", email).group(1)
    confirmed = servers.graphql(CONFIRM, token=token)["confirmEndorsement"]
    assert confirmed == {"__typename": "EndorsementConfirmed", "status": "pending_review"}
    return received["reference"]


def test_a_moderator_approves_a_confirmed_endorsement(page, servers, log_in, shot):
    a_confirmed_endorsement(servers)
    assert INSTITUTION not in listed(servers), "nothing is public before a moderator approves it"

    log_in("moderator")
    page.get_by_role("link", name="Endorsements").first.click()
    row = page.get_by_role("row").filter(has_text=INSTITUTION)
    row.get_by_text("Pending review").wait_for()
    shot(page, "endorsement-list", doc="moderators-list")

    row.get_by_role("link", name="Approve").click()
    page.get_by_label("Reason (optional)").fill("Signature vérifiée par téléphone.")
    shot(page, "approve-confirmation", doc="moderators-approve")
    page.get_by_role("button", name="Yes, go ahead").click()
    page.get_by_text("1 endorsement changed.").wait_for()
    page.get_by_role("row").filter(has_text=INSTITUTION).get_by_text("Approved").wait_for()
    shot(page, "approved", doc="moderators-approved")

    assert INSTITUTION in listed(servers)
