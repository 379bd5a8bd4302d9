"""A moderator approves a confirmed endorsement from the admin's list, and it appears in `endorsements`; rejects
another with a reason in its endorser's language, finds it in the history, exports the list and erases the
endorser's personal data, coming back each time to the list as they had filtered it.

The endorsements arrive as cities send them: through the API, then confirmed by the link of their email.
"""

import csv
import io
import re
from urllib.parse import parse_qs

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


LAMPEDUSA = {
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
}
CADIZ = {
    **LAMPEDUSA,
    "institutionName": "Ayuntamiento de Cádiz",
    "country": "ES",
    "signatoryName": "Bruno García",
    "signatoryTitle": "Alcalde",
    "email": "alcaldia@cadiz.example",
    "language": "es",
    "statement": "Cádiz acoge.",
}
SPANISH_UNVERIFIED = "No hemos podido verificar que la persona firmante"


def same_listing(url: str, other: str) -> bool:
    """The same list: same address, same filters and search, in whatever order."""
    (path, query), (other_path, other_query) = (url.split("?", 1), other.split("?", 1))
    return path == other_path and parse_qs(query) == parse_qs(other_query)


def a_confirmed_endorsement(servers, endorsement: dict = LAMPEDUSA) -> str:
    consent = servers.graphql(FORM)["endorsementForm"]["consentVersion"]
    received = servers.graphql(ENDORSE, input={**endorsement, "consentVersion": consent})["endorseCharter"]
    assert received["__typename"] == "EndorsementReceived", received
    address = endorsement["email"]
    [email] = [text for text in servers.sent_emails() if address in text and "token=" in text]
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


def test_a_moderator_rejects_with_a_reason_in_the_endorsers_language_then_erases(page, servers, log_in, shot):
    a_confirmed_endorsement(servers, CADIZ)
    name = CADIZ["institutionName"]

    log_in("moderator")
    page.get_by_role("link", name="Endorsements").first.click()
    page.get_by_role("textbox", name="Search term").fill("Cádiz")
    page.wait_for_url(re.compile(r"[?&]q=C"))
    listing = page.url
    row = page.get_by_role("row").filter(has_text=name)
    row.get_by_role("link", name="Reject").click()

    page.get_by_text("email in Spanish").wait_for()
    page.get_by_text("Write it in their language: Spanish").wait_for()
    page.get_by_label(re.compile("Could not verify the signatory")).check()
    reason = page.get_by_label("Reason (optional)")
    assert reason.input_value().startswith(SPANISH_UNVERIFIED), "the ready-made reason, in the endorser's language"
    reason.press("End")
    reason.type(" Gracias.")
    shot(page, "reject-with-a-ready-reason", doc="moderators-reject")
    page.get_by_role("button", name="Yes, go ahead").click()

    page.get_by_text("1 endorsement changed.").wait_for()
    assert same_listing(page.url, listing), "back to the list as it was filtered"
    page.get_by_role("row").filter(has_text=name).get_by_text("Rejected").wait_for()
    [email] = [text for text in servers.sent_emails() if CADIZ["email"] in text and "Gracias." in text]
    assert SPANISH_UNVERIFIED in email

    page.get_by_role("row").filter(has_text=name).get_by_role("button", name=f"More options for '{name} (ES)'").click()
    page.get_by_role("link", name="Inspect").click()
    page.get_by_text(SPANISH_UNVERIFIED).first.wait_for()
    page.goto(page.url.replace("/inspect/", "/history/"))
    page.get_by_text(re.compile(f"Rejected, with the reason: “{SPANISH_UNVERIFIED}")).wait_for()
    shot(page, "history-with-the-reason", doc="moderators-history")

    page.goto(listing)
    page.get_by_role("button", name="Actions", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    exported = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert [(row["Institution"], row["Status"], row["Kind"]) for row in exported] == [
        (name, "Rejected", "City or local government")
    ]

    row = page.get_by_role("row").filter(has_text=name)
    row.get_by_role("button", name=f"More options for '{name} (ES)'").click()
    erase = row.get_by_role("link", name="Erase personal data")
    assert "w-text-critical-200" in erase.get_attribute("class"), "erasing is in the critical colour, apart"
    assert row.get_by_role("link", name="Erase personal data").count() == 1
    erase.click()
    confirm = page.get_by_role("button", name=f"Yes, erase the personal data of {name} (ES)")
    shot(page, "erase-confirmation", doc="moderators-erase")
    confirm.click()
    page.get_by_text("Personal data of 1 endorsement erased.").wait_for()
    assert same_listing(page.url, listing)
