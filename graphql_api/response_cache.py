"""Whole query answers (the response body, ready to send), cached in Django's cache (Redis in production) and
keyed by what determines them. A hit is answered before the GraphQL executor is even involved.

The key holds the normalised document (whitespace and comments do not matter), the operation name, the variables
(where the locale is), the site (host) and the current generation of each kind of data the operation reads
(campaign.generations): a change to that data makes every earlier entry unreachable at once. Mutations, preview
and answers with errors are never cached.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse, print_ast

from campaign import generations

# Root fields whose answers depend on endorsements only; every other root field reads published content.
ENDORSEMENT_ROOTS = {"endorsements", "endorsementStats"}
# Root fields never cached: a draft seen through a preview token belongs to whoever holds the token.
UNCACHEABLE_ROOTS = {"preview"}


@dataclass(frozen=True)
class Operation:
    cacheable: bool
    document: str = ""
    kinds: tuple[str, ...] = ()


NOT_CACHEABLE = Operation(cacheable=False)


@lru_cache(maxsize=512)
def analyse(query: str) -> Operation:
    """What a query document reads. Anything unusual (a syntax error, a mutation, a preview, a fragment at the
    root) is simply not cached: the GraphQL executor then answers it as usual."""
    try:
        document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
    except GraphQLError:
        return NOT_CACHEABLE
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    if not operations or any(operation.operation != OperationType.QUERY for operation in operations):
        return NOT_CACHEABLE
    selections = [selection for operation in operations for selection in operation.selection_set.selections]
    if not all(isinstance(selection, FieldNode) for selection in selections):
        return NOT_CACHEABLE
    roots = {selection.name.value for selection in selections}
    if roots & UNCACHEABLE_ROOTS:
        return NOT_CACHEABLE
    kinds = {generations.ENDORSEMENTS if root in ENDORSEMENT_ROOTS else generations.CONTENT for root in roots}
    return Operation(cacheable=True, document=print_ast(document), kinds=tuple(sorted(kinds)))


def cache_key(operation: Operation, operation_name: str | None, variables: dict | None, site: str) -> str:
    identity = {
        "document": operation.document,
        "operation": operation_name,
        "variables": variables or {},
        "site": site,
        "generations": generations.current(operation.kinds),
    }
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True, default=str).encode()).hexdigest()
    return f"graphql:{digest}"


def get(key: str):
    return cache.get(key)


def store(key: str, data) -> None:
    cache.set(key, data, settings.GRAPHQL_RESPONSE_CACHE_SECONDS)
