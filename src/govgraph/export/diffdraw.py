"""Diff diagrams a reader can trust: both structures named, every change visible on the drawing.

The union of the old and the new structure is drawn with a title that names
both (and their dates); added bodies and lines in green marked "+ added",
removed ones in red on a grey fill marked "✕ removed" (never dashed, which
would read as *proposed*), changed ones in amber with the fields that changed
written on the box or the line, not only in a tooltip. The legend explains the
three, and introduced findings when there are any.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..diff import StructureDiff
from ..model import Area, Body, Level, Relationship, ServiceArea, Source, Structure
from .dot import Marks, to_dot
from .style import BODY_SHAPE, CHANGE_COLOURS, HIGHLIGHT, kind_text

__all__ = ["diff_dot", "diff_title"]

#: Fill of a removed body: grey, so it reads as gone; its outline is red.
REMOVED_FILL = "#E8E8E8"


_Declared = Level | Area | ServiceArea | Source


def _declared(new: Sequence[_Declared], old: Sequence[_Declared]) -> list[_Declared]:
    """The new structure's levels (areas, ...), then those only the old one declares."""
    ids = {item.id for item in new}
    return [*new, *[item for item in old if item.id not in ids]]


def _named(structure: Structure, label: str | None) -> str:
    when = f" ({structure.as_of_date.isoformat()})" if isinstance(structure.as_of_date, date) else ""
    return f"{label}: {structure.name}{when}" if label else f"{structure.name}{when}"


def diff_title(result: StructureDiff, old: str | None = None, new: str | None = None) -> str:
    """``"before.yaml: Devon (2003-06-01) → after.yaml: Devon (2004-04-01)"``: what is compared with what."""
    return f"Changes: {_named(result.old, old)} → {_named(result.new, new)}"


def _value(value: Any) -> str | None:
    """A short field value as words, or None when it is too long to write on a box."""
    text = getattr(value, "value", value)
    if text is None:
        return "none"
    if isinstance(text, (str, int, float, bool, date)) and len(str(text)) <= 24:
        return str(text)
    return None


def _changed(fields: dict[str, tuple[Any, Any]]) -> str:
    """``status: proposed → active; members`` — scalars with their values, longer fields by name."""
    parts = []
    for name, (before, after) in fields.items():
        old, new = _value(before), _value(after)
        parts.append(f"{name}: {old} → {new}" if old is not None and new is not None else name)
    return "; ".join(parts)


def _summary(result: StructureDiff) -> str:
    counts = [
        (len(result.bodies_added), "added"),
        (len(result.bodies_removed), "removed"),
        (len(result.bodies_changed), "changed"),
    ]
    lines = [
        (len(result.relationships_added), "added"),
        (len(result.relationships_removed), "removed"),
        (len(result.relationships_changed), "changed"),
    ]
    bodies = ", ".join(f"{n} {what}" for n, what in counts)
    relations = ", ".join(f"{n} {what}" for n, what in lines)
    found = f"; findings: {len(result.introduced)} introduced, {len(result.resolved)} resolved"
    return f"Bodies: {bodies}. Relationships: {relations}{found}."


def diff_dot(result: StructureDiff, old: str | None = None, new: str | None = None) -> str:
    """DOT for the union of both structures, titled with both, changes marked and written out.

    ``old`` and ``new`` name the two (file names, say) in the title.
    """
    removed = set(result.bodies_removed)
    bodies: list[Body] = list(result.new.bodies) + [b for b in result.old.bodies if b.id in removed]
    new_keys = {r.key for r in result.new.relationships}
    gone: list[Relationship] = [r for r in result.old.relationships if r.key not in new_keys]
    union = result.new.replace(
        name=diff_title(result, old, new),
        description=_summary(result),
        bodies=bodies,
        relationships=list(result.new.relationships) + gone,
        waivers=[],
        # The old bodies and relationships drawn may use levels, areas, service areas and
        # sources the new structure no longer declares: the union declares both sets.
        levels=_declared(result.new.levels, result.old.levels),
        areas=_declared(result.new.areas, result.old.areas),
        service_areas=_declared(result.new.service_areas, result.old.service_areas),
        sources=_declared(result.new.sources, result.old.sources),
    )
    marks = Marks()
    for body_id in result.bodies_added:
        marks.bodies[body_id] = {"color": CHANGE_COLOURS["added"], "penwidth": "3"}
        marks.details[body_id] = "+ added"
    for body in result.old.bodies:
        if body.id in removed:
            styles = ["filled", "bold"] + (["rounded"] if BODY_SHAPE[body.kind].get("rounded") else [])
            marks.bodies[body.id] = {
                "color": CHANGE_COLOURS["removed"],
                "penwidth": "3",
                "style": ",".join(styles),
                "fillcolor": REMOVED_FILL,
                "fontcolor": "#555555",
            }
            marks.details[body.id] = f"✕ removed · was {kind_text(body.kind.value)}"
    for change in result.bodies_changed:
        marks.bodies[change.id] = {"color": CHANGE_COLOURS["changed"], "penwidth": "3"}
        marks.details[change.id] = "changed: " + _changed(change.fields)
        marks.notes.setdefault(change.id, []).append("changed: " + _changed(change.fields))
    for relation in result.relationships_added:
        marks.edges[(relation.source, relation.kind.value, relation.target)] = {
            "color": CHANGE_COLOURS["added"],
            "penwidth": "2.5",
            "label": "+",
            "fontcolor": CHANGE_COLOURS["added"],
        }
    for relation in gone:
        marks.edges[(relation.source, relation.kind.value, relation.target)] = {
            "color": CHANGE_COLOURS["removed"],
            "penwidth": "2.5",
            "style": "bold",
            "label": "✕ removed",
            "fontcolor": CHANGE_COLOURS["removed"],
        }
    for line in result.relationships_changed:
        source, kind, target = line.key
        marks.edges[(source, kind, target)] = {
            "color": CHANGE_COLOURS["changed"],
            "penwidth": "2.5",
            "label": "changed: " + _changed(line.fields),
            "fontcolor": "#AA5500",
        }
    drawn = {body.id for body in bodies}
    for finding in result.introduced:
        if finding.waived:
            continue
        for body_id in finding.bodies[:1]:
            if body_id in drawn:
                marks.bodies.setdefault(body_id, {}).update({"fillcolor": "#FFCCCC"})
                marks.notes.setdefault(body_id, []).append(f"introduced {finding.rule}: {finding.message}")
    marks.legend += [
        ("+ added (green)", CHANGE_COLOURS["added"]),
        ("✕ removed (red, grey fill)", CHANGE_COLOURS["removed"]),
        ("changed (amber, fields named)", CHANGE_COLOURS["changed"]),
    ]
    if any(not f.waived for f in result.introduced):
        marks.legend.append(("introduced finding (pink fill)", HIGHLIGHT))
    return to_dot(union, marks=marks)
