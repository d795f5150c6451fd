"""The HTML report without a browser: one self-contained file, its policy, its data, its safety,
its determinism, and the ``govgraph report`` command. (tests/test_report_browser.py runs it.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govgraph as gg
from govgraph.cli import main
from govgraph.export.report import View, safe_svg, script_json, to_html
from govgraph.export.report_data import ROUTE_LIMIT, diff_data, routes_up_all
from govgraph.strategies import structures

from .conftest import DEVON, ROOT
from .report_cases import HOSTILE, HOSTILE_NAME, hostile_document, write_hostile

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
TRAFFORD = ROOT / "examples" / "trafford"
BLANK = View("Blank", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g class="graph"/></svg>')


class Page(HTMLParser):
    """What an HTML parser sees in a page: its elements, their attributes, script and style text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.title = ""
        self._open: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style", "title"):
            self._open = tag
            if tag == "script":
                self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._open == "style":
            self.styles.append(data)
        elif self._open == "title":
            self.title += data

    @property
    def data(self) -> Any:
        (text,) = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        return json.loads(text)

    @property
    def policy(self) -> str:
        (content,) = [
            a["content"] for t, a in self.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
        ]
        assert content is not None
        return content


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def devon_page() -> str:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    return gg.report(gg.load(DEVON))


# -- one self-contained file -------------------------------------------------------------------


