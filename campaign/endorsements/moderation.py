"""What happens to an endorsement after it is submitted: confirmation by its signer, then review by staff.

Every step is one transaction that moves the status, stamps its time, queues the email it causes and records
itself in Wagtail's log (visible in the endorsement's history), so the admin always tells who did what and when.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from campaign.endorsements import mail
from campaign.endorsements.choices import ErrorCode, Status
from campaign.endorsements.models import Endorsement
from campaign.endorsements.public import counted_once
from campaign.endorsements.reasons import reason_for
from campaign.endorsements.tokens import token_hash

# Which statuses each staff action applies to; anything else is left untouched (and reported).
ALLOWED_FROM = {
    "approve": {Status.PENDING_REVIEW},
    "reject": {Status.PENDING_REVIEW, Status.UNCONFIRMED},
    "withdraw": {Status.PENDING_REVIEW, Status.APPROVED},
}
ERASED = "—"


# What the signer reads when a confirmation link does not work, by the problem's code.
TOKEN_MESSAGES = {
    ErrorCode.TOKEN_INVALID: _("This confirmation link is not valid, or it was already used."),
    ErrorCode.TOKEN_EXPIRED: _("This confirmation link has expired; please endorse again."),
    ErrorCode.DUPLICATE: _(
        "Another endorsement of this institution was confirmed first; it is being reviewed or is "
        "published. If you think it is a mistake, please write to the campaign."
    ),
}


class TokenProblem(ValueError):
    def __init__(self, code: ErrorCode):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        """In the active language: the caller chooses it (the signer's)."""
        return str(TOKEN_MESSAGES[self.code])


@dataclass
class Confirmed:
    reference: str
    status: str


def confirm(token: str) -> Confirmed:
    """Raises TokenProblem("TOKEN_INVALID") for an unknown or used token, ("TOKEN_EXPIRED") for an old one, and
    ("DUPLICATE") when another endorsement of the institution was confirmed first: the database's unique
    constraint decides, so two signers confirming at once cannot both get in. The loser's submission stays
    unconfirmed, its link still valid, should the winner's be rejected or withdrawn."""
    with transaction.atomic():
        endorsement = (
            Endorsement.objects.select_for_update()
            .filter(token_hash=token_hash(token), status=Status.UNCONFIRMED)
            .first()
        )
        if endorsement is None or not token:
            raise TokenProblem(ErrorCode.TOKEN_INVALID)
        if endorsement.token_expires_at < timezone.now():
            raise TokenProblem(ErrorCode.TOKEN_EXPIRED)
        confirm_first(endorsement)
        log(endorsement, "campaign.endorsement.confirm")
        mail.send_after_commit([mail.queue_staff_notice(endorsement)])
    return Confirmed(reference=endorsement.reference, status=endorsement.status)


def confirm_first(endorsement: Endorsement) -> None:
    """Moves the endorsement to review, unless one of its institution is confirmed already."""
    endorsement.status = Status.PENDING_REVIEW
    endorsement.confirmed_at = timezone.now()
    endorsement.token_hash = ""
    endorsement.token_expires_at = None
    try:
        with transaction.atomic():
            endorsement.save(update_fields=["status", "confirmed_at", "token_hash", "token_expires_at"])
    except IntegrityError:
        raise TokenProblem(ErrorCode.DUPLICATE) from None


def review(endorsements, action: str, user, reason: str = "", ready_reason: str = "") -> int:
    """Applies a staff decision to each endorsement it applies to; returns how many changed.

    The reason is the moderator's text, or else the ready-made reason `ready_reason` in each endorser's language
    (campaign.endorsements.reasons). It goes into the email, the endorsement and its log entry, whose history line
    shows it (campaign.endorsements.admin.ReasonLogFormatter)."""
    changed = 0
    with transaction.atomic(), counted_once():
        for endorsement in endorsements:
            if endorsement.status in ALLOWED_FROM[action]:
                told = reason_for(endorsement, action, reason, ready_reason)
                mail.send_after_commit([DECISIONS[action](endorsement, user, told)])
                log(endorsement, f"campaign.endorsement.{action}", user=user, data={"reason": told})
                changed += 1
    return changed


def approve(endorsement: Endorsement, user, reason: str):
    endorsement.status = Status.APPROVED
    endorsement.approved_at = timezone.now()
    record_review(endorsement, user, reason, "approved_at")
    return mail.queue_decision(endorsement, "approved", reason)


def reject(endorsement: Endorsement, user, reason: str):
    endorsement.status = Status.REJECTED
    endorsement.rejected_at = timezone.now()
    endorsement.token_hash = ""
    record_review(endorsement, user, reason, "rejected_at", "token_hash")
    return mail.queue_decision(endorsement, "rejected", reason)


def withdraw(endorsement: Endorsement, user, reason: str):
    endorsement.status = Status.WITHDRAWN
    endorsement.withdrawn_at = timezone.now()
    record_review(endorsement, user, reason, "withdrawn_at")


def record_review(endorsement: Endorsement, user, reason: str, *fields: str) -> None:
    endorsement.reviewed_by = user
    endorsement.review_reason = reason
    endorsement.save(update_fields=["status", "reviewed_by", "review_reason", *fields])


DECISIONS = {"approve": approve, "reject": reject, "withdraw": withdraw}


def erase_personal_data(endorsements, user) -> int:
    """Contact data goes from every endorsement; an approved one keeps its public record (institution, signatory,
    statement, logo), anything else loses the signatory too. Queued emails, which hold the address, go as well."""
    erased = 0
    with transaction.atomic(), counted_once():
        for endorsement in endorsements:
            endorsement.email = ""
            endorsement.phone = ""
            endorsement.token_hash = ""
            if endorsement.status != Status.APPROVED:
                endorsement.signatory_name = ERASED
                endorsement.signatory_title = ERASED
                endorsement.statement = ""
            endorsement.personal_data_erased_at = timezone.now()
            endorsement.save()
            endorsement.emails.all().delete()
            log(endorsement, "campaign.endorsement.erase", user=user)
            erased += 1
    return erased
