"""Diffs of two structures, their findings, and the diff command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import govgraph as gg
from govgraph.cli import main

from .conftest import structure

BEFORE = """
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: board, name: Board, kind: board}
  - {id: group, name: Group, kind: task_group}
  - {id: forum, name: Forum, kind: forum}
relationships:
  - {source: board, kind: accountable_to, target: council}
  - {source: group, kind: reports_to, target: board}
  - {source: forum, kind: links_with, target: board}
  - {source: forum, kind: reports_to, target: council}
"""

AFTER = """
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: board, name: Partnership Board, kind: board}
  - {id: group, name: Group, kind: task_group}
  - {id: panel, name: Panel, kind: scrutiny_body}
relationships:
  - {source: board, kind: accountable_to, target: council}
  - {source: group, kind: reports_to, target: board, status: proposed}
  - {source: panel, kind: scrutinises, target: board}
"""


def test_bodies_relationships_and_fields() -> None:
    d = gg.diff(structure(BEFORE), structure(AFTER))
    assert (d.bodies_added, d.bodies_removed) == (["panel"], ["forum"])
    assert [(c.id, c.fields) for c in d.bodies_changed] == [("board", {"name": ("Board", "Partnership Board")})]
    assert [r.key for r in d.relationships_added] == [("panel", "scrutinises", "board")]
    assert [(r.source, r.kind.value, r.target) for r in d.relationships_removed] == [
        ("forum", "links_with", "board"),
        ("forum", "reports_to", "council"),
    ]
    assert [(c.key, c.fields) for c in d.relationships_changed] == [
        (("group", "reports_to", "board"), {"status": ("active", "proposed")})
    ]


def test_findings_introduced_resolved_persisting() -> None:
    d = gg.diff(structure(BEFORE), structure(AFTER))
    assert [(f.rule, f.bodies) for f in d.introduced] == [("orphaned-group", ["panel"])]
    assert d.resolved == [] and d.fails("error")
    back = gg.diff(structure(AFTER), structure(BEFORE))
    assert [(f.rule, f.bodies) for f in back.resolved] == [("orphaned-group", ["panel"])]
    assert back.introduced == [] and not back.fails("info")


def test_same_finding_is_identified_by_rule_and_body_set() -> None:
    loop = BEFORE + "  - {source: council, kind: reports_to, target: group}\n"
    d = gg.diff(structure(loop), structure(loop.replace("name: Board", "name: Renamed")))
    assert d.introduced == [] and d.resolved == [] and [f.rule for f in d.persisting] == ["hierarchy-cycle"]


def test_links_with_written_the_other_way_is_the_same_link() -> None:
    flipped = BEFORE.replace(
        "{source: forum, kind: links_with, target: board}", "{source: board, kind: links_with, target: forum}"
    )
    d = gg.diff(structure(BEFORE), structure(flipped))
    assert d.relationships_added == [] and d.relationships_removed == []
    assert [c.fields for c in d.relationships_changed] == [{"direction": ("forum - board", "board - forum")}]


def test_cli_json_and_exit_codes(write, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = (
        write("before.yaml", "govgraph: 1\nname: Test\n" + BEFORE),
        write("after.yaml", "govgraph: 1\nname: Test\n" + AFTER),
    )
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["old", "new", "bodies", "relationships", "findings"]
    assert data["bodies"]["added"] == ["panel"] and data["bodies"]["removed"] == ["forum"]
    assert data["bodies"]["changed"] == [
        {"id": "board", "fields": {"name": {"old": "Board", "new": "Partnership Board"}}}
    ]
    assert data["relationships"]["added"] == [{"source": "panel", "kind": "scrutinises", "target": "board"}]
    assert [f["rule"] for f in data["findings"]["introduced"]] == ["orphaned-group"]
    assert main(["diff", str(new), str(old)]) == 0
    out = capsys.readouterr().out
    assert "+ body Forum (forum)" in out and "- body Panel (panel)" in out


def test_cli_diff_invalid_exits_2(write, capsys: pytest.CaptureFixture[str]) -> None:
    old = write("before.yaml", "govgraph: 1\nname: Test\n" + BEFORE)
    bad = write("bad.yaml", "govgraph: 1\nname: Test\nbodies: []\n")
    assert main(["diff", str(old), str(bad)]) == 2
    assert capsys.readouterr().err == f"{bad}:3:9: error: bodies: a structure needs at least one body\n"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_diff_diagram(write, tmp_path: Path) -> None:
    old, new = (
        write("before.yaml", "govgraph: 1\nname: Test\n" + BEFORE),
        write("after.yaml", "govgraph: 1\nname: Test\n" + AFTER),
    )
    out = tmp_path / "diff.svg"
    assert main(["diff", str(old), str(new), "-o", str(out)]) == 1
    svg = out.read_text()
    assert svg.startswith("<?xml") and "#228833" in svg and "#cc3311" in svg.lower()
    source = gg.export.diff_dot(gg.diff(structure(BEFORE), structure(AFTER)))
    assert '"forum"' in source and '"panel"' in source


def test_diff_groups_as_in_the_json() -> None:
    d = gg.diff(structure(BEFORE), structure(AFTER))
    assert d.bodies.added == ["panel"] and d.bodies.removed == ["forum"] and d.bodies.changed[0].id == "board"
    assert [r.key for r in d.relationships.added] == [("panel", "scrutinises", "board")]
    assert [f.rule for f in d.findings.introduced] == ["orphaned-group"] and d.findings.resolved == []
