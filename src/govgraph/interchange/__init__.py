"""Real data out: GraphML, GEXF, CSV tables, pandas DataFrames, W3C ORG in Turtle and
Popolo JSON (SPEC §5; ``docs/export.md`` says what maps to what and what is lost).

>>> import govgraph as gg, tempfile, pathlib
>>> s = gg.load("examples/devon/devon.yaml")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in export(s, folder / "devon.graphml", to="graphml")]
['devon.graphml']
>>> [p.name for p in export(s, folder / "tables", to="csv")]
['bodies.csv', 'relationships.csv', 'members.csv', 'findings.csv', 'mapping.yaml']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .._files import write_atomically
from ..errors import UsageError
from ..model import Structure
from .graphml import gexf_text, graphml_text, read_graphml, to_gexf, to_graph, to_graphml
from .org import default_base, to_org_turtle
from .popolo import popolo_text, to_popolo
from .tables import findings_frame, to_csv, to_frames

if TYPE_CHECKING:
    from ..checks import Report

__all__ = [
    "CSV_FILES",
    "FORMATS",
    "default_base",
    "default_output",
    "export",
    "export_text",
    "findings_frame",
    "gexf_text",
    "graphml_text",
    "popolo_text",
    "read_graphml",
    "to_csv",
    "to_frames",
    "to_gexf",
    "to_graph",
    "to_graphml",
    "to_org_turtle",
    "to_popolo",
]

#: The files ``csv`` writes into its folder.
CSV_FILES = ("bodies.csv", "relationships.csv", "members.csv", "findings.csv", "mapping.yaml")

#: The export formats and the suffix of the file each writes (``csv`` writes a folder).
FORMATS: dict[str, str] = {
    "graphml": ".graphml",
    "gexf": ".gexf",
    "csv": "-tables",
    "org-ttl": ".ttl",
    "popolo": ".popolo.json",
}


def _chosen(to: str) -> str:
    if to not in FORMATS:
        raise UsageError(f"cannot export to {to!r}: choose one of {', '.join(FORMATS)}")
    return to


def default_output(file: str | os.PathLike[str], to: str) -> Path:
    """Where ``govgraph export FILE --to FORMAT`` writes without ``-o``: beside FILE,
    its suffix replaced (``devon.yaml`` → ``devon.graphml``, ``devon-tables/`` for csv)."""
    path = Path(file)
    return path.with_name(path.stem + FORMATS[_chosen(to)])


def _check_target(path: Path, *, folder: bool) -> None:
    """Say plainly what is wrong with where the output is to go, before writing."""
    if folder:
        if path.exists() and not path.is_dir():
            raise UsageError(f"{path} is a file: csv writes a folder of tables, give a folder with -o")
        if not path.parent.is_dir():
            raise UsageError(f"cannot make the folder {path}: {path.parent} does not exist")
        return
    if path.is_dir():
        raise UsageError(f"{path} is a folder: give the name of the file to write")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist")


def export_text(structure: Structure, *, to: str, base: str | None = None) -> str:
    """The text of a one-file format (all but ``csv``)."""
    chosen = _chosen(to)
    if chosen == "graphml":
        return graphml_text(structure)
    if chosen == "gexf":
        return gexf_text(structure)
    if chosen == "org-ttl":
        return to_org_turtle(structure, base=base)
    if chosen == "popolo":
        return popolo_text(structure)
    raise UsageError("csv writes a folder of tables: give the folder with -o")


def export(
    structure: Structure,
    path: str | os.PathLike[str],
    *,
    to: str,
    base: str | None = None,
    report: Report | None = None,
) -> list[Path]:
    """Write the structure to ``path`` in format ``to`` (one of :data:`FORMATS`),
    atomically; for ``csv``, ``path`` is a folder. Returns the paths written.

    ``base`` is the IRI base of ``org-ttl``; ``report`` the findings of ``csv``
    (by default :func:`govgraph.check` of the structure).
    """
    chosen = _chosen(to)
    if base is not None and chosen != "org-ttl":
        raise UsageError("--base is for --to org-ttl only")
    _check_target(Path(path), folder=chosen == "csv")
    if chosen == "csv":
        return to_csv(structure, path, report=report)
    return [write_atomically(path, export_text(structure, to=chosen, base=base))]
