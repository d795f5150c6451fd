"""Shared by the export tests: the Devon example and structures XML can hold."""

from __future__ import annotations

import re
from typing import Any

import govgraph as gg

from ..conftest import DEVON

__all__ = ["DEVON", "devon", "xml_safe"]

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def devon() -> gg.Structure:
    return gg.load(DEVON)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _UNSAFE.sub("x", value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    return value


def xml_safe(structure: gg.Structure) -> gg.Structure:
    """The structure with every character XML 1.0 cannot hold replaced by ``x``
    (hypothesis draws text in any script, control characters included)."""
    return gg.Structure.model_validate(_clean(structure.model_dump(mode="json", by_alias=True)))
