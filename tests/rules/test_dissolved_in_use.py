from tests.conftest import findings

OLD = """
bodies:
  - {id: jip, name: JIP, kind: other, status: dissolved}
  - {id: lpg, name: LPG, kind: local_planning_group}
  - {id: board, name: Board, kind: board}
relationships:
  - {source: jip, kind: replaced_by, target: lpg}
  - {source: lpg, kind: reports_to, target: board}
"""


def test_history_is_clean() -> None:
    assert findings(OLD, "dissolved-in-use") == []


def test_live_relationship_to_a_dissolved_body() -> None:
    text = (
        OLD
        + "  - {source: jip, kind: reports_to, target: board}\n  - {source: board, kind: links_with, target: jip, status: proposed}\n"
    )
    assert findings(text, "dissolved-in-use") == [
        ("dissolved-in-use", ["board", "jip"]),
        ("dissolved-in-use", ["jip", "board"]),
    ]


def test_dissolved_relationship_is_clean() -> None:
    assert (
        findings(OLD + "  - {source: jip, kind: reports_to, target: board, status: dissolved}\n", "dissolved-in-use")
        == []
    )
