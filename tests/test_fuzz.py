"""A fuzzer: the example structures, mutated, through every command.

Each case takes one of the bundled examples, applies a few mutations to its
document (delete, duplicate, retype, rename or swap keys and values, wrap scalars
in lists, huge and deep values) and then to its text (explicit tags, control
characters, repeated lines, truncation, bytes that are not UTF-8), and runs it
through ``check`` (text and JSON), ``render`` (DOT, and SVG where ``dot`` is
present), ``diff`` against the original (text, JSON and a diagram) and, in
Python, ``load`` → ``check`` → ``dumps`` → ``loads``. Every outcome must be a
success or govgraph's own located error: never the CLI's "internal error"
(``GOVGRAPH_DEBUG`` makes it raise here, so hypothesis shows the traceback),
never an exception other than ``StructureError`` from the Python API, never an
input file changed.

The suite runs a few hundred cases; ``make fuzz`` runs thousands
(``GOVGRAPH_FUZZ_EXAMPLES``) and prints what the outcomes were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import govgraph as gg
from govgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
HAVE_DOT = shutil.which("dot") is not None
FUZZ_EXAMPLES = int(os.environ.get("GOVGRAPH_FUZZ_EXAMPLES", "150"))

Tree = Any
Path_ = tuple[str | int, ...]

# Every key the format knows, so a renamed key is sometimes another valid one.
KEYS = sorted(
    set(gg.Structure.model_fields)
    | set(gg.Body.model_fields)
    | set(gg.Relationship.model_fields)
    | set(gg.Member.model_fields)
    | set(gg.Source.model_fields)
    | set(gg.Citation.model_fields)
    | set(gg.Waiver.model_fields)
    | {"colour", "Name", "bodys", "<<"}
)

# Values of every shape a user can write, and some no user should.
ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    2**70,
    1.5,
    float("inf"),
    "",
    " ",
    "x",
    "off",
    "Council \\N \\G \\E \\T \\H \\L",
    "<b>&amp;</b> \"' \n\t",
    "Ω中文 עברית",
    [],
    {},
    [1, "a"],
    {"a": 1},
    {"id": "x"},
    dt.date(2003, 2, 28),
    "2003-02-30",
    "x" * 20_000,
]

TAGS = [
    "!!int notanumber",
    "!!bool maybe",
    "!!timestamp hello",
    "!!float x",
    "!!null x",
    "!!str 1",
    "!!int 7",
    "!!python/object:os.system ls",
    "!custom x",
    "!!binary aGk=",
    "!!set {a: null}",
]
CONTROL = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\ufeff", "\u2028", "\ud7ff", "\t", "\r"]


def _deep(depth: int, mapping: bool) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = {"a": value} if mapping else [value]
    return value


def _paths(tree: Tree, here: Path_ = ()) -> list[Path_]:
    """Every path in the tree, parents before children, in a fixed order."""
    found = [here]
    if isinstance(tree, dict):
        for key in sorted(tree, key=str):
            found.extend(_paths(tree[key], (*here, key)))
    elif isinstance(tree, list):
        for index, item in enumerate(tree):
            found.extend(_paths(item, (*here, index)))
    return found


def _get(tree: Tree, path: Path_) -> Any:
    for step in path:
        tree = tree[step]
    return tree


def _set(tree: Tree, path: Path_, value: Any) -> Tree:
    if not path:
        return value
    _get(tree, path[:-1])[path[-1]] = value
    return tree


@st.composite
def _tree_mutation(draw: st.DrawFn, tree: Tree) -> Tree:
    paths = _paths(tree)
    path = paths[draw(st.integers(0, len(paths) - 1))]
    what = draw(st.sampled_from(["delete", "retype", "wrap", "unwrap", "rename", "swap", "repeat", "deep", "copy"]))
    event(f"tree mutation: {what}")
    if what == "delete" and path:
        parent = _get(tree, path[:-1])
        del parent[path[-1]]
    elif what == "retype":
        tree = _set(tree, path, draw(st.sampled_from(ODD_VALUES)))
    elif what == "wrap":
        tree = _set(tree, path, [_get(tree, path)])
    elif what == "unwrap":
        value = _get(tree, path)
        if isinstance(value, list) and value:
            tree = _set(tree, path, value[0])
        elif isinstance(value, dict) and value:
            tree = _set(tree, path, next(iter(value.values())))
    elif what == "rename" and path and isinstance(path[-1], str):
        parent = _get(tree, path[:-1])
        parent[draw(st.sampled_from(KEYS))] = parent.pop(path[-1])
    elif what == "swap":
        other = paths[draw(st.integers(0, len(paths) - 1))]
        if path and other and path[: len(other)] != other and other[: len(path)] != path:
            first, second = _get(tree, path), _get(tree, other)
            tree = _set(_set(tree, path, second), other, first)
    elif what == "repeat":
        value = _get(tree, path)
        if isinstance(value, list) and value:
            value.append(json.loads(json.dumps(value[draw(st.integers(0, len(value) - 1))], default=str)))
    elif what == "deep":
        # Deeper than this the dumpers themselves recurse too far: see the text mutation "deep".
        depth = draw(st.sampled_from([99, 100, 101, 150]))
        tree = _set(tree, path, _deep(depth, draw(st.booleans())))
    elif what == "copy":  # a value from elsewhere in the document, e.g. a body where an id was
        other = paths[draw(st.integers(0, len(paths) - 1))]
        if path[: len(other)] != other:
            tree = _set(tree, path, json.loads(json.dumps(_get(tree, other), default=str)))
    return tree


@st.composite
def _text_mutation(draw: st.DrawFn, text: str) -> str:
    what = draw(st.sampled_from(["tag", "control", "repeat-line", "truncate", "indent", "deep"]))
    event(f"text mutation: {what}")
    lines = text.split("\n")
    index = draw(st.integers(0, max(len(lines) - 1, 0)))
    line = lines[index]
    if what == "tag":
        found = list(re.finditer(r": (?=[^\s\[{&*!|>])", line))
        if found:
            at = found[draw(st.integers(0, len(found) - 1))].end()
            rest = line[at:]
            tag = draw(st.sampled_from(TAGS))
            lines[index] = line[:at] + (tag if " " in tag else f"{tag} {rest}")
    elif what == "control":
        at = draw(st.integers(0, len(line)))
        lines[index] = line[:at] + draw(st.sampled_from(CONTROL)) + line[at:]
    elif what == "repeat-line":
        lines.insert(index, line)
    elif what == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    elif what == "deep":  # flow nesting either side of libyaml's 1,000 and Python's recursion limit
        depth = draw(st.sampled_from([101, 999, 1_001, 1_500, 5_000]))
        opening, closing = draw(st.sampled_from([("[", "]"), ('{"a": ', "}")]))
        found = list(re.finditer(r": (?=\S)", line))
        if found:
            at = found[draw(st.integers(0, len(found) - 1))].end()
            lines[index] = line[:at] + opening * depth + "1" + closing * depth
    elif what == "indent":
        lines[index] = " " * draw(st.integers(1, 3)) + line
    return "\n".join(lines)


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[Path, str, bytes]:
    """(the example, the format, the mutated file's bytes)."""
    example = draw(st.sampled_from(EXAMPLES))
    tree = yaml.safe_load(example.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        tree = draw(_tree_mutation(tree))
    format = draw(st.sampled_from(["yaml", "yaml", "json"]))
    if format == "json":
        text = json.dumps(tree, default=str, ensure_ascii=draw(st.booleans()), allow_nan=True)
    else:
        text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=draw(st.sampled_from([80, 10**6])))
    for _ in range(draw(st.integers(0, 2))):
        text = draw(_text_mutation(text))
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 19)) == 0:  # not UTF-8
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00\x00"])) + data[at:]
        event("bytes that are not UTF-8")
    return example, format, data


