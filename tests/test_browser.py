"""The app in a real browser: click a node in the map, see the claim panel.

Marked `browser`; skipped (with the reason) when Chromium or playwright is
missing. Starts `streamlit run app.py` on a free port and always stops it.
Saves docs/screenshot.png for the README (a readable map beside its panel) and
a screenshot of every view at laptop and projector size under pytest's tmp
dir (or $ARGMAP_SCREENSHOTS), to be looked at as a seminar would.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOT = ROOT / "docs" / "screenshot.png"
KASAHARA = "rise-kasahara-confirmed-fears"

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy at {url}")


def dev_module() -> Any:
    """dev.py, the README's launcher, loaded from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("argmap_dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def start_server(corpus: str | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app on a free port, in the environment `dev.py app` gives it; return
    the process and its base URL."""
    port = free_port()
    env = dev_module().app_env(dict(
        os.environ, ARGMAP_CORPUS=corpus or os.environ.get("ARGMAP_TEST_CORPUS") or "arguments"))
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return server, f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def serve_app(corpus: str | None = None) -> Iterator[str]:
    """The app on `corpus` (the bundled map by default), served on a free port until
    the block ends; skips, with the reason, without Chromium or playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    server, url = start_server(corpus)
    try:
        wait_healthy(f"{url}/_stcore/health", server)
        yield url
    finally:
        stop_server(server)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def test_clicking_a_node_shows_the_claim_and_puts_it_in_the_url(base_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    from argmap.core.loader import load_corpus
    from argmap.graph import build_graph

    corpus_dir = os.environ.get("ARGMAP_TEST_CORPUS") or str(ROOT / "arguments")
    graph = build_graph(load_corpus(corpus_dir))
    thesis = graph.theses("work")[0]
    text = graph.corpus.claims[thesis].text

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})  # a laptop
            page.goto(f"{base_url}/?view=overview")
            node = page.locator(f'g.node[id="n-{thesis}"]')
            expect(node).to_be_visible(timeout=30_000)
            expect(node).to_have_attribute("role", "button")
            expect(node).to_have_attribute("tabindex", "0")
            node.click()
            panel = page.locator(".argmap-claim-text")
            expect(panel).to_contain_text(text[:60], timeout=15_000)
            expect(page).to_have_url(re.compile(rf"[?&]claim={thesis}(&|$)"), timeout=15_000)
            expect(page.locator(f'g.node.argmap-selected[id="n-{thesis}"]')).to_have_count(1)

            # Keyboard: focus another node and press Enter.
            other = next(c for c in graph.theses() if c != thesis)
            page.locator(f'g.node[id="n-{other}"]').focus()
            page.keyboard.press("Enter")
            expect(panel).to_contain_text(graph.corpus.claims[other].text[:60], timeout=15_000)
            expect(page).to_have_url(re.compile(rf"[?&]claim={other}(&|$)"), timeout=15_000)

            # Leaving the map and coming back remounts the component: the SVG, which
            # the server sends only when it changes, must come back with it.
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.get_by_text("Schools", exact=True).click()
            expect(page.locator("h1", has_text="Schools compared")).to_be_visible(timeout=15_000)
            sidebar.get_by_text("Map", exact=True).click()
            expect(page.locator(f'g.node[id="n-{other}"]')).to_be_visible(timeout=15_000)

            # A pasted link reopens the same view and claim; keep it as the README picture.
            page.goto(f"{base_url}/?view=section:rise-of-stalin&claim={KASAHARA}")
            expect(page.locator(f'g.node.argmap-selected[id="n-{KASAHARA}"]')).to_have_count(
                1, timeout=30_000)
            expect(panel).to_contain_text(graph.corpus.claims[KASAHARA].text[:40])
            first_paint(page, KASAHARA)
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()


# --- A map a seminar can read (issue 10) -------------------------------------

LAPTOP = {"width": 1440, "height": 900}
PROJECTOR = {"width": 1920, "height": 1080}
MIN_TEXT_PX = 12  # node text at 1440x900, first paint
MIN_PROJECTOR_TEXT_PX = 18  # with projector mode at 1920x1080

# Runs in the page: the map stage (inside the component's shadow root, if any)
# and the rendered heights of the node text lines wholly inside it.
MEASURE = """(focus) => {
  const roots = [document, ...[...document.querySelectorAll('*')]
    .map((e) => e.shadowRoot).filter(Boolean)];
  const stage = roots.map((r) => r.querySelector('.argmap-stage')).find(Boolean);
  const root = stage && stage.closest('.argmap-root');
  if (!stage || !root || root.dataset.ready !== '1') return null;
  const s = stage.getBoundingClientRect();
  const inside = (r) => r.left >= s.left - 0.5 && r.right <= s.right + 0.5
    && r.top >= s.top - 0.5 && r.bottom <= s.bottom + 0.5;
  const heights = [...stage.querySelectorAll('g.node[data-node-id] text')]
    .map((t) => t.getBoundingClientRect()).filter((r) => r.height > 0 && inside(r))
    .map((r) => r.height);
  const el = focus ? stage.querySelector(`g.node[id="n-${CSS.escape(focus)}"]`) : null;
  const f = el ? el.getBoundingClientRect() : null;
  return {
    shown: heights.length, min: heights.length ? Math.min(...heights) : 0,
    stage: [s.left, s.top, s.right, s.bottom],
    focusInStage: f ? inside(f) : null,
    focusInWindow: f ? f.top >= 0 && f.bottom <= window.innerHeight : null,
    focusOffCentre: f ? [Math.abs((f.left + f.right) / 2 - (s.left + s.right) / 2) / s.width,
                         Math.abs((f.top + f.bottom) / 2 - (s.top + s.bottom) / 2) / s.height]
      : null,
  };
}"""


