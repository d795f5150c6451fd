"""Building DOT source for a structure: strings only, yielded line by line.

Running Graphviz is :mod:`govgraph.export.backend`'s business; all escaping is
:mod:`govgraph.export.quoting`'s. The layout follows Fig. 1 of the Devon paper:
levels are horizontal bands, top first, labelled on the left with their names
and notes; within a band bodies stand in columns by service area, and a band
too full for one row is split into rows by area; upward relationships are
drawn from the higher body down, so the hierarchy reads top to bottom.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Tiny
... bodies:
...   - {id: board, name: "Board <&> \\\\"quoted\\\\"", kind: board}
... ''')
>>> print(to_dot(s))  # doctest: +ELLIPSIS
digraph "govgraph" {
...
        "board" [label=<<B>Board &lt;&amp;&gt; &quot;quoted&quot;</B><BR/><FONT POINT-SIZE="8">board</FONT>>, ...]
...
}
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..checks import Report, check
from ..model import Body, Relationship, Status, Structure
from .aggregate import Collapse, Collapsed, main_areas
from .aggregate import collapse as aggregate
from .band_boxes import MARK as BANDS_MARK
from .layout import Line, bundle, merge_parallel, orient
from .omissions import omitted
from .page import page_inches
from .quoting import HtmlLabel, attribute, dot_id, html, shorten
from .selection import select, shown
from .style import AUTHORITY_FILL, BODY_SHAPE, EDGE_STYLE, FOCUS, HIGHLIGHT, kind_text

__all__ = ["Marks", "recommendation_marks", "to_dot"]

#: Rows with more bodies than this are split into rows by area.
ROW_LIMIT = 8
#: Names are wrapped to lines of about this many characters.
WRAP = 24
#: Characters of a text drawn in a label, beyond which it is cut with an ellipsis
#: (Graphviz cannot draw a label of 16 KB or more); the tooltip has more of it.
NAME_LIMIT = 240
NOTE_LIMIT = 600
#: Bytes of DOT the caption's footnotes may take; those beyond are counted, not drawn.
CAPTION_BUDGET = 12_000
#: Rows wider than this are wrapped onto several rows (see ``_wrapped``).
WIDE_ROW = 12
#: Drawings of more bodies than this are drawn as an overview unless ``collapse="none"``.
OVERVIEW_LIMIT = 150
#: Entries in a row of the legend (line samples: half as many).
LEGEND_ROW = 12
#: The smallest text of an overview, in points: the group boxes show their names and counts
#: only (members are in the tooltip), so that a register's overview reads when fitted to A3.
OVERVIEW_POINTS = 10


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


#: Caption lines (title, description, footnotes) are wrapped to about this many characters.
CAPTION_WRAP = 150


def _paragraph(text: str, mark: str = "") -> str:
    """A caption paragraph, its own lines kept, each wrapped to :data:`CAPTION_WRAP` and left-aligned."""
    lines = [
        part
        for line in text.splitlines() or [""]
        for part in textwrap.wrap(line, CAPTION_WRAP) or [""]  # a word longer than a line is broken
    ]
    return "".join(f'<BR ALIGN="LEFT"/>{mark if i == 0 else ""}{html(line)}' for i, line in enumerate(lines))


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


def _attributes(attributes: Mapping[str, str]) -> str:
    return "[" + ", ".join(f"{key}={attribute(value, key)}" for key, value in attributes.items()) + "]"


def _citations(item: Body | Relationship) -> str:
    return "; ".join(citation.at or citation.source for citation in item.sources)


def _body_label(
    body: Body,
    footnote: int | None,
    details: str | None = None,
    proposed_badge: bool = False,
    badge: str | None = None,
    small_points: int = 8,
) -> str:
    detail = kind_text(body.kind.value)
    cited = _citations(body)
    if cited:
        detail = shorten(f"{detail} · ¶ {cited}", NAME_LIMIT)
    if details is not None:
        detail = details
    mark = f"<SUP>{footnote}</SUP>" if footnote is not None else ""
    if proposed_badge:
        mark += f'<BR/><FONT POINT-SIZE="{small_points}"><I>proposed</I></FONT>'
    extra = (
        f'<BR/><FONT POINT-SIZE="{small_points}" COLOR="{RECOMMENDATION_COLOUR}"><B>{html(badge)}</B></FONT>'
        if badge
        else ""
    )
    wrap = WRAP if details is None or details == "" else WRAP + 4
    shown = shorten(body.name, NAME_LIMIT)
    name = "<BR/>".join(html(line) for line in textwrap.wrap(shown, wrap, break_long_words=False) or [""])
    if details == "":
        return HtmlLabel(f"<B>{name}</B>{mark}{extra}")
    width = WRAP + 8 if details is None else WRAP * 2
    small_lines = textwrap.wrap(detail, width, break_long_words=False)
    if details is not None and len(small_lines) > 1:  # a long list of members: all are in the tooltip
        small_lines = [textwrap.shorten(" ".join(small_lines), width, placeholder=" …")]
    small = "<BR/>".join(html(line) for line in small_lines)
    return HtmlLabel(f'<B>{name}</B>{mark}<BR/><FONT POINT-SIZE="{small_points}">{small}</FONT>{extra}')


def _body_tooltip(body: Body, notes: list[str]) -> str:
    lines = [
        f"{body.name} ({body.id})",
        f"{kind_text(body.kind.value)}"
        + (f", {body.authority.value} authority" if body.authority else "")
        + (f", {body.status.value}" if body.status is not Status.ACTIVE else ""),
    ]
    lines += [f"• {item}" for item in body.remit]
    if body.sources:
        lines.append("Sources: " + "; ".join(f"{c.source} {c.at or ''}".strip() for c in body.sources))
    lines += notes
    return "\n".join(lines)


def _body_attributes(body: Body, footnote: int | None, marks: Marks) -> dict[str, str]:
    shape = dict(BODY_SHAPE[body.kind])
    styles = ["filled"]
    if shape.pop("rounded", None):
        styles.append("rounded")
    proposed = body.status is Status.PROPOSED
    if proposed and marks.dash_bodies:
        styles.append("dashed")
    attributes = {
        "label": _body_label(
            body,
            footnote,
            marks.details.get(body.id),
            proposed and not marks.dash_bodies,
            marks.badges.get(body.id),
            marks.small_points,
        ),
        **shape,
        "fillcolor": AUTHORITY_FILL[body.authority],
    }
    if body.status is Status.DISSOLVED:
        styles.append("dotted")
        attributes.update(fillcolor="#EEEEEE", fontcolor="#888888", color="#AAAAAA")
    attributes["style"] = ",".join(styles)
    attributes["tooltip"] = _body_tooltip(body, marks.notes.get(body.id, []))
    attributes.update(marks.bodies.get(body.id, {}))
    return attributes


def _two_way(relations: list[Relationship], marks: Marks) -> dict[int, Relationship]:
    """Pairs drawn as one line: A ``coordinates`` B while B answers upward to A (Devon 3.3).

    Returns, for the position of each ``coordinates`` relationship that has a
    partner, the upward partner; the partner is then not drawn on its own.
    """
    upward = {(r.source, r.target, r.status): r for r in relations if r.kind.is_upward}
    pairs: dict[int, Relationship] = {}
    taken: set[int] = set()
    for position, relation in enumerate(relations):
        if relation.kind.value != "coordinates":
            continue
        partner = upward.get((relation.target, relation.source, relation.status))
        marked = any(
            key in marks.edges
            for key in (
                (relation.source, "*", relation.target),
                (relation.target, "*", relation.source),
                (relation.source, relation.kind.value, relation.target),
                (relation.target, partner.kind.value, relation.source) if partner is not None else ("", "", ""),
            )
        )
        if partner is not None and not marked and id(partner) not in taken:
            pairs[position] = partner
            taken.add(id(partner))
    return pairs


def _two_way_edge(relation: Relationship, partner: Relationship, count: int = 1, dash: bool = True) -> Line:
    """One line for a co-ordination and the reporting back: arrowheads for both."""
    down, up = EDGE_STYLE[relation.kind], EDGE_STYLE[partner.kind]
    attributes = {"dir": "both", "arrowhead": down["arrowhead"], "arrowtail": up["arrowhead"], "color": up["color"]}
    if relation.status is Status.PROPOSED and dash:
        attributes["style"] = "dashed"
    elif relation.status is Status.DISSOLVED:
        attributes.update(style="dotted", color="#AAAAAA")
    cited = "; ".join(filter(None, (_citations(relation), _citations(partner))))
    if count > 1:
        attributes["label"] = f"×{count}"
    attributes["tooltip"] = (
        f"{relation.source} coordinates {relation.target}; {partner.source} "
        f"{partner.kind.value.replace('_', ' ')} {partner.target}"
        + (f" ({relation.status.value})" if relation.status is not Status.ACTIVE else "")
        + (f" (¶ {cited})" if cited else "")
    )
    if count > 1:
        attributes["tooltip"] = f"{count} × {attributes['tooltip']}"
    return Line(relation.source, relation.target, attributes, "two-way", [attributes["tooltip"]], count)


def _edge(relation: Relationship, marks: Marks, count: int = 1) -> Line:
    style = dict(EDGE_STYLE[relation.kind])
    upward = relation.kind.is_upward
    tail, head = (relation.target, relation.source) if upward else (relation.source, relation.target)
    attributes: dict[str, str] = {}
    if upward:  # drawn from the higher body down; the arrow still points at the higher one
        attributes.update(dir="back", arrowtail=style.pop("arrowhead"))
    else:
        attributes["arrowhead"] = style.pop("arrowhead")
    attributes.update(style)
    line = [style.get("style", "solid")] if "style" in style else []
    if relation.status is Status.PROPOSED and marks.dash_lines:
        line = ["dashed"]
    elif relation.status is Status.DISSOLVED:
        line = ["dotted"]
        attributes["color"] = "#AAAAAA"
    if line:
        attributes["style"] = ",".join(line)
    tooltip = f"{relation.source} {relation.kind.value.replace('_', ' ')} {relation.target}"
    if relation.status is not Status.ACTIVE:
        tooltip += f" ({relation.status.value})"
    if relation.note:
        tooltip += f": {relation.note}"
    if relation.sources:
        tooltip += f" (¶ {_citations(relation)})"
    attributes["tooltip"] = tooltip
    if count > 1:
        attributes["label"] = f"×{count}"
        attributes["tooltip"] = f"{count} × {tooltip}"
    for key in ((relation.source, "*", relation.target), (relation.source, relation.kind.value, relation.target)):
        attributes.update(marks.edges.get(key, {}))
    return Line(tail, head, attributes, relation.kind.value, [attributes["tooltip"]], count)


def _tiers(bodies: list[Body], relations: list[Relationship]) -> dict[str, int]:
    """Within a band, how many upward steps each body sits below another of the band.

    An Executive Management Group that is a sub-group of its Strategic Planning
    Group goes on a row under it, as in Fig. 1. Longest path by relaxation,
    bounded so that a loop cannot run on: O(k · (n + m)) for k rows.
    """
    inside = {body.id for body in bodies}
    edges = [(r.source, r.target) for r in relations if r.kind.is_upward and r.source in inside and r.target in inside]
    tier = dict.fromkeys(inside, 0)
    for _ in range(min(len(inside), 4)):
        changed = False
        for source, target in edges:
            if tier[source] < tier[target] + 1:
                tier[source] = tier[target] + 1
                changed = True
        if not changed:
            break
    return tier


def _nested(bodies: list[Body], relations: list[Relationship], marks: Marks) -> dict[str, str]:
    """Sub-groups drawn inside their parent's box (child id → parent id), in a collapsed view.

    A body nests in another of its band when it is a sub-group of that one and
    of no other, has no sub-groups of its own and is the parent's only one, as
    Fig. 1 draws each Executive Management Group under its Strategic Planning Group.
    """
    level = {body.id: body.level for body in bodies}
    parents: dict[str, set[str]] = {}
    children: dict[str, set[str]] = {}
    for relation in relations:
        if relation.kind.value == "sub_group_of":
            parents.setdefault(relation.source, set()).add(relation.target)
            children.setdefault(relation.target, set()).add(relation.source)
    nested: dict[str, str] = {}
    for child, above in sorted(parents.items()):
        (parent,) = above if len(above) == 1 else (None,)
        if (
            parent is not None
            and level.get(child) is not None
            and level.get(child) == level.get(parent)
            and children.get(parent) == {child}
            and child not in children
            and parent not in parents
            and child not in marks.bodies
            and not child.startswith("group.")
        ):
            nested[child] = parent
    return nested


def _nest_attributes(
    parent: Body,
    child: Body,
    attributes: dict[str, str],
    marks: Marks,
    footnotes: Mapping[str, int],
    relations: list[Relationship],
) -> dict[str, str]:
    """One box of two cells: the parent above, its sub-group below (port ``sub``)."""
    links = [kind_text(r.kind.value) for r in relations if (r.source, r.target) == (child.id, parent.id)]
    words = parent.name.split()
    own = child.name.split()
    shared = 0
    while shared < min(len(words), len(own)) - 2 and words[shared] == own[shared]:
        shared += 1
    short = child.model_copy(update={"name": " ".join(own[shared:])})
    badge = child.status is Status.PROPOSED and not marks.dash_bodies
    child_label = _body_label(
        short, footnotes.get(child.id), "↑ " + ", ".join(links) if links else "", badge, small_points=marks.small_points
    )

    def cell(body: Body, label: str, port: str) -> str:
        dashed = ' STYLE="dashed"' if body.status is Status.PROPOSED and marks.dash_bodies else ""
        fill = AUTHORITY_FILL[body.authority]
        return f'<TR><TD PORT="{port}" BGCOLOR="{fill}"{dashed} CELLPADDING="5">{label}</TD></TR>'

    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0">'
        + cell(parent, attributes["label"], "main")
        + cell(child, child_label, "sub")
        + "</TABLE>"
    )
    return {
        "label": HtmlLabel(table),
        "shape": "plain",
        "tooltip": attributes["tooltip"] + "\n\n" + _body_tooltip(child, marks.notes.get(child.id, [])),
    }


def _into_nest(line: Line, nested: Mapping[str, str], place: Mapping[str, tuple[int, int]]) -> Line:
    """A line to or from a nested sub-group ends at its cell of the parent's box; a line of the
    parent's own that goes down leaves from the side of its cell, not through the sub-group's."""
    parents = set(nested.values())
    for end, port in ((line.tail, "tailport"), (line.head, "headport")):
        other = line.head if end == line.tail else line.tail
        if end in nested:
            line.attributes[port] = "sub"
        elif end in parents and place.get(other, (0, 0)) > place.get(end, (0, 0)):
            line.attributes[port] = "main:e"
    line.tail, line.head = nested.get(line.tail, line.tail), nested.get(line.head, line.head)
    return line


def _wrap_ranks(bodies: list[Body], relations: list[Relationship], lowest: list[str]) -> Iterator[str]:
    """Without bands: the bodies at one depth (upward steps from the top) that would make a row
    too wide go on several rows, each pushed under the one before by an invisible line.
    ``lowest`` receives a body of the lowest row (the legend goes under it)."""
    depth = _tiers(bodies, relations)
    by_depth: dict[int, list[Body]] = {}
    for body in bodies:
        by_depth.setdefault(depth[body.id], []).append(body)
    for _, row in sorted(by_depth.items()):
        chunks = _wrapped(row, least=2, share=0.8)
        for upper, lower in itertools.pairwise(chunks):
            for position, body in enumerate(lower):  # column by column: a grid, not a staircase
                yield f'\t{dot_id(upper[position % len(upper)].id)} -> {dot_id(body.id)} [style="invis"]'
        lowest[:] = [chunks[-1][0].id]


def _sides(structure: Structure, bodies: list[Body]) -> dict[str, int]:
    """0 for bodies of the drawing's main area (the area most bodies fall within), 1 for the others.

    Joint or separate arrangements (Torbay beside Devon) then stand together at
    the right of every band instead of among the main columns.
    """
    return {body_id: int(bool(other)) for body_id, other in main_areas(structure, bodies).items()}


def _rows(
    structure: Structure,
    bodies: list[Body],
    relations: list[Relationship],
    side: Mapping[str, int] | None = None,
    tiers: bool = True,
) -> list[list[Body]]:
    """Bodies of one band in columns by service area, in tiers; crowded tiers split by area.

    Without ``tiers`` a sub-group stands beside its parent instead of under it
    (the compact board-paper view).
    """
    service_order = {service.id: i for i, service in enumerate(structure.service_areas)}
    area_order = {area.id: i for i, area in enumerate(structure.areas)}
    tier = _tiers(bodies, relations) if tiers else dict.fromkeys((body.id for body in bodies), 0)
    side = side or {}

    def column(body: Body) -> tuple[int, int, int, str]:
        service = min((service_order.get(s, 10**6) for s in body.service_areas), default=10**6)
        area = min((area_order.get(a, 10**6) for a in body.areas), default=10**6)
        return (side.get(body.id, 0), service, area, body.id)

    rows: dict[tuple[int, int], list[Body]] = {}
    for body in sorted(bodies, key=column):
        rows.setdefault((tier[body.id], 0), []).append(body)
    split: dict[tuple[int, int], list[Body]] = {}
    for (level, _), row in rows.items():
        if len(row) <= ROW_LIMIT:
            split[(level, -1)] = row
            continue
        for body in row:
            area = min((area_order.get(a, 10**6) for a in body.areas), default=10**6)
            split.setdefault((level, area), []).append(body)
    return [chunk for key in sorted(split) for chunk in _wrapped(split[key])]


def _wrapped(row: list[Body], least: int = WIDE_ROW, share: float = 1.2) -> list[list[Body]]:
    """A row too wide for a page split into rows of about √(share · n) boxes (at least ``least``),
    so that the drawing stays within about 3:1 (boxes are some 2.3 times wider than a row is tall)."""
    width = max(least, math.isqrt(int(share * len(row))))
    return [row[i : i + width] for i in range(0, len(row), width)] or [row]


def _legend(structure: Structure, bodies: list[Body], relations: list[Relationship], marks: Marks) -> Iterator[str]:
    kinds = list(dict.fromkeys(body.kind for body in bodies))
    authorities = list(dict.fromkeys(body.authority for body in bodies if body.authority is not None))
    relation_kinds = list(dict.fromkeys(relation.kind for relation in relations))
    proposed = any(b.status is Status.PROPOSED for b in bodies) or any(r.status is Status.PROPOSED for r in relations)
    yield '\tsubgraph "cluster_legend" {'
    yield '\t\tlabel=""; style="rounded"; color="#999999"; margin="6"; tooltip="Legend"'
    yield (
        f'\t\tnode [fontsize="{marks.small_points}", height="0.25", width="0.4", margin="0.06,0.02", '
        'style="filled", fillcolor="#FFFFFF"]'
    )
    previous = None
    rows: list[list[str]] = []
    yield '\t\t"legend:title" [label=<<B>Legend</B>>, shape="plaintext", fontsize="10", style="", tooltip="Legend"]'
    row: list[str] = ["legend:title"]
    for kind in kinds:
        node = f"legend:kind:{kind.value}"
        shape = dict(BODY_SHAPE[kind])
        styles = ["filled"] + (["rounded"] if shape.pop("rounded", None) else [])
        attributes = {"label": kind_text(kind.value), **shape, "style": ",".join(styles)}
        yield f"\t\t{dot_id(node)} {_attributes({**attributes, 'tooltip': _legend_tip(kind_text(kind.value))})}"
        row.append(node)
    for authority in authorities:
        node = f"legend:authority:{authority.value}"
        yield (
            f"\t\t{dot_id(node)} "
            + _attributes(
                {
                    "label": f"{authority.value} authority",
                    "shape": "box",
                    "fillcolor": AUTHORITY_FILL[authority],
                    "tooltip": _legend_tip(f"{authority.value} authority"),
                }
            )
        )
        row.append(node)
    if proposed:
        node = "legend:proposed"
        if marks.dash_bodies:
            proposal = {"label": "proposed", "shape": "box", "style": "dashed", "tooltip": _legend_tip("proposed")}
            yield f"\t\t{dot_id(node)} {_attributes(proposal)}"
        else:
            badge = HtmlLabel("<I>proposed</I> (badge)")
            tip = _legend_tip("proposed (badge)")
            yield f"\t\t{dot_id(node)} {_attributes({'label': badge, 'shape': 'box', 'tooltip': tip})}"
        row.append(node)
    for label, colour in marks.legend:
        node = f"legend:mark:{label}"
        mark = {"label": label, "shape": "box", "color": colour, "penwidth": "3", "tooltip": _legend_tip(label)}
        yield f"\t\t{dot_id(node)} {_attributes(mark)}"
        row.append(node)
    rows += [row[i : i + LEGEND_ROW] for i in range(0, len(row), LEGEND_ROW)]
    samples: list[str] = []
    for relation_kind in relation_kinds:
        start, end = f"legend:edge:{relation_kind.value}:a", f"legend:edge:{relation_kind.value}:b"
        style = dict(EDGE_STYLE[relation_kind])
        arrow = style.pop("arrowhead")
        tip = _legend_tip(f"{kind_text(relation_kind.value)} (line)")
        yield f"\t\t{dot_id(start)} {_attributes({'label': '', 'shape': 'point', 'width': '0.05', 'tooltip': tip})}"
        sample = {"label": kind_text(relation_kind.value), "shape": "plaintext", "style": "", "tooltip": tip}
        yield f"\t\t{dot_id(end)} {_attributes(sample)}"
        yield f"\t\t{dot_id(start)} -> {dot_id(end)} {_attributes({'arrowhead': arrow, 'minlen': '1', **style, 'tooltip': tip})}"
        samples += [start, end]
    step = 2 * (LEGEND_ROW // 2)  # line samples are two nodes each
    rows += [samples[i : i + step] for i in range(0, len(samples), step)]
    for members in rows:
        yield "\t\t{rank=same; " + "; ".join(dot_id(m) for m in members) + "}"
        for left, right in itertools.pairwise(members):
            if not (left.endswith(":a") and right.endswith(":b")):  # a sample's own line orders those two
                yield f'\t\t{dot_id(left)} -> {dot_id(right)} [style="invis"]'
        if previous is not None:
            yield f'\t\t{dot_id(previous)} -> {dot_id(members[0])} [style="invis"]'
        previous = members[0]
    yield "\t}"


def _legend_tip(entry: str) -> str:
    """A legend entry's tooltip: what it explains, never the internal node name
    (``legend:kind:board``) that browsers would show from the SVG's titles.

    Examples
    --------
    >>> _legend_tip("board")
    'Legend: board'
    """
    return f"Legend: {entry}"


def _band_lines(text: str) -> str:
    """A level's name or note for its band label, wrapped at ``WRAP + 8`` characters."""
    return "<BR/>".join(html(line) for line in textwrap.wrap(text, WRAP + 8) or [""])


