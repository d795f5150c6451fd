"""CSV tables and pandas DataFrames: columns, cell forms, the mapping file, and
the round trip through ``govgraph import table``."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings

import govgraph as gg
from govgraph.cli import main
from govgraph.interchange import CSV_FILES
from govgraph.strategies import structures

from .support import DEVON, devon

BODY_HEADER = (
    "id,name,kind,authority,sovereign,level,areas,service_areas,remit,chair,status,established,dissolved,"
    "sources,notes,metadata"
)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_devon_tables_have_51_bodies_109_relationships_and_every_member(tmp_path: Path) -> None:
    written = gg.to_csv(devon(), tmp_path)
    assert [p.name for p in written] == list(CSV_FILES)
    assert (tmp_path / "bodies.csv").read_text(encoding="utf-8").splitlines()[0] == BODY_HEADER
    assert (tmp_path / "relationships.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "source,kind,target,status,established,dissolved,note,sources,metadata"
    )
    bodies, relationships = read(tmp_path / "bodies.csv"), read(tmp_path / "relationships.csv")
    assert (len(bodies), len(relationships)) == (51, 109)
    assert len(read(tmp_path / "members.csv")) == sum(len(b.members) for b in devon().bodies) == 166
    findings = read(tmp_path / "findings.csv")
    assert len(findings) == 11 and all(row["waived"] == "true" for row in findings)
    dpt = next(row for row in bodies if row["id"] == "dpt")
    assert dpt["areas"] == '["devon","torbay"]'  # a list: JSON text
    assert dpt["remit"] == ""  # an empty list: an empty cell
    assert dpt["sovereign"] == "false"
    assert json.loads(dpt["sources"])[0] == {"source": "devon-2003", "at": "Fig. 1 footnote"}


def test_cells_hold_any_text_dates_and_json(tmp_path: Path) -> None:
    s = gg.Structure(
        name="S",
        bodies=[
            gg.Body(
                id="a",
                name='Board, "the" first\nline 2 — Ἀθῆναι',
                kind="board",
                established=date(2001, 2, 3),
                metadata={"n": 1.5, "list": [1, None]},
                members=[gg.Member(name="Carers", sector="carers", role="chair")],
            ),
            gg.Body(id="b", name="B", kind="committee"),
        ],
        relationships=[gg.Relationship(source="b", kind="sub_group_of", target="a", note="x,y")],
    )
    gg.to_csv(s, tmp_path)
    assert (tmp_path / "bodies.csv").read_bytes().startswith(b"id,name,")  # no byte-order mark
    row = read(tmp_path / "bodies.csv")[0]
    assert row["name"] == 'Board, "the" first\nline 2 — Ἀθῆναι'
    assert row["established"] == "2001-02-03"
    assert json.loads(row["metadata"]) == {"n": 1.5, "list": [1, None]}
    assert read(tmp_path / "members.csv") == [
        {"body": "a", "position": "1", "member_body": "", "member_name": "Carers", "sector": "carers", "role": "chair"}
    ]
    assert read(tmp_path / "relationships.csv")[0]["note"] == "x,y"


def test_the_mapping_file_has_the_shape_of_spec_5(tmp_path: Path) -> None:
    gg.to_csv(devon(), tmp_path)
    mapping = yaml.safe_load((tmp_path / "mapping.yaml").read_text(encoding="utf-8"))
    assert set(mapping) == {"tables", "edges"}
    [table] = mapping["tables"]
    assert {k: table[k] for k in ("file", "id", "name")} == {"file": "bodies.csv", "id": "id", "name": "name"}
    assert table["kind"] == {"column": "kind", "values": {k.value: k.value for k in gg.BodyKind}}
    [edges] = mapping["edges"]
    assert {k: edges[k] for k in ("file", "source", "target", "by")} == {
        "file": "relationships.csv",
        "source": "source",
        "target": "target",
        "by": "id",
    }
    assert edges["kind"] == {"column": "kind", "values": {k.value: k.value for k in gg.RelationshipKind}}


def test_tables_read_back_through_the_table_importer(tmp_path: Path) -> None:
    if not hasattr(gg, "read_table"):
        pytest.skip("needs the table importer")
    original = devon()
    gg.to_csv(original, tmp_path)
    imported = gg.read_table(mapping=tmp_path / "mapping.yaml")
    back = getattr(imported, "structure", imported)
    assert [(b.id, b.name, b.kind) for b in back.bodies] == [(b.id, b.name, b.kind) for b in original.bodies]
    assert sorted(r.key for r in back.relationships) == sorted(r.key for r in original.relationships)


def test_cli_writes_the_folder_and_never_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tables"
    assert main(["export", str(DEVON), "--to", "csv", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(CSV_FILES)
    assert capsys.readouterr().err.splitlines() == [f"wrote {out / name}" for name in CSV_FILES]
    structure = tmp_path / "mapping.yaml"
    structure.write_text(DEVON.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["export", str(structure), "--to", "csv", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"govgraph: error: {tmp_path} would overwrite the input {structure}: choose another -o\n"
    )
    assert structure.read_text(encoding="utf-8") == DEVON.read_text(encoding="utf-8")


def test_frames_are_the_same_tables() -> None:
    frames = devon().to_frames()
    assert list(frames) == ["bodies", "relationships", "members", "findings"]
    assert ",".join(frames["bodies"].columns) == BODY_HEADER
    assert [len(frames[name]) for name in frames] == [51, 109, 166, 11]
    dpt = frames["bodies"].set_index("id").loc["dpt"]
    assert dpt["areas"] == ["devon", "torbay"]  # Python values, not JSON text
    assert bool(dpt["sovereign"]) is False
    assert (frames["relationships"]["kind"] == "sub_group_of").sum() == 8


def test_report_to_frame_lists_the_findings_in_report_order() -> None:
    report = gg.check(devon())
    frame = report.to_frame()
    assert list(frame.columns) == ["rule", "severity", "message", "bodies", "path", "waived", "reason"]
    assert list(frame["rule"]) == [f.rule for f in report]
    assert frame["bodies"].iloc[0] == report.findings[0].bodies


def test_without_pandas_the_message_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'govgraph\[pandas\]'"):
        devon().to_frames()
    with pytest.raises(ImportError, match=r"govgraph\[pandas\]"):
        gg.check(devon()).to_frame()


@settings(max_examples=30)
@given(structures(max_bodies=6))
def test_any_structure_writes_tables_that_csv_reads_back_cell_for_cell(structure: gg.Structure) -> None:
    with tempfile.TemporaryDirectory() as folder:
        gg.to_csv(structure, folder)
        bodies = read(Path(folder) / "bodies.csv")
        assert [row["id"] for row in bodies] == [b.id for b in structure.bodies]
        assert [row["name"] for row in bodies] == [b.name for b in structure.bodies]
        relationships = read(Path(folder) / "relationships.csv")
        assert [(r["source"], r["kind"], r["target"]) for r in relationships] == [
            (r.source, r.kind.value, r.target) for r in structure.relationships
        ]
