"""Which GraphQL type answers for which Wagtail page model, and which builder for which StreamField block.

Each is declared once, beside the type: `@represents_page(models.CharterPage)` on the page's GraphQL type,
`@builds_block(blocks.QuoteBlock)` on the function that turns a block's value into its GraphQL object. The schema
lists every registered page type, `page_node` and `stream_nodes` dispatch through these tables, and
tests/graphql/test_type_registry.py fails when a page model that editors can create, or a child block of any
StreamField, has no entry: a forgotten registration is a failing test, not a page that silently answers null.

The type modules register when imported; `discover_types` imports every module of graphql_api.types, so a new
type module needs no other file to reach the schema.
"""

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any, TypeVar

from wagtail import blocks as wagtail_blocks
from wagtail.models import Page

from graphql_api import types

T = TypeVar("T")

PAGE_TYPES: dict[type[Page], type] = {}
BLOCK_BUILDERS: dict[type[wagtail_blocks.Block], Callable[..., Any]] = {}


def represents_page(model: type[Page]) -> Callable[[type[T]], type[T]]:
    """Class decorator: this GraphQL type serves pages of `model`."""

    def register(node_type: type[T]) -> type[T]:
        if model in PAGE_TYPES:
            raise ValueError(f"{model.__name__} already has a GraphQL type: {PAGE_TYPES[model].__name__}.")
        PAGE_TYPES[model] = node_type
        return node_type

    return register


def builds_block(block_class: type[wagtail_blocks.Block]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Function decorator: this builder turns the value of a `block_class` block into its GraphQL object."""

    def register(builder: Callable[..., T]) -> Callable[..., T]:
        if block_class in BLOCK_BUILDERS:
            raise ValueError(f"{block_class.__name__} already has a builder: {BLOCK_BUILDERS[block_class].__name__}.")
        BLOCK_BUILDERS[block_class] = builder
        return builder

    return register


def page_type_for(model: type[Page]) -> type | None:
    return PAGE_TYPES.get(model)


def block_builder_for(block: wagtail_blocks.Block) -> Callable[..., Any]:
    """The builder of a block definition; a block without one is a programming error the registry test catches."""
    builder = BLOCK_BUILDERS.get(type(block))
    if builder is None:
        raise LookupError(f"No GraphQL builder for block {type(block).__name__}; register one with @builds_block.")
    return builder


def discover_types() -> None:
    """Imports every module of graphql_api.types, which registers their page types and block builders."""
    for module in pkgutil.iter_modules(types.__path__):
        importlib.import_module(f"{types.__name__}.{module.name}")
