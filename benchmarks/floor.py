"""Benchmark: the floor under load + all rules, beside the networkx script (issue 14).

Three cases, each in a fresh process, run back to back in turns (the order rotating
each turn, so the machine's drift falls on all three alike):

- **floor**: what any load of a govgraph file must do before a reference check or a
  rule: import the model, read the file, validate it into rows inside pydantic-core
  (one pass, in Rust) and number the relationships' ends (``Table.wiring``: one dict
  look-up per end, in C);
- **load + all rules**: ``gg.load`` and ``gg.check``, as ``bench_load.py`` times them;
- **networkx script**: ``networkx_baseline.py`` (parse, graph, SCC, one walk down).

Each is timed inside its process, from before its first import to the end, as
``bench_load.py`` does. Prints each turn's ratios to the script and their medians.
``--size N`` multiplies the synthetic structure (100,000 bodies / 250,000
relationships) by N; ``--turns K`` sets the number of turns (5).

Run: ``.venv/bin/python benchmarks/floor.py``. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_rules import RAISE_LIMITS
from synthetic import write

BASELINE = Path(__file__).parent / "networkx_baseline.py"

TIMED = """
import sys, time
started = time.perf_counter()
{body}
print(f"{{time.perf_counter() - started:.4f}}")
"""

CASES = {
    "floor": (
        "from govgraph.model.document import rows_document\n"
        "from govgraph.model.structure import Structure\n"
        "import gc\n"
        "gc.disable()  # as gg.load pauses it\n"
        "with open(sys.argv[1], encoding='utf-8') as file:\n"
        "    text = file.read()\n"
        "rows = rows_document().validate_json(text)\n"
        "assert Structure._of_rows(rows)._table.wiring is not None"
    ),
    "load + all rules": "import govgraph as gg\nreport = gg.check(gg.load(sys.argv[1]))",
    "networkx script": f"import runpy\nrunpy.run_path({str(BASELINE)!r}, run_name='__main__')",
}


def timed(case: str, path: Path, raised: bool) -> float:
    script = (RAISE_LIMITS if raised else "") + TIMED.format(body=CASES[case])
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1)
    parser.add_argument("--turns", type=int, default=5)
    arguments = parser.parse_args()
    names = list(CASES)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "big.json", 100_000 * arguments.size, 250_000 * arguments.size)
        seconds: dict[str, list[float]] = {name: [] for name in names}
        for turn in range(arguments.turns):
            order = names[turn % 3 :] + names[: turn % 3]
            for name in order:
                seconds[name].append(timed(name, path, raised=arguments.size > 1))
            script = seconds["networkx script"][-1]
            print(
                f"turn {turn + 1}: "
                + ", ".join(f"{name} {seconds[name][-1]:.2f} s ({seconds[name][-1] / script:.2f}x)" for name in names)
            )
    script = seconds["networkx script"]
    medians = {
        name: statistics.median(a / b for a, b in zip(values, script, strict=True)) for name, values in seconds.items()
    }
    print(f"{arguments.size}x, median of {arguments.turns} turns, as a share of the networkx script's time:")
    for name in names[:-1]:
        print(f"  {name:<18}{medians[name]:.2f}x   (best {min(seconds[name]):.2f} s)")
    print(f"  {'networkx script':<18}1.00x   (best {min(script):.2f} s)")
    print(json.dumps({"size": arguments.size, "medians": {k: round(v, 3) for k, v in medians.items()}}))


if __name__ == "__main__":
    main()
