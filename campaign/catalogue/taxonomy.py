"""Translatable taxonomies that classify city stories and endorsements.

Each term has a stable `code` (synchronised across locales, used in API filters and URLs) and a `label`
translated with wagtail-localize like any other content.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, validate_comma_separated_integer_list
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    code = models.SlugField(
        max_length=40,
        verbose_name=_("code"),
        help_text=_("Stable identifier used by the API and filters; the same in every language. Do not change it."),
    )
    label = models.CharField(max_length=255, verbose_name=_("label"), help_text=_("Name shown to visitors."))

    panels = [FieldPanel("code"), FieldPanel("label")]
    translatable_fields = [SynchronizedField("code"), TranslatableField("label")]
    search_fields = [index.SearchField("label"), index.AutocompleteField("label"), index.FilterField("code")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Region(TaxonomyTerm):
    """A UCLG world region (a statutory section of the organisation): Africa, Europe, MEWA…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("UCLG region")
        verbose_name_plural = _("UCLG regions")
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_region_code_per_locale")]


class Theme(TaxonomyTerm):
    """A subject a city story deals with (housing, climate…); several per story."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_theme_code_per_locale")]


class EngagementType(TaxonomyTerm):
    """Which global compact a local action serves: migration (GCM), refugees (GCR), both, or displaced persons."""

    description = models.TextField(blank=True, verbose_name=_("description"), help_text=_("One sentence."))

    panels = [*TaxonomyTerm.panels, FieldPanel("description")]
    translatable_fields = [*TaxonomyTerm.translatable_fields, TranslatableField("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("engagement type")
        verbose_name_plural = _("engagement types")
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_engagementtype_code_per_locale")]


class ActionPriority(TranslatableMixin, index.Indexed, models.Model):
    """One of the eight priorities of the Call to Local Action for Migrants and Refugees."""

    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        verbose_name=_("number"),
        help_text=_("1 to 8, as numbered in the Call to Local Action."),
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    description = models.TextField(
        verbose_name=_("types of action"), help_text=_("The kinds of local action this priority covers.")
    )
    gcm_objectives = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_comma_separated_integer_list],
        verbose_name=_("GCM objectives"),
        help_text=_("Objectives of the Global Compact for Migration, as numbers separated by commas: 2,23"),
    )
    gcr_areas = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("GCR areas"),
        help_text=_("Areas in need of support of the Global Compact on Refugees, separated by semicolons."),
    )
    sdgs = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_comma_separated_integer_list],
        verbose_name=_("SDGs"),
        help_text=_("Sustainable Development Goals, as numbers separated by commas: 10,17"),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("gcm_objectives"),
        FieldPanel("gcr_areas"),
        FieldPanel("sdgs"),
    ]
    translatable_fields = [
        SynchronizedField("number"),
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("gcm_objectives"),
        TranslatableField("gcr_areas"),
        SynchronizedField("sdgs"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("number"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("action priority")
        verbose_name_plural = _("action priorities")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="unique_action_priority_number_per_locale")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
