"""The mapping of ``govgraph import table``: which columns of which tables mean what.

A :class:`TableMapping` is given to :func:`~govgraph.importers.table.read_table`,
made from its keyword arguments or read from YAML (or JSON) with
:meth:`TableMapping.load`::

    tables:
      - file: regions.csv
        id: REGION_CODE
        name: REGION_NAME
        kind: statutory_body
        sovereign: true
      - file: sites.csv
        id: OrganisationCode
        name: OrganisationName
        kind: {column: Type, values: {Trust: board}}
        parent: {column: ParentODSCode, by: id, separator: ";", relationship: sub_group_of}
    edges:
      - {file: links.csv, source: Trust Code, target: ICB Code, kind: sub_group_of, by: id}

Every value is checked as it is read: an unknown key names the keys allowed
where it is, an unknown kind the kinds (with the nearest one), each problem
at its line and column in the mapping file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .._hints import did_you_mean, one_of
from ..errors import Problem, StructureError
from ..model import Authority, BodyKind, RelationshipKind, Slug

__all__ = ["EdgeTable", "NodeTable", "Parent", "TableMapping", "ValueMap"]

_STRICT = ConfigDict(extra="forbid", frozen=True)


class ValueMap(BaseModel):
    """A kind read from a column: ``{column: Type, values: {Trust: board}}``; values not
    in the map are used as they are when they are kinds, else the default."""

    model_config = _STRICT

    column: str
    values: dict[str, str] = Field(default_factory=dict)


class Parent(BaseModel):
    """A node table's parent column."""

    model_config = _STRICT

    column: str
    by: Literal["id", "name"] = "id"
    separator: str | None = Field(default=None, min_length=1)
    relationship: RelationshipKind = RelationshipKind.SUB_GROUP_OF


class NodeTable(BaseModel):
    """A table of bodies, one per row."""

    model_config = _STRICT

    file: str
    sheet: str | None = None
    id: str | None = None
    name: str | None = None
    kind: BodyKind | ValueMap = BodyKind.OTHER
    sovereign: bool | None = None
    authority: Authority | None = None
    level: Slug | None = None
    areas: list[Slug] = Field(default_factory=list)
    service_areas: list[Slug] = Field(default_factory=list)
    parent: Parent | None = None
    status: ValueMap | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _a_body_kind_or_a_column(cls, value: object) -> object:
        return _kind_or_column(value, BodyKind, "body kind")


class EdgeTable(BaseModel):
    """A table of relationships, one per row."""

    model_config = _STRICT

    file: str
    sheet: str | None = None
    source: str = "source"
    target: str = "target"
    kind: RelationshipKind | ValueMap = ValueMap(column="kind")
    by: Literal["id", "name"] = "id"

    @field_validator("kind", mode="before")
    @classmethod
    def _a_relationship_kind_or_a_column(cls, value: object) -> object:
        return _kind_or_column(value, RelationshipKind, "relationship kind")


def _kind_or_column(value: object, kinds: type[BodyKind] | type[RelationshipKind], what: str) -> object:
    """A kind's name, or a mapping for a column: anything else is refused in one clear message."""
    if isinstance(value, str) and value not in kinds._value2member_map_:
        raise ValueError(
            f"{value!r} is not a {what}{did_you_mean(value, kinds._value2member_map_)}; give one of "
            f"{one_of(kinds._value2member_map_)}, or {{column: COLUMN, values: {{source value: kind}}}}"
        )
    if isinstance(value, dict):
        values = value.get("values")
        if isinstance(values, dict):
            for source, kind in values.items():
                if kind not in kinds._value2member_map_:
                    raise ValueError(
                        f"values: {source!r} maps to {kind!r}, which is not a {what}"
                        f"{did_you_mean(kind, kinds._value2member_map_)}; one of {one_of(kinds._value2member_map_)}"
                    )
    return value


