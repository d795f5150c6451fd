"""What every rule needs, prepared once per check and shared.

Nothing a rule reports depends on the order of the file: the engine sorts
findings, rules sort what they list, and a cycle's concrete path starts at
the smallest id of its component and explores by id. All of it is O(n + m),
and nothing is built before a rule asks for it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from typing import TYPE_CHECKING, Any

from ..model import UPWARD_KINDS, Authority, Body, Relationship, RelationshipKind, Status, Structure
from ..model.table import Models

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
    proposed relationships between them (sequences whose models are made as they
    are read: a rule that looks at one field of every body reads
    :meth:`column` instead); ``ids`` of those bodies and
    ``number``, id → position in ``bodies``; ``source``, ``target`` and ``kind``, the columns of
    ``relationships`` with ends as positions in ``bodies``. Everything built on
    them (``of_kind``, the adjacency lists ``up``, ``down`` and ``authority``,
    and the analyses) is computed on first use.
    """

    def __init__(self, structure: Structure) -> None:
        self.structure = structure
        table = structure._table
        wiring = table.wiring
        if wiring is None:
            raise ValueError("the structure was not validated: build it with Structure(...) or gg.load")
        self._table = table
        dissolved = Status.DISSOLVED
        statuses = table.column("status")
        # Positions in the structure of the bodies and relationships kept; None: all of them.
        self._current: list[int] | None = None
        self._kept: list[int] | None = None
        if dissolved not in statuses and dissolved not in table.relationship_column("status"):
            # The usual case: the columns built when the structure was validated serve as they are.
            self.number = wiring.number
            self.source, self.target, self.kind = wiring.source, wiring.target, wiring.kind
            self.ids: list[str] = table.column("id")
        else:
            current = [index for index, status in enumerate(statuses) if status is not dissolved]
            renumber = [-1] * len(statuses)
            for new, old in enumerate(current):
                renumber[old] = new
            source, target, relation_statuses = wiring.source, wiring.target, table.relationship_column("status")
            kept = [
                position
                for position, status in enumerate(relation_statuses)
                if status is not dissolved and renumber[source[position]] >= 0 <= renumber[target[position]]
            ]
            self._current, self._kept = current, kept
            self.ids = self.column("id")
            self.number = {body_id: index for index, body_id in enumerate(self.ids)}
            self.source = [renumber[source[position]] for position in kept]
            self.target = [renumber[target[position]] for position in kept]
            self.kind = [wiring.kind[position] for position in kept]
        # Models are made only for the bodies and relationships a rule reads.
        self.bodies: Sequence[Body] = Models(table.body, len(statuses), self._current)
        self.relationships: Sequence[Relationship] = Models(
            table.relationship, len(table.relationship_rows), self._kept
        )

    def column(self, name: str) -> list[Any]:
        """One field of each body in ``bodies``, read without making their models. O(n)."""
        values = self._table.column(name)
        return values if self._current is None else [values[index] for index in self._current]

    def relationship_column(self, name: str) -> list[Any]:
        """One field of each relationship in ``relationships``. O(m)."""
        values = self._table.relationship_column(name)
        return values if self._kept is None else [values[position] for position in self._kept]

    @cached_property
    def of_kind(self) -> dict[RelationshipKind, list[int]]:
        """Positions in ``relationships`` of each kind's relationships, in file order."""
        groups: dict[RelationshipKind, list[int]] = {kind: [] for kind in RelationshipKind}
        for position, kind in enumerate(self.kind):
            groups[kind].append(position)
        return groups

    # -- the upward graph and its roots --------------------------------------

    @cached_property
    def upward_positions(self) -> list[int]:
        """Positions of the upward relationships (sub_group_of, reports_to, accountable_to), in file order."""
        # Three sorted runs: the sort only merges them.
        return sorted(position for kind in UPWARD_KINDS for position in self.of_kind[kind])

    @cached_property
    def upward(self) -> list[Relationship]:
        """Current upward relationships, in file order."""
        return [self.relationships[position] for position in self.upward_positions]

    @cached_property
    def up(self) -> list[list[int]]:
        """``up[i]``: the bodies body ``i`` answers to directly."""
        adjacency: list[list[int]] = [[] for _ in self.ids]
        source, target = self.source, self.target
        for position in self.upward_positions:
            adjacency[source[position]].append(target[position])
        return adjacency

    @cached_property
    def down(self) -> list[list[int]]:
        """``down[i]``: the bodies that answer to body ``i`` directly."""
        adjacency: list[list[int]] = [[] for _ in self.ids]
        source, target = self.source, self.target
        for position in self.upward_positions:
            adjacency[target[position]].append(source[position])
        return adjacency

    def is_authority(self, relation: Relationship) -> bool:
        """An upward edge whose target exercises executive authority over its source (SPEC §1)."""
        if not relation.kind.is_upward:
            return False
        return relation.kind is RelationshipKind.ACCOUNTABLE_TO or self.executive[self.number[relation.target]]

    @cached_property
    def executive(self) -> list[bool]:
        """``executive[i]``: body ``i`` exercises executive authority."""
        executive = Authority.EXECUTIVE
        return [authority is executive for authority in self.column("authority")]

    @cached_property
    def authority(self) -> list[list[int]]:
        """``authority[i]``: the bodies exercising executive authority over body ``i``."""
        adjacency: list[list[int]] = [[] for _ in self.ids]
        source, target, executive = self.source, self.target, self.executive
        for position in self.of_kind[RelationshipKind.ACCOUNTABLE_TO]:
            adjacency[source[position]].append(target[position])
        for kind in (RelationshipKind.SUB_GROUP_OF, RelationshipKind.REPORTS_TO):
            for position in self.of_kind[kind]:
                if executive[target[position]]:
                    adjacency[source[position]].append(target[position])
        return adjacency

    @cached_property
    def roots(self) -> list[int]:
        """Where accountability routes end: sovereign bodies, or else tops with something below.

        The same definition as :func:`govgraph.graph.roots`, on integer lists for speed.
        """
        sovereign = list(compress(range(len(self.ids)), self.column("sovereign")))
        if sovereign:  # dissolved bodies count for nothing
            return sovereign
        return [i for i in range(len(self.bodies)) if not self.up[i] and self.down[i]]

    @cached_property
    def depth(self) -> list[int]:
        """Edges on each body's shortest upward route to a root; -1 where there is none."""
        depth = [-1] * len(self.bodies)
        down = self.down
        queue = deque(self.roots)
        for root in self.roots:
            depth[root] = 0
        while queue:
            node = queue.popleft()
            below = depth[node] + 1
            for lower in down[node]:
                if depth[lower] < 0:
                    depth[lower] = below
                    queue.append(lower)
        return depth

    # -- components -----------------------------------------------------------

    @cached_property
    def upward_components(self) -> tuple[list[int], list[list[int]]]:
        """(component of each body, components in reverse topological order) of the upward graph."""
        return strongly_connected(self.up, self.down)

    @cached_property
    def upward_cycles(self) -> list[list[int]]:
        """The components of the upward graph with a cycle (more than one body), each sorted."""
        return [members for members in self.upward_components[1] if len(members) > 1]

    @cached_property
    def authority_cycles(self) -> list[list[int]]:
        """Components of the authority graph with a cycle, each sorted.

        The authority graph is part of the upward graph, so its cycles lie
        inside the upward graph's cyclic components: only those are searched.
        """
        inside = sorted(node for members in self.upward_cycles for node in members)
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
        """``Name (id)`` for messages: of any body, dissolved ones included."""
        names, number = self._labelling
        return f"{names[number[body_id]]} ({body_id})"

    @cached_property
    def _labelling(self) -> tuple[list[str], dict[str, int]]:
        # Looked up once, not per message: a large file can have 10^5 findings.
        table = self._table
        return table.column("name"), table.wiring.number  # type: ignore[union-attr]


