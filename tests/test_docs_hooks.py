"""The site's generated pages: what the mkdocs hooks in docs/hooks/ write (the strict build in
``make docs`` checks the links; these check the content)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from govgraph import registry
from govgraph.checks.documentation import example_document, rule_examples

HOOKS = Path(__file__).resolve().parents[1] / "docs" / "hooks"


def _hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_hooks_{name}", HOOKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _hook("generate")
docstrings = _hook("docstrings")


def test_a_rule_page_shows_its_default_options_examples_as_whole_files_and_fix() -> None:
    spec = registry.get_rule("excess-depth")
    page = generate.rule_page(spec)
    assert page.startswith("# `excess-depth`\n\nDefault severity: **info**.\n")
    assert "- ``max``: the most relationships allowed" in page
    for example in rule_examples(spec.doc):
        assert "```yaml\n" + example_document(example.text) + "```" in page
    assert "**FAIL: a finding (with ``max: 1``)**" in page
    assert "## Fix\n\nFlatten the structure" in page
    assert "Options:" not in page and "FAIL::" not in page


def test_a_rule_without_options_says_so() -> None:
    page = generate.rule_page(registry.get_rule("authority-cycle"))
    assert "## Options\n\nNone: the rule takes only `severity`.\n" in page


def test_the_nav_gets_a_page_per_rule_under_rules() -> None:
    config = {"nav": [{"Home": "index.md"}, {"Rules": "rules.md"}]}
    expanded = generate.on_config(config)["nav"]
    rules = expanded[1]["Rules"]
    assert rules[0] == {"All rules": "rules.md"}
    assert [next(iter(page)) for page in rules[1:]] == [spec.id for spec in registry.all_rules()]


def test_the_cli_reference_has_every_command_help() -> None:
    page = generate.cli_page()
    for command in ("check", "render", "diff", "schema"):
        assert f"## govgraph {command}\n\n```text\nusage: govgraph {command}" in page
    assert "--fail-on {error,warning,info}" in page


def test_the_gallery_lists_every_example_with_a_drawing() -> None:
    page, drawings = generate.gallery()
    examples = sorted(Path(generate.EXAMPLES).rglob("*.yaml"))
    assert examples
    for path in examples:
        relative = path.relative_to(generate.ROOT).as_posix()
        assert f"`{relative}`" in page
        name = f"gallery/{relative.removesuffix('.yaml')}.svg"
        assert f"]({name})" in page and drawings[name].lstrip().startswith(b"<?xml")
    assert set(drawings) <= generate.generated_names()


def test_doctests_outside_examples_are_fenced_and_roles_become_code() -> None:
    text = "Summary, see :func:`govgraph.load`.\n\n>>> 1 + 1\n2\n\nExamples\n--------\n>>> 2\n2"
    assert docstrings.markdown(text) == (
        "Summary, see `govgraph.load`.\n\n```pycon\n>>> 1 + 1\n2\n```\n\nExamples\n--------\n>>> 2\n2"
    )
