"""The HTML report in a real browser: Debian's headless chromium, driven by selenium.

``make test`` installs chromium and chromium-driver when missing (the Makefile's
``browser`` target). Selenium is pointed at those two programs explicitly, so
Selenium Manager never downloads a browser or a driver.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govgraph as gg
from govgraph.export.backend import pipe
from govgraph.export.report import View

from .conftest import DEVON, ROOT
from .pixels import png_pixels
from .report_cases import HOSTILE, HOSTILE_NAME, plain_document, write_hostile

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TRAFFORD = ROOT / "examples" / "trafford"

if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip(
        f"chromium is not installed ({CHROMIUM}, {CHROMEDRIVER}): run `make browser` (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
pytestmark = needs_dot

from selenium import webdriver  # noqa: E402  (only when chromium is there to drive)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="govgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    devon = gg.load(DEVON)
    made = {
        "devon": folder / "devon.html",
        "trafford": folder / "trafford.html",
        "hostile": folder / "hostile.html",
        "plain": folder / "plain.html",
    }
    gg.report(devon, made["devon"])
    gg.report_diff(
        gg.load(TRAFFORD / "now.yaml"),
        gg.load(TRAFFORD / "proposed.yaml"),
        made["trafford"],
        labels=("now", "proposed"),
    )
    gg.report(gg.load(write_hostile(folder)), made["hostile"])
    gg.report(gg.load(write_hostile(folder, plain_document(), "plain.json")), made["plain"])
    return made


def open_page(driver: WebDriver, path: Path) -> list[dict[str, Any]]:
    """Load a page; return what the console said while it loaded (and clear the log)."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())
    assert driver.execute_script("return document.documentElement.getAttribute('data-gg-ready')") == "true"
    return list(driver.get_log("browser"))


def problems(log: list[dict[str, Any]]) -> list[str]:
    return [entry["message"] for entry in log if entry["level"] in ("SEVERE", "WARNING")]


def page_text(driver: WebDriver) -> str:
    return str(driver.execute_script("return document.body.textContent"))


def panel(driver: WebDriver) -> str:
    return str(driver.execute_script("return document.getElementById('gg-panel').textContent"))


def search(driver: WebDriver, text: str) -> None:
    box = driver.find_element(By.ID, "gg-search")
    box.clear()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)


def click_node(driver: WebDriver, body_id: str) -> None:
    """Click a body's box in the drawing, as a reader would."""
    node = driver.execute_script(
        "return Array.from(document.querySelectorAll('.gg-view:not([hidden]) g.node'))"
        ".find(n => n.querySelector('title').textContent === arguments[0])",
        body_id,
    )
    assert node is not None, body_id
    driver.execute_script("arguments[0].scrollIntoView()", node)
    driver.find_element(By.ID, "gg-zoom-fit").click()
    shape = node.find_element(By.CSS_SELECTOR, "polygon, path, ellipse")
    ActionChains(driver).move_to_element(shape).click().perform()


def route_texts(driver: WebDriver) -> list[str]:
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#gg-panel li.gg-route")]


# -- Devon -------------------------------------------------------------------------------


def test_devon_loads_without_a_console_error_and_shows_every_body(browser: WebDriver, pages: dict[str, Path]) -> None:
    log = open_page(browser, pages["devon"])
    assert problems(log) == []
    assert browser.title == "Joint planning network for Devon — govgraph report"
    text = page_text(browser)
    structure = gg.load(DEVON)
    missing = [body.name for body in structure.bodies if body.name not in text]
    assert missing == []
    drawn = browser.execute_script("return document.querySelectorAll('.gg-view:not([hidden]) g.node.gg-body').length")
    assert drawn == len(structure.bodies)


