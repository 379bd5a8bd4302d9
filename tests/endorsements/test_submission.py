"""Submitting: every bad field answers a localized field error and stores nothing; good input is stored clean."""

import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from campaign.endorsements.models import Endorsement, OutgoingEmail
from campaign.endorsements.tokens import token_hash
from campaign.publishing import generations

from ..factories import image_bytes
from .mutations import ENDORSE, post_logo

pytestmark = pytest.mark.django_db

BAD_FIELDS = [
    ("institutionName", "", "REQUIRED"),
    ("institutionName", "x" * 201, "TOO_LONG"),
    ("institutionName", "<b> </b>", "REQUIRED"),
    ("country", "ZZ", "INVALID"),
    ("region", "atlantis", "INVALID"),
    ("populationBand", "huge", "INVALID"),
    ("website", "not a website", "INVALID"),
    ("signatoryName", "   ", "REQUIRED"),
    ("signatoryTitle", "y" * 201, "TOO_LONG"),
    ("email", "", "REQUIRED"),
    ("email", "maire@", "INVALID"),
    ("phone", "call me", "INVALID"),
    ("statement", "z" * 1001, "TOO_LONG"),
    ("consentPublication", False, "CONSENT_REQUIRED"),
    ("consentVersion", "1999-01", "INVALID"),
]


@pytest.mark.parametrize(("field", "value", "code"), BAD_FIELDS)
def test_a_bad_field_is_a_field_error_and_nothing_is_stored(endorse, valid_input, field, value, code):
    result = endorse(valid_input(**{field: value}))
    assert result["__typename"] == "InvalidEndorsement"
    assert [(error["field"], error["code"]) for error in result["errors"]] == [(field, code)]
    assert result["errors"][0]["message"]
    assert not Endorsement.objects.exists() and not mail.outbox


def test_every_problem_comes_in_one_answer_consents_included(endorse, valid_input):
    """The signer corrects the form once: the consents are checked with the other fields, not after them."""
    wrong = {"institutionName": "", "email": "maire@", "consentPublication": False, "consentVersion": "1999-01"}
    result = endorse(valid_input(**wrong, language="es"))
    assert [(error["field"], error["code"]) for error in result["errors"]] == [
        ("institutionName", "REQUIRED"),
        ("email", "INVALID"),
        ("consentPublication", "CONSENT_REQUIRED"),
        ("consentVersion", "INVALID"),
    ]
    alone = {field: endorse(valid_input(**{field: value}, language="es"))["errors"] for field, value in wrong.items()}
    assert [error["message"] for error in result["errors"]] == [errors[0]["message"] for errors in alone.values()]
    english = endorse(valid_input(consentPublication=False, language="en"))["errors"][0]["message"]
    assert alone["consentPublication"][0]["message"] != english
    assert not Endorsement.objects.exists() and not mail.outbox


def test_a_published_duplicate_is_reported_with_the_other_errors(endorse, valid_input):
    endorse(valid_input())
    Endorsement.objects.update(status="approved")
    again = endorse(valid_input(phone="call me", consentPublication=False, email="other@grenoble.example"))
    assert [(error["field"], error["code"]) for error in again["errors"]] == [
        ("phone", "INVALID"),
        ("consentPublication", "CONSENT_REQUIRED"),
        ("institutionName", "DUPLICATE"),
    ]


def test_a_bad_logo_is_reported_with_the_other_errors(client, valid_input):
    result = post_logo(client, valid_input(signatoryName="", consentPublication=False), b"GIF89a not really")
    errors = result.json()["data"]["endorseCharter"]["errors"]
    assert [(error["field"], error["code"]) for error in errors] == [
        ("signatoryName", "REQUIRED"),
        ("consentPublication", "CONSENT_REQUIRED"),
        ("logo", "INVALID"),
    ]
    assert not Endorsement.objects.exists()


def test_a_null_consent_to_contact_is_its_default_no(endorse, valid_input):
    assert endorse(valid_input(consentContact=None))["__typename"] == "EndorsementReceived"
    assert Endorsement.objects.get().consent_contact is False


@pytest.mark.parametrize(("field", "value"), [("kind", "village"), ("language", "de")])
def test_a_value_outside_an_enum_is_refused_by_graphql_and_nothing_is_stored(graphql, valid_input, field, value):
    """kind and language are enums: the frontend's types rule out other values, and GraphQL refuses them."""
    body = graphql(ENDORSE, input=valid_input(**{field: value}))
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED" and body.get("data") is None
    assert not Endorsement.objects.exists()


def test_errors_are_in_the_signers_language(endorse, valid_input):
    french = endorse(valid_input(institutionName="", language="fr"))["errors"][0]["message"]
    spanish = endorse(valid_input(institutionName="", language="es"))["errors"][0]["message"]
    english = endorse(valid_input(institutionName="", language="en"))["errors"][0]["message"]
    assert english == "This field is required." and spanish == "Este campo es necesario."
    assert french not in (english, spanish)


def test_text_is_stored_as_plain_normalized_text(endorse, valid_input):
    endorse(
        valid_input(
            institutionName="  Ville de <b>Grenoble</b><script>alert(1)</script> ",
            statement="Nous <i>accueillons</i>.\r\n\r\n\r\n\r\nToujours &amp; partout.",
            signatoryName="E\u0301ric\u200b Piolle",
        )
    )
    stored = Endorsement.objects.get()
    assert stored.institution_name == "Ville de Grenoble"
    assert stored.statement == "Nous accueillons.\n\nToujours & partout."
    assert stored.signatory_name == "Éric Piolle"


