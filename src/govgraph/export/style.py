"""The visual language shared by every diagram: shapes, fills, line styles.

Fills come from Paul Tol's colour-blind-safe "light" scheme and differ in
lightness too, so a diagram printed in greyscale still tells them apart; every
relationship kind also differs in arrowhead, not only in colour.
"""

from __future__ import annotations

from ..model import Authority, BodyKind, RelationshipKind

__all__ = ["AUTHORITY_FILL", "BODY_SHAPE", "CHANGE_COLOURS", "EDGE_STYLE", "HIGHLIGHT", "UPWARD_LABEL", "kind_text"]

BODY_SHAPE: dict[BodyKind, dict[str, str]] = {
    BodyKind.STATUTORY_BODY: {"shape": "box3d"},
    BodyKind.BOARD: {"shape": "box"},
    BodyKind.COMMITTEE: {"shape": "box", "peripheries": "1", "rounded": "yes"},
    BodyKind.PARTNERSHIP: {"shape": "hexagon"},
    BodyKind.STRATEGIC_PLANNING_GROUP: {"shape": "box", "rounded": "yes", "penwidth": "1.8"},
    BodyKind.LOCAL_PLANNING_GROUP: {"shape": "box", "rounded": "yes"},
    BodyKind.EXECUTIVE_GROUP: {"shape": "box", "peripheries": "2"},
    BodyKind.SUB_GROUP: {"shape": "component"},
    BodyKind.TASK_GROUP: {"shape": "tab"},
    BodyKind.FORUM: {"shape": "ellipse"},
    BodyKind.NETWORK: {"shape": "octagon"},
    BodyKind.SCRUTINY_BODY: {"shape": "invhouse"},
    BodyKind.OTHER: {"shape": "note"},
    BodyKind.ORGANISATION: {"shape": "folder"},
    BodyKind.POST: {"shape": "underline"},
}

AUTHORITY_FILL: dict[Authority | None, str] = {
    Authority.EXECUTIVE: "#77AADD",
    Authority.COORDINATING: "#EEDD88",
    Authority.ADVISORY: "#BBCC33",
    Authority.SCRUTINY: "#FFAABB",
    None: "#FFFFFF",
}

EDGE_STYLE: dict[RelationshipKind, dict[str, str]] = {
    RelationshipKind.SUB_GROUP_OF: {"arrowhead": "odiamond", "color": "#222222", "penwidth": "1.4"},
    RelationshipKind.REPORTS_TO: {"arrowhead": "normal", "color": "#222222"},
    RelationshipKind.ACCOUNTABLE_TO: {"arrowhead": "normal", "color": "#004488", "penwidth": "2.4"},
    RelationshipKind.COORDINATES: {"arrowhead": "odot", "color": "#997700"},
    RelationshipKind.LINKS_WITH: {"arrowhead": "none", "color": "#777777"},
    RelationshipKind.ADVISES: {"arrowhead": "vee", "color": "#228833"},
    RelationshipKind.SCRUTINISES: {"arrowhead": "box", "color": "#AA3377"},
    RelationshipKind.COMMISSIONS: {"arrowhead": "tee", "color": "#EE7733"},
    RelationshipKind.REPLACED_BY: {"arrowhead": "empty", "color": "#999999", "style": "tapered", "penwidth": "3"},
}

#: Outline of a body or edge a finding is about.
HIGHLIGHT = "#CC3311"
#: Diff diagrams: added, removed, changed.
CHANGE_COLOURS = {"added": "#228833", "removed": "#CC3311", "changed": "#EE7733"}

UPWARD_LABEL = {
    RelationshipKind.SUB_GROUP_OF: "sub-group of",
    RelationshipKind.REPORTS_TO: "reports to",
    RelationshipKind.ACCOUNTABLE_TO: "accountable to",
}


def kind_text(kind: str) -> str:
    """``strategic_planning_group`` → ``strategic planning group``."""
    return kind.replace("_", " ")
