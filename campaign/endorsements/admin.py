"""Moderation in the Wagtail admin: the "Endorsements" menu, its filters, exports and actions, and a dashboard panel.

Approve, reject, withdraw and erase are bulk actions; a single endorsement's buttons open the same confirmation
page for that one endorsement. Only users with the endorsement permissions see the menu, the panel or the actions.
"""

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from campaign.endorsements import moderation
from campaign.endorsements.choices import Status
from campaign.endorsements.data_protection import EXPORTED_FIELDS
from campaign.endorsements.models import Endorsement

REVIEW_PERMISSION = "campaign.change_endorsement"


class EndorsementViewSet(SnippetViewSet):
    model = Endorsement
    icon = "group"
    menu_label = _("Endorsements")
    menu_order = 240
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["institution_name", "country", "kind", "status", "submitted_at"]
    list_filter = ["status", "kind", "country", "region"]
    # Searched in the database, not through Wagtail's search index: personal data must not be copied there.
    search_fields = ["institution_name", "signatory_name", "email"]
    search_backend_name = None
    list_export = EXPORTED_FIELDS
    export_filename = "endorsements"
    # Everything staff may see; the token's hash and the duplicate key are internal.
    inspect_view_fields = [*list_export, "logo", "reviewed_by", "review_reason", "personal_data_erased_at"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        help_text=_("Sent to the endorser with the decision, and kept in the history."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ReviewBulkAction(SnippetBulkAction):
    """A staff decision on endorsements, with an optional reason for the endorser."""

    models = [Endorsement]
    form_class = ReasonForm
    template_name = "campaign/admin/endorsement_review.html"
    review = ""

    def dispatch(self, request, *args, **kwargs):
        """Refused before anything is looked up: Wagtail's confirmation page would otherwise list, as "items you
        cannot act on", the names of the endorsements asked for to any staff member."""
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.request.user.has_perm(REVIEW_PERMISSION)

    def get_execution_context(self):
        return {"user": self.request.user, "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        return moderation.review(objects, cls.review, user, reason), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d endorsement changed.", "%(count)d endorsements changed.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ApproveBulkAction(ReviewBulkAction):
    display_name = _("Approve")
    action_type = "approve_endorsement"
    aria_label = _("Approve the selected endorsements")
    review = "approve"
    action_priority = 10


class RejectBulkAction(ReviewBulkAction):
    display_name = _("Reject")
    action_type = "reject_endorsement"
    aria_label = _("Reject the selected endorsements")
    review = "reject"
    action_priority = 20
    classes = {"serious"}


class WithdrawBulkAction(ReviewBulkAction):
    display_name = _("Withdraw")
    action_type = "withdraw_endorsement"
    aria_label = _("Withdraw the selected endorsements from the public list")
    review = "withdraw"
    action_priority = 25


class ErasePersonalDataBulkAction(ReviewBulkAction):
    display_name = _("Erase personal data")
    action_type = "erase_endorsement_personal_data"
    aria_label = _("Erase the personal data of the selected endorsements")
    form_class = forms.Form
    template_name = "campaign/admin/endorsement_erase.html"
    action_priority = 40
    classes = {"serious"}

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.erase_personal_data(objects, user), 0


BULK_ACTIONS = [ApproveBulkAction, RejectBulkAction, WithdrawBulkAction, ErasePersonalDataBulkAction]
ROW_ACTIONS = {
    Status.PENDING_REVIEW: [ApproveBulkAction, RejectBulkAction],
    Status.UNCONFIRMED: [RejectBulkAction],
    Status.APPROVED: [WithdrawBulkAction],
}


def listing_buttons(endorsement: Endorsement, user, next_url: str) -> list[ListingButton]:
    """The actions that apply to this endorsement, as links to the bulk action's page for it alone."""
    if not user.has_perm(REVIEW_PERMISSION):
        return []
    actions = [*ROW_ACTIONS.get(endorsement.status, []), ErasePersonalDataBulkAction]
    return [
        ListingButton(
            action.display_name,
            reverse("wagtail_bulk_action", args=["campaign", "endorsement", action.action_type])
            + "?"
            + urlencode({"id": endorsement.pk, "next": next_url}),
            priority=action.action_priority,
            icon_name="check" if action is ApproveBulkAction else "cross",
        )
        for action in actions
    ]


LOG_ACTIONS = {
    "campaign.endorsement.confirm": (_("Confirm endorsement"), _("Confirmed by its signer")),
    "campaign.endorsement.approve": (_("Approve endorsement"), _("Approved")),
    "campaign.endorsement.reject": (_("Reject endorsement"), _("Rejected")),
    "campaign.endorsement.withdraw": (_("Withdraw endorsement"), _("Withdrawn from the public list")),
    "campaign.endorsement.erase": (_("Erase personal data"), _("Personal data erased")),
}


class EndorsementsPanel(Component):
    """Counts by status, pending review first (what needs doing), and endorsements per month over a year."""

    name = "endorsements"
    template_name = "campaign/admin/endorsements_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        by_status = Counter(Endorsement.objects.values_list("status", flat=True))
        order = [Status.PENDING_REVIEW, Status.UNCONFIRMED, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN]
        months = monthly_submissions(12)
        tallest = max((count for _, count in months), default=0) or 1
        return {
            "statuses": [(status, status.label, by_status.get(status, 0)) for status in order],
            "months": [(month, count, round(100 * count / tallest)) for month, count in months],
            "listing_url": reverse("wagtailsnippets_campaign_endorsement:list"),
        }


def monthly_submissions(count: int) -> list[tuple[str, int]]:
    """Endorsements submitted per month, for the last `count` months including this one, oldest first."""
    today = timezone.now().date()
    months = [shifted(today.year, today.month, back) for back in range(count - 1, -1, -1)]
    first = date(*months[0], 1)
    moments = Endorsement.objects.filter(submitted_at__date__gte=first).values_list("submitted_at", flat=True)
    tally = Counter(moment.strftime("%Y-%m") for moment in moments)
    return [(f"{year}-{month:02d}", tally.get(f"{year}-{month:02d}", 0)) for year, month in months]


def shifted(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1
