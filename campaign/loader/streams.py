"""Turns the YAML form of a StreamField body into Wagtail's raw stream data.

Block IDs are derived from the content key and the block's position, so that every load writes the same IDs:
wagtail-localize keys translation segments by block ID, and random IDs would orphan every translation on each load.
"""

import uuid
from collections.abc import Callable

from wagtail import blocks

from campaign.loader.errors import ContentError

ID_NAMESPACE = uuid.UUID("6b1c7a3e-9f0e-4f7d-9f55-2f0f4a0c1a11")
PageResolver = Callable[[str, str], int | None]


def stable_id(path: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, path))


def to_raw(block: blocks.Block, value, path: str, resolve_page: PageResolver):
    if isinstance(block, blocks.StreamBlock):
        return stream_to_raw(block, value, path, resolve_page)
    if isinstance(block, blocks.StructBlock):
        return struct_to_raw(block, value, path, resolve_page)
    if isinstance(block, blocks.ListBlock):
        if not isinstance(value, list):
            raise ContentError(path, "expected a list")
        return [
            {
                "type": "item",
                "value": to_raw(block.child_block, item, f"{path}[{index}]", resolve_page),
                "id": stable_id(f"{path}[{index}]"),
            }
            for index, item in enumerate(value)
        ]
    if isinstance(block, blocks.PageChooserBlock):
        return resolve_page(value, path) if value else None
    if isinstance(block, blocks.BooleanBlock):
        return bool(value)
    if not isinstance(value, str | int | float):
        raise ContentError(path, f"expected a text, found {type(value).__name__}")
    return str(value)


def stream_to_raw(block: blocks.StreamBlock, value, path: str, resolve_page: PageResolver) -> list[dict]:
    if not isinstance(value, list):
        raise ContentError(path, "expected a list of blocks")
    raw = []
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(item, dict) or "type" not in item or "value" not in item:
            raise ContentError(where, "a block is a mapping with `type` and `value`")
        child = block.child_blocks.get(item["type"])
        if child is None:
            known = ", ".join(block.child_blocks)
            raise ContentError(where, f"unknown block type {item['type']!r}; known: {known}")
        raw.append(
            {
                "type": item["type"],
                "value": to_raw(child, item["value"], where, resolve_page),
                "id": stable_id(where),
            }
        )
    return raw


def struct_to_raw(block: blocks.StructBlock, value, path: str, resolve_page: PageResolver) -> dict:
    if not isinstance(value, dict):
        raise ContentError(path, "expected a mapping of fields")
    unknown = set(value) - set(block.child_blocks)
    if unknown:
        raise ContentError(
            path, f"unknown field(s) {', '.join(sorted(unknown))}; known: {', '.join(block.child_blocks)}"
        )
    raw = {}
    for name, child in block.child_blocks.items():
        if name in value and value[name] is not None:
            raw[name] = to_raw(child, value[name], f"{path} › {name}", resolve_page)
        elif child.required:
            raise ContentError(f"{path} › {name}", "required field is missing")
    return raw


def page_keys_in(value) -> set[str]:
    """Every page key a YAML body refers to (`page:` fields of links), to check them before writing."""
    if isinstance(value, dict):
        found = {value["page"]} if isinstance(value.get("page"), str) else set()
        return found.union(*(page_keys_in(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(page_keys_in(item) for item in value))
    return set()
