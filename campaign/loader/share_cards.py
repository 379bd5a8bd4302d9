"""Each language's default share card: the French one is written with the content (it names the charter's French
title); the others are drawn once the charter's translations are in, from their titles, and given to their
language's site settings as wagtail-localize overrides (the setting is synchronised, and overridable per language).

A card a member of staff has put in place of the generated one is theirs: it is left as it is.
A card's alt text is the French card's, in every language (`give_alt_text_translations`).
"""

import json

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale
from wagtail_localize.models import SegmentOverride, TranslationContext, TranslationSource

from campaign.assets.alt_text import ImageAltText
from campaign.i18n.locales import default_locale
from campaign.loader.parts import share_card_spec, source_share_card_spec
from campaign.loader.po_files import portable
from campaign.loader.records import ContentRecord
from campaign.loader.specs import ImageSpec
from campaign.loader.translations import translation_for, translation_record_key
from campaign.loader.writer import ContentWriter, object_digest
from campaign.models import CharterPage, SiteSettings


def give_translated_share_cards(writer: ContentWriter) -> None:
    french = default_locale()
    source = SiteSettings.objects.filter(locale=french).first()
    charter = CharterPage.objects.filter(locale=french).first()
    if source is None or charter is None:
        return
    french_card = source_share_card_spec()
    for locale in Locale.objects.exclude(pk=source.locale_id):
        translated = charter.get_translation_or_none(locale)
        target = source.get_translation_or_none(locale)
        if translated is None or translated.alias_of_id or target is None:
            continue
        spec = share_card_spec(locale.language_code, translated.title, translated.subtitle, source.hashtags)
        spec.alt, spec.alt_from = french_card.alt, french_card.alt_key
        writer.write_image(spec)
        image = writer.snippets[spec.key]
        give_alt_text_translations(spec, image, french_card)
        if target.share_image_id in (None, source.share_image_id, image.pk):
            override(source, locale, image.pk)
            give(target, image.pk)


def give_alt_text_translations(spec: ImageSpec, image, french_card: ImageSpec) -> None:
    """Each language's translation of the French card's alt text, copied through wagtail-localize (its strings, as
    a PO file would bring them) when the card's own translation is missing or says something else."""
    alt_text = ImageAltText.objects.filter(image=image, locale=default_locale()).first()
    record = ContentRecord.objects.filter(key=f"snippet:{french_card.alt_key}").first()
    french_alt_text = ImageAltText.objects.filter(pk=record.object_id).first() if record else None
    if alt_text is None or french_alt_text is None or alt_text.text != french_alt_text.text:
        return
    for translated in french_alt_text.get_translations():
        current = alt_text.get_translation_or_none(translated.locale)
        if current is not None and current.text == translated.text:
            continue
        po = translation_for(french_alt_text, translated.locale).export_po()
        translation = translation_for(alt_text, translated.locale)
        translation.import_po(portable(po, spec.alt_key), tool_name="PO file")
        translation.save_target(publish=True)


def override(source: SiteSettings, locale: Locale, image_id: int) -> None:
    """What wagtail-localize keeps for the language when it synchronises the settings again."""
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    context = TranslationContext.objects.filter(object_id=translation_source.object_id, path="share_image").first()
    if context is not None:
        SegmentOverride.objects.update_or_create(
            locale=locale, context=context, defaults={"data_json": json.dumps(image_id)}
        )


def give(target: SiteSettings, image_id: int) -> None:
    """The language's settings show the card now; the loader's record of them follows, so that the next load does
    not take the change for an edit made in the admin."""
    SiteSettings.objects.filter(pk=target.pk).update(share_image=image_id)
    target.refresh_from_db()
    ContentRecord.objects.filter(
        key=translation_record_key(target.locale, "settings:site"),
        content_type=ContentType.objects.get_for_model(target),
    ).update(object_digest=object_digest(target))
