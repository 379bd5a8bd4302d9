"""Taking an endorsement in: from the signer's input to a stored, unconfirmed endorsement and a confirmation email.

Every answer is in the signer's language. Nothing is stored unless everything is valid, and a refused submission
lists every problem at once. An unconfirmed
submission holds nothing: anyone can type an institution's name, so several may wait for confirmation at once,
and the first confirmed wins (campaign.endorsements.moderation.confirm, guarded by the database's unique
constraint). A submission is refused as DUPLICATE only when the institution's endorsement is published, which
everyone can see anyway: the answer tells nothing about endorsements still waiting.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaign.endorsements import mail
from campaign.endorsements.choices import ErrorCode, Status
from campaign.endorsements.form import EndorsementForm
from campaign.endorsements.gazetteer import coordinates
from campaign.endorsements.logos import LogoRejected, checked_logo, store_png
from campaign.endorsements.models import Endorsement, new_reference
from campaign.endorsements.rate_limits import RateLimitUnavailable, address_allowed, mailbox_allowed
from campaign.endorsements.tokens import expiry, new_token, token_hash
from campaign.i18n.locales import content_languages
from campaign.text.plain import duplicate_key

logger = logging.getLogger(__name__)

DJANGO_CODES = {
    "required": ErrorCode.REQUIRED,
    "max_length": ErrorCode.TOO_LONG,
    "consent_required": ErrorCode.CONSENT_REQUIRED,
}
# The form's fields, stored as cleaned; an empty region becomes the country's when saved (Endorsement.save).
FORM_TO_MODEL = set(EndorsementForm.base_fields)


@dataclass
class FieldError:
    field: str
    code: ErrorCode
    message: str


@dataclass
class Received:
    reference: str
    status: str


def signer_language(data: dict, fallback: str) -> str:
    """The language the signer chose, if the site is published in it: every answer to the submission is in it."""
    language = data.get("language")
    return language if language in content_languages() else fallback


def submit(data: dict, request: HttpRequest, logo=None) -> Received | list[FieldError]:
    """`data` holds the form's fields (snake_case); `logo` an uploaded file or None."""
    with translation.override(signer_language(data, translation.get_language() or settings.LANGUAGE_CODE)):
        if data.get("trap"):
            logger.info("Endorsement honeypot filled in; nothing stored.")
            return Received(reference=new_reference(), status=Status.UNCONFIRMED)
        try:
            return checked_and_created(data, request, logo)
        except RateLimitUnavailable:
            return [
                FieldError(
                    "input",
                    ErrorCode.SERVICE_UNAVAILABLE,
                    _("We cannot take endorsements right now; please try again later."),
                )
            ]


def checked_and_created(data: dict, request: HttpRequest, logo) -> Received | list[FieldError]:
    """Every attempt counts against the client's address; only a valid one counts against the mailbox. A refused
    submission gets every field's error at once (the form's, consents included, a published duplicate, the
    logo's), so that the signer corrects the form once."""
    if not address_allowed(request):
        return [rate_limited()]
    form = EndorsementForm(data)
    errors = form_errors(form)
    if published(form.cleaned_data).exists():
        errors.append(duplicate_error())
    try:
        png = checked_logo(logo) if logo is not None else None
    except LogoRejected as error:
        errors.append(FieldError("logo", ErrorCode.INVALID, str(error)))
    if errors:
        return errors
    if not mailbox_allowed(request, form.cleaned_data["email"]):
        return [rate_limited()]
    return create(form.cleaned_data, png)


def rate_limited() -> FieldError:
    return FieldError("input", ErrorCode.RATE_LIMITED, _("Too many submissions; please try again later."))


def form_errors(form: EndorsementForm) -> list[FieldError]:
    return [
        FieldError(field, DJANGO_CODES.get(error.code, ErrorCode.INVALID), message)
        for field, errors in form.errors.as_data().items()
        for error in errors
        for message in error.messages
    ]


def same_institution(data: dict):
    return Endorsement.objects.filter(duplicate_key=duplicate_key(data["institution_name"]), country=data["country"])


def published(data: dict):
    """The institution's published endorsement; none while its name or country is not valid yet."""
    if not {"institution_name", "country"} <= data.keys():
        return Endorsement.objects.none()
    return same_institution(data).filter(status=Status.APPROVED)


def expired_unconfirmed(data: dict):
    """Submissions of the institution whose confirmation link expired unused: cleared as a new one comes."""
    return same_institution(data).filter(status=Status.UNCONFIRMED, token_expires_at__lt=timezone.now())


def duplicate_error() -> FieldError:
    return FieldError("institution_name", ErrorCode.DUPLICATE, _("This institution has already endorsed the charter."))


def create(data: dict, png: bytes | None) -> Received:
    """The logo is stored in the endorsement's transaction: if storing the endorsement fails, no image stays."""
    token = new_token()
    fields = {name: value for name, value in data.items() if name in FORM_TO_MODEL}
    endorsement = Endorsement(**fields, token_hash=token_hash(token), token_expires_at=expiry())
    endorsement.latitude, endorsement.longitude = coordinates(data["institution_name"], data["country"]) or (None, None)
    with transaction.atomic():
        expired_unconfirmed(data).delete()
        endorsement.logo = store_png(png, data["institution_name"]) if png is not None else None
        endorsement.save()
        queued = mail.queue_confirmation(endorsement, token)
    mail.send_after_commit([queued])
    logger.info("Endorsement %s submitted.", endorsement.reference)
    return Received(reference=endorsement.reference, status=endorsement.status)
