"""The model-to-API mapping is complete: every page type editors can create, and every child block of every
StreamField, has its GraphQL type or builder (graphql_api.registry). Removing one registration fails here."""

import typing

import pytest
from django.apps import apps
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from campaign.blocks import BodyStreamBlock
from graphql_api.registry import BLOCK_BUILDERS, PAGE_TYPES, block_builder_for
from graphql_api.schema import schema
from graphql_api.types.blocks import Block


def creatable_page_models() -> list[type[Page]]:
    return [model for model in get_page_models() if model.is_creatable]


def stream_children() -> list[tuple[str, blocks.Block]]:
    """(where, child block) for every child of every StreamField of every model."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for name, child in field.stream_block.child_blocks.items():
                    found.append((f"{model.__name__}.{field.name}.{name}", child))
    return found


def test_the_walk_finds_the_page_types_and_blocks_it_must_check():
    assert {model.__name__ for model in creatable_page_models()} >= {"HomePage", "CityStoryPage", "EndorsePage"}
    assert {where for where, _ in stream_children()} >= {"CityStoryPage.body.paragraph", "NavigationMenu.items.item"}


@pytest.mark.parametrize("model", creatable_page_models(), ids=lambda model: model.__name__)
def test_every_creatable_page_type_has_a_graphql_type_in_the_schema(model):
    assert model in PAGE_TYPES, f"{model.__name__} has no GraphQL type: decorate one with @represents_page"
    graphql_type = schema.get_type_by_name(PAGE_TYPES[model].__strawberry_definition__.name)
    assert graphql_type is not None and "Page" in {interface.name for interface in graphql_type.interfaces}


@pytest.mark.parametrize("child", [pytest.param(child, id=where) for where, child in stream_children()])
def test_every_stream_child_block_has_a_builder(child):
    assert block_builder_for(child) is BLOCK_BUILDERS[type(child)]


def union_members() -> set[type]:
    union = typing.get_args(Block)[0]
    return set(typing.get_args(union))


@pytest.mark.parametrize("name, child", BodyStreamBlock().child_blocks.items())
def test_every_body_block_builds_a_member_of_the_block_union(name, child):
    returned = typing.get_type_hints(BLOCK_BUILDERS[type(child)])["return"]
    members = set(typing.get_args(returned)) - {type(None)} or {returned}
    assert members <= union_members(), f"{name} builds {returned}, which the Block union does not list"


def test_a_block_without_a_builder_is_named_in_the_error():
    class UnknownBlock(blocks.CharBlock):
        pass

    with pytest.raises(LookupError, match="UnknownBlock"):
        block_builder_for(UnknownBlock())
