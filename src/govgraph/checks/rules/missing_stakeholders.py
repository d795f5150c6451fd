"""``missing-stakeholders`` (default: warning)

A body of a configured kind lacks a member from a configured sector. Devon 3.2
(and ToR 3.2): membership of Local Planning Groups "should be inclusive of all
main stakeholders in the statutory sector, voluntary and independent sectors,
carers and service users". One finding per body, naming the missing sectors.

Options:

- ``kinds``: body kinds to check (default ``[local_planning_group]``)
- ``sectors``: sectors each must include (default statutory, voluntary,
  independent, carers, service_users)

PASS::

    bodies:
      - id: lpg
        name: Exeter Mental Health LPG
        kind: local_planning_group
        members:
          - {name: PCT, sector: statutory}
          - {name: Mind, sector: voluntary}
          - {name: Care homes, sector: independent}
          - {name: Carers' representatives, sector: carers}
          - {name: Service users' forum, sector: service_users}

FAIL::

    bodies:
      - id: lpg
        name: Exeter Mental Health LPG
        kind: local_planning_group
        members: [{name: PCT, sector: statutory}]

Fix: add the missing members, e.g. ``{name: Carers' representatives, sector: carers}``.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from ...model import BodyKind, Sector
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "MissingStakeholdersOptions", "missing_stakeholders"]

ID = "missing-stakeholders"


class MissingStakeholdersOptions(BaseModel):
    """Which kinds of body must include which sectors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: list[BodyKind] = [BodyKind.LOCAL_PLANNING_GROUP]
    sectors: list[Sector] = [
        Sector.STATUTORY,
        Sector.VOLUNTARY,
        Sector.INDEPENDENT,
        Sector.CARERS,
        Sector.SERVICE_USERS,
    ]


@rule(ID, severity="warning", options=MissingStakeholdersOptions, doc=__doc__)
def missing_stakeholders(context: Context, options: MissingStakeholdersOptions) -> Iterator[Hit]:
    """Bodies of the configured kinds missing a member from a configured sector. O(n + members)."""
    kinds = set(options.kinds)
    members = context.column("members")
    for index, kind in enumerate(context.column("kind")):
        if kind in kinds:
            present = {member.sector for member in members[index]}
            missing = [sector.value for sector in options.sectors if sector not in present]
            if missing:
                body_id = context.ids[index]
                yield Hit((body_id,), f"{context.label(body_id)} has no member from: {', '.join(missing)}")
