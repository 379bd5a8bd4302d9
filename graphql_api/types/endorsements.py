"""Endorsements in the API: the form, the two mutations, the public list and the counters.

The public `Endorsement` type is built from the public fields only (campaign.endorsements.public): it has no
email or phone field, so no query can ask for one.
"""

import dataclasses
from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from django.conf import settings
from django.utils import translation
from strawberry.file_uploads import Upload
from wagtail.models import Locale

from campaign.catalogue.filters import ENDORSEMENT_DIMENSIONS, endorsement_filter_values
from campaign.endorsements import moderation, public, submission
from campaign.endorsements.choices import ErrorCode, Kind, Language, Status
from campaign.endorsements.form import describe
from campaign.i18n.localization import section
from campaign.models import EndorsePage

from ..cost import Cost, sized, sliced
from ..errors import ApiError
from ..pagination import page_window
from ..request_cache import cached
from . import taxonomy
from .common import code_enum
from .facets import FacetValue, checked, country_label, facet_values, term_label
from .images import Image, image_node
from .locales import requested_locale

EndorsementKind = code_enum(
    "EndorsementKind", Kind.values, "The kind of an endorsing institution (EndorsementForm's `kind` choices)."
)
EndorsementLanguage = code_enum(
    "EndorsementLanguage", Language.values, "A language the endorser is written to in: emails and error messages."
)
EndorsementStatus = code_enum(
    "EndorsementStatus",
    {
        Status.UNCONFIRMED: "Stored; its signer must confirm it from the link we emailed.",
        Status.PENDING_REVIEW: "Confirmed by its signer; staff review it next.",
    },
    "Where a submitted endorsement stands.",
)
FieldErrorCode = code_enum(
    "FieldErrorCode",
    {
        ErrorCode.REQUIRED: "The field is empty (or holds only markup and spaces).",
        ErrorCode.TOO_LONG: "Longer than the field's FormField.maxLength.",
        ErrorCode.INVALID: "Not an accepted value: an unknown country or region, a malformed email, website or "
        "phone, a consentVersion that is no longer current, a logo that is not an accepted image.",
        ErrorCode.CONSENT_REQUIRED: "consentPublication is not true: endorsements are public.",
        ErrorCode.DUPLICATE: "endorseCharter: the institution's endorsement is published; confirmEndorsement: "
        "another endorsement of the institution was confirmed first.",
        ErrorCode.TOKEN_INVALID: "The confirmation token is unknown, or was already used.",
        ErrorCode.TOKEN_EXPIRED: "The confirmation token is older than its 7 days.",
        ErrorCode.RATE_LIMITED: "Too many submissions from this address or to this mailbox.",
        ErrorCode.SERVICE_UNAVAILABLE: "Submissions cannot be counted right now: nothing was stored, try again later.",
    },
    "Why a field was refused; one FieldError per problem, all of them in one answer.",
)


@strawberry.type(description="One option of a choice field.")
class Choice:
    value: str = strawberry.field(description="What to send back.")
    label: str = strawberry.field(description="What to show, in the requested locale.")


@strawberry.type(description="A field of the endorsement form, described in the requested locale.")
class FormField:
    name: "EndorsementField" = strawberry.field(description="The EndorsementInput field it fills.")
    label: str
    help: str | None = strawberry.field(description="A sentence to show under the field, if any.")
    required: bool
    max_length: int | None = strawberry.field(description="Longest accepted text, in characters.")
    choices: list[Choice] = strawberry.field(
        description="For choice fields, the options in display order.", directives=[*sized(250), Cost(weight=0)]
    )


@strawberry.type(description="Everything the frontend needs to render the endorsement form in one locale.")
class EndorsementForm:
    fields: list[FormField] = strawberry.field(directives=sized(20))
    consent_text: str = strawberry.field(description="The consent text the signer agrees to (the endorse page's).")
    consent_version: str = strawberry.field(description="Send it back in EndorsementInput.consentVersion.")


@strawberry.input(description="An endorsement as the signer typed it. Text is stored as plain text (markup removed).")
class EndorsementInput:
    institution_name: str
    kind: EndorsementKind
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    signatory_name: str
    signatory_title: str
    email: str = strawberry.field(description="Receives the confirmation link; never published.")
    language: EndorsementLanguage = strawberry.field(description="The language of the emails and of the errors.")
    consent_publication: bool = strawberry.field(description="Must be true: endorsements are public.")
    consent_version: str = strawberry.field(description="EndorsementForm.consentVersion, as shown to the signer.")
    consent_contact: bool | None = strawberry.field(
        default=False, description="Campaign news by email; never pre-ticked."
    )
    region: str | None = strawberry.field(default=None, description="UCLG region code; default: the country's.")
    population_band: str | None = None
    website: str | None = None
    phone: str | None = strawberry.field(default=None, description="Never published.")
    statement: str | None = strawberry.field(default=None, description="Public statement, plain text.")
    trap: str | None = strawberry.field(
        default=None, description="Honeypot: hidden from people; anything in it marks the submission as a bot's."
    )
    logo: Upload | None = strawberry.field(
        default=None, description="Optional logo (multipart upload): PNG, JPEG, WebP, GIF or AVIF, re-encoded."
    )


