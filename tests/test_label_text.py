"""Text reaches the drawing as written: Graphviz escapes stay text, very long names are shortened."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govgraph as gg
from govgraph.export.backend import pipe

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
ESCAPES = ["\\G", "\\N", "\\E", "\\T", "\\H", "\\L", "\\l", "\\r", "\\n", "\\\\", "\\"]


def drawn(structure: gg.Structure) -> tuple[list[str], list[str]]:
    """The ``<text>`` lines and the tooltips of the structure's SVG, spaces made plain."""
    root = ET.fromstring(pipe(gg.to_dot(structure), "svg"))
    texts = [(element.text or "").replace("\xa0", " ") for element in root.iter(f"{SVG}text")]
    tips = [element.attrib[f"{XLINK}title"] for element in root.iter(f"{SVG}a") if f"{XLINK}title" in element.attrib]
    return texts, tips


def _escaped_structure(text: str) -> gg.Structure:
    """``text`` (under 24 characters, so drawn on one line) in every field a diagram shows."""
    return gg.Structure.model_validate(
        {
            "govgraph": 1,
            "name": f"S {text}",
            "description": f"D {text}",
            "sources": [{"id": "paper", "title": "Paper"}],
            "levels": [{"id": "top", "name": f"l {text}", "note": f"n {text}"}],
            "bodies": [
                {
                    "id": "council",
                    "name": f"B {text}",
                    "kind": "statutory_body",
                    "level": "top",
                    "notes": f"F {text}",
                    "remit": [f"R {text}"],
                    "sources": [{"source": "paper", "at": f"A{text}"}],
                },
                {"id": "group", "name": "Group", "kind": "task_group", "level": "top"},
            ],
            "relationships": [{"source": "group", "kind": "reports_to", "target": "council", "note": f"E {text}"}],
        }
    )


@pytest.mark.parametrize("escape", ESCAPES)
def test_graphviz_escapes_in_any_field_are_drawn_as_written(escape: str) -> None:
    text = f"x{escape}y {escape}"
    texts, tips = drawn(_escaped_structure(text))
    for expected in (f"S {text}", f"D {text}", f"B {text}", f"L {text}".upper(), f"(n {text})"):
        assert expected in texts
    assert f" B {text}: F {text}" in texts  # the footnote, after its superscript number
    assert f"statutory body · ¶ A{text}" in texts  # a citation's paragraph
    assert any(tip.startswith(f"B {text} (council)") and f"• R {text}" in tip for tip in tips)
    assert f"group reports to council: E {text}" in tips
    assert f"l {text}" in tips  # a level's tooltip


def test_a_name_ending_in_backslashes_ends_the_label_and_breaks_nothing() -> None:
    texts, _ = drawn(_escaped_structure("end \\\\\\"))
    assert "B end \\\\\\" in texts and "Group" in texts


@settings(max_examples=25)
@given(st.text(alphabet="\\NGETHLlrnx ", min_size=1, max_size=20).filter(lambda t: t.strip() == t))
def test_any_backslash_text_is_drawn_as_written(text: str) -> None:
    texts, _ = drawn(_escaped_structure(text))
    assert f"B {text}".strip() in [line.strip() for line in texts]
