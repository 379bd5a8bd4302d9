"""The public limits of a query, checked before validation and execution: depth, aliases, size in fields once
fragments are expanded, and cost (graphql_api.cost). Each answers QUERY_TOO_COMPLEX with the measured value and
the limit in `extensions`.

This extension also runs graphql-core's validation itself, for two reasons:
- the limits must come first: the standard rules walk fragments, and only a document known to be small once
  expanded is safe to give them;
- with introspection off, validation must not suggest field, argument or enum names ("Did you mean …?"): that
  would give the schema away one guess at a time. strawberry does not pass graphql-core's `hide_suggestions`.
"""

from dataclasses import dataclass

from django.conf import settings
from graphql import validate
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from .cost import Measure, measure
from .errors import ApiError


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str
    message: str

    def maximum(self) -> int:
        return getattr(settings, self.setting)


LIMITS = (
    Limit("depth", "GRAPHQL_MAX_DEPTH", "The query is nested {value} levels deep; the limit is {maximum}."),
    Limit("aliases", "GRAPHQL_MAX_ALIASES", "The query has {value} aliases; the limit is {maximum}."),
    Limit(
        "fields",
        "GRAPHQL_MAX_FIELDS",
        "The query selects {value} fields once its fragments are expanded; the limit is {maximum}.",
    ),
    Limit(
        "cost",
        "GRAPHQL_MAX_COST",
        "The query would cost {value}, above the budget of {maximum}: ask for fewer items (a smaller `limit`) "
        "or fewer nested lists.",
    ),
)


def limit_error(measured: Measure) -> ApiError | None:
    for limit in LIMITS:
        value, maximum = getattr(measured, limit.name), limit.maximum()
        if value > maximum:
            error = ApiError(limit.message.format(value=value, maximum=maximum), "QUERY_TOO_COMPLEX")
            error.extensions.update({limit.name: value, "limit": maximum})
            return error
    return None


class QueryLimits(SchemaExtension):
    """`hide_suggestions`: True when introspection is off."""

    def __init__(self, *, hide_suggestions: bool):
        self.hide_suggestions = hide_suggestions

    def on_validate(self):
        context = self.execution_context
        if context.pre_execution_errors is None and context.graphql_document is not None:
            document = context.graphql_document
            measured = measure(context.schema._schema, document, context.variables, context.operation_name)
            error = limit_error(measured)
            if error is not None:
                context.pre_execution_errors = [error]
            else:
                context.pre_execution_errors = self.validate(context)
        yield

    def validate(self, context) -> list:
        """graphql-core's rules, strawberry's and the extensions'; strawberry skips its own validation when an
        extension has run it (pre_execution_errors is then a list)."""
        rules = (*context.validation_rules, MaybeNullValidationRule, OneOfInputValidationRule)
        return validate(context.schema._schema, context.graphql_document, rules, hide_suggestions=self.hide_suggestions)
