"""Values of the wrong shape anywhere in the format: a located error naming the field
and what was expected, never a crash in the cross-reference checks (issue 11, item 1).

The cases are generated from one document that uses every field of the format, so a
field added later is covered without a new test.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import govgraph as gg
from govgraph.cli import main
from govgraph.loading import format_path

#: One document that uses every field of the format, every list holding one entry or more.
FULL: dict[str, Any] = {
    "govgraph": 1,
    "name": "Full",
    "description": "Every field",
    "as_of": "2003-06-01",
    "sources": [{"id": "doc", "title": "Doc", "publisher": "Pub", "date": "2003-01-01", "url": "https://x.test"}],
    "levels": [{"id": "top", "name": "Top", "note": "Top level"}],
    "areas": [{"id": "county", "name": "County"}, {"id": "town", "name": "Town", "within": "county"}],
    "service_areas": [{"id": "mh", "name": "Mental health"}],
    "bodies": [
        {
            "id": "council",
            "name": "Council",
            "kind": "statutory_body",
            "authority": "executive",
            "sovereign": True,
            "level": "top",
            "areas": ["county"],
            "service_areas": ["mh"],
            "remit": ["Decide"],
            "members": [
                {"body": "group", "sector": "statutory", "role": "Lead"},
                {"name": "Carers", "sector": "carers"},
            ],
            "chair": "Independent",
            "status": "active",
            "established": "2000-01-01",
            "sources": [{"source": "doc", "at": "4.1"}],
            "notes": "A note",
            "metadata": {"key": "value"},
        },
        {"id": "group", "name": "Group", "kind": "task_group", "status": "dissolved", "dissolved": "2005-01-01"},
    ],
    "relationships": [
        {
            "source": "group",
            "kind": "reports_to",
            "target": "council",
            "status": "active",
            "established": "2001-01-01",
            "dissolved": "2004-01-01",
            "note": "A note",
            "sources": [{"source": "doc", "at": "5.2"}],
            "metadata": {"key": "value"},
        }
    ],
    "stages": [{"id": "open", "name": "Open", "achieved": False, "note": "Not yet"}, {"id": "done", "name": "Done"}],
    "recommendations": [
        {
            "id": "rec-1",
            "text": "Do it",
            "made_by": "council",
            "owners": ["council"],
            "made": "2002-01-01",
            "due": "2004-01-01",
            "updates": [{"date": "2002-06-01", "stage": "open", "note": "Begun", "sources": [{"source": "doc"}]}],
            "sources": [{"source": "doc", "at": "rec 1"}],
            "notes": "A note",
            "metadata": {"key": "value"},
        }
    ],
    "checks": {"coverage-gap": {"severity": "warning"}},
    "waivers": [{"rule": "orphaned-group", "bodies": ["group"], "reason": "Deliberate"}],
    "metadata": {"key": "value"},
}

FREE_FORM = {"metadata", "checks"}  # mappings of anything: only their own shape is checked
WRONG = "WRONG"


def _path_text(path: tuple[str | int, ...]) -> str:
    return format_path(path)


def _mutations() -> Iterator[tuple[tuple[str | int, ...], object, str]]:
    """(path, wrong value, expected message) for every list, mapping and value of FULL."""

    def walk(path: tuple[str | int, ...], value: object) -> Iterator[tuple[tuple[str | int, ...], object, str]]:
        if isinstance(value, list):
            yield path, WRONG, f"expected a list, got '{WRONG}' (str)"
            yield path, {WRONG: 1}, "expected a list, got a mapping"
            for index, item in enumerate(value):
                yield from walk((*path, index), item)
        elif isinstance(value, dict):
            got = "expected a mapping (key: value), got"
            yield path, WRONG, f"{got} '{WRONG}' (str)"
            yield path, [WRONG], f"{got} a list"
            yield path, None, f"{got} nothing (null)"
            if path[-1:] and path[-1] in FREE_FORM:
                return
            for key, item in value.items():
                yield from walk((*path, key), item)
        elif path != ("govgraph",):
            yield path, [WRONG], "got a list"
            yield path, {WRONG: 1}, "got a mapping"

    for key, value in FULL.items():
        yield from walk((key,), value)


def _replaced(path: tuple[str | int, ...], wrong: object) -> dict[str, Any]:
    document = copy.deepcopy(FULL)
    parent: Any = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = wrong
    return document


CASES = [
    pytest.param(path, wrong, expected, id=f"{_path_text(path)}={json.dumps(wrong)}")
    for path, wrong, expected in _mutations()
]


def test_the_full_document_loads_and_uses_every_field() -> None:
    structure = gg.loads(json.dumps(FULL), "json")
    models = [structure, *structure.sources, *structure.bodies, *structure.relationships, *structure.bodies[0].members]
    models += [*structure.stages, *structure.recommendations, *structure.recommendations[0].updates]
    for kind in {type(model) for model in models}:
        given = set().union(*(model.model_fields_set for model in models if type(model) is kind))
        assert given == set(kind.model_fields), kind.__name__
    assert len(CASES) > 150


def _line_of(text: str, marker: str) -> int:
    (line,) = [number for number, content in enumerate(text.splitlines(), 1) if marker in content]
    return line


@pytest.mark.parametrize(("path", "wrong", "expected"), CASES)
def test_wrong_shape_is_a_located_error(path: tuple[str | int, ...], wrong: object, expected: str) -> None:
    text = yaml.safe_dump(_replaced(path, wrong), sort_keys=False, default_flow_style=False)
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, filename="f.yaml")
    errors = caught.value.errors
    assert all(problem.line is not None and problem.file == "f.yaml" for problem in errors), errors
    here = [problem for problem in errors if problem.path == _path_text(path)]
    assert here, [str(problem) for problem in errors]
    assert expected in here[0].message
    if wrong is not None:
        assert here[0].line == _line_of(text, WRONG)


@pytest.mark.parametrize(("path", "wrong", "expected"), CASES)
def test_wrong_shape_in_json_is_a_located_error(path: tuple[str | int, ...], wrong: object, expected: str) -> None:
    text = json.dumps(_replaced(path, wrong), indent=1)
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, "json", filename="f.json")
    here = [problem for problem in caught.value.errors if problem.path == _path_text(path)]
    assert here and expected in here[0].message
    assert all(problem.line is not None for problem in caught.value.errors)


def test_wrong_shapes_and_broken_references_are_reported_at_once() -> None:
    text = """\
