"""Field getters for whole-list passes over bodies and relationships.

``map(STATUS, bodies)`` reads one field of 10^5 objects without a Python frame
per object, several times faster than a comprehension; loading and the rules
use these where a structure's size matters.
"""

from __future__ import annotations

from operator import attrgetter

__all__ = [
    "AREAS",
    "AUTHORITY",
    "BODY",
    "DISSOLVED",
    "ESTABLISHED",
    "FIELDS_SET",
    "ID",
    "KIND",
    "LEVEL",
    "MEMBERS",
    "METADATA",
    "SERVICE_AREAS",
    "SOURCE",
    "SOURCES",
    "STATUS",
    "TARGET",
    "UPDATES",
]

AREAS = attrgetter("areas")
AUTHORITY = attrgetter("authority")
BODY = attrgetter("body")
DISSOLVED = attrgetter("dissolved")
ESTABLISHED = attrgetter("established")
FIELDS_SET = attrgetter("__pydantic_fields_set__")
ID = attrgetter("id")
KIND = attrgetter("kind")
LEVEL = attrgetter("level")
MEMBERS = attrgetter("members")
METADATA = attrgetter("metadata")
SERVICE_AREAS = attrgetter("service_areas")
SOURCE = attrgetter("source")
SOURCES = attrgetter("sources")
STATUS = attrgetter("status")
TARGET = attrgetter("target")
UPDATES = attrgetter("updates")
