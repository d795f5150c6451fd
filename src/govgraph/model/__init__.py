"""The structure model: bodies, the relationships between them, and their context.

The package is split by concern, each module importing only those before it:
:mod:`~govgraph.model.kinds` (the enums), :mod:`~govgraph.model.parts` (the
value types and small records), :mod:`~govgraph.model.items` (bodies and
relationships), :mod:`~govgraph.model.lookup`, :mod:`~govgraph.model.recommendations`
and :mod:`~govgraph.model.references` (the cross-reference checks), and
:mod:`~govgraph.model.structure` (the structure itself). This module gives
all of their names.

Every class here is an immutable pydantic model that compares by value. Field
values are validated strictly (``sovereign: "yes"`` is an error, never
``True``); the references between objects — a body's level, a relationship's
ends, a waiver's rule — are checked in one place, :func:`_cross_reference_problems`,
which reports all of them at once with the path of each
(:mod:`govgraph.model.references`).

>>> s = Structure(name="Tiny", bodies=[Body(id="a", name="A", kind="board")])
>>> s.body("a").kind
<BodyKind.BOARD: 'board'>
>>> Structure(name="Bad", bodies=[Body(id="a", name="A", kind="board")],
...           relationships=[Relationship(source="a", kind="reports_to", target="b")])
Traceback (most recent call last):
  ...
pydantic_core._pydantic_core.ValidationError: 1 validation error for govgraph structure
relationships.0.target
  unknown body 'b'; bodies: a ...
"""

from __future__ import annotations

from .dates import AsOf as AsOf
from .dates import Undated as Undated

# Besides __all__, the names written ``X as X`` stay importable from here as they
# were before the model became a package: the loader, importers and benchmarks use them.
from .items import Body, Relationship
from .kinds import UPWARD_KINDS, Authority, BodyKind, RelationshipKind, Sector, Status
from .lookup import Loc as Loc
from .parts import SLUG_PATTERN as SLUG_PATTERN
from .parts import Area, Citation, Level, Member, ServiceArea, Source, Waiver
from .parts import IsoDate as IsoDate
from .parts import Locator as Locator
from .parts import Metadata as Metadata
from .parts import Slug as Slug
from .parts import Text as Text
from .parts import _describe as _describe
from .recommendations import Recommendation as Recommendation
from .recommendations import Stage as Stage
from .recommendations import StageId as StageId
from .recommendations import Update as Update
from .references import _cross_reference_problems as _cross_reference_problems
from .structure import Structure
from .structure import with_reference_problems as with_reference_problems
from .table import Wiring as Wiring

__all__ = [
    "UPWARD_KINDS",
    "Area",
    "Authority",
    "Body",
    "BodyKind",
    "Citation",
    "Level",
    "Member",
    "Relationship",
    "RelationshipKind",
    "Sector",
    "ServiceArea",
    "Source",
    "Status",
    "Structure",
    "Waiver",
]
