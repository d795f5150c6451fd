import govgraph as gg
from tests.conftest import findings, structure

DATED = """
bodies:
  - {id: board, name: Board, kind: board, established: 2004-04-01, dissolved: 2010-03-31}
  - {id: group, name: Group, kind: task_group}
relationships:
  - {source: group, kind: reports_to, target: board, established: 2005-01-01, dissolved: 2009-01-01}
"""


def test_inside_lifetimes_is_clean() -> None:
    assert findings(DATED, "outside-lifetime") == []


def test_starting_before_the_body_existed() -> None:
    text = DATED.replace("established: 2005-01-01", "established: 2003-06-01")
    [found] = gg.check(structure(text)).by_rule("outside-lifetime")
    assert found.bodies == ["group", "board"]
    assert found.message == "'group' reports_to 'board' starts 2003-06-01, before 'board' was established (2004-04-01)"


def test_ending_after_the_body_was_dissolved() -> None:
    text = DATED.replace("dissolved: 2009-01-01", "dissolved: 2011-01-01")
    assert findings(text, "outside-lifetime") == [("outside-lifetime", ["group", "board"])]


def test_undated_relationship_is_silent() -> None:
    assert findings(DATED.replace(", established: 2005-01-01, dissolved: 2009-01-01", ""), "outside-lifetime") == []
