"""The signers' rights and the retention rules: purge of unconfirmed submissions, export of what we hold."""

from datetime import timedelta

from django.utils import timezone

from campaign.endorsements.choices import Status
from campaign.endorsements.models import Endorsement

# What an endorsement record holds, for the signer's access request and the staff's CSV/XLSX export alike.
EXPORTED_FIELDS = [
    "reference",
    "institution_name",
    "kind",
    "country",
    "region",
    "population_band",
    "website",
    "signatory_name",
    "signatory_title",
    "email",
    "phone",
    "language",
    "statement",
    "consent_publication",
    "consent_contact",
    "consent_version",
    "latitude",
    "longitude",
    "status",
    "submitted_at",
    "confirmed_at",
    "approved_at",
    "rejected_at",
    "withdrawn_at",
    "review_reason",
    "personal_data_erased_at",
]


def purge_unconfirmed(older_than: timedelta) -> int:
    """Deletes submissions never confirmed within `older_than` of their submission, with their queued emails."""
    stale = Endorsement.objects.filter(status=Status.UNCONFIRMED, submitted_at__lt=timezone.now() - older_than)
    _, by_model = stale.delete()
    return by_model.get(Endorsement._meta.label, 0)


def export_for_email(email: str) -> list[dict]:
    """Everything stored about the person writing from `email`: their endorsements and the emails sent to them."""
    found = Endorsement.objects.filter(email__iexact=email.strip()).order_by("submitted_at")
    return [export_one(endorsement) for endorsement in found.prefetch_related("emails")]


def export_one(endorsement: Endorsement) -> dict:
    record = {name: jsonable(getattr(endorsement, name)) for name in EXPORTED_FIELDS}
    record["logo"] = endorsement.logo.file.url if endorsement.logo_id else None
    record["emails"] = [
        {
            "purpose": sent.purpose,
            "subject": sent.subject,
            "created_at": jsonable(sent.created_at),
            "sent_at": jsonable(sent.sent_at),
        }
        for sent in endorsement.emails.all()
    ]
    return record


def jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "code") and not isinstance(value, str):  # django-countries' Country
        return value.code
    return value
