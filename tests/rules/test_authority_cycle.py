import govgraph as gg
from tests.conftest import findings, structure

LOOP = """
bodies:
  - {id: a, name: A, kind: board}
  - {id: b, name: B, kind: board}
  - {id: c, name: C, kind: board}
relationships:
  - {source: a, kind: accountable_to, target: b}
  - {source: b, kind: accountable_to, target: c}
  - {source: c, kind: accountable_to, target: a}
"""


def test_cycle_of_accountability_is_one_finding_with_a_concrete_path() -> None:
    report = gg.check(structure(LOOP))
    [found] = report.by_rule("authority-cycle")
    assert (found.bodies, found.path, found.severity.value) == (["a", "b", "c"], ["a", "b", "c", "a"], "error")


def test_executive_target_makes_reports_to_an_authority_edge() -> None:
    text = LOOP.replace("accountable_to", "reports_to").replace("kind: board}", "kind: board, authority: executive}")
    assert findings(text, "authority-cycle") == [("authority-cycle", ["a", "b", "c"])]
    assert findings(text, "hierarchy-cycle") == []


def test_reports_to_non_executive_is_not_authority() -> None:
    text = LOOP.replace("accountable_to", "reports_to")
    assert findings(text, "authority-cycle") == []
    assert findings(text, "hierarchy-cycle") == [("hierarchy-cycle", ["a", "b", "c"])]


def test_clean_chain() -> None:
    assert findings(LOOP.replace("  - {source: c, kind: accountable_to, target: a}\n", ""), "authority-cycle") == []


def test_two_separate_cycles_are_two_findings_and_nested_loops_one() -> None:
    text = (
        LOOP
        + """\
  - {source: b, kind: accountable_to, target: a}
  - {source: x, kind: accountable_to, target: y}
  - {source: y, kind: accountable_to, target: x}
""".replace("", "")
    )
    text = text.replace(
        "relationships:", "  - {id: x, name: X, kind: board}\n  - {id: y, name: Y, kind: board}\nrelationships:"
    )
    report = gg.check(structure(text))
    assert [(f.bodies, f.path) for f in report.by_rule("authority-cycle")] == [
        (["a", "b", "c"], ["a", "b", "a"]),
        (["x", "y"], ["x", "y", "x"]),
    ]


def test_dissolved_edge_breaks_the_cycle() -> None:
    text = LOOP.replace("target: a}", "target: a, status: dissolved}")
    assert findings(text, "authority-cycle") == []
