"""``govgraph render``, ``diff`` and ``report``: drawings and pages of one structure or two."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._files import refuse_overwriting
from ..errors import UsageError
from ..loading import load, load_all
from ..model import Structure
from .checking import load_config
from .exits import EXIT_FINDINGS, EXIT_OK

__all__: list[str] = []


def _render(arguments: argparse.Namespace) -> int:
    from ..export import render_to
    from ..export.omissions import omitted

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
    from ..export.pages import render_pages

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
        f"wrote {len(written)} drawings to {arguments.output}: {written[0].name} and one per root ({len(written) - 1})",
        file=sys.stderr,
    )
    return EXIT_OK


def _diff(arguments: argparse.Namespace) -> int:
    from ..diff import diff, write_diff
    from ..export import render_diff

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
    from ..export.backend import GraphvizWarning
    from ..export.page import ReadabilityWarning

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
    from ..export.report import write_report_files

    if len(arguments.files) > 2:
        raise UsageError("report takes one structure, or two (OLD NEW) for a restructure")
    config = load_config(arguments.config) if arguments.config else None
    written = write_report_files(arguments.files, arguments.output, config=config)
    print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK
