"""The event stream of libyaml and the values of its scalars, for reading and for locating.

A scalar's value comes from PyYAML's own resolver and constructors, one event at
a time, so that no document is ever built by PyYAML's loaders (see
:mod:`govgraph._yaml.reading`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml import events

from .._guards import TOO_MANY_DIGITS

Path = tuple[str | int, ...]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # borrowed for its scalar constructors
_RESOLVER = yaml.resolver.Resolver()
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}map", f"{_TAG}seq"}
_MERGE = f"{_TAG}merge"


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
