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

import itertools
import json
import math
import os
import re
import typing
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from . import _getters as get
from . import _yaml
from ._files import gc_paused, read_regular_file, write_atomically
from ._guards import TOO_DEEP, TOO_MANY_DIGITS, first_too_deep, free_form_problems, nests_too_deep, too_long_a_number
from ._hints import did_you_mean, one_of
from ._limits import MAX_DEPTH, list_limit, too_many
from .errors import Problem, StructureError
from .model import Structure, _describe, shortcuts, with_reference_problems

__all__ = ["dump", "dumps", "format_path", "load", "load_all", "loads", "position", "read_document", "read_text"]

Format = Literal["yaml", "json"]
_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


# -- reading ------------------------------------------------------------------


def format_path(path: _yaml.Path) -> str:
    """Write a document path the way messages do.

    >>> format_path(("bodies", 3, "members", 0, "sector"))
    'bodies[3].members[0].sector'
    >>> format_path(("checks", "coverage-gap", "kind"))
    'checks.coverage-gap.kind'
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def format_of(path: str | os.PathLike[str]) -> Format:
    """``yaml`` or ``json``, from a file name's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise StructureError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "",
                    f"cannot tell the format from the suffix '{suffix}': name the file .yaml, .yml or .json",
                )
            ]
        )
    return _SUFFIXES[suffix]


def read_text(path: str | os.PathLike[str]) -> str:
    """A structure or config file's text; :class:`StructureError` where it is not UTF-8,
    not a regular file or too large (see :func:`govgraph._files.read_regular_file`)."""
    return _decode(read_regular_file(path), os.fspath(path))


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise StructureError([Problem(filename, line, column, "", "not UTF-8 text: save the file as UTF-8")]) from None


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in strict JSON")


_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity|-?[0-9]{1000,})')


def _constant_position(text: str) -> tuple[int, int]:
    """Line and column of the first NaN, Infinity or very long number outside a string."""
    for match in _CONSTANT.finditer(text):
        if match.group(1):
            index = match.start(1)
            return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    return 1, 1


class _DuplicateKeys(Exception):
    pass


def _read_json(text: str, filename: str) -> Any:
    def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            raise _DuplicateKeys
        return mapping

    try:
        return json.loads(text, object_pairs_hook=unique_pairs, parse_constant=_reject_constant)
    except RecursionError:  # nested about a thousand levels deep
        raise StructureError([_too_deep(text, filename)]) from None
    except json.JSONDecodeError as error:
        raise StructureError(
            [Problem(filename, error.lineno, error.colno, "", f"not valid JSON: {error.msg}")]
        ) from None
    except ValueError as error:  # NaN, Infinity, or a number of more digits than Python reads
        line, column = _constant_position(text)
        message = TOO_MANY_DIGITS if str(error).startswith("Exceeds the limit") else f"not valid JSON: {error}"
        raise StructureError([Problem(filename, line, column, "", message)]) from None
    except _DuplicateKeys:
        # Rare: read again, slowly, to say where each duplicate is.
        _, found = _yaml.read(text)
        problems = [
            Problem(filename, p.line, p.column, format_path(p.path), p.message)
            for p in found
            if p.message.startswith("duplicate key")
        ]
        raise StructureError(problems or [Problem(filename, 1, 1, "", "duplicate key in a JSON object")]) from None


# Whitespace between a key and its colon would hide the key from the count below.
_SPACED_COLONS = (" :", "\t:", "\n:", "\r:")


def _too_deep(text: str, filename: str) -> Problem:
    """The problem of a JSON text that nests deeper than the limit: where it first
    does, with the same message and path as YAML's reader gives."""
    found = first_too_deep(text)
    if found is None:  # not reached: json gave up, the scan did not
        return Problem(filename, 1, 1, "", TOO_DEEP)
    index, path = found
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return Problem(filename, line, column, format_path(path), TOO_DEEP)


def _load_json_fast(text: str) -> Structure | None:
    """The structure in JSON ``text``, parsed and validated in one pass inside
    pydantic-core; ``None`` whenever the exact, slower path must decide: any
    problem, or anything the strict reader would refuse that this one accepts.

    pydantic-core's parser keeps the last of duplicate keys and reads ``NaN``
    and ``Infinity``, which only free-form mappings can hold: those are looked
    through. Duplicates are ruled out by counting. With no whitespace before any
    colon, each ``":`` in the text ends a key or is an escaped quote inside a
    string, so when their number equals the number of keys the validated
    objects hold, no key was given twice and nothing was dropped.
    O(length of the text).
    """
    quoted_colons = text.count('":')
    # When every colon follows a quote none follows whitespace: one fast count
    # instead of a search for each kind of whitespace.
    if text.count(":") != quoted_colons and any(spaced in text for spaced in _SPACED_COLONS):
        return None
    try:
        structure = Structure.model_validate_json(text)
    except ValidationError:
        return None
    if "govgraph" not in structure.model_fields_set:
        return None
    keys = _keys_held(structure)
    return structure if keys is not None and keys == quoted_colons else None


_flat = itertools.chain.from_iterable


