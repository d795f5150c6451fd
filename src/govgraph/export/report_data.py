"""What the HTML report knows about a structure or a restructure, as plain JSON data.

:mod:`govgraph.export.report` puts this into the page; the page's script reads
it and builds every panel, table and list from it with ``textContent``. The
data holds ids and text only, never markup. Every list is in file order or
sorted, so the same input always gives the same data.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Tiny
... bodies:
...   - {id: council, name: Council, kind: statutory_body, sovereign: true}
...   - {id: group, name: Group, kind: task_group}
... relationships:
...   - {source: group, kind: reports_to, target: council}
... ''')
>>> data = structure_data(s, gg.check(s))
>>> [(b["id"], b["routes"]) for b in data["bodies"]]
[('council', [['council']]), ('group', [['group', 'council']])]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..checks import Finding, Report
from ..diff import StructureDiff
from ..graph import Routes
from ..model import Body, Relationship, Structure

__all__ = ["ROUTE_LIMIT", "diff_data", "routes_up_all", "structure_data"]

#: Routes up kept for each body; the page says when there were more.
ROUTE_LIMIT = 12

#: Metadata keys whose text values a search also matches, as other names of a body.
ALIAS_KEYS = ("aliases", "alias", "abbreviation", "acronym", "short_name", "other_names", "source_id")


def routes_up_all(structure: Structure, limit: int = ROUTE_LIMIT) -> dict[str, tuple[list[list[str]], bool]]:
    """For every body, its routes up to a root as :meth:`Structure.routes_up` finds them
    (at most ``limit``, shortest first) and whether there were more; the search back
    from the roots is done once for all (:class:`govgraph.graph.Routes`).

    >>> import govgraph as gg
    >>> s = gg.load("examples/trafford/proposed.yaml")
    >>> routes_up_all(s)["jcb"]
    ([['jcb', 'hwb', 'trafford-council'], ['jcb', 'jlt', 'trafford-ccg'], ['jcb', 'jlt', 'trafford-council']], False)
    """
    routes = Routes(structure)
    return {body.id: routes.up(body.id, limit=limit) for body in structure.bodies}


def _compact(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """Without the keys whose value is empty (None, [], {}, False), to keep the page small."""
    return {key: value for key, value in mapping.items() if value not in (None, [], {}, False, "")}


def _aliases(body: Body) -> list[str]:
    names: list[str] = []
    for key in ALIAS_KEYS:
        value = body.metadata.get(key)
        values = value if isinstance(value, list) else [value]
        names += [item for item in values if isinstance(item, str) and item and item not in names]
    return names


def _body(body: Body, routes: tuple[list[list[str]], bool]) -> dict[str, Any]:
    return _compact(
        {
            "id": body.id,
            "name": body.name,
            "kind": body.kind.value,
            "authority": body.authority.value if body.authority else None,
            "sovereign": body.sovereign,
            "level": body.level,
            "areas": body.areas,
            "serviceAreas": body.service_areas,
            "remit": body.remit,
            "members": [
                _compact({"body": m.body, "name": m.name, "sector": m.sector.value, "role": m.role})
                for m in body.members
            ],
            "chair": body.chair,
            "status": body.status.value,
            "established": body.established.isoformat() if body.established else None,
            "dissolved": body.dissolved.isoformat() if body.dissolved else None,
            "sources": [_compact({"source": c.source, "at": c.at}) for c in body.sources],
            "notes": body.notes,
            "metadata": _json_text(body.metadata) if body.metadata else None,
            "aliases": _aliases(body),
            "routes": routes[0],
            "routesCut": routes[1],
        }
    )


def _relationship(relation: Relationship) -> dict[str, Any]:
    return _compact(
        {
            "source": relation.source,
            "kind": relation.kind.value,
            "target": relation.target,
            "status": relation.status.value,
            "established": relation.established.isoformat() if relation.established else None,
            "dissolved": relation.dissolved.isoformat() if relation.dissolved else None,
            "note": relation.note,
            "sources": [_compact({"source": c.source, "at": c.at}) for c in relation.sources],
        }
    )


def _finding(finding: Finding, state: str | None = None) -> dict[str, Any]:
    return _compact(
        {
            "rule": finding.rule,
            "severity": finding.severity.value,
            "message": finding.message,
            "bodies": finding.bodies,
            "path": finding.path,
            "waived": finding.waived,
            "reason": finding.reason,
            "state": state,
        }
    )


def _json_text(value: object) -> str:
    """A value as JSON text, for showing metadata and changed fields as written."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _context(structures: Sequence[Structure]) -> dict[str, Any]:
    """Levels, areas, service areas and sources of one structure, or of two (the newer first)."""

    def union(items: Iterable[Any]) -> Iterator[Any]:
        seen: set[str] = set()
        for item in items:
            if item.id not in seen:
                seen.add(item.id)
                yield item

    return {
        "levels": [_compact({"id": x.id, "name": x.name, "note": x.note}) for x in union(_all(structures, "levels"))],
        "areas": [_compact({"id": x.id, "name": x.name, "within": x.within}) for x in union(_all(structures, "areas"))],
        "serviceAreas": [{"id": x.id, "name": x.name} for x in union(_all(structures, "service_areas"))],
        "sources": {
            x.id: _compact(
                {
                    "title": x.title,
                    "publisher": x.publisher,
                    "date": x.date.isoformat() if x.date else None,
                    "url": x.url,
                }
            )
            for x in union(_all(structures, "sources"))
        },
    }


