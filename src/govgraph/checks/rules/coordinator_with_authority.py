"""``coordinator-with-authority`` (default: error)

A body whose ``authority`` is ``coordinating`` is the target of an
``accountable_to`` relationship. Co-ordinating bodies do not exercise
executive authority over their constituent members (Devon 4.2, ToR 1.4), so
nobody can be formally accountable to one. One finding per such body;
``bodies`` is the co-ordinating body, then the bodies said to be accountable
to it.

Options: none.

PASS (the EMG reports to the co-ordinating SPG)::

    bodies:
      - {id: spg, name: Planning Group, kind: strategic_planning_group, authority: coordinating}
      - {id: emg, name: Executive Group, kind: executive_group}
    relationships:
      - {source: emg, kind: reports_to, target: spg}

FAIL::

    bodies:
      - {id: spg, name: Planning Group, kind: strategic_planning_group, authority: coordinating}
      - {id: emg, name: Executive Group, kind: executive_group}
    relationships:
      - {source: emg, kind: accountable_to, target: spg}

Fix: make it ``reports_to`` (the EMG reports to the SPG, Devon 4.3) and make
the members accountable to their employing authorities.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Authority, RelationshipKind
from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "coordinator_with_authority"]

ID = "coordinator-with-authority"


@rule(ID, severity="error", doc=__doc__)
def coordinator_with_authority(context: Context, options: NoOptions) -> Iterator[Hit]:
    """Co-ordinating bodies that others are accountable to. O(n + m)."""
    accountable: dict[str, set[str]] = {}
    coordinating, authority = Authority.COORDINATING, context.column("authority")
    for position in context.of_kind[RelationshipKind.ACCOUNTABLE_TO]:
        coordinator = context.target[position]
        if authority[coordinator] is coordinating:
            accountable.setdefault(context.ids[coordinator], set()).add(context.ids[context.source[position]])
    for target, sources in sorted(accountable.items()):
        verb = "is" if len(sources) == 1 else "are"
        yield Hit(
            (target, *sorted(sources)),
            f"{context.label(target)} is a co-ordinating body but {', '.join(sorted(sources))} "
            f"{verb} accountable to it; co-ordinating bodies do not exercise executive authority (Devon 4.2): "
            "use reports_to, or give it executive authority",
        )
