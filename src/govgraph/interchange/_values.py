"""What every export shares: a model's fields as flat values, JSON text for lists,
and the characters XML cannot hold.

Flat values are what a table cell or a GraphML attribute holds: text, a
number, true/false, or nothing. A field holding a list or a mapping (``areas``,
``members``, ``sources``, ``metadata``) is written as compact JSON text, keys in
their given order, so every export writes it the same way:

>>> json_text(["devon", "exeter"])
'["devon","exeter"]'
>>> json_text({"source": "devon-2003", "at": "4.1"})
'{"source":"devon-2003","at":"4.1"}'
"""

from __future__ import annotations

import functools
import json
import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from ..errors import Problem, StructureError

__all__ = [
    "check_xml_text",
    "flat",
    "json_fields",
    "json_text",
    "unjson",
    "xml_unsafe",
]


def json_text(value: Any) -> str:
    """A list or mapping as compact JSON text, non-ASCII characters as written; what
    JSON has no form for (a date YAML read into ``metadata``) as pydantic writes it in JSON.

    >>> import datetime
    >>> json_text({"reviewed": datetime.date(2003, 6, 1)})
    '{"reviewed":"2003-06-01"}'
    """
    return json.dumps(to_jsonable_python(value), ensure_ascii=False, separators=(",", ":"))


@functools.cache
def json_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` that hold a list or a mapping (written as JSON text),
    by their names as written in a file (``as_of`` rather than ``as_of_date``)."""
    names = set()
    for name, field in model.model_fields.items():
        annotation = field.annotation
        options = (
            typing.get_args(annotation)
            if typing.get_origin(annotation) in (typing.Union, types.UnionType)
            else (annotation,)
        )
        for option in options:
            if typing.get_origin(option) in (list, dict, tuple) or option in (list, dict):
                names.add(field.alias or name)
    return frozenset(names)


def flat(model: BaseModel, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A model's fields as flat values, in field order: lists and mappings as JSON
    text, dates as ``YYYY-MM-DD``, enums as their text; fields holding nothing left out."""
    lists = json_fields(type(model))
    values: dict[str, Any] = {}
    for name, value in model.model_dump(mode="json", by_alias=True).items():
        if name in exclude or value is None:
            continue
        values[name] = json_text(value) if name in lists else value
    return values


def unjson(model: type[BaseModel], values: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`flat`: JSON text decoded back for the list and mapping fields.

    Raises ``ValueError`` naming the field when its text is not JSON.
    """
    lists = json_fields(model)
    decoded: dict[str, Any] = {}
    for name, value in values.items():
        if name in lists and isinstance(value, str):
            try:
                decoded[name] = json.loads(value)
            except json.JSONDecodeError as error:
                raise ValueError(
                    f"{name}: not JSON text ({error.msg}); lists and mappings are written as JSON"
                ) from None
        else:
            decoded[name] = value
    return decoded


# XML 1.0 allows tab, line feed and carriage return among the control characters, and
# nothing of U+0000-U+001F else, nor the surrogates or U+FFFE and U+FFFF.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_unsafe(text: str) -> str | None:
    """The first character of ``text`` that XML 1.0 cannot hold, if any.

    >>> xml_unsafe("Board\\x01"), xml_unsafe("Board\\n")
    ('\\x01', None)
    """
    found = _XML_UNSAFE.search(text)
    return found.group() if found else None


def check_xml_text(values: Iterable[tuple[str, Any]], format: str) -> None:
    """Raise :class:`~govgraph.StructureError` naming every place whose text holds a
    character XML cannot hold; ``values`` are (path, flat value) pairs such as
    ``("bodies[3].name", "Board")``. JSON text escapes control characters itself."""
    problems = []
    for path, value in values:
        bad = xml_unsafe(value) if isinstance(value, str) else None
        if bad is not None:
            problems.append(
                Problem(
                    None,
                    None,
                    None,
                    path,
                    f"holds the character U+{ord(bad):04X}, which {format} (XML 1.0) cannot hold; "
                    "remove it, or export to csv or popolo",
                )
            )
    if problems:
        raise StructureError(problems)
