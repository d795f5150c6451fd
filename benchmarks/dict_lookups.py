"""Why load + rules grow faster than the size (issue 14, item 5): the cost of one dict
look-up of a freshly parsed string rises as the dict outgrows the CPU's caches.

Loading numbers every relationship's two ends with such look-ups (the wiring) and the
reference checks test membership the same way, so their time per item grows from 1x to
10x although every step is O(n + m). Run: ``.venv/bin/python benchmarks/dict_lookups.py``.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import gc
import random
import time

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
