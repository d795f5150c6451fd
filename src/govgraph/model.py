"""The structure model: bodies, the relationships between them, and their context.

Every class here is an immutable pydantic model that compares by value. Field
values are validated strictly (``sovereign: "yes"`` is an error, never
``True``); the references between objects — a body's level, a relationship's
ends, a waiver's rule — are checked in one place, :func:`_cross_reference_problems`,
which reports all of them at once with the path of each.

>>> s = Structure(name="Tiny", bodies=[Body(id="a", name="A", kind="board")])
>>> s.body("a").kind
<BodyKind.BOARD: 'board'>
>>> Structure(name="Bad", bodies=[Body(id="a", name="A", kind="board")],
...           relationships=[Relationship(source="a", kind="reports_to", target="b")])
Traceback (most recent call last):
  ...
pydantic_core._pydantic_core.ValidationError: 1 validation error for govgraph structure
relationships.0.target
  unknown body 'b'; bodies: a ...
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from enum import StrEnum
from functools import cache, cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictStr,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from . import _getters as get
from . import registry
from ._hints import did_you_mean
from ._limits import MAX_BODIES, MAX_ENTRIES, MAX_RELATIONSHIPS
from .errors import UnknownBodyError

if TYPE_CHECKING:
    import networkx as nx

    from ._table import Table, Wiring

__all__ = [
    "UPWARD_KINDS",
    "Area",
    "Authority",
    "Body",
    "BodyKind",
    "Citation",
    "Level",
    "Member",
    "Relationship",
    "RelationshipKind",
    "Sector",
    "ServiceArea",
    "Source",
    "Status",
    "Structure",
    "Waiver",
]


class BodyKind(StrEnum):
    """What sort of body a body is."""

    STATUTORY_BODY = "statutory_body"
    BOARD = "board"
    COMMITTEE = "committee"
    PARTNERSHIP = "partnership"
    STRATEGIC_PLANNING_GROUP = "strategic_planning_group"
    LOCAL_PLANNING_GROUP = "local_planning_group"
    EXECUTIVE_GROUP = "executive_group"
    SUB_GROUP = "sub_group"
    TASK_GROUP = "task_group"
    FORUM = "forum"
    NETWORK = "network"
    SCRUTINY_BODY = "scrutiny_body"
    OTHER = "other"
    ORGANISATION = "organisation"
    POST = "post"


class Authority(StrEnum):
    """The kind of authority a body exercises over those that answer to it."""

    EXECUTIVE = "executive"
    COORDINATING = "coordinating"
    ADVISORY = "advisory"
    SCRUTINY = "scrutiny"


class Status(StrEnum):
    """Whether a body or relationship exists, is proposed, or has ended."""

    ACTIVE = "active"
    PROPOSED = "proposed"
    DISSOLVED = "dissolved"


class Sector(StrEnum):
    """The sector a member of a body comes from."""

    STATUTORY = "statutory"
    VOLUNTARY = "voluntary"
    INDEPENDENT = "independent"
    COMMUNITY = "community"
    CARERS = "carers"
    SERVICE_USERS = "service_users"
    PRIVATE = "private"
    ELECTED_MEMBERS = "elected_members"
    OTHER = "other"


class RelationshipKind(StrEnum):
    """What a relationship means; see ``docs/format.md`` for when to use which."""

    SUB_GROUP_OF = "sub_group_of"
    REPORTS_TO = "reports_to"
    ACCOUNTABLE_TO = "accountable_to"
    COORDINATES = "coordinates"
    LINKS_WITH = "links_with"
    ADVISES = "advises"
    SCRUTINISES = "scrutinises"
    COMMISSIONS = "commissions"
    REPLACED_BY = "replaced_by"

    @property
    def is_upward(self) -> bool:
        """True for the kinds along which accountability routes run."""
        return self in UPWARD_KINDS


#: Relationship kinds along which accountability routes run, source up to target.
UPWARD_KINDS = frozenset({RelationshipKind.SUB_GROUP_OF, RelationshipKind.REPORTS_TO, RelationshipKind.ACCOUNTABLE_TO})

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: object) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date_type", "expected a date (YYYY-MM-DD), got a date and time", {})
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_value", "{value!r} is not a real date", {"value!r": repr(value)}) from None
    raise PydanticCustomError("date_type", "expected a date written YYYY-MM-DD, got {got}", {"got": _describe(value)})


def _describe(value: object) -> str:
    """Name a wrong value for a message: ``5.2 (a number)``."""
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    if value is None:
        return "nothing (null)"
    for kind, name in kinds.items():
        if type(value) is kind:
            return f"{value!r} ({name})" if kind not in (list, dict) else name
    return f"{value!r} ({type(value).__name__})"


# Constraints pydantic checks natively: a slug's shape (case-sensitive: register codes
# such as ``RGT01`` are ids as written), and text that is not blank.
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=100)]
IsoDate = Annotated[
    date,
    PlainValidator(_date),
    PlainSerializer(date.isoformat, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Text = Annotated[str, StringConstraints(strict=True, pattern=r"\S")]
Locator = Annotated[StrictStr, StringConstraints(min_length=1)]
Metadata = dict[StrictStr, Any]

_FROZEN = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, validate_default=False)


class Source(BaseModel):
    """A document the structure is drawn from."""

    model_config = _FROZEN

    id: Slug
    title: Text
    publisher: Text | None = None
    date: IsoDate | None = None
    url: Text | None = None


class Citation(BaseModel):
    """Where in a source something is described: ``{source: devon-2003, at: "4.3"}``."""

    model_config = _FROZEN

    source: Slug
    at: Locator | None = None


class Level(BaseModel):
    """A planning level; a file lists its levels top first."""

    model_config = _FROZEN

    id: Slug
    name: Text
    note: Text | None = None


class Area(BaseModel):
    """A geography; an area ``within`` another is a locality."""

    model_config = _FROZEN

    id: Slug
    name: Text
    within: Slug | None = None


class ServiceArea(BaseModel):
    """A service or client group, such as mental health."""

    model_config = _FROZEN

    id: Slug
    name: Text


class Member(BaseModel):
    """Who sits on a body: another body of the file, or a named group."""

    model_config = _FROZEN

    body: Slug | None = None
    name: Text | None = None
    sector: Sector
    role: Text | None = None

    @model_validator(mode="after")
    def _exactly_one_of_body_or_name(self) -> Member:
        if (self.body is None) == (self.name is None):
            raise PydanticCustomError(
                "member_identity",
                "a member names either a body (body: id) or a group (name: text), not both or neither",
                {},
            )
        return self


class _Lifetime:
    """Shared by bodies and relationships, which both have a status and dates."""

    if TYPE_CHECKING:
        status: Status

    @property
    def is_current(self) -> bool:
        """True unless dissolved: the rules look at active and proposed items."""
        return self.status is not Status.DISSOLVED


class Body(_Lifetime, BaseModel):
    """A board, committee, partnership, group or other body."""

    model_config = _FROZEN

    id: Slug
    name: Text
    kind: BodyKind
    authority: Authority | None = None
    sovereign: StrictBool = False
    level: Slug | None = None
    areas: list[Slug] = Field(default_factory=list, max_length=MAX_ENTRIES)
    service_areas: list[Slug] = Field(default_factory=list, max_length=MAX_ENTRIES)
    remit: list[Text] = Field(default_factory=list, max_length=MAX_ENTRIES)
    members: list[Member] = Field(default_factory=list, max_length=MAX_ENTRIES)
    chair: Text | None = None
    status: Status = Status.ACTIVE
    established: IsoDate | None = None
    dissolved: IsoDate | None = None
    sources: list[Citation] = Field(default_factory=list, max_length=MAX_ENTRIES)
    notes: Text | None = None
    metadata: Metadata = Field(default_factory=dict)


class Relationship(_Lifetime, BaseModel):
    """A directed relationship ``source --kind--> target`` between two bodies."""

    model_config = _FROZEN

    source: Slug
    kind: RelationshipKind
    target: Slug
    status: Status = Status.ACTIVE
    established: IsoDate | None = None
    dissolved: IsoDate | None = None
    note: Text | None = None
    sources: list[Citation] = Field(default_factory=list, max_length=MAX_ENTRIES)
    metadata: Metadata = Field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        """(source, kind, target), with the ends of a symmetric ``links_with`` sorted."""
        if self.kind is RelationshipKind.LINKS_WITH and self.target < self.source:
            return (self.target, self.kind.value, self.source)
        return (self.source, self.kind.value, self.target)


class Waiver(BaseModel):
    """An accepted finding: ``rule`` on ``bodies``, for a stated reason."""

    model_config = _FROZEN

    rule: StrictStr
    bodies: list[Slug] = Field(default_factory=list, max_length=MAX_ENTRIES)
    reason: Text


class Structure(BaseModel):
    """A governance structure: one file's worth of bodies and relationships.

    Compare structures with ``==``; ask questions of them with the query
    methods, or take :meth:`to_networkx` further.
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
        relationships (see :mod:`govgraph._table`), which are made into models
        only when asked for. Nothing is checked here: loading checks the
        references on the rows' columns first."""
        values = {_FIELD_NAMES.get(key, key): value for key, value in document.items()}
        given = set(values)
        bodies, relations = values.pop("bodies"), values.pop("relationships", [])
        made = cls.model_construct(_fields_set=given, **values)
        made.__dict__.pop("relationships", None)
        from ._table import Table

        made.__dict__["_table"] = Table(bodies, relations)
        return made

    @cached_property
    def _table(self) -> Table:
        from ._table import Table

        return Table.of_models(self.bodies, self.relationships)

    @property
    def _wiring(self) -> Wiring | None:
        # None only while a structure with broken references is being validated.
        return self._table.wiring

    def _made(self) -> Structure:
        """This structure with every body and relationship made a model (once),
        in field order, before pydantic reads its fields directly."""
        held = self.__dict__
        if "bodies" not in held or "relationships" not in held:
            table: Table = held["_table"]
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

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """As pydantic's, once every body and relationship is a model."""
        return super(Structure, self._made()).model_dump(**options)

    def model_dump_json(self, **options: Any) -> str:
        """As pydantic's, once every body and relationship is a model."""
        return super(Structure, self._made()).model_dump_json(**options)

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

    # -- queries and conversions (delegated to the layers above) --------------

    def roots(self) -> list[str]:
        """The bodies where accountability routes end; see :func:`govgraph.graph.roots`."""
        from .graph import roots

        return roots(self)

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
        from .graph import routes_up

        return routes_up(self, body_id, limit=limit)

    def roots_of(self, body_id: str) -> list[str]:
        """The roots this body answers to; see :func:`govgraph.graph.roots_of`."""
        from .graph import roots_of

        return roots_of(self, body_id)

    def below(self, body_id: str) -> list[str]:
        """What sits under this body? Every body with an upward route to it.

        Examples
        --------
        >>> import govgraph as gg
        >>> s = gg.load("examples/devon/devon.yaml")
        >>> [b for b in s.below("spg-mh") if b.startswith("emg")]
        ['emg-mh']
        """
        from .graph import below

        return below(self, body_id)

    def between(self, first: str, second: str) -> list[Relationship]:
        """The relationships joining two bodies, either way round."""
        from .graph import between

        return between(self, first, second)

    def at(self, day: date) -> Structure:
        """The structure as it stood on ``day``; see :func:`govgraph.graph.at`."""
        from .graph import at

        return at(self, day)

    def became(self, body_id: str) -> list[str]:
        """What became of this body? Its successors along ``replaced_by``, in order."""
        from .graph import became

        return became(self, body_id)

    def subset(self, **filters: Any) -> Structure:
        """The bodies passing filters (``levels``, ``areas``, ``service_areas``, ``kinds``, ``bodies``)."""
        from .graph import subset

        return subset(self, **filters)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The structure as a ``networkx.MultiDiGraph``; see :func:`govgraph.graph.to_networkx`."""
        from .graph import to_networkx

        return to_networkx(self)

    def to_frames(self, report: Any = None) -> dict[str, Any]:
        """The bodies, relationships, members and findings as pandas DataFrames (needs pandas);
        see :func:`govgraph.interchange.to_frames`."""
        from .interchange import to_frames

        return to_frames(self, report)

    def dump(self, path: str | Path, *, format: Literal["yaml", "json"] | None = None) -> Path:
        """Write the structure to ``path`` (YAML or JSON by suffix), atomically."""
        from .loading import dump

        return dump(self, path, format=format)

    def dumps(self, format: Literal["yaml", "json"] = "yaml") -> str:
        """The structure as YAML or JSON text."""
        from .loading import dumps

        return dumps(self, format=format)

    def recommendations_frame(self) -> Any:
        """The recommendations tracker as a pandas DataFrame; see :func:`govgraph.recommendations.frame`."""
        from .recommendations import frame

        return frame(self)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter shows a structure as its diagram (SVG), or as Mermaid without Graphviz."""
        from .errors import GraphvizNotFound
        from .export import to_mermaid

        bundle = {"text/plain": repr(self)}
        try:
            from .export.backend import pipe
            from .export.dot import to_dot

            svg = pipe(to_dot(self), "svg").decode("utf-8")  # large structures: an overview (see to_dot)
            if len(svg) <= 1_000_000:
                bundle["image/svg+xml"] = svg
            else:  # a multi-megabyte drawing would swamp the notebook
                bundle["text/markdown"] = (
                    f"*{self.name}*: the drawing is {len(svg) / 1e6:.1f} MB, too big to show here. "
                    'Draw part of it with `gg.render(s, "part.svg", collapse="service_area")` or `focus="ID"`.'
                )
        except GraphvizNotFound:
            bundle["text/markdown"] = f"```mermaid\n{to_mermaid(self)}```"
        return bundle

    def __repr__(self) -> str:
        table = self._table
        return f"<Structure {self.name!r}: {len(table.body_rows)} bodies, {len(table.relationship_rows)} relationships>"

    def __str__(self) -> str:
        return repr(self)


