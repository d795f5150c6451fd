"""The full view's level bands, drawn over a layout made without them (issue 15)."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

import govgraph as gg
from govgraph.export import band_boxes
from govgraph.export.backend import _graphviz, pipe

from .conftest import DEVON, structure

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
NOT_LEVELLED = "Not on a planning level"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float  # SVG coordinates: y grows downwards


def _box(group: ET.Element) -> Box | None:
    """Where the shapes and text of an SVG group stand (text by where it starts), None if nothing is drawn."""
    xs: list[float] = []
    ys: list[float] = []
    for element in group.iter():
        values = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.get("points", ""))]
        xs += values[0::2]
        ys += values[1::2]
        if element.tag == f"{SVG}ellipse":
            cx, cy, rx, ry = (float(element.get(key, "0")) for key in ("cx", "cy", "rx", "ry"))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
        if element.tag == f"{SVG}text":
            xs.append(float(element.get("x", "0")))
            ys.append(float(element.get("y", "0")))
    return Box(min(xs), min(ys), max(xs), max(ys)) if xs else None


def _drawn(svg: bytes) -> tuple[dict[str, Box], dict[str, Box]]:
    """The bands (level name → box) and nodes (name → box) of a drawing."""
    root = ET.fromstring(svg)
    found: dict[str, Box] = {}
    nodes: dict[str, Box] = {}
    for group in root.iter(f"{SVG}g"):
        title = group.findtext(f"{SVG}title") or ""
        if group.get("class") == "cluster" and title.startswith("cluster_level_"):
            link = group.find(f".//{SVG}a")
            box = _box(group)
            assert link is not None and box is not None
            found[link.get(f"{XLINK}title", "")] = box
        elif group.get("class") == "node" and (box := _box(group)) is not None:
            nodes[title] = box
    return found, nodes


def _inside(inner: Box, outer: Box) -> bool:
    return (
        outer.left <= inner.left
        and inner.right <= outer.right
        and outer.top <= inner.top <= inner.bottom <= outer.bottom
    )


def test_devon_full_view_stands_every_body_in_its_level_band_with_the_band_label_at_the_left() -> None:
    devon = gg.load(DEVON)
    found, nodes = _drawn(pipe(gg.to_dot(devon), "svg"))
    names = {level.id: level.name for level in devon.levels}
    assert list(found) == [NOT_LEVELLED, *names.values()]  # top to bottom, as the levels are listed
    ordered = list(found.values())
    for upper, lower in itertools.pairwise(ordered):  # bands meet, and never overlap
        assert upper.bottom == pytest.approx(lower.top, abs=0.01) and upper.left == lower.left
    for body in devon.bodies:
        band = found[names[body.level] if body.level else NOT_LEVELLED]
        assert _inside(nodes[body.id], band), body.id
    labels = {name: box for name, box in nodes.items() if name.startswith("band:")}
    assert len(labels) == len(found)
    bodies_left = min(nodes[body.id].left for body in devon.bodies)
    for label, band in zip(labels.values(), found.values(), strict=True):
        assert _inside(label, band) and label.left < bodies_left
    lefts = [label.left for label in labels.values()]
    assert max(lefts) - min(lefts) <= 1  # one column, left-aligned


def test_the_drawing_is_the_same_bytes_every_time_and_the_dot_keeps_its_clusters() -> None:
    source = gg.to_dot(gg.load(DEVON))
    assert pipe(source, "svg") == pipe(gg.to_dot(gg.load(DEVON)), "svg")
    assert band_boxes.MARK in source.splitlines() and '\tsubgraph "cluster_level_0" {' in source
    alone, _ = _drawn(_graphviz(source, "svg"))  # dot alone still draws the bands, as clusters
    assert len(alone) == 5


def test_drawings_without_levels_are_drawn_in_one_pass() -> None:
    plain = gg.to_dot(structure("bodies: [{id: a, name: A, kind: board}, {id: b, name: B, kind: forum}]"))
    assert band_boxes.MARK in plain and "cluster_level" not in plain
    assert pipe(plain, "svg") == _graphviz(plain, "svg")


def _paper() -> str:
    return gg.to_dot(gg.load(DEVON), collapse="service_area")


def test_collapsed_devon_view_draws_bands_of_one_width_each_labelled_at_its_top_left() -> None:
    source = _paper()
    assert band_boxes.ABOVE in source.splitlines() and band_boxes.MARK not in source.splitlines()
    found, nodes = _drawn(pipe(source, "svg"))
    found = dict(sorted(found.items(), key=lambda item: item[1].top))  # top to bottom
    devon = gg.load(DEVON)
    assert list(found) == [NOT_LEVELLED, *(level.name for level in devon.levels)]
    ordered = list(found.values())
    for upper, lower in itertools.pairwise(ordered):  # bands meet, all as wide as the drawing
        assert upper.bottom == pytest.approx(lower.top, abs=0.01)
        assert (upper.left, upper.right) == (lower.left, lower.right)
    labels = sorted((box for name, box in nodes.items() if name.startswith("band:")), key=lambda box: box.top)
    bodies = {name: box for name, box in nodes.items() if not name.startswith(("band:", "legend:", "level:"))}
    assert len(labels) == len(found) and len(bodies) == 15
    for label, band in zip(labels, ordered, strict=True):
        inside = [box for box in bodies.values() if _inside(box, band)]
        assert _inside(label, band) and inside
        assert all(label.bottom < box.top for box in inside)  # above the band's rows
    assert all(any(_inside(box, band) for band in ordered) for box in bodies.values())
    lefts = [label.left for label in labels]
    assert max(lefts) - min(lefts) <= 1 and min(lefts) < min(box.left for box in bodies.values())
    for body, band in [
        ("devon-pcts", NOT_LEVELLED),
        ("dsp", "Strategic co-ordination"),
        ("spg-ld", "Strategic planning groups"),
    ]:
        assert _inside(bodies[body], found[band]), body


@pytest.mark.parametrize("collapse", [None, "service_area"])
def test_no_line_nor_line_label_passes_over_a_band_label(collapse: str | None) -> None:
    layout = json.loads(band_boxes.draw(gg.to_dot(gg.load(DEVON), collapse=collapse), "json", _graphviz) or b"{}")
    numbers = lambda text: [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]  # noqa: E731
    labels = {}
    for node in layout["objects"]:
        if str(node.get("name")).startswith("band:"):
            x, y = numbers(node["pos"])
            w, h = 36 * float(node["width"]), 36 * float(node["height"])
            labels[node["name"]] = (x - w, y - h, x + w, y + h)
    assert len(labels) == 5
    for edge in layout["edges"]:
        if edge.get("style") == "invis":
            continue
        xs_ys = numbers(edge["pos"].replace("e,", "").replace("s,", ""))
        points = list(zip(xs_ys[0::2], xs_ys[1::2], strict=True))
        samples = [
            (a[0] + (b[0] - a[0]) * t / 20, a[1] + (b[1] - a[1]) * t / 20)
            for a, b in itertools.pairwise(points)
            for t in range(21)
        ] + [tuple(numbers(edge.get("lp", "")))] * ("lp" in edge)
        for name, (x0, y0, x1, y1) in labels.items():
            assert not any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in samples), (name, edge.get("tooltip"))


def test_a_bundled_line_is_drawn_without_a_warning_and_dot_alone_still_draws_clusters() -> None:
    source = _paper()
    assert 'lhead="cluster_level_' in source  # "accountable to × 10": the fan bundled between two bands
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Graphviz's "cluster named … not found" would be raised here
        svg = pipe(source, "svg")
    assert "accountable to × 10" in svg.decode("utf-8")
    assert pipe(source, "svg") == svg
    alone, _ = _drawn(_graphviz(source, "svg"))
    assert len(alone) == 5


def test_a_band_written_otherwise_is_drawn_as_written() -> None:
    source = gg.to_dot(structure(LONG_NOTE)).replace('style="filled";', 'style = "filled";', 1)
    assert pipe(source, "svg") == _graphviz(source, "svg")


LONG_NOTE = """
levels:
  - {id: top, name: "Top \\"level\\" <one>", note: "%s"}
  - {id: low, name: Low}
bodies:
  - {id: council, name: County Council, kind: statutory_body, level: top, sovereign: true}
  - {id: spg, name: Planning Group, kind: strategic_planning_group, level: low}
relationships:
  - {source: spg, kind: reports_to, target: council}
""" % ("a long note, " * 40)


def test_a_label_taller_than_its_row_gets_room_in_its_band() -> None:
    found, nodes = _drawn(pipe(gg.to_dot(structure(LONG_NOTE)), "svg"))
    assert list(found) == ['Top "level" <one>', "Low"]
    top, low = found.values()
    assert _inside(nodes["band:0"], top) and _inside(nodes["band:1"], low)
    assert _inside(nodes["council"], top) and _inside(nodes["spg"], low)


def test_page_fits_and_every_format_draws() -> None:
    source = gg.to_dot(gg.load(DEVON), page="a4-landscape")
    width = ET.fromstring(pipe(source, "svg")).get("width", "")
    assert float(width.removesuffix("pt")) <= 842
    assert pipe(source, "png").startswith(b"\x89PNG") and pipe(source, "pdf").startswith(b"%PDF")
