"""Recommendations (SPEC §6): loading and its errors, round trips, the tracker,
the table, diff, restriction to a day or a subset, and the diagram badge."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govgraph as gg
from govgraph.cli import main
from govgraph.recommendations import RULES, compare, rows, write_tracker
from govgraph.strategies import structures

TRACKED = """\
govgraph: 1
name: Tracked
as_of: 2009-01-01
sources: [{id: paper, title: Tracking paper}]
stages:
  - {id: 4, name: progress acceptable}
  - {id: 2, name: achieved, achieved: true}
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: panel, name: Scrutiny Panel, kind: scrutiny_body}
  - {id: board, name: Board, kind: board}
relationships:
  - {source: panel, kind: reports_to, target: council}
  - {source: board, kind: accountable_to, target: council}
recommendations:
  - id: r1
    text: Publish the plan
    made_by: panel
    owners: [board]
    made: 2008-01-01
    updates:
      - {date: 2008-02-01, stage: 4, note: drafting, sources: [{source: paper, at: "rec 1 ¶2"}]}
      - {date: 2008-09-01, stage: 2}
  - {id: r2, text: Review membership, made_by: panel, owners: [board, council], made: 2008-01-01, due: 2008-06-30,
     updates: [{date: 2008-03-01, stage: 4}], sources: [{source: paper, at: "rec 2"}]}