govgraph: 1
name: Several
sources: [doc]
levels: [top]
bodies:
  - {id: council, name: Council, kind: board, members: [group], sources: [doc]}
  - [group]
relationships:
  - [group, reports_to, council]
  - {source: council, kind: reports_to, target: nobody}
waivers: [x]
"""
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, filename="f.yaml")
    assert [str(problem) for problem in caught.value.errors] == [
        "f.yaml:3:11: error: sources[0]: expected a mapping (key: value), got 'doc' (str)",
        "f.yaml:4:10: error: levels[0]: expected a mapping (key: value), got 'top' (str)",
        "f.yaml:6:57: error: bodies[0].members[0]: expected a mapping (key: value), got 'group' (str)",
        "f.yaml:6:75: error: bodies[0].sources[0]: expected a mapping (key: value), got 'doc' (str)",
        "f.yaml:7:5: error: bodies[1]: expected a mapping (key: value), got a list",
        "f.yaml:9:5: error: relationships[0]: expected a mapping (key: value), got a list",
        "f.yaml:10:49: error: relationships[1].target: unknown body 'nobody'; bodies: council",
        "f.yaml:11:11: error: waivers[0]: expected a mapping (key: value), got 'x' (str)",
    ]


@pytest.mark.parametrize(
    "wrong",
    ["sources: [doc]", "levels: [top]", "waivers: [x]", "relationships: [[a, reports_to, b]]", "metadata: [1]"],
)
def test_the_cli_reports_a_wrong_shape_without_an_internal_error(
    wrong: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"govgraph: 1\nname: X\nbodies: [{{id: a, name: A, kind: board}}]\n{wrong}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{path}:4:") and "expected a mapping (key: value)" in error
    assert "internal error" not in error and len(error.splitlines()) == 1


def _records(path: tuple[str | int, ...] = (), value: object = FULL) -> Iterator[tuple[str | int, ...]]:
    """The path of every record (a mapping with fixed keys) in FULL, the file itself first."""
    if isinstance(value, dict) and not (path[-1:] and path[-1] in FREE_FORM):
        yield path
        for key, item in value.items():
            yield from _records((*path, key), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _records((*path, index), item)


@pytest.mark.parametrize("path", [pytest.param(path, id=_path_text(path) or "top") for path in _records()])
@pytest.mark.parametrize(("key", "shown"), [(1, "1 (a number)"), (None, "nothing (null)")])
def test_a_key_that_is_not_text_is_a_located_error(path: tuple[str | int, ...], key: object, shown: str) -> None:
    document = copy.deepcopy(FULL)
    record: Any = document
    for part in path:
        record = record[part]
    record[key] = WRONG
    text = yaml.safe_dump(document, sort_keys=False, default_flow_style=False)
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, filename="f.yaml")
    (problem,) = caught.value.errors
    assert problem.path == _path_text(path) and problem.line is not None
    assert problem.message.startswith(f"unknown key {shown}; keys are text, allowed keys: ")
