"""Properties of the importers: no input crashes them, ids are kept as written, output is deterministic."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import govgraph as gg

READERS = {
    "organogram": lambda path: gg.read_organogram(path),
    "govuk": lambda path: gg.read_govuk(path),
    "table": lambda path: gg.read_table(path, parent="parent", separator=";"),
}

cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


def _attempt(reader: str, data: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            imported = READERS[reader](path)
        except gg.StructureError as error:
            assert error.errors and all(str(p).startswith(f"{path}:") for p in error.errors)
            return
        imported.check()  # and every rule runs on whatever was imported
        gg.loads(gg.dumps(imported.structure))  # which is a valid structure


@given(st.sampled_from(sorted(READERS)), st.binary(max_size=300))
def test_no_bytes_crash_an_importer(reader: str, data: bytes) -> None:
    _attempt(reader, data, ".json" if reader == "govuk" else ".csv")


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=8))
def test_any_csv_with_the_right_header_imports_or_is_refused_clearly(rows: list[list[str]]) -> None:
    for header, reader in (
        (["Post Unique Reference", "Job Title", "Reports to Senior Post"], "organogram"),
        (["id", "name", "parent"], "table"),
    ):
        text = io.StringIO()
        csv.writer(text).writerows([header, *rows])
        _attempt(reader, text.getvalue().encode("utf-8"))


codes = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True)


@given(st.lists(codes, min_size=1, max_size=10, unique=True), st.data())
def test_table_ids_that_fit_the_pattern_are_kept_as_written(ids: list[str], data: st.DataObject) -> None:
    parents = [data.draw(st.sampled_from(["", *ids[:index]])) for index in range(len(ids))]
    text = "id,name,parent\n" + "".join(f"{i},Body {i},{p}\n" for i, p in zip(ids, parents, strict=True))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(text, encoding="utf-8")
        first = gg.read_table(path, parent="parent")
        again = gg.read_table(path, parent="parent")
    assert [b.id for b in first.structure.bodies] == ids
    assert first.findings == []
    assert {(r.source, r.target) for r in first.structure.relationships} == {
        (i, p) for i, p in zip(ids, parents, strict=True) if p
    }
    assert gg.dumps(first.structure) == gg.dumps(again.structure)  # deterministic
    assert gg.loads(gg.dumps(first.structure)) == first.structure
