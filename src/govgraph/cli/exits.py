"""The command's exit statuses."""

from __future__ import annotations

__all__ = ["EXIT_CLOSED_PIPE", "EXIT_FINDINGS", "EXIT_INVALID", "EXIT_OK"]

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
#: Standard output was closed early (``govgraph schema | head -1``): 128 + SIGPIPE,
#: the status of a Unix tool the closed pipe stopped.
EXIT_CLOSED_PIPE = 141
