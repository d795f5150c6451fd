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

import itertools
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..checks import Report, check
from ..model import Body, Relationship, Status, Structure
from .quoting import HtmlLabel, attribute, dot_id, html
from .selection import select, shown
from .style import AUTHORITY_FILL, BODY_SHAPE, EDGE_STYLE, HIGHLIGHT, kind_text

__all__ = ["Marks", "recommendation_marks", "to_dot"]

#: Rows with more bodies than this are split into rows by area.
ROW_LIMIT = 8
#: Names are wrapped to lines of about this many characters.
WRAP = 24


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
    badges: dict[str, str] = field(default_factory=dict)


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
    return Marks(dict(marks.bodies), dict(marks.edges), notes, legend, badges)


#: The colour of recommendation badges: Paul Tol's "bright" purple, apart from the fills.
RECOMMENDATION_COLOUR = "#AA3377"


def _attributes(attributes: Mapping[str, str]) -> str:
    return "[" + ", ".join(f"{key}={attribute(value, key)}" for key, value in attributes.items()) + "]"


def _citations(item: Body | Relationship) -> str:
    return "; ".join(citation.at or citation.source for citation in item.sources)


def _body_label(body: Body, footnote: int | None, badge: str | None = None) -> str:
    detail = kind_text(body.kind.value)
    cited = _citations(body)
    if cited:
        detail += f" · ¶ {cited}"
    mark = f"<SUP>{footnote}</SUP>" if footnote is not None else ""
    name = "<BR/>".join(html(line) for line in textwrap.wrap(body.name, WRAP, break_long_words=False) or [""])
    small = "<BR/>".join(html(line) for line in textwrap.wrap(detail, WRAP + 8, break_long_words=False))
    extra = f'<BR/><FONT POINT-SIZE="8" COLOR="{RECOMMENDATION_COLOUR}"><B>{html(badge)}</B></FONT>' if badge else ""
    return HtmlLabel(f'<B>{name}</B>{mark}<BR/><FONT POINT-SIZE="8">{small}</FONT>{extra}')


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
    if body.status is Status.PROPOSED:
        styles.append("dashed")
    attributes = {
        "label": _body_label(body, footnote, marks.badges.get(body.id)),
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
            for key in ((relation.source, "*", relation.target), (relation.target, "*", relation.source))
        )
        if partner is not None and not marked and id(partner) not in taken:
            pairs[position] = partner
            taken.add(id(partner))
    return pairs


def _two_way_edge(relation: Relationship, partner: Relationship) -> str:
    """One line for a co-ordination and the reporting back: arrowheads for both."""
    down, up = EDGE_STYLE[relation.kind], EDGE_STYLE[partner.kind]
    attributes = {"dir": "both", "arrowhead": down["arrowhead"], "arrowtail": up["arrowhead"], "color": up["color"]}
    if relation.status is Status.PROPOSED:
        attributes["style"] = "dashed"
    elif relation.status is Status.DISSOLVED:
        attributes.update(style="dotted", color="#AAAAAA")
    cited = "; ".join(filter(None, (_citations(relation), _citations(partner))))
    attributes["tooltip"] = (
        f"{relation.source} coordinates {relation.target}; {partner.source} "
        f"{partner.kind.value.replace('_', ' ')} {partner.target}" + (f" (¶ {cited})" if cited else "")
    )
    return f"\t{dot_id(relation.source)} -> {dot_id(relation.target)} {_attributes(attributes)}"


def _edge(relation: Relationship, marks: Marks) -> str:
    style = dict(EDGE_STYLE[relation.kind])
    upward = relation.kind.is_upward
    tail, head = (relation.target, relation.source) if upward else (relation.source, relation.target)
    attributes: dict[str, str] = {}
    if upward:  # drawn from the higher body down; the arrow still points at the higher one
        attributes.update(dir="back", arrowtail=style.pop("arrowhead"))
    else:
        attributes["arrowhead"] = style.pop("arrowhead")
    if relation.kind.value in ("links_with", "advises", "scrutinises", "commissions", "replaced_by"):
        attributes["constraint"] = "false"
    attributes.update(style)
    line = [style.get("style", "solid")] if "style" in style else []
    if relation.status is Status.PROPOSED:
        line = ["dashed"]
    elif relation.status is Status.DISSOLVED:
        line = ["dotted"]
        attributes["color"] = "#AAAAAA"
    if line:
        attributes["style"] = ",".join(line)
    tooltip = f"{relation.source} {relation.kind.value.replace('_', ' ')} {relation.target}"
    if relation.note:
        tooltip += f": {relation.note}"
    if relation.sources:
        tooltip += f" (¶ {_citations(relation)})"
    attributes["tooltip"] = tooltip
    for key in ((relation.source, "*", relation.target), (relation.source, relation.kind.value, relation.target)):
        attributes.update(marks.edges.get(key, {}))
    return f"\t{dot_id(tail)} -> {dot_id(head)} {_attributes(attributes)}"


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


