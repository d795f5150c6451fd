"""Level bands drawn over a layout made without them (issue 15).

Graphviz draws a cluster's rows as one block: a line that passes a band's row
goes round the row's end, crossing the lines beside it. The full Devon view
crosses 163 times with its levels drawn as clusters, 107 drawn so. So a
drawing whose DOT carries :data:`MARK` (the full view, :func:`~govgraph.export.to_dot`
without ``collapse``) is drawn in two passes, each by Graphviz:

1. the DOT with each level's cluster turned into a plain subgraph (its rows stay
   ``rank=same`` rows, in order) and the band's label a node at the left of its
   first row, the labels joined top to bottom by invisible lines so that they
   stand in one column, left-aligned; ``dot -Tdot`` lays it out and writes it
   back with every position and line;
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

__all__ = ["MARK", "draw"]

#: The line :func:`~govgraph.export.to_dot` writes into a drawing whose bands are drawn this way.
MARK = "\t// govgraph: level bands drawn over a layout made without them (govgraph.export.band_boxes)"

#: Runs Graphviz: ``(source, format, positioned)`` → output; ``positioned`` runs ``neato -n2``,
#: which keeps the positions the source gives, instead of ``dot``.
Runner = Callable[[str, str, bool], bytes]

_HEADER = re.compile(r'^\tsubgraph "cluster_level_(\d+)" \{$')
_ROW = "\t\t{rank=same; "
_KEY = re.compile(r"[;,\s]*([A-Za-z_][A-Za-z0-9_]*)=")
_BARE = re.compile(r"[^;,\s]*")
#: Attributes of a band's cluster that describe its label: they go to the label node.
_LABEL_KEYS = ("label", "fontsize", "fontname", "fontcolor")
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


def _unclustered(source: str) -> tuple[str, list[_Band]] | None:
    """Pass 1's DOT: level clusters made plain subgraphs, each band's label a node in its first row."""
    lines = source.rstrip("\n").split("\n")
    if not lines or lines[-1] != "}":
        return None
    out: list[str] = []
    bands: list[_Band] = []
    band: _Band | None = None  # the band whose first row is still to come
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
            out.append(f'\t\t{dot_id(band.node)} [{label}, shape="plaintext"]')
        elif band is not None and line.startswith(_ROW):
            out.append(line.replace(_ROW, f"{_ROW}{dot_id(band.node)}; ", 1))
            band = None
        else:
            out.append(line)
    if not bands:
        return None
    for upper, lower in itertools.pairwise(bands):  # one column, left-aligned
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


def _box(values: tuple[float, ...]) -> str:
    return '"' + ",".join(f"{value:.2f}" for value in values) + '"'


def draw(source: str, format: str, run: Runner) -> bytes | None:
    """``source`` drawn as ``format`` with its level bands drawn over a layout made
    without them, or None when it does not carry :data:`MARK` (or has no bands)."""
    if MARK not in source.split("\n"):  # a line of its own: no quoted text holds a line break
        return None
    unclustered = _unclustered(source)
    if unclustered is None:
        return None
    first, bands = unclustered
    laid = run(first, "dot", False).decode("utf-8")
    try:
        layout = json.loads(run(laid, "json", True))
    except ValueError:  # JSON that does not parse: drawn in one pass, as written
        return None
    boxes = _boxes(layout, bands)
    added: list[str] = []
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
