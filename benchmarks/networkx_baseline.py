"""The plain networkx script that govgraph's load + all rules is measured against (issue 3).

It parses the JSON, builds a graph of the upward edges, finds its strongly
connected components and walks down once from the roots: a lower bound on what
any tool must do, with none of govgraph's validation. ``python
networkx_baseline.py FILE`` prints, as JSON, the seconds of each phase and the total,
and what it found (so that nothing it computes can be skipped).
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections import deque

UPWARD = {"sub_group_of", "reports_to", "accountable_to"}


def main(path: str) -> tuple[dict[str, float], dict[str, int]]:
    figures: dict[str, float] = {}
    started = began = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal began
        now = time.perf_counter()
        figures[phase] = now - began
        began = now

    nx = importlib.import_module("networkx")
    lap("import networkx")
    with open(path, encoding="utf-8") as stream:
        data = json.load(stream)
    lap("parse")
    graph = nx.DiGraph()
    graph.add_nodes_from((body["id"], body) for body in data["bodies"])
    graph.add_edges_from((r["source"], r["target"]) for r in data["relationships"] if r["kind"] in UPWARD)
    lap("build the graph")
    components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    lap("strongly connected components")
    roots = [node for node, fields in graph.nodes(data=True) if fields.get("sovereign")]
    seen, queue = set(roots), deque(roots)
    while queue:
        node = queue.popleft()
        for lower in graph.predecessors(node):
            if lower not in seen:
                seen.add(lower)
                queue.append(lower)
    lap("walk down from the roots")
    figures["total"] = time.perf_counter() - started
    return figures, {"cyclic components": len(components), "bodies reached from a root": len(seen)}


if __name__ == "__main__":
    seconds, found = main(sys.argv[1])
    print(json.dumps({"seconds": seconds, "found": found}))
