"""Errors the frontend can act on: every error carries `extensions.code`.

Our own errors carry theirs (ApiError); GraphQL's syntax and validation errors get GRAPHQL_PARSE_FAILED or
GRAPHQL_VALIDATION_FAILED, the public limits QUERY_TOO_COMPLEX, a statement PostgreSQL cut at the web process's
statement timeout TIMEOUT; any other exception is masked as INTERNAL_ERROR (strawberry has logged it server-side
with its traceback, statement timeouts included: a slow statement is ours to fix), so no internals reach the client.
"""

from django.db import OperationalError
from graphql import GraphQLError, GraphQLSyntaxError
from psycopg.errors import QueryCanceled
from strawberry.extensions import MaskErrors

# graphql-core's parser stops at GRAPHQL_MAX_TOKENS with this message; the other limits raise ApiError (limits.py).
TOO_COMPLEX_MARKERS = ("tokens. Parsing aborted",)


class ApiError(GraphQLError):
    def __init__(self, message: str, code: str):
        super().__init__(message, extensions={"code": code})


def error_code(error: GraphQLError) -> str:
    if any(marker in error.message for marker in TOO_COMPLEX_MARKERS):
        return "QUERY_TOO_COMPLEX"
    if isinstance(error, GraphQLSyntaxError) or error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    return "GRAPHQL_VALIDATION_FAILED"


def is_statement_timeout(error: Exception | None) -> bool:
    """PostgreSQL cancelled a statement (DATABASE_STATEMENT_TIMEOUT_MS): Django's OperationalError from psycopg's
    QueryCanceled."""
    return isinstance(error, OperationalError) and isinstance(error.__cause__, QueryCanceled)


class CodedErrors(MaskErrors):
    def __init__(self):
        super().__init__(should_mask_error=self.is_unexpected, error_message="Internal error.")

    @staticmethod
    def is_unexpected(error: GraphQLError) -> bool:
        return error.original_error is not None and not isinstance(error.original_error, GraphQLError)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        if is_statement_timeout(error.original_error):
            masked.message = "The query took too long and was stopped; try again, or ask for less."
            masked.extensions = {"code": "TIMEOUT"}
        else:
            masked.extensions = {"code": "INTERNAL_ERROR"}
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            original = error.original_error
            if isinstance(original, ApiError):
                error.extensions = original.extensions
            elif not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": error_code(error)}
        return processed
