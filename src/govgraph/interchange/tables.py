"""A structure as four tables — bodies, relationships, members, findings — for
spreadsheets (a folder of CSV files) and for pandas (DataFrames).

Columns, in this order, in both forms:

- ``bodies``: the body fields in the order of the file format (``id``, ``name``,
  ``kind``, ``authority``, ``sovereign``, ``level``, ``areas``, ``service_areas``,
  ``remit``, ``chair``, ``status``, ``established``, ``dissolved``, ``sources``,
  ``notes``, ``metadata``); members have a table of their own.
- ``relationships``: ``source``, ``kind``, ``target``, ``status``, ``established``,
  ``dissolved``, ``note``, ``sources``, ``metadata``.
- ``members``: ``body`` (the body sat on), ``position`` (1 for its first member),
  ``member_body`` or ``member_name``, ``sector``, ``role``.
- ``findings``: ``rule``, ``severity``, ``message``, ``bodies``, ``path``,
  ``waived``, ``reason``, in the report's order.

In CSV: UTF-8 without a byte-order mark, one header row, RFC 4180 quoting;
true/false as ``true``/``false``, dates as ``YYYY-MM-DD``, lists and mappings
as JSON text (``["devon","exeter"]``, ``[{"source":"devon-2003","at":"4.1"}]``),
and a field holding nothing — no value, an empty list or mapping — as an empty
cell. In pandas: the same columns holding Python values (lists, dicts,
``datetime.date``), ``None`` for nothing.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .._files import write_atomically
from ..checks.engine import FINDINGS_FRAME
from ..model import Body, BodyKind, Relationship, RelationshipKind, Structure, shortcuts
from ._values import json_text

if TYPE_CHECKING:
    import pandas

    from ..checks import Report

__all__ = [
    "BODY_COLUMNS",
    "FINDING_COLUMNS",
    "MEMBER_COLUMNS",
    "RELATIONSHIP_COLUMNS",
    "TABLES",
    "csv_text",
    "findings_frame",
    "mapping_text",
    "rows",
    "to_csv",
    "to_frames",
]

BODY_COLUMNS: tuple[str, ...] = tuple(name for name in Body.model_fields if name != "members")
RELATIONSHIP_COLUMNS: tuple[str, ...] = tuple(Relationship.model_fields)
MEMBER_COLUMNS = ("body", "position", "member_body", "member_name", "sector", "role")
FINDING_COLUMNS = ("rule", "severity", "message", "bodies", "path", "waived", "reason")
TABLES = ("bodies", "relationships", "members", "findings")
MAPPING = "mapping.yaml"


def rows(structure: Structure, report: Report | None = None) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    """The four tables as (columns, rows of Python values); ``report`` defaults to
    :func:`govgraph.check` of the structure."""
    if report is None:
        from ..checks import check

        report = check(structure)
    bodies = []
    members = []
    for body in structure.bodies:
        values = body.model_dump(mode="python", exclude={"members"})
        bodies.append([_python(values[column]) for column in BODY_COLUMNS])
        for position, member in enumerate(body.members, 1):
            members.append([body.id, position, member.body, member.name, member.sector.value, member.role])
    relationships = [
        [_python(values[column]) for column in RELATIONSHIP_COLUMNS]
        for values in (relation.model_dump(mode="python") for relation in structure.relationships)
    ]
    return {
        "bodies": (BODY_COLUMNS, bodies),
        "relationships": (RELATIONSHIP_COLUMNS, relationships),
        "members": (MEMBER_COLUMNS, members),
        "findings": (FINDING_COLUMNS, _finding_rows(report)),
    }


def _finding_rows(report: Report) -> list[list[Any]]:
    return [[f.rule, f.severity.value, f.message, list(f.bodies), f.path, f.waived, f.reason] for f in report.findings]


def _python(value: Any) -> Any:
    """Enum members as their text, models (citations) as plain mappings."""
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, list):
        return [_python(item) for item in value]
    return value


def _cell(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json_text(_jsonable(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def csv_text(columns: Sequence[str], records: Iterable[Sequence[Any]]) -> str:
    """One table as CSV text: a header row, then a row per record."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in record] for record in records)
    return out.getvalue()


def mapping_text(structure: Structure) -> str:
    """The mapping file for ``govgraph import table --map`` that reads the bodies
    and relationships tables back (SPEC §5): ids, names, kinds and relationships;
    the importer keeps every other column in ``metadata``."""
    body_kinds = {kind.value: kind.value for kind in BodyKind}
    relation_kinds = {kind.value: kind.value for kind in RelationshipKind}
    mapping = {
        "tables": [
            {"file": "bodies.csv", "id": "id", "name": "name", "kind": {"column": "kind", "values": body_kinds}}
        ],
        "edges": [
            {
                "file": "relationships.csv",
                "source": "source",
                "target": "target",
                "kind": {"column": "kind", "values": relation_kinds},
                "by": "id",
            }
        ],
    }
    header = (
        f"# Written by govgraph export for the structure {json_text(structure.name)}.\n"
        "# Read the tables back with: govgraph import table --map mapping.yaml\n"
        "# (ids, names, kinds and relationships; every other column goes to metadata)\n"
    )
    return header + yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100)


def to_csv(structure: Structure, folder: str | os.PathLike[str], *, report: Report | None = None) -> list[Path]:
    """Write ``bodies.csv``, ``relationships.csv``, ``members.csv``, ``findings.csv``
    and ``mapping.yaml`` into ``folder`` (made if missing), each atomically.

    ``report`` defaults to :func:`govgraph.check` of the structure. Returns the
    paths written.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = [
        write_atomically(target / f"{name}.csv", csv_text(columns, records))
        for name, (columns, records) in rows(structure, report).items()
    ]
    written.append(write_atomically(target / MAPPING, mapping_text(structure)))
    return written


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "DataFrames need pandas, which govgraph does not install by itself: pip install 'govgraph[pandas]'"
        ) from None
    return pandas


def to_frames(structure: Structure, report: Report | None = None) -> dict[str, pandas.DataFrame]:
    """The four tables as pandas DataFrames: ``{"bodies": ..., "relationships": ...,
    "members": ..., "findings": ...}``. Needs pandas (``pip install 'govgraph[pandas]'``).

    >>> import govgraph as gg
    >>> frames = gg.load("examples/devon/devon.yaml").to_frames()
    >>> frames["bodies"].shape, frames["relationships"].shape
    ((51, 16), (109, 9))
    >>> int((frames["relationships"]["kind"] == "sub_group_of").sum())
    8
    """
    pandas = _pandas()
    return {
        name: pandas.DataFrame(records, columns=list(columns))
        for name, (columns, records) in rows(structure, report).items()
    }


def findings_frame(report: Report) -> pandas.DataFrame:
    """A report's findings as a DataFrame (the ``findings`` table)."""
    pandas = _pandas()
    return pandas.DataFrame(_finding_rows(report), columns=list(FINDING_COLUMNS))


# Structure.to_frames and Report.to_frame are shortcuts to these functions.
shortcuts.to_frames.fill(to_frames)
FINDINGS_FRAME.fill(findings_frame)
