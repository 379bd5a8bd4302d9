"""What a query will cost, known before anything runs, in time linear in the document's size.

A GraphQL document is small but can ask for a lot: a list inside a list multiplies the work, and a fragment spread
twice in a fragment spread twice doubles it at each level (a 1 KB document can expand to millions of fields).
So every document is measured once, before validation and execution, and refused when one measure is over its
limit (graphql_api.limits):
- **depth**, **aliases** and **fields**: the size of the document once every fragment is expanded;
- **cost**: the work it asks for. Each object a field returns costs 1 (or its `@cost` weight), and everything
  inside a list counts as many times as the list may hold items: its `limit` argument, clamped to the public
  maximum, or the size its `@listSize` declares. Anchors: GitHub's node limit, Shopify's calculated query cost,
  and IBM's GraphQL cost directives, whose `@cost` and `@listSize` the schema prints.

Linear time: a fragment is measured once per list size it is spread under (memoised), whatever the number of
spreads, so measuring never expands the document. Every limit is checked on these measures, not by walking the
expansion. Unknown fields and types measure nothing: validation then reports them.
"""

from dataclasses import dataclass, field

import strawberry
from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_composite_type,
)
from strawberry import UNSET
from strawberry.schema_directive import Location


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    description="How many items a list field may hold, for the query cost (IBM's GraphQL cost directives): "
    "`assumedSize` items, or the value of one of its `slicingArguments` (clamped to 100); `sizedFields` are the "
    "child lists whose size that argument sets.",
)
class ListSize:
    assumed_size: int | None = UNSET
    slicing_arguments: list[str] | None = UNSET
    sized_fields: list[str] | None = UNSET


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    description="The query cost of one value of this field (default: 1 for an object, 0 for a scalar); with "
    "`perItemOf`, that cost once per item of the named list argument.",
)
class Cost:
    weight: int
    per_item_of: str | None = UNSET


@dataclass(frozen=True)
class Measure:
    """A selection set's measures; `cost` counts list multiplication, the others the expanded document."""

    cost: int = 0
    depth: int = 0
    fields: int = 0
    aliases: int = 0

    def __add__(self, other: "Measure") -> "Measure":
        return Measure(
            cost=self.cost + other.cost,
            depth=max(self.depth, other.depth),
            fields=self.fields + other.fields,
            aliases=self.aliases + other.aliases,
        )


NOTHING = Measure()


def directive_of(definition: GraphQLField, kind: type):
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    for directive in getattr(strawberry_field, "directives", None) or ():
        if isinstance(directive, kind):
            return directive
    return None


def is_list(definition: GraphQLField) -> bool:
    output = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
    return isinstance(output, GraphQLList)


