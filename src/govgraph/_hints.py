"""Small helpers for error messages that say what would have been valid."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean", "one_of"]


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the nearest choice, or ``""``.

    >>> did_you_mean("comittee", ["committee", "board"])
    " (did you mean 'committee'?)"
    >>> did_you_mean("zzz", ["committee", "board"])
    ''
    >>> did_you_mean(3, ["a"])
    ''
    """
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: Iterable[str]) -> str:
    """List allowed values the way the messages do.

    >>> one_of(["b", "a"])
    'a, b'
    """
    return ", ".join(sorted(choices))
