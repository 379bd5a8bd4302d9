"""Writes specs to the database, creating, updating or leaving alone each object, and says which it did.

A page the loader wrote is recognised by its ContentRecord; it counts as edited in the admin when its latest
revision is no longer the one the loader published (a snippet: when its fields no longer hash to what the loader
left). Edited objects are kept as they are unless `force` is set.
"""

import json
from collections import Counter
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from campaign.assets.alt_text import ImageAltText
from campaign.loader.errors import ContentError
from campaign.loader.records import ContentRecord
from campaign.loader.specs import ImageSpec, PageSpec, SnippetSpec, digest_of
from campaign.loader.streams import stream_to_raw


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept"  # edited in the admin since the last load: not overwritten without --force
    INCOMPLETE = "incomplete"  # a translation with untranslated segments: stored for translators, not published


def object_digest(obj: models.Model) -> str:
    """A snippet's fields as data, so that the database's way of storing them (JSONB reorders keys) does not count."""
    values = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.attname in {"id", "translation_key", "locale_id"}:
            continue
        value = model_field.value_from_object(obj)
        if isinstance(model_field, StreamField):
            value = model_field.stream_block.get_prep_value(value)
        values[model_field.attname] = value
    return digest_of(values)


class ContentWriter:
    def __init__(self, locale: Locale, *, force: bool = False):
        self.locale = locale
        self.force = force
        self.pages: dict[str, Page] = {}
        self.snippets: dict[str, models.Model] = {}  # snippets and images, by key
        self.created_pages: set[str] = set()
        self.records = {record.key: record for record in ContentRecord.objects.all()}
        self.tally: Counter[tuple[str, str, Outcome]] = Counter()

    # Pages, first pass: make sure every page exists, so that pass two can link any page to any other.

    def ensure_page(self, spec: PageSpec) -> None:
        page = self._recorded(f"page:{spec.key}", spec.model)
        if page is None:
            parent = self._parent(spec)
            page = parent.get_children().filter(slug=spec.slug, locale=self.locale).specific().first()
        if page is None:
            page = spec.model(title=spec.title, slug=spec.slug, locale=self.locale, live=False)
            self._assign(page, spec, strict=False)
            self._parent(spec).add_child(instance=page)
            self.created_pages.add(spec.key)
        self.pages[spec.key] = page

    def _parent(self, spec: PageSpec) -> Page:
        if spec.parent_key is None:
            return Page.get_first_root_node()
        return self.pages[spec.parent_key]

    # Pages, second pass: write fields and links, publish.

    def write_page(self, spec: PageSpec) -> Outcome:
        page = self.pages[spec.key]
        record = self.records.get(f"page:{spec.key}")
        outcome = self._page_outcome(spec, page, record)
        if outcome in (Outcome.CREATED, Outcome.UPDATED):
            self._assign(page, spec, strict=True)
            try:
                revision = page.save_revision(clean=True)
            except ValidationError as error:
                raise ContentError(spec.where, "; ".join(error.messages)) from error
            revision.publish()
            self._remember(f"page:{spec.key}", page, spec.digest(), revision_id=revision.pk)
        self.tally[(spec.model._meta.verbose_name, self.locale.language_code, outcome)] += 1
        return outcome

    def _page_outcome(self, spec: PageSpec, page: Page, record: ContentRecord | None) -> Outcome:
        if spec.key in self.created_pages:
            return Outcome.CREATED
        edited = record is None or record.revision_id != page.latest_revision_id
        if edited and not self.force:
            return Outcome.KEPT
        if not edited and record.digest == spec.digest() and page.live:
            return Outcome.UNCHANGED
        return Outcome.UPDATED

    # Snippets: created or updated in one pass; callers write them in dependency order.

    def write_snippet(self, spec: SnippetSpec) -> Outcome:
        record = self.records.get(f"snippet:{spec.key}")
        obj = spec.model.objects.filter(locale=self.locale, **spec.lookup).first()
        if obj is None:
            outcome = Outcome.CREATED
            obj = spec.model(locale=self.locale, **spec.lookup)
        elif record is None or record.object_digest != object_digest(obj):
            outcome = Outcome.UPDATED if self.force else Outcome.KEPT
        elif record.digest == spec.digest():
            outcome = Outcome.UNCHANGED
        else:
            outcome = Outcome.UPDATED
        if outcome in (Outcome.CREATED, Outcome.UPDATED):
            self._assign(obj, spec, strict=True)
            try:
                obj.full_clean()
            except ValidationError as error:
                raise ContentError(spec.where, "; ".join(error.messages)) from error
            obj.save()
            self._remember(f"snippet:{spec.key}", obj, spec.digest(), object_digest=object_digest(obj))
        self.snippets[spec.key] = obj
        self.tally[(spec.model._meta.verbose_name, self.locale.language_code, outcome)] += 1
        return outcome

    # Placeholder images: generated once; an image replaced in the admin is the editor's (the page keeps it).

    def write_image(self, spec: ImageSpec) -> Outcome:
        record = self.records.get(spec.key)
        image = self._recorded(spec.key, Image)
        if image is not None and record.digest == spec.digest():
            outcome = Outcome.UNCHANGED
        else:
            outcome = Outcome.UPDATED if image is not None else Outcome.CREATED
            image = image or Image()
            image.title = spec.title
            image.file = ContentFile(spec.png(), name=f"{spec.key.split(':')[1]}.png")
            image._set_image_file_metadata()
            image.save()
            self._remember(spec.key, image, spec.digest())
        self.snippets[spec.key] = image
        self.tally[(Image._meta.verbose_name, self.locale.language_code, outcome)] += 1
        if spec.alt:
            self.write_alt_text(spec, image)
        return outcome

    def write_alt_text(self, spec: ImageSpec, image: Image) -> Outcome:
        """The image's alt text, written as editors write it: its description, which campaign.assets.alt_text
        turns into the translatable snippet. A description an editor changed since the last load is theirs (kept)."""
        key = spec.alt_record_key
        record = self.records.get(key)
        current = ImageAltText.objects.filter(image=image, locale=self.locale).first()
        digest = digest_of([spec.alt])
        edited = current is not None and (record is None or record.object_digest != object_digest(current))
        if edited and not self.force:
            outcome = Outcome.KEPT
            if record is None:  # the editor's text, never the loader's: still found, still kept on the next load
                self._remember(key, current, digest, object_digest="")
        elif not edited and current is not None and record.digest == digest:
            outcome = Outcome.UNCHANGED
        else:
            outcome = Outcome.UPDATED if current is not None else Outcome.CREATED
            image.description = spec.alt
            image.save(update_fields=["description"])
            current = ImageAltText.objects.get(image=image, locale=self.locale)
            self._remember(key, current, digest, object_digest=object_digest(current))
        self.tally[(ImageAltText._meta.verbose_name, self.locale.language_code, outcome)] += 1
        return outcome

    # Shared helpers.

    def _recorded(self, key: str, model: type[models.Model]) -> models.Model | None:
        record = self.records.get(key)
        return model.objects.filter(pk=record.object_id).first() if record else None

    def _remember(self, key: str, obj: models.Model, digest: str, **extra) -> None:
        record, _ = ContentRecord.objects.update_or_create(
            key=key,
            defaults={
                "content_type": ContentType.objects.get_for_model(obj),
                "object_id": obj.pk,
                "digest": digest,
                **extra,
            },
        )
        self.records[key] = record

    def _assign(self, obj: models.Model, spec: PageSpec | SnippetSpec, *, strict: bool) -> None:
        def resolve_page(key: str, where: str) -> int | None:
            page = self.pages.get(key)
            if page is None and strict:
                raise ContentError(where, f"no page has the key {key!r}")
            return page.pk if page is not None and page.pk else None

        if isinstance(spec, PageSpec):
            obj.title, obj.slug = spec.title, spec.slug
        for name, value in spec.fields.items():
            model_field = obj._meta.get_field(name)
            if isinstance(model_field, StreamField):
                raw = stream_to_raw(model_field.stream_block, value or [], f"{spec.where} › {name}", resolve_page)
                value = json.dumps(raw)
            setattr(obj, name, value)
        for name, key in spec.page_links.items():
            setattr(obj, f"{name}_id", resolve_page(key, f"{spec.where} › {name}") if key else None)
        for name, key in spec.snippet_links.items():
            setattr(obj, name, self._snippet(key, f"{spec.where} › {name}") if key else None)
        if not strict:
            return
        for name, keys in getattr(spec, "relations", {}).items():
            getattr(obj, name).set([self._related(key, f"{spec.where} › {name}") for key in keys])
        for name, rows in getattr(spec, "inlines", {}).items():
            relation = getattr(type(obj), name).rel.related_model
            setattr(
                obj,
                name,
                [
                    relation(sort_order=index, **{field: self.pages[key] for field, key in row.items()})
                    for index, row in enumerate(rows)
                ],
            )

    def _snippet(self, key: str, where: str) -> models.Model:
        if key not in self.snippets:
            raise ContentError(where, f"no classification entry has the key {key!r}")
        return self.snippets[key]

    def _related(self, key: str, where: str) -> models.Model:
        if key.startswith("page:"):
            page_key = key.removeprefix("page:")
            if page_key not in self.pages:
                raise ContentError(where, f"no page has the key {page_key!r}")
            return self.pages[page_key]
        return self._snippet(key, where)


def point_site_at(home: Page) -> None:
    """The default Site serves the French home; Wagtail's placeholder welcome page goes, in every locale."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Lampedusa")
        return
    previous = site.root_page
    if previous.pk != home.pk:
        site.root_page = home
        site.save()
        if previous.specific_class is Page:
            placeholders = Page.objects.filter(translation_key=previous.translation_key, numchild=0)
            for placeholder in placeholders:
                placeholder.delete()
