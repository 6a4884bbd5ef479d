"""Dated events, claims and evidence, 1917-1953, as an Altair chart."""

from __future__ import annotations

from datetime import date
from typing import Any

import altair as alt
import streamlit as st

from argmap.corpus import Corpus
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.panel import claim_panel, node_button
from argmap.webapp.text import date_label, md, short

START, END = date(1917, 1, 1), date(1953, 12, 31)
LANES = {"event": "Events", "claim": "Claims", "evidence": "Evidence"}


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


def timeline_rows(corpus: Corpus) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(kind: str, node_id: str, label: str, when: str | None) -> None:
        day = to_date(when)
        if day is not None and START <= day <= END:
            rows.append({"id": node_id, "lane": LANES[kind], "kind": kind,
                         "label": short(label, 100), "date": day.isoformat(),
                         "when": date_label(when)})

    for event in corpus.events.values():
        add("event", event.id, event.name, event.date)
    for claim in corpus.claims.values():
        if claim.period is not None:
            add("claim", claim.id, claim.text, claim.period.start)
    for ev in corpus.evidence.values():
        add("evidence", ev.id, ev.text, ev.date)
    return rows


def chart(rows: list[dict[str, Any]]) -> alt.Chart:
    frame = alt.Data(values=rows)  # type: ignore[no-untyped-call]  # altair's stubs
    pick = alt.selection_point(fields=["id"], name="pick", on="click")
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", title=None, scale=alt.Scale(domain=[START.isoformat(), END.isoformat()]),
                axis=alt.Axis(format="%Y", labelFontSize=14, tickCount=18)),
        y=alt.Y("lane:N", title=None, sort=list(LANES.values()),
                axis=alt.Axis(labelFontSize=15)),
        tooltip=[alt.Tooltip("when:N", title="date"), alt.Tooltip("label:N", title="what"),
                 alt.Tooltip("id:N")],
    )
    points = base.mark_point(filled=True, size=220, opacity=0.85).encode(
        color=alt.Color("kind:N", scale=alt.Scale(domain=list(LANES),
                                                  range=["#D55E00", "#0072B2", "#E69F00"]),
                        legend=None),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=list(LANES),
                                                  range=["diamond", "circle", "square"]),
                        legend=None),
        strokeWidth=alt.condition(pick, alt.value(3), alt.value(0)),
        stroke=alt.value("#000000"),
    ).add_params(pick)
    chart: alt.Chart = points.properties(height=300)
    return chart


def _picked() -> None:
    event = st.session_state.get("timeline-chart")
    picks = (event or {}).get("selection", {}).get("pick") or []
    if not picks:
        return
    node_id = str(picks[0].get("id", ""))
    if node_id.startswith("event:"):
        node_id = node_id[len("event:"):]
    if node_id in _EVENTS:
        state.put(event=node_id)
    else:
        state.select_node(node_id)


_EVENTS: set[str] = set()


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    corpus = graph.corpus
    st.title("Timeline 1917–1953")
    rows = timeline_rows(corpus)
    _EVENTS.clear()
    _EVENTS.update(corpus.events)
    if not rows:
        st.info("Nothing in this map is dated between 1917 and 1953.")
        return
    st.caption("◆ events · ● claims (start of their period) · ■ evidence. Click an event to "
               "list its claims; click a claim or piece of evidence to open it.")
    st.altair_chart(chart(rows), on_select=_picked, key="timeline-chart", width="stretch")
    undated = [e for e in corpus.events.values() if to_date(e.date) is None]
    if undated:
        st.caption(f"{len(undated)} events the chapter does not date are not on the chart: "
                   + ", ".join(md(e.name) for e in undated))

    event_id = state.get("event")
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
