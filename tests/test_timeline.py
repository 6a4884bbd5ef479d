"""The timeline: markers kept apart, undated events listed, only the chosen one
outlined, and an axis that covers the map's own dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pytest

from argmap.core.loader import load_corpus
from argmap.webapp.timeline_page import (
    CHART_PX,
    assign_rows,
    date_range,
    timeline_rows,
)
from tests.test_app import BUNDLED, KASAHARA, param, run_app, texts


def test_assign_rows_keeps_dates_in_one_row_apart() -> None:
    start = date(1930, 1, 1)
    days = [start + timedelta(days=d) for d in (0, 5, 10, 100, 103, 300)]
    rows = assign_rows(days, 30)
    assert rows == [0, 1, 2, 0, 1, 0]
    for (a, ra), (b, rb) in combinations(zip(days, rows, strict=True), 2):
        if ra == rb:
            assert abs((a - b).days) >= 30


def test_assign_rows_of_nothing_and_of_far_apart_dates() -> None:
    assert assign_rows([], 10) == []
    assert assign_rows([date(1920, 1, 1), date(1940, 1, 1)], 10) == [0, 0]


def test_no_two_markers_of_the_bundled_map_within_10_px() -> None:
    rows = timeline_rows(load_corpus(BUNDLED))
    start, end = date_range([date.fromisoformat(r["date"]) for r in rows])
    px_per_day = CHART_PX / (end - start).days
    close = [(a["id"], b["id"]) for a, b in combinations(rows, 2) if a["slot"] == b["slot"]
             and abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days)
             * px_per_day < 10]
    assert close == []
    bands = {r["lane"]: set() for r in rows}
    for r in rows:
        bands[r["lane"]].add(r["slot"])
    events, claims = bands["Events"], bands["Claims"]
    assert max(events) < min(claims)  # bands do not share rows


def test_nothing_is_outlined_until_something_is_chosen() -> None:
    corpus = load_corpus(BUNDLED)
    assert not any(r["chosen"] for r in timeline_rows(corpus))
    dated_claim = next(c.id for c in corpus.claims.values() if c.period is not None)
    assert [r["id"] for r in timeline_rows(corpus, dated_claim) if r["chosen"]] == [dated_claim]


def test_timeline_lists_the_undated_events_beside_the_chart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = load_corpus(BUNDLED)
    undated = [e for e in corpus.events.values() if not e.date]
    at = run_app(monkeypatch, page="timeline")
    shown = {str(b.key) for b in at.button}
    assert {f"tl-undated-{e.id}" for e in undated} <= shown
    assert f"Undated events ({len(undated)})" in texts(at)
    names = " ".join(b.label for b in at.button)
    for words in ("Industrial Party", "Great Break", "famine"):
        assert words.lower() in names.lower()
    at.button(key=f"tl-undated-{undated[0].id}").click().run()
    assert param(at, "event") == undated[0].id
    assert corpus.events[undated[0].id].name in texts(at)


def test_timeline_chart_outlines_by_the_chosen_item_only(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(monkeypatch, page="timeline", claim=KASAHARA)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["strokeWidth"]["condition"]["test"] == "datum.chosen"
    assert spec["encoding"]["x"]["scale"]["domain"] == ["1917-01-01", "1953-12-31"]


def test_timeline_range_comes_from_the_data(monkeypatch: pytest.MonkeyPatch,
                                           corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"events.yaml": (
        "events:\n"
        "  - {id: armada, name: The Armada, date: '1588-07'}\n"
        "  - {id: treaty, name: A treaty, date: '1604'}\n"
        "  - {id: council, name: A council the text does not date}\n")})
    at = run_app(monkeypatch, str(folder), page="timeline")
    assert "Timeline 1588–1604" in texts(at)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["x"]["scale"]["domain"] == ["1588-01-01", "1604-12-31"]
    assert any(str(b.key) == "tl-undated-council" for b in at.button)
