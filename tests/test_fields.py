"""Every field of the format rejects a bad value with its path and what would be valid."""

from __future__ import annotations

import pytest

import govgraph as gg

FULL = """\
govgraph: 1
name: Full
description: Every field once
as_of: 2003-06-01
sources:
  - {id: paper, title: The paper, publisher: A council, date: 2003-06-01, url: "https://example.org/p"}
levels:
  - {id: top, name: Top, note: See para 1}
areas:
  - {id: county, name: County}
  - {id: town, name: Town, within: county}
service_areas:
  - {id: mh, name: Mental health}
bodies:
  - id: board
    name: Board
    kind: board
    authority: executive
    sovereign: true
    level: top
    areas: [county]
    service_areas: [mh]
    remit: [Decide]
    members: [{name: Council, sector: statutory, role: chair}]
    chair: independent
    status: active
    established: 2001-01-01
    dissolved: 2010-01-01
    sources: [{source: paper, at: "1"}]
    notes: A note
    metadata: {x: 1}
  - {id: group, name: Group, kind: task_group, members: [{body: board, sector: statutory}]}
relationships:
  - source: group
    kind: reports_to
    target: board
    status: proposed
    established: 2002-01-01
    dissolved: 2009-01-01
    note: Note
    sources: [{source: paper, at: "2"}]
    metadata: {y: [1]}
checks:
  excess-depth: {severity: warning, max: 3}
waivers:
  - {rule: excess-depth, bodies: [group], reason: Fine}
metadata: {anything: [1, 2]}
"""


def test_the_full_file_loads_and_round_trips() -> None:
    s = gg.loads(FULL)
    assert gg.loads(s.dumps()) == s and gg.loads(s.dumps("json"), "json") == s
    assert s.body("board").members[0].role == "chair" and s.relationships[0].note == "Note"


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ("description: Every field once", "description: [a]", "description", "expected text, got a list"),
        (
            "as_of: 2003-06-01",
            "as_of: 2003-06-01 10:00:00",
            "as_of",
            "expected a date (YYYY-MM-DD), got a date and time",
        ),
        ("title: The paper", "title: ''", "sources[0].title", "must not be empty"),
        ("publisher: A council", "publisher: 7", "sources[0].publisher", "expected text, got 7 (a number)"),
        (
            "date: 2003-06-01, url",
            "date: June, url",
            "sources[0].date",
            "expected a date written YYYY-MM-DD, got 'June' (str)",
        ),
        ('url: "https://example.org/p"', "url: true", "sources[0].url", "expected text, got True (true/false)"),
        ("{id: top, name: Top,", "{id: -top, name: Top,", "levels[0].id", "'-top' is not a valid id"),
        ("note: See para 1", "note: 1", "levels[0].note", "expected text, got 1 (a number)"),
        ("within: county", "within: shire", "areas[1].within", "unknown area 'shire'"),
        (
            "{id: town, name: Town, within: county}",
            "{id: town, name: Town, within: town}",
            "areas[1].within",
            "area 'town' cannot be within itself",
        ),
        ("{id: mh, name: Mental health}", "{id: mh}", "service_areas[0]", "missing required field 'name'"),
        ("    authority: executive", "    authority: boss", "bodies[0].authority", "'boss' is not a valid authority"),
        ("    level: top", "    level: bottom", "bodies[0].level", "unknown level 'bottom'"),
        ("    areas: [county]", "    areas: county", "bodies[0].areas", "expected a list, got 'county' (str)"),
        (
            "    service_areas: [mh]",
            "    service_areas: [ld]",
            "bodies[0].service_areas[0]",
            "unknown service area 'ld'",
        ),
        ("    remit: [Decide]", "    remit: Decide", "bodies[0].remit", "expected a list, got 'Decide' (str)"),
        (
            "sector: statutory, role: chair",
            "sector: public, role: chair",
            "bodies[0].members[0].sector",
            "'public' is not a valid sector",
        ),
        ("role: chair}", "role: 3}", "bodies[0].members[0].role", "expected text, got 3 (a number)"),
        ("{body: board, sector", "{body: bored, sector", "bodies[1].members[0].body", "unknown body 'bored'"),
        ("    chair: independent", "    chair: [x]", "bodies[0].chair", "expected text, got a list"),
        ("    status: active", "    status: closed", "bodies[0].status", "'closed' is not a valid status"),
        (
            '    sources: [{source: paper, at: "1"}]',
            '    sources: [{source: papr, at: "1"}]',
            "bodies[0].sources[0].source",
            "unknown source 'papr'",
        ),
        (
            'at: "1"}]\n    notes',
            "at: 1}]\n    notes",
            "bodies[0].sources[0].at",
            "expected text, got 1 (a number); put it in quotes",
        ),
        ("    notes: A note", "    notes: {a: b}", "bodies[0].notes", "expected text, got a mapping"),
        (
            "    metadata: {x: 1}",
            "    metadata: [x]",
            "bodies[0].metadata",
            "expected a mapping (key: value), got a list",
        ),
        (
            "    kind: reports_to",
            "    kind: reports",
            "relationships[0].kind",
            "'reports' is not a valid relationship kind (did you mean 'reports_to'?)",
        ),
        ("    status: proposed", "    status: maybe", "relationships[0].status", "'maybe' is not a valid status"),
        (
            "    dissolved: 2009-01-01",
            "    dissolved: 2001-01-01",
            "relationships[0].dissolved",
            "dissolved (2001-01-01) is before established (2002-01-01)",
        ),
        ("    note: Note", "    note: ''", "relationships[0].note", "must not be empty"),
        (
            "  - {rule: excess-depth, bodies: [group], reason: Fine}",
            "  - {rule: excess-depth, bodies: [group], reason: ''}",
            "waivers[0].reason",
            "must not be empty",
        ),
        (
            "metadata: {anything: [1, 2]}",
            "metadata: {1: one}",
            "metadata",
            "mapping keys must be text, got 1 (a number); put it in quotes",
        ),
    ],
)
def test_each_field_rejects_a_bad_value(old: str, new: str, path: str, message: str) -> None:
    assert old in FULL, old
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(FULL.replace(old, new, 1), filename="f.yaml")
    found = [(p.path, p.message) for p in caught.value.errors]
    assert any(p == path and m.startswith(message) for p, m in found), found
    assert all(p.line is not None and p.column is not None for p in caught.value.errors)