@pytest.fixture(scope="module")
def graph() -> Any:
    from argmap.core.loader import load_corpus
    from argmap.graph import build_graph

    return build_graph(load_corpus(os.environ.get("ARGMAP_TEST_CORPUS") or ROOT / "arguments"))


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("ARGMAP_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def every_view(graph: Any) -> dict[str, tuple[str, str]]:
    """One URL query per view kind (and the Walkthrough), with the node it should
    open centred on ("" when the view's own focus decides)."""
    corpus = graph.corpus
    school = next(iter(corpus.schools))
    person = next(p for p in corpus.people
                  if any(p in c.people for c in corpus.claims.values()))
    event = next(e for e in corpus.events if any(e in c.events for c in corpus.claims.values()))
    thesis = graph.theses("work")[0]
    return {
        "overview": ("view=overview", thesis),
        "section": ("view=section:rise-of-stalin", ""),
        "section-selected": (f"view=section:rise-of-stalin&claim={KASAHARA}", KASAHARA),
        "paragraph": ("view=paragraph:rise-of-stalin:10", ""),
        "claim": (f"view=claim:{KASAHARA}", KASAHARA),
        "trace": (f"view=trace:{KASAHARA}", KASAHARA),
        "school": (f"view=school:{school}", ""),
        "accept": (f"view=accept:{school}", ""),
        "strength": (f"view=strength:{school}", ""),
        "person": (f"view=person:{person}", ""),
        "event": (f"view=event:{event}", ""),
        "walkthrough": ("page=walkthrough&section=rise-of-stalin&para=10", ""),
    }


ALL_NODES_IN_STAGE = """() => {
  const host = document.querySelector('.argmap-stage')
    || [...document.querySelectorAll('*')].map(e => e.shadowRoot)
         .filter(Boolean).map(r => r.querySelector('.argmap-stage')).find(Boolean);
  const s = host.getBoundingClientRect();
  return [...host.getRootNode().querySelectorAll('g.node[data-node-id]')]
    .filter(g => !g.closest('.argmap-legend'))
    .filter(g => { const r = g.getBoundingClientRect();
                   return r.left < s.left || r.right > s.right || r.top < s.top || r.bottom > s.bottom; })
    .map(g => g.dataset.nodeId);
}"""


def first_paint(page: Any, focus: str) -> dict[str, Any]:
    page.wait_for_function(f"() => ({MEASURE})('') !== null", timeout=30_000)
    page.wait_for_timeout(300)  # the first view is set in the next animation frame
    result: dict[str, Any] = page.evaluate(MEASURE, focus)
    return result


@pytest.mark.parametrize("size", ["laptop", "projector"])
def test_every_view_opens_readable_with_its_focus_in_view(
    base_url: str, graph: Any, shots: Path, size: str
) -> None:
    from playwright.sync_api import sync_playwright

    viewport, extra, minimum = ((LAPTOP, "", MIN_TEXT_PX) if size == "laptop"
                                else (PROJECTOR, "&projector=1", MIN_PROJECTOR_TEXT_PX))
    failures: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=viewport)
            for name, (query, focus) in every_view(graph).items():
                page.goto(f"{base_url}/?{query}{extra}")
                got = first_paint(page, focus)
                page.screenshot(path=str(shots / f"{size}-{name}.png"))
                if got["shown"] < 3 or got["min"] < minimum:
                    failures.append(f"{name}: {got['shown']} text lines in view, smallest "
                                    f"{got['min']:.1f} px (need {minimum})")
                if focus and not got["focusInStage"]:
                    failures.append(f"{name}: {focus} is not on the stage")
                if name == "overview" and (outside := page.evaluate(ALL_NODES_IN_STAGE)):
                    failures.append(f"overview: theses off the stage at first sight: {outside}")
                if focus and focus == KASAHARA and max(got["focusOffCentre"]) > 0.1:
                    failures.append(f"{name}: {focus} is off centre {got['focusOffCentre']}")
        finally:
            browser.close()
    assert not failures, "\n".join(failures)


