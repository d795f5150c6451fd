"""What the importers share: finding columns by name, building the structure, citing rows."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._files import gc_paused
from ..errors import StructureError
from ..model import Structure
from .findings import Ids, fold
from .tables import Table, refuse

__all__ = ["build", "column", "source_entry"]


def column(table: Table, name: str) -> str | None:
    """The table's own spelling of column ``name``, matched ignoring case and spacing."""
    if name in table.columns:
        return name
    wanted = fold(name)
    return next((c for c in table.columns if fold(c) == wanted), None)


def source_entry(file: str) -> dict[str, Any]:
    """The structure's ``sources`` entry for an imported file."""
    name = Path(file).name
    return {"id": Ids.clean(Path(file).stem) or "source", "title": name}


def build(file: str, data: Mapping[str, Any]) -> Structure:
    """Validate what an importer assembled; a failure here is a bug in the importer,
    but is still reported as a problem with the file rather than a traceback."""
    try:
        with gc_paused():
            return Structure.model_validate(data)
    except ValueError as error:
        if isinstance(error, StructureError):
            raise
        refuse(file, None, "could not be turned into a structure: " + "; ".join(str(error).splitlines()[:3]))
    raise AssertionError("unreachable")  # pragma: no cover


def display(path: str | os.PathLike[str]) -> str:
    """A file name as findings show it: as given."""
    return os.fspath(path)
