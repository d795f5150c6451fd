"""``orphaned-group`` (default: error)

A body that is not itself a root must have a route along upward relationships
(``sub_group_of``, ``reports_to``, ``accountable_to``) to a root — a sovereign
body, or where the file marks none sovereign, a body with something below it
and nothing above. An isolated body, or one whose upward chain ends in a loop
or at a body that is not a root, answers to nobody: its decisions have no
accountable home. One finding per orphaned body.

Options: none.

PASS::

    bodies:
      - {id: council, name: Council, kind: statutory_body, sovereign: true}
      - {id: group, name: Group, kind: task_group}
    relationships:
      - {source: group, kind: reports_to, target: council}

FAIL (``group`` reports to nobody)::

    bodies:
      - {id: council, name: Council, kind: statutory_body, sovereign: true}
      - {id: group, name: Group, kind: task_group}

Fix: add the relationship through which the body answers to a root.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "orphaned_group"]

ID = "orphaned-group"


@rule(ID, severity="error", doc=__doc__)
def orphaned_group(context: Context, options: NoOptions) -> Iterator[Hit]:
    """A non-root body with no upward route to a root. O(n + m)."""
    roots = set(context.roots)
    for index, depth in enumerate(context.depth):
        if depth < 0 and index not in roots:
            body_id = context.ids[index]
            why = (
                "it has no upward relationship" if not context.up[index] else "its upward relationships lead to no root"
            )
            yield Hit(
                (body_id,),
                f"{context.label(body_id)} is orphaned: {why}; add the relationship through which it answers to a root",
            )
