"""What one server carries: N seminar sessions clicking claims, with light clients.

bench_load.py drives real browsers, but on one 2-core machine the 30 headless
Chromiums need about 0.4 CPU-seconds each to draw a click (Streamlit's React
re-render, style, paint), more than ten times the server's share, so they, not
the server, set its latencies. Students' browsers run on their own laptops.
This benchmark measures the server alone: each session is a websocket client
speaking Streamlit's own protocol (the BackMsg and ForwardMsg protobufs its
front end sends and receives), in one asyncio process that costs a few ms
of CPU per click.

Each session opens the Rise of Stalin section with a claim selected (the page
load: the first script run, the map's SVG and the panel), then, in rounds,
clicks one of two claims alternately: the same rerun message a browser sends
for a click on a node (the map component's `clicked` trigger, in the map's
fragment). A sample is the time from sending the click to receiving the
panel's heading for that claim, and to the end of the run. `--spread S` lets
the students of one round click at random moments within S seconds (a seminar
leader says "click the claim about Kasahara"); 0 sends every click of a round
at once, the worst case. Reports p50/p95/max, errors (a run that raised, a
panel that never came), cross-session leaks (a panel for a claim this session
did not click), server CPU per page load and per click, the client process's
own CPU, and the server's RSS: started, map loaded, peak, and 20 s and
`--settle` s after every session closed.

usage: python benchmarks/bench_serve.py [--sessions 30] [--clicks 5] [--spread 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_click import START, VIEW  # noqa: E402
from bench_click import cpu_seconds as cpu_s  # noqa: E402
from bench_load import class_options, percentile, rss_after_close, rss_line, rss_mb  # noqa: E402
from streamlit.components.v2.bidi_component.main import _make_trigger_id  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from test_browser import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_healthy  # noqa: E402
from websockets.asyncio.client import ClientConnection, connect  # noqa: E402

from argmap.core.loader import load_corpus  # noqa: E402


@dataclass(frozen=True)
class Scene:
    """Where the students are: a map folder, the view they open, the claim selected."""

    corpus: str
    view: str
    start: str

    @property
    def query(self) -> str:
        return f"view={self.view}&claim={self.start}"


CHAPTER = Scene("arguments", VIEW, START)
MAP_COMPONENT = "argmap_map"
TIMEOUT = 300.0
PARALLEL_FETCHES = 6
"""A browser's connections per host."""


def recorded_assets(url: str, scene: Scene = CHAPTER) -> list[str]:
    """Every HTTP path a fresh Chromium fetches from the server to open the page
    (index, script and style bundles, the components' files, host config), so the
    light clients ask the server for exactly what a new student's browser asks for."""
    from playwright.sync_api import sync_playwright

    paths: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: paths.append(r.url[len(url):])
                if r.url.startswith(url) and r.method == "GET"
                and r.resource_type != "websocket" else None)
        page.goto(f"{url}/?{scene.query}")
        page.wait_for_selector(f'g.node[id="n-{scene.start}"]', timeout=300_000)
        page.wait_for_timeout(1000)
        browser.close()
    return [p for p in dict.fromkeys(paths) if not p.startswith("/_stcore/stream")]


def fetch(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return len(response.read())


async def fetch_assets(origin: str, paths: list[str], pool: ThreadPoolExecutor) -> None:
    """The page's files, PARALLEL_FETCHES at a time, as one browser would fetch them."""
    loop = asyncio.get_running_loop()
    for i in range(0, len(paths), PARALLEL_FETCHES):
        await asyncio.gather(*(loop.run_in_executor(pool, fetch, origin + p)
                               for p in paths[i:i + PARALLEL_FETCHES]))


@dataclass
class Session:
    """One student's connection, and what the server told it."""

    ws: ClientConnection
    query: str
    pair: list[str]
    """The two claims this session clicks in turn."""
    start: str
    """The claim selected when the page opens."""
    page_hash: str = ""
    trigger: str = ""
    fragment: str = ""
    panels: list[str] = field(default_factory=list)
    """The node id of every claim panel heading received, in order."""
    errors: list[str] = field(default_factory=list)


def panel_of(text: str) -> str | None:
    """The node id a panel heading names: the panel's first line ends in `id`."""
    first = text.splitlines()[0] if text else ""
    if first.endswith("`") and first.count("`") >= 2:
        return first[first[:-1].rfind("`") + 1:-1]
    return None


async def run(session: Session, message: BackMsg, want: str | None) -> tuple[float, float]:
    """Send one rerun; seconds until the panel for `want` arrived and until the run
    ended (the panel time is the end time when `want` is None)."""
    started = time.perf_counter()
    await session.ws.send(message.SerializeToString())
    panel_at = None
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(session.ws.recv(), TIMEOUT))
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            session.page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            session.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                session.errors.append(f"exception: {element.exception.message[:80]}")
            elif which == "bidi_component" and element.bidi_component.component_name.endswith(
                    MAP_COMPONENT):
                session.trigger = _make_trigger_id(element.bidi_component.id, "events")
                session.fragment = msg.delta.fragment_id
            elif which == "markdown":
                node = panel_of(element.markdown.body)
                if node is not None:
                    session.panels.append(node)
                    if node == want and panel_at is None:
                        panel_at = time.perf_counter() - started
        elif kind == "script_finished":
            done = time.perf_counter() - started
            if want is None:
                return done, done
            return (panel_at if panel_at is not None else float("nan")), done


