"""Ready-made reasons a moderator can give with a decision, and the language the endorser reads them in.

A decision's email is written in the endorser's language (Endorsement.language), not in the moderator's: a reason
typed in French would otherwise land in the middle of a Spanish email. So the reason form names that language, and
a ready-made reason is rendered in it, whatever language the admin is in; for several endorsers at once, each one
gets the ready-made reason in their own language.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from campaign.endorsements.models import Endorsement


@dataclass(frozen=True)
class ReadyReason:
    key: str
    title: Promise  # what the moderator picks, in the admin's language
    text: Promise  # what the endorser reads, in the email's language

    def text_in(self, language: str) -> str:
        with translation.override(language):
            return str(self.text)


READY_REASONS: dict[str, list[ReadyReason]] = {
    "reject": [
        ReadyReason(
            "not_local_government",
            _("Not a local or regional government"),
            _(
                "The Lampedusa Charter is endorsed by local and regional governments and by their associations; "
                "the institution you named is not one of them."
            ),
        ),
        ReadyReason(
            "duplicate",
            _("Duplicate of an existing endorsement"),
            _(
                "Your institution has already endorsed the charter: this submission duplicates an endorsement we "
                "already have."
            ),
        ),
        ReadyReason(
            "signatory_unverified",
            _("Could not verify the signatory"),
            _(
                "We could not verify that the signatory may endorse the charter on behalf of the institution. "
                "Reply to this email with a way to check it (an official address or telephone number) and we will "
                "review the endorsement again."
            ),
        ),
    ],
}


def ready_reasons(action: str) -> list[ReadyReason]:
    return READY_REASONS.get(action, [])


def ready_reason(action: str, key: str) -> ReadyReason | None:
    return next((reason for reason in ready_reasons(action) if reason.key == key), None)


def reason_for(endorsement: Endorsement, action: str, typed: str, ready_key: str = "") -> str:
    """What the endorser is told: the moderator's own words when there are any, else the chosen ready-made reason
    in the endorser's language, else nothing."""
    if typed.strip():
        return typed
    chosen = ready_reason(action, ready_key)
    return chosen.text_in(endorsement.language) if chosen else ""


def language_name(code: str) -> str:
    """The language's name in the admin's language ("espagnol" for a French moderator)."""
    return str(translation.get_language_info(code)["name_translated"])
