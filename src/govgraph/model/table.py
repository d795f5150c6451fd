"""A structure's bodies and relationships as validated rows: columns for the
rules, models made only when asked for.

A file's bodies and relationships are validated by pydantic-core into *rows*:
plain dicts holding the fields each one gives, against row types derived here
from the :class:`~govgraph.model.Body` and :class:`~govgraph.model.Relationship`
models' own fields. The models stay the one definition of the format: a row
type has exactly their fields, annotations and constraints, and anything a row
type refuses is loaded again through the models, which say what is wrong.

The rules read columns (one field of every row, in C) and the integer
:class:`Wiring`; a model is made the first time it is asked for, and kept.
A structure built in Python from models has rows too: its models' ``__dict__``.

>>> from govgraph.model import Body, BodyKind
>>> table = Table([{"id": "a", "name": "A", "kind": BodyKind.BOARD}], [])
>>> table.column("level"), table.column("status")
([None], [<Status.ACTIVE: 'active'>])
>>> table.body(0) == Body(id="a", name="A", kind="board")
True
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, repeat
from operator import itemgetter
from typing import Annotated, Any, NamedTuple, NotRequired, overload

from pydantic import BaseModel, ConfigDict, TypeAdapter
from typing_extensions import TypedDict

from .items import Body, Relationship
from .kinds import RelationshipKind

__all__ = ["BODY_ROW", "RELATIONSHIP_ROW", "Models", "Table", "Wiring", "row_type"]

Row = dict[str, Any]

# A model's settings a row type follows: ``extra`` (carried over); ``frozen``, no
# enum values in place of members and defaults not validated, as rows behave anyway.
_CARRIED_OVER = {"extra": None, "frozen": None, "use_enum_values": False, "validate_default": False}
_typed_dict: Any = TypedDict  # called with types made at run time, which type checkers cannot follow


def row_type(model: type[BaseModel]) -> Any:
    """A TypedDict with ``model``'s fields, annotations and constraints, whose
    optional fields may be left out: validated, it holds what was given.

    Only models without validators of their own can be rows (a validator would
    not run); their nested models stay models and keep theirs.

    >>> sorted(row_type(Relationship).__required_keys__)
    ['kind', 'source', 'target']
    """
    decorators = model.__pydantic_decorators__
    if decorators.field_validators or decorators.model_validators or decorators.validators:
        raise TypeError(f"{model.__name__} has validators of its own: its rows would not run them")
    config = {
        key: value
        for key, value in model.model_config.items()
        if key not in _CARRIED_OVER or _CARRIED_OVER[key] not in (None, value)
    }
    if config:
        raise TypeError(f"{model.__name__}'s config sets {sorted(config)}, which its rows would not follow")
    fields: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        fields[field.alias or name] = annotation if field.is_required() else NotRequired[annotation]
    row = _typed_dict(f"{model.__name__}Row", fields)
    row.__pydantic_config__ = ConfigDict(extra=model.model_config.get("extra"))
    return row


BODY_ROW = row_type(Body)
RELATIONSHIP_ROW = row_type(Relationship)

# Models from rows, validated again by the models themselves: the same models,
# by construction, as a structure validated eagerly would hold.
_BODIES: TypeAdapter[list[Body]] = TypeAdapter(list[Body])
_RELATIONSHIPS: TypeAdapter[list[Relationship]] = TypeAdapter(list[Relationship])


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """What each optional field reads as when a row leaves it out; an empty
    tuple for a field whose default is an empty list or mapping (nothing reads
    a column's value in place)."""
    found: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if field.default_factory is not None:
            found[name] = ()
        elif not field.is_required():
            found[name] = field.default
    return found


_BODY_DEFAULTS = _defaults(Body)
_RELATIONSHIP_DEFAULTS = _defaults(Relationship)


class Wiring(NamedTuple):
    """A structure's relationships as integer columns, shared by the rules and
    graph queries: ``number`` maps a body id to its position in ``bodies``;
    ``source[i]``, ``target[i]`` and ``kind[i]`` describe ``relationships[i]``."""

    number: dict[str, int]
    source: list[int]
    target: list[int]
    kind: list[RelationshipKind]


_ID, _SOURCE, _TARGET, _KIND = itemgetter("id"), itemgetter("source"), itemgetter("target"), itemgetter("kind")


class Table:
    """Rows of bodies and relationships, their columns, and their models on demand.

    ``bodies`` and ``relationships``, when given, are the models the rows came
    from (a structure built in Python); otherwise each is made on first use.
    Columns cost one C-level pass, O(n) or O(m), and are kept.
    """

    __slots__ = ("_bodies", "_columns", "_keys", "_relationships", "_wiring", "body_rows", "relationship_rows")

    def __init__(
        self,
        body_rows: list[Row],
        relationship_rows: list[Row],
        bodies: list[Body] | None = None,
        relationships: list[Relationship] | None = None,
    ) -> None:
        self.body_rows = body_rows
        self.relationship_rows = relationship_rows
        self._bodies: list[Body | None] = list(bodies) if bodies is not None else [None] * len(body_rows)
        self._relationships: list[Relationship | None] = (
            list(relationships) if relationships is not None else [None] * len(relationship_rows)
        )
        self._columns: dict[tuple[str, str], list[Any]] = {}
        self._keys: dict[str, frozenset[str]] = {}
        self._wiring: Wiring | bool | None = False  # False: not yet worked out

    @classmethod
    def of_models(cls, bodies: Sequence[Body], relationships: Sequence[Relationship]) -> Table:
        """The table of models already made: their ``__dict__`` are the rows."""
        return cls(
            [body.__dict__ for body in bodies],
            [relation.__dict__ for relation in relationships],
            list(bodies),
            list(relationships),
        )

    # -- columns -------------------------------------------------------------

    def column(self, name: str) -> list[Any]:
        """One field of every body, in file order (defaults where a row leaves it out)."""
        return self._column("bodies", name, self.body_rows, _BODY_DEFAULTS)

    def relationship_column(self, name: str) -> list[Any]:
        """One field of every relationship, in file order."""
        return self._column("relationships", name, self.relationship_rows, _RELATIONSHIP_DEFAULTS)

    def _column(self, section: str, name: str, rows: list[Row], defaults: dict[str, Any]) -> list[Any]:
        key = (section, name)
        found = self._columns.get(key)
        if found is None:
            if name in defaults and name not in self._given(section, rows):
                found = [defaults[name]] * len(rows)  # no row gives it: no pass over the rows
            else:
                # dict.get mapped with repeated arguments: no method looked up per row.
                found = (
                    list(map(dict.get, rows, repeat(name), repeat(defaults[name])))
                    if name in defaults
                    else list(map(itemgetter(name), rows))
                )
            self._columns[key] = found
        return found

    def _given(self, section: str, rows: list[Row]) -> frozenset[str]:
        """The fields some row of ``section`` gives: one C-level pass, kept."""
        found = self._keys.get(section)
        if found is None:
            found = self._keys[section] = frozenset().union(*rows)
        return found

    @property
    def wiring(self) -> Wiring | None:
        """The integer columns; ``None`` when ids repeat or a relationship names an
        unknown body. Mapped C calls only: O(n + m)."""
        if self._wiring is False:
            self._wiring = _wire(self.body_rows, self.relationship_rows)
        return self._wiring  # type: ignore[return-value]

    # -- models --------------------------------------------------------------

    def body(self, index: int) -> Body:
        """The model of body ``index``, made on first use."""
        made = self._bodies[index]
        if made is None:
            made = self._bodies[index] = Body.model_validate(self.body_rows[index])
        return made

    def relationship(self, index: int) -> Relationship:
        """The model of relationship ``index``, made on first use."""
        made = self._relationships[index]
        if made is None:
            made = self._relationships[index] = Relationship.model_validate(self.relationship_rows[index])
        return made

    def bodies(self) -> list[Body]:
        """Every body's model, those not yet made validated in one pass."""
        return _all(self._bodies, self.body_rows, _BODIES)

    def relationships(self) -> list[Relationship]:
        """Every relationship's model."""
        return _all(self._relationships, self.relationship_rows, _RELATIONSHIPS)


def _all(made: list[Any], rows: list[Row], adapter: TypeAdapter[Any]) -> list[Any]:
    # Found by identity, in C: ``None in made`` would call each model's __eq__.
    missing = list(compress(range(len(made)), map(operator.is_, made, repeat(None))))
    if missing:
        for index, model in zip(missing, adapter.validate_python([rows[i] for i in missing]), strict=True):
            made[index] = model
    return list(made)


def _wire(bodies: list[Row], relations: list[Row]) -> Wiring | None:
    number = dict(zip(_packed(list(map(_ID, bodies))), range(len(bodies)), strict=True))
    if len(number) != len(bodies):
        return None
    try:
        source = list(map(number.__getitem__, map(_SOURCE, relations)))
        target = list(map(number.__getitem__, map(_TARGET, relations)))
    except KeyError:
        return None
    return Wiring(number, source, target, list(map(_KIND, relations)))


def _packed(ids: list[Any]) -> list[Any]:
    """Copies of ``ids`` side by side in memory, made by one join and one split.

    Each look-up of a relationship's end compares it with the key found, and
    a parsed file leaves its ids scattered among its other objects: with the
    keys packed, 500,000 look-ups took 0.21–0.26 s instead of 0.30–0.31 s
    (``benchmarks/dict_lookups.py``). Ids are slugs, which hold no NUL; anything
    else (a structure built without validation) keeps the ids as they are.
    """
    try:
        packed: list[Any] = "\0".join(ids).split("\0")
    except TypeError:  # not all strings
        return ids
    return packed if len(packed) == len(ids) else ids


class Models(Sequence[Any]):
    """Some of a table's bodies or relationships as a sequence of models, each
    made the first time it is read: ``positions`` in the table, or all of them."""

    __slots__ = ("_make", "_positions", "_size")

    def __init__(self, make: Callable[[int], Any], size: int, positions: list[int] | None = None) -> None:
        self._make = make
        self._positions = positions
        self._size = size if positions is None else len(positions)

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("index out of range")
        return self._make(index if self._positions is None else self._positions[index])

    def __iter__(self) -> Iterator[Any]:
        return map(self.__getitem__, range(self._size))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Models | list | tuple):
            return len(self) == len(other) and all(map(lambda a, b: a == b, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} models made on demand>"
