"""``govgraph import``: check's text and JSON shapes with rows, filters, -o, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govgraph as gg
from govgraph.cli import main
from tests.importers.test_realdata import GOVUK, NYC, ORGANOGRAMS

HOCS = ORGANOGRAMS / "20131114-HOCS-Consolidated-September-2013-FINAL.csv"
ORG = """\
Post Unique Reference,Job Title,Reports to Senior Post
T1,Permanent Secretary,XX
D1,Director,T1
D2,Director,t1
D3,Director,D3
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_text_report_groups_by_rule_with_counts_first_and_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "org.csv").write_text(ORG, encoding="utf-8")
    status, out, err = _run(capsys, "import", "organogram", str(tmp_path / "org.csv"))
    file = str(tmp_path / "org.csv")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        f"{file}: org.csv — 4 bodies, 1 relationships; 1 top post: T1",
        "  errors (4): orphaned-group 2, dangling-reference 1, self-reference 1",
        "    dangling-reference (1):",
        f"      {file}:4: post 'D2' reports to 't1', which is not a post of this file (did you mean 'T1'?); "
        "the edge is left out",
        "      fix: correct the reference in the source, or add the row it names",
        "    orphaned-group (2):",
        f"      {file}:4: Director (D2) is orphaned: it has no upward relationship; add the relationship through which "
        "it answers to a root",
        f"      {file}:5: Director (D3) is orphaned: it has no upward relationship; add the relationship through which "
        "it answers to a root",
        "      fix: add the relationship through which the body answers to a root.",
        "    self-reference (1):",
        f"      {file}:5: post 'D3' reports to itself; the edge is left out",
        "      fix: give the post the one it really reports to (XX for a top post)",
        "  4 errors, 0 warnings, 0 info, 0 waived",
    ]


def test_limit_and_rule_filter_a_big_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "import", "organogram", str(HOCS), "--limit", "2", "--rule", "dangling-reference")
    lines = out.splitlines()
    assert status == 1
    assert lines[1] == "  errors (84): dangling-reference 84"
    assert lines[3].startswith(f"      {HOCS}:4: post '203349' reports to '00005654'")
    assert lines[5] == "      … 82 more (--limit 0 lists all, --rule dangling-reference only these)"
    status, out, _ = _run(capsys, "import", "organogram", str(HOCS), "--limit", "0", "--rule", "self-reference")
    assert out.splitlines()[-1] == "  1 error, 0 warnings, 0 info, 0 waived"
    status, out, _ = _run(capsys, "import", "organogram", str(HOCS), "--rule", "hierarchy-cycle")
    assert status == 0  # nothing left at or above error once filtered


def test_json_findings_carry_file_and_row(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "import", "organogram", str(HOCS), "--format", "json")
    [entry] = json.loads(out)["files"]
    assert status == 1
    assert entry["file"] == str(HOCS)
    assert entry["summary"] == {"error": 244, "warning": 0, "info": 0, "waived": 0}
    first = next(f for f in entry["findings"] if f["rule"] == "dangling-reference")
    assert first == {
        "rule": "dangling-reference",
        "severity": "error",
        "message": "post '203349' reports to '00005654', which is not a post of this file; the edge is left out",
        "bodies": ["203349"],
        "path": None,
        "waived": False,
        "file": str(HOCS),
        "row": 4,
    }
    orphan = next(f for f in entry["findings"] if f["rule"] == "orphaned-group")
    assert (orphan["file"], orphan["row"]) == (str(HOCS), 4)
    _, out, _ = _run(capsys, "import", "organogram", str(HOCS), "--format", "json", "--limit", "2")
    [limited] = json.loads(out)["files"]
    assert [f["rule"] for f in limited["findings"]] == ["dangling-reference"] * 2 + ["duplicate-id"] * 2 + [
        "orphaned-group"
    ] * 2 + ["self-reference"]
    assert limited["summary"] == entry["summary"]  # the counts stay whole