def _footnotes(bodies: list[Body], numbers: Mapping[str, int], budget: int) -> str:
    """The caption's footnotes, as many as fit in ``budget`` bytes; a last line counts the rest."""
    lines: list[str] = []
    left = budget
    noted = [body for body in bodies if body.id in numbers and body.notes is not None]
    for position, body in enumerate(noted):
        name, notes = shorten(body.name, WRAP * 3), shorten(body.notes or "", NOTE_LIMIT)
        line = _paragraph(f"{name}: {notes}", f"<SUP>{numbers[body.id]}</SUP> ")
        if len(line.encode("utf-8")) > left:
            rest = len(noted) - position
            lines.append(f'<BR ALIGN="LEFT"/>… {rest} more note{"s" if rest != 1 else ""}, too many to show here')
            break
        lines.append(line)
        left -= len(line.encode("utf-8"))
    return "".join(lines)


def to_dot(
    structure: Structure,
    *,
    highlight: bool | Report = False,
    focus: str | None = None,
    depth: int = 1,
    levels: Iterable[str] | None = None,
    areas: Iterable[str] | None = None,
    service_areas: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    dissolved: Literal["show", "hide"] = "show",
    legend: bool = True,
    config: Mapping[str, object] | None = None,
    marks: Marks | None = None,
    recommendations: bool = False,
    collapse: Collapse | None = None,
    page: str | None = None,
) -> str:
    """DOT source for a diagram of the structure, like Fig. 1 of the Devon paper.

    ``highlight`` draws the unwaived findings of :func:`govgraph.check` (or of
    the report given) on the diagram; ``focus`` and ``depth`` keep one body's
    neighbourhood; ``levels``, ``areas``, ``service_areas`` and ``kinds``
    filter bodies as :meth:`Structure.subset` does; ``dissolved="hide"``
    leaves out dissolved bodies and relationships; ``recommendations`` badges
    each owner with its open recommendations. ``collapse`` draws groups
    of bodies as one box each with their count and members, and merges the
    lines between two boxes with a count (see :mod:`govgraph.export.aggregate`:
    ``"service_area"``, ``"area"``, ``"kind"``, ``"level"``, a ``metadata`` key,
    a mapping or a function). ``page`` ("a4", "a3", "a4-portrait" …) shrinks
    the drawing to fit that page. The same input always gives
    the same text. Cost: O(n + m) after the filters.
    """
    return (
        "\n".join(
            _lines(
                structure,
                highlight=highlight,
                focus=focus,
                depth=depth,
                levels=levels,
                areas=areas,
                service_areas=service_areas,
                kinds=kinds,
                dissolved=dissolved,
                legend=legend,
                config=config,
                marks=recommendation_marks(structure, marks or Marks()) if recommendations else marks,
                collapse=collapse,
                page=page,
            )
        )
        + "\n"
    )


