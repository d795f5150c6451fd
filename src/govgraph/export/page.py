"""Fitting a drawing to a page, and saying when its names would be too small to read there.

``--page a4`` (landscape unless ``-portrait`` is added; ``a3`` likewise) asks
Graphviz to shrink the drawing to the page (``size``, never enlarged); the
smallest text is then the smallest font size of the drawing times the scale
Graphviz applied, read from its SVG. Under 7 pt a :class:`ReadabilityWarning`
suggests drawing fewer boxes.

>>> page_inches("a4")
(11.69, 8.27)
>>> page_inches("a3-portrait")
(11.69, 16.54)
"""

from __future__ import annotations

import re

from ..errors import UsageError

__all__ = ["MIN_POINTS", "PAGES", "ReadabilityWarning", "fitted_points", "page_inches", "smallest_font"]

#: Page sizes in inches, portrait (width, height).
PAGES = {"a4": (8.27, 11.69), "a3": (11.69, 16.54)}
#: Names under this size on the page are hard to read.
MIN_POINTS = 7.0


class ReadabilityWarning(UserWarning):
    """The drawing fitted to the page has text too small to read; the CLI prints it as a warning."""


def page_inches(page: str) -> tuple[float, float]:
    """(width, height) in inches of ``a4``, ``a3``, ``a4-portrait``, ``a3-landscape`` … (landscape by default)."""
    name, _, orientation = page.lower().partition("-")
    if name not in PAGES or orientation not in ("", "portrait", "landscape"):
        raise UsageError(f"--page must be a4 or a3, optionally with -portrait or -landscape, not {page!r}")
    short, long = PAGES[name]
    return (short, long) if orientation == "portrait" else (long, short)


def smallest_font(source: str) -> float:
    """The smallest font size a DOT text asks for (10 when it names none)."""
    sizes = [float(size) for size in re.findall(r'(?:POINT-SIZE|fontsize)="([0-9.]+)"', source)]
    return min(sizes, default=10.0)


def fitted_points(svg: bytes, source: str) -> float:
    """The smallest text, in points, of the drawing Graphviz wrote (its ``scale`` applied)."""
    found = re.search(rb'transform="scale\(([0-9.]+)', svg)
    scale = float(found.group(1)) if found else 1.0
    return smallest_font(source) * scale
