import govgraph as gg
from tests.conftest import findings, structure

TWO = """
areas: [{id: exeter, name: Exeter}]
service_areas: [{id: mh, name: Mental health}, {id: ld, name: Learning disability}]
bodies:
  - {id: b, name: B, kind: local_planning_group, areas: [exeter], service_areas: [mh, ld]}
  - {id: a, name: A, kind: local_planning_group, areas: [exeter], service_areas: [mh, ld], status: proposed}
  - {id: c, name: C, kind: forum, areas: [exeter], service_areas: [mh]}
"""


def test_group_sharing_cells_is_one_finding_naming_the_cells() -> None:
    [found] = gg.check(structure(TWO)).by_rule("duplicate-remit")
    assert found.bodies == ["a", "b"]
    assert found.message == "2 bodies share the same remit (exeter/ld, exeter/mh): A (a), B (b)"


def test_distinct_cells_are_clean_and_dissolved_bodies_ignored() -> None:
    assert findings(TWO.replace("status: proposed", "status: dissolved"), "duplicate-remit") == []
    assert (
        findings(TWO.replace("service_areas: [mh, ld], status", "service_areas: [], status"), "duplicate-remit") == []
    )


def test_kinds_option() -> None:
    text = TWO.replace(
        "kind: local_planning_group, areas: [exeter], service_areas: [mh, ld], status",
        "kind: forum, areas: [exeter], service_areas: [mh], status",
    )
    assert findings(text, "duplicate-remit", duplicate_remit={"kinds": ["forum"]}) == [("duplicate-remit", ["a", "c"])]
