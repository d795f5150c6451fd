"""Properties that hold for every valid structure (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

import govgraph as gg
from govgraph.strategies import structures, structures_with_defect


def signature(report: gg.Report) -> list[tuple[object, ...]]:
    return [(f.rule, f.severity, tuple(f.bodies), tuple(f.path or ()), f.message, f.waived) for f in report]


@given(structures())
def test_yaml_round_trip(s: gg.Structure) -> None:
    assert gg.loads(s.dumps("yaml"), "yaml") == s


@given(structures())
def test_json_round_trip(s: gg.Structure) -> None:
    assert gg.loads(s.dumps("json"), "json") == s


@given(structures())
def test_fast_json_reader_agrees_with_the_strict_one(s: gg.Structure) -> None:
    from govgraph.loading import _load_json_fast, _loads_exactly

    text = s.dumps("json")
    fast = _load_json_fast(text)
    assert fast is None or fast == _loads_exactly(text, "json", "x.json")


@given(structures(), st.randoms(use_true_random=False))
def test_a_repeated_key_anywhere_in_json_is_refused(s: gg.Structure, rng: random.Random) -> None:
    # The fast JSON reader proves there are no duplicate keys by counting them:
    # repeat any one scalar entry of any object and the file must be refused.
    lines = s.dumps("json").split("\n")  # not splitlines(): names may hold U+0085 or U+2028
    scalar = [i for i, line in enumerate(lines) if '": ' in line and not line.rstrip(",").endswith(("{", "["))]
    chosen = rng.choice(scalar)
    lines.insert(chosen, lines[chosen].rstrip(",") + ",")
    try:
        gg.loads("\n".join(lines), "json")
    except gg.StructureError as error:
        assert any("duplicate key" in str(problem) for problem in error.errors), error.errors
    else:
        raise AssertionError("a repeated key was accepted")


@given(structures())
def test_dumps_are_deterministic(s: gg.Structure) -> None:
    assert s.dumps() == gg.loads(s.dumps()).dumps()


@given(structures())
def test_check_never_raises_and_is_deterministic(s: gg.Structure) -> None:
    assert signature(gg.check(s)) == signature(gg.check(s))


@given(structures(), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_file_order(s: gg.Structure, rng: random.Random) -> None:
    bodies, relationships = list(s.bodies), list(s.relationships)
    rng.shuffle(bodies)
    rng.shuffle(relationships)
    shuffled = s.replace(bodies=bodies, relationships=relationships)
    assert signature(gg.check(shuffled)) == signature(gg.check(s))


@given(structures(), st.booleans())
def test_an_isolated_sovereign_body_changes_no_other_finding(s: gg.Structure, sovereign_before: bool) -> None:
    # Roots depend on whether any current body is sovereign (a dissolved one
    # counts for nothing); keep that fixed so the added body is truly unrelated.
    if not any(b.sovereign and b.is_current for b in s.bodies):
        s = s.replace(bodies=[*s.bodies, gg.Body(id="zz-anchor", name="Anchor", kind="statutory_body", sovereign=True)])
    before = signature(gg.check(s))
    added = s.replace(bodies=[*s.bodies, gg.Body(id="zz-new-isolated", name="New", kind="board", sovereign=True)])
    after = [f for f in signature(gg.check(added)) if "zz-new-isolated" not in f[2]]
    assert after == before


RULES = [spec.id for spec in gg.registry.all_rules()]


@given(st.sampled_from(RULES).flatmap(lambda rule: st.tuples(st.just(rule), structures_with_defect(rule))))
def test_planted_defects_are_found(case: tuple[str, gg.Structure]) -> None:
    rule, s = case
    assert gg.check(s).by_rule(rule)


def test_every_rule_has_a_planted_defect() -> None:
    from govgraph.strategies import _PLANTED_RULES

    assert sorted(_PLANTED_RULES) == sorted(RULES)
