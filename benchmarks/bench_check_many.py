"""Benchmark: ``govgraph check FOLDER`` on the 116 organograms of 2013, in one process.

Issue 14, item 4. Writes the structures with
``govgraph import organogram examples/realdata/organograms-2013/*.csv -o FOLDER``
(one YAML file per organogram that imports), then times, as commands run by a
user (Python start-up included):

- ``govgraph check FOLDER``: every file in one process, best of three;
- ``govgraph check FILE`` once per file, as a shell loop would: measured on every
  eighth file, and the per-file mean multiplied by the number of files.

Run: ``.venv/bin/python benchmarks/bench_check_many.py`` (part of ``make bench``).
Nothing here asserts a time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import govgraph as gg

ROOT = Path(__file__).resolve().parent.parent
CSVS = ROOT / "examples" / "realdata" / "organograms-2013"
GOVGRAPH = Path(sys.executable).with_name("govgraph")


def timed(argv: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run([str(GOVGRAPH), *argv], capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def main() -> None:
    csvs = sorted(str(path) for path in CSVS.glob("*.csv"))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "organograms"
        subprocess.run(
            [str(GOVGRAPH), "import", "organogram", *csvs, "-o", str(folder)], capture_output=True, check=False
        )
        files = sorted(str(path) for path in folder.glob("*.yaml"))
        size = sum(Path(file).stat().st_size for file in files)
        bodies = sum(len(gg.load(file).bodies) for file in files)
        runs = [timed(["check", str(folder)]) for _ in range(3)]
        best, done = min(runs, key=lambda run: run[0])
        _, as_json = timed(["check", str(folder), "--format", "json"])
        reported = json.loads(as_json.stdout)["files"]
        sample = files[::8]
        each = [timed(["check", file])[0] for file in sample]
        mean = sum(each) / len(each)
        print(f"govgraph check FOLDER: {len(files)} structures written from {len(csvs)} organogram CSVs")
        print(f"  {size / 1024 / 1024:.1f} MiB of YAML, about {bodies:,} bodies")
        print(
            f"  one process, best of 3: {best:.2f} s (all: {', '.join(f'{run[0]:.2f}' for run in runs)}), "
            f"exit {done.returncode} (1: error findings); {len(reported)} files reported in JSON"
        )
        print(
            f"  one process per file (mean of {len(sample)}: {mean:.2f} s) x {len(files)} files: "
            f"{mean * len(files):.1f} s, {mean * len(files) / best:.0f}x as long"
        )


if __name__ == "__main__":
    main()
