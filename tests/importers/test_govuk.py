"""govgraph import govuk: parents both ways, supersession, closed organisations, the paged form."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import govgraph as gg

API = "https://www.gov.uk/api/organisations/"


def _org(slug: str, title: str, **links: list[str] | str | dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": API + slug, "title": title, "format": links.pop("format", "Other")}
    record["details"] = {"slug": slug, "govuk_status": links.pop("status", "live"), **links.pop("details", {})}  # type: ignore[dict-item]
    for field in (
        "parent_organisations",
        "child_organisations",
        "superseded_organisations",
        "superseding_organisations",
    ):
        record[field] = [{"id": API + other, "web_url": "…"} for other in links.pop(field, [])]  # type: ignore[union-attr]
    return record


def _write(tmp_path: Path, records: Any) -> Path:
    path = tmp_path / "orgs.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    return path


def test_parents_children_and_supersession(tmp_path: Path) -> None:
    records = [
        _org("cabinet-office", "Cabinet Office", format="Ministerial department", child_organisations=["gds", "gone"]),
        _org("gds", "Government Digital Service", parent_organisations=["cabinet-office", "closed-dept"]),
        _org("cdo", "Central Digital Office", parent_organisations=["cabinet-office"], superseded_organisations=["old-unit"]),
        _org("old-unit", "Old Unit", status="closed", details={"closed_at": "2020-04-01T00:00:00.000+01:00"},
             superseding_organisations=["cdo"]),
    ]  # fmt: skip
    imported = gg.read_govuk(_write(tmp_path, records))
    s = imported.structure
    assert [(b.id, b.kind.value, b.status.value) for b in s.bodies] == [
        ("cabinet-office", "organisation", "active"),
        ("gds", "organisation", "active"),
        ("cdo", "organisation", "active"),
        ("old-unit", "organisation", "dissolved"),
    ]
    assert str(s.body("old-unit").dissolved) == "2020-04-01"
    assert s.body("cabinet-office").metadata["format"] == "Ministerial department"
    assert [(r.source, r.kind.value, r.target) for r in s.relationships] == [
        ("gds", "sub_group_of", "cabinet-office"),
        ("cdo", "sub_group_of", "cabinet-office"),
        ("old-unit", "replaced_by", "cdo"),
    ]
    lines = {b.id: imported.rows[b.id][1] for b in s.bodies}
    assert [(f.rule, f.row, f.message) for f in imported.findings] == [
        (
            "unreciprocated-listing",
            lines["cabinet-office"],
            "'cabinet-office' lists child organisation 'gone', which is not an organisation of this file",
        ),
        (
            "dangling-reference",
            lines["gds"],
            "'gds' names parent 'closed-dept', which is not an organisation of this file; the edge is left out",
        ),
        (
            "unreciprocated-listing",
            lines["cdo"],
            "'cdo' names parent 'cabinet-office', which does not list it among its child organisations",
        ),
    ]
    assert lines == {"cabinet-office": 2, "gds": 24, "cdo": 46, "old-unit": 69}


def test_a_child_that_does_not_name_its_parent(tmp_path: Path) -> None:
    records = [_org("dept", "Dept", child_organisations=["agency"]), _org("agency", "Agency")]
    [finding] = gg.read_govuk(_write(tmp_path, records)).findings
    assert (finding.rule, finding.bodies, finding.message) == (
        "unreciprocated-listing",
        ["dept", "agency"],
        "'dept' lists child organisation 'agency', which does not name it as a parent",
    )


def test_the_paged_api_form_and_a_repeated_slug(tmp_path: Path) -> None:
    page = {"results": [_org("a", "A"), _org("b", "B"), _org("a", "A again")], "total": 3}
    imported = gg.read_govuk(_write(tmp_path, page))
    assert [b.id for b in imported.structure.bodies] == ["a", "b"]
    [finding] = imported.findings
    assert (finding.rule, finding.message) == (
        "duplicate-id",
        "organisation 'a' is listed again (first at line 3); the first record is kept",
    )


def test_a_reference_differing_only_in_case_names_the_slug_meant(tmp_path: Path) -> None:
    records = [
        _org("hm-treasury", "HM Treasury"),
        _org("dmo", "Debt Management Office", parent_organisations=["HM-Treasury"]),
    ]
    [finding, *_] = gg.read_govuk(_write(tmp_path, records)).findings
    assert finding.message == (
        "'dmo' names parent 'HM-Treasury', which is not an organisation of this file (did you mean 'hm-treasury'?); "
        "the edge is left out"
    )
