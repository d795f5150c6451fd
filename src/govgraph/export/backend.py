"""Running the Graphviz ``dot`` program (through the graphviz package): the only place
govgraph starts a process."""

from __future__ import annotations

import contextlib
import io
import shutil
import warnings

from ..errors import GraphvizNotFound, RenderError
from . import band_boxes

__all__ = ["FORMATS", "INSTALL_HINT", "GraphvizWarning", "dot_available", "pipe"]

#: Output formats ``dot`` is asked for.
FORMATS = ("svg", "png", "pdf")

INSTALL_HINT = (
    "Graphviz's 'dot' program was not found on PATH; install Graphviz "
    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; conda: conda install graphviz) "
    "or use --format dot or --format mermaid, which need no Graphviz"
)


_ORTHO = 'splines="ortho"'


class GraphvizWarning(UserWarning):
    """A warning Graphviz printed while drawing (a drawing too big for its bitmap, say).

    The command line prints each as ``govgraph: warning: Graphviz: ...``.
    """


def dot_available() -> bool:
    """True when ``dot`` is on ``PATH``."""
    return shutil.which("dot") is not None


def pipe(source: str, format: str) -> bytes:
    """Lay out DOT ``source`` with Graphviz's ``dot`` and return the output bytes.

    The graphviz package runs the program. A drawing whose level bands are drawn
    over a layout made without them (:mod:`govgraph.export.band_boxes`) takes two passes.
    Raises :class:`~govgraph.errors.GraphvizNotFound` when Graphviz is not installed
    and :class:`~govgraph.errors.RenderError` when it fails.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    drawn = band_boxes.draw(source, format, _graphviz)
    return drawn if drawn is not None else _graphviz(source, format)


def _graphviz(source: str, format: str, positioned: bool = False) -> bytes:
    """Graphviz's output for ``source``: laid out by ``dot``, or, ``positioned``, drawn by
    ``neato -n2`` where the source puts every body and line."""
    # Imported here: loading and checking, which most runs only do, need none of it (23 ms).
    import graphviz

    said = io.StringIO()  # Graphviz's warnings, passed on as GraphvizWarning instead of lost
    engine, keep = ("neato", 2) if positioned else ("dot", None)
    try:
        with contextlib.redirect_stderr(said):
            output: bytes = graphviz.pipe(engine, format, source.encode("utf-8"), neato_no_op=keep, quiet=False)
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFound(INSTALL_HINT) from None
    except graphviz.CalledProcessError as error:
        if error.returncode < 0 and _ORTHO in source:
            # Graphviz 2.43's orthogonal edge router crashes (a segmentation fault) on some
            # layouts; the same diagram with polyline edges is better than none.
            return _graphviz(source.replace(_ORTHO, 'splines="polyline"'), format, positioned)
        lines = (error.stderr or b"").decode("utf-8", errors="replace").strip().splitlines()
        raise RenderError(f"Graphviz failed: {lines[-1] if lines else f'exit status {error.returncode}'}") from None
    for line in dict.fromkeys(said.getvalue().splitlines()):
        if line.strip():
            warnings.warn(GraphvizWarning(f"Graphviz: {line.strip()}"), stacklevel=3)
    return output
