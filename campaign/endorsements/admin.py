"""Moderation in the Wagtail admin: the "Endorsements" menu, its filters, exports and actions, and a dashboard panel.

Approve, reject, withdraw and erase are bulk actions; a single endorsement's buttons open the same confirmation
page for that one endorsement, and every one of them comes back to the listing as the moderator left it. Only users
with the endorsement permissions see the menu, the panel or the actions. A decision's reason is written for the
endorser, in their language (campaign.endorsements.reasons), and shows in the endorsement's history.
"""

from collections import Counter
from datetime import date, datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import ForeignKey
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import BaseButton, Button, ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from campaign.endorsements import moderation
from campaign.endorsements.choices import Status
from campaign.endorsements.data_protection import EXPORTED_FIELDS
from campaign.endorsements.export import LocalizedExportMixin, coded_labels, localized
from campaign.endorsements.models import Endorsement
from campaign.endorsements.reasons import ReadyReason, language_name, ready_reasons

REVIEW_PERMISSION = "campaign.change_endorsement"


# Parameters of a listing request that are not part of what the moderator sees: the in-place refresh, the export.
LISTING_INTERNAL_PARAMETERS = {"_w_filter_fragment", "export"}


class EndorsementIndexView(LocalizedExportMixin, IndexView):
    """The listing, whose row actions come back to it as the moderator left it, and whose exports are localized."""

    @cached_property
    def listing_url(self) -> str:
        """This listing with its filters, search, ordering and page. Wagtail gives row buttons `request.path` as
        their way back, which drops all of them; and after filters are applied in place, the rows come from the
        results view, whose address renders only a fragment, so the way back is always the index's own. The
        results view is sent every field of the filter form, empty ones too: those filter nothing and are left
        out, as the address the browser shows leaves them out."""
        kept = [
            (key, value)
            for key, values in self.request.GET.lists()
            if key not in LISTING_INTERNAL_PARAMETERS
            for value in values
            if value
        ]
        return f"{self.index_url}?{urlencode(kept)}" if kept else self.index_url

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *listing_buttons(instance, self.request.user, self.listing_url),
        ]


class EndorsementInspectView(InspectView):
    """The endorsement's page: its values as the export gives them (labels, Yes/No, region names), its decision's
    reason among them, and a dash for what is empty rather than Python's None or False."""

    @cached_property
    def value_labels(self) -> dict[str, dict[str, str]]:
        return coded_labels()

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name)
        if value is None or value == "":
            return "—"
        if field_name in self.value_labels:
            return self.value_labels[field_name].get(value, value)
        if isinstance(value, datetime) or isinstance(field, ForeignKey):
            return super().get_field_display_value(field_name, field)
        return localized(field, value)


class EndorsementViewSet(SnippetViewSet):
    model = Endorsement
    icon = "group"
    menu_label = _("Endorsements")
    menu_order = 240
    add_to_admin_menu = True
    index_view_class = EndorsementIndexView
    inspect_view_class = EndorsementInspectView
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
    inspect_view_fields = [*list_export, "logo", "reviewed_by"]


def listing_url() -> str:
    return reverse("wagtailsnippets_campaign_endorsement:list")


class ReadyReasonWidget(forms.RadioSelect):
    """The ready-made reasons as radio buttons, each showing its text in the email's language. With one email
    language, a small script (endorsement-reasons.js) also copies the chosen text into the reason box, to be
    adapted; without the script, a chosen reason is sent as it is when the box is left empty."""

    def __init__(self, texts: dict[str, str], **kwargs):
        super().__init__(**kwargs)
        self.texts = texts

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.texts:
            option["attrs"]["data-reason-text"] = self.texts[value]
        return option

    class Media:
        js = ["campaign/admin/endorsement-reasons.js"]


