"""``multiple-parents`` (default: info)

A body is ``sub_group_of`` more than one body, as the Torbay Local
Implementation Group is of both the Torbay Partnership Committee and the Devon
and Torbay Local Implementation Team (Torbay 4–5). Sometimes deliberate,
always worth knowing: the two parents may pull in different directions. One
finding per such body; ``bodies`` is the body, then its parents.

Options: none.

PASS::

    bodies:
      - {id: committee, name: Committee, kind: committee}
      - {id: lig, name: Local Implementation Group, kind: sub_group}
    relationships:
      - {source: lig, kind: sub_group_of, target: committee}

FAIL::

    bodies:
      - {id: committee, name: Committee, kind: committee}
      - {id: team, name: Team, kind: other}
      - {id: lig, name: Local Implementation Group, kind: sub_group}
    relationships:
      - {source: lig, kind: sub_group_of, target: committee}
      - {source: lig, kind: sub_group_of, target: team}

Fix: if deliberate, waive it with the paragraph that says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import RelationshipKind
from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "multiple_parents"]

ID = "multiple-parents"


@rule(ID, severity="info", doc=__doc__)
def multiple_parents(context: Context, options: NoOptions) -> Iterator[Hit]:
    """Bodies that are sub-groups of two or more bodies. O(n + m)."""
    parents: dict[int, set[int]] = {}
    source, target = context.source, context.target
    for position in context.of_kind[RelationshipKind.SUB_GROUP_OF]:
        parents.setdefault(source[position], set()).add(target[position])
    for child, found in parents.items():
        if len(found) > 1:
            names = sorted(context.names(found))
            yield Hit(
                (context.ids[child], *names),
                f"{context.label(context.ids[child])} is a sub-group of {len(found)} bodies: {', '.join(names)}",
            )
