import govgraph as gg
from tests.conftest import structure
from tests.rules._recommendations import tracked

RULE = "unowned-recommendation"


def found(text: str, **settings: object) -> list[tuple[list[str], str, tuple[str, ...] | None]]:
    return [(f.bodies, f.message, f.key) for f in gg.check(structure(text), **settings).by_rule(RULE)]


def test_a_current_owner_is_clean() -> None:
    text = tracked("{id: r1, text: Publish the plan, made_by: panel, owners: [board, old], made: 2008-01-01}")
    assert found(text) == []


def test_a_proposed_owner_counts_as_an_owner() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [new], made: 2008-01-01}").replace(
        "relationships:", "  - {id: new, name: New, kind: board, status: proposed}\nrelationships:"
    )
    assert found(text) == []


def test_no_owner() -> None:
    text = tracked("{id: r1, text: Publish the plan, made_by: panel, made: 2008-01-01}")
    assert found(text) == [(["panel"], 'recommendation r1 ("Publish the plan") has no owner', ("r1",))]


def test_every_owner_dissolved_names_them() -> None:
    text = tracked(
        "{id: r1, text: Publish the plan, made_by: panel, owners: [old], made: 2008-01-01}",
        "{id: r2, text: Review membership, made_by: panel, owners: [old, gone], made: 2008-01-01}",
    ).replace("relationships:", "  - {id: gone, name: Gone, kind: forum, status: dissolved}\nrelationships:")
    assert found(text) == [
        (
            ["gone", "old"],
            'recommendation r2 ("Review membership") has no current owner: gone, old are all dissolved',
            ("r2",),
        ),
        (["old"], 'recommendation r1 ("Publish the plan") has no current owner: old is dissolved', ("r1",)),
    ]
    assert {f.severity.value for f in gg.check(structure(text)).by_rule(RULE)} == {"error"}


def test_long_text_is_shortened_in_the_message() -> None:
    text = tracked(f"{{id: r1, text: {'word ' * 30}end, made_by: panel, made: 2008-01-01}}")
    [(_, message, _)] = found(text)
    assert message == 'recommendation r1 ("' + ("word " * 12).rstrip() + '…") has no owner'


def test_achieved_recommendations_count_unless_excluded() -> None:
    text = tracked(
        "{id: r1, text: Done, made_by: panel, owners: [old], made: 2008-01-01, updates: [{date: 2008-02-01, stage: 2}]}"
    )
    assert [key for _, _, key in found(text)] == [("r1",)]
    assert found(text, unowned_recommendation={"include_achieved": False}) == []


def test_a_waiver_on_the_dissolved_owner_accepts_it() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [old], made: 2008-01-01}")
    text += "waivers:\n  - {rule: unowned-recommendation, bodies: [old], reason: handed to the new board}\n"
    [finding] = gg.check(structure(text)).by_rule(RULE)
    assert finding.waived and finding.reason == "handed to the new board"


def test_a_waiver_for_one_recommendation_does_not_cover_an_ownerless_one() -> None:
    text = tracked(
        "{id: r1, text: Plan, made_by: panel, owners: [old], made: 2008-01-01}",
        "{id: r2, text: Nobody's, made_by: panel, made: 2008-01-01}",
    )
    text += "waivers:\n  - {rule: unowned-recommendation, bodies: [old], reason: handed on}\n"
    assert [(f.key, f.bodies, f.waived) for f in gg.check(structure(text)).by_rule(RULE)] == [
        (("r1",), ["old"], True),
        (("r2",), ["panel"], False),
    ]
