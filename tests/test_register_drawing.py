"""The drawing of one real register (issue 15): the GOV.UK organisations, imported and rendered
as a user would, measured by benchmarks/diagram_metrics.py.

The committed picture is ``examples/realdata/govuk-overview.png``; these tests measure the SVG the
same two commands make, so a change to the overview shows here in figures.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import govgraph as gg
from govgraph.cli import main
from govgraph.export.backend import pipe
from govgraph.export.bands import MOST_ROWS, ROW_LINES, _depth_rows, _tiers, _wrapped
from govgraph.export.selection import shown

from .importers.test_realdata import GOVUK
from .test_diagrams import metrics, needs_dot

SVG = "{http://www.w3.org/2000/svg}"


def _depths(bodies: list[gg.Body], relations: list[gg.Relationship]) -> list[list[gg.Body]]:
    tier = _tiers(bodies, relations)
    return [[body for body in bodies if tier[body.id] == depth] for depth in sorted(set(tier.values()))]


@pytest.fixture(scope="module")
def overview(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("govuk")
    register, drawing = folder / "govuk.yaml", folder / "govuk.svg"
    assert main(["import", "govuk", str(GOVUK), "-o", str(register)]) in (0, 1)  # 1: the register's findings
    assert main(["render", str(register), "-o", str(drawing)]) == 0
    return Path(drawing).read_bytes()


@needs_dot
def test_govuk_overview_is_no_strip(overview: bytes) -> None:
    found = metrics().measure(overview)
    assert found.aspect <= 3, found  # 1.19:1 (1615 × 1359 pt) with dot 2.43; once 32,767 × 215 px


@needs_dot
def test_govuk_overview_reads_on_a3(overview: bytes) -> None:
    found = metrics().measure(overview)
    # Issue 15: 6 pt on A3. 6.2 pt with dot 2.43 (1615 × 1359 pt, 53 boxes, no text under 10 pt); 3.7 pt before.
    assert found.smallest_font >= 10 and found.smallest_on("a3-landscape") >= 6, found


@needs_dot
def test_govuk_pages_per_root_are_no_strips(tmp_path: Path) -> None:
    register, folder = tmp_path / "govuk.yaml", tmp_path / "pages"
    assert main(["import", "govuk", str(GOVUK), "-o", str(register)]) in (0, 1)
    assert main(["render", str(register), "--per-root", "-o", str(folder)]) == 0
    aspects = {page.stem: metrics().measure(page.read_bytes()).aspect for page in sorted(folder.glob("*.svg"))}
    assert len(aspects) == 25
    # Issue 15: no drawing more than ~3x wider than tall. The Cabinet Office page (76 bodies under two
    # fans) was 4.58:1 and the Ministry of Justice's 4.11:1 before full drawings wrapped rows narrower;
    # 2.88:1 and 2.27:1 with dot 2.43.
    assert max(aspects.values()) <= 3, sorted(aspects.items(), key=lambda item: -item[1])[:3]


def test_a_register_with_lines_wraps_each_depth_into_a_few_rows() -> None:
    # GOV.UK's 663 organisations (447 at one depth) wrapped at √(n/4) made 54 rows that the 668
    # lines crossed on their way down: Graphviz did not finish the full view (the HTML report's
    # "Full diagram") in 10 minutes. Each depth now takes at most MOST_ROWS rows.
    structure = gg.read_govuk(GOVUK).structure
    bodies, relations = shown(structure)
    narrow = [_wrapped(row, least=2, share=0.25) for row in _depths(bodies, relations)]
    assert sum(map(len, narrow)) * len(relations) > ROW_LINES  # 54 rows × 668 lines
    rows = _depth_rows(bodies, relations, share=0.25)
    assert [len(depth) for depth in rows] == [MOST_ROWS, MOST_ROWS, MOST_ROWS, 2]  # 2: the fewest boxes a row
    assert [sum(map(len, depth)) for depth in rows] == [69, 447, 143, 4]  # every body, once
    assert sum(map(len, rows)) * len(relations) <= ROW_LINES


def test_a_small_drawing_or_one_without_lines_keeps_its_narrow_rows() -> None:
    register = gg.Structure.model_validate(
        {"govgraph": 1, "name": "R", "bodies": [{"id": f"b{i}", "name": f"B {i}", "kind": "board"} for i in range(200)]}
    )
    rows = _depth_rows(list(register.bodies), [], share=0.25)
    assert [len(row) for row in rows[0]] == [7] * 28 + [4]  # √(200/4): no line crosses them


@needs_dot
def test_the_full_view_of_the_govuk_register_is_drawn_in_its_few_rows() -> None:
    structure = gg.read_govuk(GOVUK).structure
    svg = pipe(gg.to_dot(structure, collapse="none"), "svg")
    root = ET.fromstring(svg)
    ids, middles, drawn = {body.id for body in structure.bodies}, set(), 0
    for node in root.iter(f"{SVG}g"):
        title, box = node.find(f"{SVG}title"), node.find(f".//{SVG}polygon")
        if node.get("class") == "node" and title is not None and title.text in ids and box is not None:
            ys = [float(point.split(",")[1]) for point in box.get("points", "").split()]
            middles.add(round((min(ys) + max(ys)) / 2))
            drawn += 1
    assert drawn == len(ids)
    assert len(middles) <= 4 * MOST_ROWS  # the heights boxes stand at: 29 here (26 rows), over 54 before


def _levelled(count: int, lateral: int) -> gg.Structure:
    """One band: a board and ``count`` groups under it, ``lateral`` of them advising the next."""
    bodies = [{"id": "top", "name": "Top", "kind": "board", "level": "l1", "sovereign": True}]
    bodies += [{"id": f"g{i}", "name": f"Group {i}", "kind": "task_group", "level": "l1"} for i in range(count)]
    relationships = [{"source": f"g{i}", "kind": "sub_group_of", "target": "top"} for i in range(count)]
    relationships += [{"source": f"g{i}", "kind": "advises", "target": f"g{i + 1}"} for i in range(lateral)]
    return gg.Structure.model_validate(
        {
            "govgraph": 1,
            "name": "L",
            "levels": [{"id": "l1", "name": "One"}],
            "bodies": bodies,
            "relationships": relationships,
        }
    )


def test_a_band_whose_lines_would_cross_too_many_rows_takes_fewer() -> None:
    # 700 levelled bodies with 1,400 lines (benchmarks/synthetic.py) stood on 77 rows, and Graphviz
    # took over 2 minutes on the full view; the band's rows are capped as a register's depths are.
    def band_rows(structure: gg.Structure) -> list[int]:
        rows = [line for line in gg.to_dot(structure, collapse="none").splitlines() if '{rank=same; "level:' in line]
        return [line.count(";") - 1 for line in rows]  # the bodies on each row

    # The board's row, then 600 groups on 8 rows (on 24 rows of 26 before: 25 rows x 900 lines).
    assert band_rows(_levelled(600, 300)) == [1] + [75] * MOST_ROWS
    # Under ROW_LINES (18 rows x 300 lines): rows of about √(1.2 n), as before.
    assert band_rows(_levelled(300, 0)) == [1] + [18] * 16 + [12]
