"""The value types of the format and the small records a structure holds besides
its bodies and relationships: sources, citations, levels, areas, service areas,
members and waivers."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .._limits import MAX_ENTRIES
from .kinds import Sector

__all__ = [
    "SLUG_PATTERN",
    "Area",
    "Citation",
    "IsoDate",
    "Level",
    "Locator",
    "Member",
    "Metadata",
    "ServiceArea",
    "Slug",
    "Source",
    "Text",
    "Waiver",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: object) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date_type", "expected a date (YYYY-MM-DD), got a date and time", {})
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_value", "{value!r} is not a real date", {"value!r": repr(value)}) from None
    raise PydanticCustomError("date_type", "expected a date written YYYY-MM-DD, got {got}", {"got": _describe(value)})


def _describe(value: object) -> str:
    """Name a wrong value for a message: ``5.2 (a number)``."""
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    if value is None:
        return "nothing (null)"
    for kind, name in kinds.items():
        if type(value) is kind:
            return f"{value!r} ({name})" if kind not in (list, dict) else name
    return f"{value!r} ({type(value).__name__})"


# Constraints pydantic checks natively: a slug's shape (case-sensitive: register codes
# such as ``RGT01`` are ids as written), and text that is not blank.
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=100)]
IsoDate = Annotated[
    date,
    PlainValidator(_date),
    PlainSerializer(date.isoformat, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Text = Annotated[str, StringConstraints(strict=True, pattern=r"\S")]
Locator = Annotated[StrictStr, StringConstraints(min_length=1)]
Metadata = dict[StrictStr, Any]

_FROZEN = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, validate_default=False)


class Source(BaseModel):
    """A document the structure is drawn from."""

    model_config = _FROZEN

    id: Slug
    title: Text
    publisher: Text | None = None
    date: IsoDate | None = None
    url: Text | None = None


class Citation(BaseModel):
    """Where in a source something is described: ``{source: devon-2003, at: "4.3"}``."""

    model_config = _FROZEN

    source: Slug
    at: Locator | None = None


class Level(BaseModel):
    """A planning level; a file lists its levels top first."""

    model_config = _FROZEN

    id: Slug
    name: Text
    note: Text | None = None


class Area(BaseModel):
    """A geography; an area ``within`` another is a locality."""

    model_config = _FROZEN

    id: Slug
    name: Text
    within: Slug | None = None


class ServiceArea(BaseModel):
    """A service or client group, such as mental health."""

    model_config = _FROZEN

    id: Slug
    name: Text


class Member(BaseModel):
    """Who sits on a body: another body of the file, or a named group."""

    model_config = _FROZEN

    body: Slug | None = None
    name: Text | None = None
    sector: Sector
    role: Text | None = None

    @model_validator(mode="after")
    def _exactly_one_of_body_or_name(self) -> Member:
        if (self.body is None) == (self.name is None):
            raise PydanticCustomError(
                "member_identity",
                "a member names either a body (body: id) or a group (name: text), not both or neither",
                {},
            )
        return self


class Waiver(BaseModel):
    """An accepted finding: ``rule`` on ``bodies``, for a stated reason."""

    model_config = _FROZEN

    rule: StrictStr
    bodies: list[Slug] = Field(default_factory=list, max_length=MAX_ENTRIES)
    reason: Text