def _once(values: Iterable[str] | None) -> Iterable[str] | None:
    """Filter values that can be read more than once (a text is one value, not its letters)."""
    return values if values is None or isinstance(values, str) else tuple(values)


def _lines(
    structure: Structure,
    *,
    highlight: bool | Report,
    focus: str | None,
    depth: int,
    levels: Iterable[str] | None,
    areas: Iterable[str] | None,
    service_areas: Iterable[str] | None,
    kinds: Iterable[str] | None,
    dissolved: str,
    legend: bool,
    config: Mapping[str, object] | None,
    marks: Marks | None,
    collapse: Collapse | None = None,
    page: str | None = None,
) -> Iterator[str]:
    marks = marks or Marks()
    # The filters are read twice (what they leave out, then what they keep): an iterator would be spent.
    levels, areas, service_areas, kinds = (_once(values) for values in (levels, areas, service_areas, kinds))
    if highlight:
        report = highlight if isinstance(highlight, Report) else check(structure, config=config)
        found = highlight_marks(report)
        marks = dataclasses.replace(
            marks,
            bodies={
                key: {**found.bodies.get(key, {}), **marks.bodies.get(key, {})} for key in found.bodies | marks.bodies
            },
            edges={**found.edges, **marks.edges},
            notes={key: found.notes.get(key, []) + marks.notes.get(key, []) for key in found.notes | marks.notes},
            legend=marks.legend + found.legend,
        )
    part = select(
        structure, focus=focus, depth=depth, levels=levels, areas=areas, service_areas=service_areas, kinds=kinds
    )
    notes = omitted(
        structure,
        focus=focus,
        depth=depth,
        levels=levels,
        areas=areas,
        service_areas=service_areas,
        kinds=kinds,
        dissolved=dissolved,
        part=part,
    )
    structure = part
    bodies, relations = shown(structure, dissolved)
    if focus is not None:  # the body the view is centred on stands out
        marks = dataclasses.replace(
            marks,
            bodies={**marks.bodies, focus: {"penwidth": "4", "color": FOCUS, **marks.bodies.get(focus, {})}},
            notes={**marks.notes, focus: [*marks.notes.get(focus, []), "the focus of this view"]},
            legend=[*marks.legend, (f"focus: {focus}", FOCUS)],
        )
    counts: dict[int, int] = {}
    dashes = _dashes(bodies, relations, notes)
    if collapse is None and len(bodies) > OVERVIEW_LIMIT:
        collapse = "overview"
        notes.append(
            f"Overview of {len(bodies)} bodies: those with none below them are counted in one box per body they "
            "answer to, level and kind; draw every body with --collapse none (Python: collapse='none')."
        )
    elif collapse == "none":
        collapse = None
    if collapse is not None:
        drawn = aggregate(structure, bodies, relations, collapse)
        bodies, relations = drawn.bodies, drawn.relations
        counts = {id(r): n for r, n in zip(drawn.relations, drawn.counts, strict=True) if n > 1}
        marks = _grouped_marks(marks, drawn, listed=collapse != "overview")
    if collapse == "overview":
        marks = dataclasses.replace(marks, small_points=OVERVIEW_POINTS)
    footnotes = {body.id: number for number, body in enumerate((b for b in bodies if b.notes), start=1)}
    marks = dataclasses.replace(marks, dash_bodies=dashes[0] and marks.dash_bodies, dash_lines=dashes[1])

    fit = ""
    if page is not None:  # Graphviz shrinks the drawing to the page (never enlarges it)
        width, height = page_inches(page)
        fit = f', size="{width:g},{height:g}"'
    yield f"digraph {dot_id('govgraph')} {{"
    caption = f"<B>{html(shorten(structure.name, NAME_LIMIT))}</B>"
    if structure.description:
        caption += _paragraph(shorten(structure.description, NOTE_LIMIT))
    caption += _footnotes(bodies, footnotes, CAPTION_BUDGET - len(caption.encode("utf-8")))
    for note in notes:
        caption += _paragraph(note).replace('ALIGN="LEFT"/>', 'ALIGN="LEFT"/><I>', 1) + "</I>"
    yield (
        f'\tgraph [label=<{caption}<BR ALIGN="LEFT"/>>, labelloc="b", labeljust="l", fontname="Helvetica", '
        f'fontsize="{max(9, marks.small_points)}", newrank="true", splines="polyline", compound="true", rankdir="TB", nodesep="0.2", ranksep="0.3", mclimit="1", '
        'outputorder="edgesfirst", bgcolor="#FFFFFF", pad="0.15"' + fit + "]"
    )
    yield '\tnode [fontname="Helvetica", fontsize="10", margin="0.12,0.05"]'
    yield f'\tedge [fontname="Helvetica", fontsize="{marks.small_points}", arrowsize="0.8"]'
    if collapse is None:  # the full view: its bands are drawn over a layout made without them
        yield BANDS_MARK

    by_level: dict[str | None, list[Body]] = {}
    for body in bodies:
        level = body.level if structure.level_rank(body.level) is not None else None
        by_level.setdefault(level, []).append(body)

    bands = [(level.id, level.name, level.note) for level in structure.levels]
    if bands and by_level.get(None):
        # Bodies on no level get a band of their own: on top when levelled bodies answer to them.
        unlevelled = {body.id for body in by_level[None]}
        above = any(r.kind.is_upward and r.target in unlevelled and r.source not in unlevelled for r in relations)
        extra = ("", "Not on a planning level", None)
        bands = [extra, *bands] if above else [*bands, extra]
    side = _sides(structure, bodies)
    nested = _nested(bodies, relations, marks) if collapse is not None else {}
    by_id = {body.id: body for body in bodies}
    nests = {parent: by_id[child] for child, parent in nested.items()}
    place: dict[str, tuple[int, int]] = {}
    band_of: dict[str, str] = {}
    clusters: dict[str, str] = {}
    anchors: dict[str, str] = {}
    row_anchors: list[str] = []
    previous_anchor: str | None = None
    number = -1
    for level_id, level_name, level_note in bands:
        members = by_level.get(level_id or None, [])
        if not members:  # a band with no body drawn is left out, not drawn empty
            continue
        number += 1
        band = f"<B>{_band_lines(shorten(level_name, NAME_LIMIT).upper())}</B>" + (
            f" {_band_lines(f'({shorten(level_note, NOTE_LIMIT)})')}" if level_note else ""
        )
        yield f"\tsubgraph {dot_id(f'cluster_level_{number}')} {{"
        fill = "#F2F2F2" if number % 2 == 0 else "#FAFAFA"
        yield (
            f'\t\tstyle="filled"; fillcolor="{fill}"; color="#CCCCCC"; label=<{band}>; labeljust="l"; '
            'labelloc="t"; fontsize="10"; tooltip=' + attribute(level_name, "tooltip")
        )
        clusters[level_id] = f"cluster_level_{number}"
        rows = _rows(structure, [b for b in members if b.id not in nested], relations, side, tiers=collapse is None)
        for position, row in enumerate(rows):
            anchor = f"level:{level_id}:{position}"  # an invisible point that keeps rows and bands in order
            anchors.setdefault(level_id, anchor)
            row_anchors.append(anchor)
            yield f'\t\t{dot_id(anchor)} [label="", shape="point", style="invis", width="0.01"]'
            for body in row:
                place[body.id] = (number, position)
                band_of[body.id] = level_id
                attributes = _body_attributes(body, footnotes.get(body.id), marks)
                if body.id in nests:
                    attributes = _nest_attributes(body, nests[body.id], attributes, marks, footnotes, relations)
                    place[nests[body.id].id] = place[body.id]
                    band_of[nests[body.id].id] = level_id
                if len(body.service_areas) == 1 and not side.get(body.id) and len(rows) > 1:
                    attributes["group"] = f"column:{body.service_areas[0]}"  # Graphviz keeps a column's lines straight
                yield f"\t\t{dot_id(body.id)} {_attributes(attributes)}"
            yield "\t\t{rank=same; " + "; ".join(dot_id(i) for i in [anchor, *(body.id for body in row)]) + "}"
            if previous_anchor is not None:
                yield f'\t\t{dot_id(previous_anchor)} -> {dot_id(anchor)} [style="invis", weight="5"]'
            previous_anchor = anchor
        yield "\t}"

    lowest: list[str] = []
    if not bands:
        loose = by_level.get(None, [])
        for each in loose:
            yield f"\t{dot_id(each.id)} {_attributes(_body_attributes(each, footnotes.get(each.id), marks))}"
        yield from _wrap_ranks(loose, relations, lowest)

    pairs = _two_way(relations, marks)
    merged = {id(partner) for partner in pairs.values()}
    lines: list[Line] = []
    for position, relation in enumerate(relations):
        if position in pairs:
            lines.append(_two_way_edge(relation, pairs[position], counts.get(id(relation), 1), marks.dash_lines))
        elif id(relation) not in merged:
            lines.append(_edge(relation, marks, counts.get(id(relation), 1)))
    unplaced = (number + 1, 0)
    lines = [
        _into_nest(line, nested, place)
        for line in lines
        if nested.get(line.tail) != line.head and nested.get(line.head) != line.tail
    ]
    lines = merge_parallel([orient(line, lambda body: place.get(body, unplaced)) for line in lines])
    if collapse is not None:
        lines = bundle(lines, band_of, clusters)
    for line in lines:
        yield f"\t{dot_id(line.tail)} -> {dot_id(line.head)} {_attributes(line.attributes)}"

    if legend and bodies:
        yield from _legend(structure, bodies, relations, marks)
        if row_anchors:  # the legend under the last band
            yield f'\t{dot_id(row_anchors[-1])} -> "legend:title" [style="invis"]'
        elif lowest:  # or under the lowest bodies
            yield f'\t{dot_id(lowest[0])} -> "legend:title" [style="invis"]'
    yield "}"
