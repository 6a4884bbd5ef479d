"""Click latency of the seminar app: node click -> updated claim panel.

Starts `streamlit run app.py` on the chapter map, opens the section view of
"The Rise of Stalin" in headless Chromium, and clicks two visible claim nodes
alternately; each sample is the wall time from the click to the claim panel
showing the clicked claim's text. Prints the median (and spread) of 20 clicks,
three ways: from Playwright's click call (which adds its own actionability
checks), from the browser's own pointerdown event (what a user waits for), and
the server's CPU time per click (user + system time of the Streamlit process,
which load on the machine does not inflate the way it inflates wall time).

usage: python benchmarks/bench_click.py [--clicks 20] [--corpus arguments]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    start_server,
    stop_server,
    wait_healthy,
)

from argmap.core.loader import load_corpus  # noqa: E402

VIEW = "section:rise-of-stalin"
START = "rise-kasahara-confirmed-fears"

VISIBLE_CLAIMS = """(claims) => {
  const host = document.querySelector('.argmap-stage')
    || [...document.querySelectorAll('*')].map(e => e.shadowRoot)
         .filter(Boolean).map(r => r.querySelector('.argmap-stage')).find(Boolean);
  const stage = host.getBoundingClientRect();
  const root = host.getRootNode();
  return [...root.querySelectorAll('g.node[data-node-id]')].filter(g => {
    const r = g.getBoundingClientRect();
    return claims.includes(g.dataset.nodeId) && r.left >= stage.left && r.right <= stage.right
      && r.top >= stage.top && r.bottom <= stage.bottom && r.width > 20;
  }).map(g => g.dataset.nodeId);
}"""

PANEL_AFTER_POINTERDOWN = """(expected) => new Promise(resolve => {
  const tick = () => {
    const el = document.querySelector('.argmap-claim-text');
    if (el && el.textContent.startsWith(expected)) resolve(performance.now() - window.__argmapDown);
    else requestAnimationFrame(tick);
  };
  tick();
})"""

RECORD_POINTERDOWN = """() => document.addEventListener('pointerdown',
  () => { window.__argmapDown = performance.now(); }, true)"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


PANEL_SHOWS = """(expected) => {
  const el = document.querySelector('.argmap-claim-text');
  return el !== null && el.textContent.startsWith(expected);
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--corpus", default=os.environ.get("ARGMAP_CORPUS", "arguments"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    corpus_dir = Path(args.corpus)
    claims = load_corpus(corpus_dir if corpus_dir.is_absolute() else ROOT / corpus_dir).claims
    server, url = start_server(args.corpus)
    try:
        wait_healthy(f"{url}/_stcore/health", server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(f"{url}/?view={VIEW}&claim={START}")
            page.wait_for_function(PANEL_SHOWS, arg=claims[START].text[:40], timeout=60_000)
            page.wait_for_selector(f'g.node[id="n-{START}"]', timeout=60_000)
            page.wait_for_timeout(1500)  # the first view is set after the SVG arrives
            visible = page.evaluate(VISIBLE_CLAIMS, list(claims))
            if len(visible) < 2:
                raise SystemExit(f"need two visible claim nodes, found {visible}")
            pair = [next(c for c in visible if c != START), START]
            page.evaluate(RECORD_POINTERDOWN)
            samples, in_page = [], []
            cpu_before = cpu_seconds(server.pid)
            for i in range(args.clicks):
                target = pair[i % 2]
                node = page.locator(f'g.node[id="n-{target}"]')
                started = time.perf_counter()
                node.click()
                in_page.append(page.evaluate(PANEL_AFTER_POINTERDOWN, claims[target].text[:40]))
                samples.append(time.perf_counter() - started)
                page.wait_for_timeout(200)  # a reader's pause; keeps clicks from queueing
            cpu_ms = (cpu_seconds(server.pid) - cpu_before) * 1000 / len(samples)
            browser.close()
    finally:
        stop_server(server)
    ms = sorted(s * 1000 for s in samples)
    print(f"click -> claim panel on {VIEW} ({len(ms)} clicks between {pair[0]} and {pair[1]}):")
    print(f"  from Playwright's click: median {statistics.median(ms):.0f} ms   "
          f"min {ms[0]:.0f} ms   max {ms[-1]:.0f} ms")
    own = sorted(in_page)
    print(f"  from the browser's pointerdown: median {statistics.median(own):.0f} ms   "
          f"min {own[0]:.0f} ms   max {own[-1]:.0f} ms")
    print(f"  server CPU per click: {cpu_ms:.0f} ms   (load average now {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
