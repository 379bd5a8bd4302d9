"""The GraphQL document the reading view asks for a previewed page, written from the schema itself.

The reading view must show what the API serves, for every page type and every block, including the ones added
after it was written. So its query is not written by hand: it is derived from the page's GraphQL type (the type
the registry declares for the model, graphql_api.registry), selecting every field that needs no argument, every
member of a union, and, for an image, one rendition from the allow-list. What a visitor does not read (search
metadata, the language switcher, ids) is left out, and a page the page links to (a related story, a principle)
is asked only for its title and address: the reading view shows the previewed page, not its neighbours.
"""

from functools import cache

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)

# Fields of the Page interface that are about the page rather than its content.
PAGE_ADMINISTRATIVE_FIELDS = frozenset(
    {"id", "slug", "pageType", "url", "translationKey", "translations", "translationProgress", "seo", "breadcrumbs"}
)
LINKED_PAGE_SELECTION = "__typename title url"
# The reading view's pictures: an allowed spec (campaign.assets.renditions), wide enough for a reading column.
IMAGE_SELECTION = 'alt altLocale width height rendition(spec: "width-800") { url width height }'
MAX_NESTING = 4
# The endorse page shows the form the frontend builds from the API (the fields are not part of the page).
ENDORSEMENT_FORM_SELECTION = (
    "endorsementForm(locale: $locale) { fields { name label help required maxLength choices { value label } } "
    "consentText }"
)


@cache
def reading_document(schema: GraphQLSchema, type_name: str, *, with_endorsement_form: bool = False) -> str:
    """`query Reading($token: String!)` asking `preview(token)` for everything a reader sees of a `type_name`;
    written once per page type."""
    page_type = schema.get_type(type_name)
    fields = [
        field_selection(schema, name, field, depth=1)
        for name, field in page_type.fields.items()
        if name not in PAGE_ADMINISTRATIVE_FIELDS
    ]
    page = f"preview(token: $token) {{ __typename ... on {type_name} {{ {joined(fields)} }} }}"
    if not with_endorsement_form:
        return f"query Reading($token: String!) {{ {page} }}"
    return f"query Reading($token: String!, $locale: String) {{ {page} {ENDORSEMENT_FORM_SELECTION} }}"


def joined(selections) -> str:
    return " ".join(selection for selection in selections if selection)


def field_selection(schema: GraphQLSchema, name: str, field: GraphQLField, depth: int) -> str:
    """The field with its sub-selection, or "" for a field the reading view cannot ask (a required argument) or
    need not (a deprecated one serves what its replacement serves)."""
    if field.deprecation_reason or any(
        isinstance(argument.type, GraphQLNonNull) and argument.default_value is None for argument in field.args.values()
    ):
        return ""
    named = get_named_type(field.type)
    if not isinstance(named, (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)):
        return name
    selection = sub_selection(schema, named, depth)
    return f"{name} {{ {selection} }}" if selection else ""


def sub_selection(schema: GraphQLSchema, named, depth: int) -> str:
    if named.name == "Image":
        return IMAGE_SELECTION
    if is_page(schema, named):
        return LINKED_PAGE_SELECTION
    if depth >= MAX_NESTING:
        return ""
    if isinstance(named, GraphQLUnionType):
        # One name has one type across a union's members (tests/graphql/test_schema_types.py): no aliases needed.
        members = (f"... on {member.name} {{ {object_fields(schema, member, depth + 1)} }}" for member in named.types)
        return joined(["__typename", *members])
    return object_fields(schema, named, depth + 1)


def object_fields(schema: GraphQLSchema, object_type: GraphQLObjectType, depth: int) -> str:
    selected = (
        field_selection(schema, name, field, depth) for name, field in object_type.fields.items() if name != "id"
    )
    return joined(["__typename", *selected])


def is_page(schema: GraphQLSchema, named) -> bool:
    page = schema.get_type("Page")
    if named is page:
        return True
    return isinstance(named, GraphQLObjectType) and page in named.interfaces
