"""Bodies and the relationships between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, StrictBool

from .._limits import MAX_ENTRIES
from .kinds import Authority, BodyKind, RelationshipKind, Status
from .parts import _FROZEN, Citation, IsoDate, Member, Metadata, Slug, Text

__all__ = ["Body", "Relationship"]


class _Lifetime:
    """Shared by bodies and relationships, which both have a status and dates."""

    if TYPE_CHECKING:
        status: Status

    @property
    def is_current(self) -> bool:
        """True unless dissolved: the rules look at active and proposed items."""
        return self.status is not Status.DISSOLVED


class Body(_Lifetime, BaseModel):
    """A board, committee, partnership, group or other body."""

    model_config = _FROZEN

    id: Slug
    name: Text
    kind: BodyKind
    authority: Authority | None = None
    sovereign: StrictBool = False
    level: Slug | None = None
    areas: list[Slug] = Field(default_factory=list, max_length=MAX_ENTRIES)
    service_areas: list[Slug] = Field(default_factory=list, max_length=MAX_ENTRIES)
    remit: list[Text] = Field(default_factory=list, max_length=MAX_ENTRIES)
    members: list[Member] = Field(default_factory=list, max_length=MAX_ENTRIES)
    chair: Text | None = None
    status: Status = Status.ACTIVE
    established: IsoDate | None = None
    dissolved: IsoDate | None = None
    sources: list[Citation] = Field(default_factory=list, max_length=MAX_ENTRIES)
    notes: Text | None = None
    metadata: Metadata = Field(default_factory=dict)


class Relationship(_Lifetime, BaseModel):
    """A directed relationship ``source --kind--> target`` between two bodies."""

    model_config = _FROZEN

    source: Slug
    kind: RelationshipKind
    target: Slug
    status: Status = Status.ACTIVE
    established: IsoDate | None = None
    dissolved: IsoDate | None = None
    note: Text | None = None
    sources: list[Citation] = Field(default_factory=list, max_length=MAX_ENTRIES)
    metadata: Metadata = Field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        """(source, kind, target), with the ends of a symmetric ``links_with`` sorted."""
        if self.kind is RelationshipKind.LINKS_WITH and self.target < self.source:
            return (self.target, self.kind.value, self.source)
        return (self.source, self.kind.value, self.target)
