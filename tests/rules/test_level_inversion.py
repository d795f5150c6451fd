from tests.conftest import findings

LEVELS = """
levels: [{id: county, name: County}, {id: local, name: Local}]
bodies:
  - {id: spg, name: SPG, kind: strategic_planning_group, level: county}
  - {id: lpg, name: LPG, kind: local_planning_group, level: local}
  - {id: free, name: Free, kind: forum}
relationships:
  - {source: lpg, kind: reports_to, target: spg}
"""


def test_upward_edge_to_a_higher_level_is_clean() -> None:
    assert findings(LEVELS, "level-inversion") == []


def test_upward_edge_to_a_lower_level_is_one_finding_per_edge() -> None:
    text = (
        LEVELS
        + "  - {source: spg, kind: reports_to, target: lpg}\n  - {source: spg, kind: sub_group_of, target: lpg}\n"
    )
    assert findings(text, "level-inversion") == [
        ("level-inversion", ["spg", "lpg"]),
        ("level-inversion", ["spg", "lpg"]),
    ]


def test_silent_where_an_end_has_no_level() -> None:
    text = (
        LEVELS
        + "  - {source: spg, kind: reports_to, target: free}\n  - {source: free, kind: reports_to, target: lpg}\n"
    )
    assert findings(text, "level-inversion") == []


def test_same_level_and_lateral_edges_are_clean() -> None:
    text = LEVELS.replace("level: local", "level: county") + "  - {source: spg, kind: coordinates, target: lpg}\n"
    assert findings(text, "level-inversion") == []
