"""The diff diagram draws any pair of valid structures, whatever NEW drops or reuses."""

from __future__ import annotations

import shutil
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govgraph as gg
from govgraph.cli import main
from govgraph.export import diff_dot
from govgraph.export.backend import pipe
from govgraph.strategies import structures

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
SVG = "{http://www.w3.org/2000/svg}"

OLD = """\
govgraph: 1
name: Old
sources: [{id: paper, title: The paper}, {id: minutes, title: Minutes}]
levels: [{id: top, name: Top}, {id: low, name: Low}]
areas: [{id: county, name: County}, {id: town, name: Town, within: county}]
service_areas: [{id: mh, name: Mental health}, {id: ld, name: Learning disability}]
bodies:
  - {id: council, name: Council, kind: statutory_body, level: top, sovereign: true, areas: [county]}
  - {id: spg, name: Planning Group, kind: strategic_planning_group, level: top, service_areas: [mh],
     sources: [{source: paper, at: "4.2"}]}
  - {id: lpg, name: Local Group, kind: local_planning_group, level: low, areas: [town], service_areas: [ld],
     members: [{body: spg, sector: statutory}], sources: [{source: minutes}]}
  - {id: forum, name: Forum, kind: forum}
relationships:
  - {source: spg, kind: reports_to, target: council, sources: [{source: paper}]}
  - {source: lpg, kind: reports_to, target: spg, sources: [{source: minutes, at: "2"}]}
  - {source: forum, kind: links_with, target: lpg}
waivers:
  - {rule: orphaned-group, bodies: [forum], reason: a forum answers to nobody}
"""

NEW = {
    "drops every level, area, service area and source": """\
        govgraph: 1
        name: New
        bodies:
          - {id: council, name: Council, kind: statutory_body, sovereign: true}
          - {id: spg, name: Planning Group, kind: strategic_planning_group}
        relationships:
          - {source: spg, kind: reports_to, target: council}
        """,
    "reuses ids with other fields and kinds": """\
        govgraph: 1
        name: New
        levels: [{id: low, name: Now the top}]
        areas: [{id: town, name: A town on its own}]
        sources: [{id: minutes, title: Other minutes}]
        bodies:
          - {id: council, name: Council, kind: board, level: low, authority: coordinating}
          - {id: lpg, name: Renamed, kind: task_group, areas: [town], sources: [{source: minutes}]}
          - {id: forum, name: Forum, kind: network}
        relationships:
          - {source: council, kind: accountable_to, target: lpg}
          - {source: lpg, kind: links_with, target: forum}
        """,
    "keeps one body, of another kind": """\
        govgraph: 1
        name: New
        bodies:
          - {id: forum, name: Forum, kind: statutory_body}
        """,
    "shares no id": """\
        govgraph: 1
        name: New
        levels: [{id: only, name: Only}]
        bodies:
          - {id: other, name: Other, kind: board, level: only}
        """,
}


@pytest.mark.parametrize("new", NEW.values(), ids=NEW.keys())
@pytest.mark.parametrize("swap", [False, True], ids=["old to new", "new to old"])
def test_diff_draws_when_new_drops_what_old_uses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new: str, swap: bool
) -> None:
    first, second = tmp_path / "old.yaml", tmp_path / "new.yaml"
    first.write_text(OLD, encoding="utf-8")
    second.write_text(textwrap.dedent(new), encoding="utf-8")
    if swap:
        first, second = second, first
    out = tmp_path / "diff.dot"
    code = main(["diff", str(first), str(second), "-o", str(out)])
    captured = capsys.readouterr()
    assert code in (0, 1) and captured.err == ""
    dot = out.read_text(encoding="utf-8")
    old, changed = gg.load(first), gg.load(second)
    for body in [*old.bodies, *changed.bodies]:
        assert f'\t"{body.id}" [' in dot  # every body of either structure is drawn
    drawn = {body.id: body for body in [*old.bodies, *changed.bodies]}  # a body drawn in its new version
    for level in {body.level for body in drawn.values() if body.level}:
        assert f'"level:{level}:0"' in dot  # the band of every level a drawn body is on (empty bands are left out)


@needs_dot
def test_diff_to_svg_when_new_drops_a_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(textwrap.dedent(NEW["drops every level, area, service area and source"]))
    out = tmp_path / "diff.svg"
    assert main(["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    titles = {element.text for element in root.iter(f"{SVG}title")}
    texts = {(element.text or "").strip() for element in root.iter(f"{SVG}text")}
    old = gg.load(tmp_path / "old.yaml")
    drawn = {body.id: body for body in [*old.bodies, *gg.load(tmp_path / "new.yaml").bodies]}
    bands = {level.name.upper() for level in old.levels if any(body.level == level.id for body in drawn.values())}
    assert {"lpg", "forum"} <= titles and bands and bands <= texts  # each band a drawn body is on, by name
    capsys.readouterr()


def _without_declarations(structure: gg.Structure, keep: list[bool]) -> gg.Structure:
    """The structure with some bodies and every level, area, service area and source dropped,
    and the references to them with it (recommendations cite sources and name owners, so
    they go too): still valid."""
    kept = {body.id for body, wanted in zip(structure.bodies, keep, strict=False) if wanted}
    kept = kept or {structure.bodies[0].id}
    bodies = [
        body.model_copy(
            update={
                "level": None,
                "areas": [],
                "service_areas": [],
                "sources": [],
                "members": [m for m in body.members if m.body is None or m.body in kept],
            }
        )
        for body in structure.bodies
        if body.id in kept
    ]
    relationships = [
        relation.model_copy(update={"sources": []})
        for relation in structure.relationships
        if relation.source in kept and relation.target in kept
    ]
    return structure.replace(
        bodies=bodies,
        relationships=relationships,
        levels=[],
        areas=[],
        service_areas=[],
        sources=[],
        waivers=[],
        recommendations=[],
        stages=[],
    )


def _drawn(result: gg.StructureDiff) -> str:
    dot = diff_dot(result)
    assert dot.startswith('digraph "govgraph" {') and dot.endswith("}\n")
    for body in [*result.old.bodies, *result.new.bodies]:
        assert f'\t"{body.id}" [' in dot
    return dot


@settings(max_examples=40)
@given(structures(max_bodies=6), st.lists(st.booleans(), max_size=6), st.booleans())
def test_any_structure_and_itself_with_declarations_dropped_diff_and_draw(
    old: gg.Structure, keep: list[bool], swap: bool
) -> None:
    new = _without_declarations(old, keep)
    first, second = (new, old) if swap else (old, new)
    _drawn(gg.diff(first, second))


@settings(max_examples=40)
@given(structures(max_bodies=5), structures(max_bodies=5))
def test_any_two_structures_diff_and_draw(old: gg.Structure, new: gg.Structure) -> None:
    _drawn(gg.diff(old, new))


@needs_dot
@settings(max_examples=15)
@given(structures(max_bodies=4, metadata=False), st.lists(st.booleans(), max_size=4))
def test_the_drawing_of_any_diff_is_valid_svg(old: gg.Structure, keep: list[bool]) -> None:
    ET.fromstring(pipe(_drawn(gg.diff(old, _without_declarations(old, keep))), "svg"))
