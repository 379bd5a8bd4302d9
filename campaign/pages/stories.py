"""City stories: what local governments do for migrants and refugees, classified for the frontend's filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from campaign.blocks import BodyStreamBlock
from campaign.i18n.locales import in_default_locale
from campaign.pages.base import BasePage, page_tabs
from campaign.text.dates import year_month_key

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]
YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class CityStoryIndexPage(BasePage):
    intro = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("Text shown above the list of stories."),
    )

    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["campaign.CityStoryPage"]
    max_count_per_parent = 1

    edit_handler = page_tabs([TitleFieldPanel("title"), FieldPanel("intro")])

    class Meta:
        verbose_name = _("city stories index")


class CityStoryPage(BasePage):
    KINDS = [("action", _("Local action")), ("case_study", _("Case study"))]

    kind = models.CharField(
        max_length=20,
        choices=KINDS,
        default="action",
        verbose_name=_("kind"),
        help_text=_("A local action (2023 report) or a case study (peer learning)."),
    )
    original_title = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("original title"),
        help_text=_("The title as the source document prints it, when it differs."),
    )
    summary = models.TextField(
        max_length=400, verbose_name=_("summary"), help_text=_("One or two sentences shown in story lists.")
    )
    body = StreamField(
        BodyStreamBlock(), blank=True, verbose_name=_("body"), help_text=_("The full story, in paragraphs.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("Shown at the top of the story and in lists; a placeholder until replaced by a photo."),
    )
    cover_credit = models.CharField(
        max_length=255, blank=True, verbose_name=_("cover credit"), help_text=_("e.g. © City of Amman")
    )
    quote_text = models.TextField(
        blank=True, verbose_name=_("quotation"), help_text=_("Optional quotation from the person leading the action.")
    )
    quote_author = models.CharField(
        max_length=255, blank=True, verbose_name=_("quoted person"), help_text=_("Name of the person quoted.")
    )
    quote_role = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("role of the quoted person"),
        help_text=_("Role of the person quoted, e.g. Mayor of Milan."),
    )

    cities = ParentalManyToManyField(
        "campaign.City",
        related_name="stories",
        limit_choices_to=in_default_locale,
        verbose_name=_("cities"),
        help_text=_("One, or several for a joint action."),
    )
    head_of_executive = models.CharField(
        max_length=255, blank=True, verbose_name=_("head of executive"), help_text=_("e.g. the mayor's name.")
    )
    head_of_executive_title = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("title of the head of executive"),
        help_text=_("e.g. Mayor"),
    )
    period_start_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        verbose_name=_("start year"),
        help_text=_("Year the action started."),
    )
    period_start_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=MONTH_VALIDATORS,
        verbose_name=_("start month"),
        help_text=_("Month it started; leave empty when unknown."),
    )
    period_end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        verbose_name=_("end year"),
        help_text=_("Year the action ends or ended; empty if ongoing."),
    )
    period_end_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=MONTH_VALIDATORS,
        verbose_name=_("end month"),
        help_text=_("Month it ends; leave empty when unknown."),
    )
    ongoing = models.BooleanField(
        default=False, verbose_name=_("ongoing"), help_text=_("Tick when the action has no end date yet.")
    )
    engagement_type = models.ForeignKey(
        "campaign.EngagementType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("engagement type"),
        help_text=_("Which global compact the action serves."),
    )
    action_priorities = ParentalManyToManyField(
        "campaign.ActionPriority",
        blank=True,
        related_name="stories",
        limit_choices_to=in_default_locale,
        verbose_name=_("Call to Local Action priorities"),
        help_text=_("The priorities of the Call to Local Action the story serves."),
    )
    principles = ParentalManyToManyField(
        "campaign.PrinciplePage",
        blank=True,
        related_name="stories",
        limit_choices_to=in_default_locale,
        verbose_name=_("charter principles"),
        help_text=_("The charter principles the story illustrates."),
    )
    themes = ParentalManyToManyField(
        "campaign.Theme",
        blank=True,
        related_name="stories",
        limit_choices_to=in_default_locale,
        verbose_name=_("themes"),
        help_text=_("What the story is about; used by the frontend's filters."),
    )
    global_cities_fund = models.BooleanField(
        default=False,
        verbose_name=_("Global Cities Fund"),
        help_text=_("Supported by the Global Cities Fund for Migrants and Refugees."),
    )
    source_document = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("source document"),
        help_text=_("Where the story comes from."),
    )
    source_reference = models.CharField(
        max_length=100,
        blank=True,
        verbose_name=_("page or line reference"),
        help_text=_("e.g. lines 1022-1046"),
    )

    # Names, sources and classification are the same in every language; wagtail-localize would otherwise offer
    # them to translators, and would refuse to translate a story until its engagement type was translated.
    override_translatable_fields = [
        SynchronizedField("engagement_type"),
        SynchronizedField("original_title"),
        SynchronizedField("head_of_executive"),
        SynchronizedField("quote_author"),
        SynchronizedField("source_document"),
        SynchronizedField("source_reference"),
    ]

    parent_page_types = ["campaign.CityStoryIndexPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("head_of_executive"),
        index.FilterField("kind"),
        index.FilterField("period_start_year"),
    ]

    edit_handler = page_tabs(
        [
            TitleFieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("body"),
            MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_credit")], heading=_("Cover image")),
            MultiFieldPanel(
                [
                    FieldPanel("quote_text"),
                    FieldRowPanel([FieldPanel("quote_author"), FieldPanel("quote_role")]),
                ],
                heading=_("Quote"),
            ),
        ],
        [
            FieldPanel("kind"),
            FieldPanel("cities", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("head_of_executive"), FieldPanel("head_of_executive_title")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("period_start_year"), FieldPanel("period_start_month")]),
                    FieldRowPanel([FieldPanel("period_end_year"), FieldPanel("period_end_month")]),
                    FieldPanel("ongoing"),
                ],
                heading=_("Period"),
            ),
            FieldPanel("engagement_type"),
            FieldPanel("action_priorities", widget=forms.CheckboxSelectMultiple),
            FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("global_cities_fund"),
            MultiFieldPanel(
                [FieldPanel("original_title"), FieldPanel("source_document"), FieldPanel("source_reference")],
                heading=_("Source"),
            ),
        ],
    )

    class Meta:
        verbose_name = _("city story")
        verbose_name_plural = _("city stories")

    def clean(self):
        super().clean()
        errors = {}
        if self.period_start_month and not self.period_start_year:
            errors["period_start_year"] = _("A start month needs a start year.")
        if self.period_end_month and not self.period_end_year:
            errors["period_end_year"] = _("An end month needs an end year.")
        if self.ongoing and self.period_end_year:
            errors["ongoing"] = _("An ongoing action has no end date: clear one or the other.")
        if (
            self.period_end_year
            and self.period_start_year
            and year_month_key(self.period_end_year, self.period_end_month)
            < year_month_key(self.period_start_year, self.period_start_month)
        ):
            errors["period_end_year"] = _("The end comes before the start.")
        if bool(self.quote_text) != bool(self.quote_author):
            errors["quote_author"] = _("A quote needs both its text and the person quoted.")
        if errors:
            raise ValidationError(errors)
