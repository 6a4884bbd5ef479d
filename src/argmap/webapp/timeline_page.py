"""Dated events, claims and evidence on one time axis, as an Altair chart.

Three things make it readable. Markers never sit on top of each other: within
each band (events, claims, evidence) an item that would come too close to one
already placed goes to the next row down (`assign_rows`, a pure function).
Nothing is dropped silently: undated events, and scholarship dated only by its
publication, are listed beside the chart. And only the item the reader has
chosen is outlined. The axis runs over the years the map's own dates cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import streamlit as st

from argmap.core.corpus import Corpus
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.panel import claim_panel, node_button
from argmap.webapp.text import date_label, md, short

LANES = {"event": "Events", "claim": "Claims", "evidence": "Evidence"}
COLOURS = ["#D55E00", "#0072B2", "#E69F00"]
SHAPES = ["diamond", "circle", "square"]
ROW_PX = 22
"""Height of one row of markers; markers are about 12 px across."""
MARKER_PX = 16.0
"""Least horizontal distance, in pixels, between two markers in one row."""
CHART_PX = 900.0
"""Width the spacing is planned for: about the chart's width on a projector or a
laptop beside the panel; narrower screens squeeze it, but rows still keep markers
apart by one marker's width at 60% of it."""
LATER_KINDS = {"secondary"}
"""Evidence dated by publication (a historian's book), not by what it is about."""


@dataclass(frozen=True)
class Item:
    """Something with a place in time (or, for the lists beside the chart, without)."""

    id: str
    kind: str
    label: str
    when: str | None
    day: date | None
    later: bool = False


def to_date(value: str | None) -> date | None:
    """A partial date at its start: '1934' -> 1934-01-01; None when absent."""
    if not value or value.startswith("-"):
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def items(corpus: Corpus) -> list[Item]:
    """Every event, claim with a period and piece of evidence, dated or not."""
    found = [Item(e.id, "event", e.name, e.date, to_date(e.date)) for e in corpus.events.values()]
    found += [Item(c.id, "claim", c.heading, c.period.start, to_date(c.period.start))
              for c in corpus.claims.values() if c.period is not None]
    found += [Item(e.id, "evidence", e.heading, e.date, to_date(e.date), e.kind in LATER_KINDS)
              for e in corpus.evidence.values() if e.date]
    return found


def on_chart(item: Item) -> bool:
    """Whether an item belongs on the time axis: dated, and not scholarship dated by
    its publication (a 2008 lecture would stretch the axis over fifty empty years)."""
    return item.day is not None and not item.later


def date_range(days: Sequence[date]) -> tuple[date, date]:
    """Whole years around the dates given (1 Jan of the first, 31 Dec of the last)."""
    first, last = min(days), max(days)
    return date(first.year, 1, 1), date(last.year, 12, 31)


def assign_rows(days: Sequence[date], min_gap_days: float) -> list[int]:
    """A row for each date such that two dates in one row are at least `min_gap_days`
    apart: dates in order, each to the first row whose last date is far enough back
    (greedy interval colouring, which uses the fewest rows this way)."""
    order = sorted(range(len(days)), key=lambda i: days[i])
    last: list[date] = []
    rows = [0] * len(days)
    for i in order:
        for row, previous in enumerate(last):
            if (days[i] - previous).days >= min_gap_days:
                rows[i], last[row] = row, days[i]
                break
        else:
            rows[i] = len(last)
            last.append(days[i])
    return rows


def timeline_rows(corpus: Corpus, chosen: str = "") -> list[dict[str, Any]]:
    """The chart's data: one row per dated item, with its band, its row within the
    band (`slot`, counted from the top over all bands) and whether it is chosen."""
    dated = [i for i in items(corpus) if on_chart(i)]
    if not dated:
        return []
    start, end = date_range([i.day for i in dated if i.day is not None])
    gap = (end - start).days * MARKER_PX / CHART_PX
    rows: list[dict[str, Any]] = []
    slot = 0
    for kind, lane in LANES.items():
        mine = [i for i in dated if i.kind == kind]
        placed = assign_rows([i.day for i in mine if i.day is not None], gap)
        for item, row in zip(mine, placed, strict=True):
            assert item.day is not None
            rows.append({"id": item.id, "lane": lane, "kind": kind, "slot": slot + row,
                         "label": short(item.label, 100), "date": item.day.isoformat(),
                         "when": date_label(item.when), "chosen": item.id == chosen})
        slot += max(placed, default=-1) + 2  # one empty row between bands
    return rows


def _axis_labels(rows: list[dict[str, Any]]) -> str:
    """A Vega expression naming each band at its first row, other rows unlabelled."""
    first: dict[str, int] = {}
    for row in rows:
        first[row["lane"]] = min(row["slot"], first.get(row["lane"], row["slot"]))
    cases = " : ".join(f"datum.value == {s} ? '{name}'" for name, s in first.items())
    return f"{cases} : ''" if cases else "''"