def test_region_comes_from_the_country_unless_chosen(endorse, valid_input):
    endorse(valid_input(country="SN", institutionName="Ville de Dakar"))
    endorse(valid_input(country="TR", institutionName="Gaziantep", region="europe", email="g@example.org"))
    assert dict(Endorsement.objects.values_list("country", "region")) == {"SN": "africa", "TR": "europe"}


def test_an_endorsement_of_an_institution_already_published_is_a_duplicate(endorse, valid_input):
    endorse(valid_input())
    Endorsement.objects.update(status="approved")
    again = endorse(valid_input(institutionName="VILLE DE GRENOBLE !", email="someone@else.example"))
    assert [error["code"] for error in again["errors"]] == ["DUPLICATE"]
    assert "maire@grenoble.example" not in json.dumps(again) and "Piolle" not in json.dumps(again)
    assert Endorsement.objects.count() == 1


def test_a_rejected_institution_may_endorse_again(endorse, valid_input):
    endorse(valid_input())
    Endorsement.objects.update(status="rejected")
    assert endorse(valid_input())["__typename"] == "EndorsementReceived"
    assert Endorsement.objects.count() == 2


def test_an_expired_unconfirmed_submission_no_longer_holds_the_place(endorse, valid_input):
    endorse(valid_input())
    Endorsement.objects.update(token_expires_at=timezone.now() - timedelta(minutes=1))
    assert endorse(valid_input(email="new@grenoble.example"))["__typename"] == "EndorsementReceived"
    assert list(Endorsement.objects.values_list("email", flat=True)) == ["new@grenoble.example"]


def test_the_honeypot_answers_like_a_success_and_stores_nothing(endorse, valid_input):
    result = endorse(valid_input(trap="http://spam.example"))
    assert result["__typename"] == "EndorsementReceived"
    assert not Endorsement.objects.exists() and not mail.outbox


def test_submissions_are_limited_per_client_address(endorse, valid_input, settings):
    settings.ENDORSEMENT_RATE_PER_IP = "2/h"
    names = ["Lyon", "Nantes", "Lille"]
    results = [endorse(valid_input(institutionName=name, email=f"{name}@example.org")) for name in names]
    assert [result["__typename"] for result in results[:2]] == ["EndorsementReceived"] * 2
    assert [error["code"] for error in results[2]["errors"]] == ["RATE_LIMITED"]
    assert Endorsement.objects.count() == 2


def test_submissions_are_limited_per_email(endorse, valid_input, settings):
    settings.ENDORSEMENT_RATE_PER_EMAIL = "1/d"
    endorse(valid_input(institutionName="Lyon", email="Same@Example.org"))
    second = endorse(valid_input(institutionName="Nantes", email="same@example.org"))
    assert [error["code"] for error in second["errors"]] == ["RATE_LIMITED"]


def test_the_token_is_stored_hashed_single_use_and_expiring(endorse, confirm, valid_input):
    endorse(valid_input())
    token = mail.outbox[0].body.split("token=")[1].split()[0]
    stored = Endorsement.objects.get()
    assert stored.token_hash == token_hash(token) and token not in json.dumps(
        list(Endorsement.objects.values()), default=str
    )
    assert confirm(token)["__typename"] == "EndorsementConfirmed"
    assert confirm(token)["errors"][0]["code"] == "TOKEN_INVALID"
    assert confirm("not-a-token", "es")["errors"][0]["message"].startswith("Este enlace")

    endorse(valid_input(institutionName="Lyon", email="lyon@example.org"))
    late = mail.outbox[-1].body.split("token=")[1].split()[0]
    Endorsement.objects.filter(institution_name="Lyon").update(token_expires_at=timezone.now() - timedelta(seconds=1))
    assert confirm(late)["errors"][0]["code"] == "TOKEN_EXPIRED"
    assert Endorsement.objects.get(institution_name="Lyon").status == "unconfirmed"


def test_a_failing_mail_server_keeps_the_endorsement_and_queues_the_email(endorse, valid_input, monkeypatch):
    from django.core.mail import EmailMultiAlternatives
    from django.core.management import call_command

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMultiAlternatives, "send", refuse)
        assert endorse(valid_input())["__typename"] == "EndorsementReceived"
    queued = OutgoingEmail.objects.get()
    assert queued.sent_at is None and "mail server down" in queued.last_error and queued.attempts == 1
    assert Endorsement.objects.count() == 1

    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_emails", stdout=io.StringIO())
    assert OutgoingEmail.objects.get().sent_at is not None and len(mail.outbox) == 1


def test_a_logo_is_stored_re_encoded_as_png_and_leaves_cached_pages_alone(client, valid_input, committed):
    pages_before = generations.current()[generations.CONTENT]
    committed(lambda: post_logo(client, valid_input(), image_bytes((300, 200), "JPEG"), "logo.jpg"))
    logo = Endorsement.objects.get().logo
    assert logo.file.name.endswith(".png") and (logo.width, logo.height) == (300, 200)
    assert generations.current()[generations.CONTENT] == pages_before, "a logo is not site content"


@pytest.mark.parametrize(
    ("content", "limit"),
    [
        (b"GIF89a not really", None),
        (image_bytes((300, 200)), {"ENDORSEMENT_LOGO_MAX_BYTES": 100}),
        (image_bytes((3000, 3000)), {"ENDORSEMENT_LOGO_MAX_PIXELS": 1_000_000}),
    ],
)
def test_a_bad_logo_is_refused_and_nothing_is_stored(client, valid_input, settings, content, limit):
    for name, value in (limit or {}).items():
        setattr(settings, name, value)
    result = post_logo(client, valid_input(), content).json()["data"]["endorseCharter"]
    assert [(error["field"], error["code"]) for error in result["errors"]] == [("logo", "INVALID")]
    assert not Endorsement.objects.exists()
