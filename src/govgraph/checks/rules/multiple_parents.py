"""``multiple-parents`` (default: info)

A body has more than one parent along ``sub_group_of`` and ``reports_to``
relationships taken together: the Torbay Local Implementation Group is a
sub-group of both the Torbay Partnership Committee and the Devon and Torbay
Local Implementation Team (Torbay 4–5); a board reports to two bodies; New
York City's Borough Boards report to all five Borough Presidents. Sometimes
deliberate, always worth knowing: the parents may pull in different
directions, and it is the first question analysts ask of a structure. One
finding per such body; ``bodies`` is the body, then its parents.

Options:

- ``kinds``: the relationship kinds that make a parent (default
  ``[sub_group_of, reports_to]``; ``[sub_group_of]`` counts sub-groups only)

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
      - {source: lig, kind: reports_to, target: team}

Fix: if deliberate, waive it with the paragraph that says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ...model import RelationshipKind
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "MultipleParentsOptions", "multiple_parents"]

ID = "multiple-parents"


class MultipleParentsOptions(BaseModel):
    """Which relationship kinds make a parent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: list[RelationshipKind] = Field(
        default_factory=lambda: [RelationshipKind.SUB_GROUP_OF, RelationshipKind.REPORTS_TO], min_length=1
    )


_VERBS = {RelationshipKind.SUB_GROUP_OF: "is a sub-group of", RelationshipKind.REPORTS_TO: "reports to"}


@rule(ID, severity="info", options=MultipleParentsOptions, doc=__doc__)
def multiple_parents(context: Context, options: MultipleParentsOptions) -> Iterator[Hit]:
    """Bodies with two or more parents along the chosen kinds. O(n + m)."""
    parents: dict[int, set[int]] = {}
    how: dict[int, set[RelationshipKind]] = {}
    source, target = context.source, context.target
    for kind in dict.fromkeys(options.kinds):
        for position in context.of_kind[kind]:
            parents.setdefault(source[position], set()).add(target[position])
            how.setdefault(source[position], set()).add(kind)
    for child, found in parents.items():
        if len(found) > 1:
            names = sorted(context.names(found))
            kinds = how[child]
            verb = _VERBS.get(next(iter(kinds)), "answers to") if len(kinds) == 1 else "answers to"
            yield Hit(
                (context.ids[child], *names),
                f"{context.label(context.ids[child])} {verb} {len(found)} bodies: {', '.join(names)}",
            )
