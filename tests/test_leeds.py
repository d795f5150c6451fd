"""The Leeds example's recommendations (from the tracking paper, "002"): the tracker and findings its
README shows, and the restructure that leaves a recommendation unowned."""

from __future__ import annotations

import json
import re

import pytest

import govgraph as gg
from govgraph.cli import main

from .conftest import ROOT

LEEDS = ROOT / "examples" / "leeds"


def readme_block(after: str) -> str:
    """The first ```text block of the example's README after the line containing ``after``."""
    text = (LEEDS / "README.md").read_text(encoding="utf-8")
    start = text.index("```text\n", text.index(after)) + len("```text\n")
    return text[start : text.index("```", start)]


def run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    status = main(argv)
    return status, capsys.readouterr().out


def test_every_recommendation_of_the_paper_with_its_stage() -> None:
    leeds = gg.load(LEEDS / "leeds.yaml")
    paper = (LEEDS / "leeds.yaml").read_text(encoding="utf-8")
    assert paper  # the stages below are those the tracking paper ("002") gives, recommendation by recommendation
    stages = {r.id: r.latest.stage for r in leeds.recommendations if r.latest is not None}
    assert stages == {"rec-1": "2", "rec-2": "4", "rec-3": "2", "rec-4": "4", "rec-5": "4", "rec-6": "2"}
    assert {stage.id: stage.achieved for stage in leeds.stages} == {"4": False, "2": True}
    for recommendation in leeds.recommendations:
        number = recommendation.id.removeprefix("rec-")
        assert [c.at for c in recommendation.sources] == [f"rec {number}"]
        assert all(
            re.fullmatch(rf"rec {number} ¶[0-9-]+", c.at or "") for u in recommendation.updates for c in u.sources
        )
        assert recommendation.made_by == "scrutiny-cd" and recommendation.owners


def test_check_prints_the_tracker_the_readme_shows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out = run(["check", "examples/leeds/leeds.yaml"], capsys, monkeypatch)
    assert status == 0
    assert out == readme_block("prints the findings and, because")
    assert (
        "    rec-5  4 (not achieved – progress made acceptable)  2008-02-01   open: overdue, stale        hlp\n" in out
    )


def test_what_the_rules_find() -> None:
    report = gg.check(gg.load(LEEDS / "leeds.yaml"))
    found = [(f.rule, f.key, f.bodies) for f in report if f.rule.endswith(("recommendation", "outside-structure"))]
    assert found == [
        ("overdue-recommendation", ("rec-5",), ["hlp"]),
        ("owner-outside-structure", ("rec-4",), ["chdn"]),
        ("owner-outside-structure", ("rec-2",), ["leeds-initiative"]),
        ("stale-recommendation", ("rec-4",), ["chdn", "hlp"]),
        ("stale-recommendation", ("rec-5",), ["hlp"]),
        ("stale-recommendation", ("rec-2",), ["leeds-initiative"]),
    ]


def test_the_restructure_fails_the_diff_with_rec_2_unowned(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["diff", "examples/leeds/leeds.yaml", "examples/leeds/restructure.yaml"]
    status, out = run(argv, capsys, monkeypatch)
    assert status == 1
    assert "$ govgraph " + " ".join(argv) + "\n" + out == readme_block("A restructure that drops")
    status, out = run([*argv, "--format", "json"], capsys, monkeypatch)
    assert status == 1
    data = json.loads(out)
    assert [(f["rule"], f["bodies"], f["severity"]) for f in data["findings"]["introduced"]] == [
        ("unowned-recommendation", ["leeds-initiative"], "error")
    ]
    assert data["recommendations"] == {"added": [], "removed": [], "changed": [], "stages": []}


def test_naming_the_partnership_as_owner_passes() -> None:
    before = gg.load(LEEDS / "leeds.yaml")
    after = gg.load(LEEDS / "restructure.yaml")
    fixed = after.replace(
        recommendations=[
            r.model_copy(update={"owners": ["hlp"]}) if r.id == "rec-2" else r for r in after.recommendations
        ]
    )
    assert not gg.diff(before, fixed).fails()
    assert [c.fields for c in gg.diff(before, fixed).recommendations.changed] == [
        {"owners": (["leeds-initiative"], ["hlp"])}
    ]
