"""Comparing two structures: what a restructure adds, removes and changes, and
which findings it introduces or resolves.

>>> import govgraph as gg
>>> before = gg.loads('''
... govgraph: 1
... name: Before
... bodies:
...   - {id: council, name: Council, kind: statutory_body, sovereign: true}
...   - {id: group, name: Group, kind: task_group}
... relationships:
...   - {source: group, kind: reports_to, target: council}
... ''')
>>> after = before.replace(relationships=[])
>>> d = diff(before, after)
>>> [r.key for r in d.relationships_removed]
[('group', 'reports_to', 'council')]
>>> [(f.rule, f.bodies) for f in d.introduced]
[('orphaned-group', ['group'])]
>>> d.fails("error")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from .checks import Finding, Report, check
from .checks.engine import failing
from .model import Body, Relationship, Structure
from .recommendations import RecommendationChanges, compare, write_changes
from .registry import Severity

__all__ = ["BodyChange", "Changes", "FindingChanges", "RelationshipChange", "StructureDiff", "diff", "write_diff"]


@dataclass(frozen=True)
class BodyChange:
    """A body in both structures whose fields differ: field → (old, new)."""

    id: str
    fields: dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class RelationshipChange:
    """A relationship in both structures whose other fields differ."""

    key: tuple[str, str, str]
    fields: dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class Changes:
    """What was added, removed and changed, for ``diff.bodies`` and ``diff.relationships``."""

    added: list[Any]
    removed: list[Any]
    changed: list[Any]


@dataclass(frozen=True)
class FindingChanges:
    """``diff.findings``: the findings introduced, resolved and persisting."""

    introduced: list[Finding]
    resolved: list[Finding]
    persisting: list[Finding]


@dataclass
class StructureDiff:
    """The differences between two structures, and between their findings."""

    old: Structure
    new: Structure
    old_report: Report
    new_report: Report
    bodies_added: list[str] = field(default_factory=list)
    bodies_removed: list[str] = field(default_factory=list)
    bodies_changed: list[BodyChange] = field(default_factory=list)
    relationships_added: list[Relationship] = field(default_factory=list)
    relationships_removed: list[Relationship] = field(default_factory=list)
    relationships_changed: list[RelationshipChange] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    persisting: list[Finding] = field(default_factory=list)
    #: Recommendations added, removed and changed, and their stage changes (SPEC §6).
    recommendations: RecommendationChanges = field(default_factory=RecommendationChanges)

    @property
    def bodies(self) -> Changes:
        """Bodies added and removed (ids) and changed (:class:`BodyChange`), as in the JSON."""
        return Changes(self.bodies_added, self.bodies_removed, self.bodies_changed)

    @property
    def relationships(self) -> Changes:
        """Relationships added and removed and changed (:class:`RelationshipChange`)."""
        return Changes(self.relationships_added, self.relationships_removed, self.relationships_changed)

    @property
    def findings(self) -> FindingChanges:
        """Findings introduced, resolved and persisting."""
        return FindingChanges(self.introduced, self.resolved, self.persisting)

    @property
    def unchanged(self) -> bool:
        """True when bodies and relationships are the same (findings may still differ by settings)."""
        return not (
            self.bodies_added
            or self.bodies_removed
            or self.bodies_changed
            or self.relationships_added
            or self.relationships_removed
            or self.relationships_changed
        )

    def fails(self, fail_on: str | Severity = Severity.ERROR) -> bool:
        """True when the new structure introduces an unwaived finding at or above ``fail_on``."""
        return bool(failing(self.introduced, fail_on))

    def to_dict(self, old: str | None = None, new: str | None = None) -> dict[str, Any]:
        """The JSON of ``govgraph diff --format json`` (SPEC §3)."""

        def changes(fields: dict[str, tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
            return {name: {"old": before, "new": after} for name, (before, after) in fields.items()}

        def relation(key: tuple[str, str, str]) -> dict[str, str]:
            return {"source": key[0], "kind": key[1], "target": key[2]}

        result: dict[str, Any] = {
            "old": old,
            "new": new,
            "bodies": {
                "added": self.bodies_added,
                "removed": self.bodies_removed,
                "changed": [{"id": c.id, "fields": changes(c.fields)} for c in self.bodies_changed],
            },
            "relationships": {
                "added": [relation(_key(r)) for r in self.relationships_added],
                "removed": [relation(_key(r)) for r in self.relationships_removed],
                "changed": [{**relation(c.key), "fields": changes(c.fields)} for c in self.relationships_changed],
            },
            "findings": {
                "introduced": [f.to_dict() for f in self.introduced],
                "resolved": [f.to_dict() for f in self.resolved],
                "persisting": [f.to_dict() for f in self.persisting],
            },
        }
        if self.old.recommendations or self.new.recommendations:  # SPEC §6: only where there are some
            result["recommendations"] = self.recommendations.to_dict()
        return result


def _key(relation: Relationship) -> tuple[str, str, str]:
    """The relationship as written, (source, kind, target)."""
    return (relation.source, relation.kind.value, relation.target)


def _field_changes(old: Body | Relationship, new: Body | Relationship, skip: set[str]) -> dict[str, tuple[Any, Any]]:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return {name: (before[name], after[name]) for name in before if name not in skip and before[name] != after[name]}


def diff(
    before: Structure, after: Structure, *, config: Mapping[str, Any] | None = None, **settings: Any
) -> StructureDiff:
    """Compare two structures, and their findings under the same rule settings.

    Bodies are matched by id and relationships by (source, kind, target), a
    ``links_with`` either way round. A finding is the same finding in both when
    its rule and set of bodies are equal (for ``coverage-gap``, its area and
    service area). Cost: O(n + m) plus the two checks.
    """
    old_report = check(before, config=config, **settings)
    new_report = check(after, config=config, **settings)
    result = StructureDiff(before, after, old_report, new_report)

    old_bodies = {b.id: b for b in before.bodies}
    new_bodies = {b.id: b for b in after.bodies}
    result.bodies_added = [b.id for b in after.bodies if b.id not in old_bodies]
    result.bodies_removed = [b.id for b in before.bodies if b.id not in new_bodies]
    for body in after.bodies:
        if body.id in old_bodies and old_bodies[body.id] != body:
            result.bodies_changed.append(BodyChange(body.id, _field_changes(old_bodies[body.id], body, {"id"})))

    old_relations = {r.key: r for r in before.relationships}
    new_relations = {r.key: r for r in after.relationships}
    result.relationships_added = [r for r in after.relationships if r.key not in old_relations]
    result.relationships_removed = [r for r in before.relationships if r.key not in new_relations]
    for relation in after.relationships:
        previous = old_relations.get(relation.key)
        if previous is not None and previous != relation:
            fields = _field_changes(previous, relation, {"source", "kind", "target"})
            if previous.source != relation.source:  # a links_with written the other way round
                fields["direction"] = (
                    f"{previous.source} - {previous.target}",
                    f"{relation.source} - {relation.target}",
                )
            result.relationships_changed.append(RelationshipChange(_key(relation), fields))

    result.recommendations = compare(before, after)

    old_ids = {f.identity for f in old_report}
    new_ids = {f.identity for f in new_report}
    result.introduced = [f for f in new_report if f.identity not in old_ids]
    result.persisting = [f for f in new_report if f.identity in old_ids]
    result.resolved = [f for f in old_report if f.identity not in new_ids]
    return result


def write_diff(result: StructureDiff, old: str, new: str, out: TextIO) -> None:
    """The text form of a diff, for a person reading a proposed restructure."""
    out.write(f"{old} → {new}\n")
    if result.unchanged:
        out.write("  no change to bodies or relationships\n")
    names = {b.id: b.name for b in [*result.old.bodies, *result.new.bodies]}
    for body_id in result.bodies_added:
        out.write(f"  + body {names[body_id]} ({body_id})\n")
    for body_id in result.bodies_removed:
        out.write(f"  - body {names[body_id]} ({body_id})\n")
    for change in result.bodies_changed:
        out.write(f"  ~ body {names[change.id]} ({change.id})\n")
        for name, (before, after) in change.fields.items():
            out.write(f"      {name}: {before!r} → {after!r}\n")
    for relation in result.relationships_added:
        out.write(f"  + {relation.source} {relation.kind.value} {relation.target}\n")
    for relation in result.relationships_removed:
        out.write(f"  - {relation.source} {relation.kind.value} {relation.target}\n")
    for relation_change in result.relationships_changed:
        source, kind, target = relation_change.key
        out.write(f"  ~ {source} {kind} {target}\n")
        for name, (before, after) in relation_change.fields.items():
            out.write(f"      {name}: {before!r} → {after!r}\n")
    write_changes(result.recommendations, result.old, result.new, out)
    for title, findings in (("introduced", result.introduced), ("resolved", result.resolved)):
        out.write(f"  findings {title}: {len(findings)}\n")
        for finding in findings:
            waived = f" (waived: {finding.reason})" if finding.waived else ""
            out.write(f"    {finding.severity.value} {finding.rule}: {finding.message}{waived}\n")
    out.write(f"  findings persisting: {len([f for f in result.persisting if not f.waived])}\n")
