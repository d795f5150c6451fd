from tests.conftest import findings

PANEL = """
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: board, name: Board, kind: board}
  - {id: panel, name: Panel, kind: scrutiny_body}
  - {id: other, name: Other, kind: board}
relationships:
  - {source: board, kind: accountable_to, target: council}
  - {source: panel, kind: reports_to, target: council}
  - {source: panel, kind: scrutinises, target: board}
"""


def test_independent_scrutiny_is_clean() -> None:
    assert findings(PANEL, "scrutiny-conflict") == []


def test_scrutinising_a_body_on_your_own_route_up() -> None:
    text = PANEL.replace(
        "{source: panel, kind: reports_to, target: council}", "{source: panel, kind: reports_to, target: board}"
    )
    assert findings(text, "scrutiny-conflict") == [("scrutiny-conflict", ["panel", "board"])]


def test_indirect_route_and_route_through_a_loop() -> None:
    text = (
        PANEL
        + "  - {source: panel, kind: reports_to, target: other}\n  - {source: other, kind: reports_to, target: board}\n"
    )
    assert findings(text, "scrutiny-conflict") == [("scrutiny-conflict", ["panel", "board"])]
    loop = (
        PANEL
        + "  - {source: board, kind: reports_to, target: panel}\n  - {source: panel, kind: reports_to, target: board}\n"
    )
    assert findings(loop, "scrutiny-conflict") == [("scrutiny-conflict", ["panel", "board"])]


def test_scrutinising_a_body_below_you_is_clean() -> None:
    text = PANEL.replace(
        "{source: panel, kind: scrutinises, target: board}", "{source: council, kind: scrutinises, target: board}"
    )
    assert findings(text, "scrutiny-conflict") == []
