"""Writing structures as YAML or JSON, keys in a fixed order so dumps diff cleanly."""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml

from .._files import write_atomically
from .._guards import TOO_DEEP, free_form_problems
from ..errors import Problem, StructureError
from ..model import Structure, shortcuts
from .text import Format, format_of, format_path

__all__ = ["dump", "dumps"]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe YAML dumper that writes enum members as their text."""


_Dumper.add_multi_representer(StrEnum, lambda dumper, value: dumper.represent_str(value.value))


def _plain(structure: Structure, mode: Literal["python", "json"]) -> dict[str, Any]:
    # Defaults are left out so files stay short; the version always leads.
    data = structure.model_dump(mode=mode, exclude_defaults=True)
    data.pop("govgraph", None)
    return {"govgraph": structure.govgraph, **data}


def dumps(structure: Structure, format: Format = "yaml") -> str:
    """The structure as YAML or JSON text, keys in a fixed order so dumps diff cleanly."""
    unwritable, too_deep = free_form_problems(structure)
    if too_deep is not None:  # what loading refuses, dumping does not write
        raise StructureError([Problem(None, None, None, format_path(too_deep), TOO_DEEP)])
    if unwritable:  # JSON would write null for NaN, YAML a number JSON cannot hold; no UTF-8 holds "\ud800"
        raise StructureError([Problem(None, None, None, format_path(path), message) for path, message in unwritable])
    if format == "json":
        return json.dumps(_plain(structure, "json"), indent=2, ensure_ascii=False) + "\n"
    if format == "yaml":
        text: str = yaml.dump(
            _plain(structure, "python"),
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
        return text
    raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")


def dump(structure: Structure, path: str | os.PathLike[str], *, format: Format | None = None) -> Path:
    """Write the structure to ``path`` atomically, in the format its suffix names."""
    return write_atomically(path, dumps(structure, format or format_of(path)))


# Structure.dump and Structure.dumps are shortcuts to these functions.
shortcuts.dump.fill(dump)
shortcuts.dumps.fill(dumps)
