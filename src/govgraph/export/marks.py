"""Extra styling laid over a diagram: findings, open recommendations, a diff's changes.

:class:`Marks` is what the DOT writer (:mod:`govgraph.export.dot`) lays over the
bodies and lines it draws. This module makes marks from a check's findings
(:func:`highlight_marks`) and from a structure's open recommendations
(:func:`recommendation_marks`), decides whether proposed bodies and lines are
dashed (``_dashes``), and moves the marks of grouped bodies to their group in a
collapsed view (``_grouped_marks``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..checks import Report
from ..model import Body, Relationship, Status, Structure
from .aggregate import Collapsed
from .style import HIGHLIGHT

__all__ = ["RECOMMENDATION_COLOUR", "Marks", "highlight_marks", "recommendation_marks"]


@dataclass
class Marks:
    """Extra styling laid over a diagram: findings, or a diff's changes.

    ``bodies`` and ``edges`` map a body id or a relationship key to DOT
    attributes; ``notes`` add to tooltips; ``legend`` adds legend rows
    (label, colour); ``badges`` add a line of marked text under a body's name.
    """

    bodies: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, str]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    legend: list[tuple[str, str]] = field(default_factory=list)
    #: A line of coloured text under a body's label (its open recommendations).
    badges: dict[str, str] = field(default_factory=dict)
    #: Small text under a body's name in place of its kind and citations (a group's members).
    details: dict[str, str] = field(default_factory=dict)
    #: Proposed bodies, lines dashed. The dash marks the exception: where most of a drawing is
    #: proposed, proposed bodies carry a "proposed" badge instead and lines stay solid.
    dash_bodies: bool = True
    dash_lines: bool = True
    #: Points of the small text (kinds, citations, badges, legend, line labels): 8, an overview's 10.
    small_points: int = 8


def highlight_marks(report: Report) -> Marks:
    """Marks for the unwaived findings of a report: bodies outlined, cycle edges drawn in red."""
    marks = Marks()
    for finding in report:
        if finding.waived:
            continue
        for body_id in finding.bodies[:1] if finding.path is None else finding.bodies:
            marks.bodies[body_id] = {"color": HIGHLIGHT, "penwidth": "3"}
            marks.notes.setdefault(body_id, []).append(f"{finding.rule}: {finding.message}")
        if finding.path:
            for source, target in zip(finding.path, finding.path[1:], strict=False):
                marks.edges[(source, "*", target)] = {"color": HIGHLIGHT, "penwidth": "3"}
    if marks.bodies:
        marks.legend.append(("finding (see tooltip)", HIGHLIGHT))
    return marks


def recommendation_marks(structure: Structure, marks: Marks) -> Marks:
    """``marks`` plus a badge on each owner counting its open recommendations (SPEC §6),
    which the tooltip lists; the other marks of a badged body are kept."""
    from ..recommendations import open_by_owner

    texts = {r.id: r.text for r in structure.recommendations}
    notes = {body_id: list(lines) for body_id, lines in marks.notes.items()}
    badges = dict(marks.badges)
    owned = open_by_owner(structure)
    for owner, ids in owned.items():
        badges[owner] = f"● {len(ids)} open recommendation{'' if len(ids) == 1 else 's'}"
        notes.setdefault(owner, []).extend(f"open recommendation {ident}: {texts[ident]}" for ident in ids)
    legend = [*marks.legend, ("● n open recommendations", RECOMMENDATION_COLOUR)] if owned else marks.legend
    return dataclasses.replace(marks, notes=notes, legend=legend, badges=badges)


#: The colour of recommendation badges: Paul Tol's "bright" purple, apart from the fills.
RECOMMENDATION_COLOUR = "#AA3377"


def _dashes(bodies: list[Body], relations: list[Relationship], notes: list[str]) -> tuple[bool, bool]:
    """Whether to dash proposed bodies and lines: the dash marks the exception. Where most bodies
    are proposed they carry a badge instead; where most lines are, a note says so."""
    proposed_bodies = sum(body.status is Status.PROPOSED for body in bodies)
    proposed_lines = sum(relation.status is Status.PROPOSED for relation in relations)
    dash_bodies = 2 * proposed_bodies <= len(bodies)
    dash_lines = 2 * proposed_lines <= len(relations)
    if not dash_lines:
        notes.append(
            f"{proposed_lines} of the {len(relations)} relationships are proposed: lines are not dashed, "
            "as proposed is the rule here, not the exception (each line's tooltip gives its status)."
        )
    return dash_bodies, dash_lines


def _grouped_marks(marks: Marks, drawn: Collapsed, listed: bool = True) -> Marks:
    """Marks on grouped bodies moved to their group; each group's members listed in its tooltip.

    A collapsed view is an overview: bodies show their names only (kind by shape,
    citations in the tooltip), groups their count and, when ``listed``, a line of members.
    """
    plain = {body.id: "" for body in drawn.bodies}
    grouped = Marks(legend=list(marks.legend), details={**plain, **marks.details, **(drawn.details if listed else {})})
    for body_id, attributes in marks.bodies.items():
        grouped.bodies.setdefault(drawn.group_of.get(body_id, body_id), {}).update(attributes)
    for (source, kind, target), attributes in marks.edges.items():
        key = (drawn.group_of.get(source, source), kind, drawn.group_of.get(target, target))
        grouped.edges.setdefault(key, {}).update(attributes)
    for group, members in drawn.members.items():
        notes = grouped.notes.setdefault(group, [])
        notes += [f"{len(members)} bodies:"] + [f"• {body.name} ({body.id})" for body in members]
        if drawn.inside.get(group):
            notes.append(f"{drawn.inside[group]} relationships between them, not drawn")
    for body_id, notes in marks.notes.items():
        grouped.notes.setdefault(drawn.group_of.get(body_id, body_id), []).extend(notes)
    for body_id, badge in marks.badges.items():  # a group shows the badge of its first member that has one
        grouped.badges.setdefault(drawn.group_of.get(body_id, body_id), badge)
    return grouped
