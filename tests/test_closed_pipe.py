"""A reader that stops early (``govgraph schema | head -1``) ends govgraph quietly, as other Unix tools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import govgraph as gg

from .conftest import DEVON

CLOSED_PIPE = 141  # 128 + SIGPIPE, what `yes | head -1` leaves in PIPESTATUS

COMMANDS = {
    "schema": ["schema"],
    "check text": ["check", "{file}"],
    "check json": ["check", "{file}", "--format", "json"],
    "render dot": ["render", "{file}", "--format", "dot"],
    "render mermaid": ["render", "{file}", "--format", "mermaid"],
    "render svg to /dev/stdout": ["render", "{file}", "--format", "svg", "-o", "/dev/stdout"],
    "diff text": ["diff", "{file}", "{file}"],
    "diff json": ["diff", "{file}", "{file}", "--format", "json"],
}


def _start(arguments: list[str], file: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "govgraph", *(a.format(file=file) for a in arguments)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("arguments", COMMANDS.values(), ids=COMMANDS.keys())
def test_output_into_a_pipe_closed_before_it_is_written(arguments: list[str]) -> None:
    process = _start(arguments, DEVON)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader has gone before govgraph writes a byte
    _, error = process.communicate(timeout=60)
    assert (process.returncode, error.decode()) == (CLOSED_PIPE, "")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A structure whose check report and drawing are far larger than a pipe's buffer."""
    bodies = [{"id": f"group-{i}", "name": f"Task group number {i}", "kind": "task_group"} for i in range(1500)]
    path = tmp_path_factory.mktemp("large") / "large.yaml"
    gg.Structure.model_validate({"govgraph": 1, "name": "Large", "bodies": bodies}).dump(path)
    return path


@pytest.mark.parametrize("name", ["check text", "check json", "render dot", "render mermaid", "diff json"])
def test_head_1_reads_one_line_and_closes_the_pipe(large: Path, name: str) -> None:
    process = _start(COMMANDS[name], large)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    _, error = process.communicate(timeout=120)
    assert first.strip()
    # Some kernels (gVisor's) let a write that the closing overtook end without EPIPE: then 0.
    assert process.returncode in (CLOSED_PIPE, 0) and error.decode() == ""


def test_through_a_shell_pipeline(tmp_path: Path) -> None:
    done = subprocess.run(
        f'"{sys.executable}" -m govgraph schema | head -1; echo "${{PIPESTATUS[0]}}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        check=True,
    )
    first, status = done.stdout.splitlines()
    assert first == "{" and status in ("0", str(CLOSED_PIPE))  # 0 when all fitted in the pipe before head left
    assert done.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("name", ["schema", "check json", "render dot"])
def test_standard_output_on_a_full_disk_is_one_line_with_no_empty_file_name(name: str) -> None:
    with open("/dev/full", "wb") as full:
        command = [sys.executable, "-m", "govgraph", *(a.format(file=DEVON) for a in COMMANDS[name])]
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert (done.returncode, done.stderr) == (2, "govgraph: error: No space left on device\n")


INVALID = {
    "render an invalid file": ["render", "{file}", "--format", "dot"],
    "diff invalid files": ["diff", "{file}", "{file}"],
    "check an invalid file": ["check", "{file}"],
    "check it as json": ["check", "{file}", "--format", "json"],
}


@pytest.mark.parametrize("arguments", INVALID.values(), ids=INVALID.keys())
def test_errors_reported_into_a_closed_pipe_end_quietly_too(tmp_path: Path, arguments: list[str]) -> None:
    """``govgraph render bad.yaml 2>&1 | head -1``: status 141, never 1 (which would mean findings)."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("govgraph: 1\nname: Bad\nbodies:\n  - {id: a, name: A, kind: nope}\n", encoding="utf-8")
    command = [sys.executable, "-m", "govgraph", *(a.format(file=bad) for a in arguments)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    process.stdout.close()
    process.communicate(timeout=60)
    assert process.returncode == CLOSED_PIPE


def test_a_filter_error_into_a_closed_standard_error(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "govgraph", "render", str(DEVON), "--kind", "task_group", "--format", "dot"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    process.stderr.close()
    process.communicate(timeout=60)
    assert process.returncode == CLOSED_PIPE
