"""Every worked example goes through every format: GraphML back to an equal structure,
the others read by their own clients."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from hypothesis import given, settings

import govgraph as gg
from govgraph.interchange import export_text, gexf_text, popolo_text
from govgraph.strategies import structures

from ..conftest import ROOT
from .test_popolo import schema_errors

EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_in_every_format(path: Path, tmp_path: Path) -> None:
    s = gg.load(path)
    assert gg.read_graphml(gg.to_graphml(s, tmp_path / "s.graphml")) == s
    gexf = nx.read_gexf(io.BytesIO(gexf_text(s).encode("utf-8")))
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (len(s.bodies), len(s.relationships))
    turtle = rdflib.Graph().parse(data=gg.to_org_turtle(s), format="turtle")
    sub = sum(1 for _ in turtle.subject_objects(rdflib.URIRef("http://www.w3.org/ns/org#subOrganizationOf")))
    assert sub == sum(r.kind.value == "sub_group_of" for r in s.relationships)
    assert schema_errors(json.loads(popolo_text(s))) == []
    gg.to_csv(s, tmp_path / "tables")
    with (tmp_path / "tables" / "bodies.csv").open(encoding="utf-8", newline="") as stream:
        assert [row["id"] for row in csv.DictReader(stream)] == [b.id for b in s.bodies]


def test_dates_yaml_reads_into_metadata_export_in_every_format(tmp_path: Path) -> None:
    s = gg.loads(
        "govgraph: 1\nname: S\nbodies:\n"
        "  - {id: a, name: A, kind: board, metadata: {when: 2003-06-01, at: 2003-06-01 10:00:00}}\n"
        "  - {id: b, name: B, kind: board}\n"
        "relationships:\n  - {source: b, kind: reports_to, target: a, metadata: {since: 2004-01-01}}\n"
    )
    turtle = gg.to_org_turtle(s)
    assert '"{\\"when\\":\\"2003-06-01\\",\\"at\\":\\"2003-06-01T10:00:00\\"}"^^rdf:JSON' in turtle
    gg.to_csv(s, tmp_path)
    with (tmp_path / "relationships.csv").open(encoding="utf-8", newline="") as stream:
        assert next(csv.DictReader(stream))["metadata"] == '{"since":"2004-01-01"}'
    assert gg.read_graphml(gg.to_graphml(s, tmp_path / "s.graphml")).body("a").metadata == {
        "when": "2003-06-01",
        "at": "2003-06-01T10:00:00",
    }
    assert s.to_frames()["bodies"]["metadata"].iloc[0]["when"].isoformat() == "2003-06-01"


@settings(max_examples=40)
@given(structures(max_bodies=6))
def test_every_format_writes_any_structure_or_names_what_xml_cannot_hold(structure: gg.Structure) -> None:
    for to in ("graphml", "gexf", "org-ttl", "popolo"):
        try:
            assert export_text(structure, to=to)
        except gg.StructureError as error:
            assert to in ("graphml", "gexf")
            assert all("(XML 1.0) cannot hold" in problem.message for problem in error.errors)
