"""Loading: every class of bad input gives a located, explained error, all at once."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

import govgraph as gg
from govgraph.cli import main

from .conftest import DEVON

GOOD = """\
govgraph: 1
name: Example
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: group, name: Group, kind: task_group}
relationships:
  - {source: group, kind: reports_to, target: council}
"""


def problems(text: str, format: str = "yaml") -> list[str]:
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, format, filename="f.yaml")
    return [str(problem) for problem in caught.value.errors]


def test_good_file_loads() -> None:
    s = gg.loads(GOOD)
    assert [b.id for b in s.bodies] == ["council", "group"]
    assert s.body("group").kind is gg.BodyKind.TASK_GROUP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            GOOD.replace("kind: task_group", "kind: taskgroup"),
            "f.yaml:5:36: error: bodies[1].kind: 'taskgroup' is not a valid body kind (did you mean 'task_group'?); "
            "expected one of: board, committee, executive_group, forum, local_planning_group, network, "
            "organisation, other, partnership, post, scrutiny_body, statutory_body, strategic_planning_group, sub_group, task_group",
            id="bad-enum",
        ),
        pytest.param(
            GOOD.replace("sovereign: true", 'sovereign: "yes"'),
            "f.yaml:4:67: error: bodies[0].sovereign: expected true or false, got 'yes' (str)",
            id="no-coercion-of-bool",
        ),
        pytest.param(
            GOOD.replace("name: Group,", "name: Group, colour: red,"),
            "f.yaml:5:30: error: bodies[1].colour: unknown key 'colour'; allowed keys: id, name, kind, authority, "
            "sovereign, level, areas, service_areas, remit, members, chair, status, established, dissolved, sources, "
            "notes, metadata",
            id="unknown-key",
        ),
        pytest.param(
            GOOD.replace("name: Example", "name: Example\ndescripton: x"),
            "f.yaml:3:1: error: descripton: unknown key 'descripton' (did you mean 'description'?); allowed keys: "
            "govgraph, name, description, as_of, sources, levels, areas, service_areas, bodies, relationships, stages, "
            "recommendations, checks, waivers, metadata",
            id="did-you-mean-key",
        ),
        pytest.param(
            GOOD.replace("id: group", "id: council"),
            "f.yaml:5:10: error: bodies[1].id: duplicate body id 'council' (first defined at bodies[0])",
            id="duplicate-id",
        ),
        pytest.param(
            GOOD.replace("target: council}", "target: counsil}"),
            "f.yaml:7:47: error: relationships[0].target: unknown body 'counsil' (did you mean 'council'?); "
            "bodies: council, group",
            id="dangling-reference",
        ),
        pytest.param(
            GOOD.replace("target: council}", "target: group}"),
            "f.yaml:7:47: error: relationships[0].target: a body cannot have a relationship with itself "
            "('group' reports_to 'group')",
            id="self-relationship",
        ),
        pytest.param(
            GOOD + "  - {source: group, kind: reports_to, target: council}\n",
            "f.yaml:8:5: error: relationships[1]: duplicate relationship 'group' reports_to 'council'; "
            "first given at relationships[0]",
            id="duplicate-relationship",
        ),
        pytest.param(
            GOOD + "  - {source: group, kind: links_with, target: council}\n"
            "  - {source: council, kind: links_with, target: group}\n",
            "f.yaml:9:5: error: relationships[2]: duplicate relationship 'council' links_with 'group' "
            "(links_with is two-way: A-B and B-A are the same link); first given at relationships[1]",
            id="duplicate-symmetric-link",
        ),
        pytest.param(
            GOOD.replace("kind: task_group}", "kind: task_group, established: 2003-02-30}"),
            "f.yaml:5:61: error: bodies[1].established: '2003-02-30' is not a real date",
            id="impossible-date",
        ),
        pytest.param(
            GOOD.replace("kind: task_group}", "kind: task_group, established: 2004-01-01, dissolved: 2003-01-01}"),
            "f.yaml:5:84: error: bodies[1].dissolved: dissolved (2003-01-01) is before established (2004-01-01)",
            id="dissolved-before-established",
        ),
        pytest.param(
            GOOD.replace("kind: task_group}", "kind: task_group, established: 2003}"),
            "f.yaml:5:61: error: bodies[1].established: expected a date written YYYY-MM-DD, got 2003 (a number)",
            id="number-for-date",
        ),
        pytest.param(
            GOOD + "waivers:\n  - {rule: orphaned-groups, bodies: [group], reason: why}\n",
            "f.yaml:9:12: error: waivers[0].rule: unknown rule 'orphaned-groups' (did you mean 'orphaned-group'?); "
            "rules: authority-cycle, coordinator-with-authority, coverage-gap, dissolved-in-use, duplicate-remit, "
            "excess-depth, hierarchy-cycle, level-inversion, missing-stakeholders, multiple-parents, orphaned-group, "
            "outside-lifetime, overdue-recommendation, owner-outside-structure, scrutiny-conflict, "
            "stale-recommendation, unowned-recommendation, unreciprocated-coordination",
            id="waiver-unknown-rule",
        ),
        pytest.param(
            GOOD + "waivers:\n  - {rule: orphaned-group, bodies: [grup], reason: why}\n",
            "f.yaml:9:37: error: waivers[0].bodies[0]: unknown body 'grup' (did you mean 'group'?); bodies: council, group",
            id="waiver-unknown-body",
        ),
        pytest.param(
            GOOD + "waivers:\n  - {rule: orphaned-group, bodies: [group]}\n",
            "f.yaml:9:5: error: waivers[0]: missing required field 'reason'",
            id="waiver-without-reason",
        ),
        pytest.param(
            GOOD + "checks:\n  orphaned-groop: off\n",
            "f.yaml:9:3: error: checks.orphaned-groop: unknown rule 'orphaned-groop' (did you mean 'orphaned-group'?); "
            "rules: authority-cycle, coordinator-with-authority, coverage-gap, dissolved-in-use, duplicate-remit, "
            "excess-depth, hierarchy-cycle, level-inversion, missing-stakeholders, multiple-parents, orphaned-group, "
            "outside-lifetime, overdue-recommendation, owner-outside-structure, scrutiny-conflict, "
            "stale-recommendation, unowned-recommendation, unreciprocated-coordination",
            id="checks-unknown-rule",
        ),
        pytest.param(
            GOOD + "checks:\n  coverage-gap: {kinds: [board]}\n",
            "f.yaml:9:18: error: checks.coverage-gap.kinds: unknown option 'kinds' for rule 'coverage-gap' "
            "(did you mean 'kind'?); its options: kind, severity",
            id="checks-unknown-option",
        ),
        pytest.param(
            GOOD + "checks:\n  excess-depth: {max: many}\n",
            "f.yaml:9:23: error: checks.excess-depth.max: Input should be a valid integer",
            id="checks-bad-option-value",
        ),
        pytest.param(
            GOOD + "checks:\n  level-inversion: eror\n",
            "f.yaml:9:20: error: checks.level-inversion: 'eror' is not a severity; expected one of: error, warning, "
            "info, off (did you mean 'error'?)",
            id="checks-bad-severity",
        ),
        pytest.param(
            GOOD.replace("name: Example\n", "name: Example\nname: Again\n"),
            "f.yaml:3:1: error: name: duplicate key 'name' (first at line 2); YAML would silently keep the last, "
            "so remove one",
            id="duplicate-yaml-key",
        ),
        pytest.param(
            GOOD.replace("name: Example", "name: !!python/object/apply:os.system [ls]"),
            "f.yaml:2:7: error: name: tag '!!python/object/apply:os.system' is not allowed: only plain YAML values "
            "(text, numbers, true/false, dates, lists, mappings) are",
            id="python-tag",
        ),
        pytest.param(
            GOOD.replace("name: Example", "name: !custom Example"),
            "f.yaml:2:7: error: name: tag '!custom' is not allowed: only plain YAML values "
            "(text, numbers, true/false, dates, lists, mappings) are",
            id="custom-tag",
        ),
        pytest.param(
            GOOD.replace("govgraph: 1", "govgraph: 2"),
            "f.yaml:1:11: error: govgraph: unsupported format version 2 (a number); only version 1 exists: "
            "write govgraph: 1",
            id="format-version",
        ),
        pytest.param(
            GOOD.replace("govgraph: 1\n", ""),
            "f.yaml:1:1: error: missing required field 'govgraph': start the file with 'govgraph: 1'",
            id="missing-version",
        ),
        pytest.param(
            "govgraph: 1\nname: Empty\nbodies: []\n",
            "f.yaml:3:9: error: bodies: a structure needs at least one body",
            id="no-bodies",
        ),
        pytest.param(
            GOOD.replace("name: Group", "name: 5.2"),
            "f.yaml:5:23: error: bodies[1].name: expected text, got 5.2 (a number); put it in quotes to make it text",
            id="number-for-text",
        ),
        pytest.param(
            GOOD.replace("name: Group", "name: '  '"),
            "f.yaml:5:23: error: bodies[1].name: must not be empty",
            id="blank-text",
        ),
        pytest.param(
            "bodies: [\n",
            "f.yaml:2:1: error: not valid YAML: while parsing a flow node did not find expected node content",
            id="yaml-syntax",
        ),
        pytest.param(
            "",
            "f.yaml:1:1: error: the file is empty: a structure needs at least 'govgraph: 1', a name "
            "and a list of bodies",
            id="empty",
        ),
        pytest.param(
            "- a\n- b\n",
            "f.yaml:1:1: error: a structure file is a mapping with the keys govgraph, name, "
            "bodies and so on, not a list",
            id="not-a-mapping",
        ),
        pytest.param(
            GOOD + "---\nname: second\n",
            "f.yaml:8:1: error: a file holds one structure: remove the second document (after '---')",
            id="two-documents",
        ),
        pytest.param(
            GOOD.replace("sovereign: true}", "sovereign: true, members: [{body: group, name: G, sector: statutory}]}"),
            "f.yaml:4:83: error: bodies[0].members[0]: a member names either a body (body: id) or a group "
            "(name: text), not both or neither",
            id="member-both-body-and-name",
        ),
    ],
)
def test_bad_input_is_located_and_explained(text: str, expected: str) -> None:
    assert expected in problems(text)


def test_every_problem_is_reported_not_just_the_first() -> None:
    text = GOOD.replace("kind: task_group", "kind: taskgroup").replace("target: council}", "target: nobody}")
    text = text.replace("name: Example", "name: Example\nname: Twice")
    found = problems(text)
    assert [line.split(": error: ")[0] for line in found] == ["f.yaml:3:1", "f.yaml:6:36", "f.yaml:8:47"]


def test_json_is_strict_and_located() -> None:
    data = json.loads(json.dumps(gg.loads(GOOD).model_dump(mode="json")))
    data["bodies"][1]["kind"] = "nope"
    text = json.dumps(data, indent=1)
    found = problems(text, "json")
    assert (
        len(found) == 1
        and found[0].startswith("f.yaml:")
        and "bodies[1].kind: 'nope' is not a valid body kind" in found[0]
    )
    line = int(found[0].split(":")[1])
    assert '"nope"' in text.splitlines()[line - 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"govgraph": 1, "name": "x", "name": "y", "bodies": []}',
            "f.yaml:1:30: error: name: duplicate key 'name' (first at line 1)",
        ),
        ('{"govgraph": 1, "name": NaN}', "f.yaml:1:25: error: not valid JSON: NaN is not allowed in strict JSON"),
        (
            '{"govgraph": 1, "name": "x",}',
            "f.yaml:1:29: error: not valid JSON: Expecting property name enclosed in double quotes",
        ),
        ("{'govgraph': 1}", "f.yaml:1:2: error: not valid JSON: Expecting property name enclosed in double quotes"),
    ],
)
def test_bad_json(text: str, expected: str) -> None:
    assert any(line.startswith(expected) for line in problems(text, "json")), problems(text, "json")


RICH_JSON = {
    "govgraph": 1,
    "name": "Rich",
    "sources": [{"id": "paper", "title": "Paper"}],
    "bodies": [
        {"id": "council", "name": "Council", "kind": "statutory_body", "sovereign": True},
        {
            "id": "group",
            "name": "Group",
            "kind": "task_group",
            "members": [{"body": "council", "sector": "statutory"}],
            "sources": [{"source": "paper", "at": "1.2"}],
            "metadata": {"owner": {"team": "policy", "tags": [{"x": 1}]}},
        },
    ],
    "relationships": [
        {"source": "group", "kind": "reports_to", "target": "council", "metadata": {"since": 2003}},
        {"source": "group", "kind": "links_with", "target": "council"},
    ],
    "checks": {"excess-depth": {"severity": "warning", "max": 3}},
}


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (("bodies", 1), "bodies[1].kind: duplicate key 'kind'"),
        (("bodies", 1, "members", 0), "bodies[1].members[0].sector: duplicate key 'sector'"),
        (("bodies", 1, "metadata", "owner"), "bodies[1].metadata.owner.team: duplicate key 'team'"),
        (("relationships", 0), "relationships[0].kind: duplicate key 'kind'"),
        (("checks", "excess-depth"), "checks.excess-depth.max: duplicate key 'max'"),
    ],
)
def test_json_duplicate_keys_are_refused_at_any_depth(where: tuple[str | int, ...], expected: str) -> None:
    # Large JSON files are parsed by a fast reader that keeps the last of two
    # keys; every duplicate must still be found and located.
    text = json.dumps(RICH_JSON)
    inner = RICH_JSON
    for step in where:
        inner = inner[step]  # type: ignore[index]
    key = expected.rsplit("'", 2)[1]
    fragment = json.dumps({key: inner[key]})[1:-1]  # type: ignore[index]
    assert text.count(fragment) >= 1
    located = json.dumps(inner)
    doubled = located.replace(fragment, f"{fragment}, {fragment}", 1)
    text = text.replace(located, doubled, 1)
    found = problems(text, "json")
    assert len(found) == 1 and found[0].startswith("f.yaml:1:") and expected in found[0], found


@pytest.mark.parametrize(
    "name", ['say ":" twice', "spaced : colon", "NaN and Infinity", 'back\\slash":', "tab\tcolon:"]
)
def test_json_reads_the_same_whichever_reader_decides(name: str) -> None:
    # Texts that send the fast reader's duplicate-key count astray must load
    # exactly as the strict reader reads them.
    data = json.loads(json.dumps(RICH_JSON))
    data["bodies"][1]["name"] = name
    compact = json.dumps(data)
    spaced = json.dumps(data, indent=4, separators=(",", " : "))
    from_yaml = gg.loads(gg.loads(compact, "json").dumps("yaml"))
    assert gg.loads(compact, "json") == gg.loads(spaced, "json") == from_yaml
    assert gg.loads(compact, "json").body("group").name == data["bodies"][1]["name"]


def test_plain_json_takes_the_fast_reader() -> None:
    from govgraph.loading.json_text import _load_json_fast

    text = gg.load(DEVON).dumps("json")
    assert _load_json_fast(text) == gg.load(DEVON)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_inside_metadata_is_refused(constant: str) -> None:
    text = json.dumps(RICH_JSON).replace('"since": 2003', f'"since": [{{"deep": {constant}}}]')
    column = text.index(f'"deep": {constant}') + len('"deep": ') + 1  # where it is (issue 11: was 1:1)
    assert problems(text, "json") == [
        f"f.yaml:1:{column}: error: not valid JSON: {constant} is not allowed in strict JSON"
    ]


def test_billion_laughs_is_refused_quickly_in_bounded_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    tracemalloc.start()
    started = time.perf_counter()
    found = problems("\n".join(lines))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (
        found[0].startswith("f.yaml:5:8: error: e[0]: ")
        and 'aliases expand to more than 10000 nodes (a "billion laughs" file?)' in found[0]
    )
    assert peak < 20_000_000 and elapsed < 5  # bounds, not benchmarks: an unbounded expansion takes hours


def test_deep_nesting_is_refused_not_crashed() -> None:
    found = problems("name: " + "[" * 100_000)
    assert found == ["f.yaml:1:106: error: name" + "[0]" * 99 + ": nested more than 100 levels deep"]


# libyaml from PyYAML 6.0.4 on refuses flow nesting past 1,000 levels before govgraph sees
# any of it; either side of that limit, and in every style, the message is govgraph's own.
@pytest.mark.parametrize("depth", [101, 1_000, 1_001, 1_002, 100_000])
@pytest.mark.parametrize(
    ("opening", "expected_path", "column"),
    [
        pytest.param("[", "[0]" * 99, 106, id="flow-sequence"),
        pytest.param("{a: ", ".a" * 99, 403, id="flow-mapping"),
        pytest.param("[{a: ", "[0].a" * 49 + "[0]", 253, id="mixed"),
    ],
)
def test_deep_flow_nesting_is_located_by_govgraph(depth: int, opening: str, expected_path: str, column: int) -> None:
    found = problems("name: " + opening * depth)
    assert found == [f"f.yaml:1:{column}: error: name{expected_path}: nested more than 100 levels deep"]


def test_deep_block_nesting_is_located_by_govgraph() -> None:
    text = "name:\n" + "".join(" " * (2 * level + 2) + "- \n" for level in range(1_200))
    found = problems(text)
    assert found == ["f.yaml:101:201: error: name" + "[0]" * 99 + ": nested more than 100 levels deep"]


def test_deep_nesting_after_earlier_problems_keeps_them() -> None:
    found = problems("a: 1\na: 2\nname: " + "[" * 5_000)
    assert found == [
        "f.yaml:2:1: error: a: duplicate key 'a' (first at line 1); YAML would silently keep the last, so remove one",
        "f.yaml:3:106: error: name" + "[0]" * 99 + ": nested more than 100 levels deep",
    ]


def test_recursive_alias_is_refused() -> None:
    found = problems("a: &a [*a]\n")
    assert found == ["f.yaml:1:8: error: a[0]: alias '*a' refers to a collection that contains it"]


def test_aliases_within_bounds_are_expanded() -> None:
    text = (
        GOOD.replace("kind: task_group}", "kind: task_group, remit: &r [Plan]}").replace(
            "kind: statutory_body,", "kind: statutory_body, remit: [Decide],"
        )
        + "metadata: {copy: *r}\n"
    )
    assert gg.loads(text).metadata == {"copy": ["Plan"]}


def test_merge_keys_are_expanded_with_explicit_keys_winning() -> None:
    text = GOOD.replace(
        "  - {id: group, name: Group, kind: task_group}",
        "  - &g {id: group, name: Group, kind: task_group}\n  - {<<: *g, id: group2, name: Group 2}",
    )
    assert gg.loads(text).body("group2").kind is gg.BodyKind.TASK_GROUP


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("Group", "Gr\xfcppe").encode("latin-1"))
    with pytest.raises(gg.StructureError) as caught:
        gg.load(path)
    assert str(caught.value) == f"{path}:5:25: error: not UTF-8 text: save the file as UTF-8"


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(gg.StructureError, match=r"cannot tell the format from the suffix '.txt'"):
        gg.load(tmp_path / "x.txt")


def test_cli_prints_one_line_per_error_and_exits_2(write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        "bad.yaml", GOOD.replace("kind: task_group", "kind: taskgroup").replace("target: council}", "target: x}")
    )
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].startswith(f"{path}:5:36: error: bodies[1].kind: 'taskgroup' is not a valid body kind")
    assert err[1].startswith(f"{path}:7:47: error: relationships[0].target: unknown body 'x'")
    assert "Traceback" not in "".join(err)


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\x01\x02",
        b"{{{{",
        b"- - - -",
        b"\xef\xbb\xbf",
        b"key: [",
        b"? [a]\n: b",
        b"&a *a",
        b"%YAML 9.9\n--- a",
        b"\t\tx: y",
        b'name: "\\uD800"',
        b'{"a": 1}{"b": 2}',
    ],
)
def test_garbage_never_gives_a_traceback(write, capsys: pytest.CaptureFixture[str], garbage: bytes) -> None:
    for suffix in ("yaml", "json"):
        path = write(f"g.{suffix}", "")
        path.write_bytes(garbage)
        assert main(["check", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(str(path)) and "Traceback" not in err and "internal error" not in err


def test_load_and_dump_keep_devon_identical(tmp_path: Path) -> None:
    devon = gg.load(DEVON)
    for suffix in ("yaml", "json"):
        out = devon.dump(tmp_path / f"devon.{suffix}")
        assert gg.load(out) == devon


def test_dump_is_byte_identical_and_keyed_in_a_fixed_order() -> None:
    devon = gg.load(DEVON)
    text = devon.dumps()
    assert text == gg.load(DEVON).dumps()
    assert text.splitlines()[:2] == ["govgraph: 1", "name: Joint planning network for Devon"]
    assert [line.split(":")[0] for line in text.splitlines() if not line.startswith((" ", "-"))] == [
        "govgraph",
        "name",
        "description",
        "as_of",
        "sources",
        "levels",
        "areas",
        "service_areas",
        "bodies",
        "relationships",
        "waivers",
        "metadata",
    ]


def test_dump_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "s.yaml"
    target.write_text("old")
    gg.loads(GOOD).dump(target)
    assert gg.load(target) == gg.loads(GOOD)
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]


def test_metadata_is_preserved_value_for_value() -> None:
    text = GOOD + "metadata:\n  when: 2003-06-01\n  nested: {list: [1, 2.5, true, null, text]}\n  '5.2': quoted key\n"
    s = gg.loads(text)
    assert s.metadata == {
        "when": __import__("datetime").date(2003, 6, 1),
        "nested": {"list": [1, 2.5, True, None, "text"]},
        "5.2": "quoted key",
    }
    assert gg.loads(s.dumps()).metadata == s.metadata
