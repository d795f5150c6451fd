"""The Devon example encodes Devon County Council's joint planning paper faithfully and checks clean."""

from __future__ import annotations

import govgraph as gg
from govgraph.checks.documentation import rules_markdown

from .conftest import DEVON, ROOT


def test_devon_has_the_four_levels_of_fig_1_with_their_paragraphs() -> None:
    devon = gg.load(DEVON)
    assert [(level.name, level.note) for level in devon.levels] == [
        ("Strategic co-ordination", "See para. 5.2"),
        ("Strategic planning groups", "See para 4.1 to 4.3"),
        ("Local planning groups", "See para 3.1 to 3.4"),
        ("Locality co-ordination", "See para 5.3 & 5.4"),
    ]
    assert [s.name for s in devon.service_areas] == [
        "Older People and Disability",
        "Children and Young People",
        "Mental Health",
        "Learning Disability",
    ]


def test_every_body_and_relationship_cites_the_paper() -> None:
    devon = gg.load(DEVON)
    for item in [*devon.bodies, *devon.relationships]:
        assert item.sources and all(c.source == "devon-2003" and c.at for c in item.sources), item


def test_spgs_coordinate_and_emgs_report_while_accountable_to_employers() -> None:
    devon = gg.load(DEVON)
    for service in ("opd", "cyp", "mh", "ld"):
        assert devon.body(f"spg-{service}").authority is gg.Authority.COORDINATING
        kinds = {(r.kind.value, r.target) for r in devon.relationships if r.source == f"emg-{service}"}
        assert {
            ("sub_group_of", f"spg-{service}"),
            ("reports_to", f"spg-{service}"),
            ("accountable_to", "devon-pcts"),
            ("accountable_to", "devon-cc"),
        } <= kinds
    assert not any(
        r.kind is gg.RelationshipKind.ACCOUNTABLE_TO and r.target.startswith("spg-") for r in devon.relationships
    )


def test_torbay_lig_has_two_parents_waived_with_the_paragraph() -> None:
    report = gg.check(gg.load(DEVON))
    [found] = report.by_rule("multiple-parents")
    assert found.bodies == ["torbay-lig", "dtlit", "torbay-pc"] and found.waived
    assert found.reason is not None and found.reason.startswith("Torbay MH 4-5")


def test_devon_checks_clean() -> None:
    report = gg.check(gg.load(DEVON))
    assert report.ok and report.errors == [] and report.warnings == [] and report.infos == []


def test_rules_page_is_built_from_the_rules() -> None:
    # Rebuild with: python -m govgraph.checks.documentation > docs/rules.md
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()
