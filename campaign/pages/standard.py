"""Plain pages: about, privacy policy, legal notice."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from campaign.blocks import BodyStreamBlock
from campaign.pages.base import BasePage, page_tabs


class StandardPage(BasePage):
    body = StreamField(
        BodyStreamBlock(), blank=True, verbose_name=_("body"), help_text=_("The page's text, in the order shown.")
    )

    parent_page_types = ["campaign.HomePage", "campaign.StandardPage", "campaign.CampaignPage"]
    subpage_types = ["campaign.StandardPage"]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    edit_handler = page_tabs([TitleFieldPanel("title"), FieldPanel("body")])

    class Meta:
        verbose_name = _("standard page")
