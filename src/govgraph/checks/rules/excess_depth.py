"""``excess-depth`` (default: info)

A body's shortest upward route to a root has more than ``max`` relationships.
Every step between a group and the body accountable for it slows decisions
and dilutes accountability. ``bodies`` is [body].

Options:

- ``max``: the most relationships allowed on the shortest route (default 5)

PASS (two steps, within the default of 5)::

    bodies:
      - {id: council, name: Council, kind: statutory_body}
      - {id: board, name: Board, kind: board}
      - {id: task, name: Task Group, kind: task_group}
    relationships:
      - {source: task, kind: sub_group_of, target: board}
      - {source: board, kind: accountable_to, target: council}

FAIL (with ``max: 1``)::

    checks:
      excess-depth: {max: 1}
    bodies:
      - {id: council, name: Council, kind: statutory_body}
      - {id: board, name: Board, kind: board}
      - {id: task, name: Task Group, kind: task_group}
    relationships:
      - {source: task, kind: sub_group_of, target: board}
      - {source: board, kind: accountable_to, target: council}

Fix: flatten the structure, or raise ``max`` where depth is intended.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "ExcessDepthOptions", "excess_depth"]

ID = "excess-depth"


class ExcessDepthOptions(BaseModel):
    """How deep a body may sit below its root."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max: int = Field(default=5, ge=0, strict=True)


@rule(ID, severity="info", options=ExcessDepthOptions, doc=__doc__)
def excess_depth(context: Context, options: ExcessDepthOptions) -> Iterator[Hit]:
    """Bodies whose shortest route to a root is longer than ``max``. O(n + m)."""
    for index, depth in enumerate(context.depth):
        if depth > options.max:
            body_id = context.ids[index]
            yield Hit(
                (body_id,),
                f"{context.label(body_id)} is {depth} steps below its nearest root (at most {options.max} allowed)",
            )
