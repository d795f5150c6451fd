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


def test_reporting_to_a_second_body_is_not_a_second_parent() -> None:
    assert (
        findings(TORBAY.replace("sub_group_of, target: dtlit", "reports_to, target: dtlit"), "multiple-parents") == []
    )


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
