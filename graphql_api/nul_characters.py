"""Requests carrying the NUL character are refused as INVALID_INPUT, before anything runs.

No text of this site contains NUL, and PostgreSQL can neither store nor compare it: a NUL in any argument would
reach a query and fail there. graphql-core reserves the String scalar, so the check is an extension that looks
at the parsed document's string literals and at the variables, before validation.
"""

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


def has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False


def literals(document: DocumentNode | None) -> list[str]:
    collector = StringLiterals()
    if document is not None:
        visit(document, collector)
    return collector.values


class RefuseNulCharacters(SchemaExtension):
    def on_validate(self):
        """Before the validation rules run: errors set here end the request with them."""
        context = self.execution_context
        if has_nul(context.variables) or has_nul(literals(context.graphql_document)):
            context.pre_execution_errors = [
                ApiError("Text may not contain the NUL character (U+0000).", "INVALID_INPUT")
            ]
        yield
