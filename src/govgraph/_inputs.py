"""The files a command such as ``govgraph check`` is given: folders and patterns expanded.

``govgraph check`` takes files, folders and glob patterns, and checks them all in
one process (issue 14: starting Python and importing pydantic once per file costs
more than checking a small file).

- A **file** is kept as named, even when it does not exist or has another suffix
  (the check then reports it as a file that did not load).
- A **folder** stands for every ``.yaml``, ``.yml`` and ``.json`` file in it and in
  its sub-folders, recursively: the folder's own files in name order, then each
  sub-folder's in name order. Names starting with ``.`` (``.git``, ``.venv``,
  editors' files) are skipped, and symbolic links to folders are not followed.
  A folder that holds none is a usage error; one that cannot be read is an error.
- A **pattern** (``*``, ``?`` or ``[`` in a path that does not exist, as when the
  shell left it unexpanded) stands for what it matches, sorted, ``**`` included;
  a folder it matches is expanded as above. A pattern that matches nothing is a
  usage error.

Files are reported in the order given; one named twice is reported twice.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable

from .errors import UsageError

__all__ = ["SUFFIXES", "expand_inputs"]

SUFFIXES = (".yaml", ".yml", ".json")
"""The suffixes of the structure files found in a folder."""


def expand_inputs(arguments: Iterable[str]) -> list[str]:
    """The files named by ``arguments``: folders and glob patterns expanded.

    Raises
    ------
    UsageError
        A folder holds no structure file, or a pattern matches nothing.

    Examples
    --------
    >>> expand_inputs(["a.yaml", "missing.json", "a.yaml"])
    ['a.yaml', 'missing.json', 'a.yaml']
    """
    files: list[str] = []
    for argument in arguments:
        if os.path.isdir(argument):
            files.extend(_folder(argument))
        elif not os.path.lexists(argument) and glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise UsageError(f"no file matches {argument}")
            for match in matches:
                files.extend(_folder(match) if os.path.isdir(match) else [match])
        else:
            files.append(argument)
    return files


def _folder(folder: str) -> list[str]:
    """Every structure file in ``folder`` and below, sorted; a usage error when none."""
    found: list[str] = []
    for top, folders, names in os.walk(folder, onerror=_unreadable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(
            os.path.join(top, name)
            for name in sorted(names)
            if not name.startswith(".") and name.lower().endswith(SUFFIXES)
        )
    if not found:
        raise UsageError(
            f"{folder}: no structure file in this folder or below it "
            f"(looked for {', '.join(SUFFIXES)}); name the files to check"
        )
    return found


def _unreadable(error: OSError) -> None:
    """A sub-folder that cannot be listed is an error, not files silently left out."""
    raise error
