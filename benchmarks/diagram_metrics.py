"""How readable a drawing is, measured from the SVG Graphviz wrote.

For each SVG given, prints:

- ``lines``: edges drawn (legend samples and invisible edges are not counted);
- ``crossings``: pairs of drawn lines that cross, from the path geometry (each
  Bézier flattened to 12 segments; two lines that share a body are not
  counted as crossing where they meet at it);
- ``size``: the drawing's width × height in points, and its aspect ratio;
- ``smallest text`` when the drawing is fitted to a page (A4 and A3
  landscape by default, never enlarged): the smallest font size in the SVG
  times the scale that fits the page, in points.

Usage::

    python benchmarks/diagram_metrics.py examples/devon/devon.svg examples/devon/devon-full.svg
    python benchmarks/diagram_metrics.py --page a4-portrait drawing.svg

The issue that asked for this measured ``examples/devon/devon.svg`` of the time
at 81 lines, 677 crossing pairs, 2960 × 1481 pt, 2.3 pt on A4 landscape.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PAGES", "Metrics", "measure"]

SVG = "{http://www.w3.org/2000/svg}"
#: Page sizes in points (1/72 in), portrait; landscape swaps them.
PAGES = {"a4": (595.0, 842.0), "a3": (842.0, 1191.0)}
STEPS = 12  # segments per cubic Bézier
NEAR = 4.0  # points: where two lines that share a body meet at it, they do not cross

Point = tuple[float, float]
Segment = tuple[Point, Point]


@dataclass(frozen=True)
class Metrics:
    """What :func:`measure` found in one SVG."""

    lines: int
    crossings: int
    width: float
    height: float
    smallest_font: float

    @property
    def aspect(self) -> float:
        """Width over height (or its inverse, whichever is larger)."""
        if not self.width or not self.height:
            return 0.0
        return max(self.width / self.height, self.height / self.width)

    def smallest_on(self, page: str) -> float:
        """Smallest text in points when the drawing is fitted to ``page`` (e.g. ``a4-landscape``), never enlarged."""
        width, height = page_size(page)
        scale = min(1.0, width / self.width, height / self.height) if self.width and self.height else 1.0
        return self.smallest_font * scale


def page_size(page: str) -> tuple[float, float]:
    """``a4``, ``a3``, ``a4-portrait``, ``a3-landscape`` → (width, height) in points; landscape by default."""
    name, _, orientation = page.lower().partition("-")
    short, long = PAGES[name]
    return (short, long) if orientation == "portrait" else (long, short)


def _bezier(points: list[Point]) -> list[Point]:
    """Flatten Graphviz's path (a start point then cubic Béziers) into a polyline."""
    out = [points[0]]
    for i in range(1, len(points) - 2, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i - 1], points[i], points[i + 1], points[i + 2]
        for step in range(1, STEPS + 1):
            t = step / STEPS
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def _crossing(p: Segment, q: Segment) -> Point | None:
    """Where two segments cross (touching counts), or None."""
    (x1, y1), (x2, y2) = p
    (x3, y3), (x4, y4) = q
    denominator = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if denominator == 0:
        return None
    t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / denominator
    u = ((x1 - x3) * (y1 - y2) - (y1 - y3) * (x1 - x2)) / denominator
    if 0 <= t <= 1 and 0 <= u <= 1:
        return (x1 + t * (x2 - x1), y1 + t * (y2 - y1))
    return None


def _box(points: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _near(point: Point, ends: list[Point]) -> bool:
    return any(abs(point[0] - x) <= NEAR and abs(point[1] - y) <= NEAR for x, y in ends)


def _lines_cross(a: list[Point], b: list[Point], shared: bool) -> bool:
    ends = [a[0], a[-1], b[0], b[-1]]
    box_b = _box(b)
    for p in itertools.pairwise(a):
        if max(p[0][0], p[1][0]) < box_b[0] or min(p[0][0], p[1][0]) > box_b[2]:
            continue
        if max(p[0][1], p[1][1]) < box_b[1] or min(p[0][1], p[1][1]) > box_b[3]:
            continue
        for q in itertools.pairwise(b):
            point = _crossing(p, q)
            if point is not None and not (shared and _near(point, ends)):
                return True
    return False


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def measure(svg: bytes, show: bool = False) -> Metrics:
    """Lines, crossing pairs, size and smallest font of a Graphviz SVG (``show`` prints each crossing pair)."""
    root = ET.fromstring(svg)
    width, height = (_numbers(root.get(side, "0"))[0] for side in ("width", "height"))
    graph = root.find(f"{SVG}g")
    scale = 1.0
    if graph is not None:
        found = re.search(r"scale\(([\d.]+)", graph.get("transform", ""))
        scale = float(found.group(1)) if found else 1.0
    drawn: list[tuple[frozenset[str], list[Point]]] = []
    titles: list[str] = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "edge":
            continue
        title = group.findtext(f"{SVG}title") or ""
        if "legend:" in title:
            continue
        ends = frozenset(part.strip().split(":")[0] for part in re.split(r"->|--", title))
        for path in group.iter(f"{SVG}path"):
            values = _numbers(path.get("d", ""))
            points = list(zip(values[0::2], values[1::2], strict=False))
            if len(points) >= 4:
                drawn.append((ends, _bezier(points)))
                titles.append(title)
    boxes = [_box(points) for _, points in drawn]
    crossings = 0
    for i, j in itertools.combinations(range(len(drawn)), 2):
        a, b = boxes[i], boxes[j]
        if a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]:
            continue
        shared = bool(drawn[i][0] & drawn[j][0])
        if _lines_cross(drawn[i][1], drawn[j][1], shared):
            crossings += 1
            if show:
                print(f"  {titles[i]}  ×  {titles[j]}")
    sizes = [
        float(element.get("font-size", "0")) for element in root.iter(f"{SVG}text") if (element.text or "").strip()
    ]
    return Metrics(len(drawn), crossings, width, height, min(sizes, default=0.0) * scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("svgs", nargs="+", metavar="SVG")
    parser.add_argument(
        "--page", action="append", help="page to fit to: a4, a3, a4-portrait … (default: a4 and a3 landscape)"
    )
    parser.add_argument("--show", action="store_true", help="print the two lines of each crossing pair")
    arguments = parser.parse_args(argv)
    pages = arguments.page or ["a4-landscape", "a3-landscape"]
    for name in arguments.svgs:
        found = measure(Path(name).read_bytes(), arguments.show)
        fitted = ", ".join(f"{found.smallest_on(page):.1f} pt on {page}" for page in pages)
        print(
            f"{name}: {found.lines} lines, {found.crossings} crossing pairs, "
            f"{found.width:.0f} × {found.height:.0f} pt (aspect {found.aspect:.2f}:1); "
            f"smallest text {found.smallest_font:.1f} pt, {fitted}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
