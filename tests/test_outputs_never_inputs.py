"""Every command that writes a file refuses to write one of its inputs, however the output
is spelled: the same file reached by a hard link too (`_files.same_file`). render and diff
are covered in test_output_files.py; these are the commands added after it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govgraph.cli import main

from .conftest import DEVON, ROOT

ORGANOGRAM = ROOT / "examples/realdata/organograms-2013/300913-HEFCE.csv"


@pytest.mark.parametrize(
    ("source", "link", "command", "message"),
    [
        pytest.param(
            DEVON,
            "link.graphml",
            ["export", "{input}", "--to", "graphml", "-o", "{output}"],
            "{output} would overwrite the input {input}: choose another -o",
            id="export",
        ),
        pytest.param(
            DEVON,
            "link.html",
            ["report", "{input}", "-o", "{output}"],
            "the report would overwrite its input {input}; name another file with -o OUT.html",
            id="report",
        ),
        pytest.param(
            ORGANOGRAM,
            "link.yaml",  # the name says YAML; it is the CSV read
            ["import", "organogram", "{input}", "-o", "{output}"],
            "-o {output} is one of the inputs: it would be overwritten; choose another name",
            id="import",
        ),
    ],
)
def test_a_hard_link_to_the_input_is_refused_and_the_input_kept(
    source: Path, link: str, command: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / source.name
    given.write_bytes(source.read_bytes())
    linked = tmp_path / link  # another name for the input file itself
    os.link(given, linked)
    before = given.read_bytes()
    argv = [part.format(input=given, output=linked) for part in command]
    assert main(argv) == 2
    assert capsys.readouterr().err == f"govgraph: error: {message.format(input=given, output=linked)}\n"
    assert given.read_bytes() == before
