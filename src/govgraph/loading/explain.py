"""Explaining validation errors: what each pydantic error means in a structure
file, in words a policy officer can act on, at its line and column."""

from __future__ import annotations

import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import _yaml
from .._guards import HALF_A_SURROGATE
from .._hints import did_you_mean, one_of
from .._limits import list_limit, too_many
from ..errors import Problem
from ..model import Structure, _describe
from .text import format_path

__all__ = ["position"]


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
        return loc, False, HALF_A_SURROGATE
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