"""


def load(text: str = TRACKED) -> gg.Structure:
    return gg.loads(text, filename="t.yaml")


def errors(text: str) -> list[str]:
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, filename="t.yaml")
    return [str(problem) for problem in caught.value.errors]


# -- the model ---------------------------------------------------------------------


def test_fields_and_numbered_stages() -> None:
    s = load()
    [r1, r2] = s.recommendations
    assert [stage.id for stage in s.stages] == ["4", "2"]  # `id: 4` is the stage "4"
    assert (r1.made_by, r1.owners, r1.made, r1.due) == ("panel", ["board"], dt.date(2008, 1, 1), None)
    assert r1.latest is not None and (r1.latest.stage, r1.latest.date) == ("2", dt.date(2008, 9, 1))
    assert r1.updates[0].sources == [gg.Citation(source="paper", at="rec 1 ¶2")]
    assert r2.due == dt.date(2008, 6, 30)


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_round_trip(format: str) -> None:
    s = load()
    assert gg.loads(s.dumps(format), format) == s


def test_every_bad_reference_is_located_at_once() -> None:
    text = TRACKED.replace("owners: [board]", "owners: [bord, board, board]").replace(
        "{date: 2008-09-01, stage: 2}", "{date: 2007-12-15, stage: 3}"
    )
    text = text.replace("made_by: panel, owners: [board, council]", "made_by: pannel, owners: [board, council]")
    text = text.replace("due: 2008-06-30", "due: 2007-06-30").replace('at: "rec 2"', 'at: "rec 2"}, {source: papr')
    assert errors(text) == [
        "t.yaml:19:14: error: recommendations[0].owners[0]: unknown body 'bord' (did you mean 'board'?); "
        "bodies: board, council, panel",
        "t.yaml:19:27: error: recommendations[0].owners[2]: owner 'board' is listed twice (first at owners[1])",
        "t.yaml:23:16: error: recommendations[0].updates[1].date: update dated 2007-12-15 is before the "
        "recommendation was made (2008-01-01)",
        "t.yaml:23:16: error: recommendations[0].updates[1].date: updates out of date order: this update "
        "(2007-12-15) is earlier than updates[0] (2008-02-01); list updates oldest first",
        "t.yaml:23:35: error: recommendations[0].updates[1].stage: unknown stage '3'; stages: 2, 4",
        "t.yaml:24:48: error: recommendations[1].made_by: unknown body 'pannel' (did you mean 'panel'?); "
        "bodies: board, council, panel",
        "t.yaml:24:105: error: recommendations[1].due: due (2007-06-30) is before the recommendation was made "
        "(2008-01-01)",
        "t.yaml:25:96: error: recommendations[1].sources[1].source: unknown source 'papr' (did you mean 'paper'?); "
        "sources: paper",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("  - {id: 2, name: achieved, achieved: true}", "  - {id: 4, name: achieved again, achieved: true}"),
            "t.yaml:7:10: error: stages[1].id: duplicate stage id '4' (first defined at stages[0])",
            id="duplicate-stage",
        ),
        pytest.param(
            ("  - {id: r2,", "  - {id: r1,"),
            "t.yaml:24:10: error: recommendations[1].id: duplicate recommendation id 'r1' (first defined at "
            "recommendations[0])",
            id="duplicate-recommendation",
        ),
        pytest.param(
            ("stages:\n  - {id: 4, name: progress acceptable}\n  - {id: 2, name: achieved, achieved: true}\n", ""),
            "t.yaml:19:35: error: recommendations[0].updates[0].stage: unknown stage '4'; the file declares no "
            "stages: add a top-level 'stages:' list",
            id="no-stages-declared",
        ),
        pytest.param(
            ("    made: 2008-01-01\n", "    made: 2008-01-01\n    owner: [board]\n"),
            "t.yaml:21:5: error: recommendations[0].owner: unknown key 'owner' (did you mean 'owners'?); allowed keys: "
            "id, text, made_by, owners, made, due, updates, sources, notes, metadata",
            id="misspelt-key",
        ),
        pytest.param(
            ("    made: 2008-01-01\n", ""),
            "t.yaml:16:5: error: recommendations[0]: missing required field 'made'",
            id="missing-made",
        ),
        pytest.param(
            ("achieved: true}", 'achieved: "true"}'),
            "t.yaml:7:39: error: stages[1].achieved: expected true or false, got 'true' (str)",
            id="achieved-not-a-bool",
        ),
        pytest.param(
            ("{date: 2008-09-01, stage: 2}", "{date: 2008-09-01, stage: 2.5}"),
            "t.yaml:23:35: error: recommendations[0].updates[1].stage: expected text, got 2.5 (a number); "
            "put it in quotes to make it text",
            id="stage-not-an-id",
        ),
    ],
)
def test_bad_input_is_located_and_explained(change: tuple[str, str], expected: str) -> None:
    text = TRACKED.replace(*change)
    assert text != TRACKED
    assert expected in errors(text)


def test_the_cli_prints_the_errors_and_exits_2(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(TRACKED.replace("owners: [board]", "owners: [bord]"), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"{path}:19:14: error: recommendations[0].owners[0]: unknown body 'bord' (did you mean 'board'?); bodies: board, council, panel\n"
    )


def test_json_schema_describes_them() -> None:
    import jsonschema

    from govgraph.schema import json_schema

    schema = json_schema()
    assert {"stages", "recommendations"} <= set(schema["properties"])
    good = {
        "govgraph": 1,
        "name": "S",
        "stages": [{"id": 2, "name": "achieved", "achieved": True}],
        "bodies": [{"id": "a", "name": "A", "kind": "board"}],
        "recommendations": [
            {
                "id": "r",
                "text": "T",
                "made_by": "a",
                "owners": ["a"],
                "made": "2008-01-01",
                "updates": [{"date": "2008-02-01", "stage": "2"}],
            }
        ],
    }
    jsonschema.validate(good, schema)
    bad = json.loads(json.dumps(good))
    bad["recommendations"][0]["owner"] = ["a"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


# -- the tracker and the table ----------------------------------------------------------


def test_tracker_in_check_text(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(TRACKED, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    tracker = out[out.index("  recommendations") : out.index("  0 errors")]
    assert tracker == (
        "  recommendations (2: 1 achieved, 1 open):\n"
        "    id  latest stage             last update  status                owners\n"
        "    r1  2 (achieved)             2008-09-01   achieved              board\n"
        "    r2  4 (progress acceptable)  2008-03-01   open: overdue, stale  board, council\n"
    )


def test_tracker_in_check_json(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(TRACKED, encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert [(r["id"], r["stage"], r["last_update"], r["status"]) for r in entry["recommendations"]] == [
        ("r1", "2", "2008-09-01", "achieved"),
        ("r2", "4", "2008-03-01", "open: overdue, stale"),
    ]
    assert "recommendations" not in gg.check(load().replace(recommendations=[])).to_dict()


def test_no_tracker_without_recommendations() -> None:
    s = load().replace(recommendations=[])
    out = io.StringIO()
    write_tracker(gg.check(s), out)
    assert out.getvalue() == ""


def test_rows_and_frame() -> None:
    s = load()
    assert rows(s)[1] == {
        "id": "r2",
        "text": "Review membership",
        "made_by": "panel",
        "owners": ["board", "council"],
        "made": "2008-01-01",
        "due": "2008-06-30",
        "stage": "4",
        "stage_name": "progress acceptable",
        "achieved": False,
        "last_update": "2008-03-01",
        "updates": 1,
        "status": "open",
    }
    frame = s.recommendations_frame()
    assert list(frame.index) == ["r1", "r2"]
    assert frame.loc["r1", "achieved"] and frame.loc["r2", "stage"] == "4"
    assert str(frame.loc["r2", "last_update"].date()) == "2008-03-01"


def test_frame_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match="needs pandas, which is not installed: pip install pandas"):
        load().recommendations_frame()


# -- restricting ----------------------------------------------------------------------------


def test_at_a_day_keeps_what_was_known_then() -> None:
    s = load()
    early = s.at(dt.date(2008, 2, 15))
    assert [(r.id, [u.date for u in r.updates]) for r in early.recommendations] == [
        ("r1", [dt.date(2008, 2, 1)]),
        ("r2", []),
    ]
    assert s.at(dt.date(2007, 6, 1)).recommendations == []


def test_at_a_day_after_an_owner_went_shows_it_unowned() -> None:
    s = load(
        TRACKED.replace(
            "  - {id: board, name: Board, kind: board}",
            "  - {id: board, name: Board, kind: board, dissolved: 2008-10-01}",
        )
    )
    later = s.at(dt.date(2008, 12, 1))
    assert [r.owners for r in later.recommendations] == [[], ["council"]]
    assert [f.key for f in gg.check(later).by_rule("unowned-recommendation")] == [("r1",)]


def test_subset_keeps_recommendations_whose_bodies_are_kept() -> None:
    s = load()
    assert [r.id for r in s.subset(bodies=["panel", "board"]).recommendations] == ["r1"]


# -- diff -----------------------------------------------------------------------------------------


def test_diff_reports_added_removed_changed_and_stages() -> None:
    before = load()
    after_text = (
        TRACKED.replace("text: Review membership", "text: Review the membership")
        .replace("{date: 2008-03-01, stage: 4}", "{date: 2008-03-01, stage: 4}, {date: 2008-11-01, stage: 2}")
        .replace(
            "      - {date: 2008-09-01, stage: 2}\n",
            "      - {date: 2008-09-01, stage: 2}\n      - {date: 2008-12-01, stage: 4}\n",
        )
    )
    after_text += "  - {id: r3, text: New one, made_by: panel, owners: [board], made: 2008-12-01}\n"
    d = gg.diff(before, load(after_text))
    changes = d.recommendations
    assert (changes.added, changes.removed) == (["r3"], [])
    assert [(c.id, c.fields) for c in changes.changed] == [
        ("r2", {"text": ("Review membership", "Review the membership")})
    ]
    assert [(c.id, c.old, c.new, c.backwards) for c in changes.stages] == [
        ("r1", "2", "4", True),
        ("r2", "4", "2", False),
    ]
    out = io.StringIO()
    from govgraph.diff import write_diff

    write_diff(d, "old.yaml", "new.yaml", out)
    text = out.getvalue()
    assert "  + recommendation r3: New one\n" in text
    assert "  ~ recommendation r2\n      text: 'Review membership' → 'Review the membership'\n" in text
    assert "  ! recommendation r1 went backwards: 2 (achieved) → 4 (progress acceptable)\n" in text
    assert "  ~ recommendation r2 stage: 4 (progress acceptable) → 2 (achieved)\n" in text
    assert d.to_dict("old.yaml", "new.yaml")["recommendations"] == {
        "added": ["r3"],
        "removed": [],
        "changed": [{"id": "r2", "fields": {"text": {"old": "Review membership", "new": "Review the membership"}}}],
        "stages": [
            {"id": "r1", "old": "2", "new": "4", "backwards": True},
            {"id": "r2", "old": "4", "new": "2", "backwards": False},
        ],
    }


def test_diff_json_has_no_recommendations_key_when_neither_side_has_any() -> None:
    s = load().replace(recommendations=[])
    assert "recommendations" not in gg.diff(s, s).to_dict()


def test_dissolving_the_owner_fails_the_diff(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(TRACKED, encoding="utf-8")
    new.write_text(
        TRACKED.replace(
            "{id: board, name: Board, kind: board}", "{id: board, name: Board, kind: board, status: dissolved}"
        ),
        encoding="utf-8",
    )
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    introduced = json.loads(capsys.readouterr().out)["findings"]["introduced"]
    assert [(f["rule"], f["bodies"]) for f in introduced if f["rule"].endswith("recommendation")] == [
        ("unowned-recommendation", ["board"])
    ]


def test_compare_backwards_when_the_old_stage_left_the_scale() -> None:
    before = load()
    after = load(
        TRACKED.replace("  - {id: 2, name: achieved, achieved: true}\n", "  - {id: 1, name: done, achieved: true}\n")
        .replace("{date: 2008-09-01, stage: 2}", "{date: 2008-09-01, stage: 4}")
        .replace("{date: 2008-03-01, stage: 4}", "{date: 2008-03-01, stage: 1}")
    )
    assert [(c.id, c.backwards) for c in compare(before, after).stages] == [("r1", True), ("r2", False)]


# -- the diagram -------------------------------------------------------------------------------------


def test_render_badges_owners_of_open_recommendations() -> None:
    s = load()
    dot = gg.to_dot(s, recommendations=True)
    board = next(line for line in dot.splitlines() if '"board" [' in line)
    assert "● 1 open recommendation<" in board and "open recommendation r2: Review membership" in board
    council = next(line for line in dot.splitlines() if '"council" [' in line)
    assert "● 1 open recommendation<" in council
    assert "open recommendation" not in gg.to_dot(s)  # only on request


def test_render_badges_draw(tmp_path) -> None:
    # This small diagram also crashes Graphviz 2.43's orthogonal router: the render must still succeed.
    svg = gg.render(load(), tmp_path / "t.svg", recommendations=True).read_text(encoding="utf-8")
    assert svg.count("● 1 open recommendation") == 2


def test_render_badge_keeps_highlight_marks() -> None:
    dot = gg.to_dot(load(), recommendations=True, highlight=True)
    board = next(line for line in dot.splitlines() if '"board" [' in line)
    assert 'color="#CC3311"' in board and "● 1 open recommendation" in board


def test_render_cli_flag(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(TRACKED, encoding="utf-8")
    assert main(["render", str(path), "--format", "dot", "--recommendations"]) == 0
    assert "● 1 open recommendation" in capsys.readouterr().out


# -- properties ------------------------------------------------------------------------------------------


@given(structures(max_bodies=6))
def test_recommendations_survive_a_round_trip(s: gg.Structure) -> None:
    for format in ("yaml", "json"):
        back = gg.loads(s.dumps(format), format)
        assert back.recommendations == s.recommendations and back.stages == s.stages


@given(structures(max_bodies=6))
def test_recommendation_rules_never_crash_and_are_deterministic(s: gg.Structure) -> None:
    def found() -> list[tuple[object, ...]]:
        report = gg.check(s, stale_recommendation={"as_of": dt.date(2030, 1, 1)})
        return [
            (f.rule, f.bodies, f.key, f.message) for f in report if f.rule.endswith(("recommendation", "structure"))
        ]

    assert found() == found()
    write_tracker(gg.check(s), io.StringIO())
    assert len(rows(s)) == len(s.recommendations)


@given(structures(max_bodies=6), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_recommendations(s: gg.Structure, rng: random.Random) -> None:
    shuffled = list(s.recommendations)
    rng.shuffle(shuffled)
    settings = {"stale_recommendation": {"as_of": dt.date(2030, 1, 1)}}

    def found(structure: gg.Structure) -> list[tuple[object, ...]]:
        return [(f.rule, f.bodies, f.key, f.message) for f in gg.check(structure, **settings)]

    assert found(s.replace(recommendations=shuffled)) == found(s)


@given(structures(max_bodies=6), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2050, 12, 31)))
def test_a_structure_on_any_day_is_valid(s: gg.Structure, day: dt.date) -> None:
    try:
        then = s.at(day)
    except ValueError:  # no body stood that day
        return
    assert all(r.made <= day for r in then.recommendations)
    assert all(u.date <= day for r in then.recommendations for u in r.updates)
    gg.check(then)


@given(structures(max_bodies=6), structures(max_bodies=6))
def test_diff_of_any_two_structures_compares_recommendations(a: gg.Structure, b: gg.Structure) -> None:
    changes = compare(a, b)
    assert set(changes.added) == {r.id for r in b.recommendations} - {r.id for r in a.recommendations}
    json.dumps(changes.to_dict())


def test_field_errors_and_reference_errors_are_reported_together() -> None:
    text = TRACKED.replace("owners: [board]", "owners: board").replace(
        "{date: 2008-09-01, stage: 2}", "5\n      - {date: 2008-13-01, stage: nope}"
    )
    assert errors(text) == [
        "t.yaml:19:13: error: recommendations[0].owners: expected a list, got 'board' (str)",
        "t.yaml:23:9: error: recommendations[0].updates[1]: expected a mapping (key: value), got 5 (a number)",
        "t.yaml:24:16: error: recommendations[0].updates[2].date: '2008-13-01' is not a real date",
        "t.yaml:24:35: error: recommendations[0].updates[2].stage: unknown stage 'nope'; stages: 2, 4",
    ]


def test_json_files_are_located_too() -> None:
    data = json.loads(load().dumps("json"))
    data["recommendations"][1]["owners"] = ["bored"]
    text = json.dumps(data, indent=2)
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, "json", filename="t.json")
    [problem] = caught.value.errors
    line = text.splitlines().index('        "bored"') + 1
    assert str(problem) == (
        f"t.json:{line}:9: error: recommendations[1].owners[0]: unknown body 'bored' (did you mean 'board'?); "
        "bodies: board, council, panel"
    )


@pytest.mark.parametrize("rule_id", RULES)
def test_the_docs_pass_and_fail_examples_do(rule_id: str) -> None:
    import re
    import textwrap

    doc = gg.registry.get_rule(rule_id).doc
    examples = re.findall(r"^(PASS|FAIL)[^\n]*::\n\n((?:    [^\n]*\n|\n)+)", doc, flags=re.M)
    assert {kind for kind, _ in examples} == {"PASS", "FAIL"}
    for kind, block in examples:
        s = gg.loads("govgraph: 1\nname: Doc\n" + textwrap.dedent(block))
        assert bool(gg.check(s).by_rule(rule_id)) == (kind == "FAIL"), (rule_id, kind)
