"""Benchmarks: every export format on a large synthetic structure.

Each format runs in a fresh process (load first, untimed), best of two, with
the process's peak memory. Prints a table; run with ``make bench`` or
``python benchmarks/bench_export.py [BODIES RELATIONSHIPS | FILE]``. Nothing
here asserts a time.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write

MEASURE = """
import resource, sys, time
import govgraph as gg
from govgraph.interchange import export
s = gg.load(sys.argv[1])
started = time.perf_counter()
export(s, sys.argv[2], to=sys.argv[3])
elapsed = time.perf_counter() - started
print(f"{elapsed:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""

FORMATS = {"graphml": "out.graphml", "gexf": "out.gexf", "csv": "tables", "org-ttl": "out.ttl", "popolo": "out.json"}


def run(structure: Path, output: Path, to: str, repeat: int = 2) -> tuple[float, float, int]:
    """Best time of ``repeat`` runs, the peak memory (MiB) and the bytes written."""
    results = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, str(structure), str(output), to], capture_output=True, text=True, check=True
        )
        seconds, peak = done.stdout.split()[-2:]
        results.append((float(seconds), float(peak)))
    size = sum(p.stat().st_size for p in output.iterdir()) if output.is_dir() else output.stat().st_size
    return min(r[0] for r in results), max(r[1] for r in results), size


REGISTER = Path(__file__).parent.parent / "examples/realdata/govuk-organisations/govuk_extant_orgs_2026-02-02.json"


def table(structure: Path, what: str, folder: Path) -> None:
    print(f"export of {what} (load not timed)")
    print(f"{'format':<10}{'seconds':>10}{'peak MiB':>10}{'MB out':>10}")
    for to, name in FORMATS.items():
        seconds, peak, size = run(structure, folder / name, to)
        print(f"{to:<10}{seconds:>10.3f}{peak:>10.0f}{size / 1e6:>10.1f}")


def main() -> None:
    """``bench_export.py`` times a synthetic structure of 10,000 bodies / 25,000 relationships
    and the GOV.UK register as ``govgraph import govuk`` reads it (663 organisations);
    ``bench_export.py BODIES RELATIONSHIPS`` a synthetic structure of that size;
    ``bench_export.py FILE.yaml|FILE.json`` a structure file."""
    import govgraph as gg

    given = Path(sys.argv[1]) if len(sys.argv) == 2 else None
    bodies, relationships = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (10_000, 25_000)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if given:
            table(given, str(given), folder)
            return
        table(
            write(folder / "big.json", bodies, relationships),
            f"{bodies:,} bodies / {relationships:,} relationships",
            folder,
        )
        if len(sys.argv) == 1:
            register = folder / "govuk.yaml"
            gg.read_govuk(REGISTER).structure.dump(register)
            table(register, "the GOV.UK register (govgraph import govuk)", folder)


if __name__ == "__main__":
    main()
