"""Taking an endorsement in: from the signer's input to a stored, unconfirmed endorsement and a confirmation email.

Every answer is in the signer's language. Nothing is stored unless everything is valid; a second endorsement of
an institution that already has an active one is refused as DUPLICATE, by the database's unique constraint, so
that simultaneous submissions cannot both get in, and without telling anything about the first one.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..pages.standard import EndorsePage
from ..text import comparison_key
from . import mail
from .choices import CONFIRMED_STATUSES, Status
from .form import EndorsementForm
from .gazetteer import coordinates
from .logos import LogoRejected, store_logo
from .models import Endorsement, new_reference
from .rate_limits import submission_allowed
from .regions import region_for_country
from .tokens import expiry, new_token, token_hash

logger = logging.getLogger(__name__)

DJANGO_CODES = {"required": "REQUIRED", "max_length": "TOO_LONG"}
# The form's fields stored as typed; the region is stored once resolved (the country's, unless chosen).
FORM_TO_MODEL = set(EndorsementForm.base_fields) - {"region"}


@dataclass
class FieldError:
    field: str
    code: str
    message: str


@dataclass
class Received:
    reference: str
    status: str


def signer_language(data: dict, fallback: str) -> str:
    language = data.get("language")
    return language if language in {"fr", "en", "es"} else fallback


def submit(data: dict, request: HttpRequest, logo=None) -> Received | list[FieldError]:
    """`data` holds the form's fields (snake_case); `logo` an uploaded file or None."""
    with translation.override(signer_language(data, translation.get_language() or "fr")):
        if data.get("trap"):
            logger.info("Endorsement honeypot filled in; nothing stored.")
            return Received(reference=new_reference(), status=Status.UNCONFIRMED)
        if not submission_allowed(request, str(data.get("email") or "")):
            return [FieldError("input", "RATE_LIMITED", _("Too many submissions; please try again later."))]
        form = EndorsementForm(data)
        if not form.is_valid():
            return form_errors(form)
        errors = consent_errors(form.cleaned_data)
        if errors:
            return errors
        if active_duplicate(form.cleaned_data).exists():
            return [duplicate_error()]
        try:
            image = store_logo(logo, form.cleaned_data["institution_name"]) if logo is not None else None
        except LogoRejected as error:
            return [FieldError("logo", "INVALID", str(error))]
        return create(form.cleaned_data, image)


def form_errors(form: EndorsementForm) -> list[FieldError]:
    return [
        FieldError(field, DJANGO_CODES.get(error.code, "INVALID"), message)
        for field, errors in form.errors.as_data().items()
        for error in errors
        for message in error.messages
    ]


def consent_errors(data: dict) -> list[FieldError]:
    errors = []
    if not data["consent_publication"]:
        errors.append(
            FieldError(
                "consent_publication",
                "CONSENT_REQUIRED",
                _("The charter’s endorsements are public: please agree to the publication to endorse it."),
            )
        )
    current = current_consent_versions()
    if data["consent_version"] not in current:
        errors.append(
            FieldError(
                "consent_version",
                "INVALID",
                _("The consent text has changed; please reload the form and read it again."),
            )
        )
    return errors


def current_consent_versions() -> set[str]:
    return set(EndorsePage.objects.live().values_list("consent_version", flat=True))


def same_institution(data: dict):
    return Endorsement.objects.filter(name_key=comparison_key(data["institution_name"]), country=data["country"])


def expired_unconfirmed(data: dict):
    """Submissions whose confirmation link expired unused: they no longer hold the institution's place."""
    return same_institution(data).filter(status=Status.UNCONFIRMED, token_expires_at__lt=timezone.now())


def active_duplicate(data: dict):
    active = same_institution(data).filter(status__in=CONFIRMED_STATUSES)
    return active.exclude(pk__in=expired_unconfirmed(data).values("pk"))


def duplicate_error() -> FieldError:
    return FieldError(
        "institution_name",
        "DUPLICATE",
        _("This institution has already endorsed the charter, or its endorsement is being processed."),
    )


def create(data: dict, logo) -> Received | list[FieldError]:
    token = new_token()
    fields = {name: value for name, value in data.items() if name in FORM_TO_MODEL}
    endorsement = Endorsement(**fields, logo=logo, token_hash=token_hash(token), token_expires_at=expiry())
    endorsement.region = data["region"] or region_for_country(data["country"])
    endorsement.latitude, endorsement.longitude = coordinates(data["institution_name"], data["country"]) or (None, None)
    try:
        with transaction.atomic():
            expired_unconfirmed(data).delete()
            endorsement.save()
            queued = mail.queue_confirmation(endorsement, token)
    except IntegrityError:
        if logo:
            logo.delete()
        return [duplicate_error()]
    mail.send_after_commit([queued])
    logger.info("Endorsement %s submitted.", endorsement.reference)
    return Received(reference=endorsement.reference, status=endorsement.status)
