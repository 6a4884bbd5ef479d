"""A seminar's worth of students: N concurrent headless browser sessions clicking
nodes on the chapter map, against one Streamlit server. Not a test.

Each session opens the Rise of Stalin section map, then clicks two visible
claims alternately; a sample is the wall time from a click to the claim panel
showing the clicked claim. Sessions run in threads of one Playwright driver,
each in its own browser context (separate cookies and Streamlit session).
Reports p50/p95 click-to-panel, errors, cross-session leaks (a panel showing a
claim this session did not click), the server's CPU seconds per page load and
per click, the browsers' CPU beside the server's, and the server's RSS: started,
with the map loaded (one session opened and closed), at peak, and 20 s and
150 s after every session closed (Streamlit frees a closed session after 120 s).

usage: python benchmarks/bench_load.py [--sessions 30] [--clicks 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_click import PANEL_SHOWS, START, VIEW, VISIBLE_CLAIMS  # noqa: E402
from bench_click import cpu_seconds as cpu_s  # noqa: E402
from test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    start_server,
    stop_server,
    wait_healthy,
)

from argmap.core.loader import load_corpus  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def browsers_cpu_s() -> float:
    """CPU seconds of every Chromium process on the machine: the 30 browsers share the
    server's cores here, which students' laptops do not."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if not (proc / "comm").read_text().startswith(("chrom", "headless_shell")):
                continue
            total += cpu_s(int(proc.name))
        except (OSError, ValueError, IndexError):
            continue
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def class_options(description: str) -> argparse.ArgumentParser:
    """The options every class-sized benchmark takes (this one and bench_serve)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--clicks", type=int, default=5)
    parser.add_argument("--settle", type=int, default=130,
                        help="seconds more to wait before the last memory reading")
    return parser


def rss_after_close(pid: int, settle: int) -> tuple[float, float]:
    """The server's RSS 20 s after the sessions closed, and `settle` s later: Streamlit
    keeps a closed session for server.disconnectedSessionTTL (120 s by default) in
    case its browser reconnects; only then is it freed."""
    time.sleep(20)
    after = rss_mb(pid)
    time.sleep(settle)
    return after, rss_mb(pid)


def rss_line(rss: tuple[float, float, float, float, float], settle: int) -> str:
    """The server's RSS through a run: started, map loaded, peak, 20 s and 20 + settle
    s after the sessions closed."""
    idle, warm, peak, after, settled = rss
    return (f"server RSS: started {idle:.0f} MB, map loaded {warm:.0f} MB, peak {peak:.0f} MB, "
            f"20 s after the sessions closed {after:.0f} MB, {20 + settle} s after {settled:.0f} MB")


def main() -> None:
    args = class_options(__doc__.splitlines()[0]).parse_args()
    from playwright.sync_api import sync_playwright

    claims = load_corpus(ROOT / "arguments").claims
    load_average = os.getloadavg()[0]
    server, url = start_server("arguments")
    samples: list[float] = []
    loads: list[float] = []
    errors: list[str] = []
    leaks = 0
    lock = threading.Lock()
    try:
        wait_healthy(f"{url}/_stcore/health", server)
        time.sleep(2)
        idle_rss = rss_mb(server.pid)
        peak = [idle_rss]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            # Warm the server once (the corpus load and first render are per process).
            warm = browser.new_page()
            warm.goto(f"{url}/?view={VIEW}&claim={START}")
            warm.wait_for_function(PANEL_SHOWS, arg=claims[START].text[:40], timeout=300_000)
            warm.close()
            time.sleep(2)
            warm_rss = rss_mb(server.pid)  # the map loaded and drawn once: the server's idle
            contexts = [browser.new_context(viewport={"width": 1600, "height": 1000})
                        for _ in range(args.sessions)]
            pages = [c.new_page() for c in contexts]
            cpu0 = cpu_s(server.pid)
            started = time.perf_counter()
            # Playwright's sync API is bound to this thread, so sessions are
            # driven round-robin: every session's page load is issued at once,
            # then each round issues one click in every session before waiting.
            for page in pages:
                try:
                    page.goto(f"{url}/?view={VIEW}&claim={START}", wait_until="commit",
                              timeout=300_000)
                except Exception as exc:  # counted, not fatal
                    errors.append(f"goto: {type(exc).__name__}")
            for page in pages:
                t0 = time.perf_counter()
                try:
                    page.wait_for_function(PANEL_SHOWS, arg=claims[START].text[:40],
                                           timeout=300_000)
                    page.wait_for_selector(f'g.node[id="n-{START}"]', timeout=300_000)
                except Exception as exc:  # counted, not fatal
                    errors.append(f"load: {type(exc).__name__}")
                loads.append(time.perf_counter() - t0)
            load_cpu = cpu_s(server.pid) - cpu0
            load_wall = time.perf_counter() - started
            pairs = []
            for page in pages:
                visible = page.evaluate(VISIBLE_CLAIMS, list(claims)) or [START]
                pairs.append([next((c for c in visible if c != START), START), START])
            cpu1 = cpu_s(server.pid)
            browsers1 = browsers_cpu_s()
            clicks_started = time.perf_counter()
            for i in range(args.clicks):
                clicked = []
                for page, pair in zip(pages, pairs, strict=True):
                    target = pair[i % 2]
                    clicked.append((page, target, time.perf_counter()))
                    try:
                        page.locator(f'g.node[id="n-{target}"]').click(timeout=60_000,
                                                                        no_wait_after=True)
                    except Exception as exc:  # counted, not fatal
                        errors.append(f"click: {type(exc).__name__}")
                for page, target, t0 in clicked:
                    try:
                        page.wait_for_function(PANEL_SHOWS, arg=claims[target].text[:40],
                                               polling="raf", timeout=120_000)
                        with lock:
                            samples.append(time.perf_counter() - t0)
                    except Exception as exc:  # counted, not fatal
                        text = page.evaluate("() => document.querySelector("
                                             "'.argmap-claim-text')?.textContent || ''")
                        if text and not any(text.startswith(claims[c].text[:40])
                                            for c in (START, target)):
                            leaks += 1
                        errors.append(f"panel: {type(exc).__name__}")
                peak.append(rss_mb(server.pid))
            click_cpu = cpu_s(server.pid) - cpu1
            browsers_click_cpu = browsers_cpu_s() - browsers1
            clicks_wall = time.perf_counter() - clicks_started
            for context in contexts:
                context.close()
            browser.close()
        after_rss, settled_rss = rss_after_close(server.pid, args.settle)
    finally:
        stop_server(server)
    n = args.sessions
    print(f"{n} sessions x {args.clicks} clicks on {VIEW} (load average at start "
          f"{load_average:.1f}; the machine is shared with other work)")
    print(f"page load: median {statistics.median(loads):.2f} s over {len(loads)} sessions, "
          f"all {n} loaded in {load_wall:.1f} s; server CPU {load_cpu / n * 1000:.0f} ms per load")
    if samples:
        print(f"click-to-panel: p50 {percentile(samples, 0.5):.2f} s, "
              f"p95 {percentile(samples, 0.95):.2f} s, max {max(samples):.2f} s "
              f"({len(samples)} clicks); server CPU {click_cpu / max(1, len(samples)) * 1000:.0f} "
              "ms per click")
        print(f"click rounds: {clicks_wall:.1f} s wall for {len(samples)} clicks; CPU in that "
              f"time: server {click_cpu:.1f} s, the {n} browsers {browsers_click_cpu:.1f} s "
              f"({os.cpu_count()} cores)")
    print(f"errors: {len(errors)} {sorted(set(errors))}; cross-session leaks: {leaks}")
    print(rss_line((idle_rss, warm_rss, max(peak), after_rss, settled_rss), args.settle))


if __name__ == "__main__":
    main()
