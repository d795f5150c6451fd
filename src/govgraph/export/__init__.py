"""Diagrams: DOT and Mermaid text, and files drawn by Graphviz."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from .._files import write_atomically
from ..diff import StructureDiff
from ..errors import GraphvizNotFound, UsageError
from ..model import Structure, shortcuts
from .backend import FORMATS, dot_available, pipe
from .dot import Marks, to_dot
from .drawing import _drawing, _format_for, _text
from .mermaid import to_mermaid
from .page import MIN_POINTS, ReadabilityWarning, fitted_points
from .pages import render_pages
from .selection import neighbourhood

__all__ = [
    "Marks",
    "diff_dot",
    "dot_available",
    "neighbourhood",
    "render",
    "render_diff",
    "render_pages",
    "render_to",
    "to_dot",
    "to_mermaid",
]


def render(structure: Structure, path: str | os.PathLike[str], *, format: str | None = None, **options: Any) -> Path:
    """Draw the structure to ``path`` (format from the suffix unless given), written atomically.

    ``options`` are those of :func:`to_dot`. SVG, PNG and PDF need Graphviz;
    DOT and Mermaid do not. With ``page`` ("a4", "a3-portrait" …) the drawing
    is shrunk to the page and a :class:`~govgraph.export.page.ReadabilityWarning`
    says when its text would be under 7 pt there.
    """
    chosen = _format_for(path, format)
    text = _text(structure, chosen, options)
    if chosen in FORMATS and options.get("page"):
        svg = pipe(text, "svg")
        points = fitted_points(svg, text)
        if points < MIN_POINTS:
            warnings.warn(
                ReadabilityWarning(
                    f"fitted to {options['page']}, the smallest text is {points:.1f} pt (under {MIN_POINTS:.0f} pt): "
                    "draw fewer boxes with --collapse service_area (or kind, level) or --focus ID"
                ),
                stacklevel=2,
            )
        return write_atomically(path, svg if chosen == "svg" else pipe(text, chosen))
    return write_atomically(path, text.encode("utf-8") if chosen == "mermaid" else _drawing(text, chosen))


def render_to(structure: Structure, path: str | None, *, format: str | None = None, **options: Any) -> str | None:
    """For the command line: write to ``path``, or return text (DOT, Mermaid) when there is none."""
    chosen = _format_for(path, format)
    if path is not None:
        render(structure, path, format=chosen, **options)
        return None
    if chosen in ("dot", "mermaid"):
        return _text(structure, chosen, options)
    raise UsageError(f"--format {chosen} needs an output file: add -o FILE.{chosen}")


def diff_dot(result: StructureDiff, old: str | None = None, new: str | None = None) -> str:
    """DOT for the union of both structures, titled with both (``old`` and ``new`` name them):
    added green, removed red with a grey fill, changed amber with the changed fields written
    on the drawing, introduced findings filled pink. See :mod:`govgraph.export.diffdraw`."""
    from .diffdraw import diff_dot as draw

    return draw(result, old, new)


def render_diff(
    result: StructureDiff,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    old: str | None = None,
    new: str | None = None,
) -> Path:
    """Draw :func:`diff_dot` to ``path``."""
    chosen = _format_for(path, format)
    if chosen == "mermaid":
        raise UsageError("diff diagrams are drawn as svg, png, pdf or dot")
    return write_atomically(path, _drawing(diff_dot(result, old, new), chosen))


def _notebook(structure: Structure) -> dict[str, str]:
    """What Jupyter shows for a structure (``Structure._repr_mimebundle_``): its diagram
    as SVG, or as Mermaid without Graphviz."""
    bundle = {"text/plain": repr(structure)}
    try:
        svg = pipe(to_dot(structure), "svg").decode("utf-8")  # large structures: an overview (see to_dot)
        if len(svg) <= 1_000_000:
            bundle["image/svg+xml"] = svg
        else:  # a multi-megabyte drawing would swamp the notebook
            bundle["text/markdown"] = (
                f"*{structure.name}*: the drawing is {len(svg) / 1e6:.1f} MB, too big to show here. "
                'Draw part of it with `gg.render(s, "part.svg", collapse="service_area")` or `focus="ID"`.'
            )
    except GraphvizNotFound:
        bundle["text/markdown"] = f"```mermaid\n{to_mermaid(structure)}```"
    return bundle


shortcuts.notebook.fill(_notebook)
