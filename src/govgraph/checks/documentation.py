"""``docs/rules.md`` is built from the rules' own docstrings, so it cannot drift.

Run ``python -m govgraph.checks.documentation > docs/rules.md`` after changing
a rule; a test fails while the page is out of date.
"""

from __future__ import annotations

from .. import registry

__all__ = ["rules_markdown"]

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
