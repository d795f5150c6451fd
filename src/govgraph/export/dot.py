"""Building DOT source for a structure: strings only, yielded line by line.

Running Graphviz is :mod:`govgraph.export.backend`'s business; all escaping is
:mod:`govgraph.export.quoting`'s. The layout follows Fig. 1 of the Devon paper:
levels are horizontal bands, top first, labelled on the left with their names
and notes; within a band bodies stand in columns by service area, and a band
too full for one row is split into rows by area; upward relationships are
drawn from the higher body down, so the hierarchy reads top to bottom.

This module holds :func:`to_dot` and the generator of its lines, which applies
the options (filters, focus, findings, collapse, page) and writes the bands in
order. The parts it draws are in modules of their own: the marks laid over a
drawing (:mod:`govgraph.export.marks`), the labels of boxes and caption
(:mod:`govgraph.export.labels`), the rows of a band (:mod:`govgraph.export.bands`),
sub-groups nested in their parent's box (:mod:`govgraph.export.nesting`), the
lines (:mod:`govgraph.export.edges`) and the legend (:mod:`govgraph.export.legend`);
their public names (``Marks``, ``NAME_LIMIT``, ``ROW_LIMIT`` …) are importable from here too.

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
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal

from ..checks import Report, check
from ..model import Body, Structure
from .aggregate import Collapse
from .aggregate import collapse as aggregate
from .band_boxes import ABOVE as BANDS_ABOVE
from .band_boxes import MARK as BANDS_MARK
from .bands import ROW_LIMIT as ROW_LIMIT
from .bands import ROW_LINES, _band_lines, _rows, _sides, _wrap_ranks
from .bands import WIDE_ROW as WIDE_ROW
from .edges import _edge, _two_way, _two_way_edge
from .labels import CAPTION_BUDGET as CAPTION_BUDGET
from .labels import CAPTION_WRAP as CAPTION_WRAP
from .labels import NAME_LIMIT as NAME_LIMIT
from .labels import NOTE_LIMIT as NOTE_LIMIT
from .labels import WRAP as WRAP
from .labels import _attributes, _body_attributes, _footnotes, _paragraph
from .layout import Line, bundle, merge_parallel, orient
from .legend import LEGEND_ROW as LEGEND_ROW
from .legend import _legend
from .marks import RECOMMENDATION_COLOUR as RECOMMENDATION_COLOUR
from .marks import Marks, _dashes, _grouped_marks, recommendation_marks
from .marks import highlight_marks as highlight_marks
from .nesting import _into_nest, _nest_attributes, _nested
from .omissions import omitted
from .page import page_inches
from .quoting import attribute, dot_id, html, shorten
from .selection import select, shown
from .style import FOCUS

__all__ = ["Marks", "recommendation_marks", "to_dot"]

#: Drawings of more bodies than this are drawn as an overview unless ``collapse="none"``.
OVERVIEW_LIMIT = 150
#: The smallest text of an overview, in points: the group boxes show their names and counts
#: only (members are in the tooltip), so that a register's overview reads when fitted to A3.
OVERVIEW_POINTS = 10


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
    # A collapsed view's bands are labelled above their rows: set closer, so that a board paper's view
    # (Devon's, collapsed by service area) still reads at 6 pt on A4.
    spacing = ("0.15", "0.2") if collapse is not None and structure.levels else ("0.2", "0.3")
    yield f"digraph {dot_id('govgraph')} {{"
    caption = f"<B>{html(shorten(structure.name, NAME_LIMIT))}</B>"
    if structure.description:
        caption += _paragraph(shorten(structure.description, NOTE_LIMIT))
    caption += _footnotes(bodies, footnotes, CAPTION_BUDGET - len(caption.encode("utf-8")))
    for note in notes:
        caption += _paragraph(note).replace('ALIGN="LEFT"/>', 'ALIGN="LEFT"/><I>', 1) + "</I>"
    yield (
        f'\tgraph [label=<{caption}<BR ALIGN="LEFT"/>>, labelloc="b", labeljust="l", fontname="Helvetica", '
        f'fontsize="{max(9, marks.small_points)}", newrank="true", splines="polyline", compound="true", rankdir="TB", nodesep="{spacing[0]}", ranksep="{spacing[1]}", mclimit="1", '
        'outputorder="edgesfirst", bgcolor="#FFFFFF", pad="0.15"' + fit + "]"
    )
    yield '\tnode [fontname="Helvetica", fontsize="10", margin="0.12,0.05"]'
    yield f'\tedge [fontname="Helvetica", fontsize="{marks.small_points}", arrowsize="0.8"]'
    # Level bands are drawn over a layout made without them, each as wide as the drawing; a collapsed view
    # labels each band above its rows, where the labels' column would make it too wide for a page.
    yield BANDS_MARK if collapse is None else BANDS_ABOVE

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
    # Every band's rows, fewer of them when the lines would cross too many (see bands.ROW_LINES).
    kept = {level_id: [b for b in by_level.get(level_id or None, []) if b.id not in nested] for level_id, _, _ in bands}
    rows_of = {level_id: _rows(structure, kept[level_id], relations, side, tiers=collapse is None) for level_id in kept}
    if sum(map(len, rows_of.values())) * len(relations) > ROW_LINES:
        rows_of = {key: _rows(structure, kept[key], relations, side, tiers=collapse is None, few=True) for key in kept}
    for level_id, level_name, level_note in bands:
        members = by_level.get(level_id or None, [])
        if not members:  # a band with no body drawn is left out, not drawn empty
            continue
        number += 1
        band = f"<B>{_band_lines(shorten(level_name, NAME_LIMIT).upper())}</B>" + (
            f" {_band_lines(f'({shorten(level_note, NOTE_LIMIT)})')}" if level_note else ""
        )
        if collapse is not None:  # labelled above the band's rows: the note on a line of its own, lines left-aligned
            band = band.replace("</B> ", "</B><BR/>", 1).replace("<BR/>", '<BR ALIGN="LEFT"/>') + '<BR ALIGN="LEFT"/>'
        yield f"\tsubgraph {dot_id(f'cluster_level_{number}')} {{"
        fill = "#F2F2F2" if number % 2 == 0 else "#FAFAFA"
        yield (
            f'\t\tstyle="filled"; fillcolor="{fill}"; color="#CCCCCC"; label=<{band}>; labeljust="l"; '
            'labelloc="t"; fontsize="10"; tooltip=' + attribute(level_name, "tooltip")
        )
        clusters[level_id] = f"cluster_level_{number}"
        rows = rows_of[level_id]
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
        # Drawn in full, the rows of several parents' fans stand side by side, so each wraps
        # narrower than an overview's rows of group boxes (GOV.UK's Cabinet Office page: 4.6:1 at 0.8).
        yield from _wrap_ranks(loose, relations, lowest, share=0.8 if collapse == "overview" else 0.25)

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
