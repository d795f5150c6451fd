import datetime as dt

import pytest

import govgraph as gg
from tests.conftest import structure
from tests.rules._recommendations import tracked

RULE = "stale-recommendation"


def found(text: str, **settings: object) -> list[tuple[list[str], str]]:
    return [(f.bodies, f.message) for f in gg.check(structure(text), **settings).by_rule(RULE)]


def test_recently_updated_or_achieved_is_clean() -> None:
    text = tracked(
        "{id: r1, text: Plan, made_by: panel, owners: [board], made: 2008-01-01, updates: [{date: 2008-07-05, stage: 4}]}",
        "{id: r2, text: Done, made_by: panel, owners: [board], made: 2007-01-01, updates: [{date: 2007-02-01, stage: 2}]}",
        "{id: r3, text: New, made_by: panel, owners: [board], made: 2008-12-01}",
    )
    assert found(text) == []


def test_silence_is_measured_from_the_last_update_or_from_made() -> None:
    text = tracked(
        "{id: r1, text: Plan, made_by: panel, owners: [board], made: 2008-01-01, "
        "updates: [{date: 2008-02-01, stage: 2}, {date: 2008-07-04, stage: 4}]}",
        "{id: r2, text: Quiet, made_by: panel, owners: [board, old], made: 2008-01-01}",
    )
    assert found(text) == [
        (
            ["board"],
            'recommendation r1 ("Plan") has had no update for 181 days (last update 2008-07-04; '
            "as of 2009-01-01, at most 180 allowed)",
        ),
        (
            ["board"],
            'recommendation r2 ("Quiet") has had no update for 366 days (made 2008-01-01, never updated; '
            "as of 2009-01-01, at most 180 allowed)",
        ),
    ]


def test_max_days_option() -> None:
    text = tracked(
        "{id: r1, text: Plan, made_by: panel, owners: [board], made: 2008-01-01, updates: [{date: 2008-12-01, stage: 4}]}"
    )
    assert found(text) == []
    assert [bodies for bodies, _ in found(text, stale_recommendation={"max_days": 30})] == [["board"]]
    assert found(text, stale_recommendation={"max_days": 31}) == []


def test_silent_without_a_date_unless_the_option_gives_one() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [board], made: 2008-01-01}").replace(
        "as_of: 2009-01-01\n", ""
    )
    assert found(text) == []
    [(_, message)] = found(text, stale_recommendation={"as_of": dt.date(2008, 12, 31)})
    assert "no update for 365 days (made 2008-01-01, never updated; as of 2008-12-31" in message


def test_bad_options_are_refused() -> None:
    text = tracked("{id: r1, text: Plan, made_by: panel, owners: [board], made: 2008-01-01}")
    with pytest.raises(gg.StructureError, match="max_days"):
        gg.check(structure(text), stale_recommendation={"max_days": -1})
    with pytest.raises(gg.StructureError, match="unknown option 'max_day'"):
        gg.check(structure(text), stale_recommendation={"max_day": 10})