class AsOf(date):
    """A structure's date that, called with another date, gives the structure on that day."""

    _structure: Structure

    def __new__(cls, day: date, structure: Structure) -> AsOf:
        value = super().__new__(cls, day.year, day.month, day.day)
        value._structure = structure
        return value

    def __call__(self, day: date) -> Structure:
        return self._structure.at(day)

    def __repr__(self) -> str:
        return repr(date(self.year, self.month, self.day))


class Undated:
    """What ``as_of`` is for a structure whose file gives no date: equal to ``None``,
    false, and still callable like :class:`AsOf`."""

    __slots__ = ("_structure",)

    def __init__(self, structure: Structure) -> None:
        self._structure = structure

    def __call__(self, day: date) -> Structure:
        return self._structure.at(day)

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, Undated)

    def __hash__(self) -> int:
        return hash(None)

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "None"


def _some(ids: Mapping[str, object] | list[str], limit: int = 12) -> str:
    names = sorted(ids)
    shown = ", ".join(names[:limit])
    return shown + (f", … ({len(names)} in all)" if len(names) > limit else "")


# -- cross references ---------------------------------------------------------

Loc = tuple[str | int, ...]


def _reference_errors(problems: list[tuple[Loc, str]]) -> list[InitErrorDetails]:
    # A message quotes ids as written; JSON can write half a surrogate pair ("\ud800"),
    # which pydantic cannot hold in a message: it is shown as its escape.
    return [
        InitErrorDetails(
            type=PydanticCustomError("reference", message.encode("utf-8", "backslashreplace").decode("utf-8")),
            loc=loc,
            input=None,
        )
        for loc, message in problems
    ]


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


