"""Recommendations at scale: load and the four recommendation rules, at three sizes.

Adds to a synthetic structure (``synthetic.py``) one recommendation per two
bodies, each with three updates on a four-stage scale, owners drawn from the
bodies (some dissolved, some orphaned), and times, best of three in this
process: JSON load; the four rules alone; the tracker rows. Doubling the size
should about double each figure (the rules are linear). Nothing here asserts
a time.

    .venv/bin/python benchmarks/bench_recommendations.py
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import govgraph as gg
from govgraph.recommendations import RULES, rows

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic

STAGES = [
    {"id": "5", "name": "not achieved – progress not acceptable"},
    {"id": "4", "name": "not achieved – progress made acceptable"},
    {"id": "3", "name": "not achieved – obstacle"},
    {"id": "2", "name": "achieved", "achieved": True},
]


def tracked(bodies: int, seed: int = 1) -> dict[str, Any]:
    """A synthetic structure document with recommendations."""
    rng = random.Random(seed)
    data = synthetic(bodies, bodies * 2, seed=seed)
    data["as_of"] = "2010-01-01"
    data["stages"] = STAGES
    for index in range(0, bodies, 101):
        data["bodies"][index]["status"] = "dissolved" if index >= 5 else "active"
    recommendations = []
    for index in range(bodies // 2):
        month = rng.randrange(1, 10)
        owners = sorted({f"b{rng.randrange(bodies)}" for _ in range(rng.randrange(0, 4))})
        recommendations.append(
            {
                "id": f"r{index}",
                "text": f"Recommendation {index}",
                "made_by": f"b{rng.randrange(5)}",
                "owners": owners,
                "made": f"2008-{month:02d}-01",
                "due": f"2009-{month:02d}-28",
                "updates": [
                    {"date": f"{2008 + step}-{month:02d}-15", "stage": rng.choice(STAGES)["id"], "note": "progress"}
                    for step in range(3)
                ],
            }
        )
    data["recommendations"] = recommendations
    return data


def best(function: Any, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    settings = {spec.id.replace("-", "_"): "off" for spec in gg.registry.all_rules() if spec.id not in RULES}
    print(f"{'bodies':>8} {'recs':>7} {'load JSON s':>12} {'4 rules s':>10} {'rows s':>8} {'findings':>9}")
    for bodies in (5_000, 10_000, 20_000):  # a file holds at most 10,000 recommendations
        text = json.dumps(tracked(bodies))
        load = best(lambda text=text: gg.loads(text, "json"))
        structure = gg.loads(text, "json")
        rules = best(lambda structure=structure: gg.check(structure, **settings))
        table = best(lambda structure=structure: rows(structure))
        found = len(gg.check(structure, **settings).findings)
        print(f"{bodies:>8} {bodies // 2:>7} {load:>12.2f} {rules:>10.2f} {table:>8.2f} {found:>9}")


if __name__ == "__main__":
    main()
