"""Automatic persisted queries (Apollo's protocol): the frontend sends the sha256 of a document instead of the
document, so that GET URLs stay short and cacheable by a CDN.

A hash the server does not know answers PERSISTED_QUERY_NOT_FOUND; the client then sends the document with its
hash once. The document is registered only once it has been answered without a request error (it parsed,
passed validation and the cost limits), so that no one can store arbitrary text under a hash; registered
documents live GRAPHQL_PERSISTED_QUERY_SECONDS within a byte budget (graphql_api.cache_budget). When the cache is
unreachable, a hash is simply not found and the client sends its document.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from strawberry.http import GraphQLRequestData

from .cache_budget import CACHE_ERRORS, ByteBudget

logger = logging.getLogger(__name__)


class PersistedQueryError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Registration:
    """A document sent with its hash, to register once it has been answered."""

    digest: str
    query: str

    def register(self) -> None:
        budget = ByteBudget(
            "persisted-queries", settings.GRAPHQL_PERSISTED_QUERY_SECONDS, settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES
        )
        try:
            if cache.get(key(self.digest)) is None and budget.admit(len(self.query)):
                cache.set(key(self.digest), self.query, settings.GRAPHQL_PERSISTED_QUERY_SECONDS)
        except CACHE_ERRORS:
            logger.warning("Persisted query not registered: the cache is unreachable.", exc_info=True)


def key(digest: str) -> str:
    return f"apq:{digest}"


def resolve(data: GraphQLRequestData) -> tuple[GraphQLRequestData, Registration | None]:
    """The request with its document (as sent, or looked up by hash) and what to register once it is answered."""
    persisted = (data.extensions or {}).get("persistedQuery")
    if not persisted:
        return data, None
    if not isinstance(persisted, dict):
        persisted = {}
    digest = str(persisted.get("sha256Hash") or "")
    if persisted.get("version") != 1 or len(digest) != 64:
        raise PersistedQueryError("Unsupported persisted query: version 1 and a sha256Hash expected.", "BAD_REQUEST")
    if data.query:
        if hashlib.sha256(data.query.encode()).hexdigest() != digest:
            raise PersistedQueryError("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
        return data, Registration(digest, data.query)
    try:
        query = cache.get(key(digest))
    except CACHE_ERRORS:
        logger.warning("Persisted query lookup failed: the cache is unreachable.", exc_info=True)
        query = None
    if query is None:
        raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
    resolved = GraphQLRequestData(
        query=query, variables=data.variables, operation_name=data.operation_name, extensions=data.extensions
    )
    return resolved, None
