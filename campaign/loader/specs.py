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
    cities) or a language's share card ("image:share-card-<lang>", `label` the charter's title, `footer` hashtags)."""

    key: str
    title: str
    label: str
    caption: str
    kind: str = "cover"
    footer: str = ""

    def digest(self) -> str:
        return digest_of([self.title, self.label, self.caption, self.kind, self.footer])

    def png(self) -> bytes:
        if self.kind == "share_card":
            return share_card_png(self.label, self.caption, self.footer)
        return placeholder_png(self.label, self.caption)
