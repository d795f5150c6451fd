"""Recommendations and the stage scale they are tracked on: the model (SPEC §6).

A scrutiny board or partnership makes recommendations; bodies of the
structure own them; dated updates move each along a scale of stages the file
declares, some of which count as *achieved*::

    stages:                                   # least advanced first
      - {id: "4", name: Not achieved – progress made acceptable}
      - {id: "2", name: Achieved, achieved: true}
    recommendations:
      - id: rec-5
        text: Evaluate the Network during its first year
        made_by: scrutiny-board
        owners: [hlp]
        made: 2007-09-01
        due: 2008-04-30
        updates:
          - {date: 2008-02-01, stage: "4", note: Too early to evaluate, sources: [{source: leeds-2008, at: "rec 5"}]}
        sources: [{source: leeds-2008, at: "rec 5"}]

The references — made_by and owners to bodies, updates to stages, citations
to sources — and the order of dates are checked with the rest of the
structure (:func:`reference_problems`, called by :mod:`govgraph.model.references`), every
problem at once with its path.

>>> import govgraph as gg
>>> gg.loads('''
... govgraph: 1
... name: S
... stages: [{id: open, name: Open}]
... bodies: [{id: board, name: Board, kind: board}]
... recommendations:
...   - {id: r1, text: Do it, made_by: board, owners: [bored], made: 2008-01-01,
...      updates: [{date: 2008-02-01, stage: done}]}
... ''', filename="s.yaml")
Traceback (most recent call last):
  ...
govgraph.errors.StructureError: s.yaml:7:52: error: recommendations[0].owners[0]: unknown body 'bored' (did you mean 'board'?); bodies: board
s.yaml:8:42: error: recommendations[0].updates[0].stage: unknown stage 'done'; stages: open
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, WithJsonSchema
from pydantic_core import PydanticCustomError

from .._hints import did_you_mean
from .._limits import MAX_ENTRIES
from .lookup import Loc, _ids, _list, _Raw, _ref, _some, _text
from .parts import SLUG_PATTERN, Citation, IsoDate, Metadata, Slug, Text, _date

__all__ = ["Recommendation", "Stage", "StageId", "Update", "reference_problems"]


# As the model's own classes: immutable, unknown keys refused.
_FROZEN = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, validate_default=False)


def _number_as_text(value: object) -> object:
    """Stages are often numbered (Leeds: stage 2, stage 4): ``2`` is the id ``"2"``."""
    return str(value) if type(value) is int and value >= 0 else value


#: A stage id: a slug, or a whole number standing for the same text (``2`` is ``"2"``).
StageId = Annotated[
    Slug,
    BeforeValidator(_number_as_text),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "pattern": SLUG_PATTERN, "maxLength": 100}, {"type": "integer", "minimum": 0}]}
    ),
]


class Stage(BaseModel):
    """One stage of the file's tracking scale; ``achieved`` stages close a recommendation."""

    model_config = _FROZEN

    id: StageId
    name: Text
    achieved: StrictBool = False
    note: Text | None = None


class Update(BaseModel):
    """Progress on a recommendation on a date: the stage it reached, and what was done."""

    model_config = _FROZEN

    date: IsoDate
    stage: StageId
    note: Text | None = None
    sources: list[Citation] = Field(default_factory=list, max_length=MAX_ENTRIES)


class Recommendation(BaseModel):
    """What a body asked for, who owns it, and its dated updates, oldest first."""

    model_config = _FROZEN

    id: Slug
    text: Text
    made_by: Slug
    owners: list[Slug] = Field(default_factory=list, max_length=MAX_ENTRIES)
    made: IsoDate
    due: IsoDate | None = None
    updates: list[Update] = Field(default_factory=list, max_length=MAX_ENTRIES)
    sources: list[Citation] = Field(default_factory=list, max_length=MAX_ENTRIES)
    notes: Text | None = None
    metadata: Metadata = Field(default_factory=dict)

    @property
    def latest(self) -> Update | None:
        """The most recent update, or ``None`` before the first."""
        return self.updates[-1] if self.updates else None


