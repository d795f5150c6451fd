"""Queries on long chains and wide lattices: each should cost what it returns plus the structure.

A chain of N bodies, each a ``sub_group_of`` the next, ends at one sovereign body;
``routes_up`` on the deepest body returns one route of N bodies. A lattice (each
body below two of the layer above, with a dead end beside every layer) has many
routes, and ``routes_up`` must stop at ``limit`` without wandering into bodies
that lead nowhere. Times at doubling sizes show the growth: about 2x a step is
linear, 4x quadratic. Run: ``.venv/bin/python benchmarks/bench_queries.py``.
"""

from __future__ import annotations

import itertools
import json
import sys
import time

import govgraph as gg


def chain(n: int) -> gg.Structure:
    """``n`` bodies in one line: ``b0`` (the deepest) up to ``top``; 200,000 is the most a file holds."""
    bodies = [{"id": f"b{i}", "name": f"Body {i}", "kind": "sub_group"} for i in range(n - 1)]
    bodies.append({"id": "top", "name": "Top", "kind": "statutory_body", "sovereign": True})
    relationships = [{"source": f"b{i}", "kind": "sub_group_of", "target": f"b{i + 1}"} for i in range(n - 2)]
    relationships.append({"source": f"b{n - 2}", "kind": "sub_group_of", "target": "top"})
    return gg.loads(
        json.dumps({"govgraph": 1, "name": "Chain", "bodies": bodies, "relationships": relationships}), "json"
    )


def lattice(layers: int) -> gg.Structure:
    """Two bodies a layer, each below both of the layer above: 2^layers routes. Beside each layer a
    chain of 200 bodies that ends nowhere, whose ids sort first, so a search that does not know
    where routes end walks it again and again."""
    bodies = [{"id": "top", "name": "Top", "kind": "statutory_body", "sovereign": True}]
    relationships = []
    above = ["top"]
    for layer in range(layers):
        here = [f"l{layer}a", f"l{layer}b"]
        dead = [f"d{layer}-{step}" for step in range(200)]
        bodies += [{"id": i, "name": i, "kind": "board"} for i in [*here, *dead]]
        relationships += [{"source": h, "kind": "reports_to", "target": a} for h in here for a in above]
        relationships += [{"source": h, "kind": "reports_to", "target": dead[0]} for h in here]
        relationships += [{"source": a, "kind": "reports_to", "target": b} for a, b in itertools.pairwise(dead)]
        above = here
    return gg.loads(
        json.dumps({"govgraph": 1, "name": "Lattice", "bodies": bodies, "relationships": relationships}), "json"
    )


def timed(what: str, call) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - start
    print(f"  {what}: {seconds:.3f} s ({len(result)} returned)")
    return seconds


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [25_000, 50_000, 100_000, 200_000]
    previous = None
    for n in sizes:
        s = chain(n)
        print(f"chain of {n:,} bodies")
        seconds = timed("routes_up(deepest)", lambda s=s: s.routes_up("b0"))
        timed("below(top)", lambda s=s: s.below("top"))
        timed("roots_of(deepest)", lambda s=s: s.roots_of("b0"))
        if previous:
            print(f"  routes_up growth for 2x bodies: {seconds / previous:.2f}x")
        previous = seconds
    for layers in (20, 40):
        s = lattice(layers)
        print(f"lattice of {layers} layers (2^{layers} routes up, a dead chain beside each layer)")
        timed("routes_up(bottom, limit=1000)", lambda s=s, layers=layers: s.routes_up(f"l{layers - 1}a"))


if __name__ == "__main__":
    main()
