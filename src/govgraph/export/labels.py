"""The text of a drawing's boxes and caption: labels, tooltips and attribute lists.

Strings only: all escaping is :mod:`govgraph.export.quoting`'s. A body's box
shows its name (wrapped at about :data:`WRAP` characters, cut at
:data:`NAME_LIMIT`), its kind and citations in small text, a footnote number, a
badge; its tooltip has the rest. The caption holds the structure's name and
description, the footnotes (at most :data:`CAPTION_BUDGET` bytes) and the notes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from ..model import Body, Relationship, Status
from .marks import RECOMMENDATION_COLOUR, Marks
from .quoting import HtmlLabel, attribute, html, shorten
from .style import AUTHORITY_FILL, BODY_SHAPE, kind_text

__all__ = ["CAPTION_BUDGET", "CAPTION_WRAP", "NAME_LIMIT", "NOTE_LIMIT", "WRAP"]


#: Names are wrapped to lines of about this many characters.
WRAP = 24
#: Characters of a text drawn in a label, beyond which it is cut with an ellipsis
#: (Graphviz cannot draw a label of 16 KB or more); the tooltip has more of it.
NAME_LIMIT = 240
NOTE_LIMIT = 600
#: Bytes of DOT the caption's footnotes may take; those beyond are counted, not drawn.
CAPTION_BUDGET = 12_000
#: Caption lines (title, description, footnotes) are wrapped to about this many characters.
CAPTION_WRAP = 150


def _paragraph(text: str, mark: str = "") -> str:
    """A caption paragraph, its own lines kept, each wrapped to :data:`CAPTION_WRAP` and left-aligned."""
    lines = [
        part
        for line in text.splitlines() or [""]
        for part in textwrap.wrap(line, CAPTION_WRAP) or [""]  # a word longer than a line is broken
    ]
    return "".join(f'<BR ALIGN="LEFT"/>{mark if i == 0 else ""}{html(line)}' for i, line in enumerate(lines))


def _footnotes(bodies: list[Body], numbers: Mapping[str, int], budget: int) -> str:
    """The caption's footnotes, as many as fit in ``budget`` bytes; a last line counts the rest."""
    lines: list[str] = []
    left = budget
    noted = [body for body in bodies if body.id in numbers and body.notes is not None]
    for position, body in enumerate(noted):
        name, notes = shorten(body.name, WRAP * 3), shorten(body.notes or "", NOTE_LIMIT)
        line = _paragraph(f"{name}: {notes}", f"<SUP>{numbers[body.id]}</SUP> ")
        if len(line.encode("utf-8")) > left:
            rest = len(noted) - position
            lines.append(f'<BR ALIGN="LEFT"/>… {rest} more note{"s" if rest != 1 else ""}, too many to show here')
            break
        lines.append(line)
        left -= len(line.encode("utf-8"))
    return "".join(lines)


def _attributes(attributes: Mapping[str, str]) -> str:
    return "[" + ", ".join(f"{key}={attribute(value, key)}" for key, value in attributes.items()) + "]"


def _citations(item: Body | Relationship) -> str:
    return "; ".join(citation.at or citation.source for citation in item.sources)


def _body_label(
    body: Body,
    footnote: int | None,
    details: str | None = None,
    proposed_badge: bool = False,
    badge: str | None = None,
    small_points: int = 8,
) -> str:
    detail = kind_text(body.kind.value)
    cited = _citations(body)
    if cited:
        detail = shorten(f"{detail} · ¶ {cited}", NAME_LIMIT)
    if details is not None:
        detail = details
    mark = f"<SUP>{footnote}</SUP>" if footnote is not None else ""
    if proposed_badge:
        mark += f'<BR/><FONT POINT-SIZE="{small_points}"><I>proposed</I></FONT>'
    extra = (
        f'<BR/><FONT POINT-SIZE="{small_points}" COLOR="{RECOMMENDATION_COLOUR}"><B>{html(badge)}</B></FONT>'
        if badge
        else ""
    )
    wrap = WRAP if details is None or details == "" else WRAP + 4
    shown = shorten(body.name, NAME_LIMIT)
    name = "<BR/>".join(html(line) for line in textwrap.wrap(shown, wrap, break_long_words=False) or [""])
    if details == "":
        return HtmlLabel(f"<B>{name}</B>{mark}{extra}")
    width = WRAP + 8 if details is None else WRAP * 2
    small_lines = textwrap.wrap(detail, width, break_long_words=False)
    if details is not None and len(small_lines) > 1:  # a long list of members: all are in the tooltip
        small_lines = [textwrap.shorten(" ".join(small_lines), width, placeholder=" …")]
    small = "<BR/>".join(html(line) for line in small_lines)
    return HtmlLabel(f'<B>{name}</B>{mark}<BR/><FONT POINT-SIZE="{small_points}">{small}</FONT>{extra}')


def _body_tooltip(body: Body, notes: list[str]) -> str:
    lines = [
        f"{body.name} ({body.id})",
        f"{kind_text(body.kind.value)}"
        + (f", {body.authority.value} authority" if body.authority else "")
        + (f", {body.status.value}" if body.status is not Status.ACTIVE else ""),
    ]
    lines += [f"• {item}" for item in body.remit]
    if body.sources:
        lines.append("Sources: " + "; ".join(f"{c.source} {c.at or ''}".strip() for c in body.sources))
    lines += notes
    return "\n".join(lines)


def _body_attributes(body: Body, footnote: int | None, marks: Marks) -> dict[str, str]:
    shape = dict(BODY_SHAPE[body.kind])
    styles = ["filled"]
    if shape.pop("rounded", None):
        styles.append("rounded")
    proposed = body.status is Status.PROPOSED
    if proposed and marks.dash_bodies:
        styles.append("dashed")
    attributes = {
        "label": _body_label(
            body,
            footnote,
            marks.details.get(body.id),
            proposed and not marks.dash_bodies,
            marks.badges.get(body.id),
            marks.small_points,
        ),
        **shape,
        "fillcolor": AUTHORITY_FILL[body.authority],
    }
    if body.status is Status.DISSOLVED:
        styles.append("dotted")
        attributes.update(fillcolor="#EEEEEE", fontcolor="#888888", color="#AAAAAA")
    attributes["style"] = ",".join(styles)
    attributes["tooltip"] = _body_tooltip(body, marks.notes.get(body.id, []))
    attributes.update(marks.bodies.get(body.id, {}))
    return attributes
