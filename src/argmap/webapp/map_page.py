"""The map page: choose a view, click nodes, read the claim panel, download."""

from __future__ import annotations

import re
from functools import partial

import streamlit as st

from argmap.errors import UsageError
from argmap.graph import ArgumentGraph
from argmap.views import Selection
from argmap.webapp import state
from argmap.webapp.component import clickable_map
from argmap.webapp.data import Loaded, render_view, view_selection
from argmap.webapp.panel import claim_panel
from argmap.webapp.text import md, node_label, short

VIEW_KINDS: dict[str, str] = {
    "overview": "Overview",
    "section": "Section",
    "claim": "Focus on a claim",
    "trace": "Trace to the archive",
    "school": "A school's verdicts",
    "accept": "What stands for a school",
    "person": "Person",
    "event": "Event",
}


def split_spec(spec: str) -> tuple[str, str]:
    kind, _, arg = spec.partition(":")
    return kind, arg


def arg_options(graph: ArgumentGraph, kind: str) -> dict[str, str]:
    """The choices for a view's argument, id -> label."""
    corpus = graph.corpus
    if kind == "section":
        return {s: corpus.sections[s][1].title for s in corpus.section_order()}
    if kind in ("claim", "trace"):
        return {c: node_label(corpus, c, 80) for c in corpus.claims}
    if kind in ("school", "accept"):
        return {s: school.name for s, school in corpus.schools.items()}
    if kind == "person":
        used = {p for node in (*corpus.claims.values(), *corpus.evidence.values())
                for p in node.people}
        return {p: person.name for p, person in corpus.people.items() if p in used}
    if kind == "event":
        return {e: event.name for e, event in corpus.events.items()}
    return {}


def default_arg(graph: ArgumentGraph, kind: str) -> str:
    corpus = graph.corpus
    chosen = state.selected()
    if kind == "section":
        for nodes in (corpus.claims, corpus.evidence):
            if chosen in nodes:
                return nodes[chosen].locator.section
    if kind in ("claim", "trace") and chosen in corpus.claims:
        return chosen
    if kind in ("claim", "trace"):
        theses = graph.theses("work") or list(corpus.claims)
        return theses[0] if theses else ""
    options = arg_options(graph, kind)
    return next(iter(options), "")


def _set_kind(graph: ArgumentGraph) -> None:
    kind = str(st.session_state.get("map-view-kind") or "overview")
    arg = default_arg(graph, kind)
    state.put(view=kind if kind == "overview" or not arg else f"{kind}:{arg}")


def _set_arg(kind: str) -> None:
    arg = st.session_state.get("map-view-arg")
    if arg:
        state.put(view=f"{kind}:{arg}")


def view_controls(graph: ArgumentGraph, spec: str) -> None:
    kind, arg = split_spec(spec)
    kinds = list(VIEW_KINDS) if kind in VIEW_KINDS else [*VIEW_KINDS, kind]
    st.session_state["map-view-kind"] = kind
    cols = st.columns([3, 2])
    with cols[0]:
        st.radio("View", kinds, key="map-view-kind", horizontal=True,
                 format_func=lambda k: VIEW_KINDS.get(k, md(k)), on_change=_set_kind,
                 args=(graph,))
    options = arg_options(graph, kind)
    if options:
        base = arg.split(":")[0]
        ids = list(options) if base in options else [base, *options]
        st.session_state["map-view-arg"] = base
        with cols[1]:
            st.selectbox(VIEW_KINDS.get(kind, kind), ids, key="map-view-arg",
                         format_func=lambda o: options.get(o, o), on_change=_set_arg,
                         args=(kind,))


def safe_selection(loaded: Loaded, spec: str) -> tuple[str, Selection]:
    """The view for spec, or the overview with a warning when spec is wrong."""
    try:
        return spec, view_selection(loaded, spec)
    except UsageError as exc:
        st.warning(f"Cannot show view '{md(spec)}': {md(str(exc))}. Showing the overview instead.")
        return state.DEFAULT_VIEW, view_selection(loaded, state.DEFAULT_VIEW)


def download_buttons(loaded: Loaded, spec: str, highlight: tuple[str, ...] = (),
                     key: str = "dl") -> None:
    name = "argmap-" + re.sub(r"[^a-z0-9]+", "-", spec.lower()).strip("-")
    cols = st.columns(3)
    for col, fmt, mime in zip(cols, ("svg", "png", "pdf"),
                              ("image/svg+xml", "image/png", "application/pdf"), strict=True):
        with col:
            st.download_button(
                f"⬇ {fmt.upper()}", data=partial(render_view, loaded, spec, fmt, highlight),
                file_name=f"{name}.{fmt}", mime=mime, key=f"{key}-{fmt}", on_click="ignore",
                width="stretch",
            )


def map_height(sel: Selection, projector: bool) -> int:
    base = 560 if len(sel.nodes) <= 8 else 760
    return base + (120 if projector else 0)


def show_map(loaded: Loaded, spec: str, sel: Selection, *, key: str,
             highlight: tuple[str, ...] = ()) -> None:
    svg = render_view(loaded, spec, "svg", highlight)
    graph = loaded.graph
    assert graph is not None
    theses = [t for t in graph.theses() if t in sel.nodes]
    focus = sel.focus or (highlight[0] if highlight else "") or (theses[0] if theses else "")
    clickable_map(svg, key=key, selected=state.selected(), focus=focus,
                  height=map_height(sel, state.projector()), projector=state.projector(),
                  fit=len(sel.nodes) <= 10, group=highlight, on_click=state.select_node)


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    spec = state.view()
    view_controls(graph, spec)
    map_and_panel(loaded, spec)


@st.fragment
def map_and_panel(loaded: Loaded, spec: str) -> None:
    """The map and the claim panel rerun alone on a click, not the whole page.

    A click only changes the selection; rerunning just this part keeps the
    click-to-panel time low. When a panel button changes the view, the whole
    page reruns so the view controls above follow.
    """
    graph = loaded.graph
    assert graph is not None
    if state.view() != spec:
        st.rerun()
    spec, sel = safe_selection(loaded, spec)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.caption(md(sel.summary()))
        show_map(loaded, spec, sel, key="map-main")
        download_buttons(loaded, spec)
    with right:
        chosen = state.selected()
        if chosen and (chosen in graph.corpus.claims or chosen in graph.corpus.evidence):
            b1, b2 = st.columns(2)
            b1.button("Focus here", key="focus-here", width="stretch",
                      on_click=state.put, kwargs={"view": f"claim:{chosen}"},
                      help=f"Show {short(chosen, 40)} and its neighbours")
            b2.button("Trace", key="trace-here", width="stretch",
                      on_click=state.put, kwargs={"view": f"trace:{chosen}"},
                      help="Show its support chain down to footnotes and sources")
        claim_panel(graph, chosen)
