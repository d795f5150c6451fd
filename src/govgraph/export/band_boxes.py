"""Level bands drawn over a layout made without them (issue 15).

Graphviz draws a cluster's rows as one block: a line that passes a band's row
goes round the row's end, crossing the lines beside it. The full Devon view
crosses 163 times with its levels drawn as clusters, 107 drawn so; and each
cluster is as wide as its rows, so bands differ in width. So a drawing whose DOT
carries :data:`MARK` (the full view, :func:`~govgraph.export.to_dot` without
``collapse``) or :data:`ABOVE` (a collapsed view) is drawn in two passes, each by Graphviz:

1. the DOT with each level's cluster turned into a plain subgraph (its rows stay
   ``rank=same`` rows, in order) and the band's label a node at the left of its
   first row, the labels joined top to bottom by invisible lines so that they
   stand in one column, left-aligned; ``dot -Tdot`` lays it out and writes it
   back with every position and line. A drawing that carries :data:`ABOVE`
   instead (the collapsed views) has each label on a row of its own above its
   band's rows, where the label's column would make the drawing too wide for a
   page: 1082 × 785 pt with clusters, 1353 × 631 pt with a column, 1110 × 756 pt
   so, for the README's Devon view; pass 2 moves each label to its band's left edge;
2. that DOT, with one filled box per band behind the bodies (a cluster with its
   ``bb``: the drawing's width, from halfway to the band above to halfway to the
   band below), drawn by ``neato -n2``, which keeps every body and line where
   pass 1 put it. The geometry comes from the same DOT read back as JSON
   (``neato -n2 -Tjson``: no second layout).

The DOT text itself keeps the clusters, so ``dot`` alone draws it with bands
as before. Same input, same bytes: Graphviz is deterministic, and so is this.
When the text is not what :mod:`govgraph.export.dot` writes for bands, it is
drawn in one pass, as written.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .quoting import dot_id

__all__ = ["ABOVE", "MARK", "draw"]

#: The line :func:`~govgraph.export.to_dot` writes into a drawing whose bands are drawn this way.
MARK = "\t// govgraph: level bands drawn over a layout made without them (govgraph.export.band_boxes)"
#: The same, for a drawing whose band labels stand on a row of their own above each band's bodies.
ABOVE = (
    "\t// govgraph: level bands drawn over a layout made without them, "
    "each labelled above its rows (govgraph.export.band_boxes)"
)

#: Runs Graphviz: ``(source, format, positioned)`` → output; ``positioned`` runs ``neato -n2``,
#: which keeps the positions the source gives, instead of ``dot``.
Runner = Callable[[str, str, bool], bytes]

_HEADER = re.compile(r'^\tsubgraph "cluster_level_(\d+)" \{$')
_ROW = "\t\t{rank=same; "
#: A line's end clipped at a level's cluster (a bundled fan's): pass 1 has no such cluster.
_CLIPPED = re.compile(r'(?:, (?:ltail|lhead)="cluster_level_\d+")|(?<=\[)(?:ltail|lhead)="cluster_level_\d+"(?:, )?')
_KEY = re.compile(r"[;,\s]*([A-Za-z_][A-Za-z0-9_]*)=")
_BARE = re.compile(r"[^;,\s]*")
#: Attributes of a band's cluster that describe its label: they go to the label node.
_LABEL_KEYS = ("label", "fontsize", "fontname", "fontcolor")
#: How a band's label node is drawn: in its first row, or above the rows (its text, no margin).
_BESIDE = 'shape="plaintext"'
_ABOVE = 'shape="plaintext", width="0", height="0", margin="0"'
#: Points between a band's bodies and its box where no other band is near.
PAD = 8.0


@dataclass
class _Band:
    number: str
    box: list[tuple[str, str]]  # the cluster's own attributes, as written (quoted values)
    label: list[tuple[str, str]]

    @property
    def subgraph(self) -> str:
        return f"band_level_{self.number}"

    @property
    def node(self) -> str:
        return f"band:{self.number}"


def _attributes(line: str) -> list[tuple[str, str]] | None:
    """The ``key=value`` pairs of one DOT attribute line, values as written, or None."""
    pairs: list[tuple[str, str]] = []
    at = 0
    line = line.rstrip()
    while at < len(line):
        key = _KEY.match(line, at)
        if key is None:
            return None
        at = key.end()
        if line.startswith('"', at):
            end = at + 1
            while end < len(line) and line[end] != '"':
                end += 2 if line[end] == "\\" else 1
            end += 1
        elif line.startswith("<", at):
            depth, end = 0, at
            while end < len(line):
                depth += {"<": 1, ">": -1}.get(line[end], 0)
                end += 1
                if depth == 0:
                    break
        else:
            bare = _BARE.match(line, at)
            end = bare.end() if bare else at
        if end > len(line) or end == at:
            return None
        pairs.append((key.group(1), line[at:end]))
        at = end
    return pairs


def _unclustered(source: str, above: bool = False) -> tuple[str, list[_Band]] | None:
    """Pass 1's DOT: level clusters made plain subgraphs, each band's label a node in its first row
    or, ``above``, on a row of its own above the band's rows, held over the rows' first (an anchor
    of :mod:`govgraph.export.dot`) so that the lines crossing that row pass to its right. Lines
    clipped at a level's cluster (``ltail``, ``lhead``: a bundled fan) end at their bodies."""
    lines = source.rstrip("\n").split("\n")
    if not lines or lines[-1] != "}":
        return None
    out: list[str] = []
    bands: list[_Band] = []
    band: _Band | None = None  # the band whose first row is still to come
    row: str | None = None  # the first node of the last row (an anchor of dot.py)
    lines_left = iter(lines)
    for line in lines_left:
        header = _HEADER.match(line)
        if header is not None:  # the cluster's attribute line follows: kept for pass 2, not written
            pairs = _attributes(next(lines_left, "").strip())
            if pairs is None or "label" not in dict(pairs):
                return None
            band = _Band(
                header.group(1),
                [(k, v) for k, v in pairs if k not in _LABEL_KEYS],
                [(k, v) for k, v in pairs if k in _LABEL_KEYS or k == "tooltip"],
            )
            bands.append(band)
            out.append(f"\tsubgraph {dot_id(band.subgraph)} {{")
            label = ", ".join(f"{k}={v}" for k, v in band.label)  # first, so that it stands first in its row
            out.append(f"\t\t{dot_id(band.node)} [{label}, {_ABOVE if above else _BESIDE}]")
        elif line.startswith(_ROW):
            anchor = line[len(_ROW) :].split(";", 1)[0]
            if band is not None and above:  # the label's row, between the band above and this one
                out.append(f"{_ROW}{dot_id(band.node)}}}")
                if row is not None:
                    out.append(f'\t\t{row} -> {dot_id(band.node)} [style="invis", weight="10"]')
                out.append(f'\t\t{dot_id(band.node)} -> {anchor} [style="invis", weight="10"]')
                out.append(line)
            elif band is not None:
                out.append(line.replace(_ROW, f"{_ROW}{dot_id(band.node)}; ", 1))
            else:
                out.append(line)
            band, row = None, anchor
        elif line.startswith("\t") and not line.startswith("\t\t") and " -> " in line:
            out.append(_CLIPPED.sub("", line))
        else:
            out.append(line)
    if not bands:
        return None
    for upper, lower in itertools.pairwise([] if above else bands):  # one column, left-aligned
        out.insert(-1, f'\t{dot_id(upper.node)}:w -> {dot_id(lower.node)}:w [style="invis"]')
    return "\n".join(out) + "\n", bands


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _boxes(layout: dict[str, Any], bands: list[_Band]) -> dict[str, tuple[float, ...]]:
    """Each band's box (x0, y0, x1, y1) from pass 1's geometry (Graphviz's points, y upwards)."""
    count = int(layout.get("_subgraph_cnt", 0))
    objects: list[dict[str, Any]] = layout.get("objects", [])
    band_of: dict[int, str] = {}
    names = {band.subgraph for band in bands}
    for graph in objects[:count]:
        if graph.get("name") in names:
            for node in graph.get("nodes", []):
                band_of.setdefault(node, graph["name"])  # an anchor's line may name it in the next band too
    extent: dict[str, list[float]] = {}
    others: list[float] = []  # tops of what is not in a band (the legend)
    left, right = float("inf"), float("-inf")
    for node in objects[count:]:
        x, y = _numbers(node.get("pos", "0,0"))[:2]
        half_w, half_h = 36 * float(node.get("width", 0)), 36 * float(node.get("height", 0))
        name = band_of.get(node["_gvid"])
        if name is None:
            others.append(y + half_h)
            continue
        low, high = extent.setdefault(name, [y - half_h, y + half_h])
        extent[name] = [min(low, y - half_h), max(high, y + half_h)]
        left, right = min(left, x - half_w), max(right, x + half_w)
    for edge in layout.get("edges", []):
        xs = _numbers(edge.get("pos", ""))[0::2]
        if xs and edge.get("style") != "invis":
            left, right = min(left, *xs), max(right, *xs)
    for graph in objects[:count]:
        if str(graph.get("name", "")).startswith("cluster") and "bb" in graph:
            others.append(_numbers(graph["bb"])[3])
    order = sorted((name for name in extent), key=lambda name: -extent[name][1])
    boxes: dict[str, tuple[float, ...]] = {}
    for i, name in enumerate(order):
        low, high = extent[name]
        top = high + PAD if i == 0 else (high + extent[order[i - 1]][0]) / 2
        if i + 1 < len(order):
            bottom = (low + extent[order[i + 1]][1]) / 2
        else:
            below = [y for y in others if y < low]
            bottom = max(low - PAD, (low + max(below)) / 2) if below else low - PAD
        boxes[name] = (left - PAD, bottom, right + PAD, top)
    return boxes


