"""Where lines go: drawn top to bottom, parallel lines drawn once, crossing fans bundled.

The DOT writer (:mod:`govgraph.export.dot`, with :mod:`govgraph.export.bands`)
decides which band and row each body stands in; this module takes the lines it
would draw and

- turns every line so that it runs from the body higher on the page to the
  lower one (the arrows keep pointing where the relationship points), so that
  Graphviz can use every line to order the rows, not only the upward ones;
- draws two lines between the same two bodies in the same direction as one,
  with both arrowheads (an Executive Management Group is a sub-group of its
  Strategic Planning Group and reports to it: one line, two heads);
- draws a dense fan of lines of one kind between two bands as one line
  between the bands with its count ("accountable to × 10"), as the Devon
  paper does with a footnote, when the lines could not all be drawn without
  crossing each other (more lines than sources + targets − 1).

Everything is deterministic: the first line of a merge or a bundle stands
where it was. O(m) for m lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["Line", "bundle", "merge_parallel", "orient"]


@dataclass
class Line:
    """One line to draw: from ``tail`` to ``head`` with DOT attributes, and what it stands for."""

    tail: str
    head: str
    attributes: dict[str, str]
    kind: str
    tooltips: list[str] = field(default_factory=list)
    count: int = 1
    bundled: bool = False


_FLIP = {"forward": "back", "back": "forward", "both": "both", "none": "none"}


def orient(line: Line, place: Callable[[str], tuple[int, int]]) -> Line:
    """The line drawn from the body higher on the page (``place`` gives band and row) to the lower."""
    if place(line.tail) <= place(line.head):
        return line
    attributes = dict(line.attributes)
    ports = attributes.pop("tailport", None), attributes.pop("headport", None)
    for key, port in zip(("headport", "tailport"), ports, strict=True):  # each port stays at its body
        if port is not None:
            attributes[key] = port
    direction = attributes.get("dir", "forward")
    head, tail = attributes.pop("arrowhead", None), attributes.pop("arrowtail", None)
    if direction == "both":
        if head is not None:
            attributes["arrowtail"] = head
        if tail is not None:
            attributes["arrowhead"] = tail
    elif direction == "forward":
        attributes["dir"] = "back"
        if head is not None:
            attributes["arrowtail"] = head
    elif direction == "back":
        attributes.pop("dir", None)
        if tail is not None:
            attributes["arrowhead"] = tail
    return Line(line.head, line.tail, attributes, line.kind, line.tooltips, line.count)


def merge_parallel(lines: list[Line]) -> list[Line]:
    """Lines between the same two bodies, in the same direction and style, drawn as one with both arrowheads."""
    kept: list[Line] = []
    seen: dict[tuple[str, str, str, str], Line] = {}
    for line in lines:
        direction = line.attributes.get("dir", "forward")
        key = (line.tail, line.head, direction, line.attributes.get("style", ""))
        first = seen.get(key)
        end = "arrowtail" if direction == "back" else "arrowhead"
        if first is None or direction not in ("forward", "back") or "label" in line.attributes:
            seen.setdefault(key, line)
            kept.append(line)
            continue
        arrows = first.attributes.get(end, "normal")
        extra = line.attributes.get(end, "normal")
        if extra not in arrows and len(arrows) < 24:
            first.attributes[end] = arrows + extra
        first.kind = f"{first.kind}+{line.kind}"
        first.tooltips += line.tooltips
        first.attributes["tooltip"] = "; ".join(first.tooltips)
    return kept


def bundle(lines: list[Line], band: Mapping[str, str], cluster: Mapping[str, str]) -> list[Line]:
    """Dense fans of one kind between two bands drawn as one line between the bands, with the count.

    ``band`` gives each body's band, ``cluster`` each band's DOT cluster name.
    """
    fans: dict[tuple[str, str, str, str, str], list[Line]] = {}
    for line in lines:
        if "label" in line.attributes or line.tail not in band or line.head not in band:
            continue
        tail_band, head_band = band[line.tail], band[line.head]
        if tail_band == head_band:
            continue
        key = (line.kind, line.attributes.get("style", ""), line.attributes.get("dir", ""), tail_band, head_band)
        fans.setdefault(key, []).append(line)
    dropped: set[int] = set()
    for (kind, _, _, tail_band, head_band), fan in fans.items():
        tails, heads = {line.tail for line in fan}, {line.head for line in fan}
        if len(tails) < 2 or len(heads) < 2 or len(fan) <= len(tails) + len(heads) - 1:
            continue
        first = fan[0]
        # To the last body of the lower band (the far side, where the lines into that band are fewest).
        first.head = fan[-1].head
        first.attributes.pop("headport", None)
        first.attributes.update({k: v for k, v in fan[-1].attributes.items() if k == "headport"})
        first.count = len(fan)
        first.bundled = True
        first.attributes.update(
            ltail=cluster[tail_band],
            lhead=cluster[head_band],
            label=f"{kind.replace('_', ' ')} × {len(fan)}",
            tooltip=f"{len(fan)} lines: " + "; ".join(t for line in fan for t in line.tooltips),
            constraint="false",
        )
        dropped.update(id(line) for line in fan[1:])
    return [line for line in lines if id(line) not in dropped]
