"""Hostile input for every importer: each class of bad file gets a located message, never a traceback.

Covered for organogram, govuk and table: wrong columns or shape, a byte-order mark,
CRLF line ends, UTF-16, another encoding, binary, empty, an old .xls, a huge line, a file
over the size limit, a blank id and an id with spaces; XLSX with merged cells and with
formulas that have no saved value; and a large valid file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import govgraph as gg
from govgraph.importers.tables import MAX_BYTES

HEADER = "Post Unique Reference,Grade,Job Title,Unit,Reports to Senior Post,FTE\n"
POSTS = (
    "T1,SCS4,Permanent Secretary,Office,XX,1\n"
    "A 1,SCS2,Director,Policy,T1,1\n"
    ",SCS1,Deputy Director,Policy,A 1,1\n"
    "B1,SCS1,Head of Operations,Ops,t1,1\n"
)
ORGANOGRAM_WHAT = (
    "a data.gov.uk senior organogram (a header row with 'Post Unique Reference' and 'Reports to Senior Post')"
)
NODES = "id,name,parent\nY56,NHS England London,\nQMJ,North Central London ICB,Y56\nRAL 01,Royal Free,QMJ\n,No id,QMJ\n"
TABLE_WHAT = "a table with a header row"
GOVUK_WHAT = 'GOV.UK organisations API records (a JSON list of organisations, or {"results": [...]})'


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _error(read: Callable[[Path], object], path: Path) -> str:
    with pytest.raises(gg.StructureError) as raised:
        read(path)
    [problem] = raised.value.errors
    return str(problem).replace(f"{path.parent}/", "")  # the message as for a file named in the working folder


def _organogram(path: Path) -> gg.Imported:
    return gg.read_organogram(path)


def _table(path: Path) -> gg.Imported:
    return gg.read_table(path, parent="parent")


# -- the same text in every encoding and line ending a spreadsheet may save -------------------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), id="bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-16"), id="utf-16"),
    ],
)
def test_organogram_reads_any_utf_encoding_and_line_end_alike(tmp_path: Path, encode: Callable[[str], bytes]) -> None:
    imported = gg.read_organogram(_write(tmp_path, "o.csv", encode(HEADER + POSTS)))
    s = imported.structure
    assert [(b.id, b.name) for b in s.bodies] == [
        ("T1", "Permanent Secretary"),
        ("A-1", "Director"),
        ("row-4", "Deputy Director"),
        ("B1", "Head of Operations"),
    ]
    assert s.body("A-1").metadata == {"Grade": "SCS2", "Unit": "Policy", "FTE": "1", "source_id": "A 1"}
    assert [(r.source, r.target) for r in s.relationships] == [("A-1", "T1"), ("row-4", "A-1")]
    assert [(f.rule, f.row, f.message) for f in imported.findings] == [
        ("blank-id", 4, "row 4 has no Post Unique Reference; kept as post 'row-4'"),
        (
            "dangling-reference",
            5,
            "post 'B1' reports to 't1', which is not a post of this file (did you mean 'T1'?); the edge is left out",
        ),
    ]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), id="bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16"),
    ],
)
def test_table_reads_any_utf_encoding_and_line_end_alike(tmp_path: Path, encode: Callable[[str], bytes]) -> None:
    imported = gg.read_table(_write(tmp_path, "n.csv", encode(NODES)), parent="parent")
    s = imported.structure
    assert [b.id for b in s.bodies] == ["Y56", "QMJ", "RAL-01", "row-5"]
    assert s.body("RAL-01").metadata == {"source_id": "RAL 01"}
    assert s.routes_up("RAL-01") == [["RAL-01", "QMJ", "Y56"]]
    assert [(f.rule, f.row, f.message) for f in imported.findings] == [
        ("blank-id", 5, "row 5 has no id; kept as body 'row-5'")
    ]


def test_govuk_reads_a_bom_and_utf_16(tmp_path: Path) -> None:
    records = [
        {
            "id": "https://www.gov.uk/api/organisations/cabinet-office",
            "title": "Cabinet Office",
            "format": "Ministerial department",
        }
    ]
    text = json.dumps(records, indent=2)
    for data in (b"\xef\xbb\xbf" + text.encode(), text.replace("\n", "\r\n").encode("utf-16")):
        imported = gg.read_govuk(_write(tmp_path, "g.json", data))
        assert [(b.id, b.name, b.kind.value) for b in imported.structure.bodies] == [
            ("cabinet-office", "Cabinet Office", "organisation")
        ]


# -- files that are not what was expected --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param(
            "wrong.csv",
            "id,name,parent\n1,A,\n",
            f"wrong.csv:1:1: error: missing columns 'Post Unique Reference', 'Reports to Senior Post': "
            f"expected {ORGANOGRAM_WHAT}; the header (row 1) has: 'id', 'name', 'parent'",
            id="wrong-columns",
        ),
        pytest.param(
            "near.csv",
            "Post Unique Ref,Reports to Senior Post\nA,XX\n",
            "near.csv:1:1: error: missing column 'Post Unique Reference' (did you mean 'Post Unique Ref'?): "
            f"expected {ORGANOGRAM_WHAT}; the header (row 1) has: 'Post Unique Ref', 'Reports to Senior Post'",
            id="misspelt-column",
        ),
        pytest.param(
            "cp1252.csv",
            (HEADER + "T1,SCS4,Director \u00a3 pay,Office,XX,1\n").encode("cp1252"),
            "cp1252.csv:2:18: error: not UTF-8 text (byte 0xa3): save it as CSV UTF-8 "
            "(in Excel: Save As, 'CSV UTF-8 (Comma delimited)')",
            id="cp1252",
        ),
        pytest.param(
            "binary.csv",
            bytes(range(256)) * 8,
            f"binary.csv:1:1: error: a binary file, not {ORGANOGRAM_WHAT}: expected CSV text (UTF-8) or an .xlsx workbook",
            id="binary",
        ),
        pytest.param(
            "empty.csv", b"", f"empty.csv:1:1: error: the file is empty: expected {ORGANOGRAM_WHAT}", id="empty"
        ),
        pytest.param(
            "blank.csv",
            b" \r\n\r\n",
            f"blank.csv:1:1: error: the file is empty: expected {ORGANOGRAM_WHAT}",
            id="blank",
        ),
        pytest.param(
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
            f"old.xls:1:1: error: an Excel 97-2003 workbook (.xls), not {ORGANOGRAM_WHAT}: save it as .xlsx or as CSV UTF-8",
            id="xls",
        ),
        pytest.param(
            "line.csv",
            b"a" * (2 << 20),
            f"line.csv:1:1: error: cannot read it as CSV: a cell longer than 1024 KB: not {ORGANOGRAM_WHAT} in CSV",
            id="huge-line",
        ),
        pytest.param(
            "ragged.csv",
            HEADER + "T1,SCS4,Perm, Sec,Office,XX,1\n",
            "ragged.csv:2:1: error: row 2 has 7 cells but the header has 6 columns: a cell with a comma needs quotes",
            id="unquoted-comma",
        ),
        pytest.param(
            "header.csv",
            HEADER,
            f"header.csv:1:1: error: no posts: the file has a header row and nothing below it; expected {ORGANOGRAM_WHAT}",
            id="header-only",
        ),
        pytest.param(
            "twice.csv",
            "Post Unique Reference,Reports to Senior Post,Grade,Grade\nA,XX,1,2\n",
            "twice.csv:1:4: error: column 'Grade' appears twice in the header: rename one",
            id="repeated-column",
        ),
    ],
)
def test_organogram_refuses_what_is_not_an_organogram(
    tmp_path: Path, name: str, data: str | bytes, message: str
) -> None:
    assert _error(_organogram, _write(tmp_path, name, data)) == message


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param(
            "wrong.csv",
            "code,title\nA,B\n",
            "wrong.csv:1:1: error: missing column 'parent': expected the columns the mapping names "
            "(--id, --name, --kind, --parent, --status); the header (row 1) has: 'code', 'title'",
            id="wrong-columns",
        ),
        pytest.param(
            "binary.csv",
            b"\x00\x01\x02" * 100,
            f"binary.csv:1:1: error: a binary file, not {TABLE_WHAT}: expected CSV text (UTF-8) or an .xlsx workbook",
            id="binary",
        ),
        pytest.param("empty.csv", b"", f"empty.csv:1:1: error: the file is empty: expected {TABLE_WHAT}", id="empty"),
        pytest.param(
            "latin.csv",
            "id,name,parent\nA,Caf\u00e9,\n".encode("latin-1"),
            "latin.csv:2:6: error: not UTF-8 text (byte 0xe9): save it as CSV UTF-8 (in Excel: Save As, 'CSV UTF-8 "
            "(Comma delimited)')",
            id="latin-1",
        ),
        pytest.param(
            "fake.xlsx",
            b"PK\x03\x04 not really a zip",
            "fake.xlsx:1:1: error: not a readable .xlsx workbook (BadZipFile: File is not a zip file): "
            f"expected {TABLE_WHAT}",
            id="broken-xlsx",
        ),
        pytest.param(
            "header.csv",
            "id,name,parent\n",
            "header.csv:1:1: error: no rows: the node tables have a header row and nothing below it",
            id="header-only",
        ),
    ],
)
def test_table_refuses_what_is_not_a_table(tmp_path: Path, name: str, data: str | bytes, message: str) -> None:
    assert _error(_table, _write(tmp_path, name, data)) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param("", f"g.json:1:1: error: the file is empty: expected {GOVUK_WHAT}", id="empty"),
        pytest.param(
            '[{"id": 1,}]',
            f"g.json:1:11: error: not valid JSON (Expecting property name enclosed in double quotes): expected {GOVUK_WHAT}",
            id="not-json",
        ),
        pytest.param(
            "slug,title\na,b\n", f"g.json:1:1: error: not valid JSON (Expecting value): expected {GOVUK_WHAT}", id="csv"
        ),
        pytest.param(
            '{"organisations": []}', f"g.json:1:1: error: the JSON is an object: expected {GOVUK_WHAT}", id="object"
        ),
        pytest.param(
            '[\n  {"title": "No id"}\n]',
            f"g.json:2:1: error: a record has neither details.slug nor an id URL: expected {GOVUK_WHAT}",
            id="no-slug",
        ),
        pytest.param(
            '[\n  {"id": "a", "title": "A"},\n  "b"\n]',
            f"g.json:3:1: error: a record is text, not an organisation (a JSON object): expected {GOVUK_WHAT}",
            id="not-a-record",
        ),
        pytest.param("[]", f"g.json:1:1: error: no organisations in the file: expected {GOVUK_WHAT}", id="no-records"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00",
            f"g.json:1:1: error: a binary file, not {GOVUK_WHAT}: expected CSV text (UTF-8) or an .xlsx workbook",
            id="binary",
        ),
    ],
)
def test_govuk_refuses_what_is_not_the_register(tmp_path: Path, data: str | bytes, message: str) -> None:
    assert _error(gg.read_govuk, _write(tmp_path, "g.json", data)) == message


@pytest.mark.parametrize("read", [_organogram, _table, gg.read_govuk], ids=["organogram", "table", "govuk"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, read: Callable[[Path], object]
) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as stream:  # 100 MB, sparse: made at once, never read
        stream.truncate(100 << 20)
    message = _error(read, path)
    assert message.startswith("big.csv:1:1: error: the file is 100 MB, more than the 64 MB govgraph reads as ")
    assert message.endswith(": split it into smaller files")
    assert MAX_BYTES == 64 << 20


def test_a_large_organogram_imports_every_row(tmp_path: Path) -> None:
    lines = [HEADER, "P0,SCS4,Permanent Secretary,Office,XX,1\n"]
    lines += [f"P{n},SCS1,Post {n},Unit {n % 50},P{(n - 1) // 50},1\n" for n in range(1, 30000)]
    imported = gg.read_organogram(_write(tmp_path, "large.csv", "".join(lines)))
    assert len(imported.structure.bodies) == 30000
    assert len(imported.structure.relationships) == 29999
    assert imported.findings == []
    assert [f.rule for f in imported.check()] == []


# -- XLSX ------------------------------------------------------------------------------------------


openpyxl = pytest.importorskip("openpyxl")


def _workbook(tmp_path: Path, rows: list[list[object]], merge: list[str] = (), name: str = "t.xlsx") -> Path:  # type: ignore[assignment]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Posts"
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    path = tmp_path / name
    book.save(path)
    return path


def test_xlsx_merged_cells_give_their_value_to_every_row_they_span(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["Post Unique Reference", "Job Title", "Unit", "Reports to Senior Post"],
            ["T1", "Permanent Secretary", "Office", "XX"],
            ["D1", "Director", "Policy", "T1"],
            ["D2", "Director", None, None],
            [101, "Deputy", "Policy", "D1"],
        ],
        merge=["C3:C4", "D3:D4"],
    )
    imported = gg.read_organogram(path)
    s = imported.structure
    assert [(b.id, b.metadata.get("Unit")) for b in s.bodies] == [
        ("T1", "Office"),
        ("D1", "Policy"),
        ("D2", "Policy"),
        ("101", "Policy"),
    ]
    assert [(r.source, r.target) for r in s.relationships] == [("D1", "T1"), ("D2", "T1"), ("101", "D1")]
    assert imported.findings == []


def test_xlsx_formula_without_a_saved_value_is_refused_with_its_cell(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [["Post Unique Reference", "Reports to Senior Post"], ["T1", "XX"], ["D1", "=A2"]],
    )
    assert _error(_organogram, path) == (
        "t.xlsx:3:2: error: cell B3 holds the formula =A2 with no saved value: open and save the workbook in Excel "
        "or LibreOffice so its values are stored"
    )


def test_xlsx_table_with_a_sheet_and_kinds_from_a_column(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["Code", "Name", "Type", "Parent"],
            ["Y56", "London", "statutory_body", None],
            ["QMJ", "NCL ICB", "board", "Y56"],
        ],
    )
    imported = gg.read_table(path, sheet="Posts", id="Code", name="Name", kind="Type", parent="Parent")
    assert [(b.id, b.kind.value) for b in imported.structure.bodies] == [("Y56", "statutory_body"), ("QMJ", "board")]
    assert _error(lambda p: gg.read_table(p, sheet="Sheet9", parent="Parent"), path) == (
        "t.xlsx:1:1: error: no sheet 'Sheet9'; sheets: Posts"
    )


def test_xlsx_without_openpyxl_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    path = _workbook(tmp_path, [["id", "name"], ["a", "A"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert _error(lambda p: gg.read_table(p), path) == (
        "t.xlsx:1:1: error: reading .xlsx needs openpyxl: pip install 'govgraph[xlsx]' (or save the sheet as CSV)"
    )


def test_xlsx_organogram_is_read_from_the_senior_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["This workbook holds the organogram"])
    senior = book.create_sheet("(final data) senior-staff")
    for row in (
        ["Post Unique Reference", "Name", "Reports to Senior Post"],
        ["T1", "A Person", "XX"],
        ["D1", "Eliminated", "T1"],
        ["E1", "B Person", "D1"],
    ):
        senior.append(row)
    book.save(tmp_path / "dgu.xlsx")
    imported = gg.read_organogram(tmp_path / "dgu.xlsx")
    assert [(b.id, b.status.value) for b in imported.structure.bodies] == [
        ("T1", "active"),
        ("D1", "dissolved"),
        ("E1", "active"),
    ]
    assert [(f.rule, f.bodies) for f in imported.check()] == [
        ("orphaned-group", ["E1"]),  # its post was eliminated: no route to the top any more
        ("dissolved-in-use", ["D1", "T1"]),
        ("dissolved-in-use", ["E1", "D1"]),
    ]
