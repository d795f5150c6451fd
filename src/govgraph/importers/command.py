"""``govgraph import organogram|govuk|table``: the command line of the importers.

Prints the import findings and those of every rule on what was imported in
``check``'s shapes — text grouped by severity then by rule, counts first, each
finding placed at its source row (``file.csv:4:``); or JSON with ``"file"``
and ``"row"`` in each finding — and writes the curated-ready structure with
``-o``. Exit status as for ``check``: 0, 1 for a finding at or above
``--fail-on``, 2 for a file that cannot be imported.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from .._files import same_file, write_atomically
from ..checks import Report
from ..errors import StructureError, UsageError
from ..loading import dumps, format_of
from .findings import FIXES, Imported, ImportFinding

__all__ = ["add_arguments", "run", "write_import_report", "write_summary"]

#: Findings listed per rule in the text report unless ``--limit`` says otherwise.
DEFAULT_LIMIT = 20


def add_arguments(parser: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]) -> None:
    """The ``import`` subcommand's own subcommands and options."""
    sources = parser.add_subparsers(dest="source", required=True, metavar="SOURCE", parser_class=parser_class)
    organogram = sources.add_parser(
        "organogram", help="data.gov.uk senior organograms (CSV or XLSX), one structure each"
    )
    organogram.add_argument("files", nargs="+", metavar="FILE")
    govuk = sources.add_parser("govuk", help="GOV.UK organisations API records (JSON)")
    govuk.add_argument("files", nargs=1, metavar="FILE")
    table = sources.add_parser("table", help="node and edge tables (CSV or XLSX) with a column mapping")
    table.add_argument("files", nargs="*", metavar="NODES", help="node tables (.csv or .xlsx)")
    table.add_argument("--edges", action="append", default=[], metavar="EDGES", help="an edge table (repeatable)")
    table.add_argument("--map", metavar="MAPPING", help="a mapping file (YAML) naming the tables and their columns")
    table.add_argument("--id", metavar="COLUMN", help="the id column (default: 'id', else the first column)")
    table.add_argument("--name", metavar="COLUMN", help="the name column (default: 'name', else the id)")
    table.add_argument("--kind", metavar="KIND|COLUMN", help="a body kind for every row, or the column holding kinds")
    table.add_argument("--parent", metavar="COLUMN", help="the column naming each row's parent(s)")
    table.add_argument(
        "--parent-by", choices=["id", "name"], default="id", help="parents named by id (default) or name"
    )
    table.add_argument("--separator", metavar="TEXT", help="between several parents in one cell, e.g. ';'")
    table.add_argument("--relationship", default="sub_group_of", metavar="KIND", help="kind of the parent edges")
    table.add_argument(
        "--status", metavar="COLUMN", help="a column of statuses: active, proposed or dissolved (any case)"
    )
    table.add_argument("--edge-source", default="source", metavar="COLUMN")
    table.add_argument("--edge-target", default="target", metavar="COLUMN")
    table.add_argument("--edge-kind", default="kind", metavar="KIND|COLUMN")
    for each in (organogram, govuk, table):
        each.add_argument(
            "-o", "--output", metavar="OUT", help="write the structure (.yaml or .json); a folder for several"
        )
        each.add_argument("--format", choices=["text", "json"], default="text")
        each.add_argument("--fail-on", choices=["error", "warning", "info"], default="error")
        each.add_argument("--config", metavar="FILE", help="rule settings, shaped like a file's checks: section")
        each.add_argument("--rule", action="append", metavar="RULE", help="show only this rule's findings (repeatable)")
        each.add_argument(
            "--limit", type=int, metavar="N", help=f"findings listed per rule in text (default {DEFAULT_LIMIT}; 0: all)"
        )
        each.add_argument("--summary", action="store_true", help="one line per file: counts by rule (tab-separated)")
        if each is not govuk:
            each.add_argument("--sheet", metavar="NAME", help="the sheet of .xlsx files (default: the first)")


