"""Filters that keep no body: a clear error naming them, exit 2, no file written."""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph as gg
from govgraph.cli import main

from .conftest import DEVON

KINDS_USED = (
    "board, committee, executive_group, forum, local_planning_group, other, partnership, statutory_body, "
    "strategic_planning_group"
)
AREAS_USED = "devon, east-devon, exeter, mid-devon, north-devon, south-hams-west-devon, teignbridge, torbay"
LEVELS_USED = "local-planning, locality-coordination, strategic-coordination, strategic-planning"

CASES = {
    "a kind no body has": (
        ["--kind", "task_group"],
        f"(kind task_group); no body in the structure has kind task_group (kinds used: {KINDS_USED})",
    ),
    "two kinds no body has": (
        ["--kind", "task_group", "--kind", "network"],
        "(kind network or task_group); no body in the structure has kind network or task_group "
        f"(kinds used: {KINDS_USED})",
    ),
    "an unknown level": (
        ["--level", "nowhere"],
        f"(level nowhere); no body in the structure has level nowhere (levels used: {LEVELS_USED})",
    ),
    "level and kind that never meet": (
        ["--level", "strategic-coordination", "--kind", "local_planning_group"],
        "(level strategic-coordination, kind local_planning_group)",
    ),
    "area and service area that never meet": (
        ["--area", "torbay", "--service-area", "cyp"],
        "(area torbay, service area cyp)",
    ),
    "an unknown service area": (
        ["--service-area", "dentistry"],
        "(service area dentistry); no body in the structure has service area dentistry "
        "(service areas used: cyp, ld, mh, opd)",
    ),
    "a focus the filters leave out": (
        ["--focus", "torbay-lig", "--depth", "1", "--area", "exeter"],
        "(area exeter, within 1 relationship of torbay-lig)",
    ),
    "a focus and an unknown area": (
        ["--focus", "torbay-lig", "--depth", "2", "--kind", "board", "--area", "nowhere"],
        "(area nowhere, kind board, within 2 relationships of torbay-lig); no body in the structure has area "
        f"nowhere (areas used: {AREAS_USED})",
    ),
}


@pytest.mark.parametrize("format", ["dot", "mermaid", "svg"])
@pytest.mark.parametrize(("filters", "why"), CASES.values(), ids=CASES.keys())
def test_filters_that_keep_no_body_are_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], filters: list[str], why: str, format: str
) -> None:
    out = tmp_path / f"out.{format}"
    code = main(["render", str(DEVON), *filters, "--format", format, "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == f"govgraph: error: nothing to draw: no body passes the filters {why}\n"
    assert captured.out == "" and not out.exists()


def test_filters_that_keep_no_body_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DEVON), "--kind", "task_group", "--format", "dot"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("govgraph: error: nothing to draw: no body passes")


def test_in_python_the_error_is_a_usage_error_and_still_a_value_error() -> None:
    devon = gg.load(DEVON)
    with pytest.raises(gg.UsageError, match=r"^nothing to draw: no body passes the filters \(kind task_group\)"):
        gg.to_dot(devon, kinds=["task_group"])
    with pytest.raises(
        ValueError,
        match=r"^no body passes the filters levels=\['local-planning'\]; kinds=\['task_group'\]; a structure",
    ):
        devon.subset(kinds=["task_group"], levels=["local-planning"])


@pytest.mark.parametrize("format", ["dot", "mermaid"])
@pytest.mark.parametrize("focus", [[], ["--focus", "old"]])
def test_hiding_dissolved_bodies_when_all_are_is_the_same_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str, focus: list[str]
) -> None:
    path = tmp_path / "gone.yaml"
    path.write_text(
        "govgraph: 1\nname: Gone\nbodies:\n  - {id: old, name: Old, kind: board, status: dissolved}\n"
        "  - {id: live, name: Live, kind: forum}\n",
        encoding="utf-8",
    )
    assert main(["render", str(path), "--kind", "board", *focus, "--hide-dissolved", "--format", format]) == 2
    assert capsys.readouterr() == (
        "",
        "govgraph: error: nothing to draw: every body to be drawn is dissolved, and dissolved bodies are hidden "
        "(--hide-dissolved)\n",
    )
    assert main(["render", str(path), "--hide-dissolved", "--format", format]) == 0  # the live one is drawn


def test_filters_may_be_any_iterable_once() -> None:
    devon = gg.load(DEVON)
    lists = gg.to_dot(devon, kinds=["board"], areas=["torbay"])
    assert gg.to_dot(devon, kinds=iter(["board"]), areas=(a for a in ["torbay"])) == lists
    assert gg.to_dot(devon, kinds=[gg.BodyKind.BOARD], areas={"torbay"}) == lists
    with pytest.raises(gg.UsageError, match=r"\(kind task_group\)"):
        gg.to_dot(devon, kinds=iter([gg.BodyKind.TASK_GROUP]))
