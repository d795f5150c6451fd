"""The legend: a box under the drawing with one sample of each kind, authority, mark and line drawn.

Samples stand in rows of at most :data:`LEGEND_ROW` entries (line samples: half
as many), each with a tooltip that says what it explains.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ..model import Body, Relationship, Status, Structure
from .labels import _attributes
from .marks import Marks
from .quoting import HtmlLabel, dot_id
from .style import AUTHORITY_FILL, BODY_SHAPE, EDGE_STYLE, kind_text

__all__ = ["LEGEND_ROW"]


#: Entries in a row of the legend (line samples: half as many).
LEGEND_ROW = 12


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
