"""The drawing of one real register (issue 15): the GOV.UK organisations, imported and rendered
as a user would, measured by benchmarks/diagram_metrics.py.

The committed picture is ``examples/realdata/govuk-overview.png``; these tests measure the SVG the
same two commands make, so a change to the overview shows here in figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.cli import main

from .importers.test_realdata import GOVUK
from .test_diagrams import metrics, needs_dot


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
