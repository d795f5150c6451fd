"""govgraph: model, check and draw governance structures."""

from __future__ import annotations

# The layers up to diff are imported here; drawing, importers and interchange
# (Graphviz's wrapper, report templates, table readers) on first use (PEP 562),
# so that ``import govgraph`` and ``govgraph check`` do not pay for them. The
# slots behind Structure's shortcut methods import their layer on first call
# too (govgraph._slots).
from importlib import import_module as _import_module
from typing import TYPE_CHECKING, Any

from . import graph as graph
from . import recommendations as recommendations
from .checks import Finding, Hit, Report, check, rule
from .diff import StructureDiff, diff
from .errors import (
    GovgraphError,
    GraphvizNotFound,
    Problem,
    RenderError,
    StructureError,
    UnknownBodyError,
    UsageError,
)
from .loading import dump, dumps, load, loads
from .model import (
    Area,
    Authority,
    Body,
    BodyKind,
    Citation,
    Level,
    Member,
    Recommendation,
    Relationship,
    RelationshipKind,
    Sector,
    ServiceArea,
    Source,
    Stage,
    Status,
    Structure,
    Update,
    Waiver,
)

if TYPE_CHECKING:
    from . import export as export
    from . import importers as importers
    from . import interchange as interchange
    from .export import render, to_dot, to_mermaid
    from .export.report import report, report_diff
    from .importers import Imported, ImportFinding, TableMapping, read_govuk, read_organogram, read_table
    from .interchange import read_graphml, to_csv, to_gexf, to_graphml, to_org_turtle, to_popolo

# The layers imported on first use, and the names each gives.
_LATER_MODULES = ("export", "importers", "interchange")
_LATER = {
    **dict.fromkeys(("render", "to_dot", "to_mermaid"), "govgraph.export"),
    **dict.fromkeys(("report", "report_diff"), "govgraph.export.report"),
    **dict.fromkeys(
        ("Imported", "ImportFinding", "TableMapping", "read_govuk", "read_organogram", "read_table"),
        "govgraph.importers",
    ),
    **dict.fromkeys(
        ("read_graphml", "to_csv", "to_gexf", "to_graphml", "to_org_turtle", "to_popolo"), "govgraph.interchange"
    ),
}

__all__ = [
    "Area",
    "Authority",
    "Body",
    "BodyKind",
    "Citation",
    "Finding",
    "GovgraphError",
    "GraphvizNotFound",
    "Hit",
    "ImportFinding",
    "Imported",
    "Level",
    "Member",
    "Problem",
    "Recommendation",
    "Relationship",
    "RelationshipKind",
    "RenderError",
    "Report",
    "Sector",
    "ServiceArea",
    "Source",
    "Stage",
    "Status",
    "Structure",
    "StructureDiff",
    "StructureError",
    "TableMapping",
    "UnknownBodyError",
    "Update",
    "UsageError",
    "Waiver",
    "check",
    "diff",
    "dump",
    "dumps",
    "load",
    "loads",
    "read_govuk",
    "read_graphml",
    "read_organogram",
    "read_table",
    "render",
    "report",
    "report_diff",
    "rule",
    "to_csv",
    "to_dot",
    "to_gexf",
    "to_graphml",
    "to_mermaid",
    "to_org_turtle",
    "to_popolo",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """A layer imported on first use, or a name it gives."""
    if name in _LATER_MODULES:
        return _import_module(f"{__name__}.{name}")  # which sets the attribute
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # None of these names is a module of govgraph's: importing a module sets an
    # attribute of its name on the package, which would hide a function's.
    value = getattr(_import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LATER_MODULES, *_LATER})
