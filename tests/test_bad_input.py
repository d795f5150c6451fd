"""Hostile and malformed input, class by class (issue 11): explicit tags whose value
does not parse, control characters, deep JSON, files that are not regular files,
numbers JSON cannot hold, and the resource limits. Each gives one located error,
never a traceback and never a value silently read another way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
import typing
from pathlib import Path

import pytest

import govgraph as gg
from govgraph import _limits
from govgraph.cli import main
from govgraph.loading import read_document

HEAD = "govgraph: 1\nname: Tags\n"
BODY = "bodies:\n  - {id: a, name: A, kind: board, sovereign: true}\n"


def problems(text: str, format: str = "yaml") -> list[str]:
    with pytest.raises(gg.StructureError) as caught:
        gg.loads(text, format, filename="f.yaml")
    return [str(problem) for problem in caught.value.errors]


# -- 2: explicit tags whose value does not parse -----------------------------------

BAD_TAGS = [
    ("!!bool maybe", "'maybe' is not true or false, as its tag '!!bool' says"),
    ("!!bool ''", "'' is not true or false, as its tag '!!bool' says"),
    ("!!timestamp hello", "'hello' is not a date (YYYY-MM-DD) or a date and time, as its tag '!!timestamp' says"),
    (
        "!!timestamp 2003-02-30",
        "'2003-02-30' is not a date (YYYY-MM-DD) or a date and time, as its tag '!!timestamp' says",
    ),
    ("!!int notanumber", "'notanumber' is not a whole number, as its tag '!!int' says"),
    ("!!int 1.5", "'1.5' is not a whole number, as its tag '!!int' says"),
    ("!!float x", "'x' is not a number, as its tag '!!float' says"),
    ("!!null x", "'x' is not null, as its tag '!!null' says"),
]


@pytest.mark.parametrize(("tagged", "message"), BAD_TAGS)
def test_a_tagged_value_that_does_not_parse_in_metadata_is_an_error(tagged: str, message: str) -> None:
    # In metadata any text would do: without the error the value would be kept as text, silently.
    found = problems(HEAD + BODY + f"metadata:\n  x: {tagged}\n")
    assert found == [f"f.yaml:6:6: error: metadata.x: {message}: correct the value or remove the tag"]


@pytest.mark.parametrize(("tagged", "message"), BAD_TAGS)
def test_a_tagged_value_that_does_not_parse_in_a_field_is_one_error(tagged: str, message: str) -> None:
    # One problem for the value, not a second one from the model about the text kept in its place.
    text = HEAD + f"bodies:\n  - {{id: a, name: A, kind: board, established: {tagged}}}\n"
    assert problems(text) == [
        f"f.yaml:4:48: error: bodies[0].established: {message}: correct the value or remove the tag"
    ]


@pytest.mark.parametrize(("tagged", "message"), BAD_TAGS[:1])
def test_a_tagged_key_that_does_not_parse_is_an_error(tagged: str, message: str) -> None:
    found = problems(HEAD + BODY + f"metadata: {{{tagged}: 1}}\n")
    assert found == [f"f.yaml:5:12: error: metadata: {message}: correct the value or remove the tag"]


def test_a_tagged_value_that_does_not_parse_in_a_config_file_is_an_error() -> None:
    with pytest.raises(gg.StructureError) as caught:
        read_document("coverage-gap: !!bool maybe\n", "yaml", "config.yaml")
    assert str(caught.value) == (
        "config.yaml:1:15: error: coverage-gap: 'maybe' is not true or false, as its tag '!!bool' says: "
        "correct the value or remove the tag"
    )


def test_tagged_values_that_parse_are_read_as_tagged() -> None:
    text = (
        HEAD
        + BODY
        + (
            'metadata: {i: !!int "12", f: !!float 1, b: !!bool yes, n: !!null ~, e: !!null, '
            "t: !!timestamp 2003-01-02, s: !!str 5}\n"
        )
    )
    import datetime as dt

    assert gg.loads(text).metadata == {
        "i": 12,
        "f": 1.0,
        "b": True,
        "n": None,
        "e": None,
        "t": dt.date(2003, 1, 2),
        "s": "5",
    }


# -- 4: a character YAML does not allow --------------------------------------------


@pytest.mark.parametrize(
    ("character", "escape"),
    [
        ("\x00", "\\x00"),
        ("\x07", "\\x07"),
        ("\x1b", "\\x1b"),
        ("\x7f", "\\x7f"),
        ("\x9f", "\\x9f"),
        ("\ufffe", "\\ufffe"),
    ],
)
@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param(HEAD + "bodies:\n  - {id: a, name: 'Café ☕ Board@', kind: board}\n", 4, 32, id="after-multibyte"),
        pytest.param(HEAD + "# a comment@\n" + BODY, 3, 12, id="in-a-comment"),
        pytest.param(HEAD + BODY + "metadata: {k@y: 1}\n", 5, 13, id="in-a-key"),
        pytest.param("govgraph: 1\r\nname: x\r\n@", 3, 1, id="after-crlf"),
        pytest.param("govgraph: 1\rname: x\r@", 3, 1, id="after-cr"),
    ],
)
def test_a_character_yaml_does_not_allow_is_one_located_line(
    character: str, escape: str, text: str, line: int, column: int
) -> None:
    found = problems(text.replace("@", character))
    code = f"{ord(character):04x}"
    assert found == [
        f"f.yaml:{line}:{column}: error: not valid YAML: unacceptable character #x{code}: control characters are "
        f'not allowed; remove it, or write it as "{escape}" in a double-quoted string'
    ]


def test_an_unpaired_surrogate_from_python_is_a_located_error() -> None:
    assert problems(HEAD + "bodies: [{id: a, name: '\ud800', kind: board}]\n") == [
        "f.yaml:3:25: error: not valid YAML: unpaired surrogate #xd800 is not text"
    ]


# -- 5: paths that are not regular files, and the cap on what is read ---------------

GOOD = HEAD + BODY


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    # In a child process with a time limit: reading /dev/zero or a FIFO never ended before.
    return subprocess.run(
        [sys.executable, "-m", "govgraph", *arguments], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero, /dev/urandom and /dev/null")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused_unread(device: str, tmp_path: Path) -> None:
    link = tmp_path / "s.yaml"
    link.symlink_to(device)
    done = _cli("check", str(link))
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr
        == f"{link}: error: it is a character device, not a regular file; govgraph reads only regular files\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "s.json"
    os.mkfifo(fifo)
    done = _cli("check", str(fifo))
    assert done.returncode == 2
    assert done.stderr == f"{fifo}: error: it is a pipe (FIFO), not a regular file; govgraph reads only regular files\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_config_file_that_is_a_device_is_refused(tmp_path: Path) -> None:
    structure, config = tmp_path / "s.yaml", tmp_path / "c.yaml"
    structure.write_text(GOOD, encoding="utf-8")
    config.symlink_to("/dev/zero")
    done = _cli("check", "--config", str(config), str(structure))
    assert done.returncode == 2
    assert (
        done.stderr
        == f"{config}: error: it is a character device, not a regular file; govgraph reads only regular files\n"
    )


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "s.yaml"
    folder.mkdir()
    with pytest.raises(gg.StructureError) as caught:
        gg.load(folder)
    assert (
        str(caught.value)
        == f"{folder}: error: it is a directory, not a regular file; govgraph reads only regular files"
    )


def test_a_file_larger_than_the_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with path.open("wb") as stream:  # sparse: no disk and no time, but larger than the cap
        stream.truncate(_limits.MAX_FILE_BYTES + 1)
    with pytest.raises(gg.StructureError) as caught:
        gg.load(path)
    assert str(caught.value) == f"{path}: error: the file is larger than 128 MiB, the most govgraph reads"


def test_the_cap_counts_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(_limits, "MAX_FILE_BYTES", len(GOOD.encode()))
    assert gg.load(path).name == "Tags"
    monkeypatch.setattr(_limits, "MAX_FILE_BYTES", len(GOOD.encode()) - 1)
    with pytest.raises(gg.StructureError, match=f"larger than {len(GOOD) - 1:,} bytes, the most govgraph reads"):
        gg.load(path)


# -- 3: JSON nests as deep as YAML may, no deeper; what loads can be dumped ---------


def _nested(depth: int, opening: str) -> str:
    """``depth`` collections, one inside the other, holding 1."""
    closing = {"[": "]", '{"a": ': "}"}[opening]
    return opening * depth + "1" + closing * depth


def _document(place: str, value: str) -> str:
    body = '{"id": "a", "name": "A", "kind": "board"%s}'
    relationship = '{"source": "a", "kind": "reports_to", "target": "b"%s}'
    held = ', "metadata": {"x": ' + value + "}"
    extra = {
        "name": ("", "", ""),
        "metadata": (held, "", ""),
        "checks": (held.replace("metadata", "checks"), "", ""),
        "body-metadata": ("", held, ""),
        "relationship-metadata": ("", "", held),
    }[place]
    name = value if place == "name" else '"X"'
    return (
        f'{{"govgraph": 1, "name": {name}{extra[0]}, "bodies": [{body % extra[1]}, '
        f'{{"id": "b", "name": "B", "kind": "board"}}], "relationships": [{relationship % extra[2]}]}}'
    )


# Collections around the nested value: the file, and the mapping it is in (with the
# list of bodies and the body, or of relationships and the relationship).
_AROUND = {"name": 1, "metadata": 2, "checks": 2, "body-metadata": 4, "relationship-metadata": 4}


@pytest.mark.parametrize("place", list(_AROUND))
@pytest.mark.parametrize("opening", ["[", '{"a": '])
@pytest.mark.parametrize("depth", [101, 150, 999, 1_000, 5_000, 100_000])
def test_json_nested_too_deep_gets_yaml_s_message_at_the_same_place(place: str, opening: str, depth: int) -> None:
    # JSON is YAML too: the same text read as either gives the same one problem.
    text = _document(place, _nested(depth - _AROUND[place], opening))
    found = problems(text, "json")
    assert found == problems(text, "yaml")
    assert len(found) == 1 and found[0].endswith(": nested more than 100 levels deep")


@pytest.mark.parametrize("place", ["metadata", "body-metadata", "relationship-metadata"])
@pytest.mark.parametrize("opening", ["[", '{"a": '])
def test_metadata_as_deep_as_allowed_loads_and_dumps_back_in_both_formats(place: str, opening: str) -> None:
    text = _document(place, _nested(100 - _AROUND[place], opening).replace("1", '"deepest"'))
    structure = gg.loads(text, "json")
    assert gg.loads(text, "yaml") == structure
    for format in ("yaml", "json"):
        assert gg.loads(structure.dumps(format), format) == structure
    with pytest.raises(gg.StructureError, match="nested more than 100 levels deep"):
        gg.loads(_document(place, _nested(101 - _AROUND[place], opening)), "json")


def test_a_structure_built_in_python_too_deep_to_load_is_not_dumped() -> None:
    deep: object = "deepest"
    for _ in range(97):
        deep = [deep]
    structure = gg.Structure(name="X", bodies=[gg.Body(id="a", name="A", kind="board", metadata={"x": deep})])
    with pytest.raises(gg.StructureError) as caught:
        structure.dumps("json")
    assert (
        str(caught.value)
        == "<structure>: error: bodies[0].metadata.x" + "[0]" * 96 + ": nested more than 100 levels deep"
    )


@pytest.mark.parametrize("depth", [101, 5_000])
def test_a_json_config_file_nested_too_deep_gets_yaml_s_message(depth: int) -> None:
    text = '{"coverage-gap": {"kind": ' + _nested(depth - 2, "[") + "}}"
    messages = []
    for format in ("json", "yaml"):
        with pytest.raises(gg.StructureError) as caught:
            read_document(text, format, "c.json")
        messages.append(str(caught.value))
    assert (
        messages[0]
        == messages[1]
        == "c.json:1:125: error: coverage-gap.kind" + "[0]" * 98 + ": nested more than 100 levels deep"
    )


# -- 14: numbers JSON cannot hold ---------------------------------------------------

NOT_FINITE = "cannot be kept: JSON has no such number; put it in quotes to keep it as text"


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (".inf", "infinity"),
        ("-.inf", "-infinity"),
        ("+.INF", "infinity"),
        (".nan", "not a number (NaN)"),
        (".NaN", "not a number (NaN)"),
        ("1.0e+999", "infinity"),
        ("-1.0e+999", "-infinity"),
        ("!!float inf", "infinity"),
    ],
)
def test_a_number_json_cannot_hold_in_metadata_is_refused_where_it_is(number: str, shown: str) -> None:
    text = HEAD + (
        "bodies:\n"
        f"  - {{id: a, name: A, kind: board, metadata: {{x: [1, {number}]}}}}\n"
        "  - {id: b, name: B, kind: board}\n"
        "relationships:\n"
        f"  - {{source: a, kind: reports_to, target: b, metadata: {{y: {{z: {number}}}}}}}\n"
        f"metadata:\n  w: {number}\n"
    )
    column = 53, 64
    assert problems(text) == [
        f"f.yaml:4:{column[0]}: error: bodies[0].metadata.x[1]: {shown} {NOT_FINITE}",
        f"f.yaml:7:{column[1]}: error: relationships[0].metadata.y.z: {shown} {NOT_FINITE}",
        f"f.yaml:9:6: error: metadata.w: {shown} {NOT_FINITE}",
    ]


@pytest.mark.parametrize(("number", "shown"), [("1e999", "infinity"), ("-1E400", "-infinity")])
def test_a_json_number_too_large_for_a_float_in_metadata_is_refused(number: str, shown: str) -> None:
    text = '{"govgraph": 1, "name": "X", "bodies": [{"id": "a", "name": "A", "kind": "board"}], "metadata": {"n": %s}}'
    column = text.index("%s") + 1
    assert problems(text % number, "json") == [f"f.yaml:1:{column}: error: metadata.n: {shown} {NOT_FINITE}"]


def test_numbers_json_cannot_hold_are_reported_with_the_other_problems() -> None:
    text = HEAD + "bodies:\n  - {id: a, name: A, kind: bored}\nmetadata: {x: .nan}\n"
    assert problems(text) == [
        "f.yaml:4:28: error: bodies[0].kind: 'bored' is not a valid body kind (did you mean 'board'?); expected one "
        "of: board, committee, executive_group, forum, local_planning_group, network, organisation, other, partnership, post, "
        "scrutiny_body, statutory_body, strategic_planning_group, sub_group, task_group",
        f"f.yaml:5:15: error: metadata.x: not a number (NaN) {NOT_FINITE}",
    ]


def test_finite_numbers_in_metadata_round_trip() -> None:
    structure = gg.loads(HEAD + BODY + "metadata: {x: 1.5, y: -0.0, z: 1.0e+300, i: 10}\n")
    for format in ("yaml", "json"):
        assert gg.loads(structure.dumps(format), format).metadata == {"x": 1.5, "y": -0.0, "z": 1e300, "i": 10}


def test_a_structure_built_in_python_with_infinity_is_not_dumped() -> None:
    structure = gg.Structure(name="X", bodies=[gg.Body(id="a", name="A", kind="board")], metadata={"x": float("inf")})
    with pytest.raises(gg.StructureError) as caught:
        structure.dumps("json")
    assert str(caught.value) == f"<structure>: error: metadata.x: infinity {NOT_FINITE}"


# -- 15: limits on what a file may expand to and hold ------------------------------


def test_aliases_of_long_text_are_refused_quickly_in_bounded_memory() -> None:
    # 130 KB of YAML whose aliases expanded to 900 MB on a dump before.
    text = HEAD + BODY + "metadata:\n  s: &s " + "x" * 100_000 + "\n  l: [" + ", ".join(["*s"] * 9_000) + "]\n"
    assert len(text) < 140_000
    tracemalloc.start()
    found = problems(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found == [
        "f.yaml:7:47: error: metadata.l[10]: aliases expand to more than 1,000,000 characters of text; "
        "write the values out instead"
    ]
    assert peak < 20_000_000


def test_alias_characters_are_counted_through_nested_anchors() -> None:
    text = (
        HEAD
        + BODY
        + (
            "metadata:\n"
            f"  s: &s {'x' * 100_000}\n"
            "  a: &a [*s, *s, *s, *s]\n"  # 400,000 characters expanded
            "  b: [*a, *a]\n"  # 800,000 more
        )
    )
    assert problems(text) == [
        "f.yaml:8:11: error: metadata.b[1]: aliases expand to more than 1,000,000 characters of text; "
        "write the values out instead"
    ]


def test_aliases_within_the_character_limit_are_expanded() -> None:
    text = HEAD + BODY + "metadata:\n  s: &s " + "x" * 1_000 + "\n  l: [" + ", ".join(["*s"] * 900) + "]\n"
    assert gg.loads(text).metadata["l"] == ["x" * 1_000] * 900


def _waivers(count: int) -> str:
    return json.dumps(
        {
            "govgraph": 1,
            "name": "X",
            "bodies": [{"id": "a", "name": "A", "kind": "board"}],
            "waivers": [{"rule": "orphaned-group", "bodies": ["a"], "reason": "r"}] * count,
        }
    )


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_more_waivers_than_the_limit_are_refused_at_the_list(format: str) -> None:
    assert len(gg.loads(_waivers(10_000), format).waivers) == 10_000
    assert problems(_waivers(10_001), format) == [
        "f.yaml:1:96: error: waivers: more than 10,000 entries, the most govgraph reads in this list "
        "(see Limits in docs/format.md)"
    ]


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_more_members_than_the_limit_are_refused_at_the_list(format: str) -> None:
    data = {
        "govgraph": 1,
        "name": "X",
        "bodies": [{"id": "a", "name": "A", "kind": "board", "members": [{"name": "m", "sector": "other"}] * 10_001}],
    }
    assert problems(json.dumps(data), format) == [
        "f.yaml:1:94: error: bodies[0].members: more than 10,000 entries, the most govgraph reads in this list "
        "(see Limits in docs/format.md)"
    ]


def test_a_million_waivers_in_yaml_are_refused_quickly_in_bounded_memory() -> None:
    text = HEAD + BODY + "waivers:\n" + "  - {rule: orphaned-group, bodies: [a], reason: r}\n" * 200_000
    tracemalloc.start()
    found = problems(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found == [
        "f.yaml:6:3: error: waivers: more than 10,000 entries, the most govgraph reads in this list "
        "(see Limits in docs/format.md)"
    ]
    assert peak < 60_000_000  # the text is 10 MB; reading stops at the 10,001st waiver


def _list_fields() -> list[tuple[tuple[str | int, ...], int | None]]:
    """(path, max_length) of every list field of the format, at a path where it occurs."""
    from annotated_types import MaxLen

    from govgraph.model import Recommendation, Update

    found = []
    for model, prefix in [
        (gg.Structure, ()),
        (gg.Body, ("bodies", 0)),
        (gg.Relationship, ("relationships", 0)),
        (gg.Waiver, ("waivers", 0)),
        (gg.Member, ("bodies", 0, "members", 0)),
        (gg.Source, ("sources", 0)),
        (gg.Citation, ("bodies", 0, "sources", 0)),
        (gg.Level, ("levels", 0)),
        (gg.Area, ("areas", 0)),
        (gg.ServiceArea, ("service_areas", 0)),
        (Recommendation, ("recommendations", 0)),
        (Update, ("recommendations", 0, "updates", 0)),
    ]:
        for name, field in model.model_fields.items():
            if typing.get_origin(field.annotation) is list:
                limits = [item.max_length for item in field.metadata if isinstance(item, MaxLen)]
                found.append(((*prefix, field.alias or name), limits[0] if limits else None))
    return found


def test_every_list_of_the_format_has_the_limit_the_reader_enforces() -> None:
    fields = _list_fields()
    assert len(fields) == 20
    for path, max_length in fields:
        assert max_length is not None and max_length == _limits.list_limit(path), path


def test_the_limits_are_documented_as_enforced() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    limits = text[text.index("## Limits") :]
    for figure in [
        "128 MiB",
        f"{_limits.MAX_DEPTH}",
        f"{_limits.MAX_ALIAS_NODES:,}",
        f"{_limits.MAX_ALIAS_CHARACTERS:,}",
        f"{_limits.MAX_BODIES:,}",
        f"{_limits.MAX_RELATIONSHIPS:,}",
        f"{_limits.MAX_ENTRIES:,}",
    ]:
        assert figure in limits, figure


TOO_MANY_DIGITS = "a whole number of more than 4300 digits cannot be kept; put it in quotes to keep it as text"


@pytest.mark.parametrize(
    "number", ["9" * 4_301, "-" + "9" * 5_000, "!!int 0x" + "f" * 4_000], ids=["4301-digits", "negative", "hex"]
)
def test_a_whole_number_too_long_to_write_back_is_refused_in_yaml(number: str) -> None:
    # Read as text silently (plain) or loaded and then unwritable (hex) before.
    assert problems(HEAD + BODY + f"metadata:\n  x: {number}\n") == [
        f"f.yaml:6:6: error: metadata.x: {TOO_MANY_DIGITS}"
    ]


def test_a_whole_number_too_long_to_write_back_is_refused_in_json() -> None:
    text = '{"govgraph": 1, "name": "X", "bodies": [{"id": "a", "name": "A", "kind": "board"}], "metadata": {"x": %s}}'
    column = text.index("%s") + 1
    assert problems(text % ("9" * 5_000), "json") == [f"f.yaml:1:{column}: error: {TOO_MANY_DIGITS}"]


def test_a_whole_number_as_long_as_python_writes_round_trips() -> None:
    structure = gg.loads(HEAD + BODY + f"metadata: {{x: {'9' * 4_300}}}\n")
    for format in ("yaml", "json"):
        assert gg.loads(structure.dumps(format), format) == structure


def test_json_text_from_python_with_half_a_surrogate_pair_is_placed_without_a_crash() -> None:
    # Placing the problems parses the text as YAML, which libyaml refused with UnicodeEncodeError.
    text = '{"govgraph": 1, "name": "X\ud800", "bodies": [{"id": "a", "name": "A", "kind": "bored"}]}'
    found = problems(text, "json")
    assert [line.split(": error: ")[0] for line in found] == ["f.yaml:1:25", "f.yaml:1:75"]


def test_json_with_escaped_surrogates_is_placed_without_a_crash() -> None:
    # json.dumps writes an emoji as a pair of escapes, which YAML (used to place problems)
    # does not read; half a pair in an id crashed the cross-reference message.
    data = {"govgraph": 1, "name": "X 😀", "bodies": [{"id": "a", "name": "A", "kind": "bored", "level": "\ud800"}]}
    text = json.dumps(data)
    found = problems(text, "json")
    kind, level = text.index('"bored"') + 1, text.index('"\\ud800"') + 1
    assert [line.split(": error: ")[0] for line in found] == [
        f"f.yaml:1:{kind}",
        f"f.yaml:1:{level}",
        f"f.yaml:1:{level}",
    ]
    assert found[1].endswith(
        "bodies[0].level: not valid text: it holds half a surrogate pair (an escape such as \\ud800 alone)"
    )
    assert found[2].endswith("bodies[0].level: unknown level '\\ud800'; the file defines no levels")


HALF_PAIR = "not valid text: it holds half a surrogate pair (an escape such as \\ud800 alone)"


def test_half_a_surrogate_pair_in_free_form_values_or_keys_is_refused_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Metadata takes any value: JSON's "\ud800" loaded, then every dump of the file failed
    # with UnicodeEncodeError (no UTF-8 holds it). Refused at load, like a typed field's.
    text = (
        '{"govgraph": 1, "name": "S", "metadata": {"note": "x\\ud800"}, "bodies": [{"id": "a", "name": "A",'
        ' "kind": "board", "sovereign": true, "metadata": {"k\\udc00": 1}}]}'
    )
    note, body = text.index('"x\\ud800"') + 1, text.index('{"k') + 1
    expected = [
        f"f.yaml:1:{note}: error: metadata.note: {HALF_PAIR}",
        f"f.yaml:1:{body}: error: bodies[0].metadata.k\\udc00: a key that is {HALF_PAIR}",
    ]
    assert problems(text, "json") == expected
    path = tmp_path / "f.json"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [line.replace("f.yaml", str(path)) for line in expected]
    assert main(["check", "--format", "json", str(path)]) == 2  # the key's escape is writable JSON
    errors = json.loads(capsys.readouterr().out)["files"][0]["errors"]
    assert [error["path"] for error in errors] == ["metadata.note", "bodies[0].metadata.k\\udc00"]


def test_a_structure_built_in_python_with_half_a_surrogate_pair_is_not_dumped(tmp_path: Path) -> None:
    structure = gg.loads(HEAD + BODY).model_copy(update={"metadata": {"note": ["ok", "\ud800"]}})
    target = tmp_path / "out.yaml"
    for format in ("yaml", "json"):
        with pytest.raises(gg.StructureError) as caught:
            structure.dumps(format)
        assert [str(problem) for problem in caught.value.errors] == [
            f"<structure>: error: metadata.note[1]: {HALF_PAIR}"
        ]
    with pytest.raises(gg.StructureError):
        structure.dump(target)
    assert not target.exists()


# Found by `make fuzz`: an id holding NEL (U+0085) was echoed raw, and a message that a
# terminal or splitlines() breaks in two leaves its second half with no location.
@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1b", "\x7f", "\x9b"])
@pytest.mark.parametrize("format", ["json", "yaml"])
def test_a_problem_quoting_any_character_is_one_located_line(
    char: str, format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "govgraph": 1,
        "name": "X",
        "bodies": [
            {"id": f"{char}council", "name": "Council", "kind": "statutory_body", "sovereign": True},
            {"id": "board", "name": "Board", "kind": "board"},
        ],
        # A dangling reference: its message lists the ids the file has, the odd one among them.
        "relationships": [{"source": "board", "kind": "reports_to", "target": "council"}],
    }
    path = tmp_path / f"s.{format}"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith(f"{path}:") and ": error: " in line for line in lines), lines
    if format == "json":  # YAML refuses most of these itself, and reads NEL as a line break
        assert f"'\\x{ord(char):02x}council'" in lines[0] or f"'\\u{ord(char):04x}council'" in lines[0]
