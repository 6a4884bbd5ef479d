"""How long the Schools and Sources pages take to open in a real browser.

Starts `streamlit run app.py` on a corpus (default: a generated one of
10,000 claims, see generate.py), opens the map page once so the corpus is
loaded, then opens each page by URL in headless Chromium and times, from
navigation, (a) until the page's own content shows and (b) until Streamlit
has finished the run (its status widget gone). "first" is the first visit
(per-corpus results are computed then); "again" a fresh tab afterwards. A
fresh tab also loads and starts Streamlit's front end, which a seminar pays
once; so "via the sidebar" times what a reader does once the app is open:
from the map page, a click on the page's name in the sidebar, until the
content shows and the run is done. CPU seconds of the server process are
reported beside wall time. Last, the same fresh tab of a one-line Streamlit
page with argmap's server settings: the floor any Streamlit page pays on
this machine, measured in the same run. Not a test.

usage: python benchmarks/bench_pages.py [--claims 10000] [--corpus DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_click import cpu_seconds  # noqa: E402
from test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    start_server,
    stop_server,
    wait_healthy,
)

PAGES = {
    # page -> text that shows once the page's main content is drawn
    "schools": "contested claims:",
    "sources": "Entries follow the Chicago Manual of Style",
}
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def timed(tab: object, act: Callable[[], object], marker: str,
          pid: int) -> tuple[float, float, float]:
    """Seconds from `act` until `marker` shows and until the run is over, and the
    server's CPU seconds meanwhile; closes the tab."""
    cpu = cpu_seconds(pid)
    started = time.perf_counter()
    act()
    tab.get_by_text(marker).first.wait_for(timeout=600_000, state="attached")  # type: ignore[attr-defined]
    shown = time.perf_counter() - started
    tab.wait_for_timeout(300)  # type: ignore[attr-defined]
    tab.wait_for_function(IDLE, timeout=600_000, polling=100)  # type: ignore[attr-defined]
    done = time.perf_counter() - started
    used = cpu_seconds(pid) - cpu
    tab.close()  # type: ignore[attr-defined]
    return shown, done, used


def open_page(browser: object, url: str, page_name: str, marker: str,
              pid: int) -> tuple[float, float, float]:
    tab = browser.new_page(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    query = f"/?page={page_name}" if page_name else "/"
    return timed(tab, lambda: tab.goto(f"{url}{query}"), marker, pid)


def map_drawn(tab: object, url: str) -> None:
    """Open the map page and wait until its view is shown and the run is over.

    Waiting for Streamlit's status widget alone is not enough: on a session's
    first run it may not have appeared yet, and the bench then went on while
    the corpus was still loading, so the next page paid for it. The view's
    caption ("... nodes, ... edges shown") appears once the map is loaded,
    whatever the view holds (a generated map has no thesis to show)."""
    tab.goto(f"{url}/?page=map")  # type: ignore[attr-defined]
    tab.get_by_text("edges shown").first.wait_for(  # type: ignore[attr-defined]
        timeout=600_000, state="attached")
    tab.wait_for_timeout(300)  # type: ignore[attr-defined]
    tab.wait_for_function(IDLE, timeout=600_000, polling=100)  # type: ignore[attr-defined]


def navigate(browser: object, url: str, label: str, marker: str,
             pid: int) -> tuple[float, float, float]:
    """From the map page, already drawn, to another page by its sidebar entry."""
    tab = browser.new_page(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    map_drawn(tab, url)
    link = tab.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).first
    return timed(tab, link.click, marker, pid)


LABELS = {"schools": "Schools", "sources": "Sources"}

FLOOR_TEXT = "A page with one line of text"
FLOOR_APP = f"""import streamlit as st
st.set_page_config(page_title="floor", layout="wide")
st.markdown("{FLOOR_TEXT}")
"""


def start_floor(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Streamlit's floor: a one-line app with argmap's server settings, so a fresh
    tab of an argmap page can be read against what any Streamlit page costs here."""
    (folder / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
    shutil.copytree(ROOT / ".streamlit", folder / ".streamlit", dirs_exist_ok=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "floor.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--corpus", default=None, help="an existing map folder instead")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            corpus = str(Path(args.corpus).resolve())
        else:
            from generate import generate

            corpus = str(Path(tmp) / "corpus")
            generate(Path(corpus), claims=args.claims)
        server, url = start_server(corpus)
        floor, floor_url = start_floor(Path(tmp))
        try:
            wait_healthy(f"{url}/_stcore/health", server)
            wait_healthy(f"{floor_url}/_stcore/health", floor)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                tab = browser.new_page()
                started = time.perf_counter()
                map_drawn(tab, url)
                print(f"corpus {corpus}: first map page {time.perf_counter() - started:.2f} s "
                      "(loads the corpus)")
                tab.close()
                for name, marker in PAGES.items():
                    samples = [open_page(browser, url, name, marker, server.pid)
                               for _ in range(args.runs + 1)]
                    first, again = samples[0], samples[1:]
                    print(f"{name}: first visit content {first[0]:.2f} s, run done "
                          f"{first[1]:.2f} s, server CPU {first[2]:.2f} s")
                    print(f"{name}: again (median of {len(again)}) content "
                          f"{statistics.median(s[0] for s in again):.2f} s, run done "
                          f"{statistics.median(s[1] for s in again):.2f} s, server CPU "
                          f"{statistics.median(s[2] for s in again):.2f} s")
                for name, marker in PAGES.items():
                    clicks = [navigate(browser, url, LABELS[name], marker, server.pid)
                              for _ in range(args.runs)]
                    print(f"{name}: via the sidebar (median of {len(clicks)}) content "
                          f"{statistics.median(s[0] for s in clicks):.2f} s, run done "
                          f"{statistics.median(s[1] for s in clicks):.2f} s, server CPU "
                          f"{statistics.median(s[2] for s in clicks):.2f} s")
                # The floor: the same fresh tab of a page that only shows a line of text.
                floors = [open_page(browser, floor_url, "", FLOOR_TEXT, floor.pid)
                          for _ in range(args.runs + 1)][1:]
                print(f"floor, a one-line Streamlit page in a fresh tab (median of "
                      f"{len(floors)}): content {statistics.median(s[0] for s in floors):.2f} s, "
                      f"run done {statistics.median(s[1] for s in floors):.2f} s, server CPU "
                      f"{statistics.median(s[2] for s in floors):.2f} s")
                browser.close()
        finally:
            stop_server(server)
            stop_server(floor)


if __name__ == "__main__":
    main()
