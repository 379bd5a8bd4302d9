"""The campaign's landing page: one per locale, the root of each locale's tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from campaign.blocks import BodyStreamBlock
from campaign.pages.base import BasePage, page_tabs


class HomePage(BasePage):
    hero_title = models.CharField(
        max_length=255,
        verbose_name=_("hero title"),
        help_text=_("The large title at the top of the home page."),
    )
    tagline = models.CharField(max_length=255, verbose_name=_("tagline"), help_text=_("One line under the hero title."))
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Key figures, short texts and calls to action, in the order shown."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "campaign.CharterPage",
        "campaign.TimelinePage",
        "campaign.CityStoryIndexPage",
        "campaign.CampaignPage",
        "campaign.EndorsePage",
        "campaign.StandardPage",
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("tagline"), index.SearchField("body")]

    class Meta:
        verbose_name = _("home page")

    edit_handler = page_tabs(
        [
            TitleFieldPanel("title"),
            FieldPanel("hero_title"),
            FieldPanel("tagline"),
            FieldPanel("body"),
            InlinePanel("featured_chapters", heading=_("Featured chapters"), label=_("a featured chapter"), max_num=4),
            InlinePanel("featured_stories", heading=_("Featured stories"), label=_("a featured story"), max_num=6),
        ]
    )
