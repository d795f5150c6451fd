"""Times drawing large structures with Graphviz ``dot`` and measures the drawings.

For each case: seconds for ``to_dot`` and for the SVG (``dot``), and what
``diagram_metrics.py`` measures of the SVG (lines, crossing pairs, size,
aspect, smallest text fitted to A3 landscape). Structures of more than 150
bodies are drawn as an overview by default; ``--every-body`` also draws the
10,000-body structure in full (``collapse="none"``), which takes minutes.
Nothing here asserts a time.

Usage::

    python benchmarks/bench_render.py [--every-body]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from diagram_metrics import measure
from synthetic import synthetic

import govgraph as gg
from govgraph.export.backend import pipe


def flat(count: int) -> gg.Structure:
    """``count`` bodies of six kinds and no relationships (a register with no hierarchy)."""
    kinds = ["board", "committee", "partnership", "forum", "network", "task_group"]
    bodies = [{"id": f"b{i}", "name": f"Organisation {i}", "kind": kinds[i % len(kinds)]} for i in range(count)]
    return gg.Structure.model_validate({"govgraph": 1, "name": f"{count} bodies", "bodies": bodies})


def case(name: str, structure: gg.Structure, **options: object) -> None:
    start = time.perf_counter()
    source = gg.to_dot(structure, **options)  # type: ignore[arg-type]
    dot_seconds = time.perf_counter() - start
    start = time.perf_counter()
    svg = pipe(source, "svg")
    svg_seconds = time.perf_counter() - start
    found = measure(svg)
    print(
        f"{name}: to_dot {dot_seconds:.2f} s, svg {svg_seconds:.2f} s; {found.lines} lines, "
        f"{found.crossings} crossing pairs, {found.width:.0f} × {found.height:.0f} pt "
        f"(aspect {found.aspect:.2f}:1), {found.smallest_on('a3-landscape'):.1f} pt on A3 landscape",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--every-body", action="store_true", help="also draw 10,000 bodies in full (minutes)")
    arguments = parser.parse_args()
    case("700 bodies, no relationships (overview)", flat(700))
    case("700 bodies, no relationships, every body", flat(700), collapse="none")
    tree = gg.Structure.model_validate(synthetic(10_000, 25_000))
    case("10,000 bodies / 25,000 relationships (overview)", tree)
    if arguments.every_body:
        case("10,000 bodies / 25,000 relationships, every body", tree, collapse="none")


if __name__ == "__main__":
    main()
