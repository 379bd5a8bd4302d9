"""The closed vocabularies of an endorsement; their values are the API's and the CSV export's codes."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CITY = "city", _("City or local government")
    REGION = "region", _("Region or province")
    ASSOCIATION = "association", _("Association or network of local governments")
    ORGANISATION = "organisation", _("Other organisation")


class Status(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
    PENDING_REVIEW = "pending_review", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# An institution has at most one endorsement in these states; rejected or withdrawn ones let it sign again.
# Unconfirmed ones do not count: anyone can type an institution's name, only its signer can confirm.
CONFIRMED_STATUSES = (Status.PENDING_REVIEW, Status.APPROVED)


class PopulationBand(models.TextChoices):
    UNDER_50K = "under_50k", _("Fewer than 50,000 inhabitants")
    FROM_50K = "50k_250k", _("50,000 to 250,000 inhabitants")
    FROM_250K = "250k_1m", _("250,000 to 1 million inhabitants")
    FROM_1M = "1m_5m", _("1 to 5 million inhabitants")
    OVER_5M = "over_5m", _("More than 5 million inhabitants")


class Language(models.TextChoices):
    FR = "fr", "Français"
    EN = "en", "English"
    ES = "es", "Español"


class ErrorCode(StrEnum):
    """Why a submission or a confirmation was refused: the API's FieldError codes."""

    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"
    CONSENT_REQUIRED = "CONSENT_REQUIRED"
    DUPLICATE = "DUPLICATE"
    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    RATE_LIMITED = "RATE_LIMITED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