def run(arguments: argparse.Namespace, config: dict[str, Any] | None, out: TextIO, err: TextIO) -> int:
    """Import, check, print and write as the options say; returns the exit status."""
    from . import read_govuk, read_organogram, read_table

    jobs: list[tuple[str, Callable[[], Imported]]]
    if arguments.source == "organogram":
        jobs = [(f, partial(read_organogram, f, sheet=arguments.sheet)) for f in arguments.files]
    elif arguments.source == "govuk":
        jobs = [(f, partial(read_govuk, f)) for f in arguments.files]
    else:
        if not arguments.files and not arguments.map:
            raise UsageError("import table needs node tables (NODES...) or --map MAPPING")
        if arguments.map and (arguments.files or arguments.edges):
            raise UsageError("--map names the tables itself: leave out NODES and --edges, or leave out --map")
        label = arguments.map or arguments.files[0]
        jobs = [
            (
                label,
                lambda: read_table(
                    arguments.files or None,
                    edges=arguments.edges,
                    mapping=arguments.map,
                    id=arguments.id,
                    name=arguments.name,
                    kind=arguments.kind,
                    parent=arguments.parent,
                    parent_by=arguments.parent_by,
                    separator=arguments.separator,
                    relationship=arguments.relationship,
                    sheet=arguments.sheet,
                    edge_source=arguments.edge_source,
                    edge_target=arguments.edge_target,
                    edge_kind=arguments.edge_kind,
                    status=arguments.status,
                ),
            )
        ]
    inputs = [Path(f) for f in [*arguments.files, *getattr(arguments, "edges", [])]]
    targets = _targets(arguments.output, [label for label, _ in jobs], inputs)
    results: list[tuple[str, Imported, Report]] = []
    invalid = False
    progress = len(jobs) > 1 and err.isatty()
    for count, (label, job) in enumerate(jobs, start=1):
        if progress:
            err.write(f"\rimporting {count}/{len(jobs)}: {Path(label).name[:60]:<60}")
            err.flush()
        try:
            imported = job()
        except StructureError as error:
            if progress:
                err.write("\n")
            for problem in error.errors:
                print(problem, file=err)
            invalid = True
            continue
        except OSError as error:
            print(f"{label}: error: cannot read it: {error.strerror or error}", file=err)
            invalid = True
            continue
        results.append((label, imported, imported.check(config=config)))
    if progress:
        err.write("\r" + " " * 80 + "\r")
    rules = set(arguments.rule or [])
    shown = [(label, imported, _only(report, rules)) for label, imported, report in results]
    if arguments.summary:
        write_summary([(label, imported, report) for label, imported, report in shown], out)
    elif arguments.format == "json":
        limit = arguments.limit or None
        files = []
        for label, _, report in shown:
            entry = report.to_dict(label)
            if limit:
                entry["findings"] = _limited(entry["findings"], limit)
            files.append(entry)
        json.dump({"files": files}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        limit = DEFAULT_LIMIT if arguments.limit is None else arguments.limit
        for label, imported, report in shown:
            write_import_report(report, label, out, limit=limit, imported=imported)
    for label, imported, _ in results:
        target = targets.get(label)
        if target is not None:
            _write(imported, target)
            print(f"wrote {target}", file=err)
    if invalid:
        return 2
    return 1 if any(report.fails(arguments.fail_on) for _, _, report in shown) else 0


STRUCTURE_SUFFIXES = (".yaml", ".yml", ".json")


def _write(imported: Imported, target: Path) -> None:
    """The structure as a govgraph file, or drawn when ``target`` names a diagram (.svg, .png, …)."""
    if target.suffix.lower() in STRUCTURE_SUFFIXES:
        write_atomically(target, dumps(imported.structure, format_of(target)))
    else:
        from ..export import render_to

        render_to(imported.structure, str(target))


def _targets(output: str | None, labels: list[str], inputs: list[Path]) -> dict[str, Path]:
    """Where each structure is written: ``OUT`` for one, ``OUT/<stem>.yaml`` for several."""
    if output is None:
        return {}
    if len(labels) == 1 and not Path(output).is_dir():
        targets = {labels[0]: Path(output)}
        if Path(output).suffix.lower() not in STRUCTURE_SUFFIXES:
            from ..export.drawing import _format_for

            _format_for(output, None)  # a diagram's suffix, or a clear error before any work
    else:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"-o {output}: with several inputs, -o names a folder, and {output} is a file")
        folder.mkdir(parents=True, exist_ok=True)
        targets, seen = {}, Counter[str]()
        for label in labels:
            stem = Path(label).stem
            seen[stem] += 1
            targets[label] = folder / (f"{stem}.yaml" if seen[stem] == 1 else f"{stem}-{seen[stem]}.yaml")
    for target in targets.values():
        if any(same_file(target, source) for source in inputs):
            raise UsageError(f"-o {target} is one of the inputs: it would be overwritten; choose another name")
    return targets


