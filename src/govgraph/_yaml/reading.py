"""Reading one YAML document into plain values, with every problem located.

:func:`read` builds plain values from libyaml's event stream in one iterative
pass and refuses, with a problem that names the line and column, what PyYAML's
loaders would let through: the last of two equal keys kept silently, aliases
expanded without limit, arbitrary objects built from tags, and nesting deep
enough to overflow the C stack (with libyaml's own depth limit read again so
that it reports govgraph's message at the same place).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events

from .._limits import MAX_ALIAS_CHARACTERS, MAX_ALIAS_NODES, MAX_DEPTH, MAX_ENTRIES, list_limit, too_many
from .characters import _character_index, _line_and_column, _unacceptable
from .scalars import (
    _COLLECTION_TAGS,
    _MERGE,
    _SCALAR_TAGS,
    _TAG,
    Path,
    _events,
    _position,
    _scalar,
    _Unreadable,
)

_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while reading, with its 1-based position."""

    line: int
    column: int
    path: Path
    message: str
    #: True when the problem is the value itself, which was kept as its text
    #: (``!!bool maybe``): what the model says about that text is not news.
    replaces_value: bool = False


class _Abort(Exception):
    """Reading cannot go on (alias bomb, nesting, syntax)."""


@dataclass
class _Frame:
    value: Any  # the dict or list being built
    path: Path
    anchor: str | None
    size: int = 1
    mark: Any = None  # where it starts
    limit: int | None = None  # the most entries a list may hold, once it holds MAX_ENTRIES
    key: Any = None
    key_mark: Any = None
    has_key: bool = False
    key_tag: str | None = None
    first_lines: dict[Any, int] = field(default_factory=dict)
    merges: list[tuple[Any, Any]] = field(default_factory=list)