def strongly_connected(
    adjacency: list[list[int]], predecessors: list[list[int]] | None = None
) -> tuple[list[int], list[list[int]]]:
    """Strongly connected components. O(n + m).

    Nodes that cannot lie on a cycle are peeled off first, as in Kahn's
    algorithm: those whose successors have all been peeled (they reach no
    cycle), then those no remaining node reaches. Tarjan's algorithm, without
    recursion, runs on what is left. In a hierarchy that is almost nothing, and
    peeling costs a fraction of Tarjan's bookkeeping. ``predecessors``, the
    reverse of ``adjacency``, is built when not given.

    Returns the component number of each node and the components, each sorted,
    in an order where every component comes after all the components it reaches.

    >>> strongly_connected([[1], [0], [0, 3], []])
    ([1, 1, 2, 0], [[3], [0, 1], [2]])
    >>> strongly_connected([[1], [2], [0]])  # one cycle: nothing peels
    ([0, 0, 0], [[0, 1, 2]])
    """
    count = len(adjacency)
    if predecessors is None:
        predecessors = [[] for _ in range(count)]
        for node, successors in enumerate(adjacency):
            for following in successors:
                predecessors[following].append(node)
    component = [-1] * count
    components: list[list[int]] = []
    # Peel sinks: a node all of whose successors are peeled is a component of its own.
    unpeeled_successors = list(map(len, adjacency))
    sinks = [node for node, remaining in enumerate(unpeeled_successors) if not remaining]
    for node in sinks:  # grows while it is read
        component[node] = len(components)
        components.append([node])
        for earlier in predecessors[node]:
            unpeeled_successors[earlier] -= 1
            if not unpeeled_successors[earlier]:
                sinks.append(earlier)
    if len(sinks) == count:
        return component, components
    # Peel sources among the rest; they are numbered last, in reverse, once Tarjan is done.
    unpeeled_predecessors = [0] * count
    for node in range(count):
        if component[node] < 0:
            for following in adjacency[node]:
                unpeeled_predecessors[following] += 1
    sources = [node for node in range(count) if component[node] < 0 and not unpeeled_predecessors[node]]
    peeled = [component[node] >= 0 for node in range(count)]
    for node in sources:  # grows while it is read
        peeled[node] = True
        for following in adjacency[node]:
            if component[following] < 0:
                unpeeled_predecessors[following] -= 1
                if not unpeeled_predecessors[following]:
                    sources.append(following)
    _tarjan(adjacency, peeled, component, components)
    for node in reversed(sources):
        component[node] = len(components)
        components.append([node])
    return component, components


def _tarjan(adjacency: list[list[int]], done: list[bool], component: list[int], components: list[list[int]]) -> None:
    """Tarjan's algorithm, without recursion, on the nodes not ``done``; appends
    their components, successors first, numbering them in ``component``."""
    count = len(adjacency)
    index = [0 if finished else -1 for finished in done]  # done nodes look visited and off the stack
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
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
