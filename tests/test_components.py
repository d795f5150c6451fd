"""The shared graph algorithms of the checks agree with networkx on any graph."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from govgraph.checks.context import concrete_cycle, strongly_connected


@st.composite
def digraphs(draw: st.DrawFn) -> list[list[int]]:
    count = draw(st.integers(1, 12))
    node = st.integers(0, count - 1)
    edges = draw(st.lists(st.tuples(node, node), max_size=30))
    adjacency: list[list[int]] = [[] for _ in range(count)]
    for source, target in edges:
        adjacency[source].append(target)
    return adjacency


@given(digraphs())
def test_components_match_networkx_and_come_after_what_they_reach(adjacency: list[list[int]]) -> None:
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(adjacency)))
    graph.add_edges_from((s, t) for s, targets in enumerate(adjacency) for t in targets)
    component, components = strongly_connected(adjacency)
    assert sorted(map(sorted, nx.strongly_connected_components(graph))) == sorted(components)
    assert all(members == sorted(members) for members in components)
    assert all(component[node] == number for number, members in enumerate(components) for node in members)
    for source, targets in enumerate(adjacency):
        for target in targets:
            assert component[target] <= component[source]  # what a component reaches comes first


@given(digraphs())
def test_a_concrete_cycle_is_a_real_cycle_of_its_component(adjacency: list[list[int]]) -> None:
    _, components = strongly_connected(adjacency)
    for members in components:
        if len(members) > 1:
            cycle = concrete_cycle(adjacency, members)
            assert cycle[0] == cycle[-1] == members[0]
            assert all(b in adjacency[a] for a, b in itertools.pairwise(cycle))
            assert set(cycle) <= set(members)
