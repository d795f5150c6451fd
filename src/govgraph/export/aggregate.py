"""Aggregation: many bodies drawn as one box, their lines merged with a count.

A board paper does not draw 24 Local Planning Groups; it draws one box per
service area, "× 6 localities", as Fig. 1 of the Devon paper does.
:func:`collapse` maps each drawn body to a group and merges the relationships
between the same two boxes. Groupings:

``"service_area"``
    bodies of the same level, kind and service areas that differ by area
    (one box per service area: "Mental Health Local Planning Groups × 6
    localities");
``"area"``
    bodies of the same level, kind and areas that differ by service area
    ("East Devon Local Planning Groups × 4 service areas");
``"kind"``
    bodies of the same level and kind;
``"level"``
    every body of a level;
``"overview"``
    bodies with nothing below them, by the bodies they answer to, their level
    and kind ("Executive agencies × 12 under the Department for Transport"):
    a large register drawn as its upper levels with its leaves counted (and,
    where that is still too many boxes, each sub-tree under the top levels
    counted in one box, and the bodies with no relationship in one more);
any other string
    bodies with the same value of that key in their ``metadata``;
a mapping or a function
    body id (or body) → group name, ``None`` to keep the body on its own.

With a grouping by word, the bodies of another area than the drawing's main
one (Torbay's beside Devon's) are drawn as one annex box per area. A
sovereign body is never merged (accountability routes end there), and a
group of one is drawn as the body itself. Nothing is lost: a group's tooltip
lists its members, a merged line's its count and its members' citations, and
relationships inside one group are counted in the group's tooltip.

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Tiny
... areas: [{id: county, name: County}, {id: north, name: North, within: county},
...         {id: south, name: South, within: county}]
... bodies:
...   - {id: spg, name: Planning Group, kind: strategic_planning_group}
...   - {id: lpg-n, name: North Local Group, kind: local_planning_group, areas: [north]}
...   - {id: lpg-s, name: South Local Group, kind: local_planning_group, areas: [south]}
... relationships:
...   - {source: lpg-n, kind: reports_to, target: spg}
...   - {source: lpg-s, kind: reports_to, target: spg}
... ''')
>>> drawn = collapse(s, list(s.bodies), list(s.relationships), "service_area")
>>> [(body.id, body.name) for body in drawn.bodies]
[('spg', 'Planning Group'), ('group.local_planning_group.1', 'Local Groups × 2 localities')]
>>> [(r.source, r.target, drawn.counts[i]) for i, r in enumerate(drawn.relations)]
[('group.local_planning_group.1', 'spg', 2)]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

from ..errors import UsageError
from ..model import Body, BodyKind, Relationship, RelationshipKind, Status, Structure

__all__ = ["MODES", "Collapse", "Collapsed", "collapse", "main_areas"]

#: An overview with more boxes than this counts a parent's leaves of every kind in one box.
OVERVIEW_BOXES = 60
#: The groupings named by a word (any other word is a ``metadata`` key).
MODES = ("service_area", "area", "kind", "level", "overview")

Collapse = str | Mapping[str, str] | Callable[[Body], str | None]


@dataclass
class Collapsed:
    """What a diagram draws after :func:`collapse`.

    ``bodies`` are the bodies kept as they are and one stand-in body per group;
    ``relations`` the merged relationships, ``counts[i]`` how many each stands
    for; ``members`` each group's bodies; ``inside`` how many relationships run
    inside a group; ``sources[i]`` the relationships merged into ``relations[i]``.
    """

    bodies: list[Body]
    relations: list[Relationship]
    counts: list[int] = field(default_factory=list)
    members: dict[str, list[Body]] = field(default_factory=dict)
    inside: dict[str, int] = field(default_factory=dict)
    sources: list[list[Relationship]] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)
    group_of: dict[str, str] = field(default_factory=dict)


def _roots(structure: Structure, body: Body) -> tuple[str, ...]:
    within = {area.id: area.within for area in structure.areas}
    roots = set()
    for area in body.areas:
        seen = {area}
        while (parent := within.get(area)) and parent not in seen:
            area = parent
            seen.add(area)
        roots.add(area)
    return tuple(sorted(roots))


def main_areas(structure: Structure, bodies: list[Body]) -> dict[str, frozenset[str]]:
    """For each body, the top areas it lies in that are not the drawing's main area (most bodies' top areas).

    An empty set for the bodies of the main area; Torbay's bodies beside Devon's get ``{"torbay"}``.
    """
    roots = {body.id: frozenset(_roots(structure, body)) for body in bodies}
    tally: dict[frozenset[str], int] = {}
    for found in roots.values():
        tally[found] = tally.get(found, 0) + 1
    main = max(sorted(tally, key=sorted), key=lambda key: tally[key] if key else -1, default=frozenset())
    return {body.id: roots[body.id] - main for body in bodies}


def _key(
    structure: Structure, body: Body, by: Collapse, elsewhere: frozenset[str], parents: tuple[str, ...] | None
) -> Hashable | None:
    if body.sovereign:
        return None
    if callable(by):
        return by(body)
    if not isinstance(by, str):
        return by.get(body.id)
    if by == "overview":  # bodies with none below them, by the bodies they answer to, level and kind
        return None if parents is None else ("overview", parents, body.level, body.kind)
    if by == ":overview-coarse":  # the same, all kinds together
        return None if parents is None else ("overview", parents, body.level, None)
    if elsewhere and by in MODES:  # another area's arrangements: one annex box per area
        return ("annex", tuple(sorted(elsewhere)))
    if by == "service_area":
        return ("sa", body.level, body.kind, tuple(body.service_areas), _roots(structure, body))
    if by == "area":
        return ("area", body.level, body.kind, tuple(body.areas))
    if by == "kind":
        return ("kind", body.level, body.kind)
    if by == "level":
        return ("level", body.level) if body.level else None
    value = body.metadata.get(by)
    return None if value is None else ("metadata", str(value))


def _below(bodies: list[Body], relations: list[Relationship]) -> dict[str, str]:
    """The top of a large tree kept, every sub-tree below a depth counted in one box (body id → group).

    Depth is the number of upward steps from a body with none above it (first
    parent by id); the depth kept is the deepest with at most half
    :data:`OVERVIEW_BOXES` bodies at or above it. Bodies with no relationship
    at all (a register's stand-alone organisations) have no line to show and
    are counted in one box. O(n + m).
    """
    parent: dict[str, str] = {}
    for relation in sorted((r for r in relations if r.kind.is_upward), key=lambda r: (r.source, r.target)):
        parent.setdefault(relation.source, relation.target)
    depth: dict[str, int] = {}
    top: dict[str, str] = {}

    def settle(body_id: str) -> int:
        chain = []
        while body_id not in depth and body_id in parent and body_id not in chain:
            chain.append(body_id)
            body_id = parent[body_id]
        depth.setdefault(body_id, 0)
        for child in reversed(chain):
            depth[child] = depth[parent[child]] + 1
        return depth[chain[0]] if chain else depth[body_id]

    for body in bodies:
        settle(body.id)
    counts: dict[int, int] = {}
    for body in bodies:
        counts[depth[body.id]] = counts.get(depth[body.id], 0) + 1
    kept, total = 0, 0
    for level in sorted(counts):
        total += counts[level]
        if total > OVERVIEW_BOXES // 2:
            break
        kept = level
    by_name = {body.id: body.name for body in bodies}
    groups: dict[str, str] = {}
    linked = {end for relation in relations for end in (relation.source, relation.target)}
    for body in bodies:
        if body.id not in linked:  # no line to draw: counted in one box, listed in its tooltip
            groups[body.id] = "Bodies with no relationships"
            continue
        if depth[body.id] <= kept:
            continue
        ancestor = body.id
        while depth.get(ancestor, 0) > kept:
            ancestor = parent[ancestor]
        top[body.id] = ancestor
        groups[body.id] = f"Bodies below {by_name.get(ancestor, ancestor)}"
    groups[":overview"] = ""  # marks the mapping as an overview's (lines between boxes merged)
    return groups


def _plural(name: str) -> str:
    head, _, last = name.rpartition(" ")
    if last.endswith("s") or not last[-1:].isalpha():
        plural = last
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}".strip()


def _common(names: list[list[str]], suffix: bool) -> list[str]:
    common: list[str] = []
    for words in zip(*(reversed(n) if suffix else n for n in names), strict=False):
        if len(set(words)) != 1:
            break
        common.append(words[0])
    return list(reversed(common)) if suffix else common


def _title(
    structure: Structure, key: Hashable, members: list[Body], by: Collapse, by_name: Mapping[str, str]
) -> tuple[str, str]:
    """A group's name ("Local Planning Groups × 6 localities") and the line that lists what varies."""
    names = [body.name.split() for body in members]
    shared = _common(names, suffix=True)
    head = _common(names, suffix=False)
    if len(shared) < 2:
        shared = head or shared
    elif head and len(head) + len(shared) < min(len(n) for n in names):
        shared = head + shared  # "North … Local Group": what the names share at both ends
    area_names = {area.id: area.name for area in structure.areas}
    if isinstance(key, tuple) and key[0] == "annex":
        where = " and ".join(area_names.get(a, a) for a in key[1])
        listed = " · ".join(body.name for body in members)
        return f"{where}: separate arrangements × {len(members)} bodies", listed
    if isinstance(key, tuple) and key[0] == "overview":
        kind = _plural(members[0].kind.value.replace("_", " ")) if key[3] is not None else "bodies"
        under = " and ".join(by_name.get(p, p) for p in key[1][:2]) + (" …" if len(key[1]) > 2 else "")
        title = f"{kind.capitalize()} × {len(members)}" + (f" under {under}" if under else "")
        return title, " · ".join(body.name for body in members)
    if isinstance(key, tuple) and key[0] == "metadata":
        base = str(key[1])
    elif isinstance(key, str):
        base = key
    else:
        base = " ".join(shared) if shared else members[0].kind.value.replace("_", " ").capitalize()
        base = _plural(base)
    count = len(members)
    service_names = {service.id: service.name for service in structure.service_areas}
    if by == "service_area" and len({tuple(b.areas) for b in members}) == count:
        within = {area.id: area.within for area in structure.areas}
        local = all(b.areas and all(within.get(a) for a in b.areas) for b in members)
        unit = "localities" if local else "areas"
        varies = [", ".join(area_names.get(a, a) for a in b.areas) for b in members]
    elif by == "area" and len({tuple(b.service_areas) for b in members}) == count:
        unit = "service areas"
        varies = [", ".join(service_names.get(s, s) for s in b.service_areas) for b in members]
    else:
        unit = ""
        varies = [" ".join(w for w in b.name.split() if w not in shared) or b.name for b in members]
    return f"{base} × {count}{' ' + unit if unit else ''}", " · ".join(varies)


def collapse(structure: Structure, bodies: list[Body], relations: list[Relationship], by: Collapse) -> Collapsed:
    """Group ``bodies`` as ``by`` says and merge the ``relations`` between the same two boxes.

    Deterministic: groups are numbered and placed where their first member
    was, merged lines where their first relationship was. O(n + m).
    """
    if isinstance(by, str) and not by:
        raise UsageError("--collapse needs a grouping: service_area, area, kind, level or a metadata key")
    keys: dict[str, Hashable] = {}
    grouped: dict[Hashable, list[Body]] = {}
    by_name = {body.id: body.name for body in bodies}
    overview = by in ("overview", ":overview-coarse") or (isinstance(by, Mapping) and ":overview" in by)
    elsewhere = main_areas(structure, bodies)
    above: dict[str, set[str]] = {}
    has_below: set[str] = set()
    for relation in relations:
        if relation.kind.is_upward:
            above.setdefault(relation.source, set()).add(relation.target)
            has_below.add(relation.target)
    for body in bodies:
        parents = None if body.id in has_below else tuple(sorted(above.get(body.id, ())))
        key = _key(structure, body, by, elsewhere[body.id], parents)
        if key is not None:
            keys[body.id] = key
            grouped.setdefault(key, []).append(body)
    if by == "overview" and len(bodies) - len(keys) + len(grouped) > OVERVIEW_BOXES:
        return collapse(structure, bodies, relations, ":overview-coarse")
    if by == ":overview-coarse" and len(bodies) - len(keys) + len(grouped) > OVERVIEW_BOXES:
        return collapse(structure, bodies, relations, _below(bodies, relations))
    result = Collapsed([], [])
    group_of = result.group_of
    numbers: dict[Hashable, str] = {}
    for body in bodies:
        key = keys.get(body.id)
        members = grouped.get(key, []) if key is not None else []
        if len(members) < 2:
            result.bodies.append(body)
            continue
        if key not in numbers:
            kinds = {b.kind for b in members}
            kind = members[0].kind.value if len(kinds) == 1 else "other"
            numbers[key] = group_id = f"group.{kind}.{len(numbers) + 1}"
            name, varies = _title(structure, key, members, by, by_name)
            statuses = {b.status for b in members}
            status = statuses.pop() if len(statuses) == 1 else Status.ACTIVE
            result.bodies.append(
                Body(
                    id=group_id,
                    name=name,
                    kind=members[0].kind if len(kinds) == 1 else BodyKind.OTHER,
                    authority=members[0].authority if len({b.authority for b in members}) == 1 else None,
                    level=body.level if len({b.level for b in members}) == 1 else None,
                    areas=sorted({a for b in members for a in b.areas}),
                    service_areas=sorted({s for b in members for s in b.service_areas}),
                    status=status,
                    sources=[c for c in dict.fromkeys(c for b in members for c in b.sources)],
                )
            )
            result.members[group_id] = members
            result.details[group_id] = varies
        group_of[body.id] = numbers[key]
    merged: dict[tuple[str, str, str, Status], int] = {}
    for relation in relations:
        source, target = group_of.get(relation.source, relation.source), group_of.get(relation.target, relation.target)
        if source == target:
            result.inside[source] = result.inside.get(source, 0) + 1
            continue
        # An overview merges every line between two boxes; other groupings keep kinds and statuses apart.
        key4 = (
            (source, "*", target, Status.ACTIVE) if overview else (source, relation.kind.value, target, relation.status)
        )
        if key4 in merged:
            position = merged[key4]
            result.counts[position] += 1
            result.sources[position].append(relation)
            continue
        merged[key4] = len(result.relations)
        result.relations.append(
            relation
            if (source, target) == (relation.source, relation.target)
            else relation.model_copy(update={"source": source, "target": target})
        )
        result.counts.append(1)
        result.sources.append([relation])
    for position, merged_relations in enumerate(result.sources):
        if len(merged_relations) > 1:
            cited = list(dict.fromkeys(c for r in merged_relations for c in r.sources))
            update: dict[str, object] = {"sources": cited}
            mix = sorted({r.kind.value for r in merged_relations})
            if len(mix) > 1 or len({r.status for r in merged_relations}) > 1:  # a neutral line, its mix in words
                update.update(
                    kind=RelationshipKind.LINKS_WITH,
                    status=Status.ACTIVE,
                    note=", ".join(f"{sum(r.kind.value == k for r in merged_relations)} {k}" for k in mix),
                )
            result.relations[position] = result.relations[position].model_copy(update=update)
    return result
