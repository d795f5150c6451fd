"""The command line's arguments: one sub-command each for check, render, diff, schema, import, export and report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .exits import EXIT_INVALID

__all__: list[str] = []


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

    from ..importers.command import add_arguments as add_import_arguments

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
    from .. import __version__

    return __version__
