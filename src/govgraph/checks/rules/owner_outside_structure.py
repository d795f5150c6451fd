"""``owner-outside-structure`` (default: warning)

An owner of a recommendation should answer to somebody: a body with no route
along upward relationships to a root (an orphaned body, in the sense of
``orphaned-group``) can take a recommendation on, but nobody in the structure
holds it to account for doing so. One finding per recommendation; ``bodies``
are its owners outside the structure. Dissolved owners are left to
``unowned-recommendation``.

Options:

- ``include_achieved``: also report recommendations whose latest update is at
  an achieved stage (default ``true``)

PASS::

    bodies:
      - {id: council, name: Council, kind: statutory_body, sovereign: true}
      - {id: board, name: Board, kind: board}
    relationships:
      - {source: board, kind: accountable_to, target: council}
    recommendations:
      - {id: r1, text: Publish the plan, made_by: council, owners: [board], made: 2008-01-01}

FAIL (``network`` answers to nobody)::

    bodies:
      - {id: council, name: Council, kind: statutory_body, sovereign: true}
      - {id: network, name: Network, kind: network}
    recommendations:
      - {id: r1, text: Train the workers, made_by: council, owners: [network], made: 2008-01-01}

Fix: add the relationship through which the owner answers to a root, or give
the recommendation an owner that does.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, StrictBool

from ..context import Context, Hit
from ..engine import rule
from ._tracking import achieved_stages, current_owners, is_closed, named

__all__ = ["ID", "OwnerOutsideStructureOptions", "owner_outside_structure"]

ID = "owner-outside-structure"


class OwnerOutsideStructureOptions(BaseModel):
    """Whether recommendations at an achieved stage are reported too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    include_achieved: StrictBool = True


@rule(ID, severity="warning", options=OwnerOutsideStructureOptions, doc=__doc__)
def owner_outside_structure(context: Context, options: OwnerOutsideStructureOptions) -> Iterator[Hit]:
    """Owners with no upward route to a root. O(n + m) for the routes, then O(owners)."""
    recommendations = context.structure.recommendations
    if not recommendations:
        return
    achieved = achieved_stages(context)
    roots, depth, number = set(context.roots), context.depth, context.number
    for recommendation in recommendations:
        if not options.include_achieved and is_closed(recommendation, achieved):
            continue
        outside = [
            owner
            for owner in current_owners(context, recommendation)
            if depth[number[owner]] < 0 and number[owner] not in roots
        ]
        if outside:
            labels = ", ".join(context.label(owner) for owner in outside)
            are = "has no route" if len(outside) == 1 else "have no route"
            yield Hit(
                tuple(outside),
                f"{named(recommendation)} is owned by {labels}, which {are} up to a root: "
                "nobody in the structure holds the owner to account for it",
                key=(recommendation.id,),
            )
