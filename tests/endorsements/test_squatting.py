"""Nobody can hold an institution's place or lock a signer out without the signer's mailbox (issue 12, item 8),
and the rate limits refuse rather than let everything through when their store is away."""

import re

import pytest
from django.core import mail

from campaign.endorsements.models import Endorsement

from .mutations import post_logo

pytestmark = pytest.mark.django_db


def token_for(email: str) -> str:
    message = next(message for message in reversed(mail.outbox) if message.to == [email])
    return re.search(r"token=([\w-]+)", message.body).group(1)


def test_an_unconfirmed_submission_does_not_block_the_institution(endorse, valid_input):
    squatter = endorse(valid_input(email="squatter@example.org", signatoryName="Not The Mayor"))
    real = endorse(valid_input(email="maire@grenoble.example"))
    assert squatter["__typename"] == real["__typename"] == "EndorsementReceived"
    assert Endorsement.objects.filter(status="unconfirmed").count() == 2


def test_the_first_to_confirm_wins_and_the_other_is_told_when_confirming(endorse, confirm, valid_input):
    endorse(valid_input(email="squatter@example.org"))
    endorse(valid_input(email="maire@grenoble.example", language="es"))
    assert confirm(token_for("maire@grenoble.example"))["__typename"] == "EndorsementConfirmed"

    late = confirm(token_for("squatter@example.org"), "en")
    assert [(error["field"], error["code"]) for error in late["errors"]] == [("token", "DUPLICATE")]
    assert late["errors"][0]["message"].startswith("Another endorsement of this institution was confirmed first")
    spanish = confirm(token_for("squatter@example.org"), "es")["errors"][0]["message"]
    assert spanish != late["errors"][0]["message"] and "institución" in spanish
    statuses = dict(Endorsement.objects.values_list("email", "status"))
    assert statuses == {"maire@grenoble.example": "pending_review", "squatter@example.org": "unconfirmed"}


def test_a_look_alike_name_confirmed_second_is_a_duplicate_too(endorse, confirm, valid_input):
    endorse(valid_input(email="maire@grenoble.example"))
    endorse(valid_input(institutionName="Ville de Grenobl\u0435", email="copy@example.org"))  # Cyrillic ie
    confirm(token_for("maire@grenoble.example"))
    assert confirm(token_for("copy@example.org"))["errors"][0]["code"] == "DUPLICATE"


def test_a_submission_tells_nothing_of_endorsements_waiting_for_confirmation_or_review(endorse, confirm, valid_input):
    endorse(valid_input(email="maire@grenoble.example"))
    assert endorse(valid_input(email="probe@example.org"))["__typename"] == "EndorsementReceived", "unconfirmed"
    confirm(token_for("maire@grenoble.example"))
    assert endorse(valid_input(email="probe2@example.org"))["__typename"] == "EndorsementReceived", "pending"


def test_invalid_submissions_do_not_count_against_an_email(endorse, valid_input, settings):
    settings.ENDORSEMENT_RATE_PER_EMAIL = "3/d"
    for _ in range(5):
        assert endorse(valid_input(email="maire@grenoble.example", country="ZZ"))["__typename"] == (
            "InvalidEndorsement"
        )
    assert endorse(valid_input(email="maire@grenoble.example"))["__typename"] == "EndorsementReceived"


def test_a_refused_logo_does_not_count_against_an_email(client, endorse, valid_input, settings):
    settings.ENDORSEMENT_RATE_PER_EMAIL = "1/d"
    refused = post_logo(client, valid_input(), b"not an image").json()["data"]["endorseCharter"]
    assert [error["field"] for error in refused["errors"]] == ["logo"]
    assert endorse(valid_input())["__typename"] == "EndorsementReceived"


@pytest.mark.parametrize(
    "variant", ["maire+news@grenoble.example", "m.a.i.r.e@grenoble.example", "MAIRE+x@GRENOBLE.EXAMPLE"]
)
def test_tag_and_dot_variants_of_a_mailbox_count_as_one(endorse, valid_input, settings, variant):
    settings.ENDORSEMENT_RATE_PER_EMAIL = "1/d"
    endorse(valid_input(institutionName="Ville de Lyon", email="maire@grenoble.example"))
    again = endorse(valid_input(institutionName="Ville de Nantes", email=variant))
    assert [error["code"] for error in again["errors"]] == ["RATE_LIMITED"]


@pytest.fixture
def rate_limits_unreachable(settings):
    """The rate-limit cache alias, whichever django-ratelimit uses, pointed at a Redis that does not answer."""
    alias = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    settings.CACHES = {
        **settings.CACHES,
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    if alias == "default":  # the response cache shares it: keep it answering
        settings.RATELIMIT_USE_CACHE = "unreachable"
        settings.CACHES = {**settings.CACHES, "unreachable": settings.CACHES[alias]}
        settings.CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def test_with_the_rate_limit_store_down_submissions_are_refused_with_a_coded_error(
    endorse, valid_input, rate_limits_unreachable
):
    result = endorse(valid_input(language="es"))
    assert [(error["field"], error["code"]) for error in result["errors"]] == [("input", "SERVICE_UNAVAILABLE")]
    assert result["errors"][0]["message"].startswith("Ahora no podemos")
    assert not Endorsement.objects.exists() and not mail.outbox
