"""mkdocs hooks: the pages that are generated from the code, so they cannot drift.

- ``rules/<id>.md``: one page per registered rule, from the rule module's docstring
  (``govgraph.registry.all_rules()``), its PASS and FAIL examples shown as the whole
  files that ``tests/test_rule_docs.py`` loads and checks;
- ``reference/cli.md``: the help of ``govgraph`` and of each subcommand, from the argparse
  parser (``govgraph.cli._parser()``);
- ``gallery.md``: every structure file under ``examples/``, with its drawing (the SVG
  committed beside it, or one drawn now by Graphviz) copied into the site.

The nav names ``rules.md`` once; :func:`on_config` puts the rule pages under it.
This folder is excluded from the site (``exclude_docs`` in ``mkdocs.yml``).
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import govgraph as gg
from govgraph import registry
from govgraph.checks.documentation import example_document, rule_examples
from govgraph.cli import _parser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# Structures larger than this are listed in the gallery without a drawing.
LARGEST_DRAWN = 400
HELP_COLUMNS = "96"
# A README's links are relative to its folder, not to the gallery: kept as their text.
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EXAMPLE = re.compile(r"^(PASS|FAIL)( \(.*\))?::$")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Put one page per rule under the nav entry that names ``rules.md``."""
    pages: list[Any] = [{"All rules": "rules.md"}]
    pages += [{spec.id: f"rules/{spec.id}.md"} for spec in registry.all_rules()]
    config["nav"] = [_expand(entry, pages) for entry in config["nav"] or []]
    return config


def _expand(entry: Any, pages: list[Any]) -> Any:
    if isinstance(entry, dict):
        return {title: pages if value == "rules.md" else _expand(value, pages) for title, value in entry.items()}
    if isinstance(entry, list):
        return [_expand(item, pages) for item in entry]
    return entry


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the gallery's drawings."""
    for spec in registry.all_rules():
        files.append(File.generated(config, f"rules/{spec.id}.md", content=rule_page(spec)))
    files.append(File.generated(config, "reference/cli.md", content=cli_page()))
    page, drawings = gallery()
    files.append(File.generated(config, "gallery.md", content=page))
    for name, content in drawings.items():
        files.append(File.generated(config, name, content=content))
    return files


def generated_names() -> set[str]:
    """Every file the hooks add to the site (relative to docs/), without drawing anything."""
    names = {"reference/cli.md", "gallery.md"} | {f"rules/{spec.id}.md" for spec in registry.all_rules()}
    for path in EXAMPLES.rglob("*.yaml"):
        names.add(f"gallery/{path.relative_to(ROOT).with_suffix('.svg').as_posix()}")
    for path in EXAMPLES.rglob("*.svg"):
        names.add(f"gallery/{path.relative_to(ROOT).as_posix()}")
    for path in (EXAMPLES / "realdata").glob("*.png"):  # drawings of the real registers
        names.add(f"gallery/{path.relative_to(ROOT).as_posix()}")
    return names


# --- one page per rule -------------------------------------------------------------------------


def rule_page(spec: registry.RuleSpec) -> str:
    """The page of one rule: what it finds, its options, its examples, the fix, how to set it."""
    why: list[str] = []
    options: list[str] = []
    section = why
    for line in spec.doc.strip("\n").splitlines()[1:]:
        heading = line.strip()
        if heading.startswith("Fix:") or _EXAMPLE.match(heading):
            break
        if heading.startswith("Options:"):
            section = options
            if heading.removeprefix("Options:").strip().rstrip(".") == "none":
                options.append("None: the rule takes only `severity`.")
            continue
        section.append(line)
    out = [f"# `{spec.id}`", "", f"Default severity: **{spec.severity.value}**.", "", "\n".join(why).strip(), ""]
    out += ["## Options", "", "\n".join(options).strip() or "None: the rule takes only `severity`.", ""]
    out += ["## Examples", ""]
    for example in rule_examples(spec.doc):
        verdict = "PASS: no finding" if example.passes else "FAIL: a finding"
        title = f"{verdict} ({example.caption})" if example.caption else verdict
        out += [f"**{title}**", "", "```yaml", example_document(example.text).rstrip("\n"), "```", ""]
    out += [
        "Each example is a whole structure file: save it and run `govgraph check FILE` "
        "(`tests/test_rule_docs.py` does, for every rule).",
        "",
    ]
    if spec.fix:
        out += ["## Fix", "", spec.fix[:1].upper() + spec.fix[1:], ""]
    out += [
        "## Setting it",
        "",
        "```yaml",
        "checks:",
        f"  {spec.id}: {spec.severity.value}        # error, warning, info or off",
        "waivers:",
        f'  - {{rule: {spec.id}, bodies: [some-body], reason: "why it is accepted"}}',
        "```",
        "",
        "In a structure file's `checks:` section, a `--config` file of the same shape, or as a keyword "
        f'argument: `gg.check(structure, {spec.id.replace("-", "_")}="off")`. See [all rules](../rules.md).',
        "",
    ]
    return "\n".join(out)


