"""Diagrams: golden DOT, SVG that parses, safety of any text, determinism, no Graphviz."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govgraph as gg
from govgraph.cli import main
from govgraph.export.backend import pipe

from .conftest import DEVON, structure

GOLDEN = Path(__file__).parent / "golden"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

SMALL = """
sources: [{id: paper, title: The paper}]
levels: [{id: top, name: Top, note: See para 1}, {id: low, name: Low}]
service_areas: [{id: mh, name: Mental health}]
bodies:
  - {id: council, name: County Council, kind: statutory_body, authority: executive, level: top, sovereign: true}
  - {id: spg, name: Planning Group, kind: strategic_planning_group, authority: coordinating, level: top,
     service_areas: [mh], sources: [{source: paper, at: "4.2"}], remit: [Co-ordinate]}
  - {id: lpg, name: Local Group, kind: local_planning_group, level: low, status: proposed, notes: A footnote}
  - {id: forum, name: Forum, kind: forum}
relationships:
  - {source: spg, kind: reports_to, target: council}
  - {source: spg, kind: coordinates, target: lpg, status: proposed}
  - {source: lpg, kind: reports_to, target: spg, status: proposed}
  - {source: forum, kind: links_with, target: lpg}
"""


def svg_texts(svg: bytes) -> str:
    """All text and attribute values of an SVG, after parsing it as XML."""
    root = ET.fromstring(svg)
    parts = []
    for element in root.iter():
        parts.append(element.text or "")
        parts.extend(element.attrib.values())
    return "\n".join(parts)


@pytest.mark.parametrize(("draw", "golden"), [(gg.to_dot, "small.dot"), (gg.to_mermaid, "small.mmd")])
def test_golden_output(draw, golden: str) -> None:  # type: ignore[no-untyped-def]
    # Regenerate deliberately with GOVGRAPH_REGENERATE=1 and review the diff.
    source = draw(structure(SMALL))
    if os.environ.get("GOVGRAPH_REGENERATE"):
        (GOLDEN / golden).write_text(source, encoding="utf-8")
    assert source == (GOLDEN / golden).read_text(encoding="utf-8")


def test_two_way_coordination_is_drawn_as_one_line() -> None:
    source = gg.to_dot(structure(SMALL))
    assert source.count('"spg" -> "lpg"') == 1 and 'dir="both"' in source


def test_legend_shows_only_what_is_used() -> None:
    source = gg.to_dot(structure(SMALL))
    assert "legend:kind:forum" in source and "legend:kind:board" not in source
    assert "legend:edge:links_with" in source and "legend:edge:scrutinises" not in source


@needs_dot
def test_devon_svg_parses_and_shows_every_body_and_level() -> None:
    devon = gg.load(DEVON)
    text = svg_texts(pipe(gg.to_dot(devon), "svg"))
    for body in devon.bodies:
        assert f"{body.name} ({body.id})" in text, body.id
    for level in devon.levels:
        assert level.name.upper() in text


@needs_dot
def test_same_input_gives_byte_identical_dot_and_svg(tmp_path: Path) -> None:
    devon = gg.load(DEVON)
    first, second = gg.render(devon, tmp_path / "a.svg"), gg.render(gg.load(DEVON), tmp_path / "b.svg")
    assert first.read_bytes() == second.read_bytes()
    assert gg.to_dot(devon) == gg.to_dot(gg.load(DEVON))


@needs_dot
def test_highlight_outlines_findings_with_rule_in_tooltip() -> None:
    s = structure(SMALL + "  - {source: council, kind: accountable_to, target: spg}\n")
    source = gg.to_dot(s, highlight=True)
    assert 'color="#CC3311"' in source
    assert "coordinator-with-authority: " in svg_texts(pipe(source, "svg"))


def test_focus_and_filters() -> None:
    devon = gg.load(DEVON)
    source = gg.to_dot(devon, focus="torbay-lig", depth=1)
    nodes = set(re.findall(r'^\t+"([a-z0-9.-]+)" \[label=<', source, re.M))
    assert nodes == {"torbay-lig", "torbay-pc", "dtlit", "torbay-op-forum"}
    only_mh = gg.to_dot(devon, service_areas=["mh"], kinds=["strategic_planning_group"])
    assert set(re.findall(r'^\t+"([a-z0-9.-]+)" \[label=<', only_mh, re.M)) == {"spg-mh", "dtlit"}


NASTY = st.text(min_size=1, max_size=30).filter(lambda t: t.strip() != "") | st.sampled_from(
    [
        '"]; evil [shape=star',
        "</B><BR/>",
        "a\\Nb\\G",
        "\\",
        '<script>alert("x")</script>',
        "%%{init: {}}%%",
        "end",
        "subgraph",
        "مجلس الصحة والرفاه",
        "a\nb\r\nc",
        "`md` **b**",
        "x --> y",
        "A | B",
        "#quot;",
        "\x00\x1b",
    ]
)


@needs_dot
@settings(max_examples=25, deadline=None)
@given(NASTY, NASTY)
def test_any_text_renders_as_written_and_injects_nothing(name: str, note: str) -> None:
    benign = structure(SMALL)
    nasty = benign.replace(
        bodies=[b.model_copy(update={"name": name, "remit": [note]}) if b.id == "forum" else b for b in benign.bodies],
        levels=[benign.levels[0].model_copy(update={"name": note}), benign.levels[1]],
    )
    svg = pipe(gg.to_dot(nasty), "svg")
    # Graphviz writes the second of two spaces as a no-break space, so that SVG keeps both.
    texts = svg_texts(svg).replace("\xa0", " ")
    from govgraph.export.quoting import visible

    # XML parsers turn a raw tab in an attribute into a space (attribute-value normalisation).
    shown = visible(name).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\xa0", " ")
    assert f"{shown} (forum)" in texts
    assert svg.count(b'class="node"') == pipe(gg.to_dot(benign), "svg").count(b'class="node"')
    assert svg.count(b'class="edge"') == pipe(gg.to_dot(benign), "svg").count(b'class="edge"')
    mermaid = gg.to_mermaid(nasty)
    for line in mermaid.splitlines():
        labels = re.findall(r'"([^"]*)"', line)
        assert all(not re.search(r"[\]\[|`%<>{}\n]", label.replace("<br>", "")) for label in labels), line
    assert len(mermaid.splitlines()) == len(gg.to_mermaid(benign).splitlines())


def test_without_graphviz_a_clear_error_and_dot_mermaid_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    s = structure(SMALL)
    with pytest.raises(gg.GraphvizNotFound, match="apt-get install graphviz"):
        gg.render(s, tmp_path / "x.svg")
    assert main(["render", str(DEVON), "-o", str(tmp_path / "d.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govgraph: error: Graphviz's 'dot' program was not found") and "Traceback" not in err
    assert not (tmp_path / "d.png").exists()
    assert main(["render", str(DEVON), "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith('digraph "govgraph" {')
    assert main(["render", str(DEVON), "-o", str(tmp_path / "d.mmd")]) == 0
    assert (tmp_path / "d.mmd").read_text().startswith("flowchart TB")
    bundle = s._repr_mimebundle_()
    assert "image/svg+xml" not in bundle and bundle["text/markdown"].startswith("```mermaid")


@needs_dot
def test_cli_render_formats(tmp_path: Path) -> None:
    for suffix, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        out = tmp_path / f"devon.{suffix}"
        assert main(["render", str(DEVON), "-o", str(out), "--highlight"]) == 0
        assert out.read_bytes().startswith(magic)
    assert main(["render", str(DEVON), "-o", str(tmp_path / "f.svg"), "--focus", "spg-mh", "--depth", "2"]) == 0


def test_cli_render_unknown_focus_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DEVON), "--format", "dot", "--focus", "spg-mhh"]) == 2
    assert "no body 'spg-mhh'" in capsys.readouterr().err


@needs_dot
def test_jupyter_shows_structure_as_svg() -> None:
    bundle = structure(SMALL)._repr_mimebundle_()
    assert bundle["image/svg+xml"].startswith("<?xml") and bundle["text/plain"].startswith("<Structure")


def test_cli_render_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DEVON), "--format", "dot", "--service-area", "ld", "--kind", "executive_group"]) == 0
    source = capsys.readouterr().out
    assert set(re.findall(r'^\t+"([a-z0-9.-]+)" \[label=<', source, re.M)) == {"emg-ld"}
    assert main(["render", str(DEVON), "--format", "mermaid", "--level", "strategic-coordination"]) == 0
    assert capsys.readouterr().out.splitlines()[2] == '        b_dsp{{"Devon Strategic Partnership"}}'


def test_hide_dissolved() -> None:
    s = structure(SMALL.replace("kind: forum}", "kind: forum, status: dissolved}"))
    assert '"forum"' in gg.to_dot(s) and '"forum"' not in gg.to_dot(s, dissolved="hide")
    assert "b_forum" not in gg.export.render_to(s, None, format="mermaid", dissolved="hide")


@needs_dot
def test_cli_render_without_output_writes_beside_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "devon.yaml"
    source.write_bytes(DEVON.read_bytes())
    assert main(["render", str(source)]) == 0
    assert (tmp_path / "devon.svg").read_bytes().startswith(b"<?xml")
    assert capsys.readouterr().err == f"wrote {tmp_path / 'devon.svg'}\n"


def test_unknown_output_suffix_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DEVON), "-o", str(tmp_path / "devon.txt")]) == 2
    assert capsys.readouterr().err == (
        "govgraph: error: cannot tell the format from '.txt': name the file .svg, .png, .pdf, .dot or .mmd, "
        "or give the format\n"
    )


def test_importing_govgraph_leaves_the_graphviz_package_until_something_is_drawn() -> None:
    program = (
        "import sys, govgraph as gg\n"
        "assert 'graphviz' not in sys.modules\n"
        "gg.to_dot(gg.load(sys.argv[1]))\n"
        "assert 'graphviz' not in sys.modules  # DOT is text: no Graphviz needed\n"
    )
    subprocess.run([sys.executable, "-c", program, str(DEVON)], check=True)


@needs_dot
def test_legend_entries_show_what_they_explain_as_tooltips_never_internal_names() -> None:
    # A browser shows an SVG element's <a xlink:title> (Graphviz's tooltip) over its <title>;
    # without one, the <title> "legend:edge:reports_to:a->legend:edge:reports_to:b" would show.
    root = ET.fromstring(pipe(gg.to_dot(structure(SMALL)), "svg"))
    xlink = "{http://www.w3.org/1999/xlink}title"
    tips: dict[str, str] = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        title = group.find("{http://www.w3.org/2000/svg}title")
        if title is not None and (title.text or "").startswith(("legend:", "cluster_legend")):
            links = [a.get(xlink) for a in group.iter("{http://www.w3.org/2000/svg}a")]
            tips[title.text or ""] = links[0] if links else ""
    assert tips == {
        "cluster_legend": "Legend",
        "legend:title": "Legend",
        "legend:kind:statutory_body": "Legend: statutory body",
        "legend:kind:strategic_planning_group": "Legend: strategic planning group",
        "legend:kind:local_planning_group": "Legend: local planning group",
        "legend:kind:forum": "Legend: forum",
        "legend:authority:executive": "Legend: executive authority",
        "legend:authority:coordinating": "Legend: coordinating authority",
        "legend:proposed": "Legend: proposed",
        **{
            f"legend:edge:{kind}:{end}": f"Legend: {kind.replace('_', ' ')} (line)"
            for kind in ("reports_to", "coordinates", "links_with")
            for end in ("a", "b")
        },
        **{
            f"legend:edge:{kind}:a->legend:edge:{kind}:b": f"Legend: {kind.replace('_', ' ')} (line)"
            for kind in ("reports_to", "coordinates", "links_with")
        },
    }
