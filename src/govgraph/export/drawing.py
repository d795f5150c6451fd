"""What a drawing's file holds: the format a file name asks for, the text (DOT or
Mermaid) for a structure and the options, and Graphviz's drawing of DOT."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import Structure
from .backend import FORMATS, pipe
from .dot import to_dot
from .mermaid import to_mermaid
from .selection import select

__all__: list[str] = []

_SUFFIX_FORMATS = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
}


def _format_for(path: str | os.PathLike[str] | None, format: str | None) -> str:
    if format is not None:
        if format not in (*FORMATS, "dot", "mermaid"):
            raise UsageError(f"format must be svg, png, pdf, dot or mermaid, not {format!r}")
        return format
    if path is None:
        return "svg"
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIX_FORMATS:
        raise UsageError(
            f"cannot tell the format from '{suffix}': name the file .svg, .png, .pdf, .dot or .mmd, or give the format"
        )
    return _SUFFIX_FORMATS[suffix]


def _drawing(source: str, format: str) -> bytes:
    """DOT source as a file of ``format``: the text itself, or Graphviz's drawing."""
    return source.encode("utf-8") if format == "dot" else pipe(source, format)


def _text(structure: Structure, format: str, options: Mapping[str, Any]) -> str:
    """DOT, or Mermaid for the same selection :func:`to_dot` would draw with these options."""
    if format != "mermaid":
        return to_dot(structure, **options)
    if options.get("collapse") is not None:
        raise UsageError("--collapse draws svg, png, pdf or dot; Mermaid diagrams are drawn in full")
    if options.get("page") is not None:
        raise UsageError("--page fits svg, png, pdf or dot drawings; Mermaid is laid out by its viewer")
    chosen = {k: options[k] for k in ("focus", "depth", "levels", "areas", "service_areas", "kinds") if k in options}
    return to_mermaid(select(structure, **chosen), dissolved=options.get("dissolved", "show"))
