"""Reading YAML safely, and finding where things are in a document.

PyYAML's loaders keep the last of two equal keys, expand aliases without
limit, build arbitrary objects from tags and overflow the C stack on deeply
nested input. :func:`read` builds plain values from libyaml's event stream
instead, in one iterative pass, and refuses each of those with a problem that
names the line and column. :func:`locate` re-reads a document to find where
given paths are, so positions cost nothing unless there is an error to report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events

from ._guards import TOO_MANY_DIGITS
from ._limits import MAX_ALIAS_CHARACTERS, MAX_ALIAS_NODES, MAX_DEPTH, MAX_ENTRIES, list_limit, too_many

__all__ = ["MAX_ALIAS_CHARACTERS", "MAX_ALIAS_NODES", "MAX_DEPTH", "Located", "Path", "YamlProblem", "locate", "read"]

Path = tuple[str | int, ...]

_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # borrowed for its scalar constructors
_RESOLVER = yaml.resolver.Resolver()
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}map", f"{_TAG}seq"}
_MERGE = f"{_TAG}merge"


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


def _position(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _events(text: str) -> Iterator[events.Event]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


#: What each scalar tag reads, for the message when an explicitly tagged value does not parse.
_TAG_MEANS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "null"}
_NULLS = {"", "~", "null", "Null", "NULL"}


class _Unreadable(ValueError):
    """An explicitly tagged scalar whose text is not a value of its tag (``!!bool maybe``)."""


def _scalar(event: events.ScalarEvent) -> tuple[Any, str]:
    """The value of a scalar and its resolved tag.

    A plain scalar that only looks like a date or number (``2003-02-30``) stays
    text, for the model to say what is wrong; one tagged explicitly raises
    :class:`_Unreadable`, since its tag leaves no other reading.
    """
    tag: str
    explicit = event.tag is not None and event.tag != "!"
    if event.tag is not None and explicit:
        tag = event.tag
    else:
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == f"{_TAG}str" or tag not in _SCALAR_TAGS:
        return event.value, tag
    marks: Any = (event.start_mark, event.end_mark)
    node = yaml.ScalarNode(tag, event.value, start_mark=marks[0], end_mark=marks[1], style=event.style)
    try:
        if explicit and tag == f"{_TAG}null" and event.value not in _NULLS:
            raise ValueError(event.value)  # the constructor would read anything as None
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node), tag
    except (ValueError, OverflowError, KeyError, AttributeError, TypeError, yaml.YAMLError):
        # e.g. 2003-02-30, or !!bool maybe (KeyError), !!timestamp hello (AttributeError)
        if not explicit and tag != f"{_TAG}int":
            return event.value, f"{_TAG}str"
        if not explicit:  # a plain whole number too long for Python to read: not text, silently
            raise _Unreadable(TOO_MANY_DIGITS) from None
        name = tag.removeprefix(_TAG)
        means = _TAG_MEANS.get(name, "a date (YYYY-MM-DD) or a date and time")
        raise _Unreadable(
            f"{event.value!r} is not {means}, as its tag '!!{name}' says: correct the value or remove the tag"
        ) from None


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


def _unacceptable(error: yaml.reader.ReaderError) -> str:
    character = error.character
    code = character if isinstance(character, int) else ord(character) if isinstance(character, str) else 0
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return (
        f"not valid YAML: unacceptable character #x{code:04x}: {error.reason}; "
        f'remove it, or write it as "{escape}" in a double-quoted string'
    )


def _character_index(text: str, position: int) -> int:
    """The index in ``text`` of a reader error's position: libyaml counts UTF-8 bytes,
    PyYAML's own reader characters."""
    if _Loader is yaml.SafeLoader:
        return position
    return len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace"))


_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting line breaks as YAML does
    (LF, CR, CR LF, NEL, LS, PS)."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


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