def read(text: str) -> tuple[Any, list[YamlProblem]]:
    """Parse one YAML document into plain Python values, collecting problems.

    >>> read("a: 1\\nb: [x, y]")
    ({'a': 1, 'b': ['x', 'y']}, [])
    >>> value, problems = read("a: 1\\na: 2")
    >>> [(p.line, p.column, p.message) for p in problems]
    [(2, 1, "duplicate key 'a' (first at line 1); YAML would silently keep the last, so remove one")]
    >>> read("x: !!python/object:os.system ls")[1][0].message
    "tag '!!python/object:os.system' is not allowed: only plain YAML values (text, numbers, true/false, dates, lists, mappings) are"
    >>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\\n" for i in range(8))
    >>> read(bomb)[1][0].message[:45]
    'aliases expand to more than 10000 nodes (a "b'
    """
    problems: list[YamlProblem] = []
    anchors: dict[str, tuple[Any, int]] = {}
    anchor_chars: dict[str, int] = {}  # characters of text an anchor's value holds, once it is aliased
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    documents = 0
    expanded = 0
    expanded_chars = 0
    result: Any = None

    def path_here() -> Path:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key) if top.has_key and isinstance(top.key, str | int) else top.path

    def problem(mark: Any, message: str, path: Path | None = None) -> None:
        line, column = _position(mark)
        problems.append(YamlProblem(line, column, path_here() if path is None else path, message))

    def check_tag(tag: str | None, allowed: set[str], mark: Any) -> None:
        if tag is not None and tag not in allowed and tag != "!":
            shown = tag.replace(_TAG, "!!")
            problem(
                mark,
                f"tag '{shown}' is not allowed: only plain YAML values "
                "(text, numbers, true/false, dates, lists, mappings) are",
            )

    def add(value: Any, size: int, mark: Any) -> None:
        nonlocal result
        if not stack:
            result = value
            return
        top = stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
            if len(top.value) > MAX_ENTRIES:  # the smallest limit: only long lists look further
                if top.limit is None:
                    top.limit = list_limit(top.path) or -1
                if 0 < top.limit < len(top.value):
                    problem(top.mark, too_many(top.limit), top.path)
                    raise _Abort
        elif not top.has_key:
            top.key, top.key_mark, top.has_key = value, mark, True
        else:
            key, top.has_key = top.key, False
            if isinstance(key, list | dict):
                problem(top.key_mark, "a mapping key must be a plain value, not a list or mapping", top.path)
            elif key == "<<" and top.key_tag == _MERGE:
                top.merges.append((value, top.key_mark))
            elif key in top.first_lines:
                problem(
                    top.key_mark,
                    f"duplicate key '{key}' (first at line {top.first_lines[key]}); "
                    "YAML would silently keep the last, so remove one",
                    (*top.path, key),
                )
            else:
                top.first_lines[key] = _position(top.key_mark)[0]
                top.value[key] = value

    def start(frame: _Frame, mark: Any) -> None:
        if len(stack) >= MAX_DEPTH:
            line, column = _position(mark)
            problems.append(YamlProblem(line, column, frame.path, _TOO_DEEP))
            raise _Abort
        if frame.anchor:
            open_anchors.add(frame.anchor)
        frame.mark = mark
        stack.append(frame)

    def finish(mark: Any) -> None:
        frame = stack.pop()
        if isinstance(frame.value, dict):
            for merged, merge_mark in frame.merges:
                sources = merged if isinstance(merged, list) else [merged]
                for source in sources:
                    if not isinstance(source, dict):
                        problem(merge_mark, "'<<' merges a mapping or a list of mappings", frame.path)
                        continue
                    for key, item in source.items():
                        frame.value.setdefault(key, item)
        if frame.anchor:
            open_anchors.discard(frame.anchor)
            anchors[frame.anchor] = (frame.value, frame.size)
            anchor_chars.pop(frame.anchor, None)
        add(frame.value, frame.size, mark)

    try:
        for event in _events(text):
            if isinstance(event, events.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problem(
                        event.start_mark, "a file holds one structure: remove the second document (after '---')", ()
                    )
                    break
            elif isinstance(event, events.ScalarEvent):
                try:
                    value, tag = _scalar(event)
                except _Unreadable as error:
                    is_value = not (stack and isinstance(stack[-1].value, dict) and not stack[-1].has_key)
                    line, column = _position(event.start_mark)
                    problems.append(YamlProblem(line, column, path_here(), str(error), replaces_value=is_value))
                    value, tag = event.value, f"{_TAG}str"
                check_tag(tag if event.tag not in (None, "!") else None, _SCALAR_TAGS, event.start_mark)
                if stack and isinstance(stack[-1].value, dict) and not stack[-1].has_key:
                    stack[-1].key_tag = tag
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                    anchor_chars[event.anchor] = len(event.value)
                add(value, 1, event.start_mark)
            elif isinstance(event, events.MappingStartEvent):
                check_tag(event.tag, _COLLECTION_TAGS, event.start_mark)
                if stack and isinstance(stack[-1].value, dict) and not stack[-1].has_key:
                    stack[-1].key_tag = None
                start(_Frame({}, path_here(), event.anchor), event.start_mark)
            elif isinstance(event, events.SequenceStartEvent):
                check_tag(event.tag, _COLLECTION_TAGS, event.start_mark)
                if stack and isinstance(stack[-1].value, dict) and not stack[-1].has_key:
                    stack[-1].key_tag = None
                start(_Frame([], path_here(), event.anchor), event.start_mark)
            elif isinstance(event, events.MappingEndEvent | events.SequenceEndEvent):
                finish(event.end_mark)
            elif isinstance(event, events.AliasEvent):
                if event.anchor in open_anchors:
                    problem(event.start_mark, f"alias '*{event.anchor}' refers to a collection that contains it")
                    raise _Abort
                if event.anchor not in anchors:
                    problem(event.start_mark, f"alias '*{event.anchor}' names no anchor defined before it")
                    raise _Abort
                value, size = anchors[event.anchor]
                expanded += size
                if expanded > MAX_ALIAS_NODES:
                    problem(
                        event.start_mark,
                        f'aliases expand to more than {MAX_ALIAS_NODES} nodes (a "billion laughs"'
                        " file?); write the values out instead",
                    )
                    raise _Abort
                if event.anchor not in anchor_chars:  # counted once per anchor, only if aliased, once bounded
                    anchor_chars[event.anchor] = _characters(value)
                expanded_chars += anchor_chars[event.anchor]
                if expanded_chars > MAX_ALIAS_CHARACTERS:
                    problem(
                        event.start_mark,
                        f"aliases expand to more than {MAX_ALIAS_CHARACTERS:,} characters of text; "
                        "write the values out instead",
                    )
                    raise _Abort
                if stack and isinstance(stack[-1].value, dict) and not stack[-1].has_key:
                    stack[-1].key_tag = None
                add(value, size, event.start_mark)
    except _Abort:
        return None, problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        deeper = _depth_problems_before(text, mark) if "nesting depth" in str(error.problem) else None
        if deeper:
            return None, deeper
        line, column = _position(mark)
        what = " ".join(part for part in (error.context, error.problem) if part)
        problems.append(YamlProblem(line, column, (), f"not valid YAML: {what}"))
        return None, problems
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control character
        line, column = _line_and_column(text, _character_index(text, error.position))
        problems.append(YamlProblem(line, column, (), _unacceptable(error)))
        return None, problems
    except UnicodeEncodeError as error:  # text from Python holding half a surrogate pair: never from a file
        line, column = _line_and_column(text, error.start)
        code = ord(text[error.start])
        problems.append(YamlProblem(line, column, (), f"not valid YAML: unpaired surrogate #x{code:04x} is not text"))
        return None, problems
    except yaml.YAMLError as error:  # anything else the parser refuses without saying where
        problems.append(YamlProblem(1, 1, (), f"not valid YAML: {error}"))
        return None, problems
    return result, problems


def _characters(value: Any) -> int:
    """Characters of text in a value read from YAML, keys included (numbers and
    dates as they are written, about). Visits each node once: an aliased value
    is counted only after the node limit has bounded its size."""
    count, pending = 0, [value]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            pending.extend(current)
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
        else:
            count += len(current) if isinstance(current, str) else len(str(current))
    return count


def _depth_problems_before(text: str, mark: Any) -> list[YamlProblem] | None:
    """The problems of the text before ``mark``, if they end at govgraph's own depth limit.

    libyaml (the one in PyYAML 6.0.4's wheels, not older ones) refuses nesting
    past 1,000 levels while it scans ahead for keys, before any event reaches
    :func:`read`; so the depth guard never sees the document. Cut there, the
    text nests too deep for :data:`MAX_DEPTH` but not for libyaml, and reading
    it again reports the same located problem as every other PyYAML does.
    """
    index = getattr(mark, "index", None)
    if not isinstance(index, int) or not 0 < index < len(text):
        return None
    _, problems = read(text[:index])
    if problems and problems[-1].message == _TOO_DEEP:
        return problems
    return None
