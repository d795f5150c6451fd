"""Reading a file's text and naming what is in it: formats, paths in a document."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from .. import _yaml
from .._files import read_regular_file
from ..errors import Problem, StructureError

__all__ = ["Format", "format_of", "format_path", "read_text"]

Format = Literal["yaml", "json"]
_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def format_path(path: _yaml.Path) -> str:
    """Write a document path the way messages do.

    >>> format_path(("bodies", 3, "members", 0, "sector"))
    'bodies[3].members[0].sector'
    >>> format_path(("checks", "coverage-gap", "kind"))
    'checks.coverage-gap.kind'
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def format_of(path: str | os.PathLike[str]) -> Format:
    """``yaml`` or ``json``, from a file name's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise StructureError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "",
                    f"cannot tell the format from the suffix '{suffix}': name the file .yaml, .yml or .json",
                )
            ]
        )
    return _SUFFIXES[suffix]


def read_text(path: str | os.PathLike[str]) -> str:
    """A structure or config file's text; :class:`StructureError` where it is not UTF-8,
    not a regular file or too large (see :func:`govgraph._files.read_regular_file`)."""
    return _decode(read_regular_file(path), os.fspath(path))


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise StructureError([Problem(filename, line, column, "", "not UTF-8 text: save the file as UTF-8")]) from None
