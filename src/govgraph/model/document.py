"""A whole file's validator with rows for its bodies and relationships: how
loading reads a structure without making a model per body (see
:mod:`govgraph.model.table`).

It is made from :class:`~govgraph.model.structure.Structure`'s own fields, so
the models stay the one definition of the format.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, NotRequired

from pydantic import ConfigDict, PlainValidator, TypeAdapter
from typing_extensions import TypedDict

from .structure import Structure
from .table import BODY_ROW, RELATIONSHIP_ROW

__all__ = ["rows_document"]

# What Structure checks beyond its fields' types, and where the rows' loading does it instead.
_STRUCTURE_CHECKS = {"_format_version_is_1": "a validator of the govgraph field", "_references_resolve": "loading"}


@cache
def rows_document() -> TypeAdapter[Any]:
    """A whole file's validator: :class:`~govgraph.model.Structure`'s fields, with
    rows for its bodies and relationships. Made on first use (a few milliseconds).

    Structure's plain field validators are carried over; its references are
    checked by loading, on the rows' columns, as Structure's own after-validator
    would on the models.
    """
    decorators = Structure.__pydantic_decorators__
    found = {*decorators.field_validators, *decorators.model_validators, *decorators.validators}
    if found != _STRUCTURE_CHECKS.keys():
        raise TypeError(
            f"Structure's validators changed ({sorted(found)}): say how rows meet them in _STRUCTURE_CHECKS"
        )
    plain = {
        name: PlainValidator(decorator.func)
        for decorator in decorators.field_validators.values()
        if decorator.info.mode == "plain"
        for name in decorator.info.fields
    }
    rows = {"bodies": BODY_ROW, "relationships": RELATIONSHIP_ROW}
    fields: dict[str, Any] = {}
    for name, field in Structure.model_fields.items():
        annotation: Any = list[rows[name]] if name in rows else field.annotation  # type: ignore[valid-type]
        metadata = [*field.metadata, plain[name]] if name in plain else field.metadata
        if metadata:
            annotation = Annotated[(Any if name in plain else annotation, *metadata)]
        fields[field.alias or name] = annotation if field.is_required() else NotRequired[annotation]
    shape = _TYPED_DICT("StructureRows", fields)
    shape.__pydantic_config__ = ConfigDict(extra=Structure.model_config.get("extra"))
    return TypeAdapter(shape)


_TYPED_DICT: Any = TypedDict  # called with types made at run time, which type checkers cannot follow
