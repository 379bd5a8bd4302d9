"""An explicit `null` means the default, for every argument and input field that has one.

A TypeScript client passes `limit: $limit` with `$limit` undefined or null alike (an optional variable of a
generated hook is often sent as null). So an argument with a default (`limit: Int = 12`, `format: ImageFormat =
ORIGINAL`, `consentContact: Boolean = false`) is nullable in this schema (tests/graphql/test_schema_types.py
holds every one to it), and a null gives exactly what leaving it out gives: GraphQL's coercion passes the null on,
so it is replaced here by the coerced default, the value graphql-core itself uses for an omitted argument. The
resolvers never see that null, whatever their signature says (`limit: int | None = 12`).

Done once on the built schema, with graphql-core's public API: the resolvers of the fields that have such an
argument are wrapped (no other field pays anything), and input object types with such a field turn null into the
default as they are coerced (their `out_type`), for variables and literals alike.
"""

from collections.abc import Callable, Mapping
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
)
from graphql.utilities.coerce_input_value import coerce_default_value


def non_null_default(definition: GraphQLArgument | GraphQLInputField) -> Any:
    """The value an omitted argument or field takes, or Undefined when it has none or its default is null."""
    default = coerce_default_value(definition)
    return Undefined if default is None else default


def defaults_of(definitions: Mapping[str, GraphQLArgument | GraphQLInputField]) -> dict[str, Any]:
    """The non-null defaults, by the name the resolver or input type receives them under."""
    found = {}
    for name, definition in definitions.items():
        default = non_null_default(definition)
        if default is not Undefined:
            found[definition.out_name or name] = default
    return found


def with_defaults(values: dict, defaults: dict[str, Any]) -> dict:
    for name, default in defaults.items():
        if name in values and values[name] is None:
            values[name] = default
    return values


def resolver_with_defaults(resolve: Callable, defaults: dict[str, Any]) -> Callable:
    def resolve_with_defaults(source, info, **arguments):
        return resolve(source, info, **with_defaults(arguments, defaults))

    return resolve_with_defaults


def output_with_defaults(out_type: Callable, defaults: dict[str, Any]) -> Callable:
    def out_type_with_defaults(value: dict):
        return out_type(with_defaults(value, defaults))

    return out_type_with_defaults


def null_means_default(schema: GraphQLSchema) -> None:
    for named in schema.type_map.values():
        if isinstance(named, GraphQLObjectType):
            for field in named.fields.values():
                default_arguments(field)
        elif isinstance(named, GraphQLInputObjectType) and (defaults := defaults_of(named.fields)):
            named.out_type = output_with_defaults(named.out_type, defaults)


def default_arguments(field: GraphQLField) -> None:
    defaults = defaults_of(field.args)
    if defaults and field.resolve is not None:
        field.resolve = resolver_with_defaults(field.resolve, defaults)
