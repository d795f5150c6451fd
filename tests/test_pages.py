"""A page per root (issue 15): ``govgraph render FILE --per-root -o DIR`` and ``render_pages``."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import govgraph as gg
from govgraph.cli import main
from govgraph.export.pages import render_pages, tops

from .conftest import DEVON
from .test_diagrams import needs_dot, nodes_of

DEVON_PAGES = [
    "01-devon-pcts",
    "02-dpt",
    "03-devon-cc",
    "04-dsp",
    "05-torbay-pc",
    "06-dtlit",
    "overview",
]


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@needs_dot
def test_devon_per_root_writes_an_overview_and_one_svg_per_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    assert main(["render", str(DEVON), "--per-root", "-o", str(folder)]) == 0
    assert _names(folder) == [f"{name}.svg" for name in DEVON_PAGES]
    for path in folder.iterdir():
        assert ET.fromstring(path.read_bytes()).tag == "{http://www.w3.org/2000/svg}svg", path
    assert capsys.readouterr().err == f"wrote 7 drawings to {folder}: overview.svg and one per root (6)\n"
    assert _names(tmp_path) == ["pages"]  # made whole through a temporary folder, which is gone
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~umask
    again = tmp_path / "again"
    assert main(["render", str(DEVON), "--per-root", "-o", str(again)]) == 0
    assert all((folder / name).read_bytes() == (again / name).read_bytes() for name in _names(folder))


def test_each_page_is_a_root_with_every_body_below_it_as_dot(tmp_path: Path) -> None:
    devon = gg.load(DEVON)
    assert tops(devon) == [name.split("-", 1)[1] for name in DEVON_PAGES[:-1]]
    written = render_pages(devon, tmp_path / "dot", format="dot")
    assert [path.name for path in written] == [f"{name}.dot" for name in DEVON_PAGES[-1:] + DEVON_PAGES[:-1]]
    for path in written:
        assert path.read_text(encoding="utf-8").startswith('digraph "govgraph" {')
    page = nodes_of((tmp_path / "dot" / "04-dsp.dot").read_text(encoding="utf-8"))
    assert set(page) == {"dsp", *devon.below("dsp")}
    overview = (tmp_path / "dot" / "overview.dot").read_text(encoding="utf-8")
    assert overview == gg.to_dot(devon)
    second = render_pages(devon, tmp_path / "second", format="dot")
    assert [path.read_bytes() for path in second] == [path.read_bytes() for path in written]
    (tmp_path / "dot" / "notes.txt").write_text("mine", encoding="utf-8")
    again = render_pages(devon, tmp_path / "dot", format="dot")  # into the folder that is there now
    assert again == written and [path.read_bytes() for path in again] == [path.read_bytes() for path in second]
    assert (tmp_path / "dot" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_ids_that_differ_only_in_case_make_two_files(tmp_path: Path) -> None:
    s = gg.loads(
        """
govgraph: 1
name: Two boards
bodies:
  - {id: Board, name: Upper case board, kind: board}
  - {id: board, name: Lower case board, kind: board}
  - {id: c1, name: Committee one, kind: committee}
  - {id: c2, name: Committee two, kind: committee}
relationships:
  - {source: c1, kind: reports_to, target: Board}
  - {source: c2, kind: reports_to, target: board}
"""
    )
    written = render_pages(s, tmp_path, format="dot")
    assert [path.name for path in written] == ["overview.dot", "01-Board.dot", "02-board.dot"]
    assert set(nodes_of(written[1].read_text(encoding="utf-8"))) == {"Board", "c1"}


def test_per_root_never_writes_over_an_input_and_writes_nothing_then(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "devon.yaml"
    source.write_bytes(DEVON.read_bytes())
    folder = tmp_path / "pages"
    folder.mkdir()
    os.link(source, folder / "03-devon-cc.dot")  # a hard link to the input, where a page would go
    assert main(["render", str(source), "--per-root", "--format", "dot", "-o", str(folder)]) == 2
    assert "it is the input file" in capsys.readouterr().err
    assert _names(folder) == ["03-devon-cc.dot"]  # no page written before the refusal
    assert source.read_bytes() == DEVON.read_bytes()


def test_per_root_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DEVON), "--per-root"]) == 2
    assert "--per-root writes several files: name their folder with -o DIR" in capsys.readouterr().err
    assert main(["render", str(DEVON), "--per-root", "--focus", "dsp", "--level", "local-planning", "-o", "x"]) == 2
    assert (
        "a page per root draws whole sub-trees: leave out --focus (focus=), --level (levels=)"
        in capsys.readouterr().err
    )
    afile = tmp_path / "file.svg"
    afile.write_text("not a folder", encoding="utf-8")
    assert main(["render", str(DEVON), "--per-root", "-o", str(afile)]) == 2
    assert "it is a file, not a folder" in capsys.readouterr().err
    assert afile.read_text(encoding="utf-8") == "not a folder"
