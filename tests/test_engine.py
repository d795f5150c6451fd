"""The rule engine: settings in layers, waivers, user rules, the report."""

from __future__ import annotations

import json

import pytest

import govgraph as gg
from govgraph import registry
from govgraph.checks import Hit

from .conftest import structure

LOOP = """
bodies:
  - {id: a, name: A, kind: board}
  - {id: b, name: B, kind: board}
  - {id: lone, name: Lone, kind: forum}
relationships:
  - {source: a, kind: reports_to, target: b}
  - {source: b, kind: reports_to, target: a}
"""


def rules_of(report: gg.Report) -> list[tuple[str, str, list[str]]]:
    return [(f.rule, f.severity.value, f.bodies) for f in report]


def test_findings_are_ordered_worst_first_then_by_rule_and_bodies() -> None:
    assert rules_of(gg.check(structure(LOOP))) == [
        ("orphaned-group", "error", ["a"]),
        ("orphaned-group", "error", ["b"]),
        ("orphaned-group", "error", ["lone"]),
        ("hierarchy-cycle", "warning", ["a", "b"]),
    ]


def test_report_api() -> None:
    report = gg.check(structure(LOOP))
    assert not report.ok and len(report) == 4 and len(report.errors) == 3 and len(report.warnings) == 1
    assert report.infos == [] and report.waived == []
    assert report.summary == {"error": 3, "warning": 1, "info": 0, "waived": 0}
    assert repr(report) == "<Report on 'Test': 3 errors, 1 warning, 0 info, 0 waived>"
    assert list(report.by_rule()) == ["orphaned-group", "hierarchy-cycle"]
    assert report.fails("error") and report.fails("warning")


def test_file_settings_keyword_settings_and_off() -> None:
    text = LOOP + "checks:\n  hierarchy-cycle: error\n  orphaned-group: off\n"
    assert rules_of(gg.check(structure(text))) == [("hierarchy-cycle", "error", ["a", "b"])]
    assert rules_of(gg.check(structure(text), hierarchy_cycle="info")) == [("hierarchy-cycle", "info", ["a", "b"])]
    assert rules_of(gg.check(structure(text), orphaned_group=True)) == [
        ("hierarchy-cycle", "error", ["a", "b"]),
        ("orphaned-group", "error", ["a"]),
        ("orphaned-group", "error", ["b"]),
        ("orphaned-group", "error", ["lone"]),
    ]


def test_bare_yaml_off_reads_as_false_and_means_off() -> None:
    text = LOOP + "checks:\n  orphaned-group: off\n  hierarchy-cycle: {severity: off}\n"
    assert gg.check(structure(text)).findings == []


def test_config_layer_sits_between_file_and_keywords() -> None:
    text = LOOP + "checks:\n  hierarchy-cycle: error\n"
    report = gg.check(structure(text), config={"hierarchy-cycle": "info", "orphaned-group": "off"})
    assert rules_of(report) == [("hierarchy-cycle", "info", ["a", "b"])]


def test_unknown_rule_or_option_in_keywords_is_an_error_with_a_hint() -> None:
    with pytest.raises(gg.StructureError, match=r"unknown rule 'orphaned-grup' \(did you mean 'orphaned-group'\?\)"):
        gg.check(structure(LOOP), orphaned_grup="off")
    with pytest.raises(gg.StructureError, match=r"unknown option 'maximum' for rule 'excess-depth'"):
        gg.check(structure(LOOP), excess_depth={"maximum": 2})


def test_waived_findings_are_reported_with_reason_and_do_not_count() -> None:
    text = LOOP + "waivers:\n  - {rule: orphaned-group, bodies: [a, b, lone], reason: under review}\n"
    report = gg.check(structure(text))
    assert [(f.rule, f.waived, f.reason) for f in report.by_rule("orphaned-group")] == [
        ("orphaned-group", True, "under review")
    ] * 3
    assert report.ok and report.summary == {"error": 0, "warning": 1, "info": 0, "waived": 3}


def test_waiver_for_another_rule_does_not_match() -> None:
    text = LOOP + "waivers:\n  - {rule: hierarchy-cycle, bodies: [lone], reason: x}\n"
    assert not any(f.waived for f in gg.check(structure(text)))


def test_user_rule_registered_in_python() -> None:
    @gg.rule("no-forums", severity="warning")
    def no_forums(context, options):  # type: ignore[no-untyped-def]
        """``no-forums``: forums are discouraged."""
        for body in context.bodies:
            if body.kind is gg.BodyKind.FORUM:
                yield Hit((body.id,), f"{body.name} is a forum")

    try:
        report = gg.check(structure(LOOP))
        assert [f.bodies for f in report.by_rule("no-forums")] == [["lone"]]
        text = LOOP + "checks:\n  no-forums: off\n"
        assert gg.check(structure(text)).by_rule("no-forums") == []
        with pytest.raises(ValueError, match="already registered"):
            gg.rule("no-forums", severity="info")(no_forums)
    finally:
        registry.unregister("no-forums")


def test_the_column_rule_in_the_docs_runs_as_written() -> None:
    from .conftest import ROOT

    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    [block] = [b.split("```", 1)[0] for b in text.split("```python\n") if "commissioner-scrutinised" in b]
    exec(block, {})
    try:
        s = structure(
            """\
            bodies:
              - {id: council, name: Council, kind: statutory_body, sovereign: true}
              - {id: board, name: Board, kind: board}
              - {id: panel, name: Panel, kind: scrutiny_body}
            relationships:
              - {source: board, kind: accountable_to, target: council}
              - {source: panel, kind: reports_to, target: council}
              - {source: board, kind: commissions, target: panel}
              - {source: council, kind: commissions, target: board}
              - {source: panel, kind: scrutinises, target: council}
            """
        )
        [finding] = gg.check(s).by_rule("commissioner-scrutinised")
        assert (finding.bodies, finding.message) == (["board"], "Board (board) commissions but nobody scrutinises it")
    finally:
        registry.unregister("commissioner-scrutinised")


def test_json_shape_matches_the_spec() -> None:
    data = json.loads(gg.check(structure(LOOP)).to_json("f.yaml"))
    [entry] = data["files"]
    assert list(entry) == ["file", "structure", "findings", "summary"]
    assert entry["findings"][3] == {
        "rule": "hierarchy-cycle",
        "severity": "warning",
        "message": entry["findings"][3]["message"],
        "bodies": ["a", "b"],
        "path": ["a", "b", "a"],
        "waived": False,
    }


def test_html_table_for_notebooks_escapes_text() -> None:
    text = LOOP.replace("name: Lone", "name: '<script>x</script>'")
    html = gg.check(structure(text))._repr_html_()
    assert "<table>" in html and "<script>" not in html and "&lt;script&gt;" in html


def test_waived_findings_carry_their_reason_in_json() -> None:
    text = LOOP + "waivers:\n  - {rule: hierarchy-cycle, bodies: [a, b], reason: Known loop}\n"
    [entry] = json.loads(gg.check(structure(text)).to_json())["files"]
    waived = [f for f in entry["findings"] if f["waived"]]
    assert [(f["rule"], f["reason"]) for f in waived] == [("hierarchy-cycle", "Known loop")]
    assert all("reason" not in f for f in entry["findings"] if not f["waived"])
