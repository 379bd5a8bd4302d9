"""Which changes rewrite search documents (campaign.search.documents): a page saved live (aliases are updated and
created by saves), published or unpublished, and a city renamed (the stories that name it)."""

from django.db.models.signals import post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from campaign.catalogue.cities import City
from campaign.pages.stories import CityStoryPage
from campaign.publishing.generation_signals import DRAFT_BOOKKEEPING
from campaign.search import documents


def page_saved(instance, update_fields=None, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live and not (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        documents.changed(instance.translation_key)


def page_state_changed(instance, **kwargs) -> None:
    """Publication also writes what a page save does not carry yet (a story's cities are saved after its row)."""
    documents.changed(instance.translation_key)


def city_saved(instance, **kwargs) -> None:
    stories = CityStoryPage.objects.filter(cities__translation_key=instance.translation_key)
    for key in set(stories.values_list("translation_key", flat=True)):
        documents.changed(key)


def connect() -> None:
    post_save.connect(page_saved, dispatch_uid="search-page-saved")
    page_published.connect(page_state_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(page_state_changed, dispatch_uid="search-page-unpublished")
    post_save.connect(city_saved, sender=City, dispatch_uid="search-city-saved")
