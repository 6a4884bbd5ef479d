"""The app in a real browser: click a node in the map, see the claim panel.

Marked `browser`; skipped (with the reason) when Chromium or playwright is
missing. Starts `streamlit run app.py` on a free port and always stops it.
Saves docs/screenshot.png for the README.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

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


def start_server(corpus: str | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app on a free port; return the process and its base URL."""
    port = free_port()
    env = dict(os.environ, ARGMAP_CORPUS=corpus or os.environ.get("ARGMAP_TEST_CORPUS")
               or "arguments")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return server, f"http://127.0.0.1:{port}"


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


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


def test_clicking_a_node_shows_the_claim_and_puts_it_in_the_url(base_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    from argmap.graph import build_graph
    from argmap.loader import load_corpus

    corpus_dir = os.environ.get("ARGMAP_TEST_CORPUS") or str(ROOT / "arguments")
    graph = build_graph(load_corpus(corpus_dir))
    thesis = graph.theses("work")[0]
    text = graph.corpus.claims[thesis].text

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
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
            page.wait_for_timeout(500)
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()
