"""``docs/rules.md`` is built from the rules' own docstrings, so it cannot drift.

Run ``python -m govgraph.checks.documentation > docs/rules.md`` after changing
a rule; a test fails while the page is out of date.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from .. import registry

__all__ = ["RuleExample", "example_document", "rule_examples", "rules_markdown"]

_EXAMPLE_HEADING = re.compile(r"^(PASS|FAIL)(?: \((?P<caption>.*)\))?::$")
_HEADER = ("govgraph", "name")

_INTRO = """\
# Rules

`govgraph check` runs every rule below. Each finding names its rule, a
severity, the bodies it is about (the subject first) and, for cycles, one
concrete `path`. Set a rule's severity or options in a file's `checks:`
section, in a `--config` file of the same shape, or as keyword arguments to
`govgraph.check`; accept a finding with a `waivers:` entry that gives the
reason. Rules look at active and proposed bodies and relationships;
dissolved ones are ignored by every rule but `dissolved-in-use`. Every rule
runs in time linear in bodies + relationships.

```yaml
checks:
  multiple-parents: "off"                      # or bare off
  coverage-gap: {severity: error, kind: local_planning_group}
waivers:
  - {rule: multiple-parents, bodies: [torbay-lig, torbay-pc, dtlit], reason: "Torbay para 4-5"}
```

| rule | default | options |
|---|---|---|
"""


@dataclass(frozen=True)
class RuleExample:
    """A ``PASS::`` or ``FAIL::`` example from a rule's documentation.

    ``passes`` says whether the rule must stay silent on it; ``caption`` is the
    text in brackets after the word (``FAIL (no Mental Health LPG)::``), and
    ``text`` the YAML, dedented.
    """

    passes: bool
    caption: str
    text: str


def rule_examples(doc: str) -> list[RuleExample]:
    r"""The PASS and FAIL examples of a rule's documentation, in order.

    An example is a line ``PASS::`` or ``FAIL::`` (optionally with a caption
    in brackets before the ``::``) followed by an indented YAML block: a whole
    structure file but for the ``govgraph: 1`` and ``name:`` lines.

    >>> doc = "Title\n\nPASS (quiet)::\n\n    bodies: []\n\nFix: none.\n"
    >>> rule_examples(doc)
    [RuleExample(passes=True, caption='quiet', text='bodies: []\n')]
    """
    lines = doc.splitlines()
    found = []
    for number, line in enumerate(lines):
        match = _EXAMPLE_HEADING.match(line.strip())
        if match is None:
            continue
        block: list[str] = []
        for following in lines[number + 1 :]:
            if following.strip() and not following[:1].isspace():
                break
            block.append(following)
        text = textwrap.dedent("\n".join(block)).strip("\n") + "\n"
        found.append(RuleExample(match.group(1) == "PASS", match.group("caption") or "", text))
    return found


def example_document(text: str, name: str = "Example") -> str:
    r"""``text`` with the ``govgraph: 1`` and ``name:`` lines it leaves out, ready to load.

    >>> print(example_document("bodies: []\n"), end="")
    govgraph: 1
    name: Example
    bodies: []
    """
    present = {line.split(":", 1)[0] for line in text.splitlines() if line[:1].isalpha()}
    header = {"govgraph": "govgraph: 1\n", "name": f"name: {name}\n"}
    return "".join(header[key] for key in _HEADER if key not in present) + text


def rules_markdown() -> str:
    """The rules page, from the registry."""
    rows = []
    pages = []
    for spec in registry.all_rules():
        options = ", ".join(f"`{name}`" for name in spec.options.model_fields) or "—"
        rows.append(f"| [`{spec.id}`](#{spec.id}) | {spec.severity.value} | {options} |")
        title, _, body = spec.doc.partition("\n")
        pages.append(f"## {spec.id}\n\n*{title.strip()}*\n{body.rstrip()}\n")
    return _INTRO + "\n".join(rows) + "\n\n" + "\n".join(pages)


if __name__ == "__main__":  # pragma: no cover
    print(rules_markdown(), end="")
