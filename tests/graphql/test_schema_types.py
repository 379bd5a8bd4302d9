"""The schema as a TypeScript client's generated types read it, checked over the whole schema rather than field by
field, so that a field added later is held to the same rules:
- an argument or input field with a default is nullable, and `null` gives what leaving it out gives;
- a name shared by several members of a union or interface has one type in all of them (one fragment selects it
  on every member);
- a String whose description lists its values is an enum instead."""

import re
from collections import deque

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLString,
    GraphQLUnionType,
    Undefined,
    coerce_input_value,
    get_named_type,
    get_nullable_type,
)
from graphql.utilities.coerce_input_value import coerce_default_value

from campaign.endorsements.choices import ErrorCode
from graphql_api.schema import schema
from graphql_api.types.endorsements import FieldErrorCode

SCHEMA = schema._schema
# Values for the required arguments on the way to a field (a page, an image size), so that it can be reached.
REQUIRED_EXAMPLES = {
    ("Query", "page", "path"): "/fr/",
    ("Query", "search", "query"): "ville",
    ("Image", "rendition", "spec"): "width-320",
    ("Image", "srcset", "widths"): [320, 640],
}
MAX_PATH = 4


def own_types():
    return [named for name, named in sorted(SCHEMA.type_map.items()) if not name.startswith("__")]


def with_default(definitions) -> list:
    return [
        (name, definition)
        for name, definition in definitions.items()
        if coerce_default_value(definition) is not Undefined
    ]


def defaulted_arguments() -> list[tuple[str, str, str]]:
    return [
        (named.name, field_name, name)
        for named in own_types()
        if isinstance(named, GraphQLObjectType)
        for field_name, field in named.fields.items()
        for name, _ in with_default(field.args)
    ]


def defaulted_input_fields() -> list[tuple[str, str]]:
    return [
        (named.name, name)
        for named in own_types()
        if isinstance(named, GraphQLInputObjectType)
        for name, _ in with_default(named.fields)
    ]


def label(*parts) -> str:
    return ".".join(parts)


def test_the_schema_has_arguments_and_input_fields_with_defaults():
    assert ("Query", "cityStories", "limit") in defaulted_arguments()
    assert ("EndorsementInput", "consentContact") in defaulted_input_fields()


@pytest.mark.parametrize("where", defaulted_arguments(), ids=lambda where: label(*where))
def test_an_argument_with_a_default_is_nullable(where):
    type_name, field_name, name = where
    argument = SCHEMA.get_type(type_name).fields[field_name].args[name]
    assert not isinstance(argument.type, GraphQLNonNull), f"{label(*where)}: {argument.type}; `null` means the default"


@pytest.mark.parametrize("where", defaulted_input_fields(), ids=lambda where: label(*where))
def test_an_input_field_with_a_default_is_nullable_and_null_means_the_default(where):
    type_name, name = where
    input_type = SCHEMA.get_type(type_name)
    assert not isinstance(input_type.fields[name].type, GraphQLNonNull), f"{label(*where)}: `null` means the default"
    required = {
        field_name: example_value(field.type)
        for field_name, field in input_type.fields.items()
        if isinstance(field.type, GraphQLNonNull) and coerce_default_value(field) is Undefined
    }
    omitted = coerce_input_value(required, input_type)
    assert coerce_input_value({**required, name: None}, input_type) == omitted
    assert omitted[name] == coerce_default_value(input_type.fields[name])


def example_value(input_type):
    """Any valid value of a required input field, to coerce an input object."""
    named = get_nullable_type(input_type)
    if isinstance(named, GraphQLList):
        return []
    if isinstance(named, GraphQLEnumType):
        return next(iter(named.values))
    return {"Boolean": True, "Int": 1, "Float": 1.0}.get(named.name, "x")


# Every field with an argument whose default is not null, reached from Query, is asked twice: with the argument
# passed as a null variable, and without it. The answers must be the same.


def non_null_defaults() -> list[tuple[str, str, str]]:
    return [
        where
        for where in defaulted_arguments()
        if coerce_default_value(SCHEMA.get_type(where[0]).fields[where[1]].args[where[2]]) is not None
    ]


