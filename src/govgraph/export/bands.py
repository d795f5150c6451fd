"""Where bodies stand within a band: in columns by service area, in tiers, crowded rows split.

A band holds one planning level's bodies, as in Fig. 1 of the Devon paper. In
it a sub-group stands on a row under its parent (``_tiers``), joint or separate
arrangements to the right of the main area's bodies (``_sides``), and a row of
more than :data:`ROW_LIMIT` bodies is split by area, one wider than
:data:`WIDE_ROW` wrapped onto several rows (``_rows``, ``_wrapped``). Without
levels, ``_wrap_ranks`` wraps wide ranks the same way. ``_band_lines`` is the
text of a band's title.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from collections.abc import Iterator, Mapping

from ..model import Body, Relationship, Structure
from .aggregate import main_areas
from .labels import WRAP
from .quoting import dot_id, html

__all__ = ["ROW_LIMIT", "WIDE_ROW"]


#: Rows with more bodies than this are split into rows by area.
ROW_LIMIT = 8
#: Rows wider than this are wrapped onto several rows (see ``_wrapped``).
WIDE_ROW = 12


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


#: Wrapping that would give the lines more than this many row crossings, taken as
#: (rows) × (lines), wraps each depth into at most MOST_ROWS rows instead. Each row a line
#: passes on its way down adds a point Graphviz must place, and past some thousands
#: of them it slows sharply: GOV.UK's register (663 bodies, 668 lines) wrapped at √(n/4)
#: is 54 rows, 36,072 row-lines, and Graphviz 2.43 did not finish its full view in 10
#: minutes; at most 8 rows a depth (25 rows) it took 1.7 s, 4 (13 rows) 0.6 s.
#: The drawings of issue 15 (pages per root, registers without lines) stay under it. The
#: same holds with bands (``_rows``): 700 levelled bodies with 1,400 lines (``synthetic.py``)
#: stood on 77 rows, and Graphviz took over 2 minutes; on 26, 7.4 s.
ROW_LINES, MOST_ROWS = 20_000, 8


def _wrap_ranks(
    bodies: list[Body], relations: list[Relationship], lowest: list[str], *, share: float = 0.8
) -> Iterator[str]:
    """Without bands: the bodies at one depth (upward steps from the top) that would make a row
    too wide go on several rows of about √(share · n) (see :func:`_depth_rows`), each pushed
    under the one before by an invisible line. ``lowest`` receives a body of the lowest row
    (the legend goes under it)."""
    for chunks in _depth_rows(bodies, relations, share):
        for upper, lower in itertools.pairwise(chunks):
            for position, body in enumerate(lower):  # column by column: a grid, not a staircase
                yield f'\t{dot_id(upper[position % len(upper)].id)} -> {dot_id(body.id)} [style="invis"]'
        lowest[:] = [chunks[-1][0].id]


def _depth_rows(bodies: list[Body], relations: list[Relationship], share: float) -> list[list[list[Body]]]:
    """The rows of each depth, top first: about √(share · n) bodies a row, or at most
    MOST_ROWS rows a depth when that would give the lines more than ROW_LINES row crossings."""
    depth = _tiers(bodies, relations)
    by_depth: dict[int, list[Body]] = {}
    for body in bodies:
        by_depth.setdefault(depth[body.id], []).append(body)
    rows = [_wrapped(row, least=2, share=share) for _, row in sorted(by_depth.items())]
    if sum(map(len, rows)) * len(relations) > ROW_LINES:
        rows = [_wrapped(row, least=_fewest(row, 2), share=share) for _, row in sorted(by_depth.items())]
    return rows


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
    few: bool = False,
) -> list[list[Body]]:
    """Bodies of one band in columns by service area, in tiers; crowded tiers split by area.

    Without ``tiers`` a sub-group stands beside its parent instead of under it
    (the compact board-paper view). With ``few`` (a drawing whose rows would give its
    lines more than ROW_LINES row crossings) a tier is not split by area and wraps into
    at most MOST_ROWS rows.
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
        if few or len(row) <= ROW_LIMIT:
            split[(level, -1)] = row
            continue
        for body in row:
            area = min((area_order.get(a, 10**6) for a in body.areas), default=10**6)
            split.setdefault((level, area), []).append(body)
    if few:
        return [chunk for key in sorted(split) for chunk in _wrapped(split[key], least=_fewest(split[key], WIDE_ROW))]
    return [chunk for key in sorted(split) for chunk in _wrapped(split[key])]


def _fewest(row: list[Body], least: int) -> int:
    """The narrowest row, at least ``least``, that puts ``row`` on at most MOST_ROWS rows."""
    return max(least, -(-len(row) // MOST_ROWS))


def _wrapped(row: list[Body], least: int = WIDE_ROW, share: float = 1.2) -> list[list[Body]]:
    """A row too wide for a page split into rows of about √(share · n) boxes (at least ``least``),
    so that the drawing stays within about 3:1 (boxes are some 2.3 times wider than a row is tall)."""
    width = max(least, math.isqrt(int(share * len(row))))
    return [row[i : i + width] for i in range(0, len(row), width)] or [row]


def _band_lines(text: str) -> str:
    """A level's name or note for its band label, wrapped at ``WRAP + 8`` characters."""
    return "<BR/>".join(html(line) for line in textwrap.wrap(text, WRAP + 8) or [""])