def _given(models: Iterable[BaseModel]) -> int:
    return sum(map(len, map(get.FIELDS_SET, models)))


def _keys_held(structure: Structure) -> int | None:
    """How many keys the JSON objects behind a validated structure had: the fields
    given for each model (defaults are not counted) and the keys of free-form
    mappings; ``None`` if a free-form value is not a finite number (NaN, Infinity)."""
    count = 0
    for section in (structure.sources, structure.levels, structure.areas, structure.service_areas, structure.waivers):
        count += _given(section)
    bodies, relations = structure.bodies, structure.relationships
    count += _given([structure]) + _given(bodies) + _given(relations)
    count += _given(_flat(map(get.MEMBERS, bodies)))
    count += _given(_flat(map(get.SOURCES, bodies))) + _given(_flat(map(get.SOURCES, relations)))
    recommendations = structure.recommendations
    if recommendations or structure.stages:
        updates = list(_flat(map(get.UPDATES, recommendations)))
        count += _given(structure.stages) + _given(recommendations) + _given(updates)
        count += _given(_flat(map(get.SOURCES, recommendations))) + _given(_flat(map(get.SOURCES, updates)))
    # Free-form values, with the collections they are nested in (the file, and for
    # a body's metadata the list of bodies and the body; likewise relationships and recommendations).
    free = [(structure.checks, 1), (structure.metadata, 1)]
    free += ((value, 3) for value in filter(None, map(get.METADATA, recommendations)))
    free += ((value, 3) for value in filter(None, map(get.METADATA, bodies)))
    free += ((value, 3) for value in filter(None, map(get.METADATA, relations)))
    for value, depth in free:
        keys = _mapping_keys(value, depth)
        if keys is None:
            return None
        count += keys
    return count


def _mapping_keys(value: Any, depth: int) -> int | None:
    """Keys in all the mappings nested in a free-form value; ``None`` if it holds a
    number strict JSON cannot write, or nests deeper than the limit, counting the
    ``depth`` collections it is in."""
    count, pending = 0, [(value, depth)]
    while pending:
        current, level = pending.pop()
        if isinstance(current, dict):
            if level >= MAX_DEPTH:
                return None
            count += len(current)
            pending.extend((item, level + 1) for item in current.values())
        elif isinstance(current, list):
            if level >= MAX_DEPTH:
                return None
            pending.extend((item, level + 1) for item in current)
        elif (isinstance(current, float) and not math.isfinite(current)) or (
            type(current) is int and too_long_a_number(current)
        ):
            return None
    return count


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
    # Numbers JSON cannot hold (.inf, .nan, 1e999) would not survive a dump: refused
    # in metadata, the one place the model accepts them.
    not_finite = [(path, False, message) for path, message in free]
    if "govgraph" not in data:  # optional in Python, required in files so the version is explicit
        reading.append(Problem(name, 1, 1, "", "missing required field 'govgraph': start the file with 'govgraph: 1'"))
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
        raise StructureError(reading + explained + _located(not_finite, text, name)) from None
    if reading or not_finite:
        raise StructureError(reading + _located(not_finite, text, name))
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


# -- explaining validation errors ----------------------------------------------


def _find(annotation: Any, wanted: Callable[[Any], bool]) -> Any:
    """The first type inside an annotation (through list[], X | None, Annotated) that is wanted."""
    queue = [annotation]
    while queue:
        current = queue.pop(0)
        if wanted(current):
            return current
        queue.extend(typing.get_args(current))
    return None


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


def _annotation_at(loc: tuple[Any, ...]) -> Any:
    annotation: Any = Structure
    for part in loc:
        if isinstance(part, int):
            continue
        model = _find(annotation, _is_model)
        if model is None:
            return None
        fields = {field.alias or name: field for name, field in model.model_fields.items()}
        if part not in fields:
            return None
        annotation = fields[part].annotation
    return annotation