@dataclass
class Measurer:
    """Measures the selections of one document under one set of variable values and the defaults of one
    operation's variables (none: a variable not sent then counts as absent, so its argument's default applies)."""

    schema: GraphQLSchema
    document: DocumentNode
    variables: dict
    operation_node: OperationDefinitionNode | None = None
    fragments: dict[str, FragmentDefinitionNode] = field(init=False)
    variable_defaults: dict = field(init=False)
    memo: dict[tuple[str, tuple], Measure] = field(default_factory=dict)
    in_progress: set[tuple[str, tuple]] = field(default_factory=set)

    def __post_init__(self):
        self.fragments = {
            node.name.value: node for node in self.document.definitions if isinstance(node, FragmentDefinitionNode)
        }
        definitions = self.operation_node.variable_definitions if self.operation_node else ()
        self.variable_defaults = {
            variable.variable.name.value: variable.default_value
            for variable in definitions or ()
            if variable.default_value is not None
        }

    def operation(self, node: OperationDefinitionNode) -> Measure:
        root = self.schema.get_root_type(node.operation)
        return self.selections(node.selection_set, root, ()) if root else NOTHING

    def fragment(self, name: str, sizes: tuple) -> Measure:
        """A named fragment's measure, once per list sizes it is spread under; a cycle measures nothing (the
        NoFragmentCycles rule reports it)."""
        key = (name, sizes)
        if key in self.memo:
            return self.memo[key]
        definition = self.fragments.get(name)
        if definition is None or key in self.in_progress:
            return NOTHING
        self.in_progress.add(key)
        parent = self.schema.get_type(definition.type_condition.name.value)
        measure = self.selections(definition.selection_set, parent, sizes)
        self.in_progress.discard(key)
        self.memo[key] = measure
        return measure

    def selections(self, selection_set: SelectionSetNode | None, parent, sizes: tuple) -> Measure:
        """`sizes` holds (child field name, size) pairs a parent's slicing argument set for its sized fields."""
        total = NOTHING
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, sizes)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, sizes)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(selection.selection_set, inner, sizes)
        return total

    def field(self, node: FieldNode, parent, sizes: tuple) -> Measure:
        """An unknown field (or one of an unknown type) costs nothing, but what it selects is still counted: the
        validation rules read it before reporting it."""
        own = Measure(fields=1, depth=1, aliases=1 if node.alias else 0)
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None:
            inner = self.selections(node.selection_set, None, ())
            return Measure(depth=1 + inner.depth, fields=1 + inner.fields, aliases=own.aliases + inner.aliases)
        list_size = directive_of(definition, ListSize)
        child_sizes = self.child_sizes(node, definition, list_size)
        named = get_named_type(definition.type)
        inner = self.selections(node.selection_set, named, child_sizes)
        items = self.items(node, definition, list_size, dict(sizes)) if is_list(definition) else 1
        cost = items * (self.weight(node, definition, named) + inner.cost)
        return Measure(cost=cost, depth=1 + inner.depth, fields=1 + inner.fields, aliases=own.aliases + inner.aliases)

    def child_sizes(self, node: FieldNode, definition: GraphQLField, list_size: ListSize | None) -> tuple:
        if list_size is None or not list_size.sized_fields:
            return ()
        size = self.slice(node, definition, list_size)
        return tuple((name, size) for name in list_size.sized_fields) if size is not None else ()

    def items(self, node: FieldNode, definition: GraphQLField, list_size: ListSize | None, sizes: dict) -> int:
        """How many items a list may hold: its slicing argument, the size its parent set, or its assumed size."""
        if list_size is not None and not list_size.sized_fields and (size := self.slice(node, definition, list_size)):
            return size
        if node.name.value in sizes:
            return sizes[node.name.value]
        if list_size is not None and isinstance(list_size.assumed_size, int):
            return list_size.assumed_size
        return settings.GRAPHQL_MAX_LIST_LIMIT

    def slice(self, node: FieldNode, definition: GraphQLField, list_size: ListSize) -> int | None:
        for name in list_size.slicing_arguments or ():
            value = self.argument(node, definition, name)
            if isinstance(value, int) and not isinstance(value, bool):
                return max(0, min(value, settings.GRAPHQL_MAX_LIST_LIMIT))
        return settings.GRAPHQL_MAX_LIST_LIMIT if list_size.slicing_arguments else None

    def weight(self, node: FieldNode, definition: GraphQLField, named) -> int:
        cost = directive_of(definition, Cost)
        if cost is None:
            return 1 if is_composite_type(named) else 0
        if not cost.per_item_of:
            return cost.weight
        value = self.argument(node, definition, cost.per_item_of)
        count = len(value) if isinstance(value, list) else 1
        return cost.weight * min(count, settings.GRAPHQL_MAX_LIST_LIMIT)

    def argument(self, node: FieldNode, definition: GraphQLField, name: str):
        """An argument's value as sent (a literal, a variable or its default), else the argument's default; None
        when unknown."""
        for argument in node.arguments or ():
            if argument.name.value == name and (value := self.value(argument.value)) is not None:
                return value
        schema_argument = definition.args.get(name)
        return schema_argument.default_value if schema_argument is not None else None

    def value(self, node):
        if isinstance(node, VariableNode):
            name = node.name.value
            if self.variables.get(name) is not None:
                return self.variables[name]
            default = self.variable_defaults.get(name)
            return self.value(default) if default is not None and not isinstance(default, VariableNode) else None
        if isinstance(node, IntValueNode):
            return int(node.value) if len(node.value) < 20 else settings.GRAPHQL_MAX_LIST_LIMIT
        if isinstance(node, ListValueNode):
            return list(node.values)
        return None


def executed_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode | None:
    """The operation that would run: the one named, or the document's only one."""
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    if operation_name is None:
        return operations[0] if len(operations) == 1 else None
    return next((node for node in operations if node.name and node.name.value == operation_name), None)


def measure(
    schema: GraphQLSchema, document: DocumentNode, variables: dict | None, operation_name: str | None = None
) -> Measure:
    """The largest measure of any operation or fragment of the document: validation reads all of them. The
    operation that runs is measured with its own variables' defaults (another operation's cannot stand in for
    them); the rest, and every fragment on its own, without defaults. Two passes at most: still linear."""
    variables = variables if isinstance(variables, dict) else {}
    executed = executed_operation(document, operation_name)
    plain = Measurer(schema, document, variables)
    measures = [NOTHING]
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and definition is not executed:
            measures.append(plain.operation(definition))
        elif isinstance(definition, FragmentDefinitionNode):
            measures.append(plain.fragment(definition.name.value, ()))
    if executed is not None:
        measures.append(Measurer(schema, document, variables, executed).operation(executed))
    return Measure(
        cost=max(item.cost for item in measures),
        depth=max(item.depth for item in measures),
        fields=max(item.fields for item in measures),
        aliases=max(item.aliases for item in measures),
    )


def sized(assumed: int) -> list:
    """The directives of a list field that holds at most (or, for content, typically no more than) `assumed`
    items."""
    return [ListSize(assumed_size=assumed)]


def sliced(argument: str, *sized_fields: str) -> list:
    """The directives of a field whose `argument` sets how many items its `sized_fields` lists hold."""
    return [ListSize(slicing_arguments=[argument], sized_fields=list(sized_fields))]
