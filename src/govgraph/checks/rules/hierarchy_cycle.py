"""``hierarchy-cycle`` (default: warning)

Upward relationships (``sub_group_of``, ``reports_to``, ``accountable_to``)
form a loop that is not already reported as an ``authority-cycle``: a group
reports to a body that reports back to it. Reporting in a circle leaves the
loop's work unaccountable. One finding per strongly connected component of
the upward graph, unless that component is exactly an authority cycle.

Options: none.

PASS (a two-way working link)::

    bodies:
      - {id: a, name: A, kind: committee}
      - {id: b, name: B, kind: committee}
    relationships:
      - {source: a, kind: reports_to, target: b}
      - {source: b, kind: links_with, target: a}

FAIL::

    bodies:
      - {id: a, name: A, kind: committee}
      - {id: b, name: B, kind: committee}
    relationships:
      - {source: a, kind: reports_to, target: b}
      - {source: b, kind: reports_to, target: a}

Fix: keep the direction in which reporting really runs; a two-way working
link is ``links_with``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule
from .authority_cycle import authority_cycles

__all__ = ["ID", "hierarchy_cycle"]

ID = "hierarchy-cycle"


@rule(ID, severity="warning", doc=__doc__)
def hierarchy_cycle(context: Context, options: NoOptions) -> Iterator[Hit]:
    """One finding per upward component with a cycle that is not an authority cycle. O(n + m)."""
    already = {tuple(members) for members in authority_cycles(context)}
    for members in context.upward_cycles:
        if tuple(members) not in already:
            cycle = context.cycle(context.up, members)
            yield Hit(
                tuple(context.component_ids(members)),
                f"reporting loop: {' → '.join(cycle)}; the loop's work answers to nobody outside it",
                path=tuple(cycle),
            )
