"""Running the Graphviz ``dot`` program: the only place govgraph starts a process."""

from __future__ import annotations

import os
import shutil
import subprocess

from ..errors import GraphvizNotFound, RenderError

__all__ = ["FORMATS", "INSTALL_HINT", "dot_available", "pipe"]

#: Output formats ``dot`` is asked for.
FORMATS = ("svg", "png", "pdf")

INSTALL_HINT = (
    "Graphviz's 'dot' program was not found on PATH; install Graphviz "
    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; conda: conda install graphviz) "
    "or use --format dot or --format mermaid, which need no Graphviz"
)


def dot_available() -> bool:
    """True when ``dot`` is on ``PATH``."""
    return shutil.which("dot") is not None


def pipe(source: str, format: str, *, timeout: float = 600) -> bytes:
    """Lay out DOT ``source`` with ``dot`` and return the output bytes.

    Raises :class:`~govgraph.errors.GraphvizNotFound` when Graphviz is not
    installed and :class:`~govgraph.errors.RenderError` when it fails.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    executable = shutil.which("dot")
    if executable is None:
        raise GraphvizNotFound(INSTALL_HINT)
    # A fixed date keeps PDF output reproducible where cairo honours it.
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    try:
        done = subprocess.run(
            [executable, f"-T{format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=environment,
            check=False,
        )
    except OSError as error:
        raise GraphvizNotFound(f"{INSTALL_HINT} ({error})") from None
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz took longer than {timeout:.0f} s; draw less (--focus, filters)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise RenderError(f"Graphviz failed: {message[-1] if message else f'exit status {done.returncode}'}")
    return done.stdout
