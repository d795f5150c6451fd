import govgraph as gg
from tests.conftest import structure
from tests.rules._recommendations import tracked

RULE = "owner-outside-structure"


def found(text: str, **settings: object) -> list[tuple[list[str], str, tuple[str, ...] | None]]:
    return [(f.bodies, f.message, f.key) for f in gg.check(structure(text), **settings).by_rule(RULE)]


def test_owners_with_a_route_to_a_root_are_clean() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [board, council], made: 2008-01-01}")
    assert found(text) == []


def test_an_orphaned_owner() -> None:
    text = tracked("{id: r1, text: Train the workers, made_by: panel, owners: [board, network], made: 2008-01-01}")
    assert found(text) == [
        (
            ["network"],
            'recommendation r1 ("Train the workers") is owned by Network (network), which has no route up to a '
            "root: nobody in the structure holds the owner to account for it",
            ("r1",),
        )
    ]
    assert gg.check(structure(text)).by_rule(RULE)[0].severity.value == "warning"


def test_an_owner_under_a_loop_is_outside() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [network], made: 2008-01-01}")
    text = text.replace(
        "recommendations:",
        "  - {source: network, kind: reports_to, target: board2}\n"
        "  - {source: board2, kind: reports_to, target: network}\nrecommendations:",
    ).replace("relationships:", "  - {id: board2, name: Board 2, kind: board}\nrelationships:")
    assert [bodies for bodies, _, _ in found(text)] == [["network"]]


def test_dissolved_owners_are_left_to_unowned_recommendation() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [old], made: 2008-01-01}")
    assert found(text) == []


def test_two_outside_owners_in_one_finding() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [network, forum], made: 2008-01-01}").replace(
        "relationships:", "  - {id: forum, name: Forum, kind: forum}\nrelationships:"
    )
    [(bodies, message, _)] = found(text)
    assert bodies == ["forum", "network"]
    assert "owned by Forum (forum), Network (network), which have no route up to a root" in message


def test_achieved_recommendations_can_be_excluded() -> None:
    text = tracked(
        "{id: r1, text: Plan, made_by: panel, owners: [network], made: 2008-01-01, updates: [{date: 2008-02-01, stage: 2}]}"
    )
    assert len(found(text)) == 1
    assert found(text, owner_outside_structure={"include_achieved": False}) == []
