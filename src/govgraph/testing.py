"""Assertions for test suites that gate restructures.

>>> import govgraph as gg
>>> from govgraph.testing import assert_no_new_findings
>>> before = gg.loads('''
... govgraph: 1
... name: Before
... bodies:
...   - {id: council, name: Council, kind: statutory_body, sovereign: true}
...   - {id: group, name: Task Group, kind: task_group}
... relationships:
...   - {source: group, kind: reports_to, target: council}
... ''')
>>> after = before.replace(relationships=[])
>>> assert_no_new_findings(before, after)
Traceback (most recent call last):
  ...
AssertionError: the new structure 'Before' introduces 1 finding at or above error:
  error orphaned-group: Task Group (group) is orphaned: it has no upward relationship; add the relationship through which it answers to a root
"""

from __future__ import annotations

import os
from typing import Any

from .checks import Finding, Report, check
from .checks.engine import failing
from .diff import StructureDiff, diff
from .loading import load
from .model import Structure
from .registry import Severity

__all__ = ["assert_no_new_findings", "assert_valid"]


def _structure(value: Structure | str | os.PathLike[str]) -> Structure:
    return value if isinstance(value, Structure) else load(value)


def _listed(findings: list[Finding], fail_on: str | Severity) -> str:
    count = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
    lines = "".join(f"\n  {f.severity.value} {f.rule}: {f.message}" for f in findings)
    return f"{count} at or above {Severity(fail_on).value}:{lines}"


def assert_valid(
    structure: Structure | str | os.PathLike[str], *, fail_on: str | Severity = "error", **settings: Any
) -> Report:
    """Fail, listing them, if the structure (or file) has findings at or above ``fail_on``.

    A file that does not load fails with its load errors. Returns the report.
    """
    __tracebackhide__ = True
    report = check(_structure(structure), **settings)
    found = report.failing(fail_on)
    if found:
        raise AssertionError(f"structure '{report.structure.name}' has {_listed(found, fail_on)}")
    return report


def assert_no_new_findings(
    before: Structure | str | os.PathLike[str],
    after: Structure | str | os.PathLike[str],
    *,
    fail_on: str | Severity = "error",
    **settings: Any,
) -> StructureDiff:
    """Fail if ``after`` introduces findings at or above ``fail_on`` that ``before`` did not have.

    Findings that persist from ``before`` are allowed: this gates a change,
    not the state it starts from. Returns the diff.
    """
    __tracebackhide__ = True
    result = diff(_structure(before), _structure(after), **settings)
    found = failing(result.introduced, fail_on)
    if found:
        raise AssertionError(f"the new structure '{result.new.name}' introduces {_listed(found, fail_on)}")
    return result
