"""Emails about endorsements, through a queue in the database (the "outbox").

An email is rendered (text and HTML, in its reader's language) and stored in the same transaction as the change
it reports, then sent once that transaction commits. A failing mail server leaves it queued, with the error
logged, and `manage.py send_queued_emails` (the `mailer` process) retries it with a growing delay. A submission
therefore never fails, or waits more than EMAIL_TIMEOUT, because of email.

A confirmation link is a key to the endorsement, so the outbox never holds it as is: the stored text and HTML carry
a placeholder where the token goes, the token waits in `secret` encrypted (Fernet, with a key derived from
SECRET_KEY, which no backup holds), is put in only in the message handed to the mail server, and `secret` is
erased once that message is sent. A database dump therefore confirms nothing, before sending or after. During a
key rotation, SECRET_KEY_FALLBACKS still open what an earlier key sealed.
"""

import base64
import logging
from datetime import timedelta
from urllib.parse import urlencode

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from campaign.endorsements.models import Endorsement, OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
# Where a confirmation's token goes in its stored text and HTML; letters and underscores only, so that neither URL
# encoding nor HTML escaping changes it.
TOKEN_PLACEHOLDER = "__confirmation_token__"


def confirmation_url(endorsement: Endorsement, token: str) -> str:
    path = settings.ENDORSEMENT_CONFIRM_PATH.format(language=endorsement.language)
    return f"{settings.FRONTEND_URL}{path}?{urlencode({'token': token})}"


def queue(
    endorsement: Endorsement | None, purpose: str, to: list[str], language: str, context: dict, secret: str = ""
) -> OutgoingEmail:
    with translation.override(language):
        context = {**context, "endorsement": endorsement, "site_url": settings.FRONTEND_URL}
        subject = " ".join(render_to_string(f"campaign/emails/{purpose}_subject.txt", context).split())
        text = render_to_string(f"campaign/emails/{purpose}.txt", context)
        html = render_to_string(f"campaign/emails/{purpose}.html", context)
    return OutgoingEmail.objects.create(
        endorsement=endorsement, purpose=purpose, to=to, subject=subject, text=text, html=html, secret=secret
    )


def queue_confirmation(endorsement: Endorsement, token: str) -> OutgoingEmail:
    context = {
        "confirm_url": confirmation_url(endorsement, TOKEN_PLACEHOLDER),
        "days": settings.ENDORSEMENT_TOKEN_TTL_DAYS,
    }
    return queue(endorsement, "confirm", [endorsement.email], endorsement.language, context, secret=sealed(token))


def outbox_cipher() -> MultiFernet:
    """Seals with SECRET_KEY, opens with it or any of SECRET_KEY_FALLBACKS."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([Fernet(fernet_key(key)) for key in keys])


def fernet_key(secret_key: str) -> bytes:
    """A key of its own for the outbox, derived from SECRET_KEY (sessions and signatures use others)."""
    digest = salted_hmac("campaign.endorsements.outbox", "fernet", secret=secret_key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest)


def sealed(token: str) -> str:
    return outbox_cipher().encrypt(token.encode()).decode()


def unsealed(secret: str) -> str:
    """Raises InvalidToken when no current key opens it (SECRET_KEY changed without a fallback)."""
    return outbox_cipher().decrypt(secret.encode()).decode()


def with_token(email: OutgoingEmail) -> tuple[str, str]:
    """The text and HTML as sent: the placeholder replaced by the token, when the email has one."""
    if not email.secret:
        return email.text, email.html
    token = unsealed(email.secret)
    return email.text.replace(TOKEN_PLACEHOLDER, token), email.html.replace(TOKEN_PLACEHOLDER, token)


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
    """Sends the email; once sent, its secret is erased. A failure (the mail server's, or a token no key opens)
    keeps it queued for a retry, with the reason."""
    email.attempts += 1
    try:
        text, html = with_token(email)
        message = EmailMultiAlternatives(email.subject, text, settings.DEFAULT_FROM_EMAIL, email.to)
        message.attach_alternative(html, "text/html")
        message.send()
    except Exception as error:  # any transport failure: the email stays queued, the reason logged
        email.last_error = f"{type(error).__name__}: {error}"[:1000]
        email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        logger.warning("Email %s (%s) not sent, attempt %s: %s", email.pk, email.purpose, email.attempts, error)
        return False
    email.sent_at = timezone.now()
    email.secret = ""
    email.save(update_fields=["attempts", "sent_at", "secret"])
    return True


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4… minutes, at most a day."""
    return timedelta(minutes=min(2 ** (attempts - 1), 24 * 60))


def due_emails():
    return OutgoingEmail.objects.filter(
        sent_at=None, next_attempt_at__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS
    ).order_by("next_attempt_at")
