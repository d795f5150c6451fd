import govgraph as gg
from tests.conftest import structure
from tests.rules._recommendations import tracked

RULE = "overdue-recommendation"


def found(text: str, **settings: object) -> list[tuple[list[str], str]]:
    return [(f.bodies, f.message) for f in gg.check(structure(text), **settings).by_rule(RULE)]


def test_not_yet_due_achieved_or_undated_is_clean() -> None:
    text = tracked(
        "{id: r1, text: Later, made_by: panel, owners: [board], made: 2008-01-01, due: 2009-06-30}",
        "{id: r2, text: Done, made_by: panel, owners: [board], made: 2008-01-01, due: 2008-04-30, "
        "updates: [{date: 2008-05-01, stage: 2}]}",
        "{id: r3, text: Whenever, made_by: panel, owners: [board], made: 2008-01-01}",
        "{id: r4, text: Today, made_by: panel, owners: [board], made: 2008-01-01, due: 2009-01-01}",
    )
    assert found(text) == []


def test_past_due_and_not_achieved() -> None:
    text = tracked(
        "{id: r1, text: Report back, made_by: panel, owners: [board, network], made: 2008-01-01, due: 2008-04-30, "
        "updates: [{date: 2008-02-01, stage: 2}, {date: 2008-03-01, stage: 4}]}",
        "{id: r2, text: Never heard of, made_by: panel, owners: [old], made: 2008-01-01, due: 2008-12-31}",
    )
    assert found(text) == [  # r2's only owner is dissolved: the finding names the body that made it
        (
            ["board", "network"],
            'recommendation r1 ("Report back") was due 2008-04-30 and, 246 days later (as of 2009-01-01), '
            "is at stage 4 (Not achieved – progress made acceptable)",
        ),
        (
            ["panel"],
            'recommendation r2 ("Never heard of") was due 2008-12-31 and, 1 day later (as of 2009-01-01), '
            "has had no update",
        ),
    ]


def test_as_of_option_and_no_date() -> None:
    text = tracked(
        "{id: r1, text: Report back, made_by: panel, owners: [board], made: 2008-01-01, due: 2008-04-30}"
    ).replace("as_of: 2009-01-01\n", "")
    assert found(text) == []
    assert [b for b, _ in found(text, overdue_recommendation={"as_of": "2008-05-01"})] == [["board"]]
    assert found(text, overdue_recommendation={"as_of": "2008-04-30"}) == []
