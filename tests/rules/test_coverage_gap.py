import govgraph as gg
from tests.conftest import findings, structure

GRID = """
areas: [{id: devon, name: Devon}, {id: exeter, name: Exeter, within: devon}, {id: mid, name: Mid Devon, within: devon}]
service_areas: [{id: mh, name: Mental health}, {id: ld, name: Learning disability}]
bodies:
  - {id: lpg-exeter-mh, name: A, kind: local_planning_group, areas: [exeter], service_areas: [mh]}
  - {id: lpg-exeter-ld, name: B, kind: local_planning_group, areas: [exeter], service_areas: [ld]}
  - {id: lpg-mid, name: C, kind: local_planning_group, areas: [mid], service_areas: [mh, ld], status: proposed}
"""


def test_full_grid_is_clean_proposed_bodies_count() -> None:
    assert findings(GRID, "coverage-gap") == []


def test_each_missing_cell_is_one_finding_without_bodies() -> None:
    text = GRID.replace("status: proposed", "status: dissolved")
    report = gg.check(structure(text))
    assert [(f.bodies, f.message) for f in report.by_rule("coverage-gap")] == [
        ([], "no local_planning_group covers Learning disability (ld) in Mid Devon (mid)"),
        ([], "no local_planning_group covers Mental health (mh) in Mid Devon (mid)"),
    ]
    assert [f.key for f in report.by_rule("coverage-gap")] == [("mid", "ld"), ("mid", "mh")]


def test_kind_option_and_severity() -> None:
    text = GRID + "checks:\n  coverage-gap: {severity: error, kind: forum}\n"
    report = gg.check(structure(text))
    assert len(report.by_rule("coverage-gap")) == 4 and not report.ok


def test_silent_without_localities_or_service_areas() -> None:
    assert findings(GRID.replace(", within: devon", ""), "coverage-gap") == []
    text = GRID.replace("service_areas: [{id: mh, name: Mental health}, {id: ld, name: Learning disability}]\n", "")
    text = (
        text.replace(", service_areas: [mh]", "")
        .replace(", service_areas: [ld]", "")
        .replace(", service_areas: [mh, ld]", "")
    )
    assert findings(text, "coverage-gap") == []
