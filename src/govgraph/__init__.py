"""govgraph: model, check and draw governance structures."""

from __future__ import annotations

# Every layer is imported here, so the slots behind Structure's shortcut methods
# (govgraph.model.shortcuts) are filled whatever module a user imports first.
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
from .export import render, to_dot, to_mermaid
from .export.report import report, report_diff
from .importers import Imported, ImportFinding, TableMapping, read_govuk, read_organogram, read_table
from .interchange import read_graphml, to_csv, to_gexf, to_graphml, to_org_turtle, to_popolo
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
