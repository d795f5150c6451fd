"""The networkx graph and the analyst's first questions."""

from __future__ import annotations

import networkx as nx
import pytest

import govgraph as gg

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
