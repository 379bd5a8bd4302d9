"""Automatic persisted queries (Apollo's protocol): the frontend sends the sha256 of a document instead of the
document, so that GET URLs stay short and cacheable by a CDN.

A hash the server does not know answers PERSISTED_QUERY_NOT_FOUND; the client then sends the document with its
hash once, which registers it (in the cache, for GRAPHQL_PERSISTED_QUERY_SECONDS).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from strawberry.http import GraphQLRequestData


class PersistedQueryError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def resolve(data: GraphQLRequestData) -> GraphQLRequestData:
    """The request with its document: as sent, registered under its hash, or looked up by hash."""
    persisted = (data.extensions or {}).get("persistedQuery")
    if not persisted:
        return data
    if not isinstance(persisted, dict):
        persisted = {}
    digest = str(persisted.get("sha256Hash") or "")
    if persisted.get("version") != 1 or len(digest) != 64:
        raise PersistedQueryError("Unsupported persisted query: version 1 and a sha256Hash expected.", "BAD_REQUEST")
    if data.query:
        if hashlib.sha256(data.query.encode()).hexdigest() != digest:
            raise PersistedQueryError("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
        cache.set(f"apq:{digest}", data.query, settings.GRAPHQL_PERSISTED_QUERY_SECONDS)
        return data
    query = cache.get(f"apq:{digest}")
    if query is None:
        raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
    return GraphQLRequestData(
        query=query, variables=data.variables, operation_name=data.operation_name, extensions=data.extensions
    )
