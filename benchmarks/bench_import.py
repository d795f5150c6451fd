"""Benchmark: import all 116 organograms of 2013 and run every rule, in one command.

Times ``govgraph import organogram examples/realdata/organograms-2013/*.csv --summary``
in a fresh process (best of five, with its peak memory), then prints what it found:
the totals of defects.tsv and the files with no top post or several.
The data.gov.uk validator, run on the same 116 files (all its checks, one process),
took 7.8 s on the development machine; the target here is a quarter of that, 2 s.
Nothing here asserts a time.

Run: ``.venv/bin/python benchmarks/bench_import.py``
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "examples" / "realdata" / "organograms-2013"
GOVGRAPH = Path(sys.executable).with_name("govgraph")

MEASURE = """
import resource, sys, time, io, contextlib
started = time.perf_counter()
from govgraph.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    status = main(sys.argv[1:])
elapsed = time.perf_counter() - started
sys.stderr.write(out.getvalue())
print(f"{elapsed:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} {status}")
"""


def main() -> None:
    files = sorted(str(path) for path in FOLDER.glob("*.csv"))
    argv = ["import", "organogram", *files, "--summary"]
    runs = []
    summary = ""
    for _ in range(5):
        done = subprocess.run([sys.executable, "-c", MEASURE, *argv], capture_output=True, text=True, check=True)
        seconds, mib, status = done.stdout.split()
        runs.append((float(seconds), float(mib), int(status)))
        summary = done.stderr
    best = min(runs)
    started = time.perf_counter()
    subprocess.run([str(GOVGRAPH), *argv], capture_output=True, check=False)
    whole = time.perf_counter() - started
    print(f"govgraph import organogram: {len(files)} files, every rule")
    print(
        f"  in-process, best of 5: {best[0]:.3f} s (all: {', '.join(f'{r[0]:.2f}' for r in runs)}), peak {best[1]:.0f} MiB"
    )
    print(f"  the command, Python start-up included: {whole:.3f} s (exit {best[2]}; 2: one file is header-only)")
    rows = [line.split("\t") for line in summary.splitlines()]
    header, body, total = rows[0], rows[1:-1], rows[-1]
    print("  totals: " + ", ".join(f"{name} {value}" for name, value in zip(header[1:], total[1:], strict=True)))
    tops = header.index("top_posts")
    several = [row for row in body if int(row[tops]) > 1]
    print(f"  files imported: {len(body)} of {len(files)} (a file with a header row only is refused: no posts)")
    print(f"  several top posts ({len(several)}):")
    for row in several:
        print(f"    {row[tops]:>4}  {row[0]}")
    none = [row[0] for row in body if int(row[tops]) == 0]
    none += sorted({Path(f).name for f in files} - {row[0] for row in body})
    print(f"  no top post ({len(none)}):" + "".join(f"\n    {name}" for name in none))


if __name__ == "__main__":
    main()