def test_output_writes_a_structure_that_loads_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "hocs.yaml"
    status, _, err = _run(capsys, "import", "organogram", str(HOCS), "-o", str(out_file))
    assert status == 1 and err == f"wrote {out_file}\n"
    structure = gg.load(out_file)
    assert len(structure.bodies) == 158
    assert structure.body("203349").sources[0].at == "row 4"
    assert main(["check", str(out_file)]) == 1  # the orphans are still there to curate


def test_output_for_several_files_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(ORGANOGRAMS / "300913-OFFA-final.csv"), str(ORGANOGRAMS / "300913JNCC.csv")]
    status, _, _err = _run(capsys, "import", "organogram", *files, "-o", str(tmp_path / "out"))
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["300913-OFFA-final.yaml", "300913JNCC.yaml"]
    assert gg.load(tmp_path / "out" / "300913JNCC.yaml").bodies


def test_output_never_overwrites_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "org.yaml"
    source.write_text(ORG, encoding="utf-8")
    status, _out, err = _run(capsys, "import", "organogram", str(source), "-o", str(source))
    assert status == 2
    assert err == f"govgraph: error: -o {source} is one of the inputs: it would be overwritten; choose another name\n"
    assert source.read_text(encoding="utf-8") == ORG


def test_a_bad_file_is_reported_and_the_others_still_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01")
    status, out, err = _run(capsys, "import", "organogram", str(bad), str(ORGANOGRAMS / "300913-OFFA-final.csv"))
    assert status == 2
    assert err.startswith(f"{bad}:1:1: error: a binary file, not a data.gov.uk senior organogram")
    assert "internal error" not in err and "Traceback" not in err
    assert "Office for Fair Access senior posts — 1 bodies" in out


def test_summary_is_a_table_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in ORGANOGRAMS.glob("*.csv") if "junior-data" not in p.name)
    _status, out, _ = _run(capsys, "import", "organogram", *files, "--summary")
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0] == [
        "file", "bodies", "top_posts", "dangling-reference", "duplicate-id", "excess-depth",
        "hierarchy-cycle", "multiple-parents", "orphaned-group", "self-reference",
    ]  # fmt: skip
    assert len(lines) == 1 + 115 + 1
    assert lines[-1] == ["total", "5440", "338", "229", "14", "13", "2", "5", "439", "11"]
    hocs = next(line for line in lines if line[0] == HOCS.name)
    assert hocs == [HOCS.name, "158", "2", "84", "3", "0", "0", "0", "156", "1"]


def test_govuk_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "import", "govuk", str(GOVUK), "--format", "json", "--rule", "dangling-reference")
    [entry] = json.loads(out)["files"]
    assert status == 1
    assert [(f["row"], f["bodies"][0]) for f in entry["findings"]][:2] == [
        (1010, "bank-of-england"),
        (1322, "boundary-commission-for-scotland"),
    ]


def test_nyc_table_in_one_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys,
        "import", "table", str(NYC), "--parent", "reports_to", "--parent-by", "name", "--separator", ";",
        "--relationship", "reports_to", "--format", "json", "-o", str(tmp_path / "nyc.yaml"),
    )  # fmt: skip
    [entry] = json.loads(out)["files"]
    assert status == 1
    rules = [f["rule"] for f in entry["findings"]]
    assert (rules.count("dangling-reference"), rules.count("multiple-parents")) == (25, 5)
    structure = gg.load(tmp_path / "nyc.yaml")
    assert len(structure.bodies) == 444 and "NYC_GOID_000000" in structure