@strawberry.type(description="The endorsement is stored; its signer must now confirm it from the email we sent.")
class EndorsementReceived:
    reference: str = strawberry.field(description="The endorsement's public reference, for correspondence.")
    status: EndorsementStatus = strawberry.field(description="Always `unconfirmed`.")


@strawberry.type(description="The signer confirmed the endorsement; staff review it next.")
class EndorsementConfirmed:
    reference: str
    status: EndorsementStatus = strawberry.field(description="Always `pending_review`.")


@strawberry.type(description="A problem with one field, in the signer's language.")
class FieldError:
    field: "EndorsementField"
    code: FieldErrorCode
    message: str


@strawberry.type(description="Nothing was stored (or confirmed); the errors say why.")
class InvalidEndorsement:
    errors: list[FieldError] = strawberry.field(directives=sized(20))


EndorseResult = Annotated[EndorsementReceived | InvalidEndorsement, strawberry.union("EndorseResult")]
ConfirmEndorsementResult = Annotated[
    EndorsementConfirmed | InvalidEndorsement, strawberry.union("ConfirmEndorsementResult")
]


@strawberry.type(description="An approved endorsement, as published. It holds no contact data.")
class Endorsement:
    id: strawberry.ID
    institution_name: str
    kind: taxonomy.Term
    country: taxonomy.Country
    region: taxonomy.Term | None
    signatory_name: str
    signatory_title: str
    statement: str | None
    approved_at: datetime
    logo: Image | None
    latitude: float | None
    longitude: float | None


@strawberry.type(description="A page of approved endorsements and how many there are in all.")
class EndorsementList:
    total_count: int
    items: list[Endorsement] = strawberry.field(directives=sized(100))


@strawberry.input(description="Endorsement filters; within one list any value matches, across lists all must match.")
class EndorsementFilter:
    countries: list[str] | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 codes.")
    regions: list[str] | None = strawberry.field(default=None, description="UCLG region codes.")
    kinds: list[str] | None = strawberry.field(default=None, description="city, region, association, organisation.")
    search: str | None = strawberry.field(default=None, description="Words in the institution's or signer's name.")