def _dates_in_order(problems: list[tuple[Loc, str]], loc: Loc, item: Any) -> None:
    start, end = item.established, item.dissolved
    if start is None or end is None:
        return
    try:
        start, end = _date(start), _date(end)
    except PydanticCustomError:
        return  # reported as a field error
    if end < start:
        problems.append(((*loc, "dissolved"), f"dissolved ({end}) is before established ({start})"))


_flat = chain.from_iterable


def _cited_and_dated_soundly(column: Callable[[str], list[Any]], sources: Mapping[str, int]) -> bool:
    """True when every citation in a table's ``column`` of bodies or relationships
    names a known source and none is dissolved before it was established: what
    bodies and relationships share."""
    if not set(map(get.SOURCE, _flat(column("sources")))) <= sources.keys():
        return False
    dissolved = column("dissolved")
    if any(dissolved):
        dated = [(start, end) for start, end in zip(column("established"), dissolved, strict=True) if start and end]
        return all(start <= end for start, end in dated)
    return True


def _bodies_sound(
    table: Table,
    bodies: Mapping[str, int],
    levels: Mapping[str, int],
    areas: Mapping[str, int],
    service_areas: Mapping[str, int],
    sources: Mapping[str, int],
) -> bool:
    """True when validated bodies certainly have no cross-reference problem (see below)."""
    column = table.column
    if not set(column("level")) <= {None, *levels}:
        return False
    if not set(_flat(column("areas"))) <= areas.keys():
        return False
    if not set(_flat(column("service_areas"))) <= service_areas.keys():
        return False
    if not set(map(get.BODY, _flat(column("members")))) <= {None, *bodies}:
        return False
    return _cited_and_dated_soundly(column, sources)