class ReasonForm(forms.Form):
    """The reason for a decision, which says in which language(s) the endorsers will read it."""

    ready_reason = forms.ChoiceField(label=_("Ready-made reason"), required=False)
    reason = forms.CharField(
        label=_("Reason (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, review: str, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = reason_help(review, languages)
        offered = ready_reasons(review)
        if not offered:
            del self.fields["ready_reason"]
            return
        field = self.fields["ready_reason"]
        field.choices = [("", _("None: my own words below, or no reason"))] + [
            (reason.key, ready_reason_label(reason, languages)) for reason in offered
        ]
        fills = {reason.key: reason.text_in(languages[0]) for reason in offered} if len(languages) == 1 else {}
        field.widget = ReadyReasonWidget(fills, choices=field.choices)
        field.help_text = ready_reason_help(languages)


def reason_help(review: str, languages: list[str]) -> str:
    if review == "withdraw" or not languages:
        return _("Kept in the endorsement's history; no email is sent.")
    if len(languages) == 1:
        return _(
            "Emailed to the endorser with the decision. Write it in their language: %(language)s. "
            "Also kept in the endorsement's history."
        ) % {"language": language_name(languages[0])}
    return _(
        "Emailed to each endorser with the decision, in their own language (%(languages)s): what you write here "
        "goes to all of them as it is. Also kept in each endorsement's history."
    ) % {"languages": ", ".join(language_name(code) for code in languages)}


def ready_reason_help(languages: list[str]) -> str:
    if len(languages) == 1:
        return _("Shown as the endorser will read it. Used as it is if you write nothing below.")
    return _("Each endorser receives it in their own language. Used as it is if you write nothing below.")


def ready_reason_label(reason: ReadyReason, languages: list[str]) -> str:
    """The reason's title in the admin's language, then its text on a line of its own in each language it will be
    sent in."""
    texts = format_html_join("", '<br><span lang="{}">{}</span>', ((code, reason.text_in(code)) for code in languages))
    return format_html("<strong>{}</strong>{}", reason.title, texts)


class EndorsementBulkAction(SnippetBulkAction):
    """An action on endorsements, refused to staff without the review permission, that goes back to the listing
    as it was (filters, search, page) or, when opened without a way back, to the whole listing."""

    models = [Endorsement]

    def __init__(self, request, model):
        super().__init__(request, model)
        if not get_valid_next_url_from_request(request):
            self.next_url = listing_url()

    def dispatch(self, request, *args, **kwargs):
        """Refused before anything is looked up: Wagtail's confirmation page would otherwise list, as "items you
        cannot act on", the names of the endorsements asked for to any staff member."""
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.request.user.has_perm(REVIEW_PERMISSION)


class ReviewBulkAction(EndorsementBulkAction):
    """A staff decision on endorsements, with an optional reason for the endorser."""

    form_class = ReasonForm
    template_name = "campaign/admin/endorsement_review.html"
    review = ""

    @cached_property
    def selected(self) -> list[Endorsement]:
        return self.get_actionable_objects()[0]

    def emailed(self, endorsement: Endorsement) -> bool:
        return (
            self.review in EMAILED_DECISIONS
            and endorsement.status in moderation.ALLOWED_FROM[self.review]
            and bool(endorsement.email)
        )

    def email_languages(self) -> list[str]:
        return sorted({endorsement.language for endorsement in self.selected if self.emailed(endorsement)})

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.review, "languages": self.email_languages()}

    def object_context(self, obj):
        return {**super().object_context(obj), "note": self.item_note(obj)}

    def item_note(self, endorsement: Endorsement) -> str:
        """What the action will do to this one: left alone, or decided with or without an email, in which language."""
        if endorsement.status not in moderation.ALLOWED_FROM[self.review]:
            return _("left as it is")
        if self.review not in EMAILED_DECISIONS:
            return ""
        if not endorsement.email:
            return _("no email: the address was erased")
        return _("email in %(language)s") % {"language": language_name(endorsement.language)}

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {"user": self.request.user, "reason": data["reason"], "ready_reason": data.get("ready_reason", "")}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", ready_reason="", **kwargs):
        return moderation.review(objects, cls.review, user, reason, ready_reason), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d endorsement changed.", "%(count)d endorsements changed.", num_parent_objects) % {
            "count": num_parent_objects
        }


