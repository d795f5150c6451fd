"""``overdue-recommendation`` (default: warning)

A recommendation past its ``due`` date should be at a stage the file counts
as achieved. Judged on the structure's ``as_of`` (or the rule's ``as_of``
option); silent when there is neither, and for recommendations with no
``due``. One finding per recommendation; ``bodies`` are its current owners
(the body that made it, when none is current).

Options:

- ``as_of``: judge on this date instead of the structure's ``as_of``

PASS (achieved before the structure's date)::

    as_of: 2009-01-01
    stages: [{id: open, name: Open}, {id: done, name: Done, achieved: true}]
    bodies:
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
      - {id: board, name: Board, kind: board}
    recommendations:
      - {id: r1, text: Report back, made_by: panel, owners: [board], made: 2008-01-01, due: 2008-04-30,
         updates: [{date: 2008-04-15, stage: done}]}

FAIL (due in April 2008, still open in January 2009)::

    as_of: 2009-01-01
    stages: [{id: open, name: Open}, {id: done, name: Done, achieved: true}]
    bodies:
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
      - {id: board, name: Board, kind: board}
    recommendations:
      - {id: r1, text: Report back, made_by: panel, owners: [board], made: 2008-01-01, due: 2008-04-30,
         updates: [{date: 2008-02-01, stage: open}]}

Fix: record the update that achieved it, or agree a new ``due`` date with the
body that made it (and cite where).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel, ConfigDict

from ...recommendations import stage_label
from ..context import Context, Hit
from ..engine import rule
from ._tracking import achieved_stages, is_closed, measured_from, named, subjects

__all__ = ["ID", "OverdueRecommendationOptions", "overdue_recommendation"]

ID = "overdue-recommendation"


class OverdueRecommendationOptions(BaseModel):
    """The day to judge on, when not the structure's date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    as_of: date | None = None


@rule(ID, severity="warning", options=OverdueRecommendationOptions, doc=__doc__)
def overdue_recommendation(context: Context, options: OverdueRecommendationOptions) -> Iterator[Hit]:
    """Recommendations past ``due`` and not at an achieved stage. O(recommendations)."""
    day = measured_from(context, options.as_of)
    recommendations = context.structure.recommendations
    if day is None or not recommendations:
        return
    achieved = achieved_stages(context)
    stages = {stage.id: stage for stage in context.structure.stages}
    for recommendation in recommendations:
        due = recommendation.due
        if due is None or due >= day or is_closed(recommendation, achieved):
            continue
        latest = recommendation.latest
        where = f"is at stage {stage_label(stages[latest.stage])}" if latest is not None else "has had no update"
        late = (day - due).days
        yield Hit(
            subjects(context, recommendation),
            f"{named(recommendation)} was due {due} and, {late} day{'' if late == 1 else 's'} later "
            f"(as of {day}), {where}",
            key=(recommendation.id,),
        )
