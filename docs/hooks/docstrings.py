"""A griffe extension: govgraph's docstrings read well as Markdown on the API page.

The docstrings are also read by ``help()`` and run by pytest as doctests, so they keep
their reStructuredText habits; here, before mkdocstrings renders them,

- a doctest outside a numpy ``Examples`` section (``>>>`` lines and their output) is put in
  a ``pycon`` code block, instead of being read as nested quotations;
- ``:func:`x```, ``:class:`x```, ``:meth:`x``` and ``:mod:`x``` become ``x`` in code.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:func|class|meth|mod|attr|data|exc):`~?([^`]+)`")
SECTION = re.compile(r"^\s*-{3,}\s*$")


def markdown(text: str) -> str:
    """The docstring with its doctests fenced and its roles made code spans."""
    lines = ROLE.sub(r"`\1`", text).splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip() == "Examples" and index + 1 < len(lines) and SECTION.match(lines[index + 1]):
            out += lines[index:]  # the numpy parser reads doctests in its Examples section itself
            break
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index].removeprefix(indent))
                index += 1
            out += [f"{indent}```pycon", *(indent + item for item in block), f"{indent}```"]
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


class MarkdownDocstrings(griffe.Extension):
    """Apply :func:`markdown` to every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