def arguments_of(type_name: str, field_name: str, extra: str = "") -> str:
    field = SCHEMA.get_type(type_name).fields[field_name]
    values = [
        f"{name}: {literal(REQUIRED_EXAMPLES[(type_name, field_name, name)])}"
        for name, argument in field.args.items()
        if (type_name, field_name, name) in REQUIRED_EXAMPLES
    ]
    values += [extra] if extra else []
    return f"({', '.join(values)})" if values else ""


def literal(value) -> str:
    if isinstance(value, list):
        return f"[{', '.join(literal(item) for item in value)}]"
    return f'"{value}"' if isinstance(value, str) else str(value)


def can_ask(type_name: str, field_name: str, field) -> bool:
    return all(
        not isinstance(argument.type, GraphQLNonNull) or (type_name, field_name, name) in REQUIRED_EXAMPLES
        for name, argument in field.args.items()
    )


def paths_to(type_name: str) -> list[list[tuple[str, str]]]:
    """The ways from Query to an object type through object fields, shortest first."""
    found, queue = [], deque([("Query", [])])
    while queue:
        current, path = queue.popleft()
        if current == type_name:
            found.append(path)
            continue
        if len(path) >= MAX_PATH:
            continue
        for field_name, field in SCHEMA.get_type(current).fields.items():
            inner = get_named_type(field.type)
            if isinstance(inner, GraphQLObjectType) and can_ask(current, field_name, field) and inner.name != current:
                queue.append((inner.name, [*path, (current, field_name)]))
    return found


def leaves(named, depth: int = 2) -> str:
    """__typename and the scalar fields of a type, and of its object fields down to `depth`."""
    if isinstance(named, GraphQLUnionType):
        return "__typename"
    selected = ["__typename"]
    for name, field in named.fields.items():
        inner = get_named_type(field.type)
        if not can_ask(named.name, name, field) or field.args:
            continue
        if isinstance(inner, GraphQLScalarType | GraphQLEnumType):
            selected.append(name)
        elif depth > 1:
            selected.append(f"{name} {{ {leaves(inner, depth - 1)} }}")
    return " ".join(selected)


def document(path, type_name: str, field_name: str, argument: str, value_type: str | None) -> str:
    field = SCHEMA.get_type(type_name).fields[field_name]
    passed = f"{argument}: $value" if value_type else ""
    inner = get_named_type(field.type)
    selection = "" if isinstance(inner, GraphQLScalarType | GraphQLEnumType) else f" {{ {leaves(inner)} }}"
    text = f"{field_name}{arguments_of(type_name, field_name, passed)}{selection}"
    for parent, name in reversed(path):
        text = f"{name}{arguments_of(parent, name)} {{ {text} }}"
    return f"query ($value: {value_type}) {{ {text} }}" if value_type else f"{{ {text} }}"


def found_in(data, path) -> bool:
    """Whether the answer holds the field at least once along the path (not only nulls and empty lists)."""
    values = [data]
    for _, name in path:
        values = [item for value in values for item in flattened(value.get(name)) if item is not None]
    return bool(values)


def flattened(value) -> list:
    return value if isinstance(value, list) else [value]


@pytest.mark.django_db
@pytest.mark.parametrize("where", non_null_defaults(), ids=lambda where: label(*where))
def test_a_null_argument_gives_what_leaving_it_out_gives(graphql, where):
    type_name, field_name, argument = where
    value_type = str(SCHEMA.get_type(type_name).fields[field_name].args[argument].type)
    for path in paths_to(type_name):
        omitted = graphql(document(path, type_name, field_name, argument, None))
        assert "errors" not in omitted, omitted
        if not found_in(omitted["data"], path):
            continue
        as_null = graphql(document(path, type_name, field_name, argument, value_type), value=None)
        assert as_null == omitted
        return
    pytest.fail(f"no way found from Query to {type_name}.{field_name}: add an example of its required arguments")


# One fragment on a union or interface selects a name on every member that has it: GraphQL merges the selections
# only when their types are the same, and a generated TypeScript type is simplest when they are.


def abstract_types() -> list[str]:
    return [named.name for named in own_types() if isinstance(named, GraphQLUnionType | GraphQLInterfaceType)]


def signature(field) -> str:
    arguments = ", ".join(f"{name}: {argument.type}" for name, argument in field.args.items())
    return f"({arguments}): {field.type}" if arguments else str(field.type)


