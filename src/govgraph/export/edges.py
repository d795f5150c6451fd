"""The lines of a drawing: one per relationship, or one for a co-ordination and its reporting back.

Each is a :class:`~govgraph.export.layout.Line` with its DOT attributes, which
:mod:`govgraph.export.layout` then turns, merges and bundles.
"""

from __future__ import annotations

from ..model import Relationship, Status
from .labels import _citations
from .layout import Line
from .marks import Marks
from .style import EDGE_STYLE

__all__: list[str] = []


def _two_way(relations: list[Relationship], marks: Marks) -> dict[int, Relationship]:
    """Pairs drawn as one line: A ``coordinates`` B while B answers upward to A (Devon 3.3).

    Returns, for the position of each ``coordinates`` relationship that has a
    partner, the upward partner; the partner is then not drawn on its own.
    """
    upward = {(r.source, r.target, r.status): r for r in relations if r.kind.is_upward}
    pairs: dict[int, Relationship] = {}
    taken: set[int] = set()
    for position, relation in enumerate(relations):
        if relation.kind.value != "coordinates":
            continue
        partner = upward.get((relation.target, relation.source, relation.status))
        marked = any(
            key in marks.edges
            for key in (
                (relation.source, "*", relation.target),
                (relation.target, "*", relation.source),
                (relation.source, relation.kind.value, relation.target),
                (relation.target, partner.kind.value, relation.source) if partner is not None else ("", "", ""),
            )
        )
        if partner is not None and not marked and id(partner) not in taken:
            pairs[position] = partner
            taken.add(id(partner))
    return pairs


def _two_way_edge(relation: Relationship, partner: Relationship, count: int = 1, dash: bool = True) -> Line:
    """One line for a co-ordination and the reporting back: arrowheads for both."""
    down, up = EDGE_STYLE[relation.kind], EDGE_STYLE[partner.kind]
    attributes = {"dir": "both", "arrowhead": down["arrowhead"], "arrowtail": up["arrowhead"], "color": up["color"]}
    if relation.status is Status.PROPOSED and dash:
        attributes["style"] = "dashed"
    elif relation.status is Status.DISSOLVED:
        attributes.update(style="dotted", color="#AAAAAA")
    cited = "; ".join(filter(None, (_citations(relation), _citations(partner))))
    if count > 1:
        attributes["label"] = f"×{count}"
    attributes["tooltip"] = (
        f"{relation.source} coordinates {relation.target}; {partner.source} "
        f"{partner.kind.value.replace('_', ' ')} {partner.target}"
        + (f" ({relation.status.value})" if relation.status is not Status.ACTIVE else "")
        + (f" (¶ {cited})" if cited else "")
    )
    if count > 1:
        attributes["tooltip"] = f"{count} × {attributes['tooltip']}"
    return Line(relation.source, relation.target, attributes, "two-way", [attributes["tooltip"]], count)


def _edge(relation: Relationship, marks: Marks, count: int = 1) -> Line:
    style = dict(EDGE_STYLE[relation.kind])
    upward = relation.kind.is_upward
    tail, head = (relation.target, relation.source) if upward else (relation.source, relation.target)
    attributes: dict[str, str] = {}
    if upward:  # drawn from the higher body down; the arrow still points at the higher one
        attributes.update(dir="back", arrowtail=style.pop("arrowhead"))
    else:
        attributes["arrowhead"] = style.pop("arrowhead")
    attributes.update(style)
    line = [style.get("style", "solid")] if "style" in style else []
    if relation.status is Status.PROPOSED and marks.dash_lines:
        line = ["dashed"]
    elif relation.status is Status.DISSOLVED:
        line = ["dotted"]
        attributes["color"] = "#AAAAAA"
    if line:
        attributes["style"] = ",".join(line)
    tooltip = f"{relation.source} {relation.kind.value.replace('_', ' ')} {relation.target}"
    if relation.status is not Status.ACTIVE:
        tooltip += f" ({relation.status.value})"
    if relation.note:
        tooltip += f": {relation.note}"
    if relation.sources:
        tooltip += f" (¶ {_citations(relation)})"
    attributes["tooltip"] = tooltip
    if count > 1:
        attributes["label"] = f"×{count}"
        attributes["tooltip"] = f"{count} × {tooltip}"
    for key in ((relation.source, "*", relation.target), (relation.source, relation.kind.value, relation.target)):
        attributes.update(marks.edges.get(key, {}))
    return Line(tail, head, attributes, relation.kind.value, [attributes["tooltip"]], count)
