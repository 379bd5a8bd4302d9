"""The outbox holds no usable confirmation token: not after the email is sent, and not while it waits (a database
dump alone confirms nothing), yet the email that leaves carries a working link, also across a key rotation."""

import importlib
import io
import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from campaign.endorsements import mail as outbox
from campaign.endorsements.models import Endorsement, OutgoingEmail

pytestmark = pytest.mark.django_db
REFUSING = "tests.endorsements.test_outbox.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def token_in(text: str) -> str:
    return re.search(r"token=([\w-]+)", text).group(1)


def stored_values() -> list[str]:
    """Every column of every outbox email, endorsement and endorsement history entry, as text."""
    rows = []
    for model in (OutgoingEmail, Endorsement, ModelLogEntry):
        fields = [field.attname for field in model._meta.concrete_fields]
        rows += [str(value) for row in model.objects.values_list(*fields) for value in row]
    return rows


def holding(token: str) -> list[str]:
    return [value for value in stored_values() if token in value]


def test_once_sent_no_column_holds_the_token(endorse, confirm, valid_input):
    received = endorse(valid_input(email="mairie@grenoble.example"))
    assert received["__typename"] == "EndorsementReceived"
    token = token_in(mail.outbox[0].body)
    assert token_in(mail.outbox[0].alternatives[0][0]) == token, "the HTML link too"
    assert holding(token) == []
    assert OutgoingEmail.objects.get(purpose="confirm").secret == ""
    assert confirm(token)["__typename"] == "EndorsementConfirmed", "the link sent works"
    assert holding(token) == []


def test_a_queued_confirmation_holds_no_usable_token(endorse, confirm, valid_input, settings):
    """The mail server is down at submission: what waits in the database confirms nothing, neither the sealed
    secret nor what the stored text has instead of the token; the mailer later sends a link that works."""
    settings.EMAIL_BACKEND = REFUSING
    endorse(valid_input(email="mairie@grenoble.example"))
    queued = OutgoingEmail.objects.get(purpose="confirm", sent_at=None)
    assert queued.secret and mail.outbox == []
    for stolen in (queued.secret, token_in(queued.text), token_in(queued.html)):
        assert confirm(stolen)["__typename"] == "InvalidEndorsement"
    assert Endorsement.objects.get().status == "unconfirmed"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_emails", stdout=io.StringIO())
    token = token_in(mail.outbox[0].body)
    assert holding(token) == []
    assert confirm(token)["__typename"] == "EndorsementConfirmed"


def test_a_sealed_token_survives_a_key_rotation_with_its_fallback_only(endorse, valid_input, settings):
    settings.EMAIL_BACKEND = REFUSING
    endorse(valid_input(email="mairie@grenoble.example"))
    queued = OutgoingEmail.objects.get(purpose="confirm")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    old_key = settings.SECRET_KEY

    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert outbox.send(queued) is False and mail.outbox == []
    queued.refresh_from_db()
    assert queued.sent_at is None and queued.secret and "InvalidToken" in queued.last_error

    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert outbox.send(queued) is True
    assert token_in(mail.outbox[0].body) != outbox.TOKEN_PLACEHOLDER
    queued.refresh_from_db()
    assert queued.secret == ""


def test_the_migration_seals_queued_tokens_and_drops_sent_ones():
    """Emails queued before the upgrade had their link, token included, in their text."""
    waiting, sent = "W" * 43, "S" * 43
    for token, sent_at in ((waiting, None), (sent, timezone.now())):
        link = f"https://frontend.example/fr/confirm/?token={token}"
        OutgoingEmail.objects.create(
            purpose="confirm",
            to=["a@example.org"],
            subject="Confirm",
            text=link,
            html=f'<a href="{link}">',
            sent_at=sent_at,
        )
    migration = importlib.import_module("campaign.migrations.0006_outbox_and_media")
    migration.seal_tokens(apps, None)
    assert holding(waiting) == [] and holding(sent) == []
    queued = OutgoingEmail.objects.get(sent_at=None)
    assert outbox.unsealed(queued.secret) == waiting
    assert outbox.with_token(queued)[0] == f"https://frontend.example/fr/confirm/?token={waiting}"
    assert OutgoingEmail.objects.exclude(sent_at=None).get().secret == ""
