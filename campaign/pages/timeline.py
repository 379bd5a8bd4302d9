"""The milestones of the charter's making, in an explicit order (several share a month)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from campaign.blocks import BodyStreamBlock
from campaign.i18n.locales import in_default_locale
from campaign.pages.base import BasePage, page_tabs
from campaign.text.dates import validate_partial_date


class TimelinePage(BasePage):
    intro = StreamField(
        BodyStreamBlock(), blank=True, verbose_name=_("introduction"), help_text=_("Text shown above the milestones.")
    )

    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["campaign.MilestonePage"]
    max_count_per_parent = 1

    edit_handler = page_tabs([TitleFieldPanel("title"), FieldPanel("intro")])

    class Meta:
        verbose_name = _("timeline")


class MilestonePage(BasePage):
    """A dated step; month and day are optional because the sources often give only a year and a month."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        verbose_name=_("year"),
        help_text=_("Year of the milestone."),
    )
    month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        verbose_name=_("month"),
        help_text=_("Leave empty when only the year is known."),
    )
    day = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        verbose_name=_("day"),
        help_text=_("Leave empty when only the month is known."),
    )
    sort_key = models.PositiveIntegerField(
        verbose_name=_("order"),
        help_text=_("Position in the timeline (10, 20, 30…); decides between milestones of the same month."),
    )
    summary = models.TextField(verbose_name=_("summary"), help_text=_("One to three sentences, plain text."))
    link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("read more"),
        help_text=_("Optional: the chapter or story this milestone leads to."),
    )

    parent_page_types = ["campaign.TimelinePage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("summary"), index.FilterField("year")]

    edit_handler = page_tabs(
        [
            TitleFieldPanel("title"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("year"), FieldPanel("month"), FieldPanel("day")]),
                    FieldPanel("sort_key"),
                ],
                heading=_("Date and order"),
            ),
            FieldPanel("summary"),
            FieldPanel("link"),
        ]
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def clean(self):
        super().clean()
        try:
            validate_partial_date(self.year, self.month, self.day)
        except ValidationError as error:
            raise ValidationError({"day": error}) from error
