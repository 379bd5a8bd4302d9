"""The endorsement form: one definition for validating submissions and for describing the form to the frontend.

Labels, help texts and Django's own error messages are translated, so the frontend gets both in the signer's
language. Text fields are reduced to plain text (campaign.text.plain.plain_text) before their length is checked: what
is stored is what was measured. The consents are checked with the other fields, so that one answer gives the signer
every problem at once.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Locale

from campaign.catalogue.snippets import localized_all
from campaign.catalogue.taxonomy import Region
from campaign.catalogue.uclg_regions import REGION_CODES
from campaign.endorsements.choices import Kind, Language, PopulationBand
from campaign.pages.endorse import EndorsePage
from campaign.text.plain import UndecodableText, folded, plain_text

NAME_MAX = 200
STATEMENT_MAX = 1000
PHONE_MAX = 40


class PlainTextField(forms.CharField):
    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return plain_text(super().to_python(value), multiline=self.multiline)
        except UndecodableText:
            message = _("Please write plain text, without markup or HTML entities.")
            raise ValidationError(message, code="invalid") from None


def region_choices() -> list[tuple[str, str]]:
    """The UCLG regions labelled in the active language, else in French as every snippet (localized_all); a region
    no one has labelled shows its code rather than going missing."""
    labels = {region.code: region.label for region in localized_all(Region.objects.all, Locale.get_active())}
    return [("", "")] + [(code, labels.get(code, code)) for code in REGION_CODES]


class EndorsementForm(forms.Form):
    institution_name = PlainTextField(
        label=_("Name of the institution"),
        help_text=_("As it should appear on the public list, e.g. “Ville de Grenoble”."),
        max_length=NAME_MAX,
    )
    kind = forms.ChoiceField(label=_("Kind of institution"), choices=Kind.choices)
    country = forms.ChoiceField(label=_("Country"), choices=lambda: list(countries))
    region = forms.ChoiceField(
        label=_("UCLG region"),
        help_text=_("Leave empty to use the region of the country."),
        choices=region_choices,
        required=False,
    )
    population_band = forms.ChoiceField(
        label=_("Population"), choices=[("", ""), *PopulationBand.choices], required=False
    )
    website = forms.URLField(label=_("Website"), max_length=300, required=False, assume_scheme="https")
    signatory_name = PlainTextField(
        label=_("Name of the signatory"),
        help_text=_("The person who endorses the charter on behalf of the institution."),
        max_length=NAME_MAX,
    )
    signatory_title = PlainTextField(
        label=_("Title of the signatory"), help_text=_("For example “Mayor” or “President”."), max_length=NAME_MAX
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We send the confirmation link here. It is never published."),
        max_length=254,
    )
    phone = PlainTextField(
        label=_("Phone"),
        help_text=_("Optional, never published."),
        max_length=PHONE_MAX,
        required=False,
        validators=[RegexValidator(r"^\+?[0-9 ().\-/]{6,}$", _("Enter a phone number."), code="invalid")],
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    statement = PlainTextField(
        label=_("Public statement"),
        help_text=_("Optional: a few words on why your institution endorses the charter. Published with it."),
        max_length=STATEMENT_MAX,
        required=False,
        multiline=True,
    )
    consent_publication = forms.BooleanField(
        label=_("I agree that the institution’s name, the signatory’s name and title and the statement are published."),
        required=False,
    )
    consent_contact = forms.BooleanField(
        label=_("I would like to receive news of the campaign by email."), required=False
    )
    consent_version = forms.CharField(max_length=40)

    def clean_consent_publication(self) -> bool:
        """Unticked is its own error (CONSENT_REQUIRED), not a missing field: the signer must agree, not fill in."""
        if not self.cleaned_data["consent_publication"]:
            message = _("The charter’s endorsements are public: please agree to the publication to endorse it.")
            raise ValidationError(message, code="consent_required")
        return True

    def clean_consent_version(self) -> str:
        version = self.cleaned_data["consent_version"]
        if version not in current_consent_versions():
            raise ValidationError(
                _("The consent text has changed; please reload the form and read it again."), code="invalid"
            )
        return version


def current_consent_versions() -> set[str]:
    return set(EndorsePage.objects.live().values_list("consent_version", flat=True))


# The fields the frontend shows; consent_version travels with the consent text instead.
VISIBLE_FIELDS = [name for name in EndorsementForm.base_fields if name != "consent_version"]


@dataclass
class FieldDescription:
    name: str
    label: str
    help: str
    required: bool
    max_length: int | None
    choices: list[tuple[str, str]]


def describe(language: str) -> list[FieldDescription]:
    """The form's fields as the frontend renders them, in `language`. Country names are sorted in that language."""
    with translation.override(language):
        form = EndorsementForm()
        return [describe_field(name, form.fields[name]) for name in VISIBLE_FIELDS]


def describe_field(name: str, field: forms.Field) -> FieldDescription:
    choices = [(str(value), str(label)) for value, label in getattr(field, "choices", []) if value != ""]
    if name == "country":
        choices = sorted(choices, key=lambda choice: folded(choice[1]))
    return FieldDescription(
        name=name,
        label=str(field.label),
        help=str(field.help_text),
        required=field.required or name == "consent_publication",
        max_length=getattr(field, "max_length", None),
        choices=choices,
    )
