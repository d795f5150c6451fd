"""govgraph's limits on what it reads, in one place.

A structure file is written by a person; these bounds are far above any real
governance structure (the largest benchmark, 100,000 bodies and 250,000
relationships, is within all of them) and keep a hostile or broken file from
taking unbounded time or memory. Each is refused with a located error; the
format page lists them under "Limits".
"""

from __future__ import annotations

__all__ = [
    "MAX_ALIAS_CHARACTERS",
    "MAX_ALIAS_NODES",
    "MAX_BODIES",
    "MAX_DEPTH",
    "MAX_ENTRIES",
    "MAX_FILE_BYTES",
    "MAX_RELATIONSHIPS",
    "list_limit",
    "too_many",
]

#: Bytes read from a structure or config file; a larger file is refused unread.
MAX_FILE_BYTES = 128 * 1024 * 1024
#: Collections (mappings and lists) nested in one another, the file itself counted.
MAX_DEPTH = 100
#: Nodes (values, lists and mappings) that YAML aliases may expand to, in all.
MAX_ALIAS_NODES = 10_000
#: Characters of text that YAML aliases may expand to, in all.
MAX_ALIAS_CHARACTERS = 1_000_000

#: Bodies in one structure.
MAX_BODIES = 200_000
#: Relationships in one structure.
MAX_RELATIONSHIPS = 500_000
#: Entries in any other list of the format: sources, levels, areas, service
#: areas and waivers, and the lists of a body, a relationship or a waiver
#: (areas, service areas, remit, members, sources, a waiver's bodies).
#: Lists inside ``metadata`` are bounded only by the file's size.
MAX_ENTRIES = 10_000

_TOP_LISTS = {"bodies": MAX_BODIES, "relationships": MAX_RELATIONSHIPS}
_RECORD_LISTS = {"bodies", "relationships", "waivers", "recommendations"}


def list_limit(path: tuple[str | int, ...]) -> int | None:
    """The most entries the list at ``path`` in a structure file may hold; ``None``
    for lists the format does not define (inside ``metadata`` or ``checks``).

    >>> list_limit(("bodies",)), list_limit(("bodies", 3, "members")), list_limit(("metadata", "x"))
    (200000, 10000, None)
    """
    if len(path) == 1:
        return _TOP_LISTS.get(str(path[0]), MAX_ENTRIES if path[0] not in ("checks", "metadata") else None)
    if len(path) == 3 and path[0] in _RECORD_LISTS and path[2] != "metadata":
        return MAX_ENTRIES
    if len(path) == 5 and path[0] == "recommendations" and path[2] == "updates" and path[4] == "sources":
        return MAX_ENTRIES  # an update's citations
    return None


def too_many(limit: int) -> str:
    """The message for a list longer than ``limit``."""
    return f"more than {limit:,} entries, the most govgraph reads in this list (see Limits in docs/format.md)"


def size(limit: int) -> str:
    """A byte count the way messages write it.

    >>> size(MAX_FILE_BYTES)
    '128 MiB'
    """
    return f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit:,} bytes"
