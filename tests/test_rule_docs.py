"""Every rule's documented PASS and FAIL examples do what its page says.

The examples are the ``PASS::`` and ``FAIL::`` blocks of each rule module's
docstring, which is also the rule's page on the documentation site: a PASS
example must give no finding of its rule, a FAIL example at least one.
"""

from __future__ import annotations

import pytest

import govgraph as gg
from govgraph import registry
from govgraph.checks.documentation import RuleExample, example_document, rule_examples

EXAMPLES = [
    pytest.param(spec.id, example, id=f"{spec.id}-{'pass' if example.passes else 'fail'}{number}")
    for spec in registry.all_rules()
    for number, example in enumerate(rule_examples(spec.doc), 1)
]


@pytest.mark.parametrize("spec", registry.all_rules(), ids=lambda spec: spec.id)
def test_every_rule_documents_a_passing_and_a_failing_example(spec: registry.RuleSpec) -> None:
    verdicts = {example.passes for example in rule_examples(spec.doc)}
    assert verdicts == {True, False}, f"{spec.id}: its docstring needs a PASS:: and a FAIL:: example"


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES)
def test_documented_example(rule_id: str, example: RuleExample) -> None:
    structure = gg.loads(example_document(example.text))  # a StructureError here: the example does not load
    found = [finding.message for finding in gg.check(structure) if finding.rule == rule_id]
    if example.passes:
        assert found == [], f"PASS example of {rule_id} gives findings:\n{example.text}"
    else:
        assert found, f"FAIL example of {rule_id} gives no finding:\n{example.text}"


def test_examples_are_read_from_the_docstring_with_their_captions() -> None:
    examples = rule_examples(registry.get_rule("orphaned-group").doc)
    assert [(example.passes, example.caption) for example in examples] == [
        (True, ""),
        (False, "``group`` reports to nobody"),
    ]
    assert examples[1].text.startswith("bodies:\n  - {id: council,")
    assert "Fix:" not in examples[1].text


def test_a_wrong_example_fails() -> None:
    # The same check on an example whose verdict is wrong: the PASS text of orphaned-group marked FAIL.
    passing = rule_examples(registry.get_rule("orphaned-group").doc)[0]
    with pytest.raises(AssertionError, match="gives no finding"):
        test_documented_example("orphaned-group", RuleExample(False, "", passing.text))
