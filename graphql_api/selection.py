"""The fields a query selects under the field being resolved: for a resolver that works out several fields in one
statement (the story facets) and should work out only those the query asks for."""

import strawberry
from strawberry.types.nodes import SelectedField


def selected_names(info: strawberry.Info) -> set[str]:
    """GraphQL names of the fields selected directly under the current field, through named and inline fragments.

    A field under @skip or @include counts as selected, whatever the condition: working out a field the answer will
    not hold costs a little, leaving out one it holds would answer wrong."""
    names: set[str] = set()
    pending = [selection for field in info.selected_fields for selection in field.selections]
    while pending:
        selection = pending.pop()
        if isinstance(selection, SelectedField):
            names.add(selection.name)
        else:
            pending.extend(selection.selections)
    return names
