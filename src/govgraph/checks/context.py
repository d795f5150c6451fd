"""What every rule needs, prepared once per check and shared.

Bodies are numbered in id order, so every algorithm below visits them in the
same order whatever the order of the file: findings, and the concrete cycle
each cycle finding shows, do not depend on how a file is arranged. All of it
is O(n + m) but the sort, and nothing is built before a rule asks for it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Authority, Body, Relationship, RelationshipKind, Structure

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
    active and proposed bodies in id order; ``relationships``, the active and
    proposed relationships between them; ``number``, id → position in
    ``bodies``. The integer adjacency lists (``up``, ``down``, ``authority``)
    and the analyses built on them are computed on first use.
    """

    def __init__(self, structure: Structure) -> None:
        self.structure = structure
        self.bodies: list[Body] = sorted((b for b in structure.bodies if b.is_current), key=lambda b: b.id)
        self.ids = [body.id for body in self.bodies]
        self.number = {ident: index for index, ident in enumerate(self.ids)}
        self.relationships: list[Relationship] = sorted(
            (
                r
                for r in structure.relationships
                if r.is_current and r.source in self.number and r.target in self.number
            ),
            key=lambda r: (r.source, r.kind.value, r.target),
        )

    # -- the upward graph and its roots --------------------------------------

    @cached_property
    def upward(self) -> list[Relationship]:
        """Current upward relationships (sub_group_of, reports_to, accountable_to)."""
        return [r for r in self.relationships if r.kind.is_upward]

    @cached_property
    def up(self) -> list[list[int]]:
        """``up[i]``: the bodies body ``i`` answers to directly."""
        adjacency: list[list[int]] = [[] for _ in self.bodies]
        for relation in self.upward:
            adjacency[self.number[relation.source]].append(self.number[relation.target])
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
        for relation in self.upward:
            if self.is_authority(relation):
                adjacency[self.number[relation.source]].append(self.number[relation.target])
        return adjacency

    @cached_property
    def roots(self) -> list[int]:
        """Where accountability routes end: sovereign bodies, or else tops with something below."""
        if any(body.sovereign for body in self.structure.bodies):
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
    def authority_components(self) -> tuple[list[int], list[list[int]]]:
        """The same for the authority graph."""
        return strongly_connected(self.authority)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole structure as networkx, for rules that prefer it (built on first use)."""
        return self.structure.to_networkx()

    def names(self, indices: Iterable[int]) -> list[str]:
        """Ids of numbered bodies."""
        return [self.ids[i] for i in indices]

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


def concrete_cycle(adjacency: list[list[int]], members: list[int]) -> list[int]:
    """One shortest cycle through the first of ``members``, a strongly connected set.

    Breadth first from that node, inside the set: O(size of the component).
    The cycle starts and ends at the same node.

    >>> concrete_cycle([[1], [2, 0], [0]], [0, 1, 2])
    [0, 1, 0]
    """
    inside = set(members)
    start = members[0]
    parent = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for following in adjacency[node]:
            if following == start:
                route = [node]
                while route[-1] != start:
                    route.append(parent[route[-1]])
                return [*reversed(route), start]
            if following in inside and following not in parent:
                parent[following] = node
                queue.append(following)
    raise ValueError("members do not form a cycle")
