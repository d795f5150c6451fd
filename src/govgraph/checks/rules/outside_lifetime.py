"""``outside-lifetime`` (default: warning)

A relationship's dates fall outside the lifetime (``established`` to
``dissolved``) of either of its bodies: a group reporting to a board before
the board was set up. One finding per relationship; ``bodies`` is [source,
target]. Silent where the dates needed are not given.

Options: none.

PASS::

    bodies:
      - {id: board, name: Board, kind: board, established: 2004-04-01}
      - {id: group, name: Group, kind: task_group}
    relationships:
      - {source: group, kind: reports_to, target: board, established: 2004-06-01}

FAIL::

    bodies:
      - {id: board, name: Board, kind: board, established: 2004-04-01}
      - {id: group, name: Group, kind: task_group}
    relationships:
      - {source: group, kind: reports_to, target: board, established: 2003-06-01}

Fix: correct the dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from ...model import Body, Relationship
from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "outside_lifetime"]

ID = "outside-lifetime"


def _outside(relation: Relationship, body: Body) -> list[str]:
    reasons = []
    start, end = relation.established, relation.dissolved
    if body.established is not None:
        if start is not None and start < body.established:
            reasons.append(f"starts {start}, before '{body.id}' was established ({body.established})")
        if end is not None and end < body.established:
            reasons.append(f"ends {end}, before '{body.id}' was established ({body.established})")
    if body.dissolved is not None:
        if start is not None and start > body.dissolved:
            reasons.append(f"starts {start}, after '{body.id}' was dissolved ({body.dissolved})")
        if end is not None and end > body.dissolved:
            reasons.append(f"ends {end}, after '{body.id}' was dissolved ({body.dissolved})")
    return reasons


@rule(ID, severity="warning", doc=__doc__)
def outside_lifetime(context: Context, options: NoOptions) -> Iterator[Hit]:
    """Relationships dated outside their bodies' lifetimes. O(m)."""
    relations = context.relationships
    # Dates are true values: C-level filters find the few dated relationships.
    dated = set(compress(range(len(relations)), context.relationship_column("established")))
    dated.update(compress(range(len(relations)), context.relationship_column("dissolved")))
    for position in sorted(dated):
        relation = relations[position]
        reasons = []
        for end in (context.source[position], context.target[position]):
            reasons += _outside(relation, context.bodies[end])
        if reasons:
            yield Hit(
                (relation.source, relation.target),
                f"'{relation.source}' {relation.kind.value} '{relation.target}' " + "; ".join(reasons),
            )
