"""What we add to the admin passes axe-core: the dashboard's panels, the endorsements' listing and pages, the
reading view of the preview."""

import re

from .accessibility import blocking_violations
from .test_reading_view import a_reading_view_showing

ENDORSE = """mutation ($input: EndorsementInput!) {
  endorseCharter(input: $input) { __typename ... on EndorsementReceived { reference } }
}"""
CONFIRM = "mutation ($token: String!) { confirmEndorsement(token: $token) { __typename } }"
INSTITUTION = "Ville de Grande-Synthe"
EMAIL = "maire@grande-synthe.example"


def a_confirmed_endorsement(servers) -> None:
    consent = servers.graphql('{ endorsementForm(locale: "fr") { consentVersion } }')["endorsementForm"]
    endorsement = {
        "institutionName": INSTITUTION,
        "kind": "city",
        "country": "FR",
        "signatoryName": "Martial Beyaert",
        "signatoryTitle": "Maire",
        "email": EMAIL,
        "language": "fr",
        "consentPublication": True,
        "consentVersion": consent["consentVersion"],
    }
    assert servers.graphql(ENDORSE, input=endorsement)["endorseCharter"]["__typename"] == "EndorsementReceived"
    [email] = [text for text in servers.sent_emails() if EMAIL in text and "token=" in text]
    token = re.search(r"token=([\w.:-]+)", email).group(1)
    assert servers.graphql(CONFIRM, token=token)["confirmEndorsement"]["__typename"] == "EndorsementConfirmed"


def test_the_dashboard_panels_are_accessible(page, log_in):
    log_in("editor")
    assert blocking_violations(page) == []


def test_the_endorsement_listing_and_pages_are_accessible(page, servers, log_in):
    a_confirmed_endorsement(servers)
    log_in("moderator")
    page.get_by_role("link", name="Endorsements").first.click()
    page.get_by_role("row").filter(has_text=INSTITUTION).wait_for()
    assert blocking_violations(page) == []

    page.get_by_role("row").filter(has_text=INSTITUTION).get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Yes, go ahead").wait_for()
    assert blocking_violations(page) == []


def test_the_reading_view_is_accessible(page, servers, log_in):
    log_in("editor")
    story = servers.graphql('{ cityStories(locale: "fr", limit: 1) { items { id } } }')["cityStories"]["items"][0]
    page.goto(f"{servers.cms}/admin/pages/{story['id']}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    page.frame_locator("#w-preview-iframe").get_by_text("Preview (draft)").wait_for()  # the frontend answers first
    page.get_by_label("Preview mode").select_option(label="Reading view")
    assert blocking_violations(a_reading_view_showing(page)) == []


def test_the_check_sees_a_violation(page):
    page.set_content(
        '<html lang="fr"><head><title>Essai</title></head>'
        '<body><main><h1>Titre</h1><img src="data:,"></main></body></html>'
    )
    assert [violation.split(" ")[0] for violation in blocking_violations(page)] == ["image-alt"]
