"""The pre-commit hook govgraph offers (``.pre-commit-hooks.yaml``) has the shape pre-commit
reads, picks the files its pattern promises, and its entry passes good files and fails bad ones.

pre-commit itself is not run (it would fetch the repository); its entry is, as pre-commit
would run it: the command, then the hook's ``args``, then the matching file names.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GOOD = """govgraph: 1
name: Good
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: board, name: Board, kind: board}
relationships:
  - {source: board, kind: accountable_to, target: council}
"""
ORPHAN = "  - {id: lone, name: Lone Group, kind: task_group}\n"


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert isinstance(hook, dict)
    return hook


def test_the_hook_has_the_shape_pre_commit_reads() -> None:
    hook = _hook()
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["id"] == "govgraph-check"
    assert hook["entry"] == "govgraph check"
    assert hook["language"] == "python"
    known = {"id", "name", "entry", "language", "files", "exclude", "types", "types_or", "description", "args"}
    assert hook.keys() <= known, hook.keys() - known


def test_default_files_are_those_named_like_structures() -> None:
    pattern = re.compile(str(_hook()["files"]))
    picked = ["a.govgraph.yaml", "structures/now.govgraph.yml", "x/y.govgraph.json"]
    left = ["mkdocs.yml", "structures/now.yaml", ".pre-commit-config.yaml", "govgraph.yaml.bak"]
    assert [name for name in picked + left if pattern.search(name)] == picked


def _run_hook(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    hook = _hook()
    pattern = re.compile(str(hook["files"]))
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    command, *rest = shlex.split(str(hook["entry"]))
    argv = [str(BIN / command), *rest, *args, *[name for name in files if pattern.search(name)]]
    return subprocess.run(argv, cwd=folder, capture_output=True, text=True, timeout=60, check=False)


def test_entry_passes_a_repository_whose_structures_are_sound(tmp_path: Path) -> None:
    (tmp_path / "structures").mkdir()
    (tmp_path / "structures" / "now.govgraph.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("not: a structure\n", encoding="utf-8")  # not picked
    result = _run_hook(tmp_path, [])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "structures/now.govgraph.yaml" in result.stdout


def test_entry_fails_a_commit_that_orphans_a_group(tmp_path: Path) -> None:
    (tmp_path / "now.govgraph.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "proposed.govgraph.yaml").write_text(GOOD.replace("relationships:", ORPHAN + "relationships:"))
    result = _run_hook(tmp_path, [])
    assert result.returncode == 1
    assert "orphaned-group" in result.stdout and "Lone Group (lone) is orphaned" in result.stdout


def test_entry_takes_the_hooks_args_and_refuses_a_file_that_does_not_load(tmp_path: Path) -> None:
    (tmp_path / "bad.govgraph.yaml").write_text(GOOD.replace("kind: board", "kind: bored"), encoding="utf-8")
    result = _run_hook(tmp_path, ["--fail-on", "warning"])
    assert result.returncode == 2
    assert result.stderr.startswith("bad.govgraph.yaml:5:")
    assert "'bored'" in result.stderr and "Traceback" not in result.stderr
