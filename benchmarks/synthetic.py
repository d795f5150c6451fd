"""A synthetic structure generator for benchmarks: deterministic, any size.

Bodies form a tree about six deep under five sovereign roots (each body
reports to, is a sub-group of or is accountable to a body eight times nearer
the top), with lateral links and two-way co-ordination, and defects at about the rate
of a real file under review (loops, orphans, groups short of stakeholders),
so every rule has work to do without the findings swamping the run.

Above 100,000 bodies there is one more root for each 20,000, so the tree stays
as deep and a larger structure is more of the same, not a deeper one: under
five roots, a million bodies would sit seven deep and 81% of them be found
too deep (``excess-depth``), and the findings, not the size, would be timed.
Up to 100,000 bodies the structure is as it always was.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

__all__ = ["synthetic", "write"]

KINDS = [
    "board",
    "committee",
    "partnership",
    "strategic_planning_group",
    "local_planning_group",
    "executive_group",
    "sub_group",
    "task_group",
    "forum",
]
UPWARD = ["reports_to", "sub_group_of", "accountable_to"]
LATERAL = ["links_with", "advises", "coordinates", "scrutinises", "commissions"]


def synthetic(bodies: int, relationships: int, *, seed: int = 1) -> dict[str, Any]:
    """A valid structure document (plain data) with about these counts."""
    rng = random.Random(seed)
    levels = [{"id": f"l{i}", "name": f"Level {i}"} for i in range(5)]
    areas = [{"id": "county", "name": "County"}] + [
        {"id": f"a{i}", "name": f"Area {i}", "within": "county"} for i in range(10)
    ]
    services = [{"id": f"s{i}", "name": f"Service {i}"} for i in range(4)]
    roots = max(5, bodies // 20_000)
    body_list = []
    for index in range(bodies):
        body: dict[str, Any] = {
            "id": f"b{index}",
            "name": f"Body {index}",
            "kind": KINDS[index % len(KINDS)],
            "level": f"l{min(4, index.bit_length() // 4)}",
            "areas": [f"a{index % 10}"],
            "service_areas": [f"s{index % 4}"],
        }
        if index < roots:
            body.update(sovereign=True, kind="statutory_body", authority="executive")
        elif index % 7 == 0:
            body["authority"] = "coordinating"
        if body["kind"] == "local_planning_group" and index % 50:  # one in fifty lacks stakeholders
            body["members"] = [
                {"name": sector, "sector": sector}
                for sector in ("statutory", "voluntary", "independent", "carers", "service_users")
            ]
        body_list.append(body)
    seen: set[tuple[str, str, str]] = set()
    relation_list = []

    def add(source: int, kind: str, target: int) -> None:
        a, b = f"b{source}", f"b{target}"
        key = (min(a, b), kind, max(a, b)) if kind == "links_with" else (a, kind, b)
        if source != target and key not in seen:
            seen.add(key)
            relation_list.append({"source": a, "kind": kind, "target": b})

    for index in range(roots, bodies):
        if index % 997 != 0:  # a few orphans
            add(index, UPWARD[index % 3], (index - roots) // 8)  # a tree about six deep
    while len(relation_list) < relationships:
        draw = rng.random()
        if draw < 0.3:  # a body co-ordinates one below it, which reports back (Devon 3.3)
            child = rng.randrange(roots, bodies)
            add((child - roots) // 8, "coordinates", child)
        elif draw < 0.99:
            add(
                rng.randrange(bodies),
                LATERAL[rng.randrange(len(LATERAL))].replace("coordinates", "advises"),
                rng.randrange(bodies),
            )
        else:  # one in a hundred an upward edge anywhere: some loops appear
            add(rng.randrange(bodies), "reports_to", rng.randrange(bodies))
    return {
        "govgraph": 1,
        "name": f"Synthetic {bodies}",
        "levels": levels,
        "areas": areas,
        "service_areas": services,
        "bodies": body_list,
        "relationships": relation_list,
    }


def write(path: Path, bodies: int, relationships: int) -> Path:
    """Write a synthetic structure as JSON or YAML, by suffix."""
    document = synthetic(bodies, relationships)
    if path.suffix == ".json":
        path.write_text(json.dumps(document), encoding="utf-8")
    else:
        import yaml

        path.write_text(yaml.dump(document, Dumper=yaml.CSafeDumper, sort_keys=False), encoding="utf-8")
    return path
