"""The fields a query selects under the field being resolved: for a resolver that works out several fields in one
statement (the story facets) and should work out only those the query asks for."""

import strawberry
from strawberry.types.nodes import SelectedField


def selected_names(info: strawberry.Info, *path: str) -> set[str]:
    """GraphQL names of the fields selected directly under the current field, or under the fields `path` names
    below it (under every field of that name, however aliased), through named and inline fragments.

    A field under @skip or @include counts as selected, whatever the condition: working out a field the answer will
    not hold costs a little, leaving out one it holds would answer wrong."""
    fields = list(info.selected_fields)
    for name in path:
        fields = [selection for field in fields for selection in selected_fields(field) if selection.name == name]
    return {selection.name for field in fields for selection in selected_fields(field)}


def selected_fields(field: SelectedField) -> list[SelectedField]:
    """The fields selected directly under `field`, fragments opened."""
    found: list[SelectedField] = []
    pending = list(field.selections)
    while pending:
        selection = pending.pop()
        if isinstance(selection, SelectedField):
            found.append(selection)
        else:
            pending.extend(selection.selections)
    return found
