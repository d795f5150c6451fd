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
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
]

#: Bytes read from a structure or config file; a larger file is refused unread.
MAX_FILE_BYTES = 128 * 1024 * 1024
#: Collections (mappings and lists) nested in one another, the file itself counted.
MAX_DEPTH = 100
#: Nodes (values, lists and mappings) that YAML aliases may expand to, in all.
MAX_ALIAS_NODES = 10_000
#: Characters of text that YAML aliases may expand to, in all.
MAX_ALIAS_CHARACTERS = 1_000_000


def size(limit: int) -> str:
    """A byte count the way messages write it.

    >>> size(MAX_FILE_BYTES)
    '128 MiB'
    """
    return f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit:,} bytes"
