"""Emails about endorsements, through a queue in the database (the "outbox").

An email is rendered (text and HTML, in its reader's language) and stored in the same transaction as the change
it reports, then sent once that transaction commits. A failing mail server leaves it queued, with the error
logged, and `manage.py send_queued_emails` (the `mailer` process) retries it with a growing delay. A submission
therefore never fails, or waits more than EMAIL_TIMEOUT, because of email.
"""

import logging
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Endorsement, OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


def confirmation_url(endorsement: Endorsement, token: str) -> str:
    path = settings.ENDORSEMENT_CONFIRM_PATH.format(language=endorsement.language)
    return f"{settings.FRONTEND_URL}{path}?{urlencode({'token': token})}"


def queue(endorsement: Endorsement | None, purpose: str, to: list[str], language: str, context: dict) -> OutgoingEmail:
    with translation.override(language):
        context = {**context, "endorsement": endorsement, "site_url": settings.FRONTEND_URL}
        subject = " ".join(render_to_string(f"campaign/emails/{purpose}_subject.txt", context).split())
        text = render_to_string(f"campaign/emails/{purpose}.txt", context)
        html = render_to_string(f"campaign/emails/{purpose}.html", context)
    return OutgoingEmail.objects.create(
        endorsement=endorsement, purpose=purpose, to=to, subject=subject, text=text, html=html
    )


def queue_confirmation(endorsement: Endorsement, token: str) -> OutgoingEmail:
    context = {"confirm_url": confirmation_url(endorsement, token), "days": settings.ENDORSEMENT_TOKEN_TTL_DAYS}
    return queue(endorsement, "confirm", [endorsement.email], endorsement.language, context)


def queue_staff_notice(endorsement: Endorsement) -> OutgoingEmail | None:
    if not settings.STAFF_NOTIFICATION_EMAILS:
        return None
    admin_url = settings.WAGTAILADMIN_BASE_URL + reverse(
        "wagtailsnippets_campaign_endorsement:inspect", args=[endorsement.pk]
    )
    return queue(
        endorsement,
        "staff_notice",
        settings.STAFF_NOTIFICATION_EMAILS,
        settings.LANGUAGE_CODE,
        {"admin_url": admin_url},
    )


def queue_decision(endorsement: Endorsement, purpose: str, reason: str) -> OutgoingEmail | None:
    """The approval or rejection notice; none once the endorser's email has been erased."""
    if not endorsement.email:
        return None
    return queue(endorsement, purpose, [endorsement.email], endorsement.language, {"reason": reason})


def send_after_commit(emails: list[OutgoingEmail | None]) -> None:
    ids = [email.pk for email in emails if email is not None]
    if ids:
        transaction.on_commit(lambda: send_each(OutgoingEmail.objects.filter(pk__in=ids, sent_at=None)))


def send_each(emails) -> tuple[int, int]:
    sent = failed = 0
    for email in emails:
        if send(email):
            sent += 1
        else:
            failed += 1
    return sent, failed


def send(email: OutgoingEmail) -> bool:
    message = EmailMultiAlternatives(email.subject, email.text, settings.DEFAULT_FROM_EMAIL, email.to)
    message.attach_alternative(email.html, "text/html")
    email.attempts += 1
    try:
        message.send()
    except Exception as error:  # any transport failure: the email stays queued, the reason logged
        email.last_error = f"{type(error).__name__}: {error}"[:1000]
        email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        logger.warning("Email %s (%s) not sent, attempt %s: %s", email.pk, email.purpose, email.attempts, error)
        return False
    email.sent_at = timezone.now()
    email.save(update_fields=["attempts", "sent_at"])
    return True


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4… minutes, at most a day."""
    return timedelta(minutes=min(2 ** (attempts - 1), 24 * 60))


def due_emails():
    return OutgoingEmail.objects.filter(
        sent_at=None, next_attempt_at__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS
    ).order_by("next_attempt_at")
