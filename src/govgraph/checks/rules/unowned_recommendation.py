"""``unowned-recommendation`` (default: error)

Every recommendation needs an owner that still exists. One with no owner, or
whose every owner is dissolved, has nobody to act on it or to answer for it
to the body that made it: this is how a scrutiny board's recommendation falls
through the cracks of a restructure. One finding per recommendation;
``bodies`` are its dissolved owners, or the body that made it when it names
no owner.

Options:

- ``include_achieved``: also report recommendations whose latest update is at
  an achieved stage (default ``true``; set ``false`` to let closed ones be)

PASS::

    bodies:
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
      - {id: board, name: Board, kind: board}
    recommendations:
      - {id: r1, text: Publish the plan, made_by: panel, owners: [board], made: 2008-01-01}

FAIL (the only owner was dissolved)::

    bodies:
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
      - {id: board, name: Board, kind: board, status: dissolved}
    recommendations:
      - {id: r1, text: Publish the plan, made_by: panel, owners: [board], made: 2008-01-01}

Fix: name a current owner, often the body that replaced the one dissolved.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, StrictBool

from ..context import Context, Hit
from ..engine import rule
from ._tracking import achieved_stages, current_owners, is_closed, named

__all__ = ["ID", "UnownedRecommendationOptions", "unowned_recommendation"]

ID = "unowned-recommendation"


class UnownedRecommendationOptions(BaseModel):
    """Whether recommendations at an achieved stage are reported too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    include_achieved: StrictBool = True


@rule(ID, severity="error", options=UnownedRecommendationOptions, doc=__doc__)
def unowned_recommendation(context: Context, options: UnownedRecommendationOptions) -> Iterator[Hit]:
    """Recommendations with no owner, or only dissolved ones. O(recommendations + owners)."""
    achieved = achieved_stages(context)
    for recommendation in context.structure.recommendations:
        if current_owners(context, recommendation):
            continue
        if not options.include_achieved and is_closed(recommendation, achieved):
            continue
        gone = sorted(set(recommendation.owners))
        if not gone:
            why = "has no owner"
        else:
            are = "is" if len(gone) == 1 else "are all"
            why = f"has no current owner: {', '.join(gone)} {are} dissolved"
        yield Hit(tuple(gone) or (recommendation.made_by,), f"{named(recommendation)} {why}", key=(recommendation.id,))
