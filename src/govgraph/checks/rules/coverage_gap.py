"""``coverage-gap`` (default: warning)

For a configured kind of body (default ``local_planning_group``), some pair of
a locality (an area with ``within`` set) and a service area has no body of
that kind, active or proposed. Devon 3.2 proposes a Local Planning Group for
each main service area in each locality; a missing one leaves that client
group unplanned for there. One finding per missing pair, with no bodies; the
message names the area and the service area. Silent when the file declares no
localities or no service areas.

Options:

- ``kind``: the body kind expected in every cell (default ``local_planning_group``)

PASS (Exeter has its Mental Health LPG)::

    areas: [{id: devon, name: Devon}, {id: exeter, name: Exeter, within: devon}]
    service_areas: [{id: mh, name: Mental health}]
    bodies:
      - {id: lpg, name: Exeter MH LPG, kind: local_planning_group, areas: [exeter], service_areas: [mh]}

FAIL (no Mental Health LPG for Exeter)::

    areas: [{id: devon, name: Devon}, {id: exeter, name: Exeter, within: devon}]
    service_areas: [{id: mh, name: Mental health}]
    bodies:
      - {id: council, name: Council, kind: statutory_body}

Fix: add the body, or waive the gap with the reason it is covered otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from ...model import BodyKind
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "CoverageGapOptions", "coverage_gap"]

ID = "coverage-gap"


class CoverageGapOptions(BaseModel):
    """Which kind of body every (locality, service area) cell should have."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: BodyKind = BodyKind.LOCAL_PLANNING_GROUP


@rule(ID, severity="warning", options=CoverageGapOptions, doc=__doc__)
def coverage_gap(context: Context, options: CoverageGapOptions) -> Iterator[Hit]:
    """(locality, service area) cells with no body of the kind. O(n + cells)."""
    structure = context.structure
    localities = sorted((area for area in structure.areas if area.within is not None), key=lambda a: a.id)
    services = sorted(structure.service_areas, key=lambda s: s.id)
    if not localities or not services:
        return
    kinds, areas, service_areas = context.column("kind"), context.column("areas"), context.column("service_areas")
    covered = {
        (area, service)
        for index, kind in enumerate(kinds)
        if kind is options.kind
        for area in areas[index]
        for service in service_areas[index]
    }
    for area in localities:
        for service in services:
            if (area.id, service.id) not in covered:
                yield Hit(
                    (),
                    f"no {options.kind.value} covers {service.name} ({service.id}) in {area.name} ({area.id})",
                    key=(area.id, service.id),
                )
