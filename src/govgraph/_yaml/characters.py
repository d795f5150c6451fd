"""Where a character YAML refuses is, and what to say about it.

libyaml's reader errors give a position in UTF-8 bytes and no line; these turn
it into the line and column an editor shows, counting line breaks as YAML does.
"""

from __future__ import annotations

import re

import yaml

from .scalars import _Loader


def _unacceptable(error: yaml.reader.ReaderError) -> str:
    character = error.character
    code = character if isinstance(character, int) else ord(character) if isinstance(character, str) else 0
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return (
        f"not valid YAML: unacceptable character #x{code:04x}: {error.reason}; "
        f'remove it, or write it as "{escape}" in a double-quoted string'
    )


def _character_index(text: str, position: int) -> int:
    """The index in ``text`` of a reader error's position: libyaml counts UTF-8 bytes,
    PyYAML's own reader characters."""
    if _Loader is yaml.SafeLoader:
        return position
    return len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace"))


_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting line breaks as YAML does
    (LF, CR, CR LF, NEL, LS, PS)."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1