def _day(value: object) -> Any:
    """A date from validated or raw data; ``None`` where it is missing or not a date."""
    try:
        return _date(value) if value is not None else None
    except PydanticCustomError:
        return None  # reported as a field error


def _stage_ref(problems: list[tuple[Loc, str]], loc: Loc, value: object, stages: Mapping[str, int]) -> None:
    ident = _text(_number_as_text(value))
    if ident is None or ident in stages:
        return
    if not stages:
        problems.append((loc, f"unknown stage '{ident}'; the file declares no stages: add a top-level 'stages:' list"))
    else:
        problems.append((loc, f"unknown stage '{ident}'{did_you_mean(ident, stages)}; stages: {_some(stages)}"))


def reference_problems(data: Any, bodies: Mapping[str, int], sources: Mapping[str, int]) -> list[tuple[Loc, str]]:
    """The broken references and dates of a structure's stages and recommendations.

    ``data`` is a validated structure, or raw data wrapped as the model's
    cross-reference check wraps it; ``bodies`` and ``sources`` index the ids
    of the file. Duplicate ids, unknown bodies (with the nearest id), unknown
    stages, unknown sources, an owner listed twice, ``due`` before ``made``,
    and updates before ``made`` or out of date order. O(recommendations + updates).
    """
    stage_list = _list(data.stages)
    recommendations = _list(data.recommendations)
    if not stage_list and not recommendations:
        return []
    problems: list[tuple[Loc, str]] = []
    stages = _ids([_Stage(stage) for stage in stage_list], "stages", problems, "stage")
    _ids([_Stage(item) for item in recommendations], "recommendations", problems, "recommendation")

    def cite(loc: Loc, item: Any) -> None:
        for index, citation in enumerate(_list(item.sources)):
            source = _text(_field(citation, "source"))
            if source is not None and source not in sources:
                _ref(problems, (*loc, "sources", index, "source"), source, sources, "source")

    for index, recommendation in enumerate(recommendations):
        if not _has_fields(recommendation):
            continue  # not a mapping: reported as a field error
        loc: Loc = ("recommendations", index)
        made_by = _text(recommendation.made_by)
        if made_by is not None and made_by not in bodies:
            _ref(problems, (*loc, "made_by"), made_by, bodies, "body")
        seen: dict[str, int] = {}
        for position, owner in enumerate(_list(recommendation.owners)):
            if not isinstance(owner, str):
                continue
            if owner not in bodies:
                _ref(problems, (*loc, "owners", position), owner, bodies, "body")
            elif owner in seen:
                problems.append(
                    ((*loc, "owners", position), f"owner '{owner}' is listed twice (first at owners[{seen[owner]}])")
                )
            else:
                seen[owner] = position
        cite(loc, recommendation)
        made, due = _day(recommendation.made), _day(recommendation.due)
        if made is not None and due is not None and due < made:
            problems.append(((*loc, "due"), f"due ({due}) is before the recommendation was made ({made})"))
        previous = None
        for position, update in enumerate(_list(recommendation.updates)):
            if not _has_fields(update):
                continue
            where: Loc = (*loc, "updates", position)
            _stage_ref(problems, (*where, "stage"), update.stage, stages)
            cite(where, update)
            day = _day(update.date)
            if day is None:
                continue
            if made is not None and day < made:
                problems.append(
                    ((*where, "date"), f"update dated {day} is before the recommendation was made ({made})")
                )
            if previous is not None and day < previous[1]:
                problems.append(
                    (
                        (*where, "date"),
                        f"updates out of date order: this update ({day}) is earlier than updates[{previous[0]}] "
                        f"({previous[1]}); list updates oldest first",
                    )
                )
            previous = (position, day)
    return problems


def _has_fields(item: object) -> bool:
    return isinstance(item, _Raw | BaseModel)


def _field(item: object, name: str) -> Any:
    return getattr(item, name) if _has_fields(item) else None


class _Stage:
    """An item's id as references read it (a stage's number as text), for indexing ids."""

    __slots__ = ("id",)

    def __init__(self, item: Any) -> None:
        self.id = _number_as_text(_field(item, "id"))
