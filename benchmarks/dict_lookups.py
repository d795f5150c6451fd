"""Why load + rules grow faster than the size (issue 14, item 5): the cost of one dict
look-up of a freshly parsed string rises as the dict outgrows the CPU's caches.

Loading numbers every relationship's two ends with such look-ups (the wiring) and the
reference checks test membership the same way, so their time per item grows from 1x to
10x although every step is O(n + m). Run: ``.venv/bin/python benchmarks/dict_lookups.py``.
Prints figures; asserts nothing.

Then the wiring itself on the synthetic file of ``bench_load.py``: its ids as parsed
(scattered among the rows' other objects) against packed copies (one join and one
split, as ``govgraph.model.table._packed`` makes them), in fresh processes, alternating.
"""

from __future__ import annotations

import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write

WIRING = """
import gc, sys, time
from operator import itemgetter
from govgraph.model.document import rows_document
from govgraph.model.table import _packed
with open(sys.argv[1], encoding="utf-8") as file:
    rows = rows_document().validate_json(file.read())
gc.disable()
bodies, relations = rows["bodies"], rows["relationships"]
started = time.perf_counter()
ids = list(map(itemgetter("id"), bodies))
number = dict(zip(_packed(ids) if sys.argv[2] == "packed" else ids, range(len(ids))))
ends = [list(map(number.__getitem__, map(itemgetter(end), relations))) for end in ("source", "target")]
print(time.perf_counter() - started)
"""

gc.disable()
random.seed(1)
for n in (100_000, 300_000, 1_000_000):
    ids = [f"b{i}" for i in range(n)]
    number = dict(zip(ids, range(n), strict=True))
    q = [f"b{random.randrange(n)}" for _ in range(n * 5 // 2)]
    best = 9.0
    for _ in range(3):
        fresh = [s.encode().decode() for s in q]  # new objects, hashes not yet computed
        t = time.perf_counter()
        list(map(number.__getitem__, fresh))
        best = min(best, time.perf_counter() - t)
    print(f"{n:>9,} keys: {best / len(q) * 1e9:.0f} ns per look-up")

with tempfile.TemporaryDirectory() as folder:
    path = write(Path(folder) / "big.json", 100_000, 250_000)
    times: dict[str, list[float]] = {"as parsed": [], "packed": []}
    for _ in range(5):
        for name, how in (("as parsed", "parsed"), ("packed", "packed")):
            done = subprocess.run(
                [sys.executable, "-c", WIRING, str(path), how], capture_output=True, text=True, check=True
            )
            times[name].append(float(done.stdout.split()[-1]))
    for name, values in times.items():
        print(f"wiring, 100,000 bodies / 500,000 ends, ids {name}: median {statistics.median(values):.3f} s of 5")
