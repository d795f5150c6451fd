"""Sub-groups drawn inside their parent's box in a collapsed view.

As Fig. 1 of the Devon paper draws each Executive Management Group under its
Strategic Planning Group: one box of two cells, the parent above (port
``main``), the sub-group below (port ``sub``), where the lines to the sub-group
end.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Body, Relationship, Status
from .labels import _body_label, _body_tooltip
from .layout import Line
from .marks import Marks
from .quoting import HtmlLabel
from .style import AUTHORITY_FILL, kind_text

__all__: list[str] = []


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
