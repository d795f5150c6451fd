"""Loading structures from YAML or JSON, and saving them.

Loading never stops at the first problem and never hides one: every problem in
a file is reported with ``FILE:LINE:COLUMN``, its path in the document and what
would be valid, as one :class:`~govgraph.errors.StructureError`.

>>> loads('''
... govgraph: 1
... name: Example
... bodies:
...   - {id: a, name: A, kind: comittee, sovereign: "yes"}
... ''', filename="x.yaml")
Traceback (most recent call last):
  ...
govgraph.errors.StructureError: x.yaml:5:28: error: bodies[0].kind: 'comittee' is not a valid body kind (did you mean 'committee'?); expected one of: board, committee, executive_group, forum, local_planning_group, network, organisation, other, partnership, post, scrutiny_body, statutory_body, strategic_planning_group, sub_group, task_group
x.yaml:5:49: error: bodies[0].sovereign: expected true or false, got 'yes' (str)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from .. import _yaml
from .._files import gc_paused
from .._guards import free_form_problems, nests_too_deep
from ..errors import Problem, StructureError
from ..model import Structure, _describe, with_reference_problems
from ..model.document import rows_document
from .dumping import dump, dumps
from .explain import _explain, _located, _problems, position
from .json_text import _load_json_fast, _of_rows, _read_json, _too_deep
from .text import Format, format_of, format_path, read_text

__all__ = [
    "dump",
    "dumps",
    "format_of",
    "format_path",
    "load",
    "load_all",
    "loads",
    "position",
    "read_document",
    "read_text",
]


def read_document(text: str, format: Format, filename: str) -> Any:
    """Parse text to plain values, raising :class:`StructureError` on any problem."""
    if format == "json":
        data = _read_json(text, filename)
        if nests_too_deep(data):  # as YAML's reader refuses it; config files are small
            raise StructureError([_too_deep(text, filename)])
        return data
    value, found = _yaml.read(text)
    if found:
        raise StructureError([Problem(filename, p.line, p.column, format_path(p.path), p.message) for p in found])
    return value


def loads(text: str, format: Format = "yaml", *, filename: str | None = None) -> Structure:
    """Read a structure from YAML or JSON text.

    Raises :class:`~govgraph.errors.StructureError` listing every problem.
    """
    if format not in ("yaml", "json"):
        raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")
    name = filename or f"<{format}>"
    with gc_paused():
        return _loads(text, format, name)


def _loads(text: str, format: Format, name: str) -> Structure:
    fast = _load_json_fast(text) if format == "json" else None
    return fast if fast is not None else _loads_exactly(text, format, name)


def _loads_exactly(text: str, format: Format, name: str) -> Structure:
    if format == "json":
        data = _read_json(text, name)
        reading: list[Problem] = []
        unreadable: set[str] = set()
    else:
        data, found = _yaml.read(text)
        reading = [Problem(name, p.line, p.column, format_path(p.path), p.message) for p in found]
        unreadable = {format_path(p.path) for p in found if p.replaces_value}
        if data is None and not reading:
            reading.append(
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "the file is empty: a structure needs at least 'govgraph: 1', a name and a list of bodies",
                )
            )
        if data is None:
            raise StructureError(reading)
    if not isinstance(data, dict):
        raise StructureError(
            [
                *reading,
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "a structure file is a mapping with the keys "
                    f"govgraph, name, bodies and so on, not {_describe(data)}",
                ),
            ]
        )
    free, too_deep = free_form_problems(data)
    if too_deep is not None:
        # Nesting that pydantic-core and json accept, but not YAML's reader, can load
        # only through free-form values (the model refuses it anywhere else).
        raise StructureError([_too_deep(text, name)])
    # Numbers JSON cannot hold (.inf, .nan, 1e999) and half a surrogate pair ("\ud800"
    # in JSON) would not survive a dump: refused in free-form values, the one place
    # the model accepts them.
    unwritable = [(path, False, message) for path, message in free]
    if "govgraph" not in data:  # optional in Python, required in files so the version is explicit
        reading.append(Problem(name, 1, 1, "", "missing required field 'govgraph': start the file with 'govgraph: 1'"))
    if not reading and not unwritable:
        try:
            fast = _of_rows(rows_document().validate_python(data))
        except ValidationError:
            fast = None  # the models say what is wrong, below
        if fast is not None:
            return fast
    try:
        structure = Structure.model_validate(data)
    except ValidationError as error:
        if format == "json" and nests_too_deep(data):  # the one problem YAML's reader would report
            raise StructureError([_too_deep(text, name)]) from None
        details = error.errors(include_url=False)
        if any(detail["type"] == "too_long" for detail in details):
            # A list longer than govgraph reads, as YAML's reader stops at: nothing
            # else is looked at (a million waivers would each be cross-checked).
            too_long = [_explain(detail) for detail in details if detail["type"] == "too_long"]
            raise StructureError(_located(too_long, text, name)) from None
        explained = _problems(with_reference_problems(error, data), text, name)
        if unreadable:  # a value the reader could not read was kept as text: one problem for it, not two
            explained = [problem for problem in explained if problem.path not in unreadable]
        raise StructureError(reading + explained + _located(unwritable, text, name)) from None
    if reading or unwritable:
        raise StructureError(reading + _located(unwritable, text, name))
    return structure


def load(path: str | os.PathLike[str]) -> Structure:
    """Read a structure from a ``.yaml``, ``.yml`` or ``.json`` file."""
    format = format_of(path)
    return loads(read_text(path), format, filename=os.fspath(path))


def load_all(paths: Iterable[str | os.PathLike[str]]) -> list[Structure]:
    """Read several structures (before and after a restructure, say), in order; the problems
    of every file are raised together, in one :class:`StructureError`."""
    problems: list[Problem] = []
    loaded: list[Structure] = []
    for path in paths:
        try:
            loaded.append(load(path))
        except StructureError as error:
            problems.extend(error.errors)
    if problems:
        raise StructureError(problems)
    return loaded
