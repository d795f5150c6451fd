"""``unreciprocated-coordination`` (default: info)

A ``coordinates`` B, but B has no upward relationship (``reports_to``,
``sub_group_of``, ``accountable_to``) to A. Devon 3.3: the link between Local
Planning Groups and the Strategic Planning Group "should be a two way
process"; co-ordination nobody reports back into is one-way. ``bodies`` is
[A, B].

Options: none.

PASS::

    bodies:
      - {id: spg, name: SPG, kind: strategic_planning_group}
      - {id: lpg, name: LPG, kind: local_planning_group}
    relationships:
      - {source: spg, kind: coordinates, target: lpg}
      - {source: lpg, kind: reports_to, target: spg}

FAIL::

    bodies:
      - {id: spg, name: SPG, kind: strategic_planning_group}
      - {id: lpg, name: LPG, kind: local_planning_group}
    relationships:
      - {source: spg, kind: coordinates, target: lpg}

Fix: add ``{source: lpg, kind: reports_to, target: spg}``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import RelationshipKind
from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "unreciprocated_coordination"]

ID = "unreciprocated-coordination"


@rule(ID, severity="info", doc=__doc__)
def unreciprocated_coordination(context: Context, options: NoOptions) -> Iterator[Hit]:
    """Co-ordination with no upward relationship back. O(m)."""
    source, target = context.source, context.target
    ups = context.upward_positions
    upward = set(zip(map(source.__getitem__, ups), map(target.__getitem__, ups), strict=True))
    for position in context.of_kind[RelationshipKind.COORDINATES]:
        if (target[position], source[position]) not in upward:
            coordinator, coordinated = context.ids[source[position]], context.ids[target[position]]
            yield Hit(
                (coordinator, coordinated),
                f"{context.label(coordinator)} co-ordinates {context.label(coordinated)}, "
                "which has no upward relationship back to it; co-ordination should be two-way (Devon 3.3)",
            )
