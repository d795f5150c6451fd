"""``authority-cycle`` (default: error)

Authority edges form a cycle: body A answers with executive authority to B,
which in turn (through any number of others) answers to A. Nobody is finally
in charge. An upward edge A → B is an authority edge when it is
``accountable_to``, or when B's ``authority`` is ``executive``. One finding per
strongly connected component; ``bodies`` is the component and ``path`` one
concrete cycle through its first body.

Options: none.

PASS (authority runs one way)::

    bodies:
      - {id: a, name: A, kind: board}
      - {id: b, name: B, kind: board}
    relationships:
      - {source: a, kind: accountable_to, target: b}

FAIL (each is accountable to the other)::

    bodies:
      - {id: a, name: A, kind: board}
      - {id: b, name: B, kind: board}
    relationships:
      - {source: a, kind: accountable_to, target: b}
      - {source: b, kind: accountable_to, target: a}

Fix: decide which body answers to which and remove or change the other edge.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "authority_cycle", "authority_cycles"]

ID = "authority-cycle"


def authority_cycles(context: Context) -> list[list[int]]:
    """The components of the authority graph that contain a cycle."""
    return context.authority_cycles


@rule(ID, severity="error", doc=__doc__)
def authority_cycle(context: Context, options: NoOptions) -> Iterator[Hit]:
    """One finding per strongly connected component of the authority graph. O(n + m)."""
    for members in authority_cycles(context):
        cycle = context.cycle(context.authority, members)
        yield Hit(
            tuple(context.component_ids(members)),
            f"circle of executive authority: {' → '.join(cycle)}; nobody is finally in charge",
            path=tuple(cycle),
        )
