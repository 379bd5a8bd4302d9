"""What the loader means to write: one spec per page or snippet, built from the content files."""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from campaign.assets.share_card import share_card_png
from campaign.loader.placeholders import placeholder_png


@dataclass
class PageSpec:
    """A page of the French source tree.

    `fields` hold plain values and StreamField bodies in their YAML form; `page_links` and `snippet_links` map a
    ForeignKey field to a page or snippet key; `relations` map a ParentalManyToManyField to snippet or page keys;
    `inlines` map a child relation to its rows, each a mapping of a ForeignKey field to a page key.
    """

    key: str
    model: type
    parent_key: str | None
    slug: str
    title: str
    where: str
    fields: dict[str, Any] = field(default_factory=dict)
    page_links: dict[str, str | None] = field(default_factory=dict)
    snippet_links: dict[str, str | None] = field(default_factory=dict)
    relations: dict[str, list[str]] = field(default_factory=dict)
    inlines: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def digest(self) -> str:
        return digest_of(
            [
                self.model.__name__,
                self.parent_key,
                self.slug,
                self.title,
                self.fields,
                self.page_links,
                self.snippet_links,
                self.relations,
                self.inlines,
            ]
        )


@dataclass
class SnippetSpec:
    """A translatable snippet of the French locale, found again by its natural key (`lookup`)."""

    key: str
    model: type[models.Model]
    lookup: dict[str, Any]
    where: str
    fields: dict[str, Any] = field(default_factory=dict)
    snippet_links: dict[str, str | None] = field(default_factory=dict)
    page_links: dict[str, str | None] = field(default_factory=dict)

    def digest(self) -> str:
        return digest_of([self.model.__name__, self.lookup, self.fields, self.snippet_links, self.page_links])


def digest_of(value: Any) -> str:
    encoded = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


@dataclass
class ImageSpec:
    """A generated image, found again by its key: a story's placeholder cover ("image:<story slug>", `label` the
    cities) or a language's share card ("image:share-card-<lang>", `label` the charter's title, `footer` hashtags).

    `alt` is its French alt text (its description), translated as the snippet "alt_text:<name>"; it is not in the
    digest: a changed alt text changes the text, never the picture. A language's share card says what the French
    card says: its alt text is the French card's, and takes that one's translations (`alt_from`, its alt_key); it
    has no PO files of its own, since it is drawn only once the translations are in."""

    key: str
    title: str
    label: str
    caption: str
    kind: str = "cover"
    footer: str = ""
    alt: str = ""
    alt_from: str = ""

    @property
    def alt_key(self) -> str:
        return f"alt_text:{self.key.split(':', 1)[1]}"

    @property
    def alt_record_key(self) -> str:
        """Translators get PO files for the "snippet:" keys; a derived alt text is not one of them."""
        return f"{'generated' if self.alt_from else 'snippet'}:{self.alt_key}"

    def digest(self) -> str:
        return digest_of([self.title, self.label, self.caption, self.kind, self.footer])

    def png(self) -> bytes:
        if self.kind == "share_card":
            return share_card_png(self.label, self.caption, self.footer)
        return placeholder_png(self.label, self.caption)
