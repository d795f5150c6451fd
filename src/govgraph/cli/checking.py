"""``govgraph check``: files, folders and patterns checked, findings printed as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .. import registry
from ..checks import Report, check
from ..checks.engine import Finding, validate_settings
from ..errors import Problem, StructureError
from ..loading import format_of, load, position, read_document, read_text
from .exits import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK

__all__ = ["load_config", "unloaded_entry", "write_report"]


def load_config(path: str) -> dict[str, Any]:
    """Read a ``--config`` file: a mapping of rule id → setting (or one key, ``checks:``, holding it)."""
    format = format_of(path)
    text = read_text(path)
    data = read_document(text, format, path)
    if isinstance(data, dict) and set(data) == {"checks"}:
        data = data["checks"]
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
        raise StructureError(
            [Problem(path, 1, 1, "", "a config file is a mapping of rule id to setting, e.g. 'multiple-parents: off'")]
        )
    try:
        validate_settings(data, file=path)
    except StructureError as error:
        raise StructureError([_placed(problem, text) for problem in error.errors]) from None
    return data


def _placed(problem: Problem, text: str) -> Problem:
    """The problem with the line and column of the entry it is about in the config text."""
    from .._yaml import locate

    path = tuple(problem.path.split(".")[1:])
    line, column = position(locate(text, [path]), path, at_key=True)
    return Problem(problem.file, line, column, problem.path.removeprefix("checks."), problem.message)


# -- check --------------------------------------------------------------------------


def _check(arguments: argparse.Namespace) -> int:
    from .._inputs import expand_inputs

    files = expand_inputs(arguments.files)  # folders and unexpanded patterns: every file, one process
    config = load_config(arguments.config) if arguments.config else None
    results: list[tuple[str, Report]] = []
    entries: list[dict[str, Any]] = []  # for --format json: every file named, in order
    invalid = False
    for file in files:
        try:
            structure = load(file)
        except StructureError as error:
            for problem in error.errors:
                print(problem, file=sys.stderr)
            invalid = True
            entries.append(unloaded_entry(file, error.errors))
            continue
        except OSError as error:
            print(f"{file}: error: cannot read it: {error.strerror or error}", file=sys.stderr)
            invalid = True
            entries.append(
                unloaded_entry(file, [Problem(file, None, None, "", f"cannot read it: {error.strerror or error}")])
            )
            continue
        results.append((file, check(structure, config=config)))
        entries.append(results[-1][1].to_dict(file))
    if arguments.format == "json":
        json.dump({"files": entries}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for file, report in results:
            write_report(report, file, sys.stdout)
    if invalid:
        return EXIT_INVALID
    return EXIT_FINDINGS if any(report.fails(arguments.fail_on) for _, report in results) else EXIT_OK


def unloaded_entry(file: str, problems: Sequence[Problem]) -> dict[str, Any]:
    """The ``check --format json`` entry of a file that did not load: the usual keys, no
    structure, no findings, and ``errors``: one per problem, located as on standard error.

    >>> entry = unloaded_entry("bad.yaml", [Problem("bad.yaml", 4, 5, "bodies[0].kind", "'x' is not a body kind")])
    >>> entry["structure"], entry["findings"], entry["errors"]
    (None, [], [{'file': 'bad.yaml', 'line': 4, 'column': 5, 'path': 'bodies[0].kind', 'message': "'x' is not a body kind"}])
    """
    return {
        "file": file,
        "structure": None,
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 0, "waived": 0},
        "errors": [
            {"file": p.file, "line": p.line, "column": p.column, "path": p.path, "message": p.message} for p in problems
        ],
    }


def write_report(report: Report, file: str, out: TextIO) -> None:
    """The text form of a report: grouped by severity, one line on how to fix each rule,
    waived findings summed up by waiver."""
    out.write(f"{file}: {report.structure.name}\n")
    for title, findings in (("errors", report.errors), ("warnings", report.warnings), ("info", report.infos)):
        if not findings:
            continue
        out.write(f"  {title} ({len(findings)}):\n")
        by_rule: dict[str, list[Finding]] = {}
        for finding in findings:  # a rule's findings together, rules in order of first finding
            by_rule.setdefault(finding.rule, []).append(finding)
        for rule_id, found in by_rule.items():
            for finding in found:
                out.write(f"    {rule_id}: {finding.message}\n")
            fix = _fix(rule_id)
            if fix:  # once, under the last of the rule's findings: it applies to them all
                out.write(f"      fix: {fix}\n")
    waived: dict[tuple[str, str], list[str]] = {}
    for finding in report.waived:
        waived.setdefault((finding.rule, finding.reason or ""), []).append(_waived_label(finding))
    if waived:
        out.write(f"  waived ({len(report.waived)}):\n")
        for (rule_id, reason), bodies in waived.items():
            out.write(f"    {rule_id}: {', '.join(bodies)}: {reason}\n")
    if report.structure.recommendations:
        from ..recommendations import write_tracker

        write_tracker(report, out)
    out.write(f"  {report.tally}\n")


def _waived_label(finding: Finding) -> str:
    """A waived finding in a few words: its subject, with the other bodies it names,
    or for a finding about no body (a coverage gap), its cell."""
    if not finding.bodies:
        return "/".join(finding.key) if finding.key else "(no bodies)"
    subject, *others = finding.bodies
    return f"{subject} (with {', '.join(others)})" if others else subject


def _fix(rule_id: str) -> str:
    try:
        return registry.get_rule(rule_id).fix.replace("``", "")
    except KeyError:
        return ""


# -- render, diff, schema -------------------------------------------------------------