class TableMapping(BaseModel):
    """Which columns of which tables mean what: the ``--map`` file of ``govgraph import table``."""

    model_config = _STRICT

    name: str | None = None
    tables: list[NodeTable] = Field(min_length=1)
    edges: list[EdgeTable] = Field(default_factory=list)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TableMapping:
        """Read a mapping file (YAML or JSON); its file paths are relative to it."""
        from .._yaml import locate
        from ..loading import format_of, format_path, position, read_document, read_text

        file = os.fspath(path)
        text = read_text(file)
        data = read_document(text, format_of(file) if Path(file).suffix.lower() == ".json" else "yaml", file)
        try:
            mapping = cls.model_validate(data)
        except ValidationError as error:
            problems = []
            for detail in error.errors(include_url=False):
                loc = tuple(str(p) if not isinstance(p, int) else p for p in detail["loc"])
                loc = tuple(p for p in loc if not (isinstance(p, str) and p[:1].isupper() and "[" in p))
                extra = detail["type"] == "extra_forbidden"
                line, col = position(locate(text, [loc]), loc, at_key=extra)
                message = detail["msg"].removeprefix("Value error, ")
                if extra:
                    message = _unknown_key(str(loc[-1]), loc)
                problems.append(Problem(file, line, col, format_path(loc), message))
            raise StructureError(problems) from None
        base = Path(file).parent

        def moved(table: NodeTable | EdgeTable) -> Any:
            return table.model_copy(update={"file": os.fspath(base / table.file)})

        return mapping.model_copy(
            update={"tables": [moved(t) for t in mapping.tables], "edges": [moved(e) for e in mapping.edges]}
        )


def _unknown_key(key: str, loc: tuple[str | int, ...]) -> str:
    model: type[BaseModel] = TableMapping
    if loc[:1] == ("tables",):
        model = Parent if "parent" in loc[2:-1] else NodeTable
    elif loc[:1] == ("edges",):
        model = EdgeTable
    if any(isinstance(part, str) and part in ("kind", "status") for part in loc[2:-1]):
        model = ValueMap
    allowed = list(model.model_fields)
    return f"unknown key '{key}'{did_you_mean(key, allowed)}; allowed keys: {', '.join(allowed)}"


def _from_options(
    nodes: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    edges: Sequence[str | os.PathLike[str]],
    *,
    id: str | None,
    name: str | None,
    kind: str | None,
    parent: str | None,
    parent_by: Literal["id", "name"],
    separator: str | None,
    relationship: str,
    sheet: str | None,
    edge_source: str,
    edge_target: str,
    edge_kind: str,
    status: str | None,
) -> TableMapping:
    """The mapping that :func:`~govgraph.importers.table.read_table`'s one-table options describe."""
    files = [nodes] if isinstance(nodes, str | os.PathLike) else list(nodes)
    node_kind: BodyKind | ValueMap = BodyKind.OTHER
    if kind is not None:
        node_kind = BodyKind(kind) if kind in BodyKind._value2member_map_ else ValueMap(column=kind)
    edge_kind_spec: RelationshipKind | ValueMap = (
        RelationshipKind(edge_kind) if edge_kind in RelationshipKind._value2member_map_ else ValueMap(column=edge_kind)
    )
    try:
        parent_spec = (
            Parent(column=parent, by=parent_by, separator=separator, relationship=RelationshipKind(relationship))
            if parent
            else None
        )
    except ValueError:
        kinds = ", ".join(k.value for k in RelationshipKind)
        raise StructureError(
            [
                Problem(
                    None,
                    None,
                    None,
                    "",
                    f"--relationship {relationship!r} is not a relationship kind; one of: {kinds}",
                )
            ]
        ) from None
    return TableMapping(
        tables=[
            NodeTable(
                file=os.fspath(f),
                sheet=sheet,
                id=id,
                name=name,
                kind=node_kind,
                parent=parent_spec,
                status=ValueMap(column=status) if status else None,
            )
            for f in files
        ],
        edges=[
            EdgeTable(file=os.fspath(f), sheet=sheet, source=edge_source, target=edge_target, kind=edge_kind_spec)
            for f in edges
        ],
    )
