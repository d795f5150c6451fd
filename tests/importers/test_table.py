"""govgraph import table: mappings, parents by id and by name, edge tables, constants, statuses."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import govgraph as gg


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "groups.csv").write_text(
        textwrap.dedent("""\
            Code,Group,Type,Parents,State
            HWB,Health and Wellbeing Board,board,,Active
            JCB,Joint Commissioning Board,board,Health and Wellbeing Board,active
            MH,Mental Health Partnership,partnership,Joint Commissioning Board; Health and Wellbeing Board,Active
            OLD,Old Forum,forum,Health And Wellbeing Board,Dissolved
            """),
        encoding="utf-8",
    )
    return tmp_path


def test_parents_by_name_with_a_separator(folder: Path) -> None:
    imported = gg.read_table(
        folder / "groups.csv", id="Code", name="Group", kind="Type", parent="Parents", parent_by="name",
        separator=";", relationship="reports_to", status="State",
    )  # fmt: skip
    s = imported.structure
    assert [(b.id, b.kind.value, b.status.value) for b in s.bodies] == [
        ("HWB", "board", "active"),
        ("JCB", "board", "active"),
        ("MH", "partnership", "active"),
        ("OLD", "forum", "dissolved"),
    ]
    assert s.body("OLD").metadata == {"Type": "forum", "State": "Dissolved"}
    assert [(r.source, r.kind.value, r.target) for r in s.relationships] == [
        ("JCB", "reports_to", "HWB"),
        ("MH", "reports_to", "JCB"),
        ("MH", "reports_to", "HWB"),
    ]
    [dangling] = imported.findings
    assert (dangling.rule, dangling.row, dangling.bodies) == ("dangling-reference", 5, ["OLD"])
    assert dangling.message == (
        "'OLD' names parent 'Health And Wellbeing Board', which is the name of no row "
        "(did you mean 'Health and Wellbeing Board'?); the edge is left out"
    )
    assert [f.bodies for f in imported.check().by_rule("multiple-parents")] == [["MH", "HWB", "JCB"]]


def test_a_name_shared_by_two_rows_is_ambiguous(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,name,parent\na,Board,\nb,Board,\nc,Group,Board\n", encoding="utf-8")
    [finding] = gg.read_table(tmp_path / "t.csv", parent="parent", parent_by="name").findings
    assert (
        finding.message
        == "'c' names parent 'Board', the name of 2 rows (ids a, b): give the id instead; the edge is left out"
    )


def test_self_parent_and_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,name,parent\na,A,a\nb,B,a\nb,B,a\nb,Bee,a\n", encoding="utf-8")
    imported = gg.read_table(tmp_path / "t.csv", parent="parent")
    assert [(f.rule, f.row, f.message) for f in imported.findings] == [
        ("self-reference", 2, "'a' names itself as its parent; the edge is left out"),
        (
            "duplicate-id",
            5,
            "id 'b' repeats the id of row 3 but differs in name; row 3 is kept, this row's values are in "
            "metadata.duplicate_rows",
        ),
    ]
    assert imported.structure.body("b").metadata == {"duplicate_rows": [{"row": 5, "name": "Bee"}]}
    assert [(r.source, r.target) for r in imported.structure.relationships] == [("b", "a")]


def test_two_source_ids_never_become_one_body(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,name\nA B,first\nA-B,second\nA/B,third\n", encoding="utf-8")
    s = gg.read_table(tmp_path / "t.csv").structure
    assert [(b.id, b.metadata.get("source_id")) for b in s.bodies] == [
        ("A-B", "A B"),
        ("A-B-2", "A-B"),
        ("A-B-3", "A/B"),
    ]


def test_edge_tables_merge_repeated_rows_and_links_with_either_way(tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,name\na,A\nb,B\nc,C\n", encoding="utf-8")
    (tmp_path / "e.csv").write_text(
        "source,target,kind,note\nb,a,sub_group_of,x\nb,a,sub_group_of,y\nb,c,links_with,\nc,b,links_with,\n"
        "c,c,reports_to,\n,a,reports_to,\n",
        encoding="utf-8",
    )
    imported = gg.read_table(tmp_path / "n.csv", edges=[tmp_path / "e.csv"])
    assert [(r.source, r.kind.value, r.target, r.metadata) for r in imported.structure.relationships] == [
        ("b", "sub_group_of", "a", {"note": "x"}),
        ("b", "links_with", "c", {}),
    ]
    assert [(f.rule, f.row, f.message) for f in imported.findings] == [
        ("self-reference", 6, "row 6: 'c' reports_to itself; the edge is left out"),
        ("dangling-reference", 7, "row 7 has no source (source); the edge is left out"),
    ]


def test_an_unknown_edge_kind_is_refused_with_its_row(tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,name\na,A\nb,B\n", encoding="utf-8")
    (tmp_path / "e.csv").write_text("source,target,kind\nb,a,parent\n", encoding="utf-8")
    with pytest.raises(gg.StructureError, match=r"e\.csv:2:1: error: row 2: kind 'parent' is not a relationship kind"):
        gg.read_table(tmp_path / "n.csv", edges=[tmp_path / "e.csv"])


def test_mapping_with_constants_and_two_tables(tmp_path: Path) -> None:
    (tmp_path / "regions.csv").write_text("REGION_CODE,REGION_NAME\nY56,London\nY58,South West\n", encoding="utf-8")
    (tmp_path / "icbs.csv").write_text(
        "Code,Name,Region\nQMJ,North Central London,Y56\nQE1,Cornwall,Y58\nqmj,Lower case twin,Y56\n", encoding="utf-8"
    )
    (tmp_path / "map.yaml").write_text(
        textwrap.dedent("""\
            name: NHS England regions and ICBs
            tables:
              - {file: regions.csv, id: REGION_CODE, name: REGION_NAME, kind: statutory_body, sovereign: true,
                 level: region}
              - file: icbs.csv
                id: Code
                name: Name
                kind: board
                authority: executive
                level: icb
                areas: [england]
                parent: {column: Region, relationship: accountable_to}
            """),
        encoding="utf-8",
    )
    imported = gg.read_table(mapping=tmp_path / "map.yaml")
    s = imported.structure
    assert s.name == "NHS England regions and ICBs"
    assert [(b.id, b.kind.value, b.sovereign, b.level) for b in s.bodies] == [
        ("Y56", "statutory_body", True, "region"),
        ("Y58", "statutory_body", True, "region"),
        ("QMJ", "board", False, "icb"),
        ("QE1", "board", False, "icb"),
        ("qmj", "board", False, "icb"),
    ]
    assert [level.id for level in s.levels] == ["region", "icb"]
    assert s.routes_up("QMJ") == [["QMJ", "Y56"]]
    assert imported.check().findings == []
    assert imported.rows["QE1"] == (str(tmp_path / "icbs.csv"), 3)


def test_mapping_file_problems_are_located(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text("tables:\n  - {file: t.csv, colour: red}\n", encoding="utf-8")
    with pytest.raises(gg.StructureError) as raised:
        gg.read_table(mapping=tmp_path / "map.yaml")
    assert [str(p).replace(f"{tmp_path}/", "") for p in raised.value.errors] == [
        "map.yaml:2:19: error: tables[0].colour: unknown key 'colour'; allowed keys: file, sheet, id, name, kind, "
        "sovereign, authority, level, areas, service_areas, parent, status"
    ]


def test_relationship_option_must_be_a_kind(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,name,parent\na,A,\n", encoding="utf-8")
    with pytest.raises(gg.StructureError, match="--relationship 'parent_of' is not a relationship kind; one of: "):
        gg.read_table(tmp_path / "t.csv", parent="parent", relationship="parent_of")
