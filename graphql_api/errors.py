"""Errors the frontend can act on: each carries `extensions.code`; anything else is masked as INTERNAL_ERROR."""

from graphql import GraphQLError


class ApiError(GraphQLError):
    def __init__(self, message: str, code: str):
        super().__init__(message, extensions={"code": code})


def is_expected(error: GraphQLError) -> bool:
    """Our coded errors and GraphQL's own syntax and validation errors reach the client; the rest is masked."""
    original = error.original_error
    return original is None or isinstance(original, ApiError)
