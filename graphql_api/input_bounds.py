"""Text a client sends is refused as INVALID_INPUT before anything runs when it holds the NUL character or is
longer than GRAPHQL_MAX_STRING_LENGTH.

NUL: no text of this site contains it, and PostgreSQL can neither store nor compare it, so a NUL in any argument
would reach a query and fail there. Length: no argument of this API needs more (the longest form field, the
endorsement statement, takes 1,000 characters, and the form answers TOO_LONG up to this bound), and every string
reaches some domain code (search folding, caches, the database); bounding them here bounds them all, whatever
field or variable carries them. graphql-core reserves the String scalar, so the check is an extension that looks
at the parsed document's string literals and at the variables, before validation.
"""

from collections.abc import Iterator

from django.conf import settings
from graphql import DocumentNode, StringValueNode, Visitor, visit
from strawberry.extensions import SchemaExtension

from .errors import ApiError

NUL = "\x00"


class StringLiterals(Visitor):
    def __init__(self):
        super().__init__()
        self.values: list[str] = []

    def enter_string_value(self, node: StringValueNode, *args) -> None:
        self.values.append(node.value)


def strings(value) -> Iterator[str]:
    """Every string in a variables value: keys, items and values, at any depth (without recursion: a client
    chooses the depth)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def literals(document: DocumentNode | None) -> list[str]:
    collector = StringLiterals()
    if document is not None:
        visit(document, collector)
    return collector.values


def input_error(texts) -> ApiError | None:
    limit = settings.GRAPHQL_MAX_STRING_LENGTH
    for text in texts:
        if NUL in text:
            return ApiError("Text may not contain the NUL character (U+0000).", "INVALID_INPUT")
        if len(text) > limit:
            return ApiError(f"Text arguments are limited to {limit} characters.", "INVALID_INPUT")
    return None


class BoundInputs(SchemaExtension):
    def on_validate(self):
        """Before the validation rules run: errors set here end the request with them."""
        context = self.execution_context
        error = input_error(strings(context.variables)) or input_error(literals(context.graphql_document))
        if error is not None:
            context.pre_execution_errors = [error]
        yield
