"""Writing files atomically, so a reader never sees half a file."""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["gc_paused", "write_atomically"]


def write_atomically(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The temporary file lives in the target's folder, so the rename cannot cross
    file systems; on any failure the target is left as it was.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once.

    Loading or checking a large structure creates hundreds of thousands of
    containers, and each collection would walk all of them again; nothing
    built here forms reference cycles that need collecting meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # never thaw what a caller froze on purpose
            # What was built is long-lived: move it to the oldest generation in
            # one step (freezing then thawing splices the generation lists), so
            # that the next collection does not examine each new object first.
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()
