"""Files the commands write: never one of the inputs, and an existing file keeps its permissions."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

import govgraph as gg
from govgraph.cli import main

from .conftest import DEVON

SMALL = DEVON.read_text(encoding="utf-8")
CONFIG = "multiple-parents: off\n"

Spelling = Callable[[Path, Path], str]


def _same_name(folder: Path, input: Path) -> str:
    return str(input)


def _other_spelling(folder: Path, input: Path) -> str:
    return str(folder / "sub" / ".." / "." / input.name)


def _relative(folder: Path, input: Path) -> str:
    return os.path.relpath(input)


def _symlink(folder: Path, input: Path) -> str:
    link = folder / "link.svg"
    link.symlink_to(input)
    return str(link)


def _symlinked_folder(folder: Path, input: Path) -> str:
    (folder / "alias").symlink_to(folder, target_is_directory=True)
    return str(folder / "alias" / input.name)


def _hard_link(folder: Path, input: Path) -> str:
    link = folder / "hard.svg"
    os.link(input, link)
    return str(link)


SPELLINGS = [_same_name, _other_spelling, _relative, _symlink, _symlinked_folder, _hard_link]


def _inputs(folder: Path) -> dict[str, Path]:
    (folder / "sub").mkdir()
    old = folder / "old.yaml"
    new = folder / "new.yaml"
    config = folder / "rules.yaml"
    old.write_text(SMALL, encoding="utf-8")
    new.write_text(SMALL.replace("name: Joint planning network for Devon", "name: Devon renamed"), encoding="utf-8")
    config.write_text(CONFIG, encoding="utf-8")
    return {"old": old, "new": new, "config": config}


# Each command line writing a file, and the input it names that the output then is.
COMMANDS: list[tuple[str, list[str], str]] = [
    ("render svg", ["render", "{old}", "--format", "svg", "-o", "{out}"], "old"),
    ("render dot", ["render", "{old}", "--format", "dot", "-o", "{out}"], "old"),
    ("render mermaid", ["render", "{old}", "--format", "mermaid", "-o", "{out}"], "old"),
    ("render config", ["render", "{old}", "--format", "dot", "--config", "{config}", "-o", "{out}"], "config"),
    ("diff old", ["diff", "{old}", "{new}", "-o", "{out}", "--format", "json"], "old"),
    ("diff new", ["diff", "{old}", "{new}", "-o", "{out}"], "new"),
    ("diff config", ["diff", "{old}", "{new}", "--config", "{config}", "-o", "{out}"], "config"),
]


@pytest.mark.parametrize("spelling", SPELLINGS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize(("command", "arguments", "victim"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    arguments: list[str],
    victim: str,
    spelling: Spelling,
) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = _inputs(tmp_path)
    before = {name: path.read_bytes() for name, path in inputs.items()}
    out = spelling(tmp_path, inputs[victim])
    argv = [argument.format(out=out, **{k: str(v) for k, v in inputs.items()}) for argument in arguments]
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 2
    assert err == (
        f"govgraph: error: will not write {out}: it is the input file {inputs[victim]}, which would be lost; "
        "choose another output file\n"
    )
    assert {name: path.read_bytes() for name, path in inputs.items()} == before
    assert Path(out).read_bytes() == before[victim]  # a link still leads to the input, unchanged


def test_render_beside_an_input_whose_default_output_is_itself_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``render x.yaml`` writes x.svg; where x.svg is a link to x.yaml, that would be the input."""
    source = tmp_path / "x.yaml"
    source.write_text(SMALL, encoding="utf-8")
    (tmp_path / "x.svg").symlink_to(source)
    assert main(["render", str(source)]) == 2
    assert "will not write" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == SMALL


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604, 0o755])
@pytest.mark.parametrize("format", ["dot", "mermaid"])
def test_an_existing_output_keeps_its_permission_bits(tmp_path: Path, mode: int, format: str) -> None:
    out = tmp_path / "private.out"
    out.write_text("old drawing", encoding="utf-8")
    out.chmod(mode)
    assert main(["render", str(DEVON), "--format", format, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("digraph" if format == "dot" else "flowchart")
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_diff_and_dump_keep_permission_bits_too(tmp_path: Path) -> None:
    diagram, dumped = tmp_path / "diff.dot", tmp_path / "copy.yaml"
    for path in (diagram, dumped):
        path.write_text("x", encoding="utf-8")
        path.chmod(0o600)
    assert main(["diff", str(DEVON), str(DEVON), "-o", str(diagram)]) == 0
    gg.load(DEVON).dump(dumped)
    assert [stat.S_IMODE(p.stat().st_mode) for p in (diagram, dumped)] == [0o600, 0o600]
    assert gg.load(dumped) == gg.load(DEVON)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_output_gets_the_umask_default(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        assert main(["render", str(DEVON), "--format", "dot", "-o", str(tmp_path / "new.dot")]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.dot").stat().st_mode) == 0o666 & ~umask


def test_an_output_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.dot"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.dot"
    link.symlink_to(real)
    assert main(["render", str(DEVON), "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("digraph")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_an_output_that_is_no_regular_file_is_written_to(tmp_path: Path) -> None:
    """``-o /dev/stdout`` and named pipes cannot be replaced by a rename: written to directly."""
    fifo = tmp_path / "pipe.dot"
    os.mkfifo(fifo)
    tiny = tmp_path / "tiny.yaml"  # its drawing fits in the pipe's buffer
    tiny.write_text("govgraph: 1\nname: T\nbodies: [{id: a, name: A, kind: board}]\n", encoding="utf-8")
    read = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert main(["render", str(tiny), "--format", "dot", "-o", str(fifo)]) == 0
        assert os.read(read, 7) == b"digraph"
    finally:
        os.close(read)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("command", ["render", "diff"])
def test_an_output_that_cannot_be_written_is_named_not_its_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = tmp_path / "a-folder.dot"
    folder.mkdir()
    missing = tmp_path / "no-such-folder" / "out.dot"
    inputs = [str(DEVON)] if command == "render" else [str(DEVON), str(DEVON)]
    for out, why in ((folder, "Is a directory"), (missing, "No such file or directory")):
        assert main([command, *inputs, "-o", str(out)]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == f"govgraph: error: {out}: {why}"
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.dot"]
