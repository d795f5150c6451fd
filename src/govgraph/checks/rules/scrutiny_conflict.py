"""``scrutiny-conflict`` (default: warning)

S ``scrutinises`` T while T lies on S's own upward route: S answers, directly
or through others, to the body it scrutinises, and cannot scrutinise it
independently. ``bodies`` is [S, T].

Options: none.

PASS (the panel answers to the council, not the board)::

    bodies:
      - {id: council, name: Council, kind: statutory_body}
      - {id: board, name: Board, kind: board}
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
    relationships:
      - {source: board, kind: accountable_to, target: council}
      - {source: panel, kind: reports_to, target: council}
      - {source: panel, kind: scrutinises, target: board}

FAIL::

    bodies:
      - {id: board, name: Board, kind: board}
      - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
    relationships:
      - {source: panel, kind: scrutinises, target: board}
      - {source: panel, kind: reports_to, target: board}

Fix: have the scrutiny body answer to a body outside the line it scrutinises.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import RelationshipKind
from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "scrutiny_conflict"]

ID = "scrutiny-conflict"


@rule(ID, severity="warning", doc=__doc__)
def scrutiny_conflict(context: Context, options: NoOptions) -> Iterator[Hit]:
    """Scrutiny of a body on the scrutineer's own upward route.

    Reachability for all scrutiny relationships at once, over the condensation
    of the upward graph: one bit per scrutinised body with something below it
    (nobody's route passes a body with nothing below), OR-ed up in topological
    order, through only the components above some scrutineer.
    O((n + m) · k / w) for k such bodies and machine words of w bits; in
    practice, the part of the structure above the scrutineers.
    """
    positions = context.of_kind[RelationshipKind.SCRUTINISES]
    source, target, up, down = context.source, context.target, context.up, context.down
    bit: dict[int, int] = {}
    for position in positions:
        if down[target[position]]:
            bit.setdefault(target[position], len(bit))
    if not bit:
        return
    component, components = context.upward_components
    own: dict[int, int] = {}  # the bits of each component's own scrutinised bodies
    for scrutinised, number in bit.items():
        own[component[scrutinised]] = own.get(component[scrutinised], 0) | 1 << number
    needed: set[int] = set()  # components on some scrutineer's upward route
    pending = [component[source[position]] for position in positions if target[position] in bit]
    while pending:
        current = pending.pop()
        if current not in needed:
            needed.add(current)
            pending.extend(component[higher] for member in components[current] for higher in up[member])
    above: dict[int, int] = {}  # bits reachable strictly beyond each component
    reach: dict[int, int] = {}
    for current in sorted(needed):  # a component is numbered after every component it reaches
        mask = 0
        for member in components[current]:
            for higher in up[member]:
                if component[higher] != current:
                    mask |= reach[component[higher]]
        above[current] = mask
        reach[current] = mask | own.get(current, 0)
    for position in positions:
        scrutineer, scrutinised = source[position], target[position]
        if scrutinised not in bit:
            continue
        if component[scrutineer] == component[scrutinised] or above[component[scrutineer]] >> bit[scrutinised] & 1:
            first, second = context.ids[scrutineer], context.ids[scrutinised]
            yield Hit(
                (first, second),
                f"{context.label(first)} scrutinises {context.label(second)} "
                "but answers to it along its own upward route",
            )
