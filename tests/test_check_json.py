"""``check --format json`` accounts for every file named, those that fail to load included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.cli import main

from .conftest import DEVON

GOOD = """\
govgraph: 1
name: Good
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
"""

BAD = {
    "syntax.yaml": "govgraph: 1\nname: x\nbodies: [oops\n",
    "fields.yaml": "govgraph: 1\nname: Bad\nbodies:\n  - {id: a, name: A, kind: comittee}\n  - {id: a, name: B}\n",
    "empty.yaml": "",
    "latin1.yaml": "govgraph: 1\nname: Caf\xe9\n",
    "suffix.txt": GOOD,
}

KEYS = ["file", "structure", "findings", "summary"]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("latin-1") if name == "latin1.yaml" else text.encode("utf-8"))
    return path


def _line(error: dict[str, object]) -> str:
    """An ``errors`` entry as the line printed on standard error."""
    where = str(error["file"]) + (f":{error['line']}:{error['column']}" if error["line"] is not None else "")
    what = f"{error['path']}: {error['message']}" if error["path"] else error["message"]
    return f"{where}: error: {what}"


@pytest.mark.parametrize("bad", [*BAD, "missing.yaml"])
@pytest.mark.parametrize("fail_on", ["error", "info"])
def test_every_file_named_is_in_the_json_in_order_with_its_load_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str, fail_on: str
) -> None:
    good = _write(tmp_path, "good.yaml", GOOD)
    broken = _write(tmp_path, bad, BAD[bad]) if bad in BAD else tmp_path / bad
    files = [str(broken), str(good), str(DEVON), str(broken)]
    code = main(["check", *files, "--format", "json", "--fail-on", fail_on])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == 2
    assert [entry["file"] for entry in data["files"]] == files
    first, loaded, devon, again = data["files"]
    assert list(loaded) == KEYS and list(devon) == KEYS  # files that load: exactly the documented keys
    assert loaded["structure"] == "Good" and devon["structure"] == "Joint planning network for Devon"
    assert first == again
    assert list(first) == [*KEYS, "errors"]
    assert first["structure"] is None and first["findings"] == []
    assert first["summary"] == {"error": 0, "warning": 0, "info": 0, "waived": 0}
    assert first["errors"] and all(
        list(error) == ["file", "line", "column", "path", "message"] for error in first["errors"]
    )
    # the same problems, located the same way, as the lines on standard error
    assert captured.err.splitlines() == [_line(error) for error in first["errors"]] * 2


def test_load_errors_carry_their_line_column_and_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _write(tmp_path, "fields.yaml", BAD["fields.yaml"])
    assert main(["check", str(bad), "--format", "json"]) == 2
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert [(e["file"], e["line"], e["column"], e["path"]) for e in entry["errors"]] == [
        (str(bad), 4, 28, "bodies[0].kind"),
        (str(bad), 5, 5, "bodies[1]"),
        (str(bad), 5, 10, "bodies[1].id"),
    ]
    assert entry["errors"][1]["message"] == "missing required field 'kind'"


def test_a_missing_file_is_an_error_without_a_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nowhere.yaml")
    assert main(["check", missing, "--format", "json"]) == 2
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert entry["errors"] == [
        {
            "file": missing,
            "line": None,
            "column": None,
            "path": "",
            "message": "cannot read it: No such file or directory",
        }
    ]
