"""HTML of the reading view, from the API's answer for a previewed page (graphql_api.reading_view.document).

Plain semantic HTML and no script: the page's blocks in reading order (each block type of the `Block` union has its
renderer here, and tests/test_reading_view.py fails when one is added to the schema without one), its pictures, its
text fields as paragraphs, and the rest of what the API serves (cities, themes, dates…) as a list of labelled
details. Everything is escaped except a paragraph block's HTML, which the API builds from the editor's rich text.
"""

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import camel_case_to_spaces
from django.utils.timezone import localtime
from django.utils.translation import gettext

# Text fields a reader reads as paragraphs of the page, in the schema's order, rather than as details.
PROSE_FIELDS = frozenset({"summary", "intro", "tagline", "text", "description", "statement", "consentText"})
# Fields of the page shown in the header or not at all (the fallback notice says what translationStatus says).
HEADER_FIELDS = frozenset({"__typename", "title", "locale", "contentLocale", "isFallback", "translationStatus"})

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?$")

Labeller = Callable[[str], str]


def heading(block: dict) -> SafeString:
    level = min(max(int(block["level"]), 2), 4)
    return format_html("<h{}>{}</h{}>", level, block["text"], level)


def paragraph(block: dict) -> SafeString:
    return format_html('<div class="rich-text">{}</div>', mark_safe(block["html"]))


def quote(block: dict) -> SafeString:
    attribution = ", ".join(part for part in (block["author"], block["role"]) if part)
    return format_html(
        "<figure><blockquote><p>{}</p></blockquote>{}</figure>",
        block["text"],
        format_html("<figcaption>{}</figcaption>", attribution) if attribution else "",
    )


def image_block(block: dict) -> SafeString:
    return figure(block["image"], block["caption"], block["credit"])


def key_figures(block: dict) -> SafeString:
    figures = format_html_join(
        "", "<div><dt>{}</dt><dd>{}</dd></div>", ((f["value"], f["label"]) for f in block["figures"])
    )
    return format_html('<section class="key-figures"><h2>{}</h2><dl>{}</dl></section>', block["title"], figures)


def call_to_action(block: dict) -> SafeString:
    button = (
        format_html('<a class="button" href="{}">{}</a>', block["url"], block["buttonLabel"])
        if block["url"]
        else format_html('<span class="button">{}</span>', block["buttonLabel"])
    )
    return format_html(
        '<aside class="call-to-action"><h2>{}</h2><p>{}</p>{}</aside>', block["title"], block["text"], button
    )


def embed(block: dict) -> SafeString:
    return format_html('<p class="embed"><a href="{}">{}</a></p>', block["url"], block["url"])


def document(block: dict) -> SafeString:
    return format_html('<p class="document"><a href="{}">{}</a></p>', block["url"], block["title"])


def commitments(block: dict) -> SafeString:
    items = format_html_join("", "<li>{}</li>", ((item,) for item in block["items"]))
    return format_html(
        '<section class="commitments"><p>{} {}</p><ul>{}</ul></section>', block["intro"], block["verb"], items
    )


def footnotes(block: dict) -> SafeString:
    notes = format_html_join(
        "", "<li><span>{}</span> {}</li>", ((note["marker"], note["text"]) for note in block["notes"])
    )
    return format_html('<ol class="footnotes">{}</ol>', notes)


BLOCK_RENDERERS: dict[str, Callable[[dict], SafeString]] = {
    "HeadingBlock": heading,
    "ParagraphBlock": paragraph,
    "QuoteBlock": quote,
    "ImageBlock": image_block,
    "KeyFiguresBlock": key_figures,
    "CallToActionBlock": call_to_action,
    "EmbedBlock": embed,
    "DocumentBlock": document,
    "CommitmentsBlock": commitments,
    "FootnotesBlock": footnotes,
}


def figure(image: dict | None, caption: str = "", credit: str = "") -> SafeString:
    """A picture through its allowed rendition, its alt text marked with its language (French until translated);
    nothing for a missing or private image."""
    if not image or not image.get("rendition"):
        return SafeString("")
    rendition = image["rendition"]
    legend = " — ".join(part for part in (caption, credit) if part)
    return format_html(
        '<figure><img src="{}" alt="{}" lang="{}" width="{}" height="{}">{}</figure>',
        rendition["url"],
        image["alt"],
        image["altLocale"],
        rendition["width"],
        rendition["height"],
        format_html("<figcaption>{}</figcaption>", legend) if legend else "",
    )


def blocks(values: list[dict]) -> SafeString:
    return format_html_join("\n", "{}", ((BLOCK_RENDERERS[value["__typename"]](value),) for value in values))


def is_block_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and item.get("__typename") in BLOCK_RENDERERS for item in value)
    )


def is_image(value: Any) -> bool:
    return isinstance(value, dict) and "rendition" in value and "alt" in value


def body(page: dict, label: Labeller) -> SafeString:
    """The page's reading flow: text fields, pictures and blocks in the schema's order; then the details."""
    flow, details = [], []
    for name, value in page.items():
        if name in HEADER_FIELDS or value in (None, "", []):
            continue
        if is_block_list(value):
            flow.append(blocks(value))
        elif is_image(value):
            flow.append(figure(value))
        elif name in PROSE_FIELDS and isinstance(value, str):
            flow.append(format_html('<p class="{}">{}</p>', camel_case_to_spaces(name).replace(" ", "-"), value))
        else:
            details.append((label(name), detail(value)))
    if details:
        flow.append(
            format_html(
                '<dl class="details">{}</dl>', format_html_join("", "<div><dt>{}</dt><dd>{}</dd></div>", details)
            )
        )
    return format_html_join("\n", "{}", ((part,) for part in flow))


def detail(value: Any) -> SafeString | str:
    """A value of the details list: lists as lists, linked pages as links, terms and places by their name."""
    if isinstance(value, list):
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((detail(item),) for item in value)))
    if not isinstance(value, dict):
        return plain(value)
    if is_image(value):
        return figure(value)
    if "title" in value:
        return format_html('<a href="{}">{}</a>', value["url"], value["title"]) if value.get("url") else value["title"]
    if "year" in value:
        return "/".join(str(part) for part in (value.get("month"), value["year"]) if part)
    for name in ("label", "name"):
        if name in value:
            return value[name]
    parts = ((camel_case_to_spaces(key), detail(item)) for key, item in value.items() if key != "__typename")
    return format_html("<dl>{}</dl>", format_html_join("", "<div><dt>{}</dt><dd>{}</dd></div>", parts))


def plain(value: Any) -> str:
    """Booleans in words, dates and times as the page's language writes them (the API sends ISO 8601)."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str) and ISO_DATE.match(value):
        moment = datetime.fromisoformat(value)
        if len(value) == len("2026-12-04"):
            return date_format(moment.date(), "DATE_FORMAT")
        return date_format(localtime(moment), "DATETIME_FORMAT")
    return str(value)