def _rows(structure: Structure, bodies: list[Body], relations: list[Relationship]) -> list[list[Body]]:
    """Bodies of one band in columns by service area, in tiers; crowded tiers split by area."""
    service_order = {service.id: i for i, service in enumerate(structure.service_areas)}
    area_order = {area.id: i for i, area in enumerate(structure.areas)}
    tier = _tiers(bodies, relations)

    def column(body: Body) -> tuple[int, int, str]:
        service = min((service_order.get(s, 10**6) for s in body.service_areas), default=10**6)
        area = min((area_order.get(a, 10**6) for a in body.areas), default=10**6)
        return (service, area, body.id)

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
    return [split[key] for key in sorted(split)]


def _legend(structure: Structure, bodies: list[Body], relations: list[Relationship], marks: Marks) -> Iterator[str]:
    kinds = list(dict.fromkeys(body.kind for body in bodies))
    authorities = list(dict.fromkeys(body.authority for body in bodies if body.authority is not None))
    relation_kinds = list(dict.fromkeys(relation.kind for relation in relations))
    proposed = any(b.status is Status.PROPOSED for b in bodies) or any(r.status is Status.PROPOSED for r in relations)
    yield '\tsubgraph "cluster_legend" {'
    yield '\t\tlabel=<<B>Legend</B>>; labeljust="l"; style="rounded"; color="#999999"; fontsize="11"'
    yield '\t\tnode [fontsize="9", height="0.3", width="1.6", style="filled", fillcolor="#FFFFFF"]'
    previous = None
    rows: list[list[str]] = []
    row: list[str] = []
    for kind in kinds:
        node = f"legend:kind:{kind.value}"
        shape = dict(BODY_SHAPE[kind])
        styles = ["filled"] + (["rounded"] if shape.pop("rounded", None) else [])
        yield f"\t\t{dot_id(node)} {_attributes({'label': kind_text(kind.value), **shape, 'style': ','.join(styles)})}"
        row.append(node)
    if row:
        rows.append(row)
    row = []
    for authority in authorities:
        node = f"legend:authority:{authority.value}"
        yield (
            f"\t\t{dot_id(node)} "
            + _attributes(
                {"label": f"{authority.value} authority", "shape": "box", "fillcolor": AUTHORITY_FILL[authority]}
            )
        )
        row.append(node)
    if proposed:
        node = "legend:proposed"
        yield f"\t\t{dot_id(node)} {_attributes({'label': 'proposed', 'shape': 'box', 'style': 'dashed'})}"
        row.append(node)
    for label, colour in marks.legend:
        node = f"legend:mark:{label}"
        yield (f"\t\t{dot_id(node)} " + _attributes({"label": label, "shape": "box", "color": colour, "penwidth": "3"}))
        row.append(node)
    if row:
        rows.append(row)
    samples: list[str] = []
    for relation_kind in relation_kinds:
        start, end = f"legend:edge:{relation_kind.value}:a", f"legend:edge:{relation_kind.value}:b"
        style = dict(EDGE_STYLE[relation_kind])
        arrow = style.pop("arrowhead")
        yield f'\t\t{dot_id(start)} [label="", shape="point", width="0.05"]'
        yield f"\t\t{dot_id(end)} {_attributes({'label': kind_text(relation_kind.value), 'shape': 'plaintext', 'style': ''})}"
        yield f"\t\t{dot_id(start)} -> {dot_id(end)} {_attributes({'arrowhead': arrow, 'minlen': '2', **style})}"
        samples += [start, end]
    rows += [samples[i : i + 8] for i in range(0, len(samples), 8)]  # four line styles a row
    for members in rows:
        yield "\t\t{rank=same; " + "; ".join(dot_id(m) for m in members) + "}"
        for left, right in itertools.pairwise(members):
            if not (left.endswith(":a") and right.endswith(":b")):  # a sample's own line orders those two
                yield f'\t\t{dot_id(left)} -> {dot_id(right)} [style="invis"]'
        if previous is not None:
            yield f'\t\t{dot_id(previous)} -> {dot_id(members[0])} [style="invis"]'
        previous = members[0]
    yield "\t}"


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
) -> str:
    """DOT source for a diagram of the structure, like Fig. 1 of the Devon paper.

    ``highlight`` draws the unwaived findings of :func:`govgraph.check` (or of
    the report given) on the diagram; ``focus`` and ``depth`` keep one body's
    neighbourhood; ``levels``, ``areas``, ``service_areas`` and ``kinds``
    filter bodies as :meth:`Structure.subset` does; ``dissolved="hide"``
    leaves out dissolved bodies and relationships; ``recommendations`` badges
    each owner with its open recommendations. The same input always gives
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
            )
        )
        + "\n"
    )


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
) -> Iterator[str]:
    marks = marks or Marks()
    if highlight:
        report = highlight if isinstance(highlight, Report) else check(structure, config=config)
        found = highlight_marks(report)
        marks = Marks(
            {key: {**found.bodies.get(key, {}), **marks.bodies.get(key, {})} for key in found.bodies | marks.bodies},
            {**found.edges, **marks.edges},
            {key: found.notes.get(key, []) + marks.notes.get(key, []) for key in found.notes | marks.notes},
            marks.legend + found.legend,
            marks.badges,
        )
    structure = select(
        structure, focus=focus, depth=depth, levels=levels, areas=areas, service_areas=service_areas, kinds=kinds
    )
    bodies, relations = shown(structure, dissolved)
    footnotes = {body.id: number for number, body in enumerate((b for b in bodies if b.notes), start=1)}

    yield f"digraph {dot_id('govgraph')} {{"
    caption = f"<B>{html(structure.name)}</B>"
    if structure.description:
        caption += f'<BR ALIGN="LEFT"/>{html(structure.description)}'
    for body in bodies:
        if body.id in footnotes and body.notes is not None:
            caption += f'<BR ALIGN="LEFT"/><SUP>{footnotes[body.id]}</SUP> {html(body.name)}: {html(body.notes)}'
    yield (
        f'\tgraph [label=<{caption}<BR ALIGN="LEFT"/>>, labelloc="b", labeljust="l", fontname="Helvetica", '
        'fontsize="10", newrank="true", splines="ortho", rankdir="TB", nodesep="0.3", ranksep="0.45", mclimit="0.1", '
        'outputorder="edgesfirst", bgcolor="#FFFFFF", pad="0.3"]'
    )
    yield '\tnode [fontname="Helvetica", fontsize="10", margin="0.12,0.05"]'
    yield '\tedge [fontname="Helvetica", fontsize="8", arrowsize="0.8"]'

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
    previous_anchor: str | None = None
    for number, (level_id, level_name, level_note) in enumerate(bands):
        members = by_level.get(level_id or None, [])
        label_node = f"level:{level_id}"
        band = f"<B>{html(level_name.upper())}</B>" + (f"<BR/>({html(level_note)})" if level_note else "")
        yield f"\tsubgraph {dot_id(f'cluster_level_{number}')} {{"
        fill = "#F2F2F2" if number % 2 == 0 else "#FAFAFA"
        yield f'\t\tstyle="filled"; fillcolor="{fill}"; color="#CCCCCC"; label=""'
        yield (
            f'\t\t{dot_id(label_node)} [label=<{band}>, shape="plaintext", fontsize="10", '
            'width="1.9", tooltip=' + attribute(level_name, "tooltip") + "]"
        )
        rows = _rows(structure, members, relations) if members else [[]]
        row_anchor = label_node
        for position, row in enumerate(rows):
            for body in row:
                yield f"\t\t{dot_id(body.id)} {_attributes(_body_attributes(body, footnotes.get(body.id), marks))}"
            ids = ([label_node] if position == 0 else []) + [body.id for body in row]
            if ids:
                yield "\t\t{rank=same; " + "; ".join(dot_id(i) for i in ids) + "}"
                for left, right in itertools.pairwise(ids):
                    yield f'\t\t{dot_id(left)} -> {dot_id(right)} [style="invis"]'
            if position > 0 and row:
                yield f'\t\t{dot_id(row_anchor)} -> {dot_id(row[0].id)} [style="invis"]'
            if row:
                row_anchor = row[0].id
        yield "\t}"
        if previous_anchor is not None:  # keep the bands in order, top first
            yield f'\t{dot_id(previous_anchor)} -> {dot_id(label_node)} [style="invis", weight="10"]'
        previous_anchor = row_anchor

    if not bands:
        for body in by_level.get(None, []):
            yield f"\t{dot_id(body.id)} {_attributes(_body_attributes(body, footnotes.get(body.id), marks))}"

    pairs = _two_way(relations, marks)
    merged = {id(partner) for partner in pairs.values()}
    for position, relation in enumerate(relations):
        if position in pairs:
            yield _two_way_edge(relation, pairs[position])
        elif id(relation) not in merged:
            yield _edge(relation, marks)

    if legend and bodies:
        yield from _legend(structure, bodies, relations, marks)
        if previous_anchor is not None:
            first = "legend:kind:" + bodies[0].kind.value
            yield f'\t{dot_id(previous_anchor)} -> {dot_id(first)} [style="invis"]'
    yield "}"
