import govgraph as gg
from tests.conftest import findings, structure

CHAIN = """
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: board, name: Board, kind: board}
  - {id: group, name: Group, kind: sub_group}
  - {id: task, name: Task, kind: task_group}
relationships:
  - {source: board, kind: accountable_to, target: council}
  - {source: group, kind: sub_group_of, target: board}
  - {source: task, kind: sub_group_of, target: group}
"""


def test_default_max_5_is_clean() -> None:
    assert findings(CHAIN, "excess-depth") == []


def test_max_option_reports_each_deep_body() -> None:
    report = gg.check(structure(CHAIN), excess_depth={"max": 1})
    assert [(f.bodies, f.message) for f in report.by_rule("excess-depth")] == [
        (["group"], "Group (group) is 2 steps below its nearest root (at most 1 allowed)"),
        (["task"], "Task (task) is 3 steps below its nearest root (at most 1 allowed)"),
    ]


def test_shortest_route_counts() -> None:
    text = CHAIN + "  - {source: task, kind: reports_to, target: council}\n"
    assert findings(text, "excess-depth", excess_depth={"max": 1}) == [("excess-depth", ["group"])]
