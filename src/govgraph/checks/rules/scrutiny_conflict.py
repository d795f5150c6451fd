"""``scrutiny-conflict`` (default: warning)

S ``scrutinises`` T while T lies on S's own upward route: S answers, directly
or through others, to the body it scrutinises, and cannot scrutinise it
independently. ``bodies`` is [S, T].

Options: none.

FAIL::

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

    Reachability for all scrutinised bodies at once: one bit per scrutinised
    body, OR-ed up the condensation of the upward graph in Tarjan's order.
    O((n + m) · k / w) for k scrutinised bodies and machine words of w bits.
    """
    edges = [r for r in context.relationships if r.kind is RelationshipKind.SCRUTINISES]
    if not edges:
        return
    bit = {target: position for position, target in enumerate(sorted({r.target for r in edges}))}
    component, components = context.upward_components
    own = [0] * len(components)
    for scrutinised, position in bit.items():
        own[component[context.number[scrutinised]]] |= 1 << position
    above = [0] * len(components)  # bits reachable strictly beyond each component
    reach = [0] * len(components)
    for number, members in enumerate(components):  # successors come first in Tarjan's order
        mask = 0
        for member in members:
            for following in context.up[member]:
                if component[following] != number:
                    mask |= reach[component[following]]
        above[number] = mask
        reach[number] = mask | own[number]
    for relation in edges:
        source, target = context.number[relation.source], context.number[relation.target]
        same = component[source] == component[target]
        if same or above[component[source]] >> bit[relation.target] & 1:
            yield Hit(
                (relation.source, relation.target),
                f"{context.label(relation.source)} scrutinises {context.label(relation.target)} "
                "but answers to it along its own upward route",
            )