def _explain(detail: Any) -> tuple[_yaml.Path, bool, str]:
    """(path to point at, point at the key?, message) for one pydantic error."""
    kind, loc, value = detail["type"], tuple(detail["loc"]), detail.get("input")
    if "[key]" in loc:  # a mapping key of the wrong type, e.g. metadata: {1: one}
        parent = loc[: loc.index("[key]") - 1]
        return parent, False, f"mapping keys must be text, got {_describe(value)}; put it in quotes"
    name = str(loc[-1]).replace("_", " ") if loc else "value"
    if kind == "missing":
        return loc[:-1], False, f"missing required field '{loc[-1]}'"
    if kind == "invalid_key":  # a key that is not text where a model's fields are, e.g. bodies: [{1: x}]
        model = _find(_annotation_at(loc[:-1]), _is_model)
        allowed = [field.alias or name for name, field in model.model_fields.items()] if model else []
        return loc[:-1], False, f"unknown key {_describe(value)}; keys are text, allowed keys: {', '.join(allowed)}"
    if kind == "extra_forbidden":
        model = _find(_annotation_at(loc[:-1]), _is_model)
        allowed = [field.alias or name for name, field in model.model_fields.items()] if model else []
        return loc, True, f"unknown key '{loc[-1]}'{did_you_mean(loc[-1], allowed)}; allowed keys: {', '.join(allowed)}"
    if kind == "enum":
        enum = _find(_annotation_at(loc), _is_enum)
        choices = [member.value for member in enum] if enum else []
        what = {"kind": "body kind" if "bodies" in loc[:1] else "relationship kind"}.get(str(loc[-1]), name)
        if isinstance(value, list | dict):
            return loc, False, f"expected a {what}, one of: {one_of(choices)}; got {_describe(value)}"
        return (
            loc,
            False,
            f"{value!r} is not a valid {what}{did_you_mean(value, choices)}; expected one of: {one_of(choices)}",
        )
    if kind == "string_type":
        quote = (
            "; put it in quotes to make it text"
            if isinstance(value, int | float | bool) or hasattr(value, "isoformat")
            else ""
        )
        return loc, False, f"expected text, got {_describe(value)}{quote}"
    if kind == "string_unicode":  # JSON can escape half a surrogate pair ("\ud800")
        return loc, False, "not valid text: it holds half a surrogate pair (an escape such as \\ud800 alone)"
    if kind in ("bool_type", "bool_parsing"):
        return loc, False, f"expected true or false, got {_describe(value)}"
    if kind == "list_type":
        return loc, False, f"expected a list, got {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return loc, False, f"expected a mapping (key: value), got {_describe(value)}"
    if kind == "too_long" and isinstance(value, list) and list_limit(loc):  # see _limits
        return loc, False, too_many(list_limit(loc) or 0)
    if kind == "too_short" and loc == ("bodies",):
        return loc, False, "a structure needs at least one body"
    if kind in ("string_pattern_mismatch", "string_too_long"):
        if isinstance(value, str) and not value.strip():
            return loc, False, "must not be empty"
        return (
            loc,
            False,
            (
                f"{value!r} is not a valid id: use at most 100 letters, digits, '.', '_' and '-', "
                "starting with a letter or digit"
            ),
        )
    message = detail["msg"].removeprefix("Value error, ")
    at_key = kind == "reference" and loc[:1] == ("checks",) and message.startswith(("unknown rule", "unknown option"))
    return loc, at_key, message


def position(located: dict[_yaml.Path, _yaml.Located], path: _yaml.Path, at_key: bool) -> tuple[int, int]:
    """Line and column for a problem at ``path``, from :func:`_yaml.locate`'s answer.

    A path that is not in the document (a missing field) points at the nearest
    enclosing one; ``at_key`` points at a mapping entry's key rather than its value.
    """
    prefix = path
    while prefix not in located and prefix:
        prefix = prefix[:-1]
    where = located.get(prefix)
    if where is None:
        return (1, 1)
    return where.key if at_key and where.key and prefix == path else where.value


def _problems(error: ValidationError, text: str, filename: str) -> list[Problem]:
    return _located([_explain(detail) for detail in error.errors(include_url=False)], text, filename)


def _located(explained: list[tuple[_yaml.Path, bool, str]], text: str, filename: str) -> list[Problem]:
    """Problems for (path, point at the key?, message) triples, with their places in ``text``."""
    if not explained:
        return []
    located = _yaml.locate(text, [path for path, _, _ in explained])
    return [
        Problem(filename, *position(located, path, at_key), format_path(path), message)
        for path, at_key, message in explained
    ]


# -- writing --------------------------------------------------------------------


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe YAML dumper that writes enum members as their text."""


_Dumper.add_multi_representer(StrEnum, lambda dumper, value: dumper.represent_str(value.value))


def _plain(structure: Structure, mode: Literal["python", "json"]) -> dict[str, Any]:
    # Defaults are left out so files stay short; the version always leads.
    data = structure.model_dump(mode=mode, exclude_defaults=True)
    data.pop("govgraph", None)
    return {"govgraph": structure.govgraph, **data}


def dumps(structure: Structure, format: Format = "yaml") -> str:
    """The structure as YAML or JSON text, keys in a fixed order so dumps diff cleanly."""
    not_finite, too_deep = free_form_problems(structure)
    if too_deep is not None:  # what loading refuses, dumping does not write
        raise StructureError([Problem(None, None, None, format_path(too_deep), TOO_DEEP)])
    if not_finite:  # JSON would write null, YAML a number JSON cannot hold
        raise StructureError([Problem(None, None, None, format_path(path), message) for path, message in not_finite])
    if format == "json":
        return json.dumps(_plain(structure, "json"), indent=2, ensure_ascii=False) + "\n"
    if format == "yaml":
        text: str = yaml.dump(
            _plain(structure, "python"),
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
        return text
    raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")


def dump(structure: Structure, path: str | os.PathLike[str], *, format: Format | None = None) -> Path:
    """Write the structure to ``path`` atomically, in the format its suffix names."""
    return write_atomically(path, dumps(structure, format or format_of(path)))


# Structure.dump and Structure.dumps are shortcuts to these functions.
shortcuts.dump.fill(dump)
shortcuts.dumps.fill(dumps)