@strawberry.enum(description="NEWEST and OLDEST by approval date, NAME alphabetically.")
class EndorsementOrder(Enum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"
    NAME = "NAME"


@strawberry.type(description="Approved endorsements in a month.")
class MonthCount:
    month: str = strawberry.field(description='Year and month, "2026-11".')
    count: int


@strawberry.type(description="Counters of approved endorsements.")
class EndorsementStats:
    total: int
    by_country: list[FacetValue] = strawberry.field(directives=sized(200))
    by_region: list[FacetValue] = strawberry.field(directives=sized(10))
    by_kind: list[FacetValue] = strawberry.field(directives=sized(10))
    by_month: list[MonthCount] = strawberry.field(
        description="Oldest month first; months without any are left out.", directives=sized(120)
    )


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


EndorsementField = code_enum(
    "EndorsementField",
    {
        **{camel(field.name): None for field in dataclasses.fields(EndorsementInput)},
        "token": "confirmEndorsement's token.",
        "input": "The submission as a whole (RATE_LIMITED, SERVICE_UNAVAILABLE).",
    },
    "A field of EndorsementInput (FormField.name, FieldError.field), or, for a FieldError, `token` or `input`.",
)


def endorsement_form(locale: Locale) -> EndorsementForm:
    page = section(EndorsePage, locale)
    if page is None:
        raise ApiError("No published endorse page in this locale.", "NOT_FOUND")
    fields = [
        FormField(
            name=EndorsementField(camel(field.name)),
            label=field.label,
            help=field.help or None,
            required=field.required,
            max_length=field.max_length,
            choices=[Choice(value=value, label=label) for value, label in field.choices],
        )
        for field in describe(locale.language_code)
    ]
    endorse = page.specific
    return EndorsementForm(fields=fields, consent_text=endorse.consent_text, consent_version=endorse.consent_version)


def invalid(errors) -> InvalidEndorsement:
    return InvalidEndorsement(
        errors=[
            FieldError(
                field=EndorsementField(camel(error.field)), code=FieldErrorCode(error.code), message=error.message
            )
            for error in errors
        ]
    )


def endorse(info: strawberry.Info, data: EndorsementInput) -> EndorsementReceived | InvalidEndorsement:
    values = {name: form_value(getattr(data, name)) for name in submission.FORM_TO_MODEL | {"trap"}}
    result = submission.submit(values, info.context.request, logo=data.logo)
    if isinstance(result, submission.Received):
        return EndorsementReceived(reference=result.reference, status=EndorsementStatus(result.status))
    return invalid(result)


def form_value(value: object) -> object:
    """As the form reads a field sent by a browser: a string, empty when missing; a code for an enum."""
    if value is None:
        return ""
    return value.value if isinstance(value, Enum) else value


def confirm(token: str, language: Enum | None) -> EndorsementConfirmed | InvalidEndorsement:
    try:
        confirmed = moderation.confirm(token)
    except moderation.TokenProblem as problem:
        chosen = {"language": form_value(language)}
        with translation.override(submission.signer_language(chosen, settings.LANGUAGE_CODE)):
            message = problem.message
        error = FieldError(field=EndorsementField("token"), code=FieldErrorCode(problem.code), message=message)
        return InvalidEndorsement(errors=[error])
    return EndorsementConfirmed(reference=confirmed.reference, status=EndorsementStatus(confirmed.status))


def kind_terms(locale: Locale) -> dict[str, taxonomy.Term]:
    with translation.override(locale.language_code):
        return {value: taxonomy.Term(code=value, label=str(label)) for value, label in Kind.choices}


def as_public(info: strawberry.Info, row, locale: Locale, kinds: dict, regions: dict) -> Endorsement:
    return Endorsement(
        id=strawberry.ID(row.reference),
        institution_name=row.institution_name,
        kind=kinds[row.kind],
        country=taxonomy.localized_country(row.country.code, locale),
        region=regions.get(row.region),
        signatory_name=row.signatory_name,
        signatory_title=row.signatory_title,
        statement=row.statement or None,
        approved_at=row.approved_at,
        logo=image_node(info, row.logo, row.institution_name, locale=locale) if row.logo_id else None,
        latitude=row.latitude,
        longitude=row.longitude,
    )


def public_filter(info: strawberry.Info, locale: Locale, wanted: EndorsementFilter | None) -> public.EndorsementFilter:
    """Checks every filter value against what exists, as the story list does: a typo is an error."""
    wanted = wanted or EndorsementFilter()
    values = {dimension: getattr(wanted, dimension) for dimension in ENDORSEMENT_DIMENSIONS}
    filters = checked(info, locale, values, endorsement_filter_values)
    return public.EndorsementFilter(**filters, search=(wanted.search or "").strip())


def endorsement_list(info, locale: Locale, wanted: EndorsementFilter | None, limit, offset, order) -> EndorsementList:
    limit, offset = page_window(limit, offset)
    found = public.endorsements(public_filter(info, locale, wanted), order.value)
    rows = list(found[offset : offset + limit])
    kinds, regions = kind_terms(locale), taxonomy.regions(info, locale)
    items = [as_public(info, row, locale, kinds, regions) for row in rows]
    return EndorsementList(total_count=found.count(), items=items)


def endorsement_stats(info: strawberry.Info, locale: Locale) -> EndorsementStats:
    stats = cached(info, ("endorsement_stats",), public.stats)
    regions = taxonomy.regions(info, locale)
    kinds = kind_terms(locale)
    return EndorsementStats(
        total=stats.total,
        by_country=facet_values(stats.by_country, country_label(locale)),
        by_region=facet_values(stats.by_region, term_label(regions)),
        by_kind=facet_values(stats.by_kind, term_label(kinds)),
        by_month=[MonthCount(month=month, count=count) for month, count in stats.by_month],
    )


@strawberry.type
class EndorsementQuery:
    @strawberry.field(
        description="Approved endorsements, with their public fields only; labels in `locale`. `limit` above 100 "
        "is clamped to 100; negative values, or an unknown filter value, answer INVALID_INPUT. Cost: each "
        "endorsement counts `limit` times.",
        directives=sliced("limit", "items"),
    )
    def endorsements(
        self,
        info: strawberry.Info,
        locale: str | None = None,
        filter: EndorsementFilter | None = None,
        limit: int | None = 50,
        offset: int | None = 0,
        order: EndorsementOrder | None = EndorsementOrder.NEWEST,
    ) -> EndorsementList:
        return endorsement_list(info, requested_locale(locale), filter, limit, offset, order)

    @strawberry.field(description="Counters of approved endorsements: total, by country, region, kind and month.")
    def endorsement_stats(self, info: strawberry.Info, locale: str | None = None) -> EndorsementStats:
        return endorsement_stats(info, requested_locale(locale))

    @strawberry.field(description="The endorsement form in `locale`: labels, help, choices, consent text and version.")
    def endorsement_form(self, locale: str | None = None) -> EndorsementForm:
        return endorsement_form(requested_locale(locale))


@strawberry.type
class EndorsementMutation:
    @strawberry.mutation(
        description="Endorse the charter. Stores nothing unless every field is valid; the errors come in the "
        "signer's `language`. The signer then receives a confirmation link by email."
    )
    def endorse_charter(self, info: strawberry.Info, input: EndorsementInput) -> EndorseResult:
        return endorse(info, input)

    @strawberry.mutation(
        description="Confirm an endorsement with the token of the emailed link (single use, valid 7 days). "
        "`language` chooses the language of an error message."
    )
    def confirm_endorsement(self, token: str, language: EndorsementLanguage | None = None) -> ConfirmEndorsementResult:
        return confirm(token, language)
