"""Benchmarks: loading, checking and drawing large synthetic structures.

Each measurement runs in a fresh process so its peak memory (ru_maxrss) is its
own. Prints a table; run with ``make bench`` or ``python benchmarks/bench_load.py``.
Nothing here asserts a time: the figures go in the closing notes of issues.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write

BASELINE = Path(__file__).parent / "networkx_baseline.py"

MEASURE = """
import resource, sys, time
started = time.perf_counter()
{body}
elapsed = time.perf_counter() - started
print(f"{{elapsed:.3f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}}")
"""

CASES = {
    "load": "import govgraph as gg\ns = gg.load(sys.argv[1])",
    "load + check": "import govgraph as gg\ns = gg.load(sys.argv[1])\nr = gg.check(s)",
    "check only": "import govgraph as gg, time as t\ns = gg.load(sys.argv[1])\nstarted = time.perf_counter()\nr = gg.check(s)",
    "to_dot": "import govgraph as gg, time as t\ns = gg.load(sys.argv[1])\nstarted = time.perf_counter()\nd = gg.to_dot(s)",
    "networkx baseline": f"import runpy\nrunpy.run_path({str(BASELINE)!r}, run_name='__main__')",
}


def run(case: str, path: Path, repeat: int = 3) -> tuple[float, float]:
    """Best time of ``repeat`` runs, and the peak memory (MiB) of the process."""
    script = MEASURE.format(body=CASES[case])
    results = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
        seconds, peak = done.stdout.split()[-2:]
        results.append((float(seconds), float(peak)))
    return min(r[0] for r in results), max(r[1] for r in results)


def paired_ratios(path: Path, pairs: int = 5) -> list[float]:
    """load + all rules / networkx script, each pair run back to back (alternating
    which goes first), so that the machine's drift between cases cancels out."""
    ratios = []
    for turn in range(pairs):
        order = ("load + check", "networkx baseline") if turn % 2 == 0 else ("networkx baseline", "load + check")
        seconds = {case: run(case, path, repeat=1)[0] for case in order}
        ratios.append(seconds["load + check"] / seconds["networkx baseline"])
    return sorted(ratios)


def cli_check_wall(path: Path, repeat: int = 5) -> float:
    """Wall time of ``govgraph check FILE`` as a user runs it (start-up, import, load, all rules), best of ``repeat``."""
    command = [str(Path(sys.executable).parent / "govgraph"), "check", str(path)]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big = write(Path(folder) / "big.json", 100_000, 250_000)
        yaml_file = write(Path(folder) / "medium.yaml", 10_000, 25_000)
        dot_file = write(Path(folder) / "dot.json", 10_000, 25_000)
        print(f"{'case':<34}{'seconds':>10}{'peak MiB':>10}")
        rows = [
            ("JSON 100k bodies / 250k rel: load", "load", big),
            ("JSON 100k: load + all rules", "load + check", big),
            ("JSON 100k: all rules (after load)", "check only", big),
            ("JSON 100k: networkx baseline", "networkx baseline", big),
            ("YAML 10k bodies / 25k rel: load", "load", yaml_file),
            ("10k bodies: to_dot", "to_dot", dot_file),
        ]
        figures = {}
        for title, case, path in rows:
            seconds, peak = run(case, path)
            figures[title] = seconds
            print(f"{title:<34}{seconds:>10.3f}{peak:>10.0f}")
        ratio = figures["JSON 100k: load + all rules"] / figures["JSON 100k: networkx baseline"]
        print(f"load + all rules / networkx baseline, best of 3 each: {ratio:.2f}x")
        ratios = paired_ratios(big)
        listed = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"the same, 5 pairs run back to back: median {ratios[len(ratios) // 2]:.2f}x ({listed})")
        devon = Path(__file__).parent.parent / "examples" / "devon" / "devon.yaml"
        wall = cli_check_wall(devon)
        print(f"govgraph check examples/devon/devon.yaml, wall time, best of 5: {wall:.3f} s")
        print(
            json.dumps(
                {"ratio": round(ratio, 2), "paired": [round(r, 2) for r in ratios], "devon_check": round(wall, 3)}
            )
        )


if __name__ == "__main__":
    main()
