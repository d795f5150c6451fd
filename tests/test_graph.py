"""The networkx graph and the analyst's first questions."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govgraph as gg
import govgraph.graph

from .conftest import DEVON, structure

S = """
levels: [{id: top, name: Top}, {id: low, name: Low}]
areas: [{id: county, name: County}]
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true, level: top}
  - {id: board, name: Board, kind: board, level: top, areas: [county]}
  - {id: group, name: Group, kind: task_group, level: low, members: [{body: board, sector: statutory}]}
  - {id: other, name: Other, kind: task_group, level: low}
  - {id: forum, name: Forum, kind: forum}
  - {id: gone, name: Gone, kind: board, status: dissolved}
relationships:
  - {source: board, kind: accountable_to, target: council}
  - {source: group, kind: sub_group_of, target: board}
  - {source: group, kind: reports_to, target: board}
  - {source: other, kind: reports_to, target: council}
  - {source: group, kind: reports_to, target: other}
  - {source: forum, kind: links_with, target: group}
  - {source: gone, kind: reports_to, target: council}
"""


def test_to_networkx_nodes_edges_and_keys() -> None:
    G = structure(S).to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(G.nodes) == ["board", "council", "forum", "gone", "group", "other"]
    assert G.nodes["council"]["sovereign"] is True and G.nodes["group"]["level"] == "low"
    assert sorted(G["group"]["board"]) == ["reports_to", "sub_group_of"]
    assert G.edges["group", "board", "reports_to"]["status"] == "active"
    assert G.graph["name"] == "Test"


def test_roots_and_routes_up() -> None:
    s = structure(S)
    assert s.roots() == ["council"]
    assert s.routes_up("group") == [["group", "board", "council"], ["group", "other", "council"]]
    assert s.routes_up("council") == [["council"]]
    assert s.routes_up("forum") == []
    assert s.roots_of("group") == ["council"]


def test_below_ignores_dissolved() -> None:
    assert structure(S).below("council") == ["board", "group", "other"]
    assert structure(S).below("forum") == []


def test_between() -> None:
    assert [r.kind.value for r in structure(S).between("board", "group")] == ["sub_group_of", "reports_to"]


def test_subset_filters_and_stays_valid() -> None:
    s = structure(S)
    low = s.subset(levels=["low"])
    assert [b.id for b in low.bodies] == ["group", "other"]
    assert [r.key for r in low.relationships] == [("group", "reports_to", "other")]
    assert low.body("group").members == [gg.Member(name="Board", sector="statutory")]
    assert [b.id for b in s.subset(areas=["county"]).bodies] == ["board"]
    assert [b.id for b in s.subset(kinds=["task_group"], levels=["low"]).bodies] == ["group", "other"]
    assert gg.loads(low.dumps()) == low
    with pytest.raises(ValueError, match="no body passes"):
        s.subset(kinds=["network"])


def test_unknown_body_is_a_clear_key_error() -> None:
    with pytest.raises(gg.UnknownBodyError, match=r"no body 'grop' in structure 'Test' \(did you mean 'group'\?\)"):
        structure(S).below("grop")


def test_devon_routes() -> None:
    devon = gg.load(DEVON)
    # The employing authorities are sovereign (SPEC §1): only the Executive Management Groups reach them.
    assert devon.routes_up("emg-mh") == [["emg-mh", "devon-cc"], ["emg-mh", "devon-pcts"], ["emg-mh", "dpt"]]
    assert devon.routes_up("lpg-exeter-mh") == [] and devon.roots_of("torbay-lig") == []


def _chain(n: int) -> gg.Structure:
    bodies = [gg.Body(id=f"b{i}", name=f"B{i}", kind="sub_group") for i in range(n)]
    bodies.append(gg.Body(id="top", name="Top", kind="statutory_body", sovereign=True))
    links = [gg.Relationship(source=f"b{i}", kind="sub_group_of", target=f"b{i + 1}") for i in range(n - 1)]
    links.append(gg.Relationship(source=f"b{n - 1}", kind="sub_group_of", target="top"))
    return gg.Structure(name="Chain", bodies=bodies, relationships=links)


def test_routes_up_a_long_chain_is_the_whole_chain() -> None:
    # 394 s at 200,000 bodies when the route was searched as a list; benchmarks/bench_queries.py times it.
    n = 30_000
    assert _chain(n).routes_up("b0") == [[*(f"b{i}" for i in range(n)), "top"]]


def test_routes_up_stops_at_limit_and_skips_bodies_that_lead_nowhere() -> None:
    text = "bodies:\n  - {id: top, name: Top, kind: statutory_body, sovereign: true}\nrelationships:\n"
    bodies, links, above = [], [], ["top"]
    for layer in range(12):  # 2^12 routes up from the bottom
        here = [f"l{layer}a", f"l{layer}b"]
        bodies += [f"  - {{id: {b}, name: {b}, kind: board}}" for b in [*here, f"a{layer}"]]
        links += [f"  - {{source: {h}, kind: reports_to, target: {a}}}" for h in here for a in above]
        links += [f"  - {{source: {h}, kind: reports_to, target: a{layer}}}" for h in here]  # a dead end
        above = here
    s = structure(text.replace("relationships:\n", "\n".join(bodies) + "\nrelationships:\n") + "\n".join(links))
    routes = s.routes_up("l11a", limit=100)
    assert len(routes) == 100
    assert all(
        len(route) == 13 and route[-1] == "top" and not any(b.startswith("a") for b in route) for route in routes
    )
    assert routes == sorted(routes, key=lambda route: (len(route), route))


@given(
    edges=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20),
    sovereign=st.sets(st.integers(0, 7), max_size=2),
    start=st.integers(0, 7),
)
def test_routes_up_are_the_simple_paths_to_the_first_root_reached(
    edges: list[tuple[int, int]], sovereign: set[int], start: int
) -> None:
    bodies = [gg.Body(id=f"b{i}", name=f"B{i}", kind="board", sovereign=i in sovereign) for i in range(8)]
    links = [
        gg.Relationship(source=f"b{a}", kind="reports_to", target=f"b{b}") for a, b in sorted(set(edges)) if a != b
    ]
    s = gg.Structure(name="S", bodies=bodies, relationships=links)
    up = gg.graph.upward_graph(s)
    ends = set(s.roots())
    expected = (
        [[f"b{start}"]]
        if f"b{start}" in ends
        else [path for path in nx.all_simple_paths(up, f"b{start}", ends) if not ends & set(path[:-1])]
    )
    assert s.routes_up(f"b{start}", limit=10**6) == sorted(expected, key=lambda route: (len(route), route))
