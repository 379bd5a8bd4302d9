"""The public limits of a query, checked before validation and execution: depth, aliases, size in fields once
fragments are expanded, and cost (graphql_api.cost). Each answers QUERY_TOO_COMPLEX with the measured value and
the limit in `extensions`.

This extension also runs graphql-core's validation itself, for two reasons:
- the limits must come first: the standard rules walk fragments, and only a document known to be small once
  expanded is safe to give them;
- with introspection off, validation must not suggest field, argument or enum names ("Did you mean …?"): that
  would give the schema away one guess at a time. strawberry does not pass graphql-core's `hide_suggestions`.

A frontend sends the same few documents over and over: parsing and validating them again on every request was a
fixed cost of each cold answer. A document is parsed once (`parsed_document`: the view reads its operations before
the executor runs, which then finds it in the memo) and found valid once (what validation reads does not depend on
the variables); only the measures, which do, are taken on every request. Both memos are bounded: the documents of
the frontend's size, and so many of them.
"""

from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from graphql import DocumentNode, GraphQLError, parse, validate
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


class Memo:
    """The `size` most recently used entries. A thread of a threaded server may evict what another just read:
    that read is then a miss, never an error."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()

    def get(self, key):
        try:
            self.entries.move_to_end(key)
            return self.entries[key]
        except KeyError:
            return None

    def put(self, key, value) -> None:
        self.entries[key] = value
        while len(self.entries) > self.size:
            try:
                self.entries.popitem(last=False)
            except KeyError:
                return


# A frontend operation is 1-2 KB; larger documents are parsed and validated on each request, as before.
MEMO_MAX_CHARACTERS = 8 * 1024
PARSED = Memo(size=128)
VALID = Memo(size=256)


def memoisable(query) -> bool:
    return isinstance(query, str) and len(query) <= MEMO_MAX_CHARACTERS


class CachedParse(SchemaExtension):
    """The parsed document of a query text already seen (graphql-core never changes a document it executes).
    A text that does not parse is left to strawberry, which reports its syntax error as usual."""

    def on_parse(self):
        context = self.execution_context
        if context.graphql_document is None and memoisable(context.query):
            context.graphql_document = parsed_document(context.query, context.parse_options)
        yield


def parse_options() -> dict:
    """The options strawberry parses with (the schema's TokenLimit): a document the view parses with them first
    is in the memo when the executor asks for it."""
    return {"max_tokens": settings.GRAPHQL_MAX_TOKENS}


def parsed_document(query: str, options: dict) -> DocumentNode | None:
    """The document of a query text, from the memo when it is there; None when the text does not parse."""
    if not memoisable(query):
        return parsed(query, options)
    key = (query, tuple(sorted(options.items())))
    document = PARSED.get(key)
    if document is None:
        document = parsed(query, options)
        if document is not None:
            PARSED.put(key, document)
    return document


def parsed(query: str, options: dict) -> DocumentNode | None:
    try:
        return parse(query, **options)
    except GraphQLError:
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
        extension has run it (pre_execution_errors is then a list). A document found valid once, by the same rules
        of the same schema, is valid: only its errors would need to be built anew (they are not kept)."""
        rules = (*context.validation_rules, MaybeNullValidationRule, OneOfInputValidationRule)
        key = (context.schema._schema, context.query, rules, self.hide_suggestions)
        if memoisable(context.query) and VALID.get(key):
            return []
        schema, hide = context.schema._schema, self.hide_suggestions
        errors = validate(schema, context.graphql_document, rules, hide_suggestions=hide)
        if not errors and memoisable(context.query):
            VALID.put(key, True)
        return errors
