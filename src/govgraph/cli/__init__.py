"""The ``govgraph`` command.

Exit status: 0 when no finding is at or above ``--fail-on``; 1 when one is;
2 for invalid input or usage. Problems with input are printed to stderr one
per line as ``FILE:LINE:COLUMN: error: message``; no input, however
malformed, produces a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from ..errors import GovgraphError, StructureError
from .exits import EXIT_CLOSED_PIPE, EXIT_INVALID
from .parser import _parser

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        return _run(argv)
    except BrokenPipeError:  # also while reporting an error to a closed standard error
        return _closed_pipe()


def _run(argv: Sequence[str] | None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        status = _command(arguments.command)(arguments)
        sys.stdout.flush()  # here, where a closed pipe can still be told apart
        return status
    except BrokenPipeError:
        return _closed_pipe()
    except StructureError as error:
        for problem in error.errors:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except GovgraphError as error:
        print(f"govgraph: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""  # none when writing to standard output
        print(f"govgraph: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: still one line, never a traceback, unless asked for
        if os.environ.get("GOVGRAPH_DEBUG"):
            raise
        print(f"govgraph: internal error, please report it: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INVALID


# Each command's module, imported when the command runs: ``govgraph check`` need
# not import the drawing, importing and interchange layers.
_COMMANDS = {
    "check": "checking",
    "render": "drawing",
    "diff": "drawing",
    "report": "drawing",
    "schema": "exchange",
    "import": "exchange",
    "export": "exchange",
}


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    module = importlib.import_module(f"{__name__}.{_COMMANDS[name]}")
    function: Callable[[argparse.Namespace], int] = getattr(module, f"_{name}")
    return function


def _closed_pipe() -> int:
    """End quietly when the reader of standard output (or error) has gone (``| head``).

    As the Python documentation recommends, both are pointed at ``os.devnull``,
    so that the interpreter's last flush at exit finds nowhere to fail and
    prints no "Exception ignored" message.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no real file behind it (a test's capture)
            pass
    return EXIT_CLOSED_PIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
