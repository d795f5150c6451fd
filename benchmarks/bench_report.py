"""Benchmark of the HTML report: its size, the time to make it, and how fast it opens and
answers in headless chromium.

    python benchmarks/bench_report.py

Cases: the Devon example, the Trafford restructure, a synthetic register of 700 bodies shaped
like GOV.UK's (departments, each with agencies and bodies under it, a few with two parents,
no levels), and the register of GOV.UK organisations itself (``examples/realdata/``, 663
organisations in the February 2026 extract, through ``gg.read_govuk``). For each page: bytes, seconds to
make it in Python (Graphviz included), and in the browser (best of three fresh loads) the first
contentful paint, the moment the page's script is ready, and how long a search, a selection
(panel and centring) and a filter take. Needs /usr/bin/chromium and /usr/bin/chromedriver
(``make browser``). Nothing here asserts a time.

Graphviz's time is in "made in". It is the drawing, not the page, that limits size: the
levelled ``synthetic.py`` structures of 700 bodies take dot minutes with the diagram's
orthogonal lines, which is why the large case here is register-shaped.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import govgraph as gg

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
GOVUK = ROOT / "examples" / "realdata" / "govuk-organisations" / "govuk_extant_orgs_2026-02-02.json"

PAINT = """
const done = arguments[arguments.length - 1];
new PerformanceObserver((list, observer) => {
  const entry = list.getEntriesByName('first-contentful-paint')[0];
  if (entry) { observer.disconnect(); done(entry.startTime); }
}).observe({type: 'paint', buffered: true});
setTimeout(() => done(null), 5000);
"""

TIMINGS = """
const input = document.getElementById('gg-search');
let started = performance.now();
input.value = arguments[0];
input.dispatchEvent(new Event('input'));
document.getElementById('gg-results').offsetHeight;
const search = performance.now() - started;
started = performance.now();
input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
document.getElementById('gg-panel').offsetHeight;
const select = performance.now() - started;
const filter = document.querySelector('#gg-filter-controls select');
started = performance.now();
filter.selectedIndex = 1;
filter.dispatchEvent(new Event('change'));
document.body.offsetHeight;
const filtering = performance.now() - started;
const paint = performance.getEntriesByName('first-contentful-paint')[0];
const ready = performance.getEntriesByName('gg-ready')[0];
return {paint: paint ? paint.startTime : null, ready: ready.startTime, search, select, filtering,
        matches: document.getElementById('gg-search-status').textContent};
"""


def register(count: int = 700) -> gg.Structure:
    """A register like GOV.UK's: 25 departments (sovereign); every other body a sub-group of
    one of them, one in ten of an agency too, one in twenty-five of a second department."""
    bodies: list[dict[str, Any]] = []
    relationships: list[dict[str, str]] = []
    for number in range(count):
        body: dict[str, Any] = {"id": f"org-{number}", "name": f"Organisation {number}", "kind": "other"}
        if number < 25:
            body.update(name=f"Department {number}", kind="statutory_body", sovereign=True)
        else:
            parents = [f"org-{number % 25}"]
            if number % 10 == 0 and number > 100:
                parents.append(f"org-{25 + number % 75}")
            if number % 25 == 3:
                parents.append(f"org-{(number + 1) % 25}")
            relationships += [{"source": body["id"], "kind": "sub_group_of", "target": p} for p in parents]
            body["metadata"] = {"abbreviation": f"O{number}"}
        bodies.append(body)
    return gg.Structure.model_validate(
        {"govgraph": 1, "name": f"Register of {count}", "bodies": bodies, "relationships": relationships}
    )


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        f"--user-data-dir={tempfile.mkdtemp(prefix='govgraph-bench-')}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def measure(name: str, make: Any, query: str, folder: Path, driver: Any) -> None:
    path = folder / f"{name.split()[0].lower()}.html"
    started = time.perf_counter()
    make(path)
    made = time.perf_counter() - started
    size = path.stat().st_size
    runs = []
    for _ in range(3):
        driver.get("about:blank")
        driver.get(path.as_uri())
        paint = driver.execute_async_script(PAINT)
        runs.append({**driver.execute_script(TIMINGS, query), "paint": paint})
    best = min(runs, key=lambda run: run["ready"])
    paint = min(run["paint"] for run in runs if run["paint"] is not None)
    print(
        f"| {name} | {size / 1024:,.0f} KiB | {made:.2f} s | {paint:.0f} ms | {best['ready']:.0f} ms | "
        f"{min(r['search'] for r in runs):.1f} ms | {min(r['select'] for r in runs):.1f} ms | "
        f"{min(r['filtering'] for r in runs):.1f} ms |"
    )


def main() -> None:
    if shutil.which("dot") is None or not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists():
        sys.exit("needs Graphviz, /usr/bin/chromium and /usr/bin/chromedriver: make graphviz browser")
    devon = gg.load(ROOT / "examples" / "devon" / "devon.yaml")
    now = gg.load(ROOT / "examples" / "trafford" / "now.yaml")
    proposed = gg.load(ROOT / "examples" / "trafford" / "proposed.yaml")
    large = register(700)
    cases = [
        (f"Devon ({len(devon.bodies)} bodies)", lambda path: gg.report(devon, path), "mental emg"),
        ("Trafford restructure", lambda path: gg.report_diff(now, proposed, path), "finance"),
        (f"Synthetic register ({len(large.bodies)} bodies)", lambda path: gg.report(large, path), "organisation 69"),
    ]
    if GOVUK.exists():
        govuk = gg.read_govuk(GOVUK).structure
        cases.append(
            (f"GOV.UK register ({len(govuk.bodies)} bodies)", lambda path: gg.report(govuk, path), "environment")
        )
    print("| page | size | made in | first paint | script ready | search | select + centre | filter |")
    print("|---|---|---|---|---|---|---|---|")
    driver = browser()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name, make, query in cases:
                measure(name, make, query, Path(folder), driver)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
