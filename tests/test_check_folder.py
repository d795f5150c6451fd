"""``govgraph check FOLDER`` and unexpanded patterns: every structure file below, in one process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from govgraph.cli import main

GOOD = """\
govgraph: 1
name: {name}
bodies:
  - {{id: council, name: Council, kind: statutory_body, sovereign: true}}
"""

BAD = "govgraph: 1\nname: Bad\nbodies:\n  - {id: a, name: A, kind: comittee}\n"

KEYS = ["file", "structure", "findings", "summary"]


def _folder(root: Path) -> Path:
    """Three structure files (one invalid), one nested, beside files that are not structures."""
    folder = root / "structures"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.yaml").write_text(BAD)
    (folder / "a.json").write_text(
        json.dumps(
            {
                "govgraph": 1,
                "name": "Alpha",
                "bodies": [{"id": "council", "name": "Council", "kind": "statutory_body", "sovereign": True}],
            }
        )
    )
    (folder / "sub" / "c.yml").write_text(GOOD.format(name="Gamma"))
    (folder / "README.md").write_text("not a structure\n")
    (folder / ".hidden.yaml").write_text("not: checked\n")
    (folder / ".git").mkdir()
    (folder / ".git" / "config.yaml").write_text("not: checked\n")
    return folder


def test_a_folder_checks_each_structure_file_below_it_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    assert main(["check", str(folder)]) == 2
    captured = capsys.readouterr()
    a, b, c = (os.path.join(folder, name) for name in ("a.json", "b.yaml", os.path.join("sub", "c.yml")))
    assert captured.out.splitlines() == [
        f"{a}: Alpha",
        "  0 errors, 0 warnings, 0 info, 0 waived",
        f"{c}: Gamma",
        "  0 errors, 0 warnings, 0 info, 0 waived",
    ]
    assert captured.err.splitlines() == [
        f"{b}:4:28: error: bodies[0].kind: 'comittee' is not a valid body kind (did you mean 'committee'?); "
        "expected one of: board, committee, executive_group, forum, local_planning_group, network, organisation, "
        "other, partnership, post, scrutiny_body, statutory_body, strategic_planning_group, sub_group, task_group"
    ]


def test_a_folder_in_json_lists_every_file_the_invalid_one_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    assert main(["check", str(folder), "--format", "json"]) == 2
    files = json.loads(capsys.readouterr().out)["files"]
    assert [(entry["file"], entry["structure"]) for entry in files] == [
        (os.path.join(folder, "a.json"), "Alpha"),
        (os.path.join(folder, "b.yaml"), None),
        (os.path.join(folder, "sub", "c.yml"), "Gamma"),
    ]
    assert [list(entry) for entry in files] == [KEYS, [*KEYS, "errors"], KEYS]
    assert [(e["line"], e["column"], e["path"]) for e in files[1]["errors"]] == [(4, 28, "bodies[0].kind")]


def test_folders_files_and_patterns_mix_in_the_order_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    single = tmp_path / "single.yaml"
    single.write_text(GOOD.format(name="Single"))
    pattern = str(folder / "**" / "*.y*ml")  # as a shell leaves it when quoted
    assert main(["check", str(single), pattern, str(folder / "sub"), "--format", "json"]) == 2
    named = [entry["file"] for entry in json.loads(capsys.readouterr().out)["files"]]
    assert named == [
        str(single),
        str(folder / "b.yaml"),
        str(folder / "sub" / "c.yml"),
        os.path.join(folder / "sub", "c.yml"),
    ]


def test_a_folder_of_valid_files_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.yaml").write_text(GOOD.format(name="One"))
    (tmp_path / "two.yaml").write_text(GOOD.format(name="Two"))
    assert main(["check", str(tmp_path)]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")] == [
        f"{tmp_path / 'one.yaml'}: One",
        f"{tmp_path / 'two.yaml'}: Two",
    ]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_empty_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    (tmp_path / "notes.txt").write_text("no structure here\n")
    assert main(["check", str(tmp_path), "--format", fmt]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"govgraph: error: {tmp_path}: no structure file in this folder or below it "
        "(looked for .yaml, .yml, .json); name the files to check\n"
    )


def test_a_pattern_that_matches_nothing_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pattern = str(tmp_path / "*.yaml")
    assert main(["check", pattern]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"govgraph: error: no file matches {pattern}\n")


def test_a_missing_file_is_still_reported_as_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.yaml")
    assert main(["check", missing, "--format", "json"]) == 2
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert entry["file"] == missing and entry["structure"] is None


def test_an_unreadable_sub_folder_is_an_error_not_files_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.yaml").write_text(GOOD.format(name="One"))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "two.yaml").write_text(GOOD.format(name="Two"))
    scandir = os.scandir

    def refusing(path: str) -> object:  # as chmod 0 would, also when the tests run as root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert main(["check", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"govgraph: error: {locked}: Permission denied\n"


def test_a_pattern_matching_a_folder_stands_for_its_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["check", str(tmp_path / "struct*"), "--format", "json"]) == 2
    named = [entry["file"] for entry in json.loads(capsys.readouterr().out)["files"]]
    assert named == [str(folder / "a.json"), str(folder / "b.yaml"), str(folder / "sub" / "c.yml")]
