"""The operation a request runs, as the GraphQL specification's GetOperation chooses it: the one its `operationName`
names, else the document's only operation; anything else is a request error.

strawberry runs a document's first operation when none is named, so a document holding several would run whichever
came first (a mutation, it may be) where the client meant another. The view asks here before the response cache or
the executor sees the request, whatever way it came in (GET, JSON POST, multipart upload, persisted query), and
answers the request error with the status codes of any other (graphql_api.views.respond).
"""

from django.utils.translation import gettext
from graphql import DocumentNode, OperationDefinitionNode

from .limits import parse_options, parsed_document


class UnresolvedOperation(Exception):
    """The request does not say which of its document's operations to run, or names one the document lacks."""

    code = "OPERATION_RESOLUTION_FAILURE"


def check_operation(query: object, operation_name: str | None) -> None:
    """Raises UnresolvedOperation when GetOperation finds no operation to run. A query that is not a string or does
    not parse is left to the executor, which refuses it with its own error."""
    if not isinstance(query, str):
        return
    document = parsed_document(query, parse_options())
    if document is None:
        return
    names = operation_names(document)
    if operation_name is not None and operation_name not in names:
        message = gettext('The document has no operation named "%(name)s".') % {"name": operation_name}
        raise UnresolvedOperation(message)
    if operation_name is None and len(names) > 1:
        raise UnresolvedOperation(
            gettext("The document has several operations: name the one to run in `operationName`.")
        )
    if not names:
        raise UnresolvedOperation(gettext("The document has no operation to run."))


def operation_names(document: DocumentNode) -> list[str | None]:
    """The name of each operation of the document, None for an anonymous one."""
    return [
        node.name.value if node.name else None
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    ]
