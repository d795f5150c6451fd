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


def drawn(structure: gg.Structure, **options: object) -> tuple[list[str], list[str]]:
    """The ``<text>`` lines and the tooltips of the structure's SVG, spaces made plain."""
    root = ET.fromstring(pipe(gg.to_dot(structure, **options), "svg"))  # type: ignore[arg-type]
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
    texts = [line.strip() for line in texts]  # a band's note follows its name after a space
    for expected in (f"S {text}", f"D {text}", f"B {text}", f"L {text}".upper(), f"(n {text})"):
        assert expected in texts
    assert f"B {text}: F {text}" in texts  # the footnote, after its superscript number
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


def _long_structure(text: str) -> gg.Structure:
    """``text`` in every free-text field a diagram shows."""
    return gg.Structure.model_validate(
        {
            "govgraph": 1,
            "name": text,
            "description": text,
            "sources": [{"id": "paper", "title": "Paper"}],
            "levels": [{"id": "top", "name": text, "note": text}],
            "bodies": [
                {
                    "id": "a",
                    "name": text,
                    "kind": "board",
                    "level": "top",
                    "notes": text,
                    "remit": [text],
                    "sources": [{"source": "paper", "at": text}],
                },
                {"id": "b", "name": text, "kind": "statutory_body"},  # orphans: findings quote names in tooltips
            ],
            "relationships": [{"source": "a", "kind": "coordinates", "target": "b", "note": text}],
        }
    )


LONG = {
    "16 KB of one word": "x" * 16_384,
    "16 KB of words": ("Joint Strategic Board " * 745).strip(),
    "1 MB of one word": "y" * 1_000_000,
    "1 MB of characters Graphviz and HTML escape": "\\N'&]<\"é中" * 100_000,
}


@pytest.mark.parametrize("text", LONG.values(), ids=LONG.keys())
def test_a_very_long_name_is_drawn_shortened_with_an_ellipsis(text: str) -> None:
    structure = _long_structure(text)
    texts, tips = drawn(gg.Structure.model_validate(structure.model_dump(by_alias=True)))
    lines = [line.strip() for line in texts]
    shown = "".join(line.replace(" ", "") for line in lines)  # the name wrapped over lines
    assert shown.count("…") >= 4 and all(len(line) <= 250 for line in lines)
    assert text[:20].replace(" ", "") in shown
    body_tip = next(tip for tip in tips if tip.endswith("…") and tip.startswith(text[:100]))
    assert len(body_tip) == gg.export.quoting.TOOLTIP_LIMIT
    mermaid = gg.to_mermaid(structure)
    assert len(mermaid) < 20_000 and "#8230;" in mermaid  # the ellipsis, entity-encoded


def test_too_many_footnotes_for_a_caption_are_counted() -> None:
    bodies = [
        {"id": f"b{i}", "name": f"Group {i}", "kind": "task_group", "notes": "Meets monthly."} for i in range(300)
    ]
    structure = gg.Structure.model_validate({"govgraph": 1, "name": "Many notes", "bodies": bodies})
    texts, _ = drawn(structure, collapse="none")  # every body: 300 would otherwise be an overview
    assert " Group 0: Meets monthly." in texts
    [more] = [line for line in texts if line.startswith("… ")]
    shown = sum(1 for line in texts if line.startswith(" Group "))
    assert more == f"… {300 - shown} more notes, too many to show here" and 30 < shown < 300