def _to_the_left(layout: dict[str, Any], band: _Band, box: tuple[float, ...]) -> str:
    """A label above its band's rows moved to the band's left edge (a line of DOT), or nothing
    when a line or a line's label passes the label's row to its left."""
    node = next((o for o in layout.get("objects", []) if o.get("name") == band.node and "pos" in o), None)
    if node is None:
        return ""
    x, y = _numbers(node["pos"])[:2]
    half_w, half_h = 36 * float(node.get("width", 0)), 36 * float(node.get("height", 0))
    for edge in layout.get("edges", []):  # where a line or its label crosses the label's row
        points = _numbers(str(edge.get("pos", "")).replace("e,", "").replace("s,", ""))
        points += _numbers(str(edge.get("lp", "")))
        for px, py in zip(points[0::2], points[1::2], strict=False):
            if edge.get("style") != "invis" and abs(py - y) <= half_h and px < x:
                return ""
    return f'\t{dot_id(band.node)} [pos="{box[0] + PAD + half_w:.2f},{y:.2f}"]'


def _box(values: tuple[float, ...]) -> str:
    return '"' + ",".join(f"{value:.2f}" for value in values) + '"'


def draw(source: str, format: str, run: Runner) -> bytes | None:
    """``source`` drawn as ``format`` with its level bands drawn over a layout made
    without them, or None when it carries neither :data:`MARK` nor :data:`ABOVE` (or has no bands)."""
    lines = source.split("\n")  # the mark is a line of its own: no quoted text holds a line break
    above = ABOVE in lines
    if MARK not in lines and not above:
        return None
    unclustered = _unclustered(source, above)
    if unclustered is None:
        return None
    first, bands = unclustered
    laid = run(first, "dot", False).decode("utf-8")
    try:
        layout = json.loads(run(laid, "json", True))
    except ValueError:  # JSON that does not parse: drawn in one pass, as written
        return None
    boxes = _boxes(layout, bands)
    moved = (_to_the_left(layout, band, boxes[band.subgraph]) for band in bands if above and band.subgraph in boxes)
    added = [line for line in moved if line]
    for band in bands:
        if band.subgraph not in boxes:
            continue
        style = ", ".join([*(f"{k}={v}" for k, v in band.box), 'label=""', f"bb={_box(boxes[band.subgraph])}"])
        added.append(f"\tsubgraph {dot_id(f'cluster_level_{band.number}')} {{")
        added.append(f"\t\tgraph [{style}];")
        added.append(f"\t\t{dot_id(band.node)};")
        added.append("\t}")
    second = laid.rstrip().removesuffix("}") + "\n".join(added) + "\n}\n"
    return run(second, format, True)
