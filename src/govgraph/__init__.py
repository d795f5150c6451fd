"""govgraph: model, check and draw governance structures."""

from __future__ import annotations

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
from .loading import dump, dumps, load, loads
from .model import (
    Area,
    Authority,
    Body,
    BodyKind,
    Citation,
    Level,
    Member,
    Relationship,
    RelationshipKind,
    Sector,
    ServiceArea,
    Source,
    Status,
    Structure,
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
    "Level",
    "Member",
    "Problem",
    "Relationship",
    "RelationshipKind",
    "RenderError",
    "Report",
    "Sector",
    "ServiceArea",
    "Source",
    "Status",
    "Structure",
    "StructureDiff",
    "StructureError",
    "UnknownBodyError",
    "UsageError",
    "Waiver",
    "check",
    "diff",
    "dump",
    "dumps",
    "load",
    "loads",
    "render",
    "report",
    "report_diff",
    "rule",
    "to_dot",
    "to_mermaid",
]

__version__ = "0.1.0"
