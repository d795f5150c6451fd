"""Reading ids and references out of a validated structure, or out of raw data
with field errors, the same way: what the cross-reference checks of
:mod:`govgraph.model.references` and :mod:`govgraph.model.recommendations` share."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from .. import _getters as get
from .._hints import did_you_mean

Loc = tuple[str | int, ...]


def _some(ids: Mapping[str, object] | list[str], limit: int = 12) -> str:
    names = sorted(ids)
    shown = ", ".join(names[:limit])
    return shown + (f", … ({len(names)} in all)" if len(names) > limit else "")


class _Raw:
    """Attribute access to raw data as read from a file, seen through a model's
    fields, for cross-checking a file that also has field errors.

    Whatever is missing or of the wrong shape reads as missing: ``None`` where a
    single value belongs (a list or mapping there cannot be an id), ``[]`` where a
    list belongs, and a record whose fields are all missing in place of a list
    entry that is not a mapping (``sources: [doc]``), so that the entries after
    it keep their positions. The field errors say what is wrong with each.
    """

    __slots__ = ("_data", "_model")

    def __init__(self, data: object, model: type[BaseModel]) -> None:
        self._data = data if isinstance(data, Mapping) else {}
        self._model = model

    def __getattr__(self, key: str) -> Any:
        value = self._data.get(key)
        shape, record = _shape(self._model, key)
        if shape == "records":
            assert record is not None
            return [_Raw(item, record) for item in value] if isinstance(value, list) else []
        if shape == "values":
            return (
                [None if isinstance(item, list | Mapping) else item for item in value]
                if isinstance(value, list)
                else []
            )
        if shape == "mapping":
            return value if isinstance(value, Mapping) else None
        return None if isinstance(value, list | Mapping) else value


@cache
def _shape(model: type[BaseModel], key: str) -> tuple[str, type[BaseModel] | None]:
    """What a model's field holds: ``records`` (a list of models, given), ``values``
    (a list of plain values), a ``mapping``, or a single ``value``."""
    field = model.model_fields.get(key)
    annotation = field.annotation if field is not None else None
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "records", item
        return "values", None
    if origin is dict:
        return "mapping", None
    return "value", None


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _ids(items: list[Any], section: str, problems: list[tuple[Loc, str]], what: str) -> dict[str, int]:
    """Index a section's ids, reporting duplicates; returns id -> first position."""
    if items and not isinstance(items[0], _Raw):
        # Validated, so ids are text; when they are all different this is the answer.
        positions = dict(zip(map(get.ID, items), range(len(items)), strict=True))
        # None: an id of the wrong shape in raw data read through a wrapper (a stage's, say).
        if len(positions) == len(items) and None not in positions:
            return positions
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = _text(item.id)
        if ident is None:
            continue
        if ident in seen:
            problems.append(
                ((section, index, "id"), f"duplicate {what} id '{ident}' (first defined at {section}[{seen[ident]}])")
            )
        else:
            seen[ident] = index
    return seen


_PLURAL = {"body": "bodies", "level": "levels", "area": "areas", "service area": "service areas", "source": "sources"}


def _ref(problems: list[tuple[Loc, str]], loc: Loc, value: object, known: Mapping[str, int], what: str) -> None:
    ident = _text(value)
    if ident is not None and ident not in known:
        choices = f"; {_PLURAL[what]}: {_some(known)}" if known else f"; the file defines no {_PLURAL[what]}"
        problems.append((loc, f"unknown {what} '{ident}'{did_you_mean(ident, known)}{choices}"))
