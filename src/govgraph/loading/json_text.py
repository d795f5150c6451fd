"""JSON text: the strict reader that says where a problem is, and the fast path
that validates a whole file inside pydantic-core into rows (see
:mod:`govgraph.model.table`), proving no key was given twice by counting."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import _getters as get
from .. import _yaml
from .._guards import TOO_DEEP, TOO_MANY_DIGITS, first_too_deep, too_long_a_number, unwritable_text
from .._limits import MAX_DEPTH
from ..errors import Problem, StructureError
from ..model import Structure, _cross_reference_problems
from ..model.document import rows_document
from ..model.table import Table
from .text import format_path

__all__: list[str] = []


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
        rows = rows_document().validate_json(text)
    except ValidationError:
        return None
    if "govgraph" not in rows:
        return None
    structure = Structure._of_rows(rows)
    keys = _keys_held(rows, structure._table)
    return _resolved(structure) if keys is not None and keys == quoted_colons else None


def _of_rows(rows: dict[str, Any]) -> Structure | None:
    """The structure of a document validated with rows (:mod:`govgraph.model.table`),
    its bodies and relationships made models only when asked for; ``None`` when
    a reference is broken, for the models to say where."""
    return _resolved(Structure._of_rows(rows))


def _resolved(structure: Structure) -> Structure | None:
    """``structure`` when every reference in it resolves, read on its rows' columns."""
    return None if _cross_reference_problems(structure) else structure


_flat = itertools.chain.from_iterable


def _given(models: Iterable[BaseModel]) -> int:
    return sum(map(len, map(get.FIELDS_SET, models)))


def _keys_held(rows: dict[str, Any], table: Table) -> int | None:
    """How many keys the JSON objects behind a document validated with rows had:
    the keys of each row, the fields given for each model (defaults are not
    counted) and the keys of free-form mappings; ``None`` if a free-form value is
    not a finite number (NaN, Infinity). ``table`` holds the rows of bodies and
    relationships, whose columns the reference checks read next."""
    count = len(rows)
    for section in ("sources", "levels", "areas", "service_areas", "waivers"):
        count += _given(rows.get(section, ()))
    bodies, relations = rows["bodies"], rows.get("relationships", ())
    count += sum(map(len, bodies)) + sum(map(len, relations))
    count += _given(_flat(table.column("members")))
    count += _given(_flat(table.column("sources"))) + _given(_flat(table.relationship_column("sources")))
    recommendations, stages = rows.get("recommendations", ()), rows.get("stages", ())
    if recommendations or stages:
        updates = list(_flat(map(get.UPDATES, recommendations)))
        count += _given(stages) + _given(recommendations) + _given(updates)
        count += _given(_flat(map(get.SOURCES, recommendations))) + _given(_flat(map(get.SOURCES, updates)))
    # Free-form values, with the collections they are nested in (the file, and for
    # a body's metadata the list of bodies and the body; likewise relationships and recommendations).
    free = [(rows.get("checks", {}), 1), (rows.get("metadata", {}), 1)]
    free += ((value, 3) for value in filter(None, map(get.METADATA, recommendations)))
    free += ((value, 3) for value in filter(None, table.column("metadata")))
    free += ((value, 3) for value in filter(None, table.relationship_column("metadata")))
    for value, depth in free:
        keys = _mapping_keys(value, depth)
        if keys is None:
            return None
        count += keys
    return count


def _mapping_keys(value: Any, depth: int) -> int | None:
    """Keys in all the mappings nested in a free-form value; ``None`` if it holds a
    number strict JSON cannot write or text no file can (half a surrogate pair),
    or nests deeper than the limit, counting the ``depth`` collections it is in."""
    count, pending = 0, [(value, depth)]
    while pending:
        current, level = pending.pop()
        if isinstance(current, dict):
            if level >= MAX_DEPTH or any(map(unwritable_text, current)):
                return None
            count += len(current)
            pending.extend((item, level + 1) for item in current.values())
        elif isinstance(current, list):
            if level >= MAX_DEPTH:
                return None
            pending.extend((item, level + 1) for item in current)
        elif (
            (isinstance(current, float) and not math.isfinite(current))
            or (type(current) is int and too_long_a_number(current))
            or unwritable_text(current)
        ):
            return None
    return count
