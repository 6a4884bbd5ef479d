"""Accessibility: axe-core (WCAG 2.1 A and AA rules) on every page of the app.

Seminar leaders compare the app with tools that claim WCAG 2.1 AA, so every
page, on the bundled map, must show no serious or critical axe violation.

axe-core is vendored as one file (tests/vendor/axe.min.js, axe-core 4.14.1 from
npm, MPL-2.0: see tests/vendor/axe-core.LICENSE and tests/vendor/README.md) so
the test needs no network. Marked `browser`; skipped with the reason when
Chromium or playwright is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_healthy

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

# Every page of the app, and the map with a claim selected (the claim panel).
PAGES = {
    "map": "?page=map",
    "map-claim": "?claim=rise-kasahara-confirmed-fears&view=section:rise-of-stalin",
    "walkthrough": "?page=walkthrough",
    "schools": "?page=schools",
    "sources": "?page=sources",
    "timeline": "?page=timeline",
    "search": "?page=search",
}

# Streamlit's own chrome, which the app cannot change, is left out of the scan:
# - header[data-testid="stHeader"]: the toolbar (main menu, deploy, running
#   indicator) that Streamlit draws over every app.
# - [data-testid="stStatusWidget"]: the "Running..." status that appears while
#   a script reruns; a transient Streamlit element.
EXCLUDE = [
    'header[data-testid="stHeader"]',
    '[data-testid="stStatusWidget"]',
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    server, url = start_server()
    try:
        wait_healthy(f"{url}/_stcore/health", server)
        yield url
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


IDLE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const shown = main && Array.from(main.querySelectorAll("h1, h2, h3, p"))
    .some((el) => el.getClientRects().length > 0);
  return shown && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]');
}"""


def wait_for_app(page: Any, name: str) -> None:
    """Wait until Streamlit has drawn the page and stopped running the script."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible(timeout=30_000)
    if name.startswith("map"):
        expect(page.locator("g.node[data-node-id]").first).to_be_visible(timeout=30_000)
    if name == "map-claim":
        expect(page.locator(".argmap-claim-text")).to_be_visible(timeout=30_000)
    # Idle: content shown, no "running" status, no stale element; a URL-synced
    # widget can start one more rerun, so wait, then check again.
    page.wait_for_function(IDLE, timeout=30_000)
    page.wait_for_timeout(1000)
    page.wait_for_function(IDLE, timeout=30_000)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe-core and return the violations on the app's content."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        """async ([exclude, tags]) => await axe.run(
               {include: [document], exclude: exclude.map(s => [s])},
               {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        [EXCLUDE, WCAG_TAGS],
    )
    return list(result["violations"])


def report(violations: list[dict[str, Any]]) -> str:
    """One line per failing element: rule, impact, target and axe's summary."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"{v['id']} [{v['impact']}] {node['target']}: {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violation(base_url: str, browser: Any, name: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{base_url}/{PAGES[name]}")
        wait_for_app(page, name)
        violations = run_axe(page)
    finally:
        page.close()
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    print(f"\n{name}: {len(violations)} axe violation rule(s)\n{report(violations)}")
    assert not blocking, f"{name}: serious/critical axe violations:\n{report(blocking)}"
