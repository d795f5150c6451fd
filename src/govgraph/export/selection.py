"""What a diagram shows: one body's neighbourhood, filters, dissolved items shown or hidden.

Shared by the DOT and Mermaid writers so that both draw the same bodies.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from ..errors import UsageError
from ..model import Body, Relationship, Status, Structure

__all__ = ["neighbourhood", "select", "shown"]


def neighbourhood(structure: Structure, focus: str, depth: int) -> Structure:
    """The bodies within ``depth`` relationships of ``focus`` (either direction). O(n + m)."""
    structure.body(focus)
    adjacent: dict[str, set[str]] = {}
    for relation in structure.relationships:
        adjacent.setdefault(relation.source, set()).add(relation.target)
        adjacent.setdefault(relation.target, set()).add(relation.source)
    seen = {focus: 0}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for following in sorted(adjacent.get(node, ())):
            if following not in seen:
                seen[following] = seen[node] + 1
                queue.append(following)
    return structure.subset(bodies=seen)


def select(
    structure: Structure,
    *,
    focus: str | None = None,
    depth: int = 1,
    levels: Iterable[str] | None = None,
    areas: Iterable[str] | None = None,
    service_areas: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
) -> Structure:
    """The part of a structure a diagram draws: ``focus``'s neighbourhood, then the filters
    of :meth:`Structure.subset`."""
    whole = structure
    if focus is not None:
        structure = neighbourhood(structure, focus, depth)
    filters = {"level": levels, "area": areas, "service area": service_areas, "kind": kinds}
    chosen = {name: sorted({str(value) for value in values}) for name, values in filters.items() if values is not None}
    if chosen:
        try:
            structure = structure.subset(
                levels=chosen.get("level"),
                areas=chosen.get("area"),
                service_areas=chosen.get("service area"),
                kinds=chosen.get("kind"),
            )
        except UsageError:
            raise UsageError(_nothing_drawn(whole, chosen, focus, depth)) from None
    return structure


def _nothing_drawn(structure: Structure, chosen: dict[str, list[str]], focus: str | None, depth: int) -> str:
    """Why the filters keep no body: each filter named, and those no body of the file passes at all."""
    named = [f"{name} {' or '.join(values)}" for name, values in chosen.items()]
    if focus is not None:
        named.append(f"within {depth} relationship{'s' if depth != 1 else ''} of {focus}")
    message = f"nothing to draw: no body passes the filters ({', '.join(named)})"
    used: dict[str, set[str]] = {name: set() for name in chosen}
    for body in structure.bodies:
        for name, has in (
            ("level", {body.level} if body.level else set()),
            ("area", set(body.areas)),
            ("service area", set(body.service_areas)),
            ("kind", {body.kind.value}),
        ):
            if name in used:
                used[name] |= has
    for name, wanted in chosen.items():
        if not used[name] & set(wanted):
            message += (
                f"; no body in the structure has {name} {' or '.join(wanted)}"
                f" ({name}s used: {', '.join(sorted(used[name])) or 'none'})"
            )
    return message


def shown(structure: Structure, dissolved: str = "show") -> tuple[list[Body], list[Relationship]]:
    """The bodies and relationships drawn: all, or with ``dissolved="hide"`` all but the dissolved."""
    hide = dissolved == "hide"
    bodies = [b for b in structure.bodies if not hide or b.status is not Status.DISSOLVED]
    if not bodies:
        raise UsageError(
            "nothing to draw: every body to be drawn is dissolved, and dissolved bodies are hidden (--hide-dissolved)"
        )
    ids = {body.id for body in bodies}
    relations = [
        r
        for r in structure.relationships
        if r.source in ids and r.target in ids and (not hide or r.status is not Status.DISSOLVED)
    ]
    return bodies, relations
