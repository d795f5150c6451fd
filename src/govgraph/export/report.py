"""The HTML report: one self-contained page to explore a structure, its findings, or a restructure.

The page is a single file that opens from a mail attachment with the network
off: its style sheet and script are inline, a Content-Security-Policy meta tag
allows only those two (by their SHA-256 hashes) and forbids anything fetched,
and the diagram is the SVG Graphviz draws, inline. Everything the page shows
about the structure travels as JSON in a ``<script type="application/json">``
block, with ``<``, ``>``, ``&`` and the two line separators escaped, and the
script puts it on the page with ``textContent`` only: a name such as
``<img src=x onerror=alert(1)>`` is shown as written and never becomes markup.
The same input gives byte-identical pages.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Tiny </title><script>alert(1)</script>
... bodies:
...   - {id: council, name: "<img src=x onerror=alert(1)>", kind: statutory_body, sovereign: true}
... ''')
>>> page = to_html(s, views=[View("Empty", '<svg xmlns="http://www.w3.org/2000/svg"></svg>')])
>>> "<img" in page, "<script>alert" in page
(False, False)
>>> print(page[page.index("<title>"):page.index("</title>") + 8])
<title>Tiny &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — govgraph report</title>
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .._files import same_file, write_atomically
from ..checks import Report, check
from ..diff import StructureDiff, diff
from ..errors import UsageError
from ..loading import load_all
from ..model import Structure
from .report_data import diff_data, structure_data

__all__ = [
    "View",
    "default_output",
    "report",
    "report_diff",
    "safe_svg",
    "script_json",
    "to_html",
    "write_report_files",
]


@dataclass(frozen=True)
class View:
    """One drawing in the report, and what its nodes stand for.

    ``svg`` is SVG text such as Graphviz draws it. Nodes are matched to bodies
    by their ``<title>`` (Graphviz writes the node's name there); ``nodes``
    maps the name of a node that stands for several bodies — a collapsed group
    in an aggregated view — to their ids. A report with several views lets the
    reader switch between them.
    """

    label: str
    svg: str
    nodes: Mapping[str, Sequence[str]] = field(default_factory=dict)


# -- escaping -------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _JSON_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def script_json(value: object) -> str:
    """JSON to put inside ``<script type="application/json">``: nothing in it can end the
    element or open a comment, and a lone surrogate stays an escape, not broken UTF-8.

    >>> print(script_json({"name": "</script><!-- & \\u2028"}))
    {"name":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(_json_escape, text)


_FORBIDDEN_ELEMENTS = {
    "script",
    "foreignobject",
    "style",
    "iframe",
    "object",
    "embed",
    "image",
    "use",
    "animate",
    "set",
}
_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SVG_TAG = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


def safe_svg(svg: str) -> str:
    """SVG text ready to sit inline in the page: without the XML prologue, doctype and
    comments, its fixed width and height removed (the page sizes it).

    Refused with ``ValueError``: text that is not one well-formed ``<svg>`` element, and
    any SVG that could run script, load something or restyle the page (script, style,
    foreignObject, image, use, animations, event attributes, links that leave the page,
    CDATA sections, processing instructions). Graphviz's drawings have none of these.

    >>> safe_svg('<?xml version="1.0"?><!-- x --><svg width="10pt" height="5pt" viewBox="0 0 10 5"><g/></svg>')
    '<svg viewBox="0 0 10 5"><g/></svg>'
    >>> safe_svg('<svg><a href="https://example.org"><text>x</text></a></svg>')
    Traceback (most recent call last):
      ...
    ValueError: the SVG links outside the page (href='https://example.org'); the report allows only its own drawings
    """
    import xml.etree.ElementTree as ET  # only when a page is made: import govgraph stays quick

    text = _COMMENT.sub("", _PROLOGUE.sub("", svg, count=1)).strip()
    if "<![CDATA[" in text or "<?" in text or "<!" in text:
        raise ValueError("the SVG holds CDATA, a processing instruction or a declaration; the report refuses it")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ValueError(f"the SVG is not well-formed XML: {error}") from None
    if _local(root.tag) != "svg":
        raise ValueError(f"the drawing's root element is <{_local(root.tag)}>, not <svg>")
    for element in root.iter():
        name = _local(element.tag).lower()
        if name in _FORBIDDEN_ELEMENTS:
            raise ValueError(f"the SVG holds a <{name}> element; the report allows only drawings")
        for attribute, value in element.attrib.items():
            key = _local(attribute).lower()
            if key.startswith("on"):
                raise ValueError(f"the SVG has an event attribute ({key}); the report allows only drawings")
            if key == "style" or (key == "href" and not value.startswith("#")):
                what = "links outside the page" if key == "href" else "has a style attribute"
                raise ValueError(f"the SVG {what} ({key}={value!r}); the report allows only its own drawings")
    start = _SVG_TAG.search(text)
    assert start is not None  # the root is an svg element
    return text[: start.start()] + _SIZE.sub("", start.group()) + text[start.end() :]


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


# -- the page ---------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _asset(name: str) -> str:
    return resources.files("govgraph.export").joinpath("assets", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _page(title: str, data: dict[str, Any], views: Sequence[View]) -> str:
    if not views:
        raise ValueError("a report needs at least one view to draw")
    style, script = _asset("report.css"), _asset("report.js")
    policy = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    )
    data = {
        **data,
        "views": [{"label": view.label, "nodes": {k: list(v) for k, v in view.nodes.items()}} for view in views],
    }
    drawings = "\n".join(
        f'<div class="gg-view" data-view="{number}"{" hidden" if number else ""}>{safe_svg(view.svg)}</div>'
        for number, view in enumerate(views)
    )
    values = {
        "csp": html.escape(policy),
        "title": html.escape(title),
        "style": style,
        "views": drawings,
        "data": script_json(data),
        "script": script,
    }
    # One pass over the template: a value is never searched for placeholders itself.
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], _asset("report.html"))


