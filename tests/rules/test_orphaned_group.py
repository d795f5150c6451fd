from tests.conftest import findings

SOVEREIGN = """
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: board, name: Board, kind: board}
  - {id: group, name: Group, kind: task_group}
relationships:
  - {source: board, kind: accountable_to, target: council}
  - {source: group, kind: sub_group_of, target: board}
"""


def test_clean_when_every_body_reaches_a_sovereign_root() -> None:
    assert findings(SOVEREIGN, "orphaned-group") == []


def test_isolated_body_is_orphaned() -> None:
    text = SOVEREIGN.replace("relationships:", "  - {id: lone, name: Lone, kind: forum}\nrelationships:")
    assert findings(text, "orphaned-group") == [("orphaned-group", ["lone"])]


def test_chain_ending_at_a_body_that_is_not_a_root() -> None:
    text = SOVEREIGN.replace("  - {source: board, kind: accountable_to, target: council}\n", "")
    assert findings(text, "orphaned-group") == [("orphaned-group", ["board"]), ("orphaned-group", ["group"])]


def test_loop_with_no_root_orphans_every_member() -> None:
    text = """
bodies:
  - {id: a, name: A, kind: board}
  - {id: b, name: B, kind: board}
  - {id: c, name: C, kind: task_group}
relationships:
  - {source: a, kind: reports_to, target: b}
  - {source: b, kind: reports_to, target: a}
  - {source: c, kind: reports_to, target: a}
"""
    assert findings(text, "orphaned-group") == [
        ("orphaned-group", ["a"]),
        ("orphaned-group", ["b"]),
        ("orphaned-group", ["c"]),
    ]


def test_without_sovereign_bodies_the_tops_with_something_below_are_roots() -> None:
    text = SOVEREIGN.replace(", sovereign: true", "").replace(
        "relationships:", "  - {id: lone, name: Lone, kind: forum}\nrelationships:"
    )
    assert findings(text, "orphaned-group") == [("orphaned-group", ["lone"])]


def test_dissolved_links_do_not_count_and_dissolved_bodies_are_ignored() -> None:
    text = SOVEREIGN.replace("target: board}", "target: board, status: dissolved}").replace(
        "relationships:", "  - {id: old, name: Old, kind: forum, status: dissolved}\nrelationships:"
    )
    assert findings(text, "orphaned-group") == [("orphaned-group", ["group"])]


def test_proposed_links_count() -> None:
    text = SOVEREIGN.replace("target: board}", "target: board, status: proposed}")
    assert findings(text, "orphaned-group") == []


def test_lateral_links_are_no_route_up() -> None:
    text = SOVEREIGN + "  - {source: council, kind: coordinates, target: lone}\n"
    text = text.replace("relationships:", "  - {id: lone, name: Lone, kind: forum}\nrelationships:")
    assert findings(text, "orphaned-group") == [("orphaned-group", ["lone"])]


def test_a_dissolved_sovereign_body_does_not_decide_the_roots() -> None:
    text = SOVEREIGN.replace("sovereign: true}", "sovereign: true, status: dissolved}").replace(
        "  - {source: board, kind: accountable_to, target: council}\n", ""
    )
    # With the only sovereign body dissolved, the tops with something below are the roots.
    assert findings(text, "orphaned-group") == []
