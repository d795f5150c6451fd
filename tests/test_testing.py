"""The testing API, the pytest plugin, and structures over time."""

from __future__ import annotations

import datetime as dt

import pytest

import govgraph as gg
from govgraph.testing import assert_no_new_findings, assert_valid

from .conftest import DEVON, structure

pytest_plugins = ["pytester"]

BASE = """
checks:
  missing-stakeholders: off
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: board, name: Board, kind: board, established: 2004-01-01}
  - {id: jip, name: Joint Investment Planning Group, kind: other, established: 1999-01-01, dissolved: 2003-03-31}
  - {id: lpg, name: Local Planning Group, kind: local_planning_group, established: 2003-04-01}
relationships:
  - {source: board, kind: accountable_to, target: council}
  - {source: jip, kind: reports_to, target: council, dissolved: 2003-03-31}
  - {source: lpg, kind: reports_to, target: board}
  - {source: jip, kind: replaced_by, target: lpg}
"""


def test_assert_valid_passes_and_returns_the_report() -> None:
    assert assert_valid(DEVON).ok


def test_assert_valid_lists_the_findings_by_name() -> None:
    text = BASE.replace("  - {source: board, kind: accountable_to, target: council}\n", "")
    with pytest.raises(AssertionError) as caught:
        assert_valid(structure(text))
    assert str(caught.value).splitlines() == [
        "structure 'Test' has 2 findings at or above error:",
        "  error orphaned-group: Board (board) is orphaned: it has no upward relationship; "
        "add the relationship through which it answers to a root",
        "  error orphaned-group: Local Planning Group (lpg) is orphaned: its upward relationships lead to no root; "
        "add the relationship through which it answers to a root",
    ]


def test_assert_no_new_findings_ignores_persisting_ones() -> None:
    broken = structure(BASE + "  - {source: council, kind: reports_to, target: lpg}\n")
    assert_no_new_findings(broken, broken)
    with pytest.raises(AssertionError, match=r"introduces 1 finding at or above warning:\n  warning hierarchy-cycle"):
        assert_no_new_findings(structure(BASE), broken, fail_on="warning")


def test_at_a_date_keeps_what_stood_that_day() -> None:
    s = structure(BASE)
    before = s.at(dt.date(2002, 6, 1))
    assert [b.id for b in before.bodies] == ["council", "jip"] and before.as_of == dt.date(2002, 6, 1)
    assert [r.key for r in before.relationships] == [("jip", "reports_to", "council")]
    after = s.at(dt.date(2004, 6, 1))
    assert [b.id for b in after.bodies] == ["council", "board", "lpg"]


def test_what_became_of_a_group() -> None:
    s = structure(
        BASE
        + "  - {source: lpg, kind: replaced_by, target: board}\n  - {source: board, kind: replaced_by, target: jip}\n"
    )
    assert s.became("jip") == ["lpg", "board"]
    assert s.became("council") == []


def test_plugin_collects_structure_files_as_tests(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".govgraph.yaml", good="govgraph: 1\nname: Good\nbodies:\n  - {id: a, name: A, kind: board, sovereign: true}\n"
    )
    pytester.makefile(
        ".govgraph.yaml",
        bad="govgraph: 1\nname: Bad\nbodies:\n  - {id: a, name: A, kind: board}\n  - {id: b, name: B, kind: board}\n"
        "relationships:\n  - {source: a, kind: accountable_to, target: b}\n  - {source: b, kind: accountable_to, target: a}\n",
    )
    pytester.makefile(".govgraph.yaml", broken="govgraph: 1\nname: Broken\nbodies: []\n")
    pytester.makefile(".yaml", ignored="not: a structure\n")
    result = pytester.runpytest("--govgraph")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*error authority-cycle: circle of executive authority*",
            "*broken.govgraph.yaml:3:9: error: bodies: a structure needs at least one body*",
        ]
    )


def test_plugin_is_opt_in(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".govgraph.yaml", good="govgraph: 1\nname: Good\nbodies:\n  - {id: a, name: A, kind: board, sovereign: true}\n"
    )
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_plugin_patterns_and_threshold_from_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\ngovgraph_collect = true\ngovgraph_patterns = structures/*.yaml\ngovgraph_fail_on = info\n"
    )
    folder = pytester.mkdir("structures")
    (folder / "tiny.yaml").write_text(
        "govgraph: 1\nname: T\nbodies:\n  - {id: a, name: A, kind: board}\n  - {id: b, name: B, kind: board}\n"
        "relationships:\n  - {source: a, kind: coordinates, target: b}\n"
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*info unreciprocated-coordination*"])


def test_as_of_is_the_files_date_and_callable() -> None:
    s = structure("as_of: 2004-06-01\n" + BASE)
    assert s.as_of == dt.date(2004, 6, 1) and isinstance(s.as_of, dt.date)
    assert [b.id for b in s.as_of(dt.date(2002, 6, 1)).bodies] == ["council", "jip"]
    assert gg.loads(s.dumps()).as_of == dt.date(2004, 6, 1) and "as_of: 2004-06-01" in s.dumps()
    undated = structure(BASE)
    assert undated.as_of == None and not undated.as_of  # noqa: E711 - it is not None itself, but equal to it
    assert undated.as_of(dt.date(2004, 6, 1)).as_of == dt.date(2004, 6, 1)


def test_at_keeps_a_member_whose_body_had_gone_by_name() -> None:
    s = gg.loads(
        "govgraph: 1\nname: S\nbodies:\n"
        "  - {id: council, name: Council, kind: statutory_body, sovereign: true}\n"
        "  - {id: old, name: Old Board, kind: board, dissolved: 2005-01-01}\n"
        "  - {id: group, name: Group, kind: task_group, members: [{body: old, sector: statutory}]}\n"
    )
    later = s.at(dt.date(2006, 1, 1))
    assert [b.id for b in later.bodies] == ["council", "group"]
    assert [(m.body, m.name, m.sector.value) for m in later.body("group").members] == [(None, "Old Board", "statutory")]