# --- the command line --------------------------------------------------------------------------


def cli_page() -> str:
    """The help of every command, exactly as ``govgraph COMMAND --help`` prints it."""
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS  # argparse wraps to the terminal: fix the width
    try:
        parser = _parser()
        out = [
            "# Command line reference",
            "",
            "Generated from the command's own parser when the site is built. Exit status: 0 nothing at or "
            "above `--fail-on` (default `error`), 1 something is, 2 invalid input or usage.",
            "",
            "## govgraph",
            "",
            "```text",
            parser.format_help().rstrip(),
            "```",
            "",
        ]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, command in action.choices.items():
                    out += [f"## govgraph {name}", "", "```text", command.format_help().rstrip(), "```", ""]
        return "\n".join(out)
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


# --- the gallery -------------------------------------------------------------------------------


def gallery() -> tuple[str, dict[str, bytes]]:
    """The gallery page and its drawings (site path → bytes)."""
    out = [
        "# Gallery",
        "",
        "Every structure file under `examples/` in the repository, checked and drawn when this site "
        "was built. Each cites the published document it encodes in its `sources:`.",
        "",
    ]
    drawings: dict[str, bytes] = {}
    folders = sorted({path.parent for path in EXAMPLES.rglob("*.yaml")})
    for folder in folders:
        relative = folder.relative_to(ROOT).as_posix()
        out += [f"## `{relative}/`", ""]
        readme = folder / "README.md"
        if readme.exists():
            out += [_LINK.sub(r"\1", readme.read_text(encoding="utf-8").partition("\n")[2]).strip(), ""]
        stems = set()
        for path in sorted(folder.glob("*.yaml")):
            stems.add(path.stem)
            out += _gallery_entry(path, drawings)
        for extra in sorted(folder.glob("*.svg")):
            if extra.stem not in stems:
                name = f"gallery/{relative}/{extra.name}"
                drawings[name] = extra.read_bytes()
                out += [f"### `{extra.name}`", "", f"![{extra.name}]({name})", ""]
    registers = sorted((EXAMPLES / "realdata").glob("*.png"))
    if registers:
        out += ["## Real registers", "", "Drawn from `examples/realdata/` (see the import page).", ""]
    for picture in registers:
        name = f"gallery/{picture.relative_to(ROOT).as_posix()}"
        drawings[name] = picture.read_bytes()
        out += [f"### `{picture.name}`", "", f"![{picture.name}]({name})", ""]
    return "\n".join(out), drawings


def _gallery_entry(path: Path, drawings: dict[str, bytes]) -> list[str]:
    structure = gg.load(path)
    relative = path.relative_to(ROOT).as_posix()
    out = [f"### {structure.name}", "", f"`{relative}`", ""]
    if structure.description:
        out += [" ".join(structure.description.split()), ""]
    for source in structure.sources:
        details = ", ".join(str(part) for part in (source.publisher, source.date) if part)
        out.append(f"- *{source.title}*" + (f", {details}" if details else ""))
    report = gg.check(structure)
    out += [
        "",
        f"{len(structure.bodies)} bodies, {len(structure.relationships)} relationships; "
        f"`govgraph check`: {report.tally}.",
        "",
    ]
    if len(structure.bodies) > LARGEST_DRAWN:
        return [*out, f"Not drawn here: more than {LARGEST_DRAWN} bodies.", ""]
    name = f"gallery/{relative.removesuffix('.yaml')}.svg"
    committed = path.with_suffix(".svg")
    if committed.exists():
        drawings[name] = committed.read_bytes()
    else:
        with tempfile.TemporaryDirectory() as folder:
            drawn = gg.render(structure, Path(folder) / "drawing.svg")
            drawings[name] = drawn.read_bytes()
    return [*out, f"![{structure.name}]({name})", ""]
