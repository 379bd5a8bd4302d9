"""Generations of published data: a token per kind of public data that changes whenever that data changes.

Whatever caches a public answer (the GraphQL response cache) puts the current generations in its key. A change
replaces the token once its transaction commits, so every answer cached before it is unreachable from then on:
a stale read after a change is impossible, without having to know which answers the change touched.

Why generations rather than tags: nearly every answer depends on many pages at once (fallbacks, aliases,
breadcrumbs, rich-text links, facets, related stories), so tracking exact dependencies would be fragile, and one
missed dependency is a stale page. Content changes a few times a day; dropping every cached page answer at once
then costs a few cold requests. Endorsements change far more often on a launch day, so they have a generation of
their own: approving one leaves cached pages alone.

When the cache (Redis) cannot be reached, reads go on without it: each call gets fresh tokens, so no cached answer
is ever reused, and a change is logged as not propagated, never raised to the editor who made it.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction

CONTENT = "content"
ENDORSEMENTS = "endorsements"
KINDS = (CONTENT, ENDORSEMENTS)

logger = logging.getLogger(__name__)


def key(kind: str) -> str:
    return f"generation:{kind}"


def current(kinds=KINDS) -> dict[str, str]:
    """The current token of each kind; a kind never seen gets one now. Without a cache, tokens nobody has seen:
    whatever uses them as a key misses, and the answer is computed from the database."""
    try:
        return stored_tokens(kinds)
    except Exception as error:  # any backend's failure (Django's cache API has no common exception)
        logger.warning("Cache unreachable (%s): generations unknown, cached answers bypassed", error)
        return {kind: uuid.uuid4().hex for kind in kinds}


def stored_tokens(kinds) -> dict[str, str]:
    found = cache.get_many([key(kind) for kind in kinds])
    tokens = {}
    for kind in kinds:
        token = found.get(key(kind))
        if token is None:
            cache.add(key(kind), uuid.uuid4().hex, None)
            token = cache.get(key(kind))
        tokens[kind] = token
    return tokens


def advance(kind: str) -> None:
    """A new generation of `kind`, from the moment the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: replace_token(kind))


def replace_token(kind: str) -> None:
    """Runs after the change committed: a cache failure must not turn the editor's saved change into an error.
    It is logged instead, as answers cached before the outage may be served again once the cache is back, until
    they expire (GRAPHQL_RESPONSE_CACHE_SECONDS) or `forget_all` runs (docs/operations.md)."""
    try:
        cache.set(key(kind), uuid.uuid4().hex, None)
    except Exception as error:  # any backend's failure (Django's cache API has no common exception)
        logger.error("Cache unreachable (%s): new %s generation not recorded, cached answers may be stale", error, kind)


def forget_all() -> None:
    """Every cached answer unreachable at once, now (tests and benches measuring a cold cache)."""
    cache.delete_many([key(kind) for kind in KINDS])
