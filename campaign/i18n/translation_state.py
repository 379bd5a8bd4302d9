"""How far each page of a non-source locale is translated, from what translators actually did.

wagtail-localize turns an alias into a regular page as soon as a translator starts ("Translate this page" →
Submit), copies the French content into it and leaves it live; a PO upload or a sync without publishing writes
into that page too. Whether a page is an alias therefore says nothing about whether visitors should read it as a
translation. What does: a translator or an editor *published* content for that locale. Each such publication is
recorded here (PublishedTranslation), with the moment of the French source it was made from and how many of its
segments were translated, so that four states follow:

- UNTRANSLATED: the page is an alias of the French page;
- IN_PROGRESS: a translation was started (the alias was converted, segments may be translated) but nothing was
  published for this locale: visitors get the French source, as for an alias;
- TRANSLATED: content for this locale was published, from the current French source;
- OUTDATED: published, but the French source was published again since the source it was made from.

Pages of the source language (French) are the original: SOURCE.
"""

from enum import StrEnum

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.signals import page_published
from wagtail_localize.models import Translation


class TranslationStatus(StrEnum):
    SOURCE = "source"
    UNTRANSLATED = "untranslated"
    IN_PROGRESS = "in_progress"
    TRANSLATED = "translated"
    OUTDATED = "outdated"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def serves_source(self) -> bool:
        """Visitors of the locale read the French source: nothing was published for it yet."""
        return self in (TranslationStatus.UNTRANSLATED, TranslationStatus.IN_PROGRESS)

    @property
    def is_alternate(self) -> bool:
        """Written in its own language: a search engine may list it as an hreflang alternate."""
        return not self.serves_source


STATUS_LABELS = {
    TranslationStatus.SOURCE: _("Source"),
    TranslationStatus.UNTRANSLATED: _("Untranslated"),
    TranslationStatus.IN_PROGRESS: _("In progress"),
    TranslationStatus.TRANSLATED: _("Translated"),
    TranslationStatus.OUTDATED: _("Outdated"),
}


class PublishedTranslation(models.Model):
    """The last time content was published for a page of a non-source locale, and from which French source."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="published_translation")
    published_at = models.DateTimeField()
    source_synced_at = models.DateTimeField(
        help_text="When the French content this publication was made from was read (wagtail-localize's last sync)."
    )
    translated_segments = models.PositiveIntegerField(null=True)
    total_segments = models.PositiveIntegerField(null=True)

    class Meta:
        verbose_name = _("published translation")

    def __str__(self) -> str:
        return f"{self.page_id} published {self.published_at:%Y-%m-%d %H:%M}"


def source_locale_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}locale__language_code": settings.LANGUAGE_CODE})


def with_source_published_at(pages: models.QuerySet) -> models.QuerySet:
    """Each page annotated with when its French version was last published (one correlated subquery)."""
    sources = Page.objects.filter(translation_key=OuterRef("translation_key")).filter(source_locale_q())
    return pages.annotate(source_published_at=Subquery(sources.values("last_published_at")[:1]))


def started_q() -> Q:
    """IN_PROGRESS pages: of another locale than French, no longer an alias, never published."""
    return ~source_locale_q() & Q(alias_of__isnull=True) & Q(published_translation__isnull=True)


def status_of(page: Page) -> TranslationStatus:
    """`page` comes from a queryset annotated by `with_source_published_at` with `published_translation` joined."""
    if page.alias_of_id is not None:
        return TranslationStatus.UNTRANSLATED
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return TranslationStatus.SOURCE
    publication = publication_of(page)
    if publication is None:
        return TranslationStatus.IN_PROGRESS
    source_published_at = getattr(page, "source_published_at", None)
    if source_published_at and source_published_at > publication.source_synced_at:
        return TranslationStatus.OUTDATED
    return TranslationStatus.TRANSLATED


def publication_of(page: Page) -> PublishedTranslation | None:
    try:
        return page.published_translation
    except PublishedTranslation.DoesNotExist:
        return None


def record_publication(instance: Page, **kwargs) -> None:
    """On every publish of a non-source page that is not an alias: translated content now reaches visitors.

    A publication through wagtail-localize was made from its translation source as last synced; an editor's own
    publication (no enabled translation) from the French page as it is now.
    """
    if instance.alias_of_id is not None or instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    translation = enabled_translation(instance)
    total, translated = translation.get_progress() if translation else (None, None)
    PublishedTranslation.objects.update_or_create(
        page_id=instance.pk,
        defaults={
            "published_at": instance.last_published_at or timezone.now(),
            "source_synced_at": translation.source.last_updated_at if translation else timezone.now(),
            "translated_segments": translated,
            "total_segments": total,
        },
    )


def enabled_translation(page: Page) -> Translation | None:
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def forget_publication(instance, **kwargs) -> None:
    """A page turned (back) into an alias serves the French source again: its publication no longer counts."""
    if isinstance(instance, Page) and instance.alias_of_id is not None:
        PublishedTranslation.objects.filter(page_id=instance.pk).delete()


def connect() -> None:
    page_published.connect(record_publication, dispatch_uid="translation-state-published")
    post_save.connect(forget_publication, dispatch_uid="translation-state-alias")