def _default_views(structure: Structure, report: Report) -> list[View]:
    """Every body, and an aggregated view: for a structure too big to read whole, the
    overview (shown first); else, where the file declares service areas, the board-paper
    view by service area (one click away). An aggregated view's boxes stand for the bodies
    they group, so a click or a search still reaches each body."""
    from .aggregate import Collapse, collapse
    from .backend import pipe
    from .dot import OVERVIEW_LIMIT, to_dot
    from .selection import shown

    def drawn(grouping: Collapse) -> str:
        return pipe(to_dot(structure, highlight=report, collapse=grouping), "svg").decode("utf-8")

    full = View("Full diagram", drawn("none"))
    bodies, relations = shown(structure)
    label, grouping = ("Overview", "overview") if len(bodies) > OVERVIEW_LIMIT else ("By service area", "service_area")
    if grouping == "service_area" and not structure.service_areas:
        return [full]
    grouped = collapse(structure, bodies, relations, grouping)
    if not grouped.members:  # nothing to group: the full diagram says it all
        return [full]
    nodes = {group: [body.id for body in members] for group, members in grouped.members.items()}
    aggregated = View(label, drawn(grouping), nodes)
    return [aggregated, full] if grouping == "overview" else [full, aggregated]


def _diff_view(result: StructureDiff) -> View:
    from . import diff_dot
    from .backend import pipe

    return View("Changes", pipe(diff_dot(_with_both_contexts(result)), "svg").decode("utf-8"))


def _with_both_contexts(result: StructureDiff) -> StructureDiff:
    """The diff with the new structure's sources, levels, areas and service areas widened by
    the old one's, so that the union of both that the diff diagram draws (removed bodies
    included, citing sources or on levels the new file no longer has) is a valid structure."""
    old, new = result.old, result.new

    def union(name: str) -> list[Any]:
        have = {item.id for item in getattr(new, name)}
        return [*getattr(new, name), *(item for item in getattr(old, name) if item.id not in have)]

    widened = new.replace(**{name: union(name) for name in ("sources", "levels", "areas", "service_areas")})
    return dataclasses.replace(result, new=widened)


