"""The schema as a TypeScript client's generated types read it, checked over the whole schema rather than field by
field, so that a field added later is held to the same rules:
- an argument or input field with a default is nullable, and `null` gives what leaving it out gives;
- a name shared by several members of a union or interface has one type in all of them (one fragment selects it
  on every member);
- a String whose description lists its values is an enum instead."""

from collections import deque

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    Undefined,
    coerce_input_value,
    get_named_type,
    get_nullable_type,
)
from graphql.utilities.coerce_input_value import coerce_default_value

from graphql_api.schema import schema

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