# The decisions the endorser is emailed about (campaign.endorsements.mail.queue_decision).
EMAILED_DECISIONS = {"approve", "reject"}


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


class WithdrawBulkAction(ReviewBulkAction):
    display_name = _("Withdraw")
    action_type = "withdraw_endorsement"
    aria_label = _("Withdraw the selected endorsements from the public list")
    review = "withdraw"
    action_priority = 25


class ErasePersonalDataBulkAction(EndorsementBulkAction):
    """Destructive and final, so set apart from the decisions: last, in the "More" menus, in the critical colour,
    and confirmed on a page that names the institutions it erases."""

    display_name = _("Erase personal data")
    action_type = "erase_endorsement_personal_data"
    aria_label = _("Erase the personal data of the selected endorsements")
    template_name = "campaign/admin/endorsement_erase.html"
    action_priority = 100
    classes = {"serious"}

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.erase_personal_data(objects, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Personal data of %(count)d endorsement erased.",
            "Personal data of %(count)d endorsements erased.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


BULK_ACTIONS = [ApproveBulkAction, RejectBulkAction, WithdrawBulkAction, ErasePersonalDataBulkAction]
ROW_ACTIONS = {
    Status.PENDING_REVIEW: [ApproveBulkAction, RejectBulkAction],
    Status.UNCONFIRMED: [RejectBulkAction],
    Status.APPROVED: [WithdrawBulkAction],
}
ROW_ICONS = {ApproveBulkAction: "check", RejectBulkAction: "cross", WithdrawBulkAction: "cross"}


def action_url(action: type[EndorsementBulkAction], endorsement: Endorsement, next_url: str) -> str:
    """The action's confirmation page for this endorsement alone, which comes back to `next_url` afterwards."""
    path = reverse("wagtail_bulk_action", args=["campaign", "endorsement", action.action_type])
    return f"{path}?{urlencode({'id': endorsement.pk, 'next': next_url})}"


def listing_buttons(endorsement: Endorsement, user, next_url: str) -> list[BaseButton]:
    """The decisions that apply to this endorsement as buttons of its row, and erasure in its "More" menu, apart
    and in the critical colour."""
    if not user.has_perm(REVIEW_PERMISSION):
        return []
    decisions = [
        ListingButton(
            action.display_name,
            action_url(action, endorsement, next_url),
            priority=action.action_priority,
            icon_name=ROW_ICONS[action],
        )
        for action in ROW_ACTIONS.get(endorsement.status, [])
    ]
    erase = Button(
        ErasePersonalDataBulkAction.display_name,
        action_url(ErasePersonalDataBulkAction, endorsement, next_url),
        icon_name="bin",
        classname="w-text-critical-200",
        priority=ErasePersonalDataBulkAction.action_priority,
    )
    return [*decisions, erase]


class ReasonLogFormatter(LogFormatter):
    """A decision's line in the history, with the reason given when there was one (kept in the entry's data)."""

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason", "")
        if not reason:
            return self.message
        return _("%(decision)s, with the reason: “%(reason)s”") % {"decision": self.message, "reason": reason}


LOG_ACTIONS = {
    "campaign.endorsement.confirm": (_("Confirm endorsement"), _("Confirmed by its signer")),
    "campaign.endorsement.approve": (_("Approve endorsement"), _("Approved")),
    "campaign.endorsement.reject": (_("Reject endorsement"), _("Rejected")),
    "campaign.endorsement.withdraw": (_("Withdraw endorsement"), _("Withdrawn from the public list")),
    "campaign.endorsement.erase": (_("Erase personal data"), _("Personal data erased")),
}


def register_log_actions(actions) -> None:
    """The `register_log_actions` hook (campaign.wagtail_hooks)."""
    for action, (label, message) in LOG_ACTIONS.items():
        formatter = type("EndorsementLogFormatter", (ReasonLogFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)


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