def to_html(
    subject: Structure | StructureDiff,
    *,
    views: Sequence[View] | None = None,
    config: Mapping[str, Any] | None = None,
    labels: tuple[str, str] | None = None,
) -> str:
    """The report page for a structure, or for a restructure (a :class:`~govgraph.StructureDiff`), as text.

    ``views`` are the drawings to show (default: the full diagram, findings
    marked, drawn by Graphviz — or for a diff, the diagram of the changes);
    ``config`` the rule settings of the check (a diff carries the findings it
    was made with: pass settings to :func:`~govgraph.diff`); ``labels`` name
    the old and new structures of a diff (the command line passes the file names).
    """
    if isinstance(subject, StructureDiff):
        data = diff_data(subject, labels)
        chosen = list(views) if views is not None else [_diff_view(subject)]
        old, new = data["old"]["label"], data["new"]["label"]
        return _page(f"{old} → {new} — govgraph change report", data, chosen)
    findings = check(subject, config=config)
    chosen = list(views) if views is not None else _default_views(subject, findings)
    return _page(f"{subject.name} — govgraph report", structure_data(subject, findings), chosen)


def report(
    subject: Structure | StructureDiff,
    path: str | os.PathLike[str] | None = None,
    *,
    views: Sequence[View] | None = None,
    config: Mapping[str, Any] | None = None,
    labels: tuple[str, str] | None = None,
) -> str:
    """The offline HTML report of a structure or a restructure; written to ``path`` (atomically) when given.

    One self-contained file to send to people who will not install Python:
    the diagram with pan and zoom, a search by name, id or alias, a panel for
    each body (fields, members, sources with their locators, routes up to the
    sovereign bodies, findings), the findings table, and filters by level,
    area, service area and kind that say what they hide. For a
    :class:`~govgraph.StructureDiff`, the restructure: bodies and
    relationships added, removed and changed, findings introduced and
    resolved. Returns the page's text. Options as for :func:`to_html`.
    """
    page = to_html(subject, views=views, config=config, labels=labels)
    if path is not None:
        write_atomically(path, page)
    return page


def report_diff(
    old: Structure,
    new: Structure,
    path: str | os.PathLike[str] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    labels: tuple[str, str] | None = None,
) -> str:
    """The change report of a restructure from ``old`` to ``new``: :func:`report` of their :func:`~govgraph.diff`."""
    return report(diff(old, new, config=config), path, labels=labels)


def default_output(files: Sequence[str]) -> Path:
    """Where ``govgraph report`` writes when not told: ``FILE.html``, or ``NEW.change.html`` for a diff.

    >>> default_output(["now.yaml", "proposed.yaml"]).name
    'proposed.change.html'
    """
    last = Path(files[-1])
    return last.with_suffix(".change.html" if len(files) == 2 else ".html")


def write_report_files(
    files: Sequence[str], output: str | os.PathLike[str] | None = None, *, config: Mapping[str, Any] | None = None
) -> Path:
    """What ``govgraph report FILE [NEW] [-o OUT]`` does: load the file (or both, reporting the
    problems of both at once), write the page, return where. Never overwrites an input."""
    target = Path(output) if output is not None else default_output(files)
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: there is no folder {target.parent}")
    for file in files:
        if same_file(target, file):
            raise UsageError(f"the report would overwrite its input {file}; name another file with -o OUT.html")
    loaded = load_all(files)
    if len(loaded) == 2:
        report(diff(loaded[0], loaded[1], config=config), target, labels=(str(files[0]), str(files[1])))
    else:
        report(loaded[0], target, config=config)
    return target
