"""The exceptions govgraph raises, in one place.

Every error a user can cause derives from :class:`GovgraphError`, so a caller
can catch them all at once; each also derives from the built-in exception a
Python programmer would reach for first (``ValueError``, ``KeyError``,
``RuntimeError``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GovgraphError",
    "GraphvizNotFound",
    "Problem",
    "RenderError",
    "StructureError",
    "UnknownBodyError",
    "UsageError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a structure file.

    ``path`` is the place inside the document (``bodies[3].kind``); ``line``
    and ``column`` are 1-based and ``None`` only when the problem has no
    position (a structure built in Python rather than read from a file).

    >>> print(Problem("devon.yaml", 12, 5, "bodies[3].kind", "'comittee' is not a body kind"))
    devon.yaml:12:5: error: bodies[3].kind: 'comittee' is not a body kind
    >>> print(Problem(None, None, None, "", "no bodies"))
    <structure>: error: no bodies

    A problem is one line, whatever text of the file it quotes:

    >>> print(Problem("f.json", 1, 9, "bodies[0].id", "'\\x85council' is not a valid id"))
    f.json:1:9: error: bodies[0].id: '\\x85council' is not a valid id
    """

    file: str | None
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file or "<structure>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        what = f"{self.path}: {self.message}" if self.path else self.message
        return f"{where}: error: {what}".translate(_ONE_LINE)


# Characters that end a line (those of str.splitlines, NEL and U+2028/9 among them) or
# move a terminal's cursor, as escapes: a problem is one line whatever the file holds.
# A tab is left as it is.
_ONE_LINE = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in [*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
}


class GovgraphError(Exception):
    """Base class of every error govgraph raises on purpose."""


class StructureError(GovgraphError, ValueError):
    """A structure is invalid; ``errors`` lists every problem found.

    ``str()`` gives one line per problem, in file order, ready to print.
    """

    def __init__(self, errors: list[Problem]) -> None:
        self.errors = sorted(errors, key=_file_order)
        super().__init__("\n".join(str(problem) for problem in self.errors))


def _file_order(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.file or "", problem.line or 0, problem.column or 0, problem.path, problem.message)


class UnknownBodyError(GovgraphError, KeyError):
    """A body id was asked for that the structure does not define."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class UsageError(GovgraphError, ValueError):
    """An option or argument that cannot be honoured, such as an output suffix of no known format."""


class RenderError(GovgraphError, RuntimeError):
    """Graphviz could not draw a diagram."""


class GraphvizNotFound(RenderError):
    """The Graphviz ``dot`` program is not installed or not on ``PATH``."""
