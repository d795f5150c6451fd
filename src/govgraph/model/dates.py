"""A structure's ``as_of``: its date, callable for the structure on another day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .structure import Structure

__all__ = ["AsOf", "Undated"]


class AsOf(date):
    """A structure's date that, called with another date, gives the structure on that day."""

    _structure: Structure

    def __new__(cls, day: date, structure: Structure) -> AsOf:
        value = super().__new__(cls, day.year, day.month, day.day)
        value._structure = structure
        return value

    def __call__(self, day: date) -> Structure:
        return self._structure.at(day)

    def __repr__(self) -> str:
        return repr(date(self.year, self.month, self.day))


class Undated:
    """What ``as_of`` is for a structure whose file gives no date: equal to ``None``,
    false, and still callable like :class:`AsOf`."""

    __slots__ = ("_structure",)

    def __init__(self, structure: Structure) -> None:
        self._structure = structure

    def __call__(self, day: date) -> Structure:
        return self._structure.at(day)

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, Undated)

    def __hash__(self) -> int:
        return hash(None)

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "None"
