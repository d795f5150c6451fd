"""A structure: one file's bodies and relationships with their context, the
questions asked of it, and the structure as it stood on another day."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StrictStr,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._hints import did_you_mean
from .._limits import MAX_BODIES, MAX_ENTRIES, MAX_RELATIONSHIPS
from ..errors import UnknownBodyError
from . import shortcuts
from .dates import AsOf, Undated
from .items import Body, Relationship
from .lookup import _Raw, _some
from .parts import Area, IsoDate, Level, Metadata, ServiceArea, Source, Text, Waiver, _describe
from .recommendations import Recommendation, Stage
from .references import _cross_reference_problems, _reference_errors
from .table import Table, Wiring

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Structure", "with_reference_problems"]


class Structure(BaseModel):
    """A governance structure: one file's worth of bodies and relationships.

    Compare structures with ``==``; ask questions of them with the query
    methods, or take :meth:`to_networkx` further.

    The methods that belong to the layers above the model — :meth:`roots`,
    :meth:`routes_up`, :meth:`below`, :meth:`at`, :meth:`subset`, :meth:`to_networkx`
    (:mod:`govgraph.graph`), :meth:`dump` and :meth:`dumps` (:mod:`govgraph.loading`),
    :meth:`to_frames` (:mod:`govgraph.interchange`), :meth:`recommendations_frame`
    and the notebook drawing — are shortcuts to those layers' free functions, which
    are the API. The model never imports a layer above it: each of those layers
    fills the method's slot when it is imported (:mod:`govgraph.model.shortcuts`), and
    a slot still empty imports its layer the first time its method is called.

    A loaded structure holds its bodies and relationships as validated rows
    (:mod:`govgraph.model.table`) and makes ``bodies`` and ``relationships``, lists
    of models like any other structure's, the first time either is read; checking
    it reads the rows' columns and makes no model.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="govgraph structure",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    govgraph: int = Field(default=1, description="format version; only 1 exists")
    name: Text
    description: Text | None = None
    # Stored as ``as_of_date`` so that ``as_of`` can be both the file's date and,
    # called, the structure as it stood on another day (see the property below).
    as_of_date: IsoDate | None = Field(default=None, alias="as_of", description="the date the structure describes")
    sources: list[Source] = Field(default_factory=list, max_length=MAX_ENTRIES)
    levels: list[Level] = Field(default_factory=list, max_length=MAX_ENTRIES)
    areas: list[Area] = Field(default_factory=list, max_length=MAX_ENTRIES)
    service_areas: list[ServiceArea] = Field(default_factory=list, max_length=MAX_ENTRIES)
    bodies: list[Body] = Field(min_length=1, max_length=MAX_BODIES)
    relationships: list[Relationship] = Field(default_factory=list, max_length=MAX_RELATIONSHIPS)
    stages: list[Stage] = Field(
        default_factory=list, max_length=MAX_ENTRIES, description="the scale recommendations are tracked on"
    )
    recommendations: list[Recommendation] = Field(default_factory=list, max_length=MAX_ENTRIES)
    checks: dict[StrictStr, Any] = Field(default_factory=dict)
    waivers: list[Waiver] = Field(default_factory=list, max_length=MAX_ENTRIES)
    metadata: Metadata = Field(default_factory=dict)

    @field_validator("govgraph", mode="plain")
    @classmethod
    def _format_version_is_1(cls, value: object) -> int:
        if type(value) is not int or value != 1:
            raise PydanticCustomError(
                "format_version",
                "unsupported format version {got}; only version 1 exists: write govgraph: 1",
                {"got": _describe(value)},
            )
        return value

    @model_validator(mode="after")
    def _references_resolve(self) -> Structure:
        # An after-validator, not a wrap one: pydantic-core then validates JSON
        # text without first building Python objects for the whole document.
        # When fields fail this never runs; loading then adds the raw data's
        # cross-reference problems (with_reference_problems) to report both at once.
        problems = _cross_reference_problems(self)
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, _reference_errors(problems))
        return self

    # -- lookup -------------------------------------------------------------

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Structure:
        """A copy, as pydantic makes it, without the indexes cached from the original.

        ``update`` is not validated: prefer :meth:`replace`.
        """
        copied = super(Structure, self._made()).model_copy(update=update, deep=deep)
        for cached in ("_table", "_body_number", "_level_ranks"):
            copied.__dict__.pop(cached, None)
        return copied

    # -- bodies and relationships as rows, models made on demand --------------

    @classmethod
    def _of_rows(cls, document: dict[str, Any]) -> Structure:
        """A structure from a document validated with rows for its bodies and
        relationships (see :mod:`govgraph.model.table`), which are made into models
        only when asked for. Nothing is checked here: loading checks the
        references on the rows' columns first."""
        values = {_FIELD_NAMES.get(key, key): value for key, value in document.items()}
        given = set(values)
        bodies, relations = values.pop("bodies"), values.pop("relationships", [])
        made = cls.model_construct(_fields_set=given, **values)
        made.__dict__.pop("relationships", None)
        made.__dict__["_table"] = Table(bodies, relations)
        return made

    @cached_property
    def _table(self) -> Table:
        return Table.of_models(self.bodies, self.relationships)

    @property
    def _wiring(self) -> Wiring | None:
        # None only while a structure with broken references is being validated.
        return self._table.wiring

    def _made(self) -> Structure:
        """This structure with every body and relationship made a model (once),
        in field order, before pydantic reads its fields directly."""
        held = self.__dict__
        table: Table | None = held.get("_table")
        if table is not None and ("bodies" not in held or "relationships" not in held):
            made = {"bodies": table.bodies(), "relationships": table.relationships()}
            ordered = {name: held[name] if name in held else made[name] for name in type(self).model_fields}
            ordered.update((key, value) for key, value in held.items() if key not in ordered)
            object.__setattr__(self, "__dict__", ordered)
        return self

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name in _MADE_ON_DEMAND and "_table" in self.__dict__:
                return self._made().__dict__[name]
            return super().__getattr__(name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Structure):
            other._made()
        return super(Structure, self._made()).__eq__(other)

    def __iter__(self) -> Any:
        return super(Structure, self._made()).__iter__()

    def __repr_args__(self) -> Any:
        return super(Structure, self._made()).__repr_args__()

    def __getstate__(self) -> dict[Any, Any]:
        return super(Structure, self._made()).__getstate__()

    def __copy__(self) -> Structure:
        return super(Structure, self._made()).__copy__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Structure:
        return super(Structure, self._made()).__deepcopy__(memo)

    @model_serializer(mode="wrap")
    def _made_before_dumping(self, handler: SerializerFunctionWrapHandler) -> Any:
        # pydantic-core reads the fields from __dict__, also when a structure is
        # dumped inside another model or through a TypeAdapter.
        return handler(self._made())

    @cached_property
    def _body_number(self) -> dict[str, int]:
        wiring = self._table.wiring
        if wiring is not None:
            return wiring.number
        return {body_id: index for index, body_id in enumerate(self._table.column("id"))}

    def body(self, body_id: str) -> Body:
        """The body with this id.

        >>> Structure(name="S", bodies=[Body(id="a", name="A", kind="board")]).body("b")
        Traceback (most recent call last):
          ...
        govgraph.errors.UnknownBodyError: no body 'b' in structure 'S'; bodies: a
        """
        try:
            return self._table.body(self._body_number[body_id])
        except KeyError:
            raise UnknownBodyError(
                f"no body '{body_id}' in structure '{self.name}'{did_you_mean(body_id, self._body_number)}; "
                f"bodies: {_some(self._body_number)}"
            ) from None

    def __contains__(self, body_id: object) -> bool:
        return body_id in self._body_number

    def level_rank(self, level_id: str | None) -> int | None:
        """Position of a level, 0 for the top one; ``None`` for no level."""
        return self._level_ranks.get(level_id) if level_id is not None else None

    @cached_property
    def _level_ranks(self) -> dict[str, int]:
        return {level.id: rank for rank, level in enumerate(self.levels)}

    def relationships_of(self, body_id: str) -> Iterator[Relationship]:
        """Every relationship with ``body_id`` at either end, in file order."""
        self.body(body_id)
        return (r for r in self.relationships if body_id in (r.source, r.target))

    def replace(self, **changes: Any) -> Structure:
        """A new structure with some fields changed, validated like any other.

        Use this rather than ``model_copy(update=...)``, which does not
        validate the change.
        """
        fields = type(self).model_fields
        names = {field.alias: name for name, field in fields.items() if field.alias}
        data = {name: getattr(self, name) for name in fields}
        data.update({names.get(key, key): value for key, value in changes.items()})
        return type(self)(**data)

    @property
    def as_of(self) -> AsOf | Undated:
        """The date the structure describes (``as_of:`` in the file), which is also callable:
        ``structure.as_of(day)`` is the structure as it stood on ``day`` (see :meth:`at`).

        >>> import datetime as dt, govgraph as gg
        >>> s = gg.load("examples/devon/devon.yaml")
        >>> s.as_of == dt.date(2003, 6, 1), len(s.as_of(dt.date(2003, 6, 1)).bodies)
        (True, 51)
        """
        if self.as_of_date is None:
            return Undated(self)
        return AsOf(self.as_of_date, self)

    # -- queries and conversions: shortcuts to the free functions of the layers above,
    # through the slots they fill when imported (govgraph.model.shortcuts) -----------

    def roots(self) -> list[str]:
        """The bodies where accountability routes end; see :func:`govgraph.graph.roots`."""
        return shortcuts.roots.function(self)

    def routes_up(self, body_id: str, *, limit: int = 1000) -> list[list[str]]:
        """Who is this body accountable to? Every route up to a root, shortest first.

        >>> import govgraph as gg
        >>> s = gg.load("examples/devon/devon.yaml")
        >>> for route in s.routes_up("emg-mh"):
        ...     print(" -> ".join(route))
        emg-mh -> devon-cc
        emg-mh -> devon-pcts
        emg-mh -> dpt
        """
        return shortcuts.routes_up.function(self, body_id, limit=limit)

    def roots_of(self, body_id: str) -> list[str]:
        """The roots this body answers to; see :func:`govgraph.graph.roots_of`."""
        return shortcuts.roots_of.function(self, body_id)

    def below(self, body_id: str) -> list[str]:
        """What sits under this body? Every body with an upward route to it.

        Examples
        --------
        >>> import govgraph as gg
        >>> s = gg.load("examples/devon/devon.yaml")
        >>> [b for b in s.below("spg-mh") if b.startswith("emg")]
        ['emg-mh']
        """
        return shortcuts.below.function(self, body_id)

    def between(self, first: str, second: str) -> list[Relationship]:
        """The relationships joining two bodies, either way round."""
        return shortcuts.between.function(self, first, second)

    def at(self, day: date) -> Structure:
        """The structure as it stood on ``day``; see :func:`govgraph.graph.at`."""
        return shortcuts.at.function(self, day)

    def became(self, body_id: str) -> list[str]:
        """What became of this body? Its successors along ``replaced_by``, in order."""
        return shortcuts.became.function(self, body_id)

    def subset(self, **filters: Any) -> Structure:
        """The bodies passing filters (``levels``, ``areas``, ``service_areas``, ``kinds``, ``bodies``)."""
        return shortcuts.subset.function(self, **filters)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The structure as a ``networkx.MultiDiGraph``; see :func:`govgraph.graph.to_networkx`."""
        return shortcuts.to_networkx.function(self)

    def to_frames(self, report: Any = None) -> dict[str, Any]:
        """The bodies, relationships, members and findings as pandas DataFrames (needs pandas);
        see :func:`govgraph.interchange.to_frames`."""
        return shortcuts.to_frames.function(self, report)

    def dump(self, path: str | Path, *, format: Literal["yaml", "json"] | None = None) -> Path:
        """Write the structure to ``path`` (YAML or JSON by suffix), atomically."""
        return shortcuts.dump.function(self, path, format=format)

    def dumps(self, format: Literal["yaml", "json"] = "yaml") -> str:
        """The structure as YAML or JSON text."""
        return shortcuts.dumps.function(self, format)

    def recommendations_frame(self) -> Any:
        """The recommendations tracker as a pandas DataFrame; see :func:`govgraph.recommendations.frame`."""
        return shortcuts.recommendations_frame.function(self)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter shows a structure as its diagram (SVG), or as Mermaid without Graphviz."""
        return shortcuts.notebook.function(self)

    def __repr__(self) -> str:
        table = self._table
        return f"<Structure {self.name!r}: {len(table.body_rows)} bodies, {len(table.relationship_rows)} relationships>"

    def __str__(self) -> str:
        return repr(self)


_MADE_ON_DEMAND = frozenset({"bodies", "relationships"})
_FIELD_NAMES = {field.alias: name for name, field in Structure.model_fields.items() if field.alias}


def with_reference_problems(error: ValidationError, data: object) -> ValidationError:
    """``error`` from validating raw ``data``, with the cross-reference problems of
    ``data`` added when field errors stopped validation before they were looked for,
    so that one pass reports every problem."""
    details = error.errors(include_url=False)
    if all(detail["type"] == "reference" for detail in details):
        return error  # the fields were sound and the references already checked
    field_errors = [
        InitErrorDetails(type=PydanticCustomError(d["type"], d["msg"]), loc=d["loc"], input=d["input"]) for d in details
    ]
    cross = _reference_errors(_cross_reference_problems(_Raw(data, Structure)))
    return ValidationError.from_exception_data(error.title, field_errors + cross)
