"""The pytest plugin: short located failures, one configuration error, patterns from the ini file's folder."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

GOOD = "govgraph: 1\nname: Good\nbodies:\n  - {id: a, name: A, kind: board, sovereign: true}\n"
LOOP = (
    "govgraph: 1\nname: Loop\nbodies:\n  - {id: a, name: A, kind: board}\n  - {id: b, name: B, kind: board}\n"
    "relationships:\n  - {source: a, kind: accountable_to, target: b}\n  - {source: b, kind: accountable_to, target: a}\n"
)

# A file that does not load, and the start of each located line its failure shows (and nothing more).
UNLOADABLE = {
    "syntax": (
        "govgraph: 1\nname: x\nbodies: [oops\n",
        ["{path}:4:1: error: not valid YAML: while parsing a flow sequence did not find expected ',' or ']'"],
    ),
    "fields": (
        "govgraph: 1\nname: Bad\nbodies:\n  - {id: a, name: A, kind: comittee}\n  - {id: a, name: B}\n",
        [
            "{path}:4:28: error: bodies[0].kind: 'comittee' is not a valid body kind (did you mean 'committee'?); ",
            "{path}:5:5: error: bodies[1]: missing required field 'kind'",
            "{path}:5:10: error: bodies[1].id: duplicate body id 'a' (first defined at bodies[0])",
        ],
    ),
    "empty": ("", ["{path}:1:1: error: "]),
    "latin1": ("govgraph: 1\nname: Caf\xe9\n", ["{path}:2:"]),
}


def _failure_sections(lines: list[str]) -> dict[str, list[str]]:
    """The lines of each failure in pytest's FAILURES section, by its header."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("_") and line.endswith("_") and " " in line.strip("_ "):
            current = line.strip("_ ")
            sections[current] = []
        elif line.startswith("="):
            current = None
        elif current is not None:
            sections[current].append(line)
    return sections


@pytest.mark.parametrize("name", UNLOADABLE)
def test_a_file_that_does_not_load_is_one_short_located_failure(pytester: pytest.Pytester, name: str) -> None:
    text, expected = UNLOADABLE[name]
    path = pytester.path / f"{name}.govgraph.yaml"
    path.write_bytes(text.encode("latin-1"))
    (pytester.path / "good.govgraph.yaml").write_text(GOOD)
    result = pytester.runpytest("--govgraph")
    result.assert_outcomes(passed=1, failed=1)
    sections = _failure_sections(result.stdout.lines)
    assert list(sections) == [f"govgraph check {name}.govgraph.yaml"]
    [lines] = sections.values()
    assert len(lines) == len(expected)  # no traceback, no header, nothing else
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start.format(path=path)) and ": error: " in line
    [summary] = [line for line in result.stdout.lines if line.startswith("FAILED ")]
    assert summary.startswith(f"FAILED {name}.govgraph.yaml::check - {str(path)[:8]}")  # the located line, cut
    assert "Traceback" not in result.stdout.str() and "raise" not in result.stdout.str()


def test_findings_are_listed_under_one_line_that_counts_them(pytester: pytest.Pytester) -> None:
    path = pytester.path / "loop.govgraph.yaml"
    path.write_text(LOOP)
    result = pytester.runpytest("--govgraph")
    result.assert_outcomes(failed=1)
    [lines] = _failure_sections(result.stdout.lines).values()
    assert lines[0] == f"{path}: 3 findings at or above error:"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "  error authority-cycle",
        "  error orphaned-group",
        "  error orphaned-group",
    ]


def test_a_govgraph_bug_is_one_line_not_a_traceback(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "import govgraph\n\ndef load(path):\n    raise RuntimeError('a bug')\n\ngovgraph.load = load\n"
    )
    (pytester.path / "good.govgraph.yaml").write_text(GOOD)
    result = pytester.runpytest_subprocess("--govgraph")  # the patched govgraph.load stays in that process
    result.assert_outcomes(failed=1)
    [lines] = _failure_sections(result.stdout.lines).values()
    assert lines == [f"{pytester.path / 'good.govgraph.yaml'}: internal error, please report it: RuntimeError: a bug"]


@pytest.mark.parametrize(
    ("ini", "name"),
    [
        ("pytest.ini", "[pytest]\ngovgraph_collect = true\ngovgraph_fail_on = severe\n"),
        ("pyproject.toml", '[tool.pytest.ini_options]\ngovgraph_collect = true\ngovgraph_fail_on = "Error"\n'),
        ("tox.ini", "[pytest]\ngovgraph_fail_on = warnings\n"),
    ],
    ids=["pytest.ini", "pyproject.toml", "tox.ini"],
)
def test_a_bad_fail_on_is_one_usage_error_for_the_session(pytester: pytest.Pytester, ini: str, name: str) -> None:
    (pytester.path / ini).write_text(name)
    for index in range(5):
        (pytester.path / f"s{index}.govgraph.yaml").write_text(GOOD)
    result = pytester.runpytest("--govgraph")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    value = name.split("govgraph_fail_on = ")[1].strip().strip('"')
    assert result.stderr.lines[0] == (
        f"ERROR: govgraph_fail_on in {pytester.path / ini} is '{value}': it must be one of error, warning, info"
    )
    assert "passed" not in result.stdout.str() and "failed" not in result.stdout.str()
    assert result.stderr.str().count("govgraph_fail_on") == 1


def test_a_bad_fail_on_is_ignored_while_the_plugin_is_off(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ngovgraph_fail_on = severe\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    pytester.runpytest().assert_outcomes(passed=1)


def _project(pytester: pytest.Pytester) -> None:
    """proj/pytest.ini names proj/structures/*.yaml; the structure there has a cycle."""
    project = pytester.mkdir("proj")
    (project / "pytest.ini").write_text("[pytest]\ngovgraph_collect = true\ngovgraph_patterns = structures/*.yaml\n")
    (project / "structures").mkdir()
    (project / "structures" / "loop.yaml").write_text(LOOP)
    (project / "other").mkdir()
    (project / "other" / "loop.yaml").write_text(LOOP)  # matches no pattern


def test_patterns_are_relative_to_the_ini_files_folder_not_the_rootdir(pytester: pytest.Pytester) -> None:
    _project(pytester)
    result = pytester.runpytest("-c", "proj/pytest.ini", "--rootdir", str(pytester.path), "proj")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["FAILED proj/structures/loop.yaml::check*"])


@pytest.mark.parametrize("where", [".", "structures", "other"])
def test_patterns_are_relative_to_the_ini_files_folder_not_the_current_one(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    _project(pytester)
    monkeypatch.chdir(pytester.path / "proj" / where)
    result = pytester.runpytest(str(pytester.path / "proj"))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["FAILED *loop.yaml::check*"])
    assert "other" not in result.stdout.str()
