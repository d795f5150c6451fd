"""``level-inversion`` (default: warning)

An upward relationship leads to a body on a lower level than its source: a
strategic group reporting to a local one. Levels are listed top first. Either
the relationship or a level is wrong. One finding per relationship;
``bodies`` is [source, target]. Silent where either end has no level.

Options: none.

PASS (the local group reports up)::

    levels: [{id: county, name: County}, {id: local, name: Local}]
    bodies:
      - {id: spg, name: SPG, kind: strategic_planning_group, level: county}
      - {id: lpg, name: LPG, kind: local_planning_group, level: local}
    relationships:
      - {source: lpg, kind: reports_to, target: spg}

FAIL::

    levels: [{id: county, name: County}, {id: local, name: Local}]
    bodies:
      - {id: spg, name: SPG, kind: strategic_planning_group, level: county}
      - {id: lpg, name: LPG, kind: local_planning_group, level: local}
    relationships:
      - {source: spg, kind: reports_to, target: lpg}

Fix: reverse the relationship, or correct the levels.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from itertools import compress, repeat

from ...registry import NoOptions
from ..context import Context, Hit
from ..engine import rule

__all__ = ["ID", "level_inversion"]

ID = "level-inversion"


@rule(ID, severity="warning", doc=__doc__)
def level_inversion(context: Context, options: NoOptions) -> Iterator[Hit]:
    """Upward relationships pointing down the levels. O(n + m)."""
    structure = context.structure
    if not structure.levels:
        return
    level_ranks = {level.id: rank for rank, level in enumerate(structure.levels)}
    levels = context.column("level")
    # A body with no level is never inverted: as a source it ranks below every level,
    # as a target above every level, so one comparison per edge, in C, finds the inversions.
    as_source = list(map(level_ranks.get, levels, repeat(len(level_ranks))))
    as_target = list(map(level_ranks.get, levels, repeat(-1)))
    ups, source, target = context.upward_positions, context.source, context.target
    inverted = map(
        operator.gt,
        map(as_target.__getitem__, map(target.__getitem__, ups)),
        map(as_source.__getitem__, map(source.__getitem__, ups)),
    )
    for position in compress(ups, inverted):
        answering, answered = source[position], target[position]
        first, second = context.ids[answering], context.ids[answered]
        yield Hit(
            (first, second),
            f"{context.label(first)} on level '{levels[answering]}' {context.kind[position].value} "
            f"{context.label(second)} on the lower level '{levels[answered]}'",
        )