def test_a_search_hit_opens_the_claim_on_the_map_in_view(base_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=LAPTOP)
            page.goto(f"{base_url}/?page=search&q=kasahara")
            page.locator(f".st-key-hit-{KASAHARA} button").first.click(timeout=30_000)
            expect(page).to_have_url(re.compile(r"view=section(:|%3A)rise-of-stalin"),
                                     timeout=15_000)
            expect(page.locator(f'g.node.argmap-selected[id="n-{KASAHARA}"]')).to_have_count(
                1, timeout=30_000)
            got = first_paint(page, KASAHARA)
            assert got["focusInStage"] and got["focusInWindow"], got
            assert got["min"] >= MIN_TEXT_PX, got
            # The panel is beside the map, at the top of its own scrolling box.
            panel = page.locator(".argmap-claim-text")
            expect(panel).to_be_in_viewport()
        finally:
            browser.close()


def test_walkthrough_opens_the_panel_in_view_and_steps_with_arrow_keys(
    base_url: str, graph: Any, shots: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=LAPTOP)
            page.goto(f"{base_url}/?page=walkthrough&section=rise-of-stalin&para=10")
            first_paint(page, "")
            page.locator(f".st-key-walk-node-{KASAHARA} button").first.click(timeout=30_000)
            panel = page.locator(".argmap-claim-text")
            expect(panel).to_contain_text(graph.corpus.claims[KASAHARA].text[:40],
                                          timeout=15_000)
            expect(panel).to_be_in_viewport()
            got = first_paint(page, KASAHARA)
            assert got["focusInStage"], got
            page.screenshot(path=str(shots / "laptop-walkthrough-open.png"))
            # Right arrow (focus outside the map and the pickers) is "Next".
            page.locator("h4").first.click()
            page.keyboard.press("ArrowRight")
            expect(page).to_have_url(re.compile(r"para=11"), timeout=15_000)
            expect(page).not_to_have_url(re.compile(r"claim="), timeout=15_000)
            expect(page.locator(".st-key-walk-close")).to_have_count(0)
        finally:
            browser.close()


ACTIVE_NODE = """() => {
  const roots = [document, ...[...document.querySelectorAll('*')]
    .map((e) => e.shadowRoot).filter(Boolean)];
  const a = roots.map((r) => r.activeElement).filter(Boolean).pop();
  return a && a.dataset ? a.dataset.nodeId || '' : '';
}"""


def test_map_keyboard_names_and_wheel(base_url: str, graph: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=LAPTOP)
            page.goto(f"{base_url}/?view=section:rise-of-stalin&claim={KASAHARA}")
            first_paint(page, KASAHARA)
            node = page.locator(f'g.node[id="n-{KASAHARA}"]')
            expect(node).to_have_attribute("role", "button")
            expect(node).to_have_attribute("aria-label", re.compile(
                r"^causal · ¶10 Kasahara .*\. Supported by \d+, attacked by \d+\.$"))
            # A plain wheel over the map scrolls the page, it does not zoom the map.
            svg = page.locator(".argmap-stage svg")
            before = svg.get_attribute("viewBox")
            box = svg.bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.wheel(0, 300)
            page.wait_for_timeout(200)
            assert svg.get_attribute("viewBox") == before
            page.keyboard.down("Control")
            page.mouse.wheel(0, -300)
            page.keyboard.up("Control")
            page.wait_for_timeout(200)
            assert svg.get_attribute("viewBox") != before
            # Arrow keys move between nodes; ] follows a relation; Enter opens.
            node.focus()
            page.keyboard.press("]")
            first = page.evaluate(ACTIVE_NODE)
            page.keyboard.press("]")
            second = page.evaluate(ACTIVE_NODE)
            near = graph.neighbours(KASAHARA)
            assert first in near and second in near and first != second, (first, second)
            node.focus()
            page.keyboard.press("ArrowUp")
            moved = page.evaluate(ACTIVE_NODE)
            assert moved and moved != KASAHARA
            page.keyboard.press("Enter")
            expect(page).to_have_url(re.compile(rf"claim={re.escape(moved)}(&|$)"),
                                     timeout=15_000)
        finally:
            browser.close()


def test_a_new_page_starts_at_the_top(base_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    scrolled = """() => Math.max(0, ...[document.scrollingElement,
        ...document.querySelectorAll('[data-testid=stMain]')].filter(Boolean)
        .map((e) => e.scrollTop))"""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=LAPTOP)
            page.goto(f"{base_url}/?page=sources")
            sidebar = page.locator('[data-testid="stSidebar"]')
            expect(sidebar.get_by_text("Schools", exact=True)).to_be_visible(timeout=30_000)
            page.mouse.move(800, 500)
            page.mouse.wheel(0, 3000)
            page.wait_for_function(f"() => ({scrolled})() > 0", timeout=15_000)
            sidebar.get_by_text("Schools", exact=True).click()
            expect(page.locator("h1", has_text="Schools compared")).to_be_visible(timeout=15_000)
            page.wait_for_function(f"() => ({scrolled})() === 0", timeout=15_000)
        finally:
            browser.close()
