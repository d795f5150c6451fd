"""What an import finds in its source, and what an import gives back.

Every defect of a source is an :class:`ImportFinding` carrying the file and
row it was found at (rows numbered as a spreadsheet shows them: the header is
row 1, the first record row 2). :class:`Imported` holds the structure built
from the source with those findings; :meth:`Imported.check` adds the findings
of every rule on what was imported, each placed at the row of its subject.

Import rule ids (SPEC §5):

- ``dangling-reference`` (error): a row names an id or name that is not in the
  source; the edge is left out.
- ``self-reference`` (error): a row reports to itself; the edge is left out.
- ``duplicate-id`` (error): a repeated id whose rows disagree; the first row's
  values are kept, the others in ``metadata.duplicate_rows``. Rows that agree
  (job shares) are merged silently.
- ``unreciprocated-listing`` (warning): a registry's parent does not list the
  child back, or lists a child that does not exist.
- ``blank-id`` (error): a row has no id; it is kept as a body ``row-N``.

>>> Ids().make("RGT01"), Ids().make("EOE HEE 001"), Ids().make("  ")
('RGT01', 'EOE-HEE-001', '')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ConfigDict

from ..checks import Report, check
from ..checks.engine import Finding
from ..model import Structure
from ..registry import Severity

__all__ = ["IMPORT_RULES", "Ids", "ImportFinding", "Imported", "fold", "likely"]

#: Import rule id → (default severity, what it means).
IMPORT_RULES: dict[str, tuple[Severity, str]] = {
    "dangling-reference": (Severity.ERROR, "a row names an id or name that is not in the source; the edge is left out"),
    "self-reference": (Severity.ERROR, "a row reports to itself; the edge is left out"),
    "duplicate-id": (Severity.ERROR, "a repeated id whose rows disagree; the first row is kept"),
    "unreciprocated-listing": (
        Severity.WARNING,
        "a registry's parent does not list the child back, or lists a child that does not exist",
    ),
    "blank-id": (Severity.ERROR, "a row has no id; it is kept as a body named after its row"),
}

#: How to fix each import finding, printed once per rule in the text report.
FIXES = {
    "dangling-reference": "correct the reference in the source, or add the row it names",
    "self-reference": "give the post the one it really reports to (XX for a top post)",
    "duplicate-id": "give each row its own id, or make job-share rows agree",
    "unreciprocated-listing": "list the link on both sides in the register",
    "blank-id": "give the row an id",
}


class ImportFinding(Finding):
    """A finding with the source ``file`` and ``row`` it was found at.

    Rows are numbered as a spreadsheet shows them (the header is row 1); for a
    JSON source, ``row`` is the line where the record starts.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str | None = None
    row: int | None = None

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.severity.rank, self.rule, self.file or "", self.row or 0, self.bodies, self.message)

    @property
    def where(self) -> str:
        """``file.csv:4`` (or just the file, or nothing) for the text report."""
        if self.file is None:
            return ""
        return f"{self.file}:{self.row}" if self.row is not None else self.file


def finding(rule: str, message: str, bodies: Iterable[str], file: str, row: int | None) -> ImportFinding:
    """An import finding of one of :data:`IMPORT_RULES`, at its default severity."""
    return ImportFinding(
        rule=rule, severity=IMPORT_RULES[rule][0], message=message, bodies=list(bodies), file=file, row=row
    )


@dataclass(frozen=True)
class Imported:
    """What an importer gives back: the structure, and every defect of its source.

    ``structure`` loads and checks like any other (the edges a defect made
    impossible are left out, each with its finding); ``findings`` are the
    source's defects, each with ``file`` and ``row``; ``rows`` maps each body
    id to the (file, row) it came from.
    """

    structure: Structure
    findings: list[ImportFinding]
    rows: Mapping[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # In source order: file, then row; a row's findings in the order they were found.
        ordered = sorted(self.findings, key=lambda f: (f.file or "", f.row or 0))
        object.__setattr__(self, "findings", ordered)

    def check(self, *, config: Mapping[str, Any] | None = None, **settings: Any) -> Report:
        """A report with the import findings and those of every rule on the structure,
        each rule finding placed at the row of its subject body."""
        placed: list[Finding] = list(self.findings)
        for found in check(self.structure, config=config, **settings):
            file, row = self.rows.get(found.bodies[0], (None, None)) if found.bodies else (None, None)
            placed.append(ImportFinding.model_construct(**found.__dict__, file=file, row=row))
        return Report(self.structure, placed)

    @property
    def ok(self) -> bool:
        """True when the source has no defect of severity error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class Ids:
    """Source ids → govgraph ids (SPEC §5): kept as written where they fit the id
    pattern, other characters made ``-``; two source ids never become one id (the
    later gets ``-2``, ``-3``, …)."""

    def __init__(self) -> None:
        self.of: dict[str, str] = {}
        self.taken: set[str] = set()

    @staticmethod
    def clean(source_id: str) -> str:
        """The id pattern's version of ``source_id`` (maybe empty)."""
        if _ID.fullmatch(source_id):
            return source_id
        return _NOT_ID.sub("-", source_id.strip()).lstrip("._-")[:100].rstrip("-")

    def make(self, source_id: str) -> str:
        """The id of ``source_id``, made on first sight."""
        made = self.of.get(source_id)
        if made is None:
            made = self.fresh(source_id)
            self.of[source_id] = made
        return made

    def fresh(self, source_id: str, fallback: str = "") -> str:
        """A new id for ``source_id`` even if it was seen before (a vacant post's "0")."""
        base = self.clean(source_id) or fallback
        if not base:
            return ""
        made, number = base, 2
        while made in self.taken:
            made = f"{base[:95]}-{number}"
            number += 1
        self.taken.add(made)
        return made


def fold(text: str) -> str:
    """Text with case and spacing ignored, to name the id a near-miss meant."""
    return "".join(text.split()).casefold()


def likely(reference: str, folded: Mapping[str, str]) -> str:
    """`` (did you mean 'X'?)`` when ``reference`` matches a source id only with case
    or spacing ignored (``folded`` maps :func:`fold` of each id to the id)."""
    meant = folded.get(fold(reference))
    return f" (did you mean '{meant}'?)" if meant is not None and meant != reference else ""
