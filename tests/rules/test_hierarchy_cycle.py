from tests.conftest import findings

LOOP = """
bodies:
  - {id: a, name: A, kind: board}
  - {id: b, name: B, kind: committee}
relationships:
  - {source: a, kind: reports_to, target: b}
  - {source: b, kind: sub_group_of, target: a}
"""


def test_reporting_loop_is_a_warning_with_path() -> None:
    import govgraph as gg
    from tests.conftest import structure

    [found] = gg.check(structure(LOOP)).by_rule("hierarchy-cycle")
    assert (found.bodies, found.path, found.severity.value) == (["a", "b"], ["a", "b", "a"], "warning")


def test_clean_without_loop() -> None:
    assert findings(LOOP.replace("  - {source: b, kind: sub_group_of, target: a}\n", ""), "hierarchy-cycle") == []


def test_loop_that_is_an_authority_cycle_is_not_reported_twice() -> None:
    text = LOOP.replace("reports_to", "accountable_to").replace("sub_group_of", "accountable_to")
    assert findings(text, "hierarchy-cycle") == []
    assert findings(text, "authority-cycle") == [("authority-cycle", ["a", "b"])]


def test_larger_loop_around_an_authority_cycle_is_reported() -> None:
    text = """
bodies:
  - {id: a, name: A, kind: board}
  - {id: b, name: B, kind: board}
  - {id: c, name: C, kind: board}
relationships:
  - {source: a, kind: accountable_to, target: b}
  - {source: b, kind: accountable_to, target: a}
  - {source: b, kind: reports_to, target: c}
  - {source: c, kind: reports_to, target: a}
"""
    assert findings(text, "hierarchy-cycle") == [("hierarchy-cycle", ["a", "b", "c"])]
    assert findings(text, "authority-cycle") == [("authority-cycle", ["a", "b"])]


def test_lateral_links_never_make_a_loop() -> None:
    text = LOOP.replace("sub_group_of", "links_with")
    assert findings(text, "hierarchy-cycle") == []
