"""What a filtered drawing leaves out, said in words on the drawing and on standard error.

A diagram drawn with ``--service-area``, ``--level``, ``--focus`` or
``--hide-dissolved`` shows part of a structure; the reader must be told which
part, and how many lines run to bodies that are not there.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Tiny
... bodies:
...   - {id: board, name: Board, kind: board}
...   - {id: group, name: Group, kind: task_group}
...   - {id: forum, name: Forum, kind: forum}
... relationships:
...   - {source: group, kind: reports_to, target: board}
...   - {source: forum, kind: links_with, target: group}
... ''')
>>> omitted(s, kinds=["task_group", "board"])
['Shown: kind task_group, board: 2 of 3 bodies; 1 relationship to bodies not shown is not drawn.']
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Status, Structure
from .selection import select, shown

__all__ = ["omitted"]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def omitted(
    structure: Structure,
    *,
    focus: str | None = None,
    depth: int = 1,
    levels: Iterable[str] | None = None,
    areas: Iterable[str] | None = None,
    service_areas: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    dissolved: str = "show",
    part: Structure | None = None,
) -> list[str]:
    """Sentences that say what the filters leave out; empty when everything is drawn. O(n + m).

    ``part`` is what :func:`~govgraph.export.selection.select` keeps with the same
    filters, when the caller has made it already (a diagram has, so it is not made twice).
    """
    filters = {"level": levels, "area": areas, "service area": service_areas, "kind": kinds}
    chosen = {name: list(values) for name, values in filters.items() if values is not None}
    said = [f"{name} {', '.join(values)}" for name, values in chosen.items()]
    if focus is not None:
        said.insert(0, f"within {_plural(depth, 'relationship', 'relationships')} of {focus}")
    if dissolved == "hide":
        said.append("dissolved hidden")
    if not said:
        return []
    if part is None:
        part = select(
            structure,
            focus=focus,
            depth=depth,
            levels=chosen.get("level"),
            areas=chosen.get("area"),
            service_areas=chosen.get("service area"),
            kinds=chosen.get("kind"),
        )
    bodies, _ = shown(part, dissolved)
    kept = {body.id for body in bodies}
    cut = sum(1 for r in structure.relationships if (r.source in kept) != (r.target in kept))
    hidden = sum(
        1
        for r in structure.relationships
        if r.source in kept and r.target in kept and r.status is Status.DISSOLVED and dissolved == "hide"
    )
    sentence = f"Shown: {'; '.join(said)}: {len(kept)} of {_plural(len(structure.bodies), 'body', 'bodies')}"
    if cut:
        verb = "is" if cut == 1 else "are"
        sentence += f"; {_plural(cut, 'relationship', 'relationships')} to bodies not shown {verb} not drawn"
    if hidden:
        sentence += f"; {_plural(hidden, 'dissolved relationship', 'dissolved relationships')} hidden"
    return [sentence + "."]
