import govgraph as gg
from tests.conftest import findings, structure

DEVON_4_2 = """
bodies:
  - {id: spg, name: SPG, kind: strategic_planning_group, authority: coordinating}
  - {id: emg, name: EMG, kind: executive_group}
  - {id: pct, name: PCT, kind: statutory_body}
  - {id: lpg, name: LPG, kind: local_planning_group}
relationships:
  - {source: emg, kind: reports_to, target: spg}
  - {source: emg, kind: accountable_to, target: pct}
"""


def test_clean_when_accountability_goes_to_the_employer() -> None:
    assert findings(DEVON_4_2, "coordinator-with-authority") == []


def test_accountable_to_a_coordinating_body_is_an_error_listing_the_accountable_bodies() -> None:
    text = (
        DEVON_4_2
        + "  - {source: lpg, kind: accountable_to, target: spg}\n  - {source: emg, kind: accountable_to, target: spg}\n"
    )
    assert findings(text, "coordinator-with-authority") == [("coordinator-with-authority", ["spg", "emg", "lpg"])]


def test_reports_to_a_coordinating_body_is_fine() -> None:
    assert (
        findings(DEVON_4_2 + "  - {source: lpg, kind: reports_to, target: spg}\n", "coordinator-with-authority") == []
    )


def test_dissolved_accountability_is_ignored() -> None:
    text = DEVON_4_2 + "  - {source: lpg, kind: accountable_to, target: spg, status: dissolved}\n"
    assert findings(text, "coordinator-with-authority") == []


def test_the_message_names_the_coordinator_and_the_accountable_bodies_in_good_grammar() -> None:
    lpg = "  - {source: lpg, kind: accountable_to, target: spg}\n"
    emg = "  - {source: emg, kind: accountable_to, target: spg}\n"
    [single] = gg.check(structure(DEVON_4_2 + lpg)).by_rule("coordinator-with-authority")
    [double] = gg.check(structure(DEVON_4_2 + lpg + emg)).by_rule("coordinator-with-authority")
    assert single.message.startswith("SPG (spg) is a co-ordinating body but lpg is accountable to it;")
    assert double.message.startswith("SPG (spg) is a co-ordinating body but emg, lpg are accountable to it;")
