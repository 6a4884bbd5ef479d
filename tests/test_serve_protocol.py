"""The real server, driven by benchmarks/bench_serve.py's protocol clients.

The capacity benchmark speaks Streamlit's websocket protocol instead of driving
browsers; this checks, on a real `streamlit run app.py`, that what it measures
is what a browser gets (a click on a map node brings that claim's panel) and
that sessions clicking at the same moment each get their own panel. If a
Streamlit upgrade changes the protocol, this fails rather than the benchmark
quietly timing nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_serve  # noqa: E402
from test_browser import start_server, stop_server, wait_healthy  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, str]]:
    proc, url = start_server("arguments")
    try:
        wait_healthy(f"{url}/_stcore/health", proc)
        yield proc.pid, url
    finally:
        stop_server(proc)


def test_concurrent_clicks_each_bring_their_own_claims_panel(server: tuple[int, str]) -> None:
    pid, url = server
    claims = bench_serve.section_claims()
    assert len(claims) >= 2, "the section needs two claims to click besides the start"
    pairs = [[claims[0], bench_serve.START], [claims[1], bench_serve.START]]
    args = argparse.Namespace(sessions=2, clicks=3, spread=0.0)
    result = asyncio.run(bench_serve.drive(url, pairs, args, pid, assets=[]))
    assert result["errors"] == []
    assert result["leaks"] == 0
    assert len(result["samples"]) == 6  # type: ignore[arg-type]
    sessions: list[bench_serve.Session] = result["sessions"]  # type: ignore[assignment]
    for session in sessions:
        # Opened on the start claim, then clicked its own claim, the start, its own.
        clicked = [p for p in session.panels if p != bench_serve.START]
        assert clicked == [session.pair[0]] * 2


def test_panel_heading_is_read_from_the_panels_first_line() -> None:
    assert bench_serve.panel_of(":blue-badge[claim] `rise-x`\n\nmore") == "rise-x"
    assert bench_serve.panel_of("**Supported by** (2)") is None
    assert bench_serve.panel_of("") is None
