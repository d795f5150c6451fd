"""``stale-recommendation`` (default: warning)

A recommendation that is not yet achieved should be heard of: one with no
update within ``max_days`` of the structure's date has gone quiet, and a
tracker that is not updated is not tracking. Measured from the last update
(or, before the first, from the day the recommendation was made) to the
structure's ``as_of``, or to the rule's ``as_of`` option when it is set. With
neither, the rule is silent: a check never depends on the day it runs. One
finding per recommendation; ``bodies`` are its current owners (the body
that made it, when none is current).

Options:

- ``max_days``: the longest silence allowed, in days (default 180)
- ``as_of``: measure to this date instead of the structure's ``as_of``

PASS (updated 60 days before the structure's date)::

    as_of: 2008-06-01
    stages: [{id: open, name: Open}]
    bodies:
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
      - {id: board, name: Board, kind: board}
    recommendations:
      - {id: r1, text: Publish the plan, made_by: panel, owners: [board], made: 2008-01-01,
         updates: [{date: 2008-04-02, stage: open}]}

FAIL (no update for 367 days)::

    as_of: 2009-01-03
    stages: [{id: open, name: Open}]
    bodies:
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
      - {id: board, name: Board, kind: board}
    recommendations:
      - {id: r1, text: Publish the plan, made_by: panel, owners: [board], made: 2008-01-01,
         updates: [{date: 2008-01-02, stage: open}]}

Fix: add the latest update, with the paper it comes from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from ..context import Context, Hit
from ..engine import rule
from ._tracking import achieved_stages, is_closed, measured_from, named, subjects

__all__ = ["ID", "StaleRecommendationOptions", "stale_recommendation"]

ID = "stale-recommendation"


class StaleRecommendationOptions(BaseModel):
    """How long a recommendation may go without an update, and to which day."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_days: int = Field(default=180, ge=0, strict=True)
    as_of: date | None = None


@rule(ID, severity="warning", options=StaleRecommendationOptions, doc=__doc__)
def stale_recommendation(context: Context, options: StaleRecommendationOptions) -> Iterator[Hit]:
    """Open recommendations whose last update is more than ``max_days`` old. O(recommendations)."""
    day = measured_from(context, options.as_of)
    recommendations = context.structure.recommendations
    if day is None or not recommendations:
        return
    achieved = achieved_stages(context)
    for recommendation in recommendations:
        if is_closed(recommendation, achieved):
            continue
        latest = recommendation.latest
        last = latest.date if latest is not None else recommendation.made
        silence = (day - last).days
        if silence > options.max_days:
            since = f"last update {last}" if latest is not None else f"made {last}, never updated"
            yield Hit(
                subjects(context, recommendation),
                f"{named(recommendation)} has had no update for {silence} days ({since}; as of {day}, "
                f"at most {options.max_days} allowed)",
                key=(recommendation.id,),
            )
