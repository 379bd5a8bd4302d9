"""Footnote markers and their notes: a page that shows a marker ("Town Hall¹", "<sup>2</sup>") shows its note.

Markers are read in every text of a page (rich text, plain text, stream values); notes are the markers of its
footnotes blocks. A marker whose note is on another page leaves the reader with a number that leads nowhere.
"""

import json
import re

from django.db import models
from wagtail.fields import StreamField

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A superscript digit right after a word of three letters or more ("Hall¹"), not after a unit or a formula
# ("30 m²", "2 km²", "mc²").
MARKER = re.compile(r"<sup>\s*(\d+)\s*</sup>|(?<=[^\W\d]{3})([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)(?=[\s,.;:)]|$)")


def markers_in(text: str) -> set[str]:
    return {(sup or superscript).translate(SUPERSCRIPT_DIGITS) for sup, superscript in MARKER.findall(text)}


def page_texts(page: models.Model) -> list[str]:
    """Every text a page shows: its text fields and the raw data of its streams."""
    texts = []
    for field in page._meta.concrete_fields:
        value = field.value_from_object(page)
        if isinstance(field, StreamField):
            texts.append(json.dumps(field.stream_block.get_prep_value(value), ensure_ascii=False))
        elif isinstance(value, str):
            texts.append(value)
    return texts


def notes_of(page: models.Model) -> set[str]:
    notes = set()
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for child in field.value_from_object(page) or []:
                if child.block_type == "footnotes":
                    notes |= {item["marker"].strip() for item in child.value["items"]}
    return notes


def markers_without_notes(page: models.Model) -> list[str]:
    markers = set().union(*(markers_in(text) for text in page_texts(page)))
    return sorted(markers - notes_of(page))
