"""Errors the frontend can act on: every error carries `extensions.code`.

Our own errors carry theirs (ApiError); GraphQL's syntax and validation errors get GRAPHQL_PARSE_FAILED or
GRAPHQL_VALIDATION_FAILED, the public limits QUERY_TOO_COMPLEX, a statement PostgreSQL cut at the web process's
statement timeout TIMEOUT; any other exception is masked as INTERNAL_ERROR (strawberry has logged it server-side
with its traceback, statement timeouts included: a slow statement is ours to fix), so no internals reach the client.

All of it goes through strawberry's public extension points: MaskErrors' `should_mask_error` and `anonymise_error`,
and the `on_parse` and `on_operation` hooks, which see every result, executed or refused before execution.
"""

from django.db import OperationalError
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError, GraphQLSyntaxError
from graphql.language import Lexer, Source, TokenKind
from psycopg.errors import QueryCanceled
from strawberry.extensions import MaskErrors, MaxTokensLimiter, SchemaExtension
from strawberry.types.execution import ExecutionResult


class ApiError(GraphQLError):
    def __init__(self, message: str, code: str):
        super().__init__(message, extensions={"code": code})


def error_code(error: GraphQLError) -> str:
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


class ErrorCodes(SchemaExtension):
    """Gives each error of the result its `extensions.code`: our own errors keep theirs, GraphQL's get one."""

    def on_operation(self):
        yield
        result = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | ExecutionResult):
            for error in result.errors or []:
                with_code(error)


def with_code(error: GraphQLError) -> None:
    original = error.original_error
    if isinstance(original, ApiError):
        error.extensions = original.extensions
    elif not (error.extensions or {}).get("code"):
        error.extensions = {**(error.extensions or {}), "code": error_code(error)}


def more_tokens_than(query: str, maximum: int) -> bool:
    """Counts at most `maximum` + 1 tokens, so a huge document costs no more than one at the limit."""
    lexer = Lexer(Source(query))
    try:
        for _ in range(maximum + 1):
            if lexer.advance().kind == TokenKind.EOF:
                return False
    except GraphQLSyntaxError:
        return False
    return True


class TokenLimit(MaxTokensLimiter):
    """graphql-core's parser stops after `max_token_count` tokens with a syntax error: that refusal is one of our
    public limits, so it answers QUERY_TOO_COMPLEX with the limit, like the others (graphql_api.limits)."""

    def on_parse(self):
        yield
        context = self.execution_context
        if context.graphql_document is None and context.query and more_tokens_than(context.query, self.max_token_count):
            for error in context.pre_execution_errors or []:
                error.extensions = {"code": "QUERY_TOO_COMPLEX", "limit": self.max_token_count}
