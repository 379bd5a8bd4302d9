"""The #NotABorderTale campaign page."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from campaign.blocks import BodyStreamBlock, KeyMessageBlock, ShareTextBlock
from campaign.pages.base import BasePage, page_tabs
from campaign.text.hashtags import validate_hashtags


class CampaignPage(BasePage):
    tagline = models.CharField(
        max_length=255, verbose_name=_("tagline"), help_text=_("One line under the campaign title.")
    )
    launch_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        verbose_name=_("launch year"),
        help_text=_("Year the campaign was launched."),
    )
    launch_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        verbose_name=_("launch month"),
        help_text=_("Month of the launch; leave empty when unknown."),
    )
    hashtags = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_hashtags],
        verbose_name=_("hashtags"),
        help_text=_("Separated by spaces, each starting with #: #NotABorderTale"),
    )
    key_messages = StreamField(
        [("message", KeyMessageBlock())],
        blank=True,
        verbose_name=_("key messages"),
        help_text=_("The campaign's messages, each a short statement and its explanation."),
    )
    share_texts = StreamField(
        [("share", ShareTextBlock())],
        blank=True,
        verbose_name=_("share texts"),
        help_text=_("Ready-made texts visitors can post; keep X texts under 250 characters with hashtags."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The campaign page's text, in the order shown."),
    )

    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["campaign.StandardPage"]
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("tagline"), index.SearchField("body")]

    edit_handler = page_tabs(
        [
            TitleFieldPanel("title"),
            FieldPanel("tagline"),
            FieldPanel("key_messages"),
            FieldPanel("body"),
            InlinePanel("featured_stories", heading=_("Featured stories"), label=_("a featured story"), max_num=6),
        ],
        [
            FieldRowPanel([FieldPanel("launch_year"), FieldPanel("launch_month")]),
            FieldPanel("hashtags"),
            FieldPanel("share_texts"),
        ],
    )

    class Meta:
        verbose_name = _("campaign page")
