"""Generations of published data: a token per kind of public data that changes whenever that data changes.

Whatever caches a public answer (the GraphQL response cache) puts the current generations in its key. A change
replaces the token once its transaction commits, so every answer cached before it is unreachable from then on:
a stale read after a change is impossible, without having to know which answers the change touched.

Why generations rather than tags: nearly every answer depends on many pages at once (fallbacks, aliases,
breadcrumbs, rich-text links, facets, related stories), so tracking exact dependencies would be fragile, and one
missed dependency is a stale page. Content changes a few times a day; dropping every cached page answer at once
then costs a few cold requests. Endorsements change far more often on a launch day, so they have a generation of
their own: approving one leaves cached pages alone.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

CONTENT = "content"
ENDORSEMENTS = "endorsements"
KINDS = (CONTENT, ENDORSEMENTS)


def key(kind: str) -> str:
    return f"generation:{kind}"


def current(kinds=KINDS) -> dict[str, str]:
    """The current token of each kind; a kind never seen gets one now."""
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
    transaction.on_commit(lambda: cache.set(key(kind), uuid.uuid4().hex, None))


def forget_all() -> None:
    """Every cached answer unreachable at once, now (tests and benches measuring a cold cache)."""
    cache.delete_many([key(kind) for kind in KINDS])
