"""Mermaid flowchart text, which GitHub and GitLab draw in Markdown.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Tiny
... levels: [{id: top, name: Top}]
... bodies:
...   - {id: board, name: "The \\\\"Board\\\\"", kind: board, level: top}
...   - {id: group, name: Group, kind: task_group, status: proposed}
... relationships:
...   - {source: group, kind: reports_to, target: board, status: proposed}
... ''')
>>> print(to_mermaid(s))
flowchart TB
    subgraph L0["Top"]
        b_board["The #34;Board#34;"]
    end
    b_group(["Group"])
    b_group -. "reports to" .-> b_board
    class b_group proposed
    classDef proposed stroke-dasharray: 5 5
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Body, BodyKind, Relationship, RelationshipKind, Status, Structure
from .dot import NAME_LIMIT, NOTE_LIMIT
from .quoting import mermaid_id, mermaid_text, shorten
from .selection import shown
from .style import kind_text

__all__ = ["to_mermaid"]

_SHAPES: dict[BodyKind, tuple[str, str]] = {
    BodyKind.STATUTORY_BODY: ("[[", "]]"),
    BodyKind.PARTNERSHIP: ("{{", "}}"),
    BodyKind.FORUM: ("([", "])"),
    BodyKind.NETWORK: ("((", "))"),
    BodyKind.SCRUTINY_BODY: ("[/", "\\]"),
    BodyKind.TASK_GROUP: ("([", "])"),
    BodyKind.SUB_GROUP: ("([", "])"),
}


def _node(body: Body) -> str:
    opening, closing = _SHAPES.get(body.kind, ("[", "]"))
    return f'{mermaid_id(body.id)}{opening}"{mermaid_text(shorten(body.name, NAME_LIMIT))}"{closing}'


def _lines(structure: Structure, dissolved: str) -> Iterator[str]:
    bodies, relations = shown(structure, dissolved)
    yield "flowchart TB"
    placed: set[str] = set()
    for number, level in enumerate(structure.levels):
        members = [body for body in bodies if body.level == level.id]
        title = shorten(level.name, NAME_LIMIT) + (f" ({shorten(level.note, NOTE_LIMIT)})" if level.note else "")
        yield f'    subgraph L{number}["{mermaid_text(title)}"]'
        for body in members:
            yield f"        {_node(body)}"
            placed.add(body.id)
        yield "    end"
    for body in bodies:
        if body.id not in placed:
            yield f"    {_node(body)}"
    upward = {(r.source, r.target, r.status): r for r in relations if r.kind.is_upward}
    partners: dict[int, Relationship] = {}
    for relation in relations:
        partner = upward.get((relation.target, relation.source, relation.status))
        if relation.kind is RelationshipKind.COORDINATES and partner is not None and id(partner) not in partners:
            partners[id(partner)] = relation
            partners[id(relation)] = partner
    drawn: set[int] = set()
    for relation in relations:
        source, target = mermaid_id(relation.source), mermaid_id(relation.target)
        if id(relation) in partners:  # a two-way pair (Devon 3.3): one line, an arrow at each end
            if id(partners[id(relation)]) not in drawn:
                drawn.add(id(relation))
                down = relation if relation.kind is RelationshipKind.COORDINATES else partners[id(relation)]
                label = mermaid_text(f"{kind_text(down.kind.value)} / {kind_text(partners[id(down)].kind.value)}")
                dotted = down.status is not Status.ACTIVE
                arrow = f'<-. "{label}" .->' if dotted else f'<-- "{label}" -->'
                yield f"    {mermaid_id(down.source)} {arrow} {mermaid_id(down.target)}"
            continue
        label = mermaid_text(kind_text(relation.kind.value))
        if relation.status is not Status.ACTIVE:
            arrow = f'-. "{label}" .-' + ("-" if relation.kind is RelationshipKind.LINKS_WITH else ">")
        elif relation.kind is RelationshipKind.ACCOUNTABLE_TO:
            arrow = f'== "{label}" ==>'
        elif relation.kind is RelationshipKind.LINKS_WITH:
            arrow = f'-- "{label}" ---'
        else:
            arrow = f'-- "{label}" -->'
        yield f"    {source} {arrow} {target}"
    for status in (Status.PROPOSED, Status.DISSOLVED):
        classed = [mermaid_id(b.id) for b in bodies if b.status is status]
        if classed:
            yield f"    class {','.join(classed)} {status.value}"
    if any(b.status is Status.PROPOSED for b in bodies):
        yield "    classDef proposed stroke-dasharray: 5 5"
    if any(b.status is Status.DISSOLVED for b in bodies):
        yield "    classDef dissolved fill:#eeeeee,color:#888888"


def to_mermaid(structure: Structure, *, dissolved: str = "show") -> str:
    """The structure as a Mermaid ``flowchart``: levels as subgraphs, one arrow per relationship,
    a co-ordination and the reporting back along it (a two-way pair) as one line with two arrows.

    Every label is entity-encoded by :func:`~govgraph.export.quoting.mermaid_text`,
    so no text can close a label or start a directive. O(n + m) but for levels.
    """
    return "\n".join(_lines(structure, dissolved)) + "\n"
