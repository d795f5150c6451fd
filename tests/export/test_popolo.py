"""Popolo JSON, validated against the Popolo project's own JSON Schemas (vendored in
tests/data/popolo with their licence note: nothing is downloaded)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from referencing import Registry
from referencing.jsonschema import DRAFT3

import govgraph as gg
from govgraph.cli import main
from govgraph.strategies import structures

from .support import DEVON, devon

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "popolo"
URL = "http://www.popoloproject.com/schemas/{}.json#"


@cache
def validator(name: str) -> jsonschema.Draft3Validator:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["id"].rstrip("#"), DRAFT3.create_resource(contents)))
        resources.append((contents["id"], DRAFT3.create_resource(contents)))
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft3Validator(
        schema, registry=registry, format_checker=jsonschema.Draft3Validator.FORMAT_CHECKER
    )


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Every error of every item against its Popolo schema, plus the membership rule of
    the Popolo specification's prose (a member and an organization in each)."""
    errors = []
    for collection, schema in (("organizations", "organization"), ("memberships", "membership"), ("areas", "area")):
        for index, item in enumerate(document[collection]):
            errors += [f"{collection}[{index}]: {e.message}" for e in validator(schema).iter_errors(item)]
    for index, membership in enumerate(document["memberships"]):
        if not ({"member", "person", "person_id"} & membership.keys()):
            errors.append(f"memberships[{index}]: no member")
        if not ({"organization", "organization_id", "post", "post_id"} & membership.keys()):
            errors.append(f"memberships[{index}]: no organization")
    return errors


def test_the_vendored_schemas_catch_what_they_should() -> None:
    bad = {"organizations": [{"id": 5, "founding_date": "June 2003"}], "memberships": [{"role": 1}], "areas": []}
    assert schema_errors(bad) == [
        "organizations[0]: 5 is not of type 'string', 'null'",
        "organizations[0]: 'June 2003' does not match '^[0-9]{4}(-[0-9]{2}){0,2}$'",
        "memberships[0]: 1 is not of type 'string', 'null'",
        "memberships[0]: no member",
        "memberships[0]: no organization",
    ]
    nested = {
        "organizations": [{"other_names": [{"name": 5}], "sources": [{"url": 3}]}],
        "memberships": [],
        "areas": [],
    }
    assert len(schema_errors(nested)) == 2  # the references resolve to other_name.json and link.json


def test_devon_has_51_organizations_and_no_schema_error() -> None:
    document = gg.to_popolo(devon())
    assert len(document["organizations"]) == 51
    assert len(document["memberships"]) == 166
    assert len(document["areas"]) == 8
    assert schema_errors(document) == []
    emg = next(o for o in document["organizations"] if o["id"] == "emg-mh")
    assert {k: emg[k] for k in ("name", "classification", "parent_id")} == {
        "name": "Mental Health Executive Management Group",
        "classification": "executive_group",
        "parent_id": "spg-mh",
    }
    assert {"@type": "Organization", "id": "spg-opd"} in [m["member"] for m in document["memberships"]]


def test_dates_names_and_sources_map_to_popolo_fields() -> None:
    s = gg.Structure(
        name="S",
        sources=[gg.Source(id="paper", title="The paper", url="https://example.org/p.pdf")],
        bodies=[
            gg.Body(
                id="a",
                name="Board",
                kind="board",
                established="2001-02-03",
                dissolved="2009-03-31",
                metadata={"abbreviation": "TB"},
                sources=[gg.Citation(source="paper", at="4.1")],
                members=[gg.Member(name="Carers' reps", sector="service_users", role="member")],
            ),
            gg.Body(id="b", name="Group", kind="sub_group"),
        ],
        relationships=[gg.Relationship(source="b", kind="sub_group_of", target="a")],
    )
    document = gg.to_popolo(s)
    a, b = document["organizations"]
    assert (a["founding_date"], a["dissolution_date"]) == ("2001-02-03", "2009-03-31")
    assert a["other_names"] == [{"name": "TB", "note": "abbreviation"}]
    assert a["sources"] == [{"url": "https://example.org/p.pdf", "note": "The paper, 4.1"}]
    assert b["parent_id"] == "a" and "parent_id" not in a
    assert document["memberships"] == [
        {
            "id": "a/member/1",
            "organization_id": "a",
            "member": {"@type": "Organization", "name": "Carers' reps"},
            "label": "Carers' reps (service users)",
            "role": "member",
        }
    ]
    assert schema_errors(document) == []


@settings(max_examples=40)
@given(structures(max_bodies=8))
def test_any_structure_gives_valid_popolo(structure: gg.Structure) -> None:
    document = json.loads(gg.interchange.popolo_text(structure))
    assert schema_errors(document) == []
    assert [o["id"] for o in document["organizations"]] == [b.id for b in structure.bodies]


def test_cli_writes_popolo_beside_the_file_or_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "devon.yaml"
    source.write_text(DEVON.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["export", str(source), "--to", "popolo"]) == 0
    assert capsys.readouterr().err == f"wrote {tmp_path / 'devon.popolo.json'}\n"
    written = (tmp_path / "devon.popolo.json").read_text(encoding="utf-8")
    assert main(["export", str(source), "--to", "popolo", "-o", "-"]) == 0
    assert capsys.readouterr().out == written
    assert len(json.loads(written)["organizations"]) == 51
