"""The measured defects of the committed real data (examples/realdata/SOURCES.md), found by the importers."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

import govgraph as gg
from tests.conftest import ROOT

REAL = ROOT / "examples" / "realdata"
ORGANOGRAMS = REAL / "organograms-2013"
GOVUK = REAL / "govuk-organisations" / "govuk_extant_orgs_2026-02-02.json"
NYC = REAL / "nyc-governance" / "NYCGO_golden_dataset_v1.8.43.csv"
HEADER_ONLY = "Government-staff-and-salary-data-blank-template---September-2013-FINAL-junior-data.csv.csv"


def _defects() -> dict[str, dict[str, int]]:
    with (ORGANOGRAMS / "defects.tsv").open(encoding="utf-8", newline="") as stream:
        return {
            row["file"]: {k: int(v) for k, v in row.items() if k != "file"}
            for row in csv.DictReader(stream, delimiter="\t")
        }


def _organogram_counts() -> dict[str, Counter[str]]:
    counts = {}
    for path in sorted(ORGANOGRAMS.glob("*.csv")):
        if path.name == HEADER_ONLY:
            continue
        imported = gg.read_organogram(path)
        counts[path.name] = Counter(f.rule for f in imported.check())
        counts[path.name]["top_posts"] = len(imported.structure.metadata["top_posts"])
    return counts


@pytest.fixture(scope="module")
def organograms() -> dict[str, Counter[str]]:
    return _organogram_counts()


def test_every_organogram_file_is_counted() -> None:
    assert len(list(ORGANOGRAMS.glob("*.csv"))) == 116 == len(_defects())


def test_organogram_totals_equal_the_measured_ones(organograms: dict[str, Counter[str]]) -> None:
    total = sum(organograms.values(), Counter())
    assert total["dangling-reference"] == 229
    assert total["self-reference"] == 11
    assert total["hierarchy-cycle"] == 2  # the two reporting loops, one in each copy of DWP's file
    assert total["orphaned-group"] == 439
    assert total["top_posts"] == 338


def test_organogram_counts_per_file_equal_defects_tsv(organograms: dict[str, Counter[str]]) -> None:
    measured = _defects()
    for name, counts in organograms.items():
        expected = measured[name]
        assert (
            counts["dangling-reference"],
            counts["self-reference"],
            counts["hierarchy-cycle"],
            counts["orphaned-group"],
            counts["top_posts"],
        ) == (
            expected["reports_to_missing"],
            expected["self_reports"],
            expected["loops"],
            expected["not_reaching_top"],
            expected["top_posts"],
        ), name


def test_the_header_only_organogram_is_refused_as_empty() -> None:
    assert _defects()[HEADER_ONLY]["posts"] == 0
    with pytest.raises(gg.StructureError, match=r":1:1: error: no posts: the file has a header row and nothing below"):
        gg.read_organogram(ORGANOGRAMS / HEADER_ONLY)


def test_a_reference_differing_only_in_case_names_the_post_meant() -> None:
    imported = gg.read_organogram(ORGANOGRAMS / "Copy-of-HEE-organogram---September-2013-cleaned.csv")
    first = next(f for f in imported.findings if f.rule == "dangling-reference")
    assert (first.row, first.bodies) == (22, ["EoE-HEE-002"])
    assert first.message == (
        "post 'EoE-HEE-002' reports to 'EoE-HEE-001', which is not a post of this file "
        "(did you mean 'EOE-HEE-001'?); the edge is left out"
    )
    assert "EOE-HEE-001" in imported.structure


def test_the_dwp_loop_is_a_hierarchy_cycle_at_its_row() -> None:
    report = gg.read_organogram(ORGANOGRAMS / "300913-DWP.xls.csv").check()
    [loop] = report.by_rule("hierarchy-cycle")
    assert (loop.file.endswith("300913-DWP.xls.csv"), loop.row, loop.path) == (
        True,
        116,
        ["DWP135", "DWP29", "DWP202", "DWP135"],
    )


def test_vacant_posts_are_posts_of_their_own_and_job_shares_merge() -> None:
    imported = gg.read_organogram(ORGANOGRAMS / "300913-HMRC-Organogram-Final.csv")
    vacant = [b for b in imported.structure.bodies if b.metadata.get("vacant")]
    assert [b.id for b in vacant] == ["0", "0-2", "0-3", "0-4", "0-5", "0-6"]
    assert [b.metadata.get("source_id") for b in vacant] == [None, "0", "0", "0", "0", "0"]
    assert not [f for f in imported.findings if f.rule == "duplicate-id" and f.bodies[0].startswith("0")]
    dclg = gg.read_organogram(
        ORGANOGRAMS / "DCLG-Government-staff-and-salary-data-blank-template---September-2013-FINAL.csv"
    )
    assert dclg.structure.body("CLG178").metadata["job_share_rows"] == [159, 160]
    assert not [f for f in dclg.findings if f.rule == "duplicate-id"]


def test_imported_organograms_dump_and_load_cleanly(tmp_path: Path) -> None:
    imported = gg.read_organogram(ORGANOGRAMS / "20131114-HOCS-Consolidated-September-2013-FINAL.csv")
    gg.dump(imported.structure, tmp_path / "hocs.yaml")
    assert gg.load(tmp_path / "hocs.yaml") == imported.structure


def test_govuk_register_findings() -> None:
    imported = gg.read_govuk(GOVUK)
    report = imported.check()
    by_rule = Counter(f.rule for f in report)
    assert len(imported.structure.bodies) == 663
    assert by_rule["dangling-reference"] == 6
    unreciprocated = report.by_rule("unreciprocated-listing")
    parents_not_listing = [f for f in unreciprocated if "does not list it among its child" in f.message]
    children_missing = [f for f in unreciprocated if "which is not an organisation of this file" in f.message]
    assert (len(parents_not_listing), len(children_missing), len(unreciprocated)) == (2, 164, 166)
    assert by_rule["duplicate-id"] == by_rule["self-reference"] == by_rule["hierarchy-cycle"] == 0


def test_govuk_35_organisations_name_more_than_one_parent() -> None:
    imported = gg.read_govuk(GOVUK)
    several = imported.check().by_rule("multiple-parents")
    # Two of the 35 name a second parent missing from the register: one parent is left,
    # and the missing one is a dangling reference.
    dangling = {f.bodies[0] for f in imported.findings if f.rule == "dangling-reference"}
    assert len(several) == 33
    assert {"civil-service-fast-stream", "leadership-college-for-government"} <= dangling
    assert len(several) + 2 == 35
    [most] = [f for f in several if len(f.bodies) == 6]
    assert most.bodies[0] == "labour-market-evidence-group"


def test_govuk_dangling_parent_names_the_row() -> None:
    [first, *_] = [f for f in gg.read_govuk(GOVUK).findings if f.rule == "dangling-reference"]
    assert (first.row, first.bodies) == (1010, ["bank-of-england"])
    assert first.message == (
        "'bank-of-england' names parent 'treasury-solicitor-s-department', which is not an organisation "
        "of this file; the edge is left out"
    )


def test_nyc_bodies_parents_by_name() -> None:
    imported = gg.read_table(NYC, parent="reports_to", parent_by="name", separator=";", relationship="reports_to")
    report = imported.check()
    assert len(imported.structure.bodies) == 444
    assert imported.structure.bodies[0].id == "NYC_GOID_000000"
    dangling = report.by_rule("dangling-reference")
    assert len(dangling) == 25
    names = Counter(f.message.split("names parent '")[1].split("'")[0] for f in dangling)
    assert names["Chief of Staff"] == 8 and names["Mayor"] == 6
    assert names["Office of the District Attorney Richmond County"] == 1
    several = report.by_rule("multiple-parents")
    assert len(several) == 5
    boards = next(f for f in several if f.bodies[0] == "NYC_GOID_100001")
    assert len(boards.bodies) == 6  # the Borough Boards and the five Borough Presidents
