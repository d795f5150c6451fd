"""Where the time of ``load`` + ``check`` goes, phase by phase, beside the networkx script.

Run with ``.venv/bin/python benchmarks/where_time_goes.py``. Each phase is timed
in one process with the garbage collector paused, as govgraph runs them; best of
three. Prints a table; asserts nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write

PHASES = """
import gc, json, sys, time
started = time.perf_counter()
import govgraph as gg
from govgraph import model
from govgraph.loading import json_text
from govgraph.model.document import rows_document
from govgraph.checks.context import Context
imported = time.perf_counter() - started
text = open(sys.argv[1], encoding="utf-8").read()
gc.disable()

def best(action, repeat=3):
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - began)
    return min(times), result

figures = {"import govgraph": imported}
figures["json.loads (for comparison)"], _ = best(lambda: json.loads(text))
figures["guard against spaced colons"], _ = best(
    lambda: text.count(":") != text.count('":') and any(s in text for s in json_text._SPACED_COLONS)
)
figures["validate_json into rows"], rows = best(lambda: rows_document().validate_json(text))
figures["count keys (duplicate-key proof)"], _ = best(
    lambda: json_text._keys_held(rows, model.Structure._of_rows(rows)._table)
)
figures["reference checks on the columns"], s = best(lambda: json_text._of_rows(rows))
figures["  of which the wiring (integer columns)"], _ = best(lambda: s._table.__class__(rows["bodies"], rows["relationships"]).wiring)
figures["gg.loads, all of the above"], s = best(lambda: gg.loads(text, "json"))
figures["(models, were they all made: validate_json)"], _ = best(lambda: model.Structure.model_validate_json(text))
figures["(then every model on demand, after gg.loads)"], _ = best(
    lambda: (lambda t: (t.bodies(), t.relationships()))(model.Structure._of_rows(rows)._table)
)
figures["all rules (gg.check)"], _ = best(lambda: gg.check(s))
figures["  of which preparing the context"], _ = best(lambda: Context(s).upward_components)
print(json.dumps(figures))
"""

BASELINE = Path(__file__).parent / "networkx_baseline.py"


def measure(command: list[str], path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, *command, str(path)], capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.splitlines()[-1])
    seconds: dict[str, float] = figures.get("seconds", figures)
    return seconds


def best_of(runs: int, action: Callable[[], dict[str, float]]) -> dict[str, float]:
    results = [action() for _ in range(runs)]
    return {key: min(result[key] for result in results) for key in results[0]}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big = write(Path(folder) / "big.json", 100_000, 250_000)
        print("govgraph, 100,000 bodies / 250,000 relationships (seconds, warm, best of 3)")
        for name, seconds in measure(["-c", PHASES], big).items():
            print(f"  {name:<42}{seconds:>8.3f}")
        print("networkx script (seconds, best of 3 runs)")
        for name, seconds in best_of(3, lambda: measure([str(BASELINE)], big)).items():
            print(f"  {name:<42}{seconds:>8.3f}")


if __name__ == "__main__":
    main()
