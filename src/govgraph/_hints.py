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

    Ids are case-sensitive: one that differs from a choice only in case or
    spacing names that choice first, however short.

    >>> did_you_mean("qmj", ["QMJ", "qmk"])
    " (did you mean 'QMJ'?)"
    """
    if not isinstance(word, str):
        return ""
    choices = list(choices)
    folded = _fold(word)
    same = sorted(choice for choice in choices if _fold(choice) == folded and choice != word)
    if same:
        return f" (did you mean '{same[0]}'?)"
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _fold(text: str) -> str:
    """Text with case and spacing ignored: what a reference that differs only in them shares."""
    return "".join(text.split()).casefold()


def one_of(choices: Iterable[str]) -> str:
    """List allowed values the way the messages do.

    >>> one_of(["b", "a"])
    'a, b'
    """
    return ", ".join(sorted(choices))
