"""Popolo JSON: the civic-tech world's organizations and memberships.

One JSON document with three lists, each item valid against the Popolo
project's own JSON Schema for it (``organization.json``, ``membership.json``,
``area.json``):

- ``organizations``: one per body — ``id``, ``name``, ``classification`` (the
  kind), ``parent_id`` (the first ``sub_group_of`` target, a current one before a
  dissolved one), ``founding_date`` and ``dissolution_date`` (``established``,
  ``dissolved``), ``other_names`` (a body's ``metadata`` ``abbreviation`` or
  ``acronym``, where it has one), ``area_id`` (its first area), ``description``
  (its notes), ``identifiers`` (its govgraph id, scheme ``govgraph``) and
  ``sources`` (the sources it cites that have a ``url``);
- ``memberships``: one per member — ``organization_id`` the body sat on,
  ``member`` ``{"@type": "Organization", "id": ...}`` for a member that is a body
  of the file, ``{"@type": "Organization", "name": ...}`` for a named group,
  ``role``, and ``label`` naming the member and its sector;
- ``areas``: the structure's areas, ``parent_id`` the area it is within.

Relationships other than ``sub_group_of`` have no place in Popolo; GraphML or
W3C ORG keep them.

>>> import govgraph as gg
>>> popolo = to_popolo(gg.load("examples/devon/devon.yaml"))
>>> len(popolo["organizations"]), len(popolo["memberships"])
(51, 166)
>>> emg = next(o for o in popolo["organizations"] if o["id"] == "emg-mh")
>>> emg["classification"], emg["parent_id"]
('executive_group', 'spg-mh')
"""

from __future__ import annotations

import json
from typing import Any

from ..model import RelationshipKind, Structure

__all__ = ["popolo_text", "to_popolo"]


def to_popolo(structure: Structure) -> dict[str, Any]:
    """The structure as a Popolo document: ``{"organizations": [...], "memberships": [...], "areas": [...]}``."""
    names = {body.id: body.name for body in structure.bodies}
    urls = {source.id: source for source in structure.sources if source.url}
    parents: dict[str, str] = {}
    for current in (True, False):
        for relation in structure.relationships:
            if relation.kind is RelationshipKind.SUB_GROUP_OF and relation.is_current is current:
                parents.setdefault(relation.source, relation.target)
    organizations = []
    memberships = []
    for body in structure.bodies:
        organization: dict[str, Any] = {
            "id": body.id,
            "name": body.name,
            "classification": body.kind.value,
            "identifiers": [{"scheme": "govgraph", "identifier": body.id}],
        }
        if body.id in parents:
            organization["parent_id"] = parents[body.id]
        if body.areas:
            organization["area_id"] = body.areas[0]
        if body.established is not None:
            organization["founding_date"] = body.established.isoformat()
        if body.dissolved is not None:
            organization["dissolution_date"] = body.dissolved.isoformat()
        other_names = [
            {"name": value, "note": key}
            for key in ("abbreviation", "acronym")
            if isinstance(value := body.metadata.get(key), str) and value
        ]
        organization["other_names"] = other_names
        if body.notes is not None:
            organization["description"] = body.notes
        cited = [
            {"url": urls[c.source].url, "note": urls[c.source].title + (f", {c.at}" if c.at else "")}
            for c in body.sources
            if c.source in urls
        ]
        if cited:
            organization["sources"] = cited
        organizations.append(organization)
        for position, member in enumerate(body.members, 1):
            who = names[member.body] if member.body is not None else member.name
            membership: dict[str, Any] = {
                "id": f"{body.id}/member/{position}",
                "organization_id": body.id,
                "member": (
                    {"@type": "Organization", "id": member.body}
                    if member.body is not None
                    else {"@type": "Organization", "name": member.name}
                ),
                "label": f"{who} ({member.sector.value.replace('_', ' ')})",
            }
            if member.role is not None:
                membership["role"] = member.role
            memberships.append(membership)
    areas = [
        {"id": area.id, "name": area.name, **({"parent_id": area.within} if area.within else {})}
        for area in structure.areas
    ]
    return {"organizations": organizations, "memberships": memberships, "areas": areas}


def popolo_text(structure: Structure) -> str:
    """:func:`to_popolo` as JSON text, indented, non-ASCII characters as written."""
    return json.dumps(to_popolo(structure), indent=2, ensure_ascii=False) + "\n"