def _relationships_sound(structure: Structure, sources: Mapping[str, int]) -> bool:
    """True when validated relationships certainly have no cross-reference problem.

    Whole-list operations, several times faster than the loop that locates each
    problem: only a file with a problem pays for that.
    """
    table = structure._table
    wiring = table.wiring
    if wiring is None or any(map(operator.eq, wiring.source, wiring.target)):
        return False
    if len(set(zip(wiring.source, wiring.kind, wiring.target, strict=True))) != len(wiring.source):
        return False
    links = RelationshipKind.LINKS_WITH
    if links in wiring.kind:  # two-way: A-B and B-A are the same link
        pairs = [(s, t) for s, k, t in zip(wiring.source, wiring.kind, wiring.target, strict=True) if k is links]
        if len({(min(pair), max(pair)) for pair in pairs}) != len(pairs):
            return False
    return _cited_and_dated_soundly(table.relationship_column, sources)


def _cross_reference_problems(data: Any) -> list[tuple[Loc, str]]:
    """Every broken reference in a structure, as (location, message) pairs.

    ``data`` is a validated :class:`Structure`, or raw data wrapped in
    :class:`_Raw` when fields are invalid too, so that one pass reports both.
    O(n + m).
    """
    problems: list[tuple[Loc, str]] = []
    sources = _ids(_list(data.sources), "sources", problems, "source")
    levels = _ids(_list(data.levels), "levels", problems, "level")
    areas = _ids(_list(data.areas), "areas", problems, "area")
    service_areas = _ids(_list(data.service_areas), "service_areas", problems, "service area")
    wiring = None if isinstance(data, _Raw) else data._wiring
    # The wiring already numbers the bodies when their ids are all different;
    # a validated structure's bodies are read as models only when it has a problem.
    bodies = wiring.number if wiring is not None else _ids(_list(data.bodies), "bodies", problems, "body")

    def cite(loc: Loc, item: Any) -> None:
        for index, citation in enumerate(_list(item.sources)):
            if citation.source not in sources:
                _ref(problems, (*loc, "sources", index, "source"), citation.source, sources, "source")

    for index, area in enumerate(_list(data.areas)):
        within = _text(area.within)
        if within is not None and within == _text(area.id):
            problems.append((("areas", index, "within"), f"area '{within}' cannot be within itself"))
        else:
            _ref(problems, ("areas", index, "within"), within, areas, "area")

    # The loops below run once per body and relationship of files with 10^5 of
    # them: each check is guarded by a cheap membership test before any call,
    # and a validated structure whose sets of references all resolve skips them.
    sound = not isinstance(data, _Raw) and _bodies_sound(data._table, bodies, levels, areas, service_areas, sources)
    checked_bodies = [] if sound else _list(data.bodies)
    for index, body in enumerate(checked_bodies):
        loc: Loc = ("bodies", index)
        level = body.level
        if level is not None and level not in levels:
            _ref(problems, (*loc, "level"), level, levels, "level")
        for position, area in enumerate(_list(body.areas)):
            if area not in areas:
                _ref(problems, (*loc, "areas", position), area, areas, "area")
        for position, service_area in enumerate(_list(body.service_areas)):
            if service_area not in service_areas:
                _ref(problems, (*loc, "service_areas", position), service_area, service_areas, "service area")
        for position, member in enumerate(_list(body.members)):
            if member.body is not None and member.body not in bodies:
                _ref(problems, (*loc, "members", position, "body"), member.body, bodies, "body")
        if body.sources:
            cite(loc, body)
        if body.dissolved is not None:
            _dates_in_order(problems, loc, body)

    # Nothing to report: skip the slower loop that says where each problem is.
    sound = not isinstance(data, _Raw) and _relationships_sound(data, sources)
    relations = [] if sound else _list(data.relationships)
    seen: dict[tuple[str, str, str], int] = {}
    for index, relation in enumerate(relations):
        source, kind, target = relation.source, relation.kind, relation.target
        if source not in bodies or target not in bodies or relation.sources or relation.dissolved is not None:
            loc = ("relationships", index)
            source, kind, target = _text(source), _text(kind), _text(target)
            if source not in bodies:
                _ref(problems, (*loc, "source"), source, bodies, "body")
            if target not in bodies:
                _ref(problems, (*loc, "target"), target, bodies, "body")
            if relation.sources:
                cite(loc, relation)
            _dates_in_order(problems, loc, relation)
            if source is None or kind is None or target is None:
                continue
        if source == target:
            loc = ("relationships", index)
            problems.append(
                ((*loc, "target"), f"a body cannot have a relationship with itself ('{source}' {kind} '{target}')")
            )
            continue
        key = (min(source, target), kind, max(source, target)) if kind == "links_with" else (source, kind, target)
        if key in seen:
            loc = ("relationships", index)
            same = " (links_with is two-way: A-B and B-A are the same link)" if kind == "links_with" else ""
            problems.append(
                (
                    loc,
                    f"duplicate relationship '{source}' {kind} '{target}'{same}; "
                    f"first given at relationships[{seen[key]}]",
                )
            )
        else:
            seen[key] = index

    checks = data.checks
    raw_checks = checks._data if isinstance(checks, _Raw) else checks
    if isinstance(raw_checks, Mapping):
        for rule_id, value in raw_checks.items():
            if not isinstance(rule_id, str):
                continue
            try:
                registry.get_rule(rule_id)
            except KeyError:
                problems.append((("checks", rule_id), registry.unknown_rule_message(rule_id)))
                continue
            _, found = registry.parse_setting(rule_id, value)
            problems.extend((("checks", rule_id, *p.loc), p.message) for p in found)

    for index, waiver in enumerate(_list(data.waivers)):
        rule_id = _text(waiver.rule)
        if rule_id is not None:
            try:
                registry.get_rule(rule_id)
            except KeyError:
                problems.append((("waivers", index, "rule"), registry.unknown_rule_message(rule_id)))
        for position, body_id in enumerate(_list(waiver.bodies)):
            _ref(problems, ("waivers", index, "bodies", position), body_id, bodies, "body")
    problems.extend(_recommendation_problems(data, bodies, sources))
    return problems


_MADE_ON_DEMAND = frozenset({"bodies", "relationships"})
_FIELD_NAMES = {field.alias: name for name, field in Structure.model_fields.items() if field.alias}

# Recommendations (SPEC §6) have their own module, built on the types above.
from .model_recommendations import Recommendation, Stage  # noqa: E402
from .model_recommendations import reference_problems as _recommendation_problems  # noqa: E402

Structure.model_rebuild()