def _all(structures: Sequence[Structure], field: str) -> Iterator[Any]:
    for structure in structures:
        yield from getattr(structure, field)


def _header(structure: Structure) -> dict[str, Any]:
    return _compact(
        {
            "name": structure.name,
            "description": structure.description,
            "asOf": structure.as_of_date.isoformat() if structure.as_of_date else None,
        }
    )


def structure_data(structure: Structure, report: Report) -> dict[str, Any]:
    """The page data for one structure and the findings of its check."""
    routes = routes_up_all(structure)
    return {
        "mode": "structure",
        "structure": _header(structure),
        **_context([structure]),
        "bodies": [_body(body, routes[body.id]) for body in structure.bodies],
        "relationships": [_relationship(r) for r in structure.relationships],
        "findings": [_finding(f) for f in report],
    }


def diff_data(result: StructureDiff, labels: tuple[str, str] | None = None) -> dict[str, Any]:
    """The page data for a restructure: the bodies of both structures (the new version of each,
    the old one of removed bodies) marked added, removed or changed, with the changed fields;
    relationships likewise; and findings introduced, persisting and resolved."""
    old, new = result.old, result.new
    new_routes, old_routes = routes_up_all(new), routes_up_all(old)
    changed = {change.id: change for change in result.bodies_changed}
    added, removed = set(result.bodies_added), set(result.bodies_removed)
    bodies: list[dict[str, Any]] = []
    for body in new.bodies:
        entry = _body(body, new_routes[body.id])
        if body.id in added:
            entry["change"] = "added"
        elif body.id in changed:
            entry["change"] = "changed"
            entry["changes"] = [
                {"field": name, "old": _json_text(before), "new": _json_text(after)}
                for name, (before, after) in changed[body.id].fields.items()
            ]
        if body.id not in added and old_routes[body.id][0] != new_routes[body.id][0]:
            entry["oldRoutes"] = old_routes[body.id][0]
        bodies.append(entry)
    for body in old.bodies:
        if body.id in removed:
            bodies.append({**_body(body, old_routes[body.id]), "change": "removed"})

    relations: list[dict[str, Any]] = []
    added_keys = {r.key for r in result.relationships_added}
    changed_keys = {change.key: change for change in result.relationships_changed}
    for relation in new.relationships:
        entry = _relationship(relation)
        written = (relation.source, relation.kind.value, relation.target)
        if relation.key in added_keys:
            entry["change"] = "added"
        elif written in changed_keys:
            entry["change"] = "changed"
            entry["changes"] = [
                {"field": name, "old": _json_text(before), "new": _json_text(after)}
                for name, (before, after) in changed_keys[written].fields.items()
            ]
        relations.append(entry)
    relations += [{**_relationship(r), "change": "removed"} for r in result.relationships_removed]

    findings = [_finding(f, "introduced") for f in result.introduced]
    findings += [_finding(f, "persisting") for f in result.persisting]
    findings += [_finding(f, "resolved") for f in result.resolved]
    old_label, new_label = labels if labels is not None else (old.name, new.name)
    return {
        "mode": "diff",
        "structure": _header(new),
        "old": {**_header(old), "label": old_label},
        "new": {**_header(new), "label": new_label},
        **_context([new, old]),
        "bodies": bodies,
        "relationships": relations,
        "findings": findings,
    }
