"""An image's alt text in every language: a translatable snippet beside Wagtail's image, which is not translatable.

Editors write the alt text where Wagtail asks for it, in the image's *description* (in French, the source
language). Saving the image writes it into the image's French `ImageAltText`; translators translate that snippet
as they translate menus and themes (its **Translate** action, the translation editor, PO files), and the API serves
the reader's language, else the French text marked as French (`Image.altLocale`).

Why a snippet and not a field per use: an image says the same thing on every page that shows it, so it is described
and translated once; and swapping Wagtail's image model for a translatable one on a live site would move every image.

A changed description re-syncs the snippet's translation source, so that translators see the new French text to
translate; like a page's, a published translation is served as it stands until they publish again. An emptied
description makes the image decorative again: its alt text goes in every language.
"""

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import TranslationSource

from campaign.i18n.locales import default_locale


class ImageAltText(TranslatableMixin, models.Model):
    image = models.ForeignKey(
        get_image_model_string(), on_delete=models.CASCADE, related_name="alt_texts", verbose_name=_("image")
    )
    text = models.TextField(
        _("alt text"),
        help_text=_(
            "What the image shows, for people who cannot see it. The French text is the image's description: "
            "change it on the image."
        ),
    )

    translatable_fields = [TranslatableField("text"), SynchronizedField("image")]
    panels = [FieldPanel("image", read_only=True), FieldPanel("text", read_only=True)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("image alt text")
        verbose_name_plural = _("image alt texts")
        constraints = [
            models.UniqueConstraint(fields=["image", "locale"], name="one_alt_text_per_image_and_locale"),
        ]

    def __str__(self) -> str:
        return self.text


def sync_from_image(image) -> ImageAltText | None:
    """Writes the image's description into its French alt text; None (and no alt text left) when it is empty."""
    text = image.description.strip()
    current = ImageAltText.objects.filter(image=image, locale__language_code=settings.LANGUAGE_CODE).first()
    if not text:
        if current is not None:
            ImageAltText.objects.filter(translation_key=current.translation_key).delete()
        return None
    if current is not None and current.text == text:
        return current
    current = current or ImageAltText(image=image, locale=default_locale())
    current.text = text
    current.save()
    resync_translation_source(current)
    return current


def resync_translation_source(alt_text: ImageAltText) -> None:
    """What wagtail-localize's "Sync translated snippets" does first: translators now see the new French text."""
    source = TranslationSource.objects.get_for_instance_or_none(alt_text)
    if source is not None:
        source.update_from_db()


def image_saved(instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        sync_from_image(instance)


def translated_alt_texts(locale: Locale) -> dict[int, str]:
    """Every image's alt text in `locale`, by image id, in one query: the API reads it once per request and
    language, whatever the number of images it serves (a few hundred short texts at most on this site)."""
    return dict(ImageAltText.objects.filter(locale=locale).values_list("image_id", "text"))


post_save.connect(image_saved, sender=get_image_model_string(), dispatch_uid="alt-text-image-saved")
