"""A structure too large for one page drawn as a set: an overview, and one page per root's sub-tree.

The *tops* of a structure are the bodies that answer to no one and have at
least one body below them (a department over its agencies, a partnership over
its planning groups); each gets a page of its own with every body that has an
upward route to it. The overview is the drawing :func:`~govgraph.export.to_dot`
makes of the whole (over 150 bodies, an overview with sub-trees counted).

Files in the folder: ``overview.EXT``, then ``NN-ID.EXT`` for each top in the
file's order, numbered from 01 so that two ids differing only in case still make
two files on a file system that ignores case. Every drawing is made before
anything is written, so a failure (Graphviz missing, an output that is an input)
leaves the folder as it was. A new folder appears whole: the files are written
into a temporary folder beside it, renamed into place in one step; into an
existing folder each file is written atomically. The same input gives the same
files, byte for byte.

>>> import govgraph as gg
>>> devon = gg.load("examples/devon/devon.yaml")
>>> [name for name, _ in page_parts(devon)][:3]
['overview', '01-devon-pcts', '02-dpt']
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .._files import _umask, refuse_overwriting, write_atomically
from ..errors import UsageError
from ..graph import upward_graph
from ..model import Structure
from .drawing import _drawing, _format_for, _text

__all__ = ["page_parts", "render_pages", "tops"]

#: Options of ``to_dot`` that choose part of a structure (a page set draws whole sub-trees), and their flags.
_SELECTING = {
    "focus": "--focus",
    "levels": "--level",
    "areas": "--area",
    "service_areas": "--service-area",
    "kinds": "--kind",
}


def tops(structure: Structure) -> list[str]:
    """The bodies that answer to no one and have a body below them, in the file's order. O(n + m)."""
    up = upward_graph(structure)
    return [
        body.id for body in structure.bodies if body.id in up and not up.out_degree(body.id) and up.in_degree(body.id)
    ]


def page_parts(structure: Structure) -> list[tuple[str, Structure]]:
    """(file name without suffix, part drawn) for the overview and each top's sub-tree."""
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    up = upward_graph(structure)
    found = tops(structure)
    width = max(2, len(str(len(found))))
    parts: list[tuple[str, Structure]] = [("overview", structure)]
    for number, top in enumerate(found, start=1):
        below = nx.ancestors(up, top)  # every body with an upward route to the top
        parts.append((f"{number:0{width}d}-{top}", structure.subset(bodies=[top, *sorted(below)])))
    return parts


def render_pages(
    structure: Structure,
    folder: str | os.PathLike[str],
    *,
    format: str = "svg",
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    **options: Any,
) -> list[Path]:
    """Draw the overview and one page per top into ``folder`` (made if missing); the paths written.

    ``options`` are those of :func:`~govgraph.export.to_dot` except the ones that
    select a part (``focus`` and the filters). A path that is one of ``inputs``
    is refused before anything is written.
    """

    chosen = [name for name in _SELECTING if options.get(name) is not None]
    if chosen:
        raise UsageError(
            "a page per root draws whole sub-trees: leave out "
            + ", ".join(f"{_SELECTING[name]} ({name}=)" for name in chosen)
        )
    chosen_format = _format_for(None, format)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise UsageError(f"will not write the pages into {os.fspath(folder)}: it is a file, not a folder")
    suffix = {"mermaid": "mmd"}.get(chosen_format, chosen_format)
    inputs = list(inputs)
    drawings: list[tuple[Path, bytes]] = []
    for name, part in page_parts(structure):
        path = target / f"{name}.{suffix}"
        refuse_overwriting(path, inputs)
        drawings.append((path, _payload(part, chosen_format, options)))
    if target.exists():
        for path, data in drawings:
            write_atomically(path, data)
        return [path for path, _ in drawings]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        os.chmod(staging, 0o777 & ~_umask())  # as a folder made by mkdir, not mkdtemp's 0700
        for path, data in drawings:
            write_atomically(staging / path.name, data)
        os.rename(staging, target)  # the folder appears with every file in it, or not at all
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [path for path, _ in drawings]


def _payload(part: Structure, format: str, options: dict[str, Any]) -> bytes:
    text = _text(part, format, options)
    return text.encode("utf-8") if format == "mermaid" else _drawing(text, format)
