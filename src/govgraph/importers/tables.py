"""Reading tables for the importers: CSV (UTF-8, with or without a BOM, or UTF-16
with a BOM; any line ending) and XLSX (with openpyxl, the ``xlsx`` extra).

A file that is not a table of the expected shape — empty, binary, an old
``.xls``, another encoding, a header without the columns asked for — raises
:class:`~govgraph.StructureError` naming the file, the line and what was
expected. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._hints import did_you_mean
from ..errors import Problem, StructureError

__all__ = ["MAX_BYTES", "Table", "read_bytes", "read_table_file", "refuse"]

#: A longest line worth reading as a table row; past this the file is not a table.
MAX_CELL = 1 << 20
#: The largest file read as a table or register (the largest real organogram is 0.2 MB).
MAX_BYTES = 64 << 20


@dataclass(frozen=True)
class Table:
    """A table as read: the file, its column names and its rows (as ``(row number, cells)``)."""

    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]

    def require(self, columns: Iterable[str | None], what: str) -> None:
        """Refuse the table unless it has every named column."""
        missing = [c for c in columns if c is not None and c not in self.columns]
        if missing:
            found = ", ".join(repr(c) for c in self.columns) or "none"
            hints = "".join(did_you_mean(c, self.columns) for c in missing[:1])
            names = ", ".join(repr(c) for c in missing)
            refuse(
                self.file,
                1,
                f"missing column{'s' if len(missing) > 1 else ''} {names}{hints}: expected {what}; "
                f"the header (row 1) has: {found}",
            )


def refuse(file: str, line: int | None, message: str, column: int | None = None) -> None:
    """Raise the :class:`StructureError` for a file that cannot be imported."""
    raise StructureError([Problem(file, line or 1, column or 1, "", message)])


def read_table_file(
    path: str | os.PathLike[str], *, sheet: str | None = None, what: str = "a table", prefer: str | None = None
) -> Table:
    """Read a CSV or XLSX file into a :class:`Table`: of a workbook, ``sheet``, else the
    first sheet whose name contains ``prefer`` (in any case), else the first sheet."""
    file = os.fspath(path)
    data = read_bytes(file, what)
    if data.startswith(b"PK\x03\x04") or Path(file).suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(file, data, sheet, what, prefer)
    return _read_csv(file, data, what)


def read_bytes(file: str, what: str) -> bytes:
    """The file's bytes, refusing one too large to be a table before reading it."""
    size = Path(file).stat().st_size
    if size > MAX_BYTES:
        refuse(
            file,
            1,
            f"the file is {size / (1 << 20):.0f} MB, more than the {MAX_BYTES >> 20} MB govgraph reads as {what}: "
            "split it into smaller files",
        )
    return Path(file).read_bytes()


def _decode(file: str, data: bytes, what: str) -> str:
    if not data.strip():
        refuse(file, 1, f"the file is empty: expected {what}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            refuse(file, None, f"not valid UTF-16 text ({error.reason}): save it as CSV UTF-8")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        refuse(file, None, f"an Excel 97-2003 workbook (.xls), not {what}: save it as .xlsx or as CSV UTF-8")
    if b"\x00" in data[:65536]:
        refuse(file, None, f"a binary file, not {what}: expected CSV text (UTF-8) or an .xlsx workbook")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        refuse(
            file,
            line,
            f"not UTF-8 text (byte 0x{data[error.start]:02x}): save it as CSV UTF-8 "
            "(in Excel: Save As, 'CSV UTF-8 (Comma delimited)')",
            column,
        )
    raise AssertionError("unreachable")  # pragma: no cover


def _read_csv(file: str, data: bytes, what: str) -> Table:
    text = _decode(file, data, what)
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=False)
        try:
            header = next(reader)
        except StopIteration:
            refuse(file, 1, f"the file is empty: expected {what}")
        columns = _columns(file, header, what)
        rows: list[tuple[int, dict[str, str]]] = []
        width = len(columns)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, as spreadsheets leave at the end
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            elif len(cells) > width and any(cell.strip() for cell in cells[width:]):
                refuse(
                    file,
                    number,
                    f"row {number} has {len(cells)} cells but the header has {width} columns: "
                    "a cell with a comma needs quotes",
                )
            rows.append((number, dict(zip(columns, cells, strict=False))))
    except csv.Error as error:
        line = getattr(reader, "line_num", 1) or 1
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = f"a cell longer than {MAX_CELL // 1024} KB: not {what} in CSV"
        refuse(file, line, f"cannot read it as CSV: {reason}")
    finally:
        csv.field_size_limit(limit)
    return Table(file, columns, rows)


def _columns(file: str, header: list[Any], what: str) -> list[str]:
    columns = ["" if cell is None else str(cell).strip() for cell in header]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        refuse(file, 1, f"row 1 is blank: expected {what} with a header row")
    seen: set[str] = set()
    for position, name in enumerate(columns, start=1):
        if name and name in seen:
            refuse(file, 1, f"column {name!r} appears twice in the header: rename one", position)
        seen.add(name)
    return columns


def _read_xlsx(file: str, data: bytes, sheet: str | None, what: str, prefer: str | None = None) -> Table:
    try:
        import openpyxl
    except ImportError:
        refuse(file, None, "reading .xlsx needs openpyxl: pip install 'govgraph[xlsx]' (or save the sheet as CSV)")
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        refuse(file, None, f"not a readable .xlsx workbook ({type(error).__name__}: {error}): expected {what}")
    if sheet is not None and sheet not in values.sheetnames:
        refuse(
            file,
            None,
            f"no sheet {sheet!r}{did_you_mean(sheet, values.sheetnames)}; sheets: {', '.join(values.sheetnames)}",
        )
    preferred = [n for n in values.sheetnames if prefer and prefer.casefold() in n.casefold()]
    name = sheet or (preferred or values.sheetnames)[0]
    book, source = values[name], formulas[name]
    grid: list[list[Any]] = [list(row) for row in book.iter_rows(values_only=True)]
    for merged in book.merged_cells.ranges:  # a merged block shows its value in every cell
        top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else None
        for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
            row = grid[r - 1]
            for c in range(merged.min_col, merged.max_col + 1):
                if c - 1 < len(row):
                    row[c - 1] = top
    if not grid:
        refuse(file, 1, f"sheet {name!r} is empty: expected {what} with a header row")
    columns = _columns(file, grid[0], what)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in enumerate(grid[1:], start=2):
        texts = [_cell_text(cell) for cell in cells[: len(columns)]]
        for position, text in enumerate(texts):
            if text == "":
                formula = source.cell(row=number, column=position + 1).value
                if isinstance(formula, str) and formula.startswith("="):
                    refuse(
                        file,
                        number,
                        f"cell {_letter(position)}{number} holds the formula {formula} with no saved value: "
                        "open and save the workbook in Excel or LibreOffice so its values are stored",
                        position + 1,
                    )
        if not any(text.strip() for text in texts):
            continue
        texts += [""] * (len(columns) - len(texts))
        rows.append((number, dict(zip(columns, texts, strict=True))))
    return Table(file, columns, rows)


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return str(cell.isoformat())[:10] if getattr(cell, "hour", 0) == 0 else str(cell.isoformat())
    return str(cell)


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
