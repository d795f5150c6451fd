"""Finding where given paths are in a YAML or JSON document, by reading it again.

Positions cost nothing unless there is an error to report: :func:`locate` is
called only then, with the paths the errors name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events

from .scalars import Path, _events, _position, _scalar, _Unreadable

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _key(event: events.ScalarEvent) -> Any:
    try:
        return _scalar(event)[0]
    except _Unreadable:
        return event.value  # as read() keeps it


@dataclass(frozen=True)
class Located:
    """Where a path's value starts, and where its key is (for mapping entries)."""

    value: tuple[int, int]
    key: tuple[int, int] | None


def locate(text: str, paths: Iterable[Path]) -> dict[Path, Located]:
    """Find where each of ``paths`` (and their prefixes) are in a YAML or JSON text.

    Paths that do not exist are simply absent from the result; the caller falls
    back to the nearest prefix that does.

    >>> found = locate("a:\\n  - x\\n  - {b: 1}\\n", [("a", 1, "b")])
    >>> found[("a", 1, "b")]
    Located(value=(3, 9), key=(3, 6))
    >>> found[("a", 1)].value
    (3, 5)
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # half a surrogate pair, from Python: libyaml reads none; same length
        text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    if "\\u" in text:  # JSON escapes surrogates (json.dumps writes an emoji so); YAML does not: same length
        text = _SURROGATE_ESCAPE.sub(r"\\ufffd", text)
    wanted: set[Path] = set()
    for path in paths:
        wanted.update(path[:end] for end in range(len(path) + 1))
    found: dict[Path, Located] = {}
    keys: dict[Path, tuple[int, int]] = {}
    # Each frame: [path, is_mapping, expecting_key, current_key, next_index]
    stack: list[list[Any]] = []

    def node_path() -> Path | None:
        if not stack:
            return ()
        path, is_mapping, expecting_key, key, index = stack[-1]
        if path is None:
            return None
        if is_mapping:
            return None if expecting_key or key is None else (*path, key)
        return (*path, index)

    def advance(scalar_key: Any = None) -> None:
        if not stack:
            return
        top = stack[-1]
        if top[1]:
            if top[2]:
                top[3] = scalar_key
            top[2] = not top[2]
        else:
            top[4] += 1

    try:
        for event in _events(text):
            if isinstance(
                event, events.ScalarEvent | events.AliasEvent | events.MappingStartEvent | events.SequenceStartEvent
            ):
                here = node_path()
                position = _position(event.start_mark)
                if stack and stack[-1][1] and stack[-1][2]:  # a mapping key
                    key = _key(event) if isinstance(event, events.ScalarEvent) else None
                    parent = stack[-1][0]
                    if parent is not None and isinstance(key, str | int) and (*parent, key) in wanted:
                        keys.setdefault((*parent, key), position)
                    if isinstance(event, events.MappingStartEvent | events.SequenceStartEvent):
                        stack.append([None, isinstance(event, events.MappingStartEvent), True, None, 0])
                    else:
                        advance(key)
                    continue
                if here is not None and here in wanted and here not in found:
                    found[here] = Located(position, keys.get(here))
                    if len(found) == len(wanted):  # all found: the rest of a long file need not be read
                        break
                if isinstance(event, events.MappingStartEvent):
                    stack.append([here if here in wanted else None, True, True, None, 0])
                elif isinstance(event, events.SequenceStartEvent):
                    stack.append([here if here in wanted else None, False, True, None, 0])
                else:
                    advance()
            elif isinstance(event, events.MappingEndEvent | events.SequenceEndEvent):
                stack.pop()
                advance(None)
    except yaml.YAMLError:
        pass
    return found
