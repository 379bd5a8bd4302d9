"""Translations of the loaded content: exported as PO files for translators, imported from their PO files.

Imports go through wagtail-localize's own objects (TranslationSource, Translation.import_po, save_target), so a
shipped PO file lands exactly as a translator's upload in the localize editor would. Like the content itself, a
translation edited in the admin since the last load is kept unless `force` is set.
"""

from collections import Counter, defaultdict
from pathlib import Path

import polib
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from campaign.loader.errors import ContentError
from campaign.loader.po_files import content_key_of, po_files, po_root, portable
from campaign.loader.records import ContentRecord
from campaign.loader.specs import digest_of
from campaign.loader.writer import Outcome, object_digest


def record_key(content_key: str) -> str:
    """Pages are recorded as "page:<key>", snippets as "snippet:<key>"."""
    return content_key if content_key.startswith("page:") else f"snippet:{content_key}"


def translation_record_key(locale: Locale, content_key: str) -> str:
    return f"translation:{locale.language_code}:{content_key}"


def loaded_objects() -> dict[str, object]:
    """The French objects the loader owns, by content key ("page:charte/dignite", "theme:climate").

    Records hold the object's own (specific) content type, so one query per model reads them all.
    """
    records = [
        r for r in ContentRecord.objects.select_related("content_type") if r.key.startswith(("page:", "snippet:"))
    ]
    by_type: dict = defaultdict(list)
    for record in records:
        by_type[record.content_type].append(record)
    objects = {}
    for content_type, group in by_type.items():
        instances = content_type.model_class().objects.in_bulk([record.object_id for record in group])
        for record in group:
            if record.object_id in instances:
                objects[record.key.removeprefix("snippet:")] = instances[record.object_id]
    return objects


def translation_for(instance, locale: Locale) -> Translation:
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    return translation


def export_po(instance, content_key: str, locale: Locale) -> polib.POFile:
    return portable(translation_for(instance, locale).export_po(), content_key)


def untranslated_segments(translation: Translation) -> int:
    segments = StringSegment.objects.filter(source=translation.source).annotate_translation(translation.target_locale)
    return segments.filter(translation__isnull=True).count()


class TranslationImporter:
    def __init__(self, objects: dict[str, object], *, force: bool = False, root: Path | None = None):
        self.objects = objects
        self.force = force
        self.root = root or po_root()
        self.tally: Counter[tuple[str, str, Outcome]] = Counter()
        self.incomplete: list[str] = []
        self.records = {record.key: record for record in ContentRecord.objects.all()}

    def import_language(self, locale: Locale) -> None:
        language_root = self.root / locale.language_code
        for path in po_files(locale.language_code, self.root):
            self.import_file(path, content_key_of(path, language_root), locale)

    def import_file(self, path: Path, content_key: str, locale: Locale) -> Outcome:
        instance = self.objects.get(content_key)
        if instance is None:
            raise ContentError(str(path), f"no loaded content has the key {content_key!r}")
        source_digest = self.records[record_key(content_key)].digest
        digest = digest_of([path.read_text(encoding="utf-8"), source_digest])
        record = self.records.get(translation_record_key(locale, content_key))
        outcome = self._outcome(instance, locale, record, digest)
        if outcome in (Outcome.CREATED, Outcome.UPDATED) and not self._import(
            path, content_key, instance, locale, digest
        ):
            outcome = Outcome.INCOMPLETE
        self.tally[(type(instance)._meta.verbose_name, locale.language_code, outcome)] += 1
        return outcome

    def _save_and_publish(self, translation: Translation, instance) -> None:
        """Publish now, not when the transaction commits (wagtail-localize's way), so that a child translated after
        its parent is saved under the parent's translated slug."""
        if not isinstance(instance, Page):
            translation.save_target(publish=True)
            return
        translation.save_target(publish=False)
        instance.get_translation(translation.target_locale).specific.get_latest_revision().publish()

    def _outcome(self, instance, locale: Locale, record: ContentRecord | None, digest: str) -> Outcome:
        target = instance.get_translation_or_none(locale)
        if target is None or getattr(target, "alias_of_id", None) or record is None:
            return Outcome.CREATED
        if isinstance(target, Page):
            edited = record.revision_id != target.latest_revision_id
        else:
            edited = record.object_digest != object_digest(target)
        if edited and not self.force:
            return Outcome.KEPT
        if not edited and record.digest == digest:
            return Outcome.UNCHANGED
        return Outcome.UPDATED

    def _import(self, path: Path, content_key: str, instance, locale: Locale, digest: str) -> bool:
        """Imports the file's strings; publishes the translation only when no segment is left untranslated.

        An incomplete file's strings are kept in wagtail-localize for translators to finish in the editor, and the
        locale keeps serving the French version as a fallback rather than a half-translated page.
        """
        translation = translation_for(instance, locale)
        try:
            po = polib.pofile(str(path))
        except OSError as error:
            raise ContentError(str(path), f"not a valid PO file: {error}") from error
        translation.import_po(portable(po, content_key), tool_name="PO file")
        missing = untranslated_segments(translation)
        if missing:
            self.incomplete.append(f"{path}: {missing} segment(s) untranslated; not published, French fallback kept")
            return False
        self._save_and_publish(translation, instance)
        target = instance.get_translation(locale)
        key = translation_record_key(locale, content_key)
        self.records[key], _ = ContentRecord.objects.update_or_create(
            key=key,
            defaults={
                "content_type": ContentType.objects.get_for_model(target),
                "object_id": target.pk,
                "digest": digest,
                "revision_id": target.latest_revision_id if isinstance(target, Page) else None,
                "object_digest": "" if isinstance(target, Page) else object_digest(target),
            },
        )
        return True
