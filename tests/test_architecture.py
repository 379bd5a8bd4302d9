"""The direction of imports (docs/architecture.md): campaign/ is the domain and never imports the API; no module
imports itself back through others, at module level or inside a function."""

import grimp
import pytest

PACKAGES = ("campaign", "graphql_api", "cms")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)


def cycles(graph) -> list[list[str]]:
    found = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                found.append([module, *chain])
    return found


def test_no_import_cycle(graph):
    assert cycles(graph) == []


def test_the_cycle_check_sees_a_cycle(graph):
    graph.add_import(importer="campaign.text.dates", imported="campaign.models")
    try:
        assert any(cycle[0] == "campaign.text.dates" for cycle in cycles(graph))
    finally:
        graph.remove_import(importer="campaign.text.dates", imported="campaign.models")


def test_the_domain_does_not_import_the_api(graph):
    assert graph.find_illegal_dependencies_for_layers(layers=("cms", "graphql_api", "campaign")) == set()