def chart(rows: list[dict[str, Any]]) -> alt.Chart:
    """Markers by date, bands stacked in rows; the chosen item alone outlined."""
    frame = alt.Data(values=rows)  # type: ignore[no-untyped-call]  # altair's stubs
    start, end = date_range([date.fromisoformat(r["date"]) for r in rows])
    slots = max(r["slot"] for r in rows) + 1
    pick = alt.selection_point(fields=["id"], name="pick", on="click", empty=False)
    points = alt.Chart(frame).mark_point(filled=True, size=120, opacity=0.9).encode(
        x=alt.X("date:T", title=None,
                scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
                axis=alt.Axis(format="%Y", labelFontSize=14, grid=True)),
        y=alt.Y("slot:O", title=None, scale=alt.Scale(domain=list(range(slots))),
                axis=alt.Axis(labelExpr=_axis_labels(rows), labelFontSize=15, ticks=False,
                              domain=False)),
        color=alt.Color("kind:N", scale=alt.Scale(domain=list(LANES), range=COLOURS),
                        legend=None),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=list(LANES), range=SHAPES),
                        legend=None),
        strokeWidth=alt.condition("datum.chosen", alt.value(3), alt.value(0)),
        stroke=alt.value("#000000"),
        tooltip=[alt.Tooltip("when:N", title="date"), alt.Tooltip("label:N", title="what"),
                 alt.Tooltip("id:N")],
    ).add_params(pick)
    result: alt.Chart = points.properties(height=max(160, slots * ROW_PX))
    return result


@st.cache_data(show_spinner=False, max_entries=64)
def chart_spec(corpus_key: str, work: str, chosen: str, _rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The chart as a Vega-Lite spec, kept per map version, work and chosen item (which
    determine the rows): building the Altair chart and validating it took about 0.1 s,
    two thirds of a rerun of this page, on every click on it."""
    spec: dict[str, Any] = chart(_rows).to_dict()
    return spec


def _picked() -> None:
    event = st.session_state.get("timeline-chart")
    picks = (event or {}).get("selection", {}).get("pick") or []
    if not picks:
        return
    node_id = str(picks[0].get("id", ""))
    if node_id in _EVENTS:
        state.put(event=node_id)
    else:
        state.select_node(node_id)


_EVENTS: set[str] = set()


def _aside(loaded: Loaded, corpus: Corpus) -> None:
    """Beside the chart: the events the text gives no date, and scholarship."""
    graph = loaded.graph
    assert graph is not None
    undated = [e for e in corpus.events.values() if to_date(e.date) is None]
    st.markdown(f"**Undated events ({len(undated)})**")
    if undated:
        st.caption("The text gives these no date, so they are not on the chart.")
    for event in undated:
        st.button(md(short(event.name, 60)), key=f"tl-undated-{event.id}", on_click=state.put,
                  kwargs={"event": event.id}, width="stretch")
    later = [e for e in corpus.evidence.values() if e.kind in LATER_KINDS and e.date]
    if later:
        st.markdown(f"**Later scholarship ({len(later)})**")
        st.caption("Dated by publication, so kept off the axis.")
        for ev in later:
            node_button(graph, ev.id, key=f"tl-later-{ev.id}")


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    corpus = graph.corpus
    event_id = state.get("event")
    chosen = state.selected() or (event_id if event_id in corpus.events else "")
    rows = timeline_rows(corpus, chosen)
    _EVENTS.clear()
    _EVENTS.update(corpus.events)
    if rows:
        start, end = date_range([date.fromisoformat(r["date"]) for r in rows])
        st.title(f"Timeline {start.year}–{end.year}")
    else:
        st.title("Timeline")
    chart_col, aside_col = st.columns([4, 1], gap="medium")
    with chart_col:
        if rows:
            st.caption("◆ events · ● claims (start of their period) · ■ evidence; items close "
                       "in time are set one row down. Click an event to list its claims; "
                       "click a claim or piece of evidence to open it.")
            st.vega_lite_chart(chart_spec(loaded.key, loaded.work, chosen, rows),
                               on_select=_picked, key="timeline-chart", width="stretch")
        else:
            st.info("Nothing in this map has a date.")
    with aside_col:
        _aside(loaded, corpus)

    left, right = st.columns([1, 1], gap="medium")
    with left:
        if event_id in corpus.events:
            event = corpus.events[event_id]
            st.subheader(f"{md(event.name)} ({date_label(event.date) or 'undated'})")
            if event.description:
                st.markdown(md(event.description))
            nodes = [n for n in (*corpus.claims.values(), *corpus.evidence.values())
                     if event_id in n.events]
            st.markdown(f"**{len(nodes)} claims and evidence about it**")
            for node in nodes:
                node_button(graph, node.id, key=f"tl-{event_id}-{node.id}")
            st.button("Show them on the map", key="tl-to-map", on_click=state.put,
                      kwargs={"page": "map", "view": f"event:{event_id}"})
        else:
            st.caption("No event chosen.")
    with right:
        if state.selected():
            claim_panel(graph, state.selected(), key="tl-panel")
