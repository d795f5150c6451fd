"""``govgraph export``: where it writes, what it refuses, and that nothing crashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govgraph.cli import main

from .support import DEVON

ONE_FILE = {"graphml": "devon.graphml", "gexf": "devon.gexf", "org-ttl": "devon.ttl", "popolo": "devon.popolo.json"}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return Path(shutil.copy(DEVON, tmp_path / "devon.yaml"))


@pytest.mark.parametrize("to", list(ONE_FILE))
def test_writes_beside_the_file_and_the_same_to_standard_output(
    to: str, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(source), "--to", to]) == 0
    written = source.parent / ONE_FILE[to]
    assert capsys.readouterr().err == f"wrote {written}\n"
    assert main(["export", str(source), "--to", to, "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (written.read_text(encoding="utf-8"), "")
    assert source.read_bytes() == DEVON.read_bytes()


def test_csv_writes_a_folder_beside_the_file(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(source), "--to", "csv"]) == 0
    folder = source.parent / "devon-tables"
    assert sorted(p.name for p in folder.iterdir()) == [
        "bodies.csv",
        "findings.csv",
        "mapping.yaml",
        "members.csv",
        "relationships.csv",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--to", "graphml", "-o", "{dir}"], "{dir} is a folder: give the name of the file to write"),
        (
            ["--to", "gexf", "-o", "{dir}/missing/x.gexf"],
            "cannot write {dir}/missing/x.gexf: the folder {dir}/missing does not exist",
        ),
        (
            ["--to", "csv", "-o", "{dir}/devon.yaml"],
            "{dir}/devon.yaml is a file: csv writes a folder of tables, give a folder with -o",
        ),
        (["--to", "csv", "-o", "-"], "csv writes a folder of tables: give the folder with -o"),
        (
            ["--to", "popolo", "-o", "{dir}/devon.yaml"],
            "{dir}/devon.yaml would overwrite the input {dir}/devon.yaml: choose another -o",
        ),
        (["--to", "popolo", "--base", "https://example.org/"], "--base is for --to org-ttl only"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(
    arguments: list[str], message: str, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(source.parent)
    before = sorted(source.parent.iterdir())
    code = main(["export", str(source), *[a.replace("{dir}", folder) for a in arguments]])
    assert (code, capsys.readouterr().err) == (2, f"govgraph: error: {message.replace('{dir}', folder)}\n")
    assert sorted(source.parent.iterdir()) == before
    assert source.read_bytes() == DEVON.read_bytes()


def test_an_invalid_structure_is_reported_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("govgraph: 1\nname: Bad\nbodies:\n  - {id: a, name: A, kind: comittee}\n", encoding="utf-8")
    assert main(["export", str(bad), "--to", "graphml"]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:4:28: error: bodies[0].kind: 'comittee' is not a valid body kind")
    assert not (tmp_path / "bad.graphml").exists()


def test_to_is_required_and_checked(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", str(source), "--to", "xml"])
    assert exited.value.code == 2
    assert "argument --to: invalid choice: 'xml'" in capsys.readouterr().err