def test_search_then_panel_shows_fields_sources_and_routes_up(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    structure = gg.load(DEVON)
    search(browser, "mental emg")  # words in any order, name or id
    body = structure.body("emg-mh")
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel h2").text.startswith(body.name)
    text = panel(browser)
    assert "executive group" in text and "at 4.3" in text and "Senior managers of the constituent" in text
    search(browser, "spg-mh")
    below = len(structure.below("spg-mh"))
    assert below > 0 and f"{below} bodies answer to it, directly or through others" in panel(browser)
    search(browser, "emg-mh")
    names = {b.id: b.name for b in structure.bodies}
    expected = [" → ".join(names[i] for i in route) for route in structure.routes_up("emg-mh")]
    assert [t.replace("→", " → ").replace("  ", " ") for t in route_texts(browser)] == expected
    selected = browser.execute_script(
        "return Array.from(document.querySelectorAll('g.gg-selected title'), t => t.textContent)"
    )
    assert selected == ["emg-mh"]


def test_search_by_id_and_no_match_says_so(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    box = browser.find_element(By.ID, "gg-search")
    box.send_keys("zzz-no-such-body")
    assert browser.find_element(By.ID, "gg-search-status").text == "No body matches “zzz-no-such-body”."
    search(browser, "spg-mh")
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == "spg-mh"


def test_clicking_a_box_opens_its_panel_with_routes_up(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    structure = gg.load(DEVON)  # the Executive Management Groups reach the sovereign employers
    click_node(browser, "emg-mh")
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == "emg-mh"
    routes = route_texts(browser)
    assert len(routes) == len(structure.routes_up("emg-mh")) > 0
    browser.find_element(By.CSS_SELECTOR, "#gg-panel li.gg-route button:last-child").click()  # follow a route up
    top = structure.routes_up("emg-mh")[0][-1]
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == top


def test_findings_table_and_panel_link_both_ways(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    report = gg.check(gg.load(DEVON))
    rows = browser.find_elements(By.CSS_SELECTOR, "#gg-findings tbody tr")
    assert len(rows) == len(report.findings)
    first = report.findings[0]
    rows[0].click()  # table → panel and diagram
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == first.bodies[0]
    flagged = browser.execute_script(
        "return Array.from(document.querySelectorAll('g.gg-flagged title'), t => t.textContent)"
    )
    assert sorted(flagged) == sorted(set(first.bodies))
    browser.find_element(By.XPATH, "//*[@id='gg-panel']//button[text()='in the table']").click()  # panel → table
    assert "gg-current" in (rows[0].get_attribute("class") or "")


def test_a_filter_hides_bodies_and_says_what_it_hid(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    structure = gg.load(DEVON)
    level = structure.levels[1]
    kept = [b.id for b in structure.bodies if b.level == level.id]
    Select(browser.find_element(By.ID, "gg-filter-level")).select_by_visible_text(level.name)
    status = browser.find_element(By.ID, "gg-filter-status").text
    hidden = len(structure.bodies) - len(kept)
    assert status.startswith(
        f"Showing {len(kept)} of {len(structure.bodies)} bodies. Hidden: {hidden} bodies "
        f"({hidden} not on the level “{level.name}”)"
    )
    assert "lines to or from them" in status
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('.gg-view:not([hidden]) g.node.gg-body:not(.gg-hidden) title'), t => t.textContent)"
    )
    assert sorted(shown) == sorted(kept)
    some_hidden = next(b.id for b in structure.bodies if b.level != level.id)
    node = browser.execute_script(
        "return Array.from(document.querySelectorAll('g.node')).find(n => n.querySelector('title').textContent === arguments[0])",
        some_hidden,
    )
    assert not node.is_displayed()
    search(browser, some_hidden)
    assert "Hidden from the diagram by the filters" in panel(browser)
    browser.find_element(By.ID, "gg-filter-clear").click()
    assert browser.find_element(By.ID, "gg-filter-status").text == f"Showing all {len(structure.bodies)} bodies."


def test_pan_and_zoom_change_the_view_and_fit_restores_it(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])

    def box() -> list[float]:
        return [
            float(v)
            for v in browser.execute_script(
                "return document.querySelector('.gg-view svg').getAttribute('viewBox')"
            ).split()
        ]

    fitted = box()
    browser.find_element(By.ID, "gg-zoom-in").click()
    zoomed = box()
    assert zoomed[2] == pytest.approx(fitted[2] / 1.25, rel=1e-3)
    viewport = browser.find_element(By.ID, "gg-viewport")
    ActionChains(browser).move_to_element(viewport).click_and_hold().move_by_offset(120, 40).release().perform()
    panned = box()
    assert panned[0] < zoomed[0] and panned[1] < zoomed[1] and panned[2] == pytest.approx(zoomed[2])
    ActionChains(browser).scroll_from_origin(ScrollOrigin.from_element(viewport), 0, 300).perform()
    assert box()[2] > panned[2]  # the wheel zooms out
    browser.find_element(By.ID, "gg-zoom-fit").click()
    assert box() == pytest.approx(fitted)


def test_screenshot_is_not_blank(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    png = browser.find_element(By.ID, "gg-viewport").screenshot_as_png
    width, height, pixels = png_pixels(png)
    assert width > 300 and height > 200
    colours = set(pixels)
    white = sum(1 for p in pixels if p == (255, 255, 255)) / len(pixels)
    assert len(colours) > 50, "the drawing has almost no colours: blank?"
    assert white < 0.97, f"{white:.1%} of the drawing is white"


def test_no_request_leaves_the_page(browser: WebDriver, pages: dict[str, Path]) -> None:
    for page in pages.values():
        open_page(browser, page)
        assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
        requested = [
            json.loads(entry["message"])["message"]["params"]["request"]["url"]
            for entry in browser.get_log("performance")
            if json.loads(entry["message"])["message"]["method"] == "Network.requestWillBeSent"
        ]
        assert requested == [page.as_uri()]


def test_the_content_security_policy_forbids_fetching(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    outcome = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const seen = [];
        document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
        fetch('http://127.0.0.1:9/x').then(() => done(['fetched', seen]), () => setTimeout(() => done(['refused', seen]), 50));
        """
    )
    assert outcome == ["refused", ["connect-src"]]
    # An inline script added later does not run: only the page's own script has the policy's hash.
    ran = browser.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s);"
        "return window.__ran === 1"
    )
    assert ran is False


# -- hostile names ----------------------------------------------------------------------------


def test_hostile_names_stay_inert_text(browser: WebDriver, pages: dict[str, Path]) -> None:
    log = open_page(browser, pages["hostile"])
    assert problems(log) == []
    assert browser.title == f"{HOSTILE_NAME} — govgraph report"
    state = browser.execute_script(
        "return [window.__pwned, document.scripts.length, document.querySelectorAll('img, iframe, object, embed, b').length,"
        " document.querySelectorAll('style').length, document.querySelectorAll('a[href]').length]"
    )
    assert state == [None, 2, 0, 1, 0]
    assert browser.find_element(By.ID, "gg-title").text == HOSTILE_NAME
    text = page_text(browser)
    for hostile in HOSTILE:
        assert hostile in text
    # Every panel, through every route into it, shows the text as written.
    for body_id in ("council", "group", "loop-a", "other", "last"):
        search(browser, body_id)
        assert browser.execute_script("return window.__pwned") is None
    search(browser, "council")
    panel_text = browser.execute_script("return document.getElementById('gg-panel').textContent")
    assert HOSTILE[0] in panel_text and HOSTILE[1] in panel_text and "javascript:window.__pwned=6" in panel_text
    for row in browser.find_elements(By.CSS_SELECTOR, "#gg-findings tbody tr"):
        row.click()
    Select(browser.find_element(By.ID, "gg-filter-level")).select_by_index(1)
    assert browser.execute_script("return [window.__pwned, document.title, document.scripts.length]") == [
        None,
        f"{HOSTILE_NAME} — govgraph report",
        2,
    ]
    assert problems(list(browser.get_log("browser"))) == []


def page_shape(driver: WebDriver, page: Path) -> list[list[str]]:
    """The elements outside the drawing, after loading and after opening each body's panel
    and each finding: the same for two structures that differ only in their text."""
    open_page(driver, page)
    outside = (
        "return Array.from(document.querySelectorAll('body *:not(svg):not(svg *)'), e => e.tagName + '.' + e.className)"
    )
    shapes = [driver.execute_script(outside)]
    for body_id in ("council", "group", "loop-a", "loop-b", "other", "last"):
        search(driver, body_id)
        shapes.append(driver.execute_script(outside))
    for row in driver.find_elements(By.CSS_SELECTOR, "#gg-findings tbody tr"):
        row.click()
        shapes.append(driver.execute_script(outside))
    return shapes


def test_hostile_names_leave_the_page_as_a_plain_structure_makes_it(browser: WebDriver, pages: dict[str, Path]) -> None:
    assert page_shape(browser, pages["hostile"]) == page_shape(browser, pages["plain"])


# -- Trafford: the restructure ----------------------------------------------------------------


def test_trafford_restructure_shows_changes_and_the_same_panels(browser: WebDriver, pages: dict[str, Path]) -> None:
    log = open_page(browser, pages["trafford"])
    assert problems(log) == []
    assert browser.title == "now → proposed — govgraph change report"
    now, proposed = gg.load(TRAFFORD / "now.yaml"), gg.load(TRAFFORD / "proposed.yaml")
    result = gg.diff(now, proposed)
    text = page_text(browser)
    for body in [*now.bodies, *proposed.bodies]:
        assert body.name in text
    changes = browser.execute_script("return document.getElementById('gg-changes').textContent")
    assert f"Bodies added ({len(result.bodies_added)})" in changes
    assert f"Findings resolved ({len(result.resolved)})" in changes
    assert f"Findings introduced ({len(result.introduced)})" in changes
    search(browser, "Strategic Finance")
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel h2 .gg-badge").text == "added"
    names = {b.id: b.name for b in proposed.bodies}
    expected = [" → ".join(names[i] for i in route) for route in proposed.routes_up("sfb")]
    assert [t.replace("→", " → ").replace("  ", " ") for t in route_texts(browser)] == expected
    search(browser, "jcb")
    assert "Changed in the restructure" in panel(browser)
    assert "Before the restructure:" in panel(browser)
    Select(browser.find_element(By.ID, "gg-filter-change")).select_by_visible_text("added")
    assert browser.find_element(By.ID, "gg-filter-status").text.startswith(
        f"Showing {len(result.bodies_added)} of {len(proposed.bodies)} bodies."
    )


def test_a_report_takes_any_drawing_with_groups_of_bodies(browser: WebDriver, tmp_path: Path) -> None:
    """Views are any SVG: here the full diagram and a hand-drawn aggregate whose one box
    stands for the Devon local planning groups."""
    structure = gg.load(DEVON)
    groups = [b.id for b in structure.bodies if b.kind.value == "local_planning_group"]
    others = [b.id for b in structure.bodies if b.id not in groups][:3]
    edges = " ".join(f'"{other}" -> "lpgs";' for other in others)
    dot = f'digraph g {{ "lpgs" [label="Local planning groups × {len(groups)}"]; {edges} }}'
    aggregate = View("Board-paper view", pipe(dot, "svg").decode(), {"lpgs": groups})
    full = View("Full diagram", pipe(gg.to_dot(structure), "svg").decode())
    page = tmp_path / "views.html"
    gg.report(structure, page, views=[aggregate, full])
    log = open_page(browser, page)
    assert problems(log) == []
    search(browser, groups[0])
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('g.gg-selected title'), t => t.textContent)"
    ) == ["lpgs"]
    click_node(browser, "lpgs")
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel h2").text == f"A group of {len(groups)} bodies"
    browser.find_element(By.XPATH, "//*[@id='gg-view-switch']/button[text()='Full diagram']").click()
    assert browser.execute_script("return document.querySelector('.gg-view[data-view=\"1\"]').hidden") is False
    search(browser, groups[0])
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('g.gg-selected title'), t => t.textContent)"
    ) == [groups[0]]


def test_an_address_with_a_body_opens_its_panel_and_a_selection_updates_the_address(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    log = open_page(browser, pages["devon"])
    browser.get(pages["devon"].as_uri() + "#spg-mh")
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == "spg-mh"
    search(browser, "emg-ld")
    assert browser.current_url.endswith("devon.html#emg-ld")
    browser.get(pages["devon"].as_uri() + "#spg-ld")  # the same page: only the address changes
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == "spg-ld"
    browser.get(pages["devon"].as_uri() + "#%E0%no-such-body")  # a broken address is ignored
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == "spg-ld"
    assert problems(log + list(browser.get_log("browser"))) == []


def test_boxes_can_be_reached_and_opened_with_the_keyboard(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["devon"])
    browser.execute_script(
        "Array.from(document.querySelectorAll('g.gg-body')).find(n => n.querySelector('title').textContent === 'dsp').focus()"
    )
    assert browser.switch_to.active_element.get_attribute("aria-label") == gg.load(DEVON).body("dsp").name
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.find_element(By.CSS_SELECTOR, "#gg-panel .gg-id").text == "dsp"


def test_a_body_with_many_routes_up_says_there_are_more(browser: WebDriver, tmp_path: Path) -> None:
    lines = [
        "govgraph: 1",
        "name: Lattice",
        "bodies:",
        "  - {id: top, name: Top, kind: statutory_body, sovereign: true}",
    ]
    relations = ["relationships:"]
    for layer in range(5):  # each of 5 pairs reports to both of the pair above: 32 routes from the bottom
        for side in "ab":
            lines.append(f"  - {{id: b{layer}{side}, name: B{layer}{side}, kind: board}}")
            ups = ["top"] if layer == 0 else [f"b{layer - 1}a", f"b{layer - 1}b"]
            relations += [f"  - {{source: b{layer}{side}, kind: reports_to, target: {up}}}" for up in ups]
    page = tmp_path / "lattice.html"
    gg.report(gg.loads("\n".join(lines + relations) + "\n"), page)
    assert problems(open_page(browser, page)) == []
    search(browser, "b4a")
    assert "More than 12 routes to the top; the first 12 found:" in panel(browser)
    assert len(route_texts(browser)) == 12
    search(browser, "b0a")
    assert "1 route to the top:" in panel(browser)
