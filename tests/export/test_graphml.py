"""GraphML and GEXF: read by networkx, the GraphML read back by govgraph to an equal structure."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

import govgraph as gg
from govgraph.cli import main
from govgraph.interchange import gexf_text, graphml_text
from govgraph.strategies import structures

from .support import DEVON, devon, xml_safe

DEVON_KINDS = {
    "reports_to": 32,
    "coordinates": 28,
    "advises": 24,
    "accountable_to": 10,
    "sub_group_of": 8,
    "links_with": 7,
}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_devon_read_by_networkx_has_51_nodes_109_edges_with_kinds_and_labels(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"devon.{fmt}"
    (gg.to_graphml if fmt == "graphml" else gg.to_gexf)(devon(), path)
    graph = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (51, 109)
    assert Counter(kind for _, _, kind in graph.edges(data="kind")) == DEVON_KINDS
    assert graph.nodes["spg-mh"]["label"] == "Mental Health Strategic Planning Group"
    assert graph.nodes["spg-mh"]["kind"] == "strategic_planning_group"
    assert graph.nodes["spg-mh"]["authority"] == "coordinating"
    assert graph.nodes["devon-cc"]["sovereign"] is False  # typed: a boolean, not the text "false"
    edge = next(
        data for s, t, data in graph.edges(data=True) if (s, t, data["kind"]) == ("spg-mh", "dsp", "reports_to")
    )
    assert edge["label"] == "reports_to"
    assert edge["status"] == "proposed"
    assert edge["sources"] == '[{"source":"devon-2003","at":"5.2"}]'  # lists as JSON text


def test_devon_graphml_reads_back_equal(tmp_path: Path) -> None:
    path = gg.to_graphml(devon(), tmp_path / "devon.graphml")
    assert gg.read_graphml(path) == devon()


@settings(max_examples=40)
@given(structures(max_bodies=8))
def test_graphml_round_trip_of_generated_structures(generated: gg.Structure) -> None:
    structure = xml_safe(generated)
    with tempfile.TemporaryDirectory() as folder:
        path = gg.to_graphml(structure, Path(folder) / "s.graphml")
        assert gg.read_graphml(path) == structure


@settings(max_examples=25)
@given(structures(max_bodies=6))
def test_gexf_of_generated_structures_reads_with_every_body_and_relationship(generated: gg.Structure) -> None:
    structure = xml_safe(generated)
    graph = nx.read_gexf(io.BytesIO(gexf_text(structure).encode("utf-8")))
    assert sorted(graph.nodes) == sorted(b.id for b in structure.bodies)
    assert sorted((s, d["kind"], t) for s, t, d in graph.edges(data=True)) == sorted(
        (r.source, r.kind.value, r.target) for r in structure.relationships
    )
    for body in structure.bodies:
        assert graph.nodes[body.id]["label"] == body.name


def test_carriage_returns_and_markup_survive_the_round_trip(tmp_path: Path) -> None:
    s = gg.Structure(
        name='A <b>&amp; "c"\r\nline',
        bodies=[gg.Body(id="a", name="Board\r1 & <2>", kind="board", notes="x\ry", metadata={"k\r": "v\x01"})],
    )
    path = gg.to_graphml(s, tmp_path / "s.graphml")
    assert gg.read_graphml(path) == s


def test_text_xml_cannot_hold_is_refused_naming_each_place() -> None:
    s = gg.Structure(
        name="S",
        bodies=[
            gg.Body(id="a", name="Board\x01", kind="board"),
            gg.Body(id="b", name="B", kind="board", chair="\x0bX"),
        ],
    )
    with pytest.raises(gg.StructureError) as caught:
        graphml_text(s)
    assert [str(p) for p in caught.value.errors] == [
        "<structure>: error: bodies[0].name: holds the character U+0001, which GraphML (XML 1.0) cannot hold; "
        "remove it, or export to csv or popolo",
        "<structure>: error: bodies[1].chair: holds the character U+000B, which GraphML (XML 1.0) cannot hold; "
        "remove it, or export to csv or popolo",
    ]


def test_cli_reports_text_xml_cannot_hold_against_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "s.json"
    source.write_text('{"govgraph": 1, "name": "S", "bodies": [{"id": "a", "name": "A\\u0002", "kind": "board"}]}')
    assert main(["export", str(source), "--to", "gexf"]) == 2
    assert capsys.readouterr().err == (
        f"{source}: error: bodies[0].name: holds the character U+0002, which GEXF (XML 1.0) cannot hold; "
        "remove it, or export to csv or popolo\n"
    )
    assert not (tmp_path / "s.gexf").exists()


def test_same_structure_same_bytes_in_any_process() -> None:
    script = (
        "import sys, govgraph as gg\nfrom govgraph.interchange import graphml_text, gexf_text\n"
        f"s = gg.load({str(DEVON)!r})\nsys.stdout.write(graphml_text(s) + gexf_text(s))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True, env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1


def test_gexf_is_stamped_with_the_structures_date_not_today() -> None:
    text = gexf_text(devon())
    assert '<meta lastmodifieddate="2003-06-01">' in text
    assert "lastmodifieddate" not in gexf_text(devon().replace(as_of_date=None))


def test_a_graphml_file_from_another_tool_reads_with_its_extra_attributes_in_metadata(write) -> None:
    path = write(
        "yed.graphml",
        """\
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="d0" for="node" attr.name="label" attr.type="string"/>
          <key id="d1" for="node" attr.name="colour" attr.type="string"/>
          <key id="d2" for="edge" attr.name="kind" attr.type="string"/>
          <key id="d3" for="edge" attr.name="label" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="n0"><data key="d0">Council</data><data key="d1">red</data></node>
            <node id="n1"><data key="d0">Board</data></node>
            <edge source="n1" target="n0"><data key="d2">reports_to</data><data key="d3">quarterly</data></edge>
          </graph>
        </graphml>
        """,
    )
    s = gg.read_graphml(path)
    assert s.name == "yed"
    assert [(b.id, b.name, b.kind.value, b.metadata) for b in s.bodies] == [
        ("n0", "Council", "other", {"colour": "red"}),
        ("n1", "Board", "other", {}),
    ]
    assert [(r.key, r.metadata) for r in s.relationships] == [(("n1", "reports_to", "n0"), {"label": "quarterly"})]


def test_bad_graphml_is_reported_with_file_line_and_column(write) -> None:
    path = write(
        "bad.graphml",
        """\
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="d0" for="node" attr.name="kind" attr.type="string"/>
          <key id="d1" for="edge" attr.name="note" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="a"><data key="d0">comittee</data></node>
            <node id="b"/>
            <edge source="a" target="b"><data key="d1">no kind</data></edge>
          </graph>
        </graphml>
        """,
    )
    with pytest.raises(gg.StructureError) as caught:
        gg.read_graphml(path)
    assert [str(p) for p in caught.value.errors] == [
        f"{path}:8:5: error: edge a->b: has no kind: add a 'kind' attribute",
    ]
    path.write_text(
        path.read_text().replace('<edge source="a" target="b">', '<edge source="a" target="b" id="advises">')
    )
    with pytest.raises(gg.StructureError) as caught:
        gg.read_graphml(path)
    assert [str(p) for p in caught.value.errors] == [
        f"{path}:6:5: error: node a.kind: 'comittee' is not a valid body kind (did you mean 'committee'?); "
        "expected one of: " + ", ".join(sorted(k.value for k in gg.BodyKind)),
    ]
    broken = write("broken.graphml", "<graphml>\n  <graph>\n</graphml>\n")
    with pytest.raises(gg.StructureError) as caught:
        gg.read_graphml(broken)
    assert str(caught.value).startswith(f"{broken}:3:3: error: not GraphML: mismatched tag")


def test_a_list_attribute_that_is_not_json_is_reported_at_its_node(write) -> None:
    path = write(
        "lists.graphml",
        """\
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="d0" for="node" attr.name="areas" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="a"><data key="d0">devon, exeter</data></node>
          </graph>
        </graphml>
        """,
    )
    with pytest.raises(gg.StructureError) as caught:
        gg.read_graphml(path)
    assert str(caught.value) == (
        f"{path}:5:5: error: node a: areas: not JSON text (Expecting value); lists and mappings are written as JSON"
    )


def test_a_graph_without_nodes_is_an_error_not_a_crash(write) -> None:
    path = write("empty.graphml", '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>\n')
    with pytest.raises(gg.StructureError) as caught:
        gg.read_graphml(path)
    assert str(caught.value) == f"{path}:1:56: error: bodies: a structure needs at least one body"


def test_a_date_inside_metadata_comes_back_as_its_text_as_through_json(tmp_path: Path) -> None:
    s = gg.loads("govgraph: 1\nname: S\nbodies:\n  - {id: a, name: A, kind: board, metadata: {reviewed: 2003-06-01}}\n")
    back = gg.read_graphml(gg.to_graphml(s, tmp_path / "s.graphml"))
    assert back.body("a").metadata == {"reviewed": "2003-06-01"}
    assert back == gg.loads(s.dumps("json"), format="json")
