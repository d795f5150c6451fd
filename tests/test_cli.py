"""The command line: exit codes, text and JSON output, config files, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.cli import main

from .conftest import DEVON

LOOP = """\
govgraph: 1
name: Loop
bodies:
  - {id: a, name: Board A, kind: board}
  - {id: b, name: Board B, kind: board}
relationships:
  - {source: a, kind: accountable_to, target: b}
  - {source: b, kind: accountable_to, target: a}
checks:
  orphaned-group: off
"""

CLEAN = """\
govgraph: 1
name: Clean
bodies:
  - {id: council, name: Council, kind: statutory_body, sovereign: true}
  - {id: spg, name: SPG, kind: strategic_planning_group}
  - {id: lpg, name: LPG, kind: local_planning_group, members: [{name: PCT, sector: statutory}]}
relationships:
  - {source: spg, kind: reports_to, target: council}
  - {source: lpg, kind: reports_to, target: spg}
  - {source: spg, kind: coordinates, target: council}
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_devon_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(DEVON)], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "  0 errors, 0 warnings, 0 info, 45 waived"


def test_exit_1_on_error_with_text_grouped_and_a_fix_line(write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("loop.yaml", LOOP)
    code, out, _ = run(["check", str(path)], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{path}: Loop",
        "  errors (1):",
        "    authority-cycle: circle of executive authority: a → b → a; nobody is finally in charge",
        "      fix: decide which body answers to which and remove or change the other edge.",
        "  1 error, 0 warnings, 0 info, 0 waived",
    ]


def test_each_rules_fix_is_printed_once_under_all_its_findings(write, capsys: pytest.CaptureFixture[str]) -> None:
    text = LOOP.replace("checks:\n  orphaned-group: off\n", "").replace("name: Loop", "name: Two loops")
    text = text.replace(
        "relationships:\n",
        "  - {id: c, name: Board C, kind: board}\n  - {id: d, name: Board D, kind: board}\nrelationships:\n",
    )
    text += "  - {source: c, kind: accountable_to, target: d}\n  - {source: d, kind: accountable_to, target: c}\n"
    path = write("loops.yaml", text)
    code, out, _ = run(["check", str(path)], capsys)
    orphaned = (
        "is orphaned: its upward relationships lead to no root; add the relationship through which it answers to a root"
    )
    assert code == 1
    assert out.splitlines() == [
        f"{path}: Two loops",
        "  errors (6):",
        "    authority-cycle: circle of executive authority: a → b → a; nobody is finally in charge",
        "    authority-cycle: circle of executive authority: c → d → c; nobody is finally in charge",
        "      fix: decide which body answers to which and remove or change the other edge.",
        *(f"    orphaned-group: Board {x.upper()} ({x}) {orphaned}" for x in "abcd"),
        "      fix: add the relationship through which the body answers to a root.",
        "  6 errors, 0 warnings, 0 info, 0 waived",
    ]


def test_waived_findings_are_listed_by_waiver_with_every_body_they_name(
    write, capsys: pytest.CaptureFixture[str]
) -> None:
    text = LOOP.replace("checks:\n  orphaned-group: off\n", "")
    text = text.replace(
        "name: Loop\n",
        "name: Loop\nareas:\n  - {id: county, name: County}\n"
        "  - {id: x, name: X, within: county}\nservice_areas:\n  - {id: mh, name: MH}\n",
    )
    text += (
        "waivers:\n"
        "  - {rule: authority-cycle, bodies: [a, b], reason: under review}\n"
        "  - {rule: orphaned-group, bodies: [a, b], reason: under review}\n"
        "  - {rule: coverage-gap, reason: no LPG yet}\n"
    )
    code, out, _ = run(["check", str(write("waived.yaml", text))], capsys)
    assert code == 0
    assert out.splitlines()[1:] == [
        "  waived (4):",
        "    authority-cycle: a (with b): under review",
        "    orphaned-group: a, b: under review",
        "    coverage-gap: x/mh: no LPG yet",
        "  0 errors, 0 warnings, 0 info, 4 waived",
    ]


def test_fail_on_threshold(write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("clean.yaml", CLEAN)
    assert run(["check", str(path)], capsys)[0] == 0
    assert run(["check", str(path), "--fail-on", "warning"], capsys)[0] == 1  # missing stakeholders
    assert run(["check", str(path), "--fail-on", "info"], capsys)[0] == 1


def test_json_output_is_the_spec_document(write, capsys: pytest.CaptureFixture[str]) -> None:
    loop, clean = write("loop.yaml", LOOP), write("clean.yaml", CLEAN)
    code, out, _ = run(["check", str(loop), str(clean), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert [entry["file"] for entry in data["files"]] == [str(loop), str(clean)]
    [finding] = data["files"][0]["findings"]
    assert (
        finding["rule"] == "authority-cycle" and finding["bodies"] == ["a", "b"] and finding["path"] == ["a", "b", "a"]
    )
    assert finding["severity"] == "error" and finding["waived"] is False
    assert data["files"][0]["summary"] == {"error": 1, "warning": 0, "info": 0, "waived": 0}
    assert data["files"][0]["structure"] == "Loop"


def test_config_file_sets_severity(write, capsys: pytest.CaptureFixture[str]) -> None:
    loop = write("loop.yaml", LOOP)
    config = write("rules.yaml", "authority-cycle: warning\n")
    assert run(["check", str(loop), "--config", str(config)], capsys)[0] == 0
    nested = write("nested.yaml", "checks:\n  authority-cycle: {severity: info}\n")
    assert run(["check", str(loop), "--config", str(nested), "--fail-on", "warning"], capsys)[0] == 0


def test_bad_config_is_located_and_exits_2(write, capsys: pytest.CaptureFixture[str]) -> None:
    loop = write("loop.yaml", LOOP)
    config = write("rules.yaml", "authority-cycle: warning\nexcess-depth: {maximum: 3}\n")
    code, _, err = run(["check", str(loop), "--config", str(config)], capsys)
    assert code == 2
    assert err.splitlines() == [
        f"{config}:2:16: error: excess-depth.maximum: unknown option 'maximum' for rule 'excess-depth' "
        "(did you mean 'max'?); its options: max, severity"
    ]


def test_config_that_is_not_utf8_is_refused_like_a_structure(
    write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = write("loop.yaml", LOOP)
    config = tmp_path / "rules.yaml"
    config.write_bytes(b"authority-cycle: warning\nexcess-depth: {max: 3} # caf\xe9\n")
    code, _, err = run(["check", str(loop), "--config", str(config)], capsys)
    assert (code, err) == (2, f"{config}:2:29: error: not UTF-8 text: save the file as UTF-8\n")


def test_invalid_and_valid_files_together_exit_2(write, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write("bad.yaml", "govgraph: 1\nname: x\nbodies: []\n")
    code, out, err = run(["check", str(bad), str(DEVON)], capsys)
    assert code == 2 and err == f"{bad}:3:9: error: bodies: a structure needs at least one body\n"
    assert str(DEVON) in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["check", str(DEVON), "--fail-on", "fatal"])
    assert caught.value.code == 2
    assert "invalid choice: 'fatal'" in capsys.readouterr().err


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "no-such.yaml"], capsys)
    assert code == 2 and err == "no-such.yaml: error: cannot read it: No such file or directory\n"


def test_schema_is_json_schema_for_editors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["govgraph", "name", "bodies"]
    assert schema["$defs"]["Body"]["additionalProperties"] is False
    assert "strategic_planning_group" in schema["$defs"]["BodyKind"]["enum"]


def test_installed_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "govgraph", "check", str(DEVON)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_schema_accepts_every_example_and_rejects_a_bad_kind() -> None:
    import jsonschema
    import yaml

    from govgraph.schema import json_schema

    from .conftest import ROOT

    schema = json_schema()
    for path in sorted((ROOT / "examples").glob("*/*.yaml")):
        # As an editor sees it: YAML dates are text to JSON Schema.
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=lambda d: d.isoformat()))
        jsonschema.validate(data, schema)
    bad = {"govgraph": 1, "name": "x", "bodies": [{"id": "a", "name": "A", "kind": "comittee"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