def open_message(query: str) -> BackMsg:
    message = BackMsg()
    message.rerun_script.query_string = query
    return message


def click_message(session: Session, node: str) -> BackMsg:
    """What the browser sends for a click on a map node: the map's trigger, in its
    fragment, with the page's query string."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = session.query
    state.page_script_hash = session.page_hash
    state.fragment_id = session.fragment
    widget = state.widget_states.widgets.add()
    widget.id = session.trigger
    widget.json_trigger_value = json.dumps([{"event": "clicked", "value": node}])
    return message


async def student(ws_url: str, origin: str, pair: list[str], args: argparse.Namespace,
                  rounds: list[asyncio.Barrier], loads: list[float], samples: list[float],
                  ends: list[float], report: list[Session], assets: list[str],
                  pool: ThreadPoolExecutor, scene: Scene) -> None:
    """One student: open the page, then one click per round. A student that fails
    breaks the rounds' barriers, so the others stop instead of waiting for ever."""
    try:
        started = time.perf_counter()
        await fetch_assets(origin, assets, pool)
        async with connect(ws_url, subprotocols=["streamlit"],  # type: ignore[list-item]
                           origin=origin,  # type: ignore[arg-type]
                           max_size=None, open_timeout=TIMEOUT, ping_timeout=None) as ws:
            session = Session(ws, scene.query, pair, scene.start)
            report.append(session)
            await run(session, open_message(session.query), None)
            loads.append(time.perf_counter() - started)
            if scene.start not in session.panels or not session.trigger:
                session.errors.append("load: no panel or no map")
            await rounds[0].wait()
            for i in range(args.clicks):
                target = pair[i % 2]
                await asyncio.sleep(random.uniform(0, args.spread))
                panel, end = await run(session, click_message(session, target), target)
                if panel != panel:  # NaN: the panel never came
                    session.errors.append("click: no panel")
                else:
                    samples.append(panel)
                    ends.append(end)
                await rounds[1 + i].wait()
    except BaseException:
        for barrier in rounds:
            await barrier.abort()
        raise


def leaks(sessions: list[Session]) -> int:
    """Panels for a claim a session never clicked nor opened."""
    return sum(1 for s in sessions for p in s.panels if p not in (*s.pair, s.start))


