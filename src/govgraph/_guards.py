"""Checks beyond the model's: how deep JSON nests, and what free-form values hold.

YAML's reader refuses nesting deeper than :data:`~govgraph._limits.MAX_DEPTH` as
it reads; JSON is parsed by ``json`` or pydantic-core, which nest up to about a
thousand levels and then fail on their own terms. :func:`first_too_deep` finds
where a JSON text first nests too deep, with the path YAML's reader would give.

Free-form values (``metadata`` and ``checks``) are kept as they are and written
back on a dump, so they must be writable: :func:`free_form_problems` refuses
numbers JSON cannot hold (infinity, NaN) and, where a parser did not already,
nesting deeper than the limit, which is the same on load and on dump.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from typing import Any

from . import _limits

__all__ = [
    "HALF_A_SURROGATE",
    "TOO_DEEP",
    "TOO_MANY_DIGITS",
    "first_too_deep",
    "free_form_problems",
    "free_form_values",
    "nests_too_deep",
    "too_long_a_number",
    "unwritable_text",
]

Path = tuple[str | int, ...]

TOO_DEEP = f"nested more than {_limits.MAX_DEPTH} levels deep"

# A JSON string, or one of the characters that give a JSON document its shape.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


def first_too_deep(text: str) -> tuple[int, Path] | None:
    """Where a JSON text opens a collection deeper than the limit: (index, path).

    The path is the one YAML's reader reports for the same document: that of
    the collection that goes one level too deep. O(length of the text before it);
    run only when a document is known to be too deep.

    >>> index, path = first_too_deep('{"a": ' + "[" * 200)
    >>> index, path[:3], len(path)
    (105, ('a', 0, 0), 100)
    >>> first_too_deep('{"a": [1, 2, {"b": []}]}') is None
    True
    """
    # Each frame: [is_mapping, key or index, expecting a key].
    stack: list[list[Any]] = []
    for match in _TOKENS.finditer(text):
        token = match.group()
        first = token[0]
        if first in "[{":
            if len(stack) >= _limits.MAX_DEPTH:
                return match.start(), tuple(frame[1] for frame in stack)
            stack.append([first == "{", None if first == "{" else 0, True])
        elif first in "]}":
            if stack:
                stack.pop()
        elif not stack:
            continue
        elif first == ",":
            top = stack[-1]
            if top[0]:
                top[2] = True
            else:
                top[1] += 1
        elif first == ":":
            stack[-1][2] = False
        elif stack[-1][0] and stack[-1][2]:  # a key
            try:
                stack[-1][1] = json.loads(token)
            except ValueError:
                stack[-1][1] = token[1:-1]
    return None


def free_form_values(data: Any) -> Iterator[tuple[Path, Any, int]]:
    """(path, value, depth) of each free-form value of a structure, as a validated
    :class:`~govgraph.Structure` or as raw data read from a file (where anything
    not shaped as the format says is left to the model's own errors). ``depth``
    counts the collections the value is nested in, the file itself counted.
    """
    raw = isinstance(data, dict)
    if raw:
        for key in ("checks", "metadata"):
            if key in data:
                yield (key,), data[key], 1
        for section in ("bodies", "relationships"):
            items = data.get(section)
            if isinstance(items, list):
                for index, item in enumerate(items):
                    if isinstance(item, dict) and "metadata" in item:
                        yield (section, index, "metadata"), item["metadata"], 3
        return
    yield ("checks",), data.checks, 1
    yield ("metadata",), data.metadata, 1
    for section in ("bodies", "relationships"):
        for index, item in enumerate(getattr(data, section)):
            if item.metadata:
                yield (section, index, "metadata"), item.metadata, 3


def free_form_problems(data: Any) -> tuple[list[tuple[Path, str]], Path | None]:
    """Problems of a structure's free-form values (see :func:`free_form_values`):
    numbers that cannot be written back (infinity, NaN, more digits than Python
    writes) in metadata, and text that cannot (half a surrogate pair, in a value
    or a key), as (path, message), and the path of a collection
    nested deeper than the limit, if one is (not necessarily the first in the
    file: for that, see :func:`first_too_deep`)."""
    problems: list[tuple[Path, str]] = []
    too_deep: Path | None = None
    for path, value, depth in free_form_values(data):
        # A rule's options (under checks) are validated by the rule, which refuses such numbers itself.
        numbers = path[0] != "checks"
        pending = [(path, value, depth)]
        while pending:
            here, current, level = pending.pop()
            if isinstance(current, dict | list):
                if level >= _limits.MAX_DEPTH:
                    too_deep = too_deep or here
                    continue
                items = current.items() if isinstance(current, dict) else enumerate(current)
                pending.extend(((*here, _written(key)), item, level + 1) for key, item in items)
                if isinstance(current, dict):
                    problems.extend(
                        ((*here, _written(key)), f"a key that is {HALF_A_SURROGATE}")
                        for key in current
                        if unwritable_text(key)
                    )
            elif isinstance(current, str):
                if unwritable_text(current):
                    problems.append((here, HALF_A_SURROGATE))
            elif numbers and isinstance(current, float) and not math.isfinite(current):
                problems.append((here, _not_finite(current)))
            elif numbers and type(current) is int and too_long_a_number(current):
                problems.append((here, TOO_MANY_DIGITS))
    problems.sort(key=lambda problem: tuple(map(str, problem[0])))
    return problems, too_deep


#: The problem of text holding half a surrogate pair, which JSON can escape
#: ("\ud800" alone) but no UTF-8 file can hold: it could be read, never written.
HALF_A_SURROGATE = "not valid text: it holds half a surrogate pair (an escape such as \\ud800 alone)"


def unwritable_text(value: object) -> bool:
    r"""True for text holding half a surrogate pair (see :data:`HALF_A_SURROGATE`).

    >>> unwritable_text("Devon"), unwritable_text("Tor\u00e9"), unwritable_text("x\ud800"), unwritable_text(1)
    (False, False, True, False)
    """
    if not isinstance(value, str) or value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _written(key: Any) -> Any:
    # A path names a key with half a surrogate pair by its escape: a message must be writable.
    return key.encode("utf-8", "backslashreplace").decode("utf-8") if unwritable_text(key) else key


def nests_too_deep(value: Any) -> bool:
    """True if any collection in ``value`` (the whole document) nests deeper than the limit."""
    pending = [(value, 1)]
    while pending:
        current, level = pending.pop()
        if isinstance(current, dict | list):
            if level > _limits.MAX_DEPTH:
                return True
            pending.extend((item, level + 1) for item in (current.values() if isinstance(current, dict) else current))
    return False


def too_long_a_number(number: int) -> bool:
    """True for a whole number Python will not write out in decimal (see
    :func:`sys.get_int_max_str_digits`): it could be read but not written back."""
    limit = sys.get_int_max_str_digits()
    if not limit or number.bit_length() < 3 * limit:  # fewer than limit decimal digits
        return False
    try:
        str(number)
    except ValueError:
        return True
    return False


#: The problem of a whole number too long for Python to write out.
TOO_MANY_DIGITS = (
    f"a whole number of more than {sys.get_int_max_str_digits() or 4300} digits cannot be kept; "
    "put it in quotes to keep it as text"
)


def _not_finite(number: float) -> str:
    shown = "not a number (NaN)" if math.isnan(number) else f"{'-' if number < 0 else ''}infinity"
    return f"{shown} cannot be kept: JSON has no such number; put it in quotes to keep it as text"
