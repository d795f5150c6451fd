"""What every rule needs, prepared once per check and shared.

Nothing a rule reports depends on the order of the file: the engine sorts
findings, rules sort what they list, and a cycle's concrete path starts at
the smallest id of its component and explores by id. All of it is O(n + m),
and nothing is built before a rule asks for it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import UPWARD_KINDS, Authority, Body, Relationship, RelationshipKind, Status, Structure

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Context", "Hit", "concrete_cycle", "strongly_connected"]


@dataclass(frozen=True)
class Hit:
    """What a rule yields: the bodies a finding is about (subject first) and why.

    ``key`` identifies a finding that has no bodies (a coverage gap's cell), so
    that :func:`govgraph.diff` can tell the same finding in two structures.
    """

    bodies: tuple[str, ...]
    message: str
    path: tuple[str, ...] | None = None
    key: tuple[str, ...] | None = None


class Context:
    """A structure prepared for checking.

    Attributes for rules written in Python: ``structure``; ``bodies``, the
    active and proposed bodies in file order; ``relationships``, the active and
    proposed relationships between them; ``number``, id → position in
    ``bodies``. The integer adjacency lists (``up``, ``down``, ``authority``)
    and the analyses built on them are computed on first use.
    """

    def __init__(self, structure: Structure) -> None:
        self.structure = structure
        dissolved = Status.DISSOLVED
        self.bodies: list[Body] = [b for b in structure.bodies if b.status is not dissolved]
        self.ids = [body.id for body in self.bodies]
        number = self.number = {ident: index for index, ident in enumerate(self.ids)}
        if len(self.bodies) == len(structure.bodies):  # every end is a current body
            self.relationships: list[Relationship] = [r for r in structure.relationships if r.status is not dissolved]
        else:
            self.relationships = [
                r
                for r in structure.relationships
                if r.status is not dissolved and r.source in number and r.target in number
            ]

    # -- the upward graph and its roots --------------------------------------

    @cached_property
    def upward(self) -> list[Relationship]:
        """Current upward relationships (sub_group_of, reports_to, accountable_to)."""
        upward = UPWARD_KINDS
        return [r for r in self.relationships if r.kind in upward]

    @cached_property
    def up(self) -> list[list[int]]:
        """``up[i]``: the bodies body ``i`` answers to directly."""
        adjacency: list[list[int]] = [[] for _ in self.bodies]
        number = self.number
        for relation in self.upward:
            adjacency[number[relation.source]].append(number[relation.target])
        return adjacency

    @cached_property
    def down(self) -> list[list[int]]:
        """``down[i]``: the bodies that answer to body ``i`` directly."""
        adjacency: list[list[int]] = [[] for _ in self.bodies]
        for source, targets in enumerate(self.up):
            for target in targets:
                adjacency[target].append(source)
        return adjacency

    def is_authority(self, relation: Relationship) -> bool:
        """An upward edge whose target exercises executive authority over its source (SPEC §1)."""
        if not relation.kind.is_upward:
            return False
        return (
            relation.kind is RelationshipKind.ACCOUNTABLE_TO
            or self.bodies[self.number[relation.target]].authority is Authority.EXECUTIVE
        )

    @cached_property
    def authority(self) -> list[list[int]]:
        """``authority[i]``: the bodies exercising executive authority over body ``i``."""
        adjacency: list[list[int]] = [[] for _ in self.bodies]
        number, bodies = self.number, self.bodies
        accountable, executive = RelationshipKind.ACCOUNTABLE_TO, Authority.EXECUTIVE
        for relation in self.upward:  # is_authority, inlined: this runs once per upward edge
            target = number[relation.target]
            if relation.kind is accountable or bodies[target].authority is executive:
                adjacency[number[relation.source]].append(target)
        return adjacency

    @cached_property
    def roots(self) -> list[int]:
        """Where accountability routes end: sovereign bodies, or else tops with something below.

        The same definition as :func:`govgraph.graph.roots`, on integer lists for speed.
        """
        if any(body.sovereign for body in self.bodies):  # dissolved bodies count for nothing
            return [i for i, body in enumerate(self.bodies) if body.sovereign]
        return [i for i in range(len(self.bodies)) if not self.up[i] and self.down[i]]

    @cached_property
    def depth(self) -> list[int]:
        """Edges on each body's shortest upward route to a root; -1 where there is none."""
        depth = [-1] * len(self.bodies)
        queue = deque(self.roots)
        for root in self.roots:
            depth[root] = 0
        while queue:
            node = queue.popleft()
            for lower in self.down[node]:
                if depth[lower] < 0:
                    depth[lower] = depth[node] + 1
                    queue.append(lower)
        return depth

    # -- components -----------------------------------------------------------

    @cached_property
    def upward_components(self) -> tuple[list[int], list[list[int]]]:
        """(component of each body, components in reverse topological order) of the upward graph."""
        return strongly_connected(self.up)

    @cached_property
    def authority_cycles(self) -> list[list[int]]:
        """Components of the authority graph with a cycle, each sorted.

        The authority graph is part of the upward graph, so its cycles lie
        inside the upward graph's cyclic components: only those are searched.
        """
        inside = sorted(node for members in self.upward_components[1] if len(members) > 1 for node in members)
        if not inside:
            return []
        local = {node: position for position, node in enumerate(inside)}
        adjacency = [[local[t] for t in self.authority[node] if t in local] for node in inside]
        return [[inside[i] for i in members] for members in strongly_connected(adjacency)[1] if len(members) > 1]

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole structure as networkx, for rules that prefer it (built on first use)."""
        return self.structure.to_networkx()

    def names(self, indices: Iterable[int]) -> list[str]:
        """Ids of numbered bodies."""
        return [self.ids[i] for i in indices]

    def cycle(self, adjacency: list[list[int]], members: list[int]) -> list[str]:
        """One concrete cycle through a component, from its smallest id."""
        return self.names(concrete_cycle(adjacency, members, self.ids))

    def component_ids(self, members: list[int]) -> list[str]:
        """A component's ids, sorted."""
        return sorted(self.ids[i] for i in members)

    def label(self, body_id: str) -> str:
        """``Name (id)`` for messages."""
        return f"{self.structure.body(body_id).name} ({body_id})"


def strongly_connected(adjacency: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """Tarjan's algorithm without recursion. O(n + m).

    Returns the component number of each node and the components, each sorted,
    in the order Tarjan finishes them: a component comes after every component
    it can reach.

    >>> strongly_connected([[1], [0], [0, 3], []])
    ([0, 0, 2, 1], [[0, 1], [3], [2]])
    """
    count = len(adjacency)
    index = [-1] * count
    low = [0] * count
    on_stack = [False] * count
    component = [-1] * count
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for start in range(count):
        if index[start] >= 0:
            continue
        work = [(start, 0)]
        while work:
            node, position = work[-1]
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            successors = adjacency[node]
            while position < len(successors):
                following = successors[position]
                position += 1
                if index[following] < 0:
                    work[-1] = (node, position)
                    work.append((following, 0))
                    break
                if on_stack[following]:
                    low[node] = min(low[node], index[following])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    if stack[-1] == node:  # most components are single bodies
                        stack.pop()
                        on_stack[node] = False
                        component[node] = len(components)
                        components.append([node])
                        continue
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component[member] = len(components)
                        members.append(member)
                        if member == node:
                            break
                    components.append(sorted(members))
    return component, components


def concrete_cycle(adjacency: list[list[int]], members: list[int], order: list[str] | None = None) -> list[int]:
    """One shortest cycle through the first of ``members`` (by ``order``, when
    given), a strongly connected set, exploring successors in that order too,
    so the cycle found does not depend on the order of the input.

    Breadth first inside the set: O(size of the component, log-linear for the
    sort). The cycle starts and ends at the same node.

    >>> concrete_cycle([[1], [2, 0], [0]], [0, 1, 2])
    [0, 1, 0]
    >>> concrete_cycle([[1], [2, 0], [0]], [0, 1, 2], order=["c", "b", "a"])
    [2, 0, 1, 2]
    """
    inside = set(members)

    def rank(node: int) -> str | int:
        return order[node] if order is not None else node

    start = min(members, key=rank)
    parent = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for following in sorted(adjacency[node], key=rank):
            if following == start:
                route = [node]
                while route[-1] != start:
                    route.append(parent[route[-1]])
                return [*reversed(route), start]
            if following in inside and following not in parent:
                parent[following] = node
                queue.append(following)
    raise ValueError("members do not form a cycle")
