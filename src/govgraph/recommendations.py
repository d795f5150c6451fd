"""Tracking recommendations: their latest stage, the tracker table, and how they changed.

The model is in :mod:`govgraph.model.recommendations`; the four rules of
SPEC §6 are in :mod:`govgraph.checks.rules`. This module answers the
questions a governance analyst asks of a tracker: where is each
recommendation now, who owns the open ones, and what did a restructure or a
new round of updates change.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Tracker
... as_of: 2009-01-01
... stages: [{id: open, name: Open}, {id: done, name: Done, achieved: true}]
... bodies:
...   - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
...   - {id: board, name: Board, kind: board}
... recommendations:
...   - {id: r1, text: Publish the plan, made_by: panel, owners: [board], made: 2008-01-01,
...      updates: [{date: 2008-03-01, stage: open}, {date: 2008-06-01, stage: done}]}
...   - {id: r2, text: Review the membership, made_by: panel, owners: [board], made: 2008-01-01}
... ''')
>>> [(row["id"], row["stage"], row["achieved"], row["last_update"]) for row in rows(s)]
[('r1', 'done', True, '2008-06-01'), ('r2', None, False, None)]
>>> open_by_owner(s)
{'board': ['r2']}
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from .model import Recommendation, Stage, shortcuts

if TYPE_CHECKING:
    from .checks import Report
    from .model import Structure

__all__ = [
    "RULES",
    "RecommendationChange",
    "RecommendationChanges",
    "StageChange",
    "compare",
    "frame",
    "is_achieved",
    "open_by_owner",
    "rows",
    "stage_label",
    "standing_on",
    "within",
    "write_changes",
    "write_tracker",
]

#: The rules about recommendations (SPEC §6); their findings carry the recommendation id as ``key``.
RULES = ("unowned-recommendation", "owner-outside-structure", "stale-recommendation", "overdue-recommendation")


#: How the tracker's status column names each rule's finding.
_STATUS = {
    "unowned-recommendation": "unowned",
    "owner-outside-structure": "owner outside",
    "stale-recommendation": "stale",
    "overdue-recommendation": "overdue",
}


def _stages(structure: Structure) -> dict[str, Stage]:
    return {stage.id: stage for stage in structure.stages}


def is_achieved(structure: Structure, recommendation: Recommendation) -> bool:
    """True when the latest update is at a stage the file counts as achieved."""
    latest = recommendation.latest
    return latest is not None and _stages(structure)[latest.stage].achieved


def stage_label(stage: Stage | None, stage_id: str | None = None) -> str:
    """``2 (Achieved)``: a stage's id and name, for text output.

    >>> stage_label(Stage(id="2", name="Achieved", achieved=True))
    '2 (Achieved)'
    >>> stage_label(None)
    'no update'
    """
    if stage is None:
        return stage_id if stage_id is not None else "no update"
    return stage.id if stage.name == stage.id else f"{stage.id} ({stage.name})"


def open_by_owner(structure: Structure) -> dict[str, list[str]]:
    """Each current owner's open (not achieved) recommendations, owners and ids in file order.

    Dissolved owners are left out: their recommendations are
    ``unowned-recommendation``'s business.
    """
    current = {body.id for body in structure.bodies if body.is_current}
    stages = _stages(structure)
    found: dict[str, list[str]] = {}
    for recommendation in structure.recommendations:
        latest = recommendation.latest
        if latest is not None and stages[latest.stage].achieved:
            continue
        for owner in recommendation.owners:
            if owner in current:
                found.setdefault(owner, []).append(recommendation.id)
    return found


def rows(structure: Structure, report: Report | None = None) -> list[dict[str, Any]]:
    """One plain row per recommendation, in file order: the tracker without pandas.

    Columns: ``id``, ``text``, ``made_by``, ``owners`` (list), ``made``,
    ``due``, ``stage`` (latest stage id), ``stage_name``, ``achieved``,
    ``last_update`` (ISO dates as text), ``updates`` (how many), and
    ``status``: ``achieved`` or ``open``, followed by the rules that found
    something about it when a ``report`` is given (``open: overdue, stale``).
    """
    stages = _stages(structure)
    flagged: dict[str, list[str]] = {}
    if report is not None:
        for finding in report:
            if finding.rule in RULES and finding.key and not finding.waived:
                flagged.setdefault(finding.key[0], []).append(_STATUS[finding.rule])
    table = []
    for recommendation in structure.recommendations:
        latest = recommendation.latest
        stage = stages[latest.stage] if latest is not None else None
        achieved = stage is not None and stage.achieved
        status = "achieved" if achieved else "open"
        if recommendation.id in flagged:
            status += ": " + ", ".join(sorted(set(flagged[recommendation.id])))
        table.append(
            {
                "id": recommendation.id,
                "text": recommendation.text,
                "made_by": recommendation.made_by,
                "owners": list(recommendation.owners),
                "made": recommendation.made.isoformat(),
                "due": recommendation.due.isoformat() if recommendation.due else None,
                "stage": stage.id if stage else None,
                "stage_name": stage.name if stage else None,
                "achieved": achieved,
                "last_update": latest.date.isoformat() if latest else None,
                "updates": len(recommendation.updates),
                "status": status,
            }
        )
    return table


def frame(structure: Structure, report: Report | None = None) -> Any:
    """The tracker as a pandas DataFrame indexed by recommendation id (columns as :func:`rows`).

    pandas is optional: without it this raises ``ImportError`` saying how to install it.
    """
    try:
        pd = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "recommendations_frame() needs pandas, which is not installed: pip install pandas "
            "(or pip install 'govgraph[pandas]'); govgraph.recommendations.rows() gives the same table as dicts"
        ) from None
    columns = ["id", "text", "made_by", "owners", "made", "due", "stage", "stage_name", "achieved"]
    columns += ["last_update", "updates", "status"]
    table = pd.DataFrame(rows(structure, report), columns=columns)
    for name in ("made", "due", "last_update"):
        table[name] = pd.to_datetime(table[name])
    return table.set_index("id")


def write_tracker(report: Report, out: TextIO) -> None:
    """The tracker view of ``govgraph check``: per recommendation its owners, latest
    stage, last update and status. Writes nothing for a file without recommendations."""
    structure = report.structure
    table = rows(structure, report)
    if not table:
        return
    achieved = sum(1 for row in table if row["achieved"])
    out.write(f"  recommendations ({len(table)}: {achieved} achieved, {len(table) - achieved} open):\n")
    stages = _stages(structure)
    cells = [
        (
            row["id"],
            stage_label(stages.get(row["stage"] or "")),
            row["last_update"] or "-",
            row["status"],
            ", ".join(row["owners"]) or "(no owner)",
        )
        for row in table
    ]
    header = ("id", "latest stage", "last update", "status", "owners")
    widths = [max(len(cell[i]) for cell in [header, *cells]) for i in range(4)]
    for cell in [header, *cells]:
        out.write("    " + "  ".join(text.ljust(widths[i]) for i, text in enumerate(cell[:4])) + f"  {cell[4]}\n")


# -- restricting a structure -------------------------------------------------------


def within(recommendations: Iterable[Recommendation], bodies: set[str]) -> list[Recommendation]:
    """The recommendations all of whose bodies (made_by and owners) are among ``bodies``,
    as :meth:`Structure.subset` keeps waivers."""
    return [r for r in recommendations if r.made_by in bodies and set(r.owners) <= bodies]


def standing_on(recommendations: Iterable[Recommendation], bodies: set[str], day: date) -> list[Recommendation]:
    """The recommendations as they stood on ``day`` (:meth:`Structure.at`): those made by
    then, with the updates made by then, owners no longer standing left out (so a
    recommendation whose owners have all gone shows as unowned); dropped when the body
    that made it no longer stood."""
    kept = []
    for recommendation in recommendations:
        if recommendation.made > day or recommendation.made_by not in bodies:
            continue
        updates = [update for update in recommendation.updates if update.date <= day]
        owners = [owner for owner in recommendation.owners if owner in bodies]
        if updates != recommendation.updates or owners != recommendation.owners:
            recommendation = recommendation.model_copy(update={"updates": updates, "owners": owners})
        kept.append(recommendation)
    return kept


# -- comparing two structures ----------------------------------------------------


@dataclass(frozen=True)
class StageChange:
    """A recommendation whose latest stage differs between two structures."""

    id: str
    old: str | None
    new: str | None
    backwards: bool
    old_label: str
    new_label: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "old": self.old, "new": self.new, "backwards": self.backwards}


@dataclass(frozen=True)
class RecommendationChange:
    """A recommendation in both structures whose fields (other than its updates) differ."""

    id: str
    fields: dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class RecommendationChanges:
    """Recommendations added and removed (ids), changed, and their stage changes."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[RecommendationChange] = field(default_factory=list)
    stages: list[StageChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.stages)

    def to_dict(self) -> dict[str, Any]:
        """The ``recommendations`` entry of ``govgraph diff --format json``."""
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": [
                {"id": c.id, "fields": {k: {"old": a, "new": b} for k, (a, b) in c.fields.items()}}
                for c in self.changed
            ],
            "stages": [change.to_dict() for change in self.stages],
        }


