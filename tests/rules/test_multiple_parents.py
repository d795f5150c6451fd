from tests.conftest import findings

TORBAY = """
bodies:
  - {id: torbay-lig, name: Torbay LIG, kind: local_planning_group}
  - {id: torbay-pc, name: Torbay Partnership Committee, kind: committee}
  - {id: dtlit, name: Devon and Torbay LIT, kind: partnership}
relationships:
  - {source: torbay-lig, kind: sub_group_of, target: torbay-pc}
  - {source: torbay-lig, kind: sub_group_of, target: dtlit}
"""


def test_two_parents_is_info_with_the_parents_sorted() -> None:
    assert findings(TORBAY, "multiple-parents") == [("multiple-parents", ["torbay-lig", "dtlit", "torbay-pc"])]


def test_one_parent_is_clean() -> None:
    assert findings(TORBAY.replace("target: dtlit}", "target: dtlit, status: dissolved}"), "multiple-parents") == []


def test_reporting_to_a_second_body_is_a_second_parent() -> None:
    # SPEC §2: sub_group_of and reports_to are counted together by default.
    text = TORBAY.replace("sub_group_of, target: dtlit", "reports_to, target: dtlit")
    assert findings(text, "multiple-parents") == [("multiple-parents", ["torbay-lig", "dtlit", "torbay-pc"])]


def test_message_names_how_the_body_answers_to_its_parents() -> None:
    import govgraph as gg
    from tests.conftest import structure

    [alike] = gg.check(structure(TORBAY)).by_rule("multiple-parents")
    assert alike.message == "Torbay LIG (torbay-lig) is a sub-group of 2 bodies: dtlit, torbay-pc"
    mixed = structure(TORBAY.replace("sub_group_of, target: dtlit", "reports_to, target: dtlit"))
    [found] = gg.check(mixed).by_rule("multiple-parents")
    assert found.message == "Torbay LIG (torbay-lig) answers to 2 bodies: dtlit, torbay-pc"


def test_option_kinds_narrows_to_sub_groups() -> None:
    import govgraph as gg
    from tests.conftest import structure

    mixed = structure(TORBAY.replace("sub_group_of, target: dtlit", "reports_to, target: dtlit"))
    assert gg.check(mixed, multiple_parents={"kinds": ["sub_group_of"]}).by_rule("multiple-parents") == []
    [found] = gg.check(mixed, multiple_parents={"kinds": ["reports_to", "sub_group_of"]}).by_rule("multiple-parents")
    assert found.bodies == ["torbay-lig", "dtlit", "torbay-pc"]


def test_accountable_to_is_not_counted_by_default() -> None:
    text = TORBAY.replace("sub_group_of, target: dtlit", "accountable_to, target: dtlit")
    assert findings(text, "multiple-parents") == []


def test_option_kinds_refuses_an_unknown_kind() -> None:
    import pytest

    import govgraph as gg
    from tests.conftest import structure

    with pytest.raises(gg.StructureError, match=r"checks\.multiple-parents\.kinds\.0"):
        gg.check(structure(TORBAY), multiple_parents={"kinds": ["parent_of"]})


def test_waiver_naming_all_bodies_waives_it() -> None:
    import govgraph as gg
    from tests.conftest import structure

    text = (
        TORBAY + "waivers:\n  - {rule: multiple-parents, bodies: [torbay-lig, torbay-pc, dtlit], reason: Torbay 4-5}\n"
    )
    [found] = gg.check(structure(text)).by_rule("multiple-parents")
    assert (found.waived, found.reason) == (True, "Torbay 4-5")


def test_waiver_missing_a_body_does_not_match() -> None:
    import govgraph as gg
    from tests.conftest import structure

    text = TORBAY + "waivers:\n  - {rule: multiple-parents, bodies: [torbay-lig, torbay-pc], reason: partial}\n"
    [found] = gg.check(structure(text)).by_rule("multiple-parents")
    assert found.waived is False and found.reason is None


def test_leeds_hlp_and_the_trafford_jcb_report_to_two_bodies() -> None:
    # SPEC §2 counts reports_to with sub_group_of: the examples' two boards that report twice.
    import govgraph as gg
    from tests.conftest import ROOT

    leeds = gg.check(gg.load(ROOT / "examples/leeds/leeds.yaml")).by_rule("multiple-parents")
    assert [(f.bodies, f.severity.value) for f in leeds] == [(["hlp", "exec-board", "nhs-leeds"], "info")]
    trafford = gg.check(gg.load(ROOT / "examples/trafford/proposed.yaml")).by_rule("multiple-parents")
    assert [f.message for f in trafford] == ["Joint Commissioning Board (jcb) reports to 2 bodies: hwb, jlt"]
    assert gg.check(gg.load(ROOT / "examples/trafford/now.yaml")).by_rule("multiple-parents") == []
