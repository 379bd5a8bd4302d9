"""The signers' rights from the command line: purge of unconfirmed submissions, export of what is stored."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from campaign.endorsements.models import Endorsement, OutgoingEmail

from ..factories import make_endorsement

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_purge_deletes_only_old_unconfirmed_endorsements_and_their_emails():
    old = make_endorsement("Lyon", status="unconfirmed")
    Endorsement.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=15))
    OutgoingEmail.objects.create(
        endorsement=old, purpose="confirm", to=["lyon@example.org"], subject="s", text="t", html="h"
    )
    make_endorsement("Nantes", status="unconfirmed")
    approved = make_endorsement("Lille", status="approved")
    Endorsement.objects.filter(pk=approved.pk).update(submitted_at=timezone.now() - timedelta(days=400))

    assert "Deleted 1 " in run("endorsements_purge_unconfirmed", "--older-than", "14d")
    assert sorted(Endorsement.objects.values_list("institution_name", flat=True)) == ["Lille", "Nantes"]
    assert not OutgoingEmail.objects.exists()


def test_purge_refuses_an_unreadable_age():
    with pytest.raises(CommandError, match="14d or 36h"):
        run("endorsements_purge_unconfirmed", "--older-than", "two weeks")


def test_export_gives_everything_stored_for_an_email_and_nothing_else():
    mine = make_endorsement("Lyon")
    OutgoingEmail.objects.create(
        endorsement=mine, purpose="confirm", to=["lyon@example.org"], subject="Confirm", text="t", html="h"
    )
    make_endorsement("Nantes")
    exported = json.loads(run("endorsements_export", "--email", "LYON@example.org"))
    [record] = exported["endorsements"]
    assert record["institution_name"] == "Lyon" and record["phone"] == "+33 1 00 00 00 00"
    assert record["country"] == "FR" and record["emails"][0]["subject"] == "Confirm"
    assert "Nantes" not in json.dumps(exported)
    assert json.loads(run("endorsements_export", "--email", "nobody@example.org"))["endorsements"] == []
