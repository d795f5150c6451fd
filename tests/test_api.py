"""The public names are a contract (SPEC §4): adding or removing one is a deliberate act."""

import govgraph as gg


def test_public_names_are_pinned() -> None:
    assert sorted(gg.__all__) == [
        "Area",
        "Authority",
        "Body",
        "BodyKind",
        "Citation",
        "Finding",
        "GovgraphError",
        "GraphvizNotFound",
        "Hit",
        "ImportFinding",
        "Imported",
        "Level",
        "Member",
        "Problem",
        "Recommendation",
        "Relationship",
        "RelationshipKind",
        "RenderError",
        "Report",
        "Sector",
        "ServiceArea",
        "Source",
        "Stage",
        "Status",
        "Structure",
        "StructureDiff",
        "StructureError",
        "TableMapping",
        "UnknownBodyError",
        "Update",
        "UsageError",
        "Waiver",
        "check",
        "diff",
        "dump",
        "dumps",
        "load",
        "loads",
        "read_govuk",
        "read_graphml",
        "read_organogram",
        "read_table",
        "render",
        "report",
        "report_diff",
        "rule",
        "to_csv",
        "to_dot",
        "to_gexf",
        "to_graphml",
        "to_mermaid",
        "to_org_turtle",
        "to_popolo",
    ]


def test_every_public_name_exists() -> None:
    for name in gg.__all__:
        assert getattr(gg, name) is not None


def test_structure_error_is_a_value_error() -> None:
    assert issubclass(gg.StructureError, ValueError)
    assert issubclass(gg.UnknownBodyError, KeyError)
    assert issubclass(gg.GraphvizNotFound, gg.RenderError)


def test_spec_rules_are_all_registered_with_their_default_severity() -> None:
    from govgraph import registry

    assert {spec.id: spec.severity.value for spec in registry.all_rules()} == {
        "orphaned-group": "error",
        "authority-cycle": "error",
        "hierarchy-cycle": "warning",
        "coordinator-with-authority": "error",
        "multiple-parents": "info",
        "level-inversion": "warning",
        "missing-stakeholders": "warning",
        "coverage-gap": "warning",
        "duplicate-remit": "warning",
        "unreciprocated-coordination": "info",
        "dissolved-in-use": "warning",
        "excess-depth": "info",
        "scrutiny-conflict": "warning",
        "outside-lifetime": "warning",
        "unowned-recommendation": "error",
        "owner-outside-structure": "warning",
        "stale-recommendation": "warning",
        "overdue-recommendation": "warning",
    }


def test_every_rule_documents_itself() -> None:
    from govgraph import registry

    for spec in registry.all_rules():
        assert spec.doc.startswith(f"``{spec.id}``"), spec.id
        assert "FAIL" in spec.doc and spec.fix, spec.id


def test_model_copy_forgets_the_cached_wiring() -> None:
    s = gg.loads(
        "govgraph: 1\nname: S\nbodies:\n  - {id: top, name: Top, kind: board, sovereign: true}\n"
        "  - {id: low, name: Low, kind: task_group}\n"
        "relationships:\n  - {source: low, kind: reports_to, target: top}\n"
    )
    assert gg.check(s).ok
    copied = s.model_copy(update={"relationships": []})
    assert [f.bodies for f in gg.check(copied).findings] == [["low"]]
