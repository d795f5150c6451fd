"""W3C ORG in Turtle: parsed by rdflib and queried with SPARQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings

import govgraph as gg
from govgraph.cli import main
from govgraph.strategies import structures

from .support import DEVON, devon

ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PREFIXES = "PREFIX org: <http://www.w3.org/ns/org#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def parsed(text: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=text, format="turtle")
    return graph


def count(graph: rdflib.Graph, where: str) -> int:
    [row] = graph.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(row[0])  # type: ignore[index]


def test_devon_has_one_sub_organization_triple_per_sub_group_of() -> None:
    s = devon()
    graph = parsed(gg.to_org_turtle(s))
    sub_groups = [r for r in s.relationships if r.kind.value == "sub_group_of"]
    assert len(sub_groups) == 8
    assert count(graph, "?a org:subOrganizationOf ?b") == 8
    base = "urn:govgraph:joint-planning-network-for-devon/body/"
    assert {(str(a), str(b)) for a, b in graph.subject_objects(ORG.subOrganizationOf)} == {
        (base + r.source, base + r.target) for r in sub_groups
    }
    # reports_to and accountable_to are org:reportsTo; the other kinds org:linkedTo
    assert count(graph, "?a org:reportsTo ?b") == 32 + 10
    assert count(graph, "?a org:linkedTo ?b") == 28 + 24 + 7


def test_devon_every_body_is_typed_with_an_org_class_and_named() -> None:
    graph = parsed(gg.to_org_turtle(devon()))
    typed = count(graph, "?b a org:Organization ; skos:prefLabel ?name")
    assert typed == 51
    assert count(graph, "?b a org:FormalOrganization") == 3  # the statutory bodies
    assert count(graph, "?b a org:OrganizationalUnit") == 1  # the committee
    [name] = graph.objects(
        rdflib.URIRef("urn:govgraph:joint-planning-network-for-devon/body/spg-mh"), rdflib.SKOS.prefLabel
    )
    assert str(name) == "Mental Health Strategic Planning Group"


def test_replaced_by_is_a_change_event_and_base_sets_the_iris() -> None:
    s = gg.Structure(
        name="Trafford",
        bodies=[
            gg.Body(id="old", name="Old board", kind="board", status="dissolved"),
            gg.Body(id="new", name="New board", kind="board"),
        ],
        relationships=[gg.Relationship(source="old", kind="replaced_by", target="new", established="2010-04-01")],
    )
    graph = parsed(gg.to_org_turtle(s, base="https://data.example.org/trafford"))
    rows = list(
        graph.query(
            PREFIXES + "SELECT ?from ?to WHERE { ?e a org:ChangeEvent ; "
            "org:originalOrganization ?from ; org:resultingOrganization ?to }"
        )
    )
    assert [(str(a), str(b)) for a, b in rows] == [  # type: ignore[misc]
        ("https://data.example.org/trafford/body/old", "https://data.example.org/trafford/body/new")
    ]
    assert count(graph, "?a org:linkedTo ?b") == 0


def test_bad_base_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["export", str(DEVON), "--to", "org-ttl", "--base", "no iri", "-o", str(tmp_path / "x.ttl")]) == 2
    assert capsys.readouterr().err == (
        "govgraph: error: --base 'no iri' is not an absolute IRI: give one such as "
        "https://data.example.org/governance/\n"
    )
    assert not (tmp_path / "x.ttl").exists()


def test_same_structure_same_bytes_in_any_process() -> None:
    script = f"import sys, govgraph as gg\nsys.stdout.write(gg.to_org_turtle(gg.load({str(DEVON)!r})))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True, env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("0", "7")
    }
    assert len(runs) == 1


@settings(max_examples=30)
@given(structures(max_bodies=6))
def test_any_structure_parses_with_one_org_triple_per_relationship(structure: gg.Structure) -> None:
    graph = parsed(gg.to_org_turtle(structure))
    kinds = [r.kind.value for r in structure.relationships]
    assert count(graph, "?a org:subOrganizationOf ?b") == kinds.count("sub_group_of")
    # reports_to and accountable_to are both org:reportsTo: the same pair with both kinds is one
    # triple (an RDF graph is a set); accountable_to also has gg:accountableTo of its own.
    reporting = {
        (r.source, r.target) for r in structure.relationships if r.kind.value in ("reports_to", "accountable_to")
    }
    assert count(graph, "?a org:reportsTo ?b") == len(reporting)
    assert count(graph, "?e a org:ChangeEvent") == kinds.count("replaced_by")
    assert count(graph, "?b skos:prefLabel ?n ; org:classification ?k") == len(structure.bodies)
    names = {str(o) for o in graph.objects(None, rdflib.SKOS.prefLabel)}
    assert {b.name for b in structure.bodies} <= names


def test_without_rdflib_the_message_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "rdflib", None)
    with pytest.raises(ImportError, match=r"pip install 'govgraph\[rdf\]'"):
        gg.to_org_turtle(devon())
    assert main(["export", str(DEVON), "--to", "org-ttl", "-o", str(tmp_path / "d.ttl")]) == 2
    assert capsys.readouterr().err == (
        "govgraph: error: W3C ORG Turtle needs rdflib, which govgraph does not install by itself: "
        "pip install 'govgraph[rdf]'\n"
    )