def _backwards(old: Structure, new: Structure, before: str | None, after: str | None) -> bool:
    """Does moving from stage ``before`` (of ``old``) to ``after`` (of ``new``) lose ground?

    Stages are listed least advanced first, so a move to a stage listed earlier
    in the new file's scale is a step back; where the old stage is not on the new
    scale, leaving an achieved stage for one that is not is. Losing every update
    is a step back too.
    """
    if after is None:
        return before is not None
    if before is None:
        return False
    scale = [stage.id for stage in new.stages]
    if before in scale:
        return scale.index(after) < scale.index(before)
    return _stages(old)[before].achieved and not _stages(new)[after].achieved


def compare(old: Structure, new: Structure) -> RecommendationChanges:
    """What changed in the recommendations from ``old`` to ``new``: matched by id;
    added and removed in file order; changed fields other than ``updates``; and
    each change of latest stage, marked ``backwards`` when it loses ground."""
    before = {r.id: r for r in old.recommendations}
    after = {r.id: r for r in new.recommendations}
    changes = RecommendationChanges(
        added=[r.id for r in new.recommendations if r.id not in before],
        removed=[r.id for r in old.recommendations if r.id not in after],
    )
    old_stages, new_stages = _stages(old), _stages(new)
    for recommendation in new.recommendations:
        previous = before.get(recommendation.id)
        if previous is None:
            continue
        if previous != recommendation:
            was = previous.model_dump(mode="json", exclude={"updates"})
            now = recommendation.model_dump(mode="json", exclude={"updates"})
            fields = {name: (was[name], now[name]) for name in was if was[name] != now[name]}
            if fields:
                changes.changed.append(RecommendationChange(recommendation.id, fields))
        stage_was = previous.latest.stage if previous.latest else None
        stage_now = recommendation.latest.stage if recommendation.latest else None
        if stage_was != stage_now:
            changes.stages.append(
                StageChange(
                    recommendation.id,
                    stage_was,
                    stage_now,
                    _backwards(old, new, stage_was, stage_now),
                    stage_label(old_stages.get(stage_was or "")),
                    stage_label(new_stages.get(stage_now or "")),
                )
            )
    return changes


def write_changes(changes: RecommendationChanges, old: Structure, new: Structure, out: TextIO) -> None:
    """The recommendation lines of ``govgraph diff`` text; a stage going backwards has a line of its own."""
    texts: Mapping[str, str] = {r.id: r.text for r in [*old.recommendations, *new.recommendations]}
    for ident in changes.added:
        out.write(f"  + recommendation {ident}: {_short(texts[ident])}\n")
    for ident in changes.removed:
        out.write(f"  - recommendation {ident}: {_short(texts[ident])}\n")
    for change in changes.changed:
        out.write(f"  ~ recommendation {change.id}\n")
        for name, (was, now) in change.fields.items():
            out.write(f"      {name}: {was!r} → {now!r}\n")
    for stage in changes.stages:
        if stage.backwards:
            out.write(f"  ! recommendation {stage.id} went backwards: {stage.old_label} → {stage.new_label}\n")
        else:
            out.write(f"  ~ recommendation {stage.id} stage: {stage.old_label} → {stage.new_label}\n")


def _short(text: str, limit: int = 70) -> str:
    """One line of at most ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# Structure.recommendations_frame is a shortcut to frame.
shortcuts.recommendations_frame.fill(frame)