def test_table_with_a_mapping_file_and_an_edge_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "groups.csv").write_text(
        "Code,Group,Type\nHWB,Health and Wellbeing Board,board\nJCB,Joint Commissioning Board,board\n"
        "MH,Mental Health Group,group\n",
        encoding="utf-8",
    )
    (tmp_path / "links.csv").write_text(
        "From,To,Link\nJCB,HWB,reports to\nMH,JCB,sub-group\nMH,JCB,sub-group\nMH,XYZ,sub-group\n", encoding="utf-8"
    )
    (tmp_path / "map.yaml").write_text(
        "name: Partnership\n"
        "tables:\n"
        "  - {file: groups.csv, id: Code, name: Group, kind: {column: Type, values: {group: sub_group}}}\n"
        "edges:\n"
        "  - file: links.csv\n"
        "    source: From\n"
        "    target: To\n"
        "    kind: {column: Link, values: {reports to: reports_to, sub-group: sub_group_of}}\n",
        encoding="utf-8",
    )
    status, out, _ = _run(
        capsys, "import", "table", "--map", str(tmp_path / "map.yaml"), "-o", str(tmp_path / "p.yaml")
    )
    assert status == 1
    assert (
        f"{tmp_path / 'links.csv'}:5: row 5 names target 'XYZ', which is the id of no row; the edge is left out" in out
    )
    s = gg.load(tmp_path / "p.yaml")
    assert [(b.id, b.kind.value) for b in s.bodies] == [("HWB", "board"), ("JCB", "board"), ("MH", "sub_group")]
    assert [(r.source, r.kind.value, r.target) for r in s.relationships] == [
        ("JCB", "reports_to", "HWB"),
        ("MH", "sub_group_of", "JCB"),
    ]


def test_table_mapping_errors_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "map.yaml").write_text("tables:\n  - {file: g.csv, kind: comittee}\n", encoding="utf-8")
    status, _, err = _run(capsys, "import", "table", "--map", str(tmp_path / "map.yaml"))
    assert status == 2
    assert err.splitlines()[0].startswith(f"{tmp_path / 'map.yaml'}:2:")
    assert "tables[0].kind" in err and "Traceback" not in err


def test_table_needs_nodes_or_a_mapping(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "import", "table")
    assert (status, err) == (2, "govgraph: error: import table needs node tables (NODES...) or --map MAPPING\n")


def test_output_can_be_a_diagram_in_one_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "groups.csv").write_text(
        "Code,Group,Type,Reports to\nHWB,Health and Wellbeing Board,board,\nJCB,Joint Commissioning Board,board,HWB\n"
        "MH,Mental Health Partnership,partnership,JCB;HWB\n",
        encoding="utf-8",
    )
    status, _, err = _run(
        capsys,
        "import", "table", str(tmp_path / "groups.csv"), "--id", "Code", "--name", "Group", "--kind", "Type",
        "--parent", "Reports to", "--separator", ";", "--relationship", "reports_to", "-o", str(tmp_path / "g.dot"),
    )  # fmt: skip
    assert (status, err) == (0, f"wrote {tmp_path / 'g.dot'}\n")
    dot = (tmp_path / "g.dot").read_text(encoding="utf-8")
    assert dot.startswith("digraph") and "Mental Health Partnership" in dot


def test_every_body_kind_has_a_shape_so_imported_kinds_draw() -> None:
    from govgraph.export.style import BODY_SHAPE

    assert set(BODY_SHAPE) == set(gg.BodyKind)
    imported = gg.read_organogram(ORGANOGRAMS / "300913-NICE-Organogram.csv")
    assert 'shape="underline"' in gg.to_dot(imported.structure)
    assert 'shape="folder"' in gg.to_dot(gg.read_govuk(GOVUK).structure)


def test_progress_is_shown_on_a_terminal_and_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from govgraph.cli import _parser
    from govgraph.importers.command import run

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out, err = io.StringIO(), Terminal()
    files = [str(ORGANOGRAMS / "300913-OFFA-final.csv"), str(ORGANOGRAMS / "300913JNCC.csv")]
    arguments = _parser().parse_args(["import", "organogram", *files, "--summary"])
    assert run(arguments, None, out, err) == 0
    shown = err.getvalue()
    assert "\rimporting 1/2: 300913-OFFA-final.csv" in shown and "\rimporting 2/2: 300913JNCC.csv" in shown
    assert shown.endswith("\r" + " " * 80 + "\r")
    assert len(out.getvalue().splitlines()) == 4
