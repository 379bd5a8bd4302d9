"""Which changes start a new generation of public data (campaign.publishing.generations).

Content: publishing, unpublishing, moving or deleting a page (translations are published pages too), any write to
a page's row other than draft bookkeeping (wagtail-localize converting an alias, saving a translation it did not
publish, "convert to alias"), every change to wagtail-localize's translations and sources (starting, syncing,
enabling, deleting a translation), a recorded translation publication, a view restriction on a page or a
collection (it hides the collection's images) added or removed, any change to a
snippet, a redirect, an image, a document, a locale or the site.
Endorsements: any change to an existing endorsement (approval, withdrawal, erasure, staff edits); a new,
unconfirmed submission is not public and changes nothing.
Images are both, as staff may give an endorsement any image as its logo: an image change, a change to an
image's alt text in any language or a collection restriction starts a new generation of each. Endorsers' logos,
in their own collection, are not content: a submission with a logo changes nothing, a later change to a logo only
the endorsements.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import Translation, TranslationSource

from campaign.assets.alt_text import ImageAltText
from campaign.catalogue.cities import City
from campaign.catalogue.navigation import NavigationMenu, SiteSettings
from campaign.catalogue.taxonomy import ActionPriority, EngagementType, Region, Theme
from campaign.endorsements.logos import LOGO_COLLECTION
from campaign.endorsements.models import Endorsement
from campaign.i18n.translation_state import PublishedTranslation
from campaign.publishing import generations

CONTENT_MODELS = (
    City,
    ActionPriority,
    EngagementType,
    Region,
    Theme,
    NavigationMenu,
    SiteSettings,
    Redirect,
    PageViewRestriction,
    Locale,
    Site,
    PublishedTranslation,
    Translation,
    TranslationSource,
)

# What saving a draft revision writes to a page's row (Page.save_revision, DraftStateMixin): nothing visitors see.
DRAFT_BOOKKEEPING = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
    }
)


def content_changed(**kwargs) -> None:
    generations.advance(generations.CONTENT)


def images_changed(**kwargs) -> None:
    generations.advance(generations.CONTENT)
    generations.advance(generations.ENDORSEMENTS)


def image_changed(instance, created=False, **kwargs) -> None:
    if instance.collection.name != LOGO_COLLECTION:
        images_changed()
    elif not created:
        generations.advance(generations.ENDORSEMENTS)


def page_deleted(instance, **kwargs) -> None:
    if isinstance(instance, Page):
        generations.advance(generations.CONTENT)


def page_saved(instance, update_fields=None, **kwargs) -> None:
    if isinstance(instance, Page) and not (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING):
        generations.advance(generations.CONTENT)


def endorsement_changed(instance, created=False, **kwargs) -> None:
    if not created:
        generations.advance(generations.ENDORSEMENTS)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"generation-{id(signal)}")
    post_delete.connect(page_deleted, dispatch_uid="generation-page-deleted")
    post_save.connect(page_saved, dispatch_uid="generation-page-saved")
    for model in (*CONTENT_MODELS, get_document_model()):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"generation-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"generation-delete-{model.__name__}")
    for model in (CollectionViewRestriction, ImageAltText):
        post_save.connect(images_changed, sender=model, dispatch_uid=f"generation-images-save-{model.__name__}")
        post_delete.connect(images_changed, sender=model, dispatch_uid=f"generation-images-delete-{model.__name__}")
    post_save.connect(image_changed, sender=get_image_model(), dispatch_uid="generation-image-save")
    post_delete.connect(image_changed, sender=get_image_model(), dispatch_uid="generation-image-delete")
    post_save.connect(endorsement_changed, sender=Endorsement, dispatch_uid="generation-endorsement-save")
    post_delete.connect(endorsement_changed, sender=Endorsement, dispatch_uid="generation-endorsement-delete")
