"""City stories: what local governments do for migrants and refugees, classified for the frontend's filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from campaign.blocks import BodyStreamBlock
from campaign.i18n.locales import in_default_locale
from campaign.pages.base import BasePage, page_tabs
from campaign.pages.city_chooser import CityChooserWidget
from campaign.text.dates import listing_date, year_month_key
from campaign.text.plain import fold

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


class Scope(models.TextChoices):
    """How far an action reaches. Only a local action is about places on the map: a global programme, a regional
    network or a national government has no city, and is found under its country or region instead."""

    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class ListingDatePanel(Panel):
    """Says which date the site lists the story by (and shows in lists): its start, else its first publication."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None) -> str:
            story = self.instance
            listed = listing_date(story.period_start_year, story.period_start_month, story.first_published_at)
            if story.period_start_year:
                text = _("The site lists this story by the start of its action: %(date)s.")
            elif listed:
                text = _("No start date: the site lists this story by its first publication, %(date)s.")
            else:
                text = _("No start date: the site will list this story by the day it is first published.")
            pattern = "YEAR_MONTH_FORMAT" if story.period_start_year else "DATE_FORMAT"
            shown = date_format(listed, pattern) if listed else ""
            return format_html('<p class="help-block help-info">{}</p>', text % {"date": shown})


class CityStoryForm(WagtailAdminPageForm):
    """Where a story happens depends on its scope, and the cities are a many-to-many field: the model's clean()
    cannot see them, so the form checks them together.

    The city and theme lists are in alphabetical order as a reader expects it, accents aside ("São Paulo" before
    "Strășeni", "Éducation" among the E's): the database orders code points, which puts accented letters last.
    """

    ALPHABETICAL = ("cities", "themes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.ALPHABETICAL:
            field = self.fields.get(name)
            if field is not None:
                field.choices = sorted(field.choices, key=lambda choice: fold(str(choice[1])))

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        cities = cleaned.get("cities")
        if scope == Scope.LOCAL and cities is not None and not cities:
            self.add_error("cities", _("A local action takes place in at least one city."))
        if scope and scope != Scope.LOCAL and cities:
            self.add_error("cities", _("Only a local action has cities: clear them, or make the scope local."))
        return cleaned


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
        help_text=_(
            "Shown at the top of the story and in lists. Empty: the site's default image for the language (Site "
            "settings › default share image)."
        ),
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

    scope = models.CharField(
        max_length=10,
        choices=Scope.choices,
        default=Scope.LOCAL,
        verbose_name=_("scope"),
        help_text=_("Local: the action takes place in its cities. National, regional or global: it has no city."),
    )
    scope_country = CountryField(
        blank=True,
        verbose_name=_("country of a national action"),
        help_text=_("The country whose government or network leads a national action."),
    )
    scope_region = models.ForeignKey(
        "campaign.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("region of a regional action"),
        help_text=_("The UCLG region a regional action covers."),
    )
    cities = ParentalManyToManyField(
        "campaign.City",
        blank=True,
        related_name="stories",
        limit_choices_to=in_default_locale,
        verbose_name=_("cities"),
        help_text=_("One, or several for a joint action; none for a national, regional or global action."),
    )
    report_priority = models.ForeignKey(
        "campaign.ActionPriority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_stories",
        limit_choices_to=in_default_locale,
        verbose_name=_("printed under priority"),
        help_text=_("The priority of the Call to Local Action under which the 2023 report prints this action."),
    )
    title_key = models.CharField(
        max_length=255,
        default="",
        editable=False,
        db_index=True,
        verbose_name=_("sort title"),
        help_text=_("The title, folded (case and accents aside): what story lists sort by, in SQL."),
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
        SynchronizedField("scope"),
        SynchronizedField("scope_country"),
        SynchronizedField("scope_region"),
        SynchronizedField("report_priority"),
        SynchronizedField("original_title"),
        SynchronizedField("head_of_executive"),
        SynchronizedField("quote_author"),
        SynchronizedField("source_document"),
        SynchronizedField("source_reference"),
    ]

    parent_page_types = ["campaign.CityStoryIndexPage"]
    subpage_types = []
    base_form_class = CityStoryForm
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
            # Where the story happens is required (a city, or a scope): on the tab the editor starts on, so that a
            # missing city is not an error hidden on another tab.
            MultiFieldPanel(
                [
                    FieldPanel("scope"),
                    FieldPanel("cities", widget=CityChooserWidget),
                    FieldRowPanel([FieldPanel("scope_country"), FieldPanel("scope_region")]),
                ],
                heading=_("Where"),
            ),
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
            FieldRowPanel([FieldPanel("head_of_executive"), FieldPanel("head_of_executive_title")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("period_start_year"), FieldPanel("period_start_month")]),
                    FieldRowPanel([FieldPanel("period_end_year"), FieldPanel("period_end_month")]),
                    FieldPanel("ongoing"),
                    ListingDatePanel(),
                ],
                heading=_("Period"),
            ),
            FieldPanel("engagement_type"),
            FieldPanel("action_priorities", widget=forms.CheckboxSelectMultiple),
            FieldPanel("report_priority"),
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

    def save(self, *args, **kwargs):
        """The folded title is kept beside the title so that the database orders story lists as a reader expects
        ("Écoles" among the E's); every way a page is written (edit, publish, translation, alias update) saves it."""
        self.title_key = fold(self.title)[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "title_key"}
        return super().save(*args, **kwargs)

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
        errors.update(self.scope_errors())
        if errors:
            raise ValidationError(errors)

    def scope_errors(self) -> dict:
        """A national action names its country and a regional one its region; nothing else names either."""
        errors = {}
        if (self.scope == Scope.NATIONAL) != bool(self.scope_country):
            errors["scope_country"] = _("A national action, and only a national action, names its country.")
        if (self.scope == Scope.REGIONAL) != bool(self.scope_region_id):
            errors["scope_region"] = _("A regional action, and only a regional action, names its region.")
        return errors
