"""The charter: an index page, its chapters and its seven guiding principles."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from campaign.blocks import BodyStreamBlock, NameListBlock
from campaign.pages.base import BasePage, page_tabs
from campaign.text.hashtags import validate_hashtags


class CharterPage(BasePage):
    """The charter as a whole: its preamble, its closing and its contributors; chapters and principles are children."""

    subtitle = models.CharField(
        max_length=255, blank=True, verbose_name=_("subtitle"), help_text=_("Shown under the title.")
    )
    hashtags = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_hashtags],
        verbose_name=_("hashtags"),
        help_text=_("Separated by spaces, each starting with #: #LampedusaCharter #NotABorderTale"),
    )
    intro = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("preamble"),
        help_text=_("The text before the first chapter."),
    )
    closing = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("closing"),
        help_text=_("The closing note and footnotes, after the last chapter."),
    )
    contributors = StreamField(
        NameListBlock(),
        blank=True,
        verbose_name=_("contributing cities and networks"),
        help_text=_("One name per item, in the order of the charter."),
    )
    partners = StreamField(
        NameListBlock(),
        blank=True,
        verbose_name=_("partners and allies"),
        help_text=_("One name per item, without duplicates."),
    )

    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["campaign.CharterChapterPage", "campaign.PrinciplePage"]
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("closing")]

    edit_handler = page_tabs(
        [
            TitleFieldPanel("title"),
            FieldPanel("subtitle"),
            FieldPanel("hashtags"),
            FieldPanel("intro"),
            FieldPanel("closing"),
        ],
        [FieldPanel("contributors"), FieldPanel("partners")],
    )

    class Meta:
        verbose_name = _("charter")


class CharterChapterPage(BasePage):
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        verbose_name=_("number"),
        help_text=_("Chapter number in the charter: 1 Ambition, 2 Vision, 3 Principles, 4 Commitments."),
    )
    subtitle = models.CharField(max_length=255, blank=True, verbose_name=_("subtitle"))
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The chapter's text, in the charter's order."),
    )

    parent_page_types = ["campaign.CharterPage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("subtitle"), index.SearchField("body")]

    edit_handler = page_tabs(
        [
            FieldRowPanel([FieldPanel("number"), TitleFieldPanel("title")]),
            FieldPanel("subtitle"),
            FieldPanel("body"),
        ]
    )

    class Meta:
        verbose_name = _("charter chapter")
        verbose_name_plural = _("charter chapters")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PrinciplePage(BasePage):
    """A guiding principle: two paragraphs, then exactly five priorities under a headline theme."""

    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        verbose_name=_("number"),
        help_text=_("1 to 7, as numbered in the charter."),
    )
    theme = models.CharField(
        max_length=255,
        verbose_name=_("headline theme"),
        help_text=_("The theme that heads the principle's priorities, e.g. “Effective humanitarian responses”."),
    )
    body = StreamField(
        BodyStreamBlock(), blank=True, verbose_name=_("body"), help_text=_("The principle's two paragraphs.")
    )
    priorities = StreamField(
        [("priority", blocks.TextBlock(label=_("Priority")))],
        min_num=5,
        max_num=5,
        verbose_name=_("priorities"),
        help_text=_("Exactly five, in the charter's order."),
    )
    icon = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("icon"),
        help_text=_("A square pictogram, shown in lists of principles."),
    )

    parent_page_types = ["campaign.CharterPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("theme"),
        index.SearchField("body"),
        index.SearchField("priorities"),
    ]

    edit_handler = page_tabs(
        [
            FieldRowPanel([FieldPanel("number"), TitleFieldPanel("title")]),
            FieldPanel("theme"),
            FieldPanel("body"),
            FieldPanel("priorities"),
            FieldPanel("icon"),
        ]
    )

    class Meta:
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