async def drive(url: str, pairs: list[list[str]], args: argparse.Namespace,
                server_pid: int, assets: list[str], scene: Scene = CHAPTER) -> dict[str, object]:
    n = args.sessions
    rounds = [asyncio.Barrier(n) for _ in range(args.clicks + 1)]
    loads: list[float] = []
    samples: list[float] = []
    ends: list[float] = []
    sessions: list[Session] = []
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    cpu0 = cpu_s(server_pid)
    peak = [rss_mb(server_pid)]

    async def sample_rss() -> None:
        while True:
            peak.append(rss_mb(server_pid))
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample_rss())
    pool = ThreadPoolExecutor(max_workers=PARALLEL_FETCHES * n)
    tasks = [asyncio.create_task(student(ws_url, url, pairs[i], args, rounds, loads, samples,
                                         ends, sessions, assets, pool, scene))
             for i in range(n)]
    # The page loads end at the first barrier; the server's CPU is read there.
    while len(loads) < n and not any(t.done() for t in tasks):
        await asyncio.sleep(0.05)
    load_cpu = cpu_s(server_pid) - cpu0
    cpu1 = cpu_s(server_pid)
    started = time.perf_counter()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    clicks_wall = time.perf_counter() - started
    click_cpu = cpu_s(server_pid) - cpu1
    sampler.cancel()
    pool.shutdown()
    errors = [e for s in sessions for e in s.errors]
    errors += [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    return {"loads": loads, "samples": samples, "ends": ends, "errors": errors,
            "leaks": leaks(sessions), "sessions": sessions,
            "load_cpu": load_cpu, "click_cpu": click_cpu, "clicks_wall": clicks_wall,
            "peak": max(peak)}


def section_claims(scene: Scene = CHAPTER) -> list[str]:
    """The claims of the scene's section besides the one it opens on."""
    corpus = load_corpus(ROOT / scene.corpus)
    section = scene.view.split(":", 1)[1]
    return [c for c, claim in corpus.claims.items()
            if claim.locator is not None and claim.locator.section == section and c != scene.start]


def scene_of(corpus: str, view: str | None) -> Scene:
    """The chapter's scene, or on another map a section (the first, or `view`)
    opened on its first claim."""
    if corpus == "arguments" and view is None:
        return CHAPTER
    loaded = load_corpus(ROOT / corpus)
    section = view.split(":", 1)[1] if view else loaded.section_order()[0]
    start = next(c for c, claim in loaded.claims.items()
                 if claim.locator is not None and claim.locator.section == section)
    return Scene(corpus, f"section:{section}", start)


def main() -> None:
    parser = class_options(__doc__.splitlines()[0])
    parser.add_argument("--spread", type=float, default=0.0,
                        help="seconds over which one round's clicks are spread at random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", default="arguments", help="map folder (default: the chapter)")
    parser.add_argument("--view", default=None,
                        help="section:ID to open (default: the chapter's Rise of Stalin, or "
                        "the map's first section)")
    parser.add_argument("--no-assets", action="store_true",
                        help="open only the websocket, without fetching the page's files")
    args = parser.parse_args()
    random.seed(args.seed)
    scene = scene_of(args.corpus, args.view)
    others = section_claims(scene)
    # Each student clicks its own second claim where the section has enough, so a
    # panel that reaches the wrong session shows up as a leak.
    pairs = [[others[i % len(others)], scene.start] for i in range(args.sessions)]
    load_average = os.getloadavg()[0]
    server, url = start_server(str((ROOT / scene.corpus).resolve()))
    try:
        wait_healthy(f"{url}/_stcore/health", server)
        time.sleep(2)
        idle_rss = rss_mb(server.pid)
        # One real browser opens the page: it loads and draws the map once, and tells
        # which files a new browser fetches. Without it, one light session does the load.
        assets = (recorded_assets(url, scene) if CHROMIUM.exists() and not args.no_assets
                  else [])
        if not assets:
            once = argparse.Namespace(sessions=1, clicks=0, spread=0.0)
            asyncio.run(drive(url, pairs[:1], once, server.pid, [], scene))
        time.sleep(2)
        warm_rss = rss_mb(server.pid)
        self0 = resource.getrusage(resource.RUSAGE_SELF)
        result = asyncio.run(drive(url, pairs, args, server.pid, assets, scene))
        self1 = resource.getrusage(resource.RUSAGE_SELF)
        after_rss, settled_rss = rss_after_close(server.pid, args.settle)
    finally:
        stop_server(server)
    client_cpu = (self1.ru_utime - self0.ru_utime) + (self1.ru_stime - self0.ru_stime)
    n = args.sessions
    loads: list[float] = result["loads"]  # type: ignore[assignment]
    samples: list[float] = result["samples"]  # type: ignore[assignment]
    ends: list[float] = result["ends"]  # type: ignore[assignment]
    errors: list[str] = result["errors"]  # type: ignore[assignment]
    print(f"{n} sessions x {args.clicks} clicks on {scene.view} of {scene.corpus}, "
          f"clicks of a round spread over {args.spread:g} s (load average at start "
          f"{load_average:.1f}; {os.cpu_count()} cores)")
    print(f"each page load fetches the {len(assets)} files a fresh Chromium fetched"
          if assets else "page loads open the websocket only (no Chromium, or --no-assets)")
    if loads:
        print(f"page load (files, then the first run to its end): median {percentile(loads, 0.5):.2f} s, "
              f"p95 {percentile(loads, 0.95):.2f} s; server CPU "
              f"{float(result['load_cpu']) / n * 1000:.0f} ms per load")  # type: ignore[arg-type]
    if samples:
        print(f"click-to-panel: p50 {percentile(samples, 0.5):.2f} s, "
              f"p95 {percentile(samples, 0.95):.2f} s, max {max(samples):.2f} s "
              f"({len(samples)} clicks); to the end of the run: p50 "
              f"{percentile(ends, 0.5):.2f} s, p95 {percentile(ends, 0.95):.2f} s")
        print(f"server CPU {float(result['click_cpu']) / len(samples) * 1000:.0f} ms per click "  # type: ignore[arg-type]
              f"({float(result['click_cpu']):.1f} s in {float(result['clicks_wall']):.1f} s wall); "  # type: ignore[arg-type]
              f"this client process {client_cpu:.1f} s for loads and clicks together")
    print(f"errors: {len(errors)} {sorted(set(errors))[:5]}; cross-session leaks: "
          f"{result['leaks']}")
    peak = float(result["peak"])  # type: ignore[arg-type]
    print(rss_line((idle_rss, warm_rss, peak, after_rss, settled_rss), args.settle))


if __name__ == "__main__":
    main()
