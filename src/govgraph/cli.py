"""The ``govgraph`` command.

Exit status: 0 when no finding is at or above ``--fail-on``; 1 when one is;
2 for invalid input or usage. Problems with input are printed to stderr one
per line as ``FILE:LINE:COLUMN: error: message``; no input, however
malformed, produces a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import registry
from ._files import refuse_overwriting, same_file
from .checks import Report, check
from .checks.engine import Finding, validate_settings
from .errors import GovgraphError, Problem, StructureError, UsageError
from .loading import format_of, load, load_all, position, read_document, read_text
from .model import Structure

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
#: Standard output was closed early (``govgraph schema | head -1``): 128 + SIGPIPE,
#: the status of a Unix tool the closed pipe stopped.
EXIT_CLOSED_PIPE = 141


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (its own default), never a traceback."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"govgraph: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govgraph", description="Model, check and draw governance structures.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    checking = commands.add_parser("check", help="validate structures and run the rules")
    checking.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a structure file, or a folder of them (every .yaml, .yml, .json below it)",
    )
    checking.add_argument("--format", choices=["text", "json"], default="text")
    checking.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default="error",
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    checking.add_argument("--config", metavar="FILE", help="rule settings, shaped like a file's checks: section")

    drawing = commands.add_parser("render", help="draw a structure as a diagram")
    drawing.add_argument("file", metavar="FILE")
    drawing.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (default: FILE with the format's suffix; dot and mermaid go to standard output)",
    )
    drawing.add_argument(
        "--format",
        choices=["svg", "png", "pdf", "dot", "mermaid"],
        help="output format (default: from OUT's suffix, else svg)",
    )
    drawing.add_argument("--highlight", action="store_true", help="mark the findings of check on the diagram")
    drawing.add_argument("--focus", metavar="ID", help="draw only this body's neighbourhood")
    drawing.add_argument("--depth", type=int, default=1, metavar="N", help="relationships out from --focus (default 1)")
    drawing.add_argument("--config", metavar="FILE", help="rule settings for --highlight")
    for option, what in (("level", "level"), ("area", "area"), ("service-area", "service area"), ("kind", "body kind")):
        drawing.add_argument(
            f"--{option}", action="append", metavar="ID", help=f"draw only bodies of this {what} (repeatable)"
        )
    drawing.add_argument("--hide-dissolved", action="store_true", help="leave out dissolved bodies and relationships")
    drawing.add_argument(
        "--recommendations",
        action="store_true",
        help="badge each owner with its open recommendations (SVG/PNG/PDF/DOT)",
    )
    drawing.add_argument(
        "--page",
        metavar="PAGE",
        help="fit the drawing to a4 or a3 (landscape; add -portrait) and warn when text would be under 7 pt",
    )
    drawing.add_argument(
        "--collapse",
        metavar="GROUPING",
        help="draw groups of bodies as one box with their count: service_area, area, kind, level or a metadata key",
    )
    drawing.add_argument(
        "--per-root",
        action="store_true",
        help="with -o DIR: draw DIR/overview.svg and one page per root's sub-tree (DIR/01-ID.svg ...)",
    )

    comparing = commands.add_parser("diff", help="compare two structures, e.g. before and after a restructure")
    comparing.add_argument("old", metavar="OLD")
    comparing.add_argument("new", metavar="NEW")
    comparing.add_argument("--format", choices=["text", "json"], default="text")
    comparing.add_argument("--fail-on", choices=["error", "warning", "info"], default="error")
    comparing.add_argument("-o", "--output", metavar="DIAGRAM", help="also draw the union of both, changes marked")
    comparing.add_argument("--config", metavar="FILE", help="rule settings")

    reporting = commands.add_parser(
        "report", help="write one offline HTML page to explore a structure (or, given two, a restructure)"
    )
    reporting.add_argument("files", nargs="+", metavar="FILE", help="a structure, or OLD NEW for a restructure")
    reporting.add_argument(
        "-o", "--output", metavar="OUT", help="the page to write (default: FILE.html, or NEW.change.html)"
    )
    reporting.add_argument("--config", metavar="FILE", help="rule settings")

    commands.add_parser("schema", help="print the JSON Schema of the structure format, for editors")

    from .importers.command import add_arguments as add_import_arguments

    importing = commands.add_parser("import", help="turn organograms, registers and spreadsheets into structures")
    add_import_arguments(importing, _Parser)
    exporting = commands.add_parser(
        "export", help="write a structure for other tools: GraphML, GEXF, CSV tables, W3C ORG Turtle, Popolo JSON"
    )
    exporting.add_argument("file", metavar="FILE")
    exporting.add_argument("--to", required=True, choices=["graphml", "gexf", "csv", "org-ttl", "popolo"])
    exporting.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, a folder for csv, '-' for standard output (default: FILE with the format's suffix)",
    )
    exporting.add_argument("--base", metavar="IRI", help="the IRI the Turtle's IRIs start with (org-ttl only)")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        return _run(argv)
    except BrokenPipeError:  # also while reporting an error to a closed standard error
        return _closed_pipe()


def _run(argv: Sequence[str] | None) -> int:
    arguments = _parser().parse_args(argv)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "check": _check,
        "render": _render,
        "diff": _diff,
        "schema": _schema,
        "import": _import,
        "export": _export,
        "report": _report,
    }
    try:
        status = commands[arguments.command](arguments)
        sys.stdout.flush()  # here, where a closed pipe can still be told apart
        return status
    except BrokenPipeError:
        return _closed_pipe()
    except StructureError as error:
        for problem in error.errors:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except GovgraphError as error:
        print(f"govgraph: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""  # none when writing to standard output
        print(f"govgraph: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: still one line, never a traceback, unless asked for
        if os.environ.get("GOVGRAPH_DEBUG"):
            raise
        print(f"govgraph: internal error, please report it: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INVALID


def _closed_pipe() -> int:
    """End quietly when the reader of standard output (or error) has gone (``| head``).

    As the Python documentation recommends, both are pointed at ``os.devnull``,
    so that the interpreter's last flush at exit finds nowhere to fail and
    prints no "Exception ignored" message.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no real file behind it (a test's capture)
            pass
    return EXIT_CLOSED_PIPE


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
    from ._yaml import locate

    path = tuple(problem.path.split(".")[1:])
    line, column = position(locate(text, [path]), path, at_key=True)
    return Problem(problem.file, line, column, problem.path.removeprefix("checks."), problem.message)


# -- check --------------------------------------------------------------------------


def _check(arguments: argparse.Namespace) -> int:
    from ._inputs import expand_inputs

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
        from .recommendations import write_tracker

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


def _render(arguments: argparse.Namespace) -> int:
    from .export import render_to
    from .export.omissions import omitted

    structure = load(arguments.file)
    config = load_config(arguments.config) if arguments.config else None
    if arguments.per_root:
        return _render_pages(arguments, structure, config)
    if arguments.focus is not None:
        structure.body(arguments.focus)
    output = arguments.output
    chosen = arguments.format or (None if output else "svg")
    if output is None and chosen in ("svg", "png", "pdf"):
        output = str(Path(arguments.file).with_suffix(f".{chosen}"))
    refuse_overwriting(output, [arguments.file, arguments.config])
    filters = {
        "focus": arguments.focus,
        "depth": arguments.depth,
        "levels": arguments.level,
        "areas": arguments.area,
        "service_areas": arguments.service_area,
        "kinds": arguments.kind,
        "dissolved": "hide" if arguments.hide_dissolved else "show",
    }
    with _graphviz_warnings():
        text = render_to(
            structure,
            output,
            format=arguments.format,
            highlight=arguments.highlight,
            config=config,
            recommendations=arguments.recommendations,
            **filters,
            **({"collapse": arguments.collapse} if arguments.collapse else {}),
            **({"page": arguments.page} if arguments.page else {}),
        )
    for note in omitted(structure, **filters):
        print(f"govgraph: note: {note}", file=sys.stderr)
    if text is not None:
        sys.stdout.write(text)
    elif arguments.output is None:
        print(f"wrote {output}", file=sys.stderr)
    return EXIT_OK


def _render_pages(arguments: argparse.Namespace, structure: Structure, config: dict[str, Any] | None) -> int:
    from .export.pages import render_pages

    if arguments.output is None:
        raise UsageError("--per-root writes several files: name their folder with -o DIR")
    with _graphviz_warnings():
        written = render_pages(
            structure,
            arguments.output,
            format=arguments.format or "svg",
            inputs=[arguments.file, arguments.config],
            highlight=arguments.highlight,
            config=config,
            recommendations=arguments.recommendations,
            focus=arguments.focus,
            levels=arguments.level,
            areas=arguments.area,
            service_areas=arguments.service_area,
            kinds=arguments.kind,
            dissolved="hide" if arguments.hide_dissolved else "show",
            **({"collapse": arguments.collapse} if arguments.collapse else {}),
            **({"page": arguments.page} if arguments.page else {}),
        )
    print(
        f"wrote {len(written)} drawings to {arguments.output}: {written[0].name} and one per root "
        f"({len(written) - 1})",
        file=sys.stderr,
    )
    return EXIT_OK


def _diff(arguments: argparse.Namespace) -> int:
    from .diff import diff, write_diff
    from .export import render_diff

    refuse_overwriting(arguments.output, [arguments.old, arguments.new, arguments.config])
    config = load_config(arguments.config) if arguments.config else None
    old, new = _load_pair(arguments.old, arguments.new)
    result = diff(old, new, config=config)
    if arguments.format == "json":
        json.dump(result.to_dict(arguments.old, arguments.new), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_diff(result, arguments.old, arguments.new, sys.stdout)
    if arguments.output:
        with _graphviz_warnings():
            render_diff(result, arguments.output, old=arguments.old, new=arguments.new)
    return EXIT_FINDINGS if result.fails(arguments.fail_on) else EXIT_OK


@contextlib.contextmanager
def _graphviz_warnings() -> Iterator[None]:
    """Graphviz's warnings, and text too small for the page, printed as ``govgraph: warning: ...``."""
    from .export.backend import GraphvizWarning
    from .export.page import ReadabilityWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GraphvizWarning)
        warnings.simplefilter("always", ReadabilityWarning)
        yield
    for warning in caught:
        if issubclass(warning.category, (GraphvizWarning, ReadabilityWarning)):
            print(f"govgraph: warning: {warning.message}", file=sys.stderr)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


def _load_pair(first: str, second: str) -> tuple[Structure, Structure]:
    old, new = load_all([first, second])
    return old, new


def _report(arguments: argparse.Namespace) -> int:
    from .export.report import write_report_files

    if len(arguments.files) > 2:
        raise UsageError("report takes one structure, or two (OLD NEW) for a restructure")
    config = load_config(arguments.config) if arguments.config else None
    written = write_report_files(arguments.files, arguments.output, config=config)
    print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK


def _schema(arguments: argparse.Namespace) -> int:
    from .schema import json_schema

    json.dump(json_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK


def _import(arguments: argparse.Namespace) -> int:
    from .importers.command import run

    config = load_config(arguments.config) if arguments.config else None
    return run(arguments, config, sys.stdout, sys.stderr)


def _export(arguments: argparse.Namespace) -> int:
    from .errors import UsageError
    from .interchange import CSV_FILES, default_output, export, export_text

    structure = load(arguments.file)
    if arguments.output == "-":
        if arguments.to == "csv":
            raise UsageError("csv writes a folder of tables: give the folder with -o")
        sys.stdout.write(_exporting(lambda: export_text(structure, to=arguments.to, base=arguments.base), arguments))
        return EXIT_OK
    output = Path(arguments.output) if arguments.output else default_output(arguments.file, arguments.to)
    targets = [output / name for name in CSV_FILES] if arguments.to == "csv" else [output]
    if any(same_file(path, arguments.file) for path in targets):
        raise UsageError(f"{output} would overwrite the input {arguments.file}: choose another -o")
    paths = _exporting(lambda: export(structure, output, to=arguments.to, base=arguments.base), arguments)
    for path in paths:
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _exporting(write: Callable[[], Any], arguments: argparse.Namespace) -> Any:
    """Run ``write``: a structure the format cannot hold is reported against FILE,
    a missing optional library as a usage error naming the extra to install."""
    from dataclasses import replace

    from .errors import UsageError

    try:
        return write()
    except StructureError as error:
        raise StructureError([replace(p, file=p.file or arguments.file) for p in error.errors]) from None
    except ImportError as error:
        raise UsageError(str(error)) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
