"""``duplicate-remit`` (default: warning)

Two or more bodies (active or proposed) of a one-per-cell kind share an area
and a service area: two Local Planning Groups for mental health in Exeter.
Devon 3.2 proposes one per service area per locality; two split the
stakeholders and the plan. One finding per group of such bodies.

Options:

- ``kinds``: the one-per-cell kinds (default ``[local_planning_group]``)

PASS (one each for Exeter and Torbay)::

    areas: [{id: exeter, name: Exeter}, {id: torbay, name: Torbay}]
    service_areas: [{id: mh, name: Mental health}]
    bodies:
      - {id: lpg-a, name: A, kind: local_planning_group, areas: [exeter], service_areas: [mh]}
      - {id: lpg-b, name: B, kind: local_planning_group, areas: [torbay], service_areas: [mh]}

FAIL::

    areas: [{id: exeter, name: Exeter}]
    service_areas: [{id: mh, name: Mental health}]
    bodies:
      - {id: lpg-a, name: A, kind: local_planning_group, areas: [exeter], service_areas: [mh]}
      - {id: lpg-b, name: B, kind: local_planning_group, areas: [exeter], service_areas: [mh]}

Fix: merge the bodies, or narrow their areas or service areas.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from ...model import BodyKind
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "DuplicateRemitOptions", "duplicate_remit"]

ID = "duplicate-remit"


class DuplicateRemitOptions(BaseModel):
    """Kinds of body of which each (area, service area) cell should have one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: list[BodyKind] = [BodyKind.LOCAL_PLANNING_GROUP]


@rule(ID, severity="warning", options=DuplicateRemitOptions, doc=__doc__)
def duplicate_remit(context: Context, options: DuplicateRemitOptions) -> Iterator[Hit]:
    """Groups of same-kind bodies sharing a cell. O(n + cells)."""
    kinds = set(options.kinds)
    cells: dict[tuple[str, str, str], list[str]] = {}
    body_kinds, areas, service_areas = context.column("kind"), context.column("areas"), context.column("service_areas")
    for index, kind in enumerate(body_kinds):
        if kind in kinds:
            for area in set(areas[index]):  # the cells are sorted below
                for service in set(service_areas[index]):
                    cells.setdefault((kind.value, area, service), []).append(context.ids[index])
    groups: dict[tuple[str, ...], list[str]] = {}
    for (_, area, service), sharing in sorted(cells.items()):
        if len(sharing) > 1:
            groups.setdefault(tuple(sorted(sharing)), []).append(f"{area}/{service}")
    for members, shared in sorted(groups.items()):
        yield Hit(
            members,
            f"{len(members)} bodies share the same remit ({', '.join(shared)}): "
            f"{', '.join(context.label(m) for m in members)}",
        )
