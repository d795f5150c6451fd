"""A structure as a graph, and the questions an analyst asks of it first.

Accountability runs along the *upward* relationships (``sub_group_of``,
``reports_to``, ``accountable_to``) from a body towards the bodies it answers
to, and ends at *roots*: the sovereign bodies, or — where a file marks no body
sovereign — the bodies with something below them and nothing above. Queries
look at active and proposed bodies and relationships; dissolved ones are
history (see :meth:`Structure.at`).

>>> import govgraph as gg
>>> s = gg.loads('''
... govgraph: 1
... name: Example
... bodies:
...   - {id: council, name: County Council, kind: statutory_body, sovereign: true}
...   - {id: board, name: Partnership Board, kind: board}
...   - {id: group, name: Task Group, kind: task_group}
...   - {id: forum, name: Forum, kind: forum}
... relationships:
...   - {source: board, kind: accountable_to, target: council}
...   - {source: group, kind: sub_group_of, target: board}
...   - {source: forum, kind: links_with, target: group}
... ''')
>>> routes_up(s, "group")
[['group', 'board', 'council']]
>>> below(s, "council")
['board', 'group']
>>> roots(s)
['council']
>>> [r.kind.value for r in between(s, "forum", "group")]
['links_with']
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from .model import Body, Relationship, Structure, shortcuts
from .recommendations import standing_on, within

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Routes",
    "at",
    "became",
    "below",
    "between",
    "roots",
    "roots_of",
    "routes_up",
    "subset",
    "to_networkx",
    "upward_graph",
]


def to_networkx(structure: Structure) -> nx.MultiDiGraph:
    """The whole structure as a ``networkx.MultiDiGraph``.

    Each node is a body id carrying the body's other fields as attributes; each
    edge runs from a relationship's source to its target, keyed by its kind
    (``"reports_to"``), with the relationship's other fields as attributes.
    The structure's own fields (name, levels, areas, …) are in ``G.graph``.
    Dissolved bodies and relationships are included, with their status.

    Cost: O(n + m).

    >>> import govgraph as gg
    >>> s = gg.Structure(name="S", bodies=[gg.Body(id="a", name="A", kind="board"),
    ...                                    gg.Body(id="b", name="B", kind="committee")],
    ...                  relationships=[gg.Relationship(source="b", kind="reports_to", target="a")])
    >>> G = to_networkx(s)
    >>> G.nodes["b"]["name"], list(G.edges(keys=True))
    ('B', [('b', 'a', 'reports_to')])
    """
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    graph = nx.MultiDiGraph(**structure.model_dump(exclude={"bodies", "relationships"}))
    graph.add_nodes_from((body.id, body.model_dump(exclude={"id"})) for body in structure.bodies)
    graph.add_edges_from(
        (relation.source, relation.target, relation.kind.value, relation.model_dump(exclude={"source", "target"}))
        for relation in structure.relationships
    )
    return graph


def upward_graph(structure: Structure) -> nx.DiGraph:
    """The current upward relationships as a ``DiGraph``: an edge A → B where A answers to B.

    Every current body is a node, so isolated bodies are present too.
    """
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    graph = nx.DiGraph()
    graph.add_nodes_from(body.id for body in structure.bodies if body.is_current)
    graph.add_edges_from(
        (relation.source, relation.target)
        for relation in structure.relationships
        if relation.kind.is_upward and relation.is_current and relation.source in graph and relation.target in graph
    )
    return graph


def roots(structure: Structure) -> list[str]:
    """The bodies where accountability routes end, sorted.

    The sovereign bodies (active or proposed), if there are any; otherwise every body with no
    upward relationship of its own and at least one body below it.
    """
    return _roots(structure, upward_graph(structure))


def _roots(structure: Structure, up: nx.DiGraph) -> list[str]:
    # The same definition as govgraph.checks.context.Context.roots, which works
    # on integer adjacency lists for speed: change both together.
    current = [body for body in structure.bodies if body.is_current]
    if any(body.sovereign for body in current):
        return sorted(body.id for body in current if body.sovereign)
    return sorted(node for node in up if up.out_degree(node) == 0 and up.in_degree(node) > 0)


def routes_up(structure: Structure, body_id: str, *, limit: int = 1000) -> list[list[str]]:
    """Every route from ``body_id`` up to a root, shortest first (at most ``limit``).

    A body that is itself a root has the one route ``[body_id]``; an orphaned
    body has none. The number of routes can grow quickly in a tangled
    structure, hence ``limit``. To ask of many bodies, use :class:`Routes`.

    Cost: O(n + m), then the length of the routes returned (see :class:`Routes`).
    """
    structure.body(body_id)
    return Routes(structure).up(body_id, limit=limit)[0]


class Routes:
    """Routes up to a root from any body of one structure.

    The upward graph, its roots and the bodies from which a root can be reached
    are found once, in O(n + m); after that the search from a body never enters
    a body that leads nowhere, and keeps its route's bodies in a set, so it costs
    the length of the routes it finds (a route of 200,000 bodies in one pass).

    >>> import govgraph as gg
    >>> routes = Routes(gg.load("examples/trafford/proposed.yaml"))
    >>> routes.up("jcb", limit=2)
    ([['jcb', 'hwb', 'trafford-council'], ['jcb', 'jlt', 'trafford-ccg']], True)
    """

    def __init__(self, structure: Structure) -> None:
        up = upward_graph(structure)
        self._ends = set(_roots(structure, up))
        reach = _reaching(up, self._ends)
        # For each body with a route to an end, the bodies above it that have one too, in order.
        self._onward = {body: sorted(b for b in up.successors(body) if b in reach) for body in reach}

    def up(self, body_id: str, *, limit: int = 1000) -> tuple[list[list[str]], bool]:
        """At most ``limit`` routes up from ``body_id``, shortest first, and whether there were more."""
        found = list(islice(self._search(body_id), limit + 1))
        return sorted(found[:limit], key=lambda route: (len(route), route)), len(found) > limit

    def _search(self, start: str) -> Iterator[list[str]]:
        """Depth first, without recursion; a route never visits a body twice."""
        onward, ends = self._onward, self._ends
        if start not in onward:
            return
        if start in ends:
            yield [start]
            return
        route, on_route = [start], {start}
        pending = [iter(onward[start])]
        while pending:
            following = next(pending[-1], None)
            if following is None:
                pending.pop()
                on_route.discard(route.pop())
            elif following in ends:
                yield [*route, following]
            elif following not in on_route:
                route.append(following)
                on_route.add(following)
                pending.append(iter(onward[following]))


def _reaching(up: nx.DiGraph, ends: Collection[str]) -> set[str]:
    """The bodies with an upward route to one of ``ends``, the ends included. O(n + m)."""
    reached = {end for end in ends if end in up}
    queue = deque(reached)
    while queue:
        for lower in up.predecessors(queue.popleft()):
            if lower not in reached:
                reached.add(lower)
                queue.append(lower)
    return reached


def roots_of(structure: Structure, body_id: str) -> list[str]:
    """The roots ``body_id`` answers to, directly or through others, sorted. O(n + m)."""
    structure.body(body_id)
    up = upward_graph(structure)
    if body_id not in up:
        return []
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    reachable = nx.descendants(up, body_id) | {body_id}
    return sorted(set(_roots(structure, up)) & reachable)


def below(structure: Structure, body_id: str) -> list[str]:
    """Every body with an upward route to ``body_id`` ("what sits under this board?"), sorted. O(n + m)."""
    structure.body(body_id)
    up = upward_graph(structure)
    import networkx as nx  # imported when first used: it costs a third of importing govgraph

    return sorted(nx.ancestors(up, body_id)) if body_id in up else []


def between(structure: Structure, first: str, second: str) -> list[Relationship]:
    """The relationships joining two bodies, either way round, in file order."""
    structure.body(first)
    structure.body(second)
    ends = {first, second}
    return [r for r in structure.relationships if {r.source, r.target} == ends]


def subset(
    structure: Structure,
    *,
    bodies: Iterable[str] | None = None,
    levels: Iterable[str] | None = None,
    areas: Iterable[str] | None = None,
    service_areas: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
) -> Structure:
    """The part of a structure whose bodies pass every filter given.

    A body passes ``levels`` when it is on one of them, ``areas`` and
    ``service_areas`` when it covers one of them, ``kinds`` when it is of one
    of them, ``bodies`` when its id is listed. Relationships, waivers and
    recommendations are kept where all their bodies are kept; a member that is a body left out
    becomes a named member, so the result is a valid structure.
    """
    wanted = {
        "bodies": set(bodies) if bodies is not None else None,
        "levels": set(levels) if levels is not None else None,
        "areas": set(areas) if areas is not None else None,
        "service_areas": set(service_areas) if service_areas is not None else None,
        "kinds": {str(kind) for kind in kinds} if kinds is not None else None,
    }

    def keep(body: Body) -> bool:
        values: dict[str, set[str]] = {
            "bodies": {body.id},
            "levels": {body.level} if body.level else set(),
            "areas": set(body.areas),
            "service_areas": set(body.service_areas),
            "kinds": {body.kind.value},
        }
        return all(allowed & values[name] for name, allowed in wanted.items() if allowed is not None)

    kept = [body for body in structure.bodies if keep(body)]
    if not kept:
        from .errors import UsageError

        given = "; ".join(f"{name}={sorted(values)}" for name, values in wanted.items() if values is not None)
        raise UsageError(f"no body passes the filters {given}; a structure needs at least one body")
    return _restricted(structure, kept, structure.relationships)


def _restricted(
    structure: Structure, bodies: list[Body], relationships: Iterable[Relationship], **changes: Any
) -> Structure:
    """The structure with only ``bodies`` and, of ``relationships``, those between them;
    waivers are kept where all their bodies are, and a member that is a body left
    out becomes a named member, so the result is a valid structure."""
    ids = {body.id for body in bodies}
    names = {body.id: body.name for body in structure.bodies}
    if "recommendations" not in changes:
        changes["recommendations"] = within(structure.recommendations, ids)

    def members_kept(body: Body) -> Body:
        members = [
            member
            if member.body is None or member.body in ids
            else member.model_copy(update={"body": None, "name": names[member.body]})
            for member in body.members
        ]
        return body.model_copy(update={"members": members}) if members != body.members else body

    return structure.replace(
        bodies=[members_kept(body) for body in bodies],
        relationships=[r for r in relationships if r.source in ids and r.target in ids],
        waivers=[w for w in structure.waivers if set(w.bodies) <= ids],
        **changes,
    )


def at(structure: Structure, day: date) -> Structure:
    """The structure as it stood on ``day``.

    Keeps the bodies and relationships established on or before ``day`` (or
    undated) and not dissolved by then, and relationships only where both
    ends are kept; a member that is a body gone by then is kept by name, as
    :func:`subset` does; recommendations made by then are kept with their
    updates of by then, less the owners gone (see
    :func:`govgraph.recommendations.standing_on`); sets ``as_of`` to ``day``. O(n + m).
    """

    def standing(item: Body | Relationship) -> bool:
        started = item.established is None or item.established <= day
        ended = item.dissolved is not None and item.dissolved <= day
        return started and not ended

    bodies = [body for body in structure.bodies if standing(body)]
    if not bodies:
        raise ValueError(f"no body of '{structure.name}' stood on {day}")
    recommendations = standing_on(structure.recommendations, {body.id for body in bodies}, day)
    return _restricted(
        structure,
        bodies,
        [r for r in structure.relationships if standing(r)],
        as_of=day,
        recommendations=recommendations,
    )


def became(structure: Structure, body_id: str) -> list[str]:
    """What became of this body? The bodies that replaced it, in order, following ``replaced_by``.

    Breadth first, so a body split in two lists both successors before theirs;
    a chain that loops back is followed once. O(n + m).
    """
    structure.body(body_id)
    replacements: dict[str, list[str]] = {}
    for relation in structure.relationships:
        if relation.kind.value == "replaced_by":
            replacements.setdefault(relation.source, []).append(relation.target)
    order: list[str] = []
    seen = {body_id}
    queue = deque([body_id])
    while queue:
        for following in replacements.get(queue.popleft(), []):
            if following not in seen:
                seen.add(following)
                order.append(following)
                queue.append(following)
    return order


# The Structure methods of the same names are shortcuts to these functions.
shortcuts.roots.fill(roots)
shortcuts.routes_up.fill(routes_up)
shortcuts.roots_of.fill(roots_of)
shortcuts.below.fill(below)
shortcuts.between.fill(between)
shortcuts.at.fill(at)
shortcuts.became.fill(became)
shortcuts.subset.fill(subset)
shortcuts.to_networkx.fill(to_networkx)
