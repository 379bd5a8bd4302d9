"""Ordered lists of featured pages, chosen by editors on the home and campaign pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from campaign.i18n.locales import in_default_locale


class FeaturedStory(Orderable):
    story = models.ForeignKey(
        "campaign.CityStoryPage",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("story"),
        help_text=_("A city story to feature; the visitor's language version is shown."),
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        abstract = True


class HomeFeaturedStory(FeaturedStory):
    page = ParentalKey("campaign.HomePage", on_delete=models.CASCADE, related_name="featured_stories")


class CampaignFeaturedStory(FeaturedStory):
    page = ParentalKey("campaign.CampaignPage", on_delete=models.CASCADE, related_name="featured_stories")


class HomeFeaturedChapter(Orderable):
    page = ParentalKey("campaign.HomePage", on_delete=models.CASCADE, related_name="featured_chapters")
    chapter = models.ForeignKey(
        "campaign.CharterChapterPage",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_locale,
        verbose_name=_("chapter"),
        help_text=_("A charter chapter to feature."),
    )

    panels = [FieldPanel("chapter")]