LOCATED = re.compile(r"^.+:\d+:\d+: error: .+$")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def _assert_clean_exit(argv: list[str], status: int, err: str) -> None:
    assert status in (0, 1, 2), (argv, status, err)
    assert "internal error" not in err and "Traceback" not in err, (argv, err)
    if status == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines, f"{argv}: exit 2 with nothing said"
        unlocated = [line for line in lines if not LOCATED.match(line)]
        assert not unlocated, f"{argv}: not located: {unlocated[:3]}"


def _digests(*paths: Path) -> list[str]:
    return [hashlib.sha256(path.read_bytes()).hexdigest() for path in paths]


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI's last-resort handler raises instead of printing "internal error",
    # so a crash fails the case with its traceback.
    monkeypatch.setenv("GOVGRAPH_DEBUG", "1")


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(case=mutated_documents(), svg=st.integers(0, 9))
def test_every_command_survives_mutated_examples(case: tuple[Path, str, bytes], svg: int) -> None:
    example, format, data = case
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        original = here / f"original{example.suffix}"
        original.write_bytes(example.read_bytes())
        mutated = here / f"mutated.{format}"
        mutated.write_bytes(data)
        inputs = (original, mutated)
        before = _digests(*inputs)

        commands: list[list[str]] = [
            ["check", str(mutated)],
            ["check", str(mutated), str(original), "--format", "json"],
            ["render", str(mutated), "--format", "dot", "-o", str(here / "out.dot")],
            ["render", str(mutated), "--format", "mermaid", "-o", str(here / "out.mmd")],
            ["diff", str(original), str(mutated), "--format", "json"],
            ["diff", str(mutated), str(original)],
        ]
        if HAVE_DOT and svg == 0:  # a tenth of the cases: dot takes most of a case's time
            commands += [
                ["render", str(mutated), "-o", str(here / "out.svg"), "--highlight"],
                ["diff", str(original), str(mutated), "-o", str(here / "diff.svg")],
            ]
        outcomes = set()
        for argv in commands:
            status, out, err = _run(argv)
            _assert_clean_exit(argv, status, err)
            outcomes.add(status)
            if "--format" in argv and argv[argv.index("--format") + 1] == "json" and out:
                json.loads(out)
        event(f"exit statuses {sorted(outcomes)}")
        assert _digests(*inputs) == before, "an input file was changed"

        try:
            structure = gg.loads(data.decode("utf-8", "replace"), format)
        except gg.StructureError as error:
            assert error.errors and all(LOCATED.match(str(problem)) for problem in error.errors)
            event("python: located StructureError")
            return
        event("python: loaded")
        gg.check(structure)
        gg.to_dot(structure)
        again = gg.loads(structure.dumps(format), format)
        assert again == structure


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.parent.name + "/" + path.stem)
def test_unmutated_examples_pass_every_command(example: Path, tmp_path: Path) -> None:
    """The fuzzer's starting points are themselves clean cases: a sanity check of its harness."""
    original = tmp_path / example.name
    original.write_bytes(example.read_bytes())
    for argv in (["check", str(original)], ["render", str(original), "--format", "dot", "-o", str(tmp_path / "x.dot")]):
        status, _, err = _run(argv)
        assert status in (0, 1) and err == "", (argv, err)
