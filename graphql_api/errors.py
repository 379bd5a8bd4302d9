"""Errors the frontend can act on: every error carries `extensions.code`.

Our own errors carry theirs (ApiError); GraphQL's syntax and validation errors get GRAPHQL_PARSE_FAILED or
GRAPHQL_VALIDATION_FAILED, the public limits QUERY_TOO_COMPLEX; any other exception is masked as INTERNAL_ERROR
(strawberry has logged it server-side with its traceback), so no internals reach the client.
"""

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors

TOO_COMPLEX_MARKERS = ("exceeds maximum operation depth", "aliases found. Allowed", "tokens. Parsing aborted")


class ApiError(GraphQLError):
    def __init__(self, message: str, code: str):
        super().__init__(message, extensions={"code": code})


def error_code(error: GraphQLError) -> str:
    if any(marker in error.message for marker in TOO_COMPLEX_MARKERS):
        return "QUERY_TOO_COMPLEX"
    if isinstance(error, GraphQLSyntaxError) or error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    return "GRAPHQL_VALIDATION_FAILED"


class CodedErrors(MaskErrors):
    def __init__(self):
        super().__init__(should_mask_error=self.is_unexpected, error_message="Internal error.")

    @staticmethod
    def is_unexpected(error: GraphQLError) -> bool:
        return error.original_error is not None and not isinstance(error.original_error, GraphQLError)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
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
