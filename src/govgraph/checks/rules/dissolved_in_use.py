"""``dissolved-in-use`` (default: warning)

A relationship that is not itself dissolved touches a dissolved body: a group
still reports to a board that no longer exists. ``replaced_by`` is exempt, as
it records history. One finding per relationship; ``bodies`` is [source,
target]. The only rule that looks at dissolved bodies.

Options: none.

PASS (the relationship went with the body)::

    bodies:
      - {id: board, name: Board, kind: board}
      - {id: jip, name: Joint Investment Planning Group, kind: other, status: dissolved}
    relationships:
      - {source: jip, kind: reports_to, target: board, status: dissolved}

FAIL::

    bodies:
      - {id: board, name: Board, kind: board}
      - {id: jip, name: Joint Investment Planning Group, kind: other, status: dissolved}
    relationships:
      - {source: jip, kind: reports_to, target: board}

Fix: dissolve the relationship too, or move it to the successor body.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import RelationshipKind, Status
from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "dissolved_in_use"]

ID = "dissolved-in-use"


@rule(ID, severity="warning", doc=__doc__)
def dissolved_in_use(context: Context, options: NoOptions) -> Iterator[Hit]:
    """Live relationships touching a dissolved body. O(n + m)."""
    table = context.structure._table  # the context keeps only current bodies: this reads them all
    statuses = table.column("status")
    if Status.DISSOLVED not in statuses:
        return
    dissolved = {
        body_id for body_id, status in zip(table.column("id"), statuses, strict=True) if status is Status.DISSOLVED
    }
    sources, targets = table.relationship_column("source"), table.relationship_column("target")
    live = zip(table.relationship_column("status"), table.relationship_column("kind"), strict=True)
    for position, (status, kind) in enumerate(live):
        if status is Status.DISSOLVED or kind is RelationshipKind.REPLACED_BY:
            continue
        if sources[position] not in dissolved and targets[position] not in dissolved:
            continue
        relation = table.relationship(position)
        ended = [end for end in (relation.source, relation.target) if end in dissolved]
        if ended:
            yield Hit(
                (relation.source, relation.target),
                f"'{relation.source}' {relation.kind.value} '{relation.target}' is {relation.status.value} "
                f"but {' and '.join(repr(e) for e in ended)} {'is' if len(ended) == 1 else 'are'} dissolved",
            )