def _only(report: Report, rules: set[str]) -> Report:
    if not rules:
        return report
    return Report(report.structure, [f for f in report.findings if f.rule in rules])


def _limited(findings: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    kept = []
    for finding in findings:
        counts[finding["rule"]] += 1
        if counts[finding["rule"]] <= limit:
            kept.append(finding)
    return kept


def write_import_report(
    report: Report, file: str, out: TextIO, *, limit: int = DEFAULT_LIMIT, imported: Imported | None = None
) -> None:
    """The text report: per severity, the rules with their counts first, then up to
    ``limit`` findings of each rule (0 for all), each at its ``file:row``."""
    structure = report.structure
    head = f"{file}: {structure.name} — {len(structure.bodies)} bodies, {len(structure.relationships)} relationships"
    tops = structure.metadata.get("top_posts")
    if isinstance(tops, list):
        shown = ", ".join(tops[:5]) + (", …" if len(tops) > 5 else "")
        head += "; no top post" if not tops else f"; {len(tops)} top post{'s' if len(tops) > 1 else ''}: {shown}"
    out.write(head + "\n")
    for title, findings in (("errors", report.errors), ("warnings", report.warnings), ("info", report.infos)):
        if not findings:
            continue
        by_rule: dict[str, list[Any]] = {}
        for found in findings:
            by_rule.setdefault(found.rule, []).append(found)
        counts = ", ".join(
            f"{rule} {len(items)}" for rule, items in sorted(by_rule.items(), key=lambda kv: -len(kv[1]))
        )
        out.write(f"  {title} ({len(findings)}): {counts}\n")
        for rule_id, items in by_rule.items():
            out.write(f"    {rule_id} ({len(items)}):\n")
            for found in items[: limit or None]:
                where = found.where if isinstance(found, ImportFinding) else ""
                out.write(f"      {where + ': ' if where else ''}{found.message}\n")
            if limit and len(items) > limit:
                out.write(f"      … {len(items) - limit} more (--limit 0 lists all, --rule {rule_id} only these)\n")
            fix = FIXES.get(rule_id) or _fix(rule_id)
            if fix:
                out.write(f"      fix: {fix}\n")
    if report.waived:
        out.write(f"  waived ({len(report.waived)})\n")
    out.write(f"  {report.tally}\n")


def _fix(rule_id: str) -> str:
    from .. import registry

    try:
        return registry.get_rule(rule_id).fix.replace("``", "")
    except KeyError:
        return ""


def write_summary(results: list[tuple[str, Imported, Report]], out: TextIO) -> None:
    """One tab-separated line per file: bodies, top posts (roots), then each rule's count."""
    counted = [
        (label, imported, Counter(f.rule for f in report if not f.waived)) for label, imported, report in results
    ]
    rules = sorted({rule for _, _, counts in counted for rule in counts})
    organograms = all(isinstance(i.structure.metadata.get("top_posts"), list) for _, i, _ in counted)
    out.write("\t".join(["file", "bodies", "top_posts" if organograms else "sovereign", *rules]) + "\n")
    totals: Counter[str] = Counter()
    for label, imported, counts in counted:
        tops = imported.structure.metadata.get("top_posts")
        roots = len(tops) if isinstance(tops, list) else sum(b.sovereign for b in imported.structure.bodies)
        totals.update(counts)
        totals["bodies"] += len(imported.structure.bodies)
        totals["top_posts"] += roots
        row = [
            os.path.basename(label),
            str(len(imported.structure.bodies)),
            str(roots),
            *(str(counts[r]) for r in rules),
        ]
        out.write("\t".join(row) + "\n")
    out.write(
        "\t".join(["total", str(totals["bodies"]), str(totals["top_posts"]), *(str(totals[r]) for r in rules)]) + "\n"
    )
