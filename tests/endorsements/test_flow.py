"""The whole journey of an endorsement, as its signer, staff and the public see it."""

import json
import re

import pytest
from django.core import mail

from campaign.endorsements.models import Endorsement

pytestmark = pytest.mark.django_db

PUBLIC = """
query { endorsements(locale: "es") { totalCount items { id institutionName kind { code label } country { code name }
  region { code label } signatoryName signatoryTitle statement approvedAt latitude longitude } }
  endorsementStats(locale: "es") { total byCountry { value label count } byRegion { value count }
  byKind { value label count } byMonth { month count } } }
"""


def token_in(message) -> str:
    return re.search(r"token=([\w-]+)", message.body).group(1)


def test_form_submit_confirm_approve_publish(graphql, valid_input, endorse, confirm, moderate, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["staff@example.org"]
    form = graphql('{ endorsementForm(locale: "es") { consentVersion fields { name label required } } }')
    fields = {field["name"]: field for field in form["data"]["endorsementForm"]["fields"]}
    assert fields["institutionName"]["label"] == "Nombre de la institución"
    assert "email" in fields and "consentVersion" not in fields

    received = endorse(valid_input(language="es", email="alcaldia@grenoble.example"))
    assert received["__typename"] == "EndorsementReceived" and received["status"] == "unconfirmed"
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["alcaldia@grenoble.example"]
    assert "Confirme" in confirmation.subject and "/es/confirm/?token=" in confirmation.body
    assert confirmation.alternatives[0][1] == "text/html"

    assert graphql(PUBLIC)["data"]["endorsements"]["totalCount"] == 0, "not public before approval"
    confirmed = confirm(token_in(confirmation))
    assert confirmed == {
        "__typename": "EndorsementConfirmed",
        "reference": received["reference"],
        "status": "pending_review",
    }
    assert mail.outbox[1].to == ["staff@example.org"]

    endorsement = Endorsement.objects.get(reference=received["reference"])
    assert moderate("approve_endorsement", [endorsement]).status_code == 302
    assert mail.outbox[2].to == ["alcaldia@grenoble.example"] and "publicada" in mail.outbox[2].subject

    body = graphql(PUBLIC)["data"]
    item = body["endorsements"]["items"][0]
    assert item["institutionName"] == "Ville de Grenoble" and item["country"] == {"code": "FR", "name": "Francia"}
    assert item["kind"]["label"] == "Ciudad o gobierno local" and item["region"]["code"] == "europe"
    assert item["latitude"] == pytest.approx(45.17, abs=0.1)
    assert body["endorsementStats"]["total"] == 1
    assert body["endorsementStats"]["byCountry"] == [{"value": "FR", "label": "Francia", "count": 1}]
    text = json.dumps(body)
    assert "alcaldia@grenoble.example" not in text and "+33" not in text


def test_the_public_type_has_no_contact_field(graphql):
    for field in ("email", "phone", "consentContact", "status"):
        body = graphql(f"{{ endorsements {{ items {{ {field} }} }} }}")
        assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