def test_the_schema_has_unions_and_interfaces():
    assert {"Block", "Page", "EndorseResult"} <= set(abstract_types())


@pytest.mark.parametrize("name", abstract_types())
def test_a_name_shared_by_members_of_a_union_or_interface_has_one_type(name):
    """Deprecated fields aside: they keep their old type until they go, beside their replacement."""
    signatures: dict[str, dict[str, list[str]]] = {}
    for member in SCHEMA.get_possible_types(SCHEMA.get_type(name)):
        for field_name, field in member.fields.items():
            if not field.deprecation_reason:
                signatures.setdefault(field_name, {}).setdefault(signature(field), []).append(member.name)
    assert {field: found for field, found in signatures.items() if len(found) > 1} == {}


@pytest.mark.django_db
def test_one_fragment_selects_the_url_of_every_block(graphql):
    """Without aliases: GraphQL would refuse `url` asked of blocks that typed it differently."""
    members = SCHEMA.get_type("Block").types
    with_url = " ".join(f"... on {member.name} {{ url }}" for member in members if "url" in member.fields)
    body = graphql(f'{{ page(path: "/fr/") {{ ... on HomePage {{ body {{ __typename {with_url} }} }} }} }}')
    assert "errors" not in body and body["data"]["page"]["body"]


# A String whose description lists its values ("x, facebook, instagram or bluesky") is an enum in disguise: the
# client's type says `string`, and a switch over it cannot be checked. Such a field is an enum instead.

CODE = r"`?[A-Za-z][\w-]*`?"
NOT_AN_EXAMPLE = r"(?<!e\.g\. )\b"
LISTED_VALUES = re.compile(
    rf"{NOT_AN_EXAMPLE}{CODE}(?:, {CODE})+,? (?:or|and) {CODE}(?=$|[.;:,)])"  # a, b or c
    rf"|{NOT_AN_EXAMPLE}{CODE}(?:, {CODE}){{2,}}(?=$|[.;:)])"  # a, b, c
)


def lists_values(text: str | None) -> bool:
    return bool(LISTED_VALUES.search(text or ""))


def is_filter(type_name: str) -> bool:
    """Filters take the codes FacetValue.value and Term.code give back, Strings shared by every taxonomy, and
    answer INVALID_INPUT for one that does not exist: their lists stay Strings."""
    return type_name.endswith("Filter")


def string_fields() -> list[tuple[str, str, str | None]]:
    """Every String output field, input field and argument, with its description (and its type's, where that
    describes it)."""
    found = []
    for named in own_types():
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            continue
        for name, field in named.fields.items():
            if get_named_type(field.type) is GraphQLString:
                about_it = named.description if named.description and name in named.description else ""
                found.append((named.name, name, f"{field.description or ''} {about_it}".strip()))
            for argument_name, argument in getattr(field, "args", {}).items():
                if get_named_type(argument.type) is GraphQLString:
                    found.append((named.name, f"{name}({argument_name})", argument.description))
    return found


@pytest.mark.parametrize(
    "description",
    [
        "x, facebook, instagram, linkedin, youtube, mastodon or bluesky.",
        "city, region, association or organisation.",
        "fr, en or es: the language of the emails and of the errors.",
        "REQUIRED, TOO_LONG, INVALID, CONSENT_REQUIRED; DUPLICATE (endorseCharter: ...)",
        "A text visitors can post; network is generic, x, facebook, linkedin or whatsapp.",
    ],
)
def test_a_description_listing_values_is_found(description):
    assert lists_values(description)


@pytest.mark.parametrize(
    "description",
    [
        "Frontend path in the requested locale, e.g. /en/charter/dignity/.",
        "The language's name, e.g. Français, English, Español.",
    ],
)
def test_prose_and_examples_are_not_taken_for_a_list_of_values(description):
    assert not lists_values(description)


def test_no_string_field_lists_its_values_in_its_description():
    listed = [
        f"{type_name}.{name}: {description}"
        for type_name, name, description in string_fields()
        if lists_values(description) and not is_filter(type_name)
    ]
    assert string_fields() and listed == []


def test_every_error_code_of_the_domain_is_a_value_of_the_field_error_enum():
    assert [code.value for code in FieldErrorCode] == [code.value for code in ErrorCode]
