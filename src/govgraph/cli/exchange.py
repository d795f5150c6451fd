"""``govgraph schema``, ``import`` and ``export``: the format's schema, data in and data out."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._files import same_file
from ..errors import StructureError, UsageError
from ..loading import load
from .checking import load_config
from .exits import EXIT_OK

__all__: list[str] = []


def _schema(arguments: argparse.Namespace) -> int:
    from ..schema import json_schema

    json.dump(json_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK


def _import(arguments: argparse.Namespace) -> int:
    from ..importers.command import run

    config = load_config(arguments.config) if arguments.config else None
    return run(arguments, config, sys.stdout, sys.stderr)


def _export(arguments: argparse.Namespace) -> int:
    from ..interchange import CSV_FILES, default_output, export, export_text

    structure = load(arguments.file)
    if arguments.output == "-":
        if arguments.to == "csv":
            raise UsageError("csv writes a folder of tables: give the folder with -o")
        sys.stdout.write(_exporting(lambda: export_text(structure, to=arguments.to, base=arguments.base), arguments))
        return EXIT_OK
    output = Path(arguments.output) if arguments.output else default_output(arguments.file, arguments.to)
    targets = [output / name for name in CSV_FILES] if arguments.to == "csv" else [output]
    if any(same_file(path, arguments.file) for path in targets):
        raise UsageError(f"{output} would overwrite the input {arguments.file}: choose another -o")
    paths = _exporting(lambda: export(structure, output, to=arguments.to, base=arguments.base), arguments)
    for path in paths:
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _exporting(write: Callable[[], Any], arguments: argparse.Namespace) -> Any:
    """Run ``write``: a structure the format cannot hold is reported against FILE,
    a missing optional library as a usage error naming the extra to install."""
    from dataclasses import replace

    try:
        return write()
    except StructureError as error:
        raise StructureError([replace(p, file=p.file or arguments.file) for p in error.errors]) from None
    except ImportError as error:
        raise UsageError(str(error)) from None