def test_page_loads_nothing_and_its_policy_allows_only_its_own_script_and_style(devon_page: str) -> None:
    page = Page(devon_page)
    assert not [
        tag for tag, attrs in page.tags if "src" in attrs or tag in ("link", "img", "iframe", "object", "embed")
    ]
    assert [attrs for attrs, _ in page.scripts] == [{"type": "application/json", "id": "gg-data"}, {}]
    script, style = page.scripts[1][1], "".join(page.styles)
    assert page.policy == (
        f"default-src 'none'; script-src {sha256(script)}; style-src {sha256(style)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    )
    assert [a.get("href") for t, a in page.tags if "href" in a or "xlink:href" in a] == []
    assert not re.search(r"https?://(?!www\.w3\.org/)", devon_page), "an address other than an XML namespace"
    assert len(devon_page.encode()) < 1_000_000


def test_the_policy_is_the_first_thing_in_the_head(devon_page: str) -> None:
    head = devon_page[: devon_page.index("<style>")]
    assert head.index("Content-Security-Policy") < head.index("<title>")


def test_page_data_is_every_body_with_its_routes_up_and_every_finding(devon_page: str) -> None:
    structure = gg.load(DEVON)
    data = Page(devon_page).data
    assert [b["id"] for b in data["bodies"]] == [b.id for b in structure.bodies]
    assert [b["name"] for b in data["bodies"]] == [b.name for b in structure.bodies]
    for body in data["bodies"]:
        everything = structure.routes_up(body["id"])
        if len(everything) <= ROUTE_LIMIT:
            assert body.get("routes", []) == everything, body["id"]
            assert "routesCut" not in body
        else:
            assert len(body["routes"]) == ROUTE_LIMIT and body["routesCut"] is True
    report = gg.check(structure)
    assert [(f["rule"], f["bodies"], f.get("waived", False)) for f in data["findings"]] == [
        (f.rule, f.bodies, f.waived) for f in report
    ]
    spg = next(b for b in data["bodies"] if b["id"] == "spg-mh")
    assert spg["sources"] == [c.model_dump(exclude_none=True) for c in structure.body("spg-mh").sources]
    full, by_service_area = data["views"]
    assert full == {"label": "Full diagram", "nodes": {}} and by_service_area["label"] == "By service area"
    grouped = by_service_area["nodes"]["group.local_planning_group.3"]  # the six Mental Health LPGs, one box
    assert grouped == sorted(b.id for b in structure.bodies if b.id.startswith("lpg-") and b.id.endswith("-mh"))


def test_routes_stop_at_the_limit_and_say_there_are_more() -> None:
    # Each of 6 bodies reports to both of the next pair: 2^5 = 32 routes from the bottom.
    lines = ["bodies:", "  - {id: top, name: Top, kind: statutory_body, sovereign: true}"]
    relations = ["relationships:"]
    for layer in range(6):
        for side in "ab":
            lines.append(f"  - {{id: b{layer}{side}, name: B{layer}{side}, kind: board}}")
            ups = ["top"] if layer == 0 else [f"b{layer - 1}a", f"b{layer - 1}b"]
            relations += [f"  - {{source: b{layer}{side}, kind: reports_to, target: {up}}}" for up in ups]
    structure = gg.loads("govgraph: 1\nname: Lattice\n" + "\n".join(lines + relations) + "\n")
    routes, cut = routes_up_all(structure)["b5a"]
    assert len(structure.routes_up("b5a")) == 32
    assert (len(routes), cut) == (ROUTE_LIMIT, True)
    assert all(route[0] == "b5a" and route[-1] == "top" and len(route) == 7 for route in routes)
    assert routes_up_all(structure)["top"] == ([["top"]], False)


def test_orphans_and_dissolved_bodies_have_no_routes() -> None:
    structure = gg.loads(
        "govgraph: 1\nname: S\nbodies:\n"
        "  - {id: top, name: Top, kind: statutory_body, sovereign: true}\n"
        "  - {id: lost, name: Lost, kind: forum}\n"
        "  - {id: gone, name: Gone, kind: forum, status: dissolved}\n"
        "relationships:\n  - {source: gone, kind: reports_to, target: top, status: dissolved}\n"
    )
    assert routes_up_all(structure) == {"top": ([["top"]], False), "lost": ([], False), "gone": ([], False)}


# -- safety -------------------------------------------------------------------------------------


def test_hostile_text_is_data_never_markup(tmp_path: Path) -> None:
    structure = gg.load(write_hostile(tmp_path))
    text = to_html(structure, views=[BLANK])
    page = Page(text)
    assert page.title == f"{HOSTILE_NAME} — govgraph report"
    assert len(page.scripts) == 2 and len(page.styles) == 1
    assert {tag for tag, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "div", "h1", "p", "label", "input", "ul",
        "nav", "span", "button", "main", "section", "svg", "g", "aside", "h2", "table", "thead", "tr", "tbody",
        "footer", "script", "noscript",
    }  # fmt: skip
    assert not [attrs for _, attrs in page.tags if any(key.startswith("on") for key in attrs)]
    for hostile in HOSTILE:
        assert hostile not in text  # only escaped forms are in the file ...
    data = page.data  # ... and they read back exactly as written
    assert data["structure"]["name"] == HOSTILE_NAME
    council = data["bodies"][0]
    assert (council["name"], council["remit"], council["aliases"]) == (HOSTILE[0], HOSTILE, [HOSTILE[4]])
    assert data["sources"]["paper"]["url"] == hostile_document()["sources"][0]["url"]


@needs_dot
def test_hostile_text_in_the_drawing_is_escaped_by_graphviz(tmp_path: Path) -> None:
    text = gg.report(gg.load(write_hostile(tmp_path)))
    drawing = text[text.index("<svg") : text.index("</svg>")]
    assert "<img" not in drawing and "<script" not in drawing and "<iframe" not in drawing
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in drawing
    assert len(Page(text).scripts) == 2


@given(st.text())
def test_script_json_can_never_end_its_element(text: str) -> None:
    encoded = script_json({"name": text, "list": [text, text[::-1]]})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert "</" not in encoded.lower() and "<!--" not in encoded
    encoded.encode("utf-8")  # a lone surrogate is an escape, not a broken byte sequence
    assert json.loads(encoded) == {"name": text, "list": [text, text[::-1]]}


@given(
    st.text(min_size=1).filter(lambda s: s.strip() and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", s))
)
def test_any_name_keeps_the_page_to_its_two_scripts(name: str) -> None:
    structure = gg.Structure(name=name, bodies=[gg.Body(id="a", name=name, kind="board", notes=name)])
    page = Page(to_html(structure, views=[BLANK]))
    assert len(page.scripts) == 2
    assert page.data["bodies"][0]["name"] == name and page.data["structure"]["name"] == name


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        ("<svg><script>alert(1)</script></svg>", "holds a <script> element"),
        ('<svg><g onclick="alert(1)"/></svg>', "event attribute (onclick)"),
        (
            '<svg><a xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>',
            "links outside",
        ),
        ('<svg><image href="http://example.org/x.png"/></svg>', "holds a <image> element"),
        ("<svg><foreignObject><div/></foreignObject></svg>", "holds a <foreignobject> element"),
        ('<svg><g style="background:url(http://x)"/></svg>', "has a style attribute"),
        ("<svg><style>g{}</style></svg>", "holds a <style> element"),
        ("<svg><text><![CDATA[</svg><script>alert(1)</script>]]></text></svg>", "CDATA"),
        ("<html/>", "root element is <html>, not <svg>"),
        ("<svg><g></svg>", "not well-formed XML"),
    ],
)
def test_a_drawing_that_could_run_or_load_anything_is_refused(svg: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        safe_svg(svg)


@needs_dot
def test_graphviz_drawings_are_accepted_as_they_are() -> None:
    from govgraph.export.backend import pipe

    raw = pipe(gg.to_dot(gg.load(DEVON), highlight=True), "svg").decode()
    kept = safe_svg(raw)
    tag = kept[: kept.index(">")]
    assert tag.startswith("<svg") and "viewBox=" in tag and "width=" not in tag and "height=" not in tag
    assert "<!--" not in kept and "DOCTYPE" not in kept and "<?xml" not in kept
    assert kept.count("<g id=") == raw.count("<g id=")


def test_a_report_needs_a_drawing() -> None:
    structure = gg.Structure(name="S", bodies=[gg.Body(id="a", name="A", kind="board")])
    with pytest.raises(ValueError, match="at least one view"):
        to_html(structure, views=[])


# -- the same input, the same bytes ---------------------------------------------------------------


@needs_dot
def test_same_input_gives_byte_identical_pages(tmp_path: Path) -> None:
    structure = gg.load(DEVON)
    assert gg.report(structure) == gg.report(gg.load(DEVON))
    now, proposed = gg.load(TRAFFORD / "now.yaml"), gg.load(TRAFFORD / "proposed.yaml")
    first, second = tmp_path / "1.html", tmp_path / "2.html"
    gg.report_diff(now, proposed, first)
    gg.report(gg.diff(now, proposed), second)
    assert first.read_bytes() == second.read_bytes()


# -- the restructure ------------------------------------------------------------------------------


def test_diff_data_marks_bodies_relationships_and_findings() -> None:
    now, proposed = gg.load(TRAFFORD / "now.yaml"), gg.load(TRAFFORD / "proposed.yaml")
    result = gg.diff(now, proposed)
    data = diff_data(result, ("now.yaml", "proposed.yaml"))
    changes = {b["id"]: b.get("change") for b in data["bodies"]}
    assert [i for i, c in changes.items() if c == "added"] == result.bodies_added == ["sfb"]
    assert sorted(i for i, c in changes.items() if c == "changed") == sorted(c.id for c in result.bodies_changed)
    jcb = next(b for b in data["bodies"] if b["id"] == "jcb")
    assert [c["field"] for c in jcb["changes"]] == list(next(c for c in result.bodies_changed if c.id == "jcb").fields)
    assert jcb["routes"] == proposed.routes_up("jcb") and jcb["oldRoutes"] == now.routes_up("jcb")
    added = [(r["source"], r["kind"], r["target"]) for r in data["relationships"] if r.get("change") == "added"]
    assert added == [(r.source, r.kind.value, r.target) for r in result.relationships_added]
    states = [(f["state"], f["rule"], f.get("bodies", [])) for f in data["findings"]]
    assert states == (
        [("introduced", f.rule, f.bodies) for f in result.introduced]
        + [("persisting", f.rule, f.bodies) for f in result.persisting]
        + [("resolved", f.rule, f.bodies) for f in result.resolved]
    )
    assert (data["old"]["label"], data["new"]["label"]) == ("now.yaml", "proposed.yaml")


def test_removed_bodies_keep_their_old_fields_and_routes() -> None:
    before = gg.loads(
        "govgraph: 1\nname: Before\nbodies:\n"
        "  - {id: top, name: Top, kind: statutory_body, sovereign: true}\n"
        "  - {id: old, name: Old group, kind: task_group, remit: [Do things]}\n"
        "relationships:\n  - {source: old, kind: reports_to, target: top}\n"
    )
    after = before.replace(name="After", bodies=before.bodies[:1], relationships=[])
    data = diff_data(gg.diff(before, after))
    old = data["bodies"][-1]
    assert (old["id"], old["change"], old["remit"], old["routes"]) == (
        "old",
        "removed",
        ["Do things"],
        [["old", "top"]],
    )
    assert data["relationships"] == [
        {"source": "old", "kind": "reports_to", "target": "top", "status": "active", "change": "removed"}
    ]


# -- the command ----------------------------------------------------------------------------------


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@needs_dot
def test_command_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "devon report.html"
    assert run(["report", str(DEVON), "-o", str(out)], capsys) == (0, "", f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == gg.report(gg.load(DEVON))


@needs_dot
def test_command_defaults_to_file_html_and_new_change_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    now, proposed = tmp_path / "now.yaml", tmp_path / "proposed.yaml"
    shutil.copy(TRAFFORD / "now.yaml", now)
    shutil.copy(TRAFFORD / "proposed.yaml", proposed)
    assert run(["report", str(now)], capsys)[:2] == (0, "")
    assert (tmp_path / "now.html").exists()
    code, _, err = run(["report", str(now), str(proposed)], capsys)
    assert (code, err) == (0, f"wrote {tmp_path / 'proposed.change.html'}\n")
    data = Page((tmp_path / "proposed.change.html").read_text(encoding="utf-8")).data
    assert data["mode"] == "diff" and (data["old"]["label"], data["new"]["label"]) == (str(now), str(proposed))


def test_command_never_overwrites_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "s.yaml"
    shutil.copy(TRAFFORD / "now.yaml", source)
    before = source.read_bytes()
    code, out, err = run(["report", str(source), "-o", str(source)], capsys)
    assert (code, out) == (2, "")
    assert (
        err == f"govgraph: error: the report would overwrite its input {source}; name another file with -o OUT.html\n"
    )
    assert source.read_bytes() == before


def test_command_reports_invalid_files_with_their_lines_and_writes_nothing(
    write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write("bad.yaml", "govgraph: 1\nname: Bad\nbodies:\n  - {id: a, name: A, kind: bored}\n")
    worse = write("worse.yaml", "govgraph: 1\nname: Worse\nbodies: []\n")
    code, out, err = run(["report", str(bad), str(worse), "-o", str(tmp_path / "x.html")], capsys)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}:4:28: error: bodies[0].kind: ")
    assert lines[1].startswith(f"{worse}:3:9: error: bodies")
    assert not (tmp_path / "x.html").exists()
    assert "internal error" not in err


def test_command_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["report", "a.yaml", "b.yaml", "c.yaml"], capsys)
    assert (code, err) == (2, "govgraph: error: report takes one structure, or two (OLD NEW) for a restructure\n")
    code, _, err = run(["report", str(tmp_path / "missing.yaml")], capsys)
    assert code == 2 and "missing.yaml" in err and "internal error" not in err
    with pytest.raises(SystemExit) as stopped:
        main(["report"])
    assert stopped.value.code == 2


# -- any structure, any restructure ----------------------------------------------------------------


@settings(max_examples=25)
@given(structures())
def test_any_structure_makes_a_page_whose_data_is_the_structure(structure: gg.Structure) -> None:
    text = to_html(structure, views=[BLANK])
    page = Page(text)
    assert len(page.scripts) == 2
    data = page.data
    assert [(b["id"], b["name"]) for b in data["bodies"]] == [(b.id, b.name) for b in structure.bodies]
    assert len(data["findings"]) == len(gg.check(structure).findings)
    assert to_html(structure, views=[BLANK]) == text


@settings(max_examples=25)
@given(structures(max_bodies=6), structures(max_bodies=6))
def test_any_restructure_makes_a_page_with_every_body_of_both(old: gg.Structure, new: gg.Structure) -> None:
    result = gg.diff(old, new)
    data = Page(to_html(result, views=[BLANK])).data
    assert sorted(b["id"] for b in data["bodies"]) == sorted({b.id for b in [*old.bodies, *new.bodies]})
    assert len(data["findings"]) == len(result.introduced) + len(result.persisting) + len(result.resolved)


def test_without_graphviz_the_command_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "r.html"
    code, _, err = run(["report", str(DEVON), "-o", str(out)], capsys)
    assert code == 2 and "apt-get install graphviz" in err and "internal error" not in err
    assert not out.exists()


def test_command_names_a_missing_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "r.html"
    code, _, err = run(["report", str(DEVON), "-o", str(out)], capsys)
    assert (code, err) == (2, f"govgraph: error: cannot write {out}: there is no folder {out.parent}\n")


@needs_dot
def test_command_config_sets_the_rules_of_the_page(write, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write("rules.yaml", "multiple-parents: off\n")
    out = tmp_path / "r.html"
    assert run(["report", str(DEVON), "--config", str(config), "-o", str(out)], capsys)[0] == 0
    rules = {f["rule"] for f in Page(out.read_text(encoding="utf-8")).data["findings"]}
    assert "multiple-parents" not in rules and rules


@needs_dot
def test_a_restructure_between_files_with_different_sources_and_levels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Trafford → Devon removes bodies citing a source, and on levels, that Devon lacks: the
    diagram of the union still draws them."""
    out = tmp_path / "far.html"
    code, _, err = run(["report", str(TRAFFORD / "now.yaml"), str(DEVON), "-o", str(out)], capsys)
    assert (code, err) == (0, f"wrote {out}\n")
    data = Page(out.read_text(encoding="utf-8")).data
    now, devon = gg.load(TRAFFORD / "now.yaml"), gg.load(DEVON)
    assert sorted(b["id"] for b in data["bodies"]) == sorted({b.id for b in [*now.bodies, *devon.bodies]})
    assert set(data["sources"]) == {"trafford-hwb", *(s.id for s in devon.sources)}


@needs_dot
@settings(max_examples=10)
@given(structures(max_bodies=5), structures(max_bodies=5))
def test_any_restructure_is_drawn_in_its_report(old: gg.Structure, new: gg.Structure) -> None:
    page = Page(gg.report(gg.diff(old, new)))
    assert len(page.scripts) == 2 and page.data["views"] == [{"label": "Changes", "nodes": {}}]
