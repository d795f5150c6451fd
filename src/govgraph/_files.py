"""Reading files safely, and writing them atomically, so a reader never sees half a file."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import _limits
from .errors import Problem, StructureError, UsageError

__all__ = ["gc_paused", "read_regular_file", "refuse_overwriting", "same_file", "write_atomically"]

_NOT_REGULAR = {
    stat.S_IFDIR: "a directory",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
}


def read_regular_file(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default
    :data:`~govgraph._limits.MAX_FILE_BYTES`).

    Anything else is refused with a :class:`StructureError` before it is read: a
    directory, a device such as ``/dev/zero`` (also through a symbolic link), a
    pipe (which could block for ever) or a file larger than ``limit``; no more
    than ``limit`` bytes are read even from a file that grows meanwhile. A file
    that cannot be opened raises the usual :class:`OSError`.
    """
    name = os.fspath(path)
    limit = _limits.MAX_FILE_BYTES if limit is None else limit
    too_large = StructureError(
        [Problem(name, None, None, "", f"the file is larger than {_limits.size(limit)}, the most govgraph reads")]
    )
    # Non-blocking, so that opening a FIFO does not wait for a writer; reads from
    # a regular file are not affected.
    descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            what = _NOT_REGULAR.get(stat.S_IFMT(status.st_mode), "not a file")
            raise StructureError(
                [Problem(name, None, None, "", f"it is {what}, not a regular file; govgraph reads only regular files")]
            )
        if status.st_size > limit:
            raise too_large
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise too_large
    return data


def write_atomically(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The temporary file lives in the target's folder, so the rename cannot cross
    file systems; on any failure the target is left as it was. An existing
    file keeps its permission bits (a private 0600 file stays private), a new
    one gets those the umask allows; a symbolic link is written through, so the
    link stays and its target changes. A target that exists but is not a
    regular file (``/dev/stdout``, a named pipe) is written to directly, as it
    cannot be replaced. An :class:`OSError` names ``path``, never the temporary file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return _write(path, payload)
    except OSError as error:
        if error.filename is None or error.filename == os.fspath(path):
            raise
        raise type(error)(error.errno, error.strerror, os.fspath(path)) from None


def _write(path: str | os.PathLike[str], payload: bytes) -> Path:
    try:
        existing: os.stat_result | None = os.stat(path)  # through links: /dev/stdout is one
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(path, "wb") as stream:
            stream.write(payload)
        return Path(path)
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def refuse_overwriting(output: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """Raise :class:`~govgraph.errors.UsageError` when ``output`` is one of ``inputs``.

    "Is" means the same file, however it is reached: the same name spelled
    another way, a symbolic link to it or a hard link of it.

    >>> refuse_overwriting("out.svg", ["examples/devon/devon.yaml"])
    >>> refuse_overwriting("./examples/../examples/devon/devon.yaml", ["examples/devon/devon.yaml"])
    Traceback (most recent call last):
      ...
    govgraph.errors.UsageError: will not write ./examples/../examples/devon/devon.yaml: it is the input file ...
    """
    if output is None:
        return
    for source in inputs:
        if source is not None and same_file(output, source):
            raise UsageError(
                f"will not write {os.fspath(output)}: it is the input file {os.fspath(source)}, "
                "which would be lost; choose another output file"
            )


def same_file(output: str | os.PathLike[str], source: str | os.PathLike[str]) -> bool:
    """Whether writing ``output`` would write ``source``: the same file however it is reached
    (another spelling, a symbolic link, a hard link). False when either does not exist yet.

    >>> same_file("./examples/../examples/devon/devon.yaml", "examples/devon/devon.yaml")
    True
    >>> same_file("devon.svg", "examples/devon/devon.yaml")
    False
    """
    try:
        return os.path.samefile(output, source)
    except (OSError, ValueError):  # one of them does not exist (yet), or is no path at all
        return False


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
