"""Importers: real data in (SPEC §5).

- :func:`read_organogram` — a data.gov.uk senior-staff organogram (CSV or XLSX)
- :func:`read_govuk` — the GOV.UK organisations API records (JSON)
- :func:`read_table` — any node and edge tables (CSV or XLSX) with a column mapping

Each returns an :class:`Imported`: the :class:`~govgraph.Structure` and the
source's defects as :class:`ImportFinding` objects with their file and row.
A file that is not of the expected shape raises :class:`~govgraph.StructureError`.
"""

from __future__ import annotations

from .findings import IMPORT_RULES, Imported, ImportFinding
from .govuk import read_govuk
from .organogram import read_organogram
from .table import EdgeTable, NodeTable, Parent, TableMapping, ValueMap, read_table

__all__ = [
    "IMPORT_RULES",
    "EdgeTable",
    "ImportFinding",
    "Imported",
    "NodeTable",
    "Parent",
    "TableMapping",
    "ValueMap",
    "read_govuk",
    "read_organogram",
    "read_table",
]
