"""Whole query answers (the response body, ready to send), cached in Django's cache (Redis in production) and
keyed by what determines them. A hit is answered before the GraphQL executor is even involved.

The key holds the normalised document (whitespace and comments do not matter), the operation name, the values of
the variables the operation declares (where the locale is; any other variable a client adds changes nothing, so
it cannot be used to miss the cache), the site (host) and the current generation of each kind of data the
operation reads (campaign.publishing.generations): a change to that data makes every earlier entry unreachable at once.
Mutations, preview and answers with errors are never cached.

Bounded: the bytes stored are held within GRAPHQL_RESPONSE_CACHE_MAX_BYTES (graphql_api.cache_budget), and the
analysis of documents is memoised within a fixed number of bytes. When the cache is unreachable (Redis down),
queries are answered from the database as if nothing were cached.
"""

import hashlib
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from graphql import (
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    Visitor,
    parse,
    print_ast,
    visit,
)

from campaign.publishing import generations

from .cache_budget import CACHE_ERRORS, ByteBudget

logger = logging.getLogger(__name__)

# Root fields whose answers depend on endorsements only; every other root field reads published content.
ENDORSEMENT_ROOTS = {"endorsements", "endorsementStats"}
# Root fields never cached: a draft seen through a preview token belongs to whoever holds the token.
UNCACHEABLE_ROOTS = {"preview"}


@dataclass(frozen=True)
class Operation:
    cacheable: bool
    document: str = ""
    kinds: tuple[str, ...] = ()
    # The variables each operation declares and uses, by operation name (None: the document's only operation).
    variables: dict = field(default_factory=dict)

    def key_variables(self, operation_name: str | None, variables: dict | None) -> dict:
        names = self.variables.get(operation_name, frozenset())
        return {name: value for name, value in (variables or {}).items() if name in names}


NOT_CACHEABLE = Operation(cacheable=False)


class UsedVariables(Visitor):
    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def enter_variable(self, node: VariableNode, *args) -> None:
        self.names.add(node.name.value)


def declared_and_used(operations: list[OperationDefinitionNode], document) -> dict:
    """Variables used anywhere in the document (its fragments included) and declared by each operation; a
    declared variable left unused is a validation error, so the answer is never cached anyway."""
    collector = UsedVariables()
    visit(document, collector)
    by_name = {}
    for operation in operations:
        declared = {definition.variable.name.value for definition in operation.variable_definitions or ()}
        by_name[operation.name.value if operation.name else None] = frozenset(declared & collector.names)
    if len(operations) == 1:
        by_name[None] = next(iter(by_name.values()))
    return by_name


def analysed(query: str) -> Operation:
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
    return Operation(
        cacheable=True,
        document=print_ast(document),
        kinds=tuple(sorted(kinds)),
        variables=declared_and_used(operations, document),
    )


class BoundedMemo:
    """A least-recently-used memo holding at most `max_bytes` of keys (the documents clients send)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.entries: OrderedDict[str, Operation] = OrderedDict()
        self.size = 0

    def get(self, query: str) -> Operation:
        if query in self.entries:
            self.entries.move_to_end(query)
            return self.entries[query]
        operation = analysed(query)
        cost = len(query) + len(operation.document)
        if cost <= self.max_bytes // 8:
            self.entries[query] = operation
            self.size += cost
            while self.size > self.max_bytes:
                evicted, old = self.entries.popitem(last=False)
                self.size -= len(evicted) + len(old.document)
        return operation


documents = BoundedMemo(max_bytes=1024 * 1024)


def analyse(query: str) -> Operation:
    return documents.get(query)


def cache_key(operation: Operation, operation_name: str | None, variables: dict | None, site: str) -> str:
    identity = {
        "document": operation.document,
        "operation": operation_name,
        "variables": operation.key_variables(operation_name, variables),
        "site": site,
        "generations": generations.current(operation.kinds),
    }
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True, default=str).encode()).hexdigest()
    return f"graphql:{digest}"


def budget() -> ByteBudget:
    return ByteBudget("responses", settings.GRAPHQL_RESPONSE_CACHE_SECONDS, settings.GRAPHQL_RESPONSE_CACHE_MAX_BYTES)


def get(key: str):
    try:
        return cache.get(key)
    except CACHE_ERRORS:
        logger.warning("Response cache unreachable; answering without it.", exc_info=True)
        return None


def store(key: str, data: bytes) -> None:
    try:
        if budget().admit(len(data) + len(key)):
            cache.set(key, data, settings.GRAPHQL_RESPONSE_CACHE_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Response cache unreachable; the answer is not cached.", exc_info=True)
