"""Running the Graphviz ``dot`` program (through the graphviz package): the only place
govgraph starts a process."""

from __future__ import annotations

import shutil

from ..errors import GraphvizNotFound, RenderError

__all__ = ["FORMATS", "INSTALL_HINT", "dot_available", "pipe"]

#: Output formats ``dot`` is asked for.
FORMATS = ("svg", "png", "pdf")

INSTALL_HINT = (
    "Graphviz's 'dot' program was not found on PATH; install Graphviz "
    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; conda: conda install graphviz) "
    "or use --format dot or --format mermaid, which need no Graphviz"
)


_ORTHO = 'splines="ortho"'


def dot_available() -> bool:
    """True when ``dot`` is on ``PATH``."""
    return shutil.which("dot") is not None


def pipe(source: str, format: str) -> bytes:
    """Lay out DOT ``source`` with Graphviz's ``dot`` and return the output bytes.

    The graphviz package runs the program. Raises
    :class:`~govgraph.errors.GraphvizNotFound` when Graphviz is not installed
    and :class:`~govgraph.errors.RenderError` when it fails.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    # Imported here: loading and checking, which most runs only do, need none of it (23 ms).
    import graphviz

    try:
        output: bytes = graphviz.pipe("dot", format, source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFound(INSTALL_HINT) from None
    except graphviz.CalledProcessError as error:
        if error.returncode < 0 and _ORTHO in source:
            # Graphviz 2.43's orthogonal edge router crashes (a segmentation fault) on some
            # layouts; the same diagram with polyline edges is better than none.
            return pipe(source.replace(_ORTHO, 'splines="polyline"'), format)
        lines = (error.stderr or b"").decode("utf-8", errors="replace").strip().splitlines()
        raise RenderError(f"Graphviz failed: {lines[-1] if lines else f'exit status {error.returncode}'}") from None
    return output
