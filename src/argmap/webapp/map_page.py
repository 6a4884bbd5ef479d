"""The map page: choose a view, click nodes, read the claim panel, download."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from argmap.core.errors import UsageError
from argmap.graph import ArgumentGraph
from argmap.seminar.mapnodes import MapContribution, contrib_node_id
from argmap.seminar.mapnodes import shown as shown_contributions
from argmap.views import Selection, containing_view
from argmap.webapp import state
from argmap.webapp.component import clickable_map
from argmap.webapp.data import Loaded, render_view, view_selection
from argmap.webapp.panel import claim_panel
from argmap.webapp.text import md, node_label, short

VIEW_KINDS: dict[str, str] = {
    "overview": "Overview",
    "section": "Section",
    "paragraph": "Paragraph",
    "claim": "Focus on a claim",
    "trace": "Trace to the archive",
    "school": "A school's verdicts",
    "accept": "What stands for a school",
    "strength": "How strong for a school",
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
        return claim_options(graph)
    if kind == "paragraph":
        return {f"{s}:{p}": f"{corpus.sections[s][1].title} ¶{p}"
                for s in corpus.section_order()
                for p in range(1, corpus.sections[s][1].paragraphs + 1)}
    if kind in ("school", "accept", "strength"):
        return {s: school.name for s, school in corpus.schools.items()}
    if kind == "person":
        used = {p for node in (*corpus.claims.values(), *corpus.evidence.values())
                for p in node.people}
        return {p: person.name for p, person in corpus.people.items() if p in used}
    if kind == "event":
        return {e: event.name for e, event in corpus.events.items()}
    return {}


WHOLE_TEXT_OPTIONS = 1_000
"""Up to this many claims, the claim picker's labels carry each claim's whole text.
Beyond, its title only: on 10,000 claims the whole texts made 2 MB, sent again
on every full rerun of the map page (the Search page finds words in the text)."""


def claim_options(graph: ArgumentGraph) -> dict[str, str]:
    """Every claim's picker label, id -> label (whole texts up to WHOLE_TEXT_OPTIONS)."""
    whole = len(graph.corpus.claims) <= WHOLE_TEXT_OPTIONS
    return {c: claim_option(graph, c, whole=whole) for c in graph.corpus.claims}


def claim_option(graph: ArgumentGraph, claim_id: str, *, whole: bool = True) -> str:
    """A picker label: kind, paragraph, title and (with `whole`) the whole text,
    uncut, so typing any word of a claim (a name such as Kasahara deep in the text)
    finds it."""
    claim = graph.corpus.claims[claim_id]
    head = node_label(graph.corpus, claim_id, 10_000)
    if not whole or claim.text == claim.heading:
        return head
    return f"{head} — {' '.join(claim.text.split())}"


def node_names(graph: ArgumentGraph, sel: Selection) -> dict[str, str]:
    """What each node's accessible name adds to its visible text (the map script puts
    the visible text first, so speech input and screen readers agree, WCAG 2.5.3):
    for claims and evidence, how many supports and attacks it has, which sighted
    readers see at a glance."""
    corpus = graph.corpus
    names: dict[str, str] = {}
    for nid in sel.nodes:
        if nid in corpus.claims or nid in corpus.evidence:
            support = len(graph.supporters(nid))
            attack = len(graph.attackers(nid))
            names[nid] = f"Supported by {support}, attacked by {attack}."
    return names


def default_arg(graph: ArgumentGraph, kind: str) -> str:
    corpus = graph.corpus
    chosen = state.selected()
    if kind in ("section", "paragraph"):
        for nodes in (corpus.claims, corpus.evidence):
            loc = nodes[chosen].locator if chosen in nodes else None
            if loc is not None:
                return loc.section if kind == "section" else f"{loc.section}:{loc.paragraph}"
    if kind in ("claim", "trace") and chosen in corpus.claims:
        return chosen
    if kind in ("claim", "trace"):
        theses = graph.theses("work") or list(corpus.claims)
        return theses[0] if theses else ""
    options = arg_options(graph, kind)
    return next(iter(options), "")


def _containing(loaded: Loaded, spec: str, chosen: str) -> str:
    """containing_view with the selections kept for this corpus version."""
    assert loaded.graph is not None
    return containing_view(loaded.graph, spec, chosen, partial(view_selection, loaded))


def _put_view(loaded: Loaded, spec: str) -> None:
    """Switch to spec; a selection the new view lacks is dropped, since a
    selection is always shown on the map (see `follow_selection`)."""
    chosen = state.selected()
    if chosen and _containing(loaded, spec, chosen) != spec:
        state.put(claim=None)
    state.put(view=spec)


def _set_kind(loaded: Loaded) -> None:
    assert loaded.graph is not None
    kind = str(st.session_state.get("map-view-kind") or "overview")
    arg = default_arg(loaded.graph, kind)
    _put_view(loaded, kind if kind == "overview" or not arg else f"{kind}:{arg}")


def _set_arg(loaded: Loaded, kind: str) -> None:
    arg = st.session_state.get("map-view-arg")
    if arg:
        _put_view(loaded, f"{kind}:{arg}")


def follow_selection(loaded: Loaded, spec: str) -> str:
    """The view to show: spec, or one that contains the selected claim when spec lacks
    it (a claim opened from search, the timeline, the sources or a link)."""
    chosen = state.selected()
    if not chosen:
        return spec
    shown = _containing(loaded, spec, chosen)
    if shown != spec:
        state.put(view=shown)
    return shown


NO_THESIS = ("No claim of this map is marked as a thesis yet (`kind: thesis`, see "
             "docs/format.md), so the overview, which shows the theses, is empty.")


def without_theses(graph: ArgumentGraph, spec: str) -> str:
    """The view to open on a map whose overview would be empty, said in so many words.

    A map being written from a new text often has claims before it has theses; its
    first paint would be an empty box. Opened without a chosen view, such a map shows
    its first section instead; an overview the reader chose stays, with the reason
    it is empty.
    """
    if spec != "overview" or graph.theses():
        return spec
    order = graph.corpus.section_order()
    if not order:
        return spec
    if state.get("view"):
        st.info(NO_THESIS + " Choose a section under **View**.")
        return spec
    st.info(NO_THESIS + " Showing the first section instead.")
    first = f"section:{order[0]}"
    state.put(view=first)
    return first


def view_controls(loaded: Loaded, spec: str) -> None:
    graph = loaded.graph
    assert graph is not None
    kind, arg = split_spec(spec)
    kinds = list(VIEW_KINDS) if kind in VIEW_KINDS else [*VIEW_KINDS, kind]
    st.session_state["map-view-kind"] = kind
    # One row of two pickers: every pixel above the map is a pixel of map lost on a
    # 900 px laptop screen.
    cols = st.columns([1, 2])
    with cols[0]:
        st.selectbox("View", kinds, key="map-view-kind",
                     format_func=lambda k: VIEW_KINDS.get(k, k), on_change=_set_kind,
                     args=(loaded,))
    options = arg_options(graph, kind)
    if options:
        base = arg if kind == "paragraph" else arg.split(":")[0]
        ids = list(options) if base in options else [base, *options]
        st.session_state["map-view-arg"] = base
        with cols[1]:
            st.selectbox(VIEW_KINDS.get(kind, kind), ids, key="map-view-arg",
                         format_func=lambda o: options.get(o, o), on_change=_set_arg,
                         args=(loaded, kind))


def safe_selection(loaded: Loaded, spec: str) -> tuple[str, Selection]:
    """The view for spec, or the overview with a warning when spec is wrong."""
    try:
        return spec, view_selection(loaded, spec)
    except UsageError as exc:
        st.warning(f"Cannot show view '{md(spec)}': {md(str(exc))}. Showing the overview instead.")
        return state.DEFAULT_VIEW, view_selection(loaded, state.DEFAULT_VIEW)


def download_buttons(loaded: Loaded, spec: str, highlight: tuple[str, ...] = (),
                     key: str = "dl", contributions: Sequence[MapContribution] = ()) -> None:
    name = "argmap-" + re.sub(r"[^a-z0-9]+", "-", spec.lower()).strip("-")
    cols = st.columns(3)
    for col, fmt, mime in zip(cols, ("svg", "png", "pdf"),
                              ("image/svg+xml", "image/png", "application/pdf"), strict=True):
        with col:
            st.download_button(
                f"⬇ {fmt.upper()}",
                data=partial(render_view, loaded, spec, fmt, highlight, contributions),
                file_name=f"{name}.{fmt}", mime=mime, key=f"{key}-{fmt}", on_click="ignore",
                width="stretch",
            )


def map_height(sel: Selection, projector: bool) -> int:
    """The map's largest height in px; the browser also keeps it within the window
    (map.js), so a laptop screen shows the whole stage beside the panel."""
    base = 520 if len(sel.nodes) <= 8 else 760
    return base + (160 if projector else 0)


PANEL_HEIGHT = 700


def panel_box(key: str) -> DeltaGenerator:
    """A scrolling box for the claim panel beside the map: its stances and notes are
    read by scrolling the box, so the map stays in sight (map.css-like sizing to the
    window is in shell.BASE_CSS, keyed on the `-box` suffix)."""
    return st.container(height=PANEL_HEIGHT, key=f"{key}-box", border=False)


SEMINAR_PARAM = "contribs"
"""The URL parameter of the Map page's toggle for the seminar's contributions (0 = hidden)."""
SEMINAR_KEYS = ("seminar-seat", "seminar-leader")
"""seminar_page's session keys for a joined seminar, read here so that a browser
that joined none never imports the seminar store nor queries it."""


def seminar_contributions() -> tuple[MapContribution, ...] | None:
    """The joined seminar's visible contributions, or None when this browser session
    joined no seminar."""
    if not any(st.session_state.get(k) for k in SEMINAR_KEYS):
        return None
    from argmap.webapp.seminar_page import map_contributions

    return map_contributions()


def show_map(loaded: Loaded, spec: str, sel: Selection, *, key: str,
             highlight: tuple[str, ...] = (),
             contributions: Sequence[MapContribution] = ()) -> None:
    svg = render_view(loaded, spec, "svg", highlight, contributions)
    graph = loaded.graph
    assert graph is not None
    theses = [t for t in graph.theses() if t in sel.nodes]
    focus = sel.focus or (highlight[0] if highlight else "") or (theses[0] if theses else "")
    clickable_map(svg, key=key, selected=state.selected(), focus=focus,
                  height=map_height(sel, state.projector()), projector=state.projector(),
                  group=highlight, labels=partial(node_names, graph, sel), exact=bool(sel.focus),
                  targets={contrib_node_id(c.id): c.claim for c in contributions},
                  on_click=state.select_node)


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    spec = without_theses(graph, follow_selection(loaded, state.view()))
    view_controls(loaded, spec)
    map_and_panel(loaded, spec)
    if any(st.session_state.get(k) for k in SEMINAR_KEYS):
        follow_seminar(loaded, spec)


SEMINAR_REFRESH = timedelta(seconds=2)
"""How often the Map page of a browser that joined a seminar looks for a change in
what it would draw of the seminar (the Seminar page's feed looks every second)."""
DRAWN_KEY = "map-seminar-drawn"
"""Session key: the seminar's contributions the map last drew."""
VERSION_KEY = "map-seminar-version"
"""Session key: the seminar's feed version (store.feed_version) when they were last
compared with what the map drew; while it stays, nothing is read or compared."""


def drawn_contributions(sel: Selection) -> tuple[MapContribution, ...] | None:
    """The seminar's contributions the map draws in ``sel`` (only those in view: they
    key the render cache, so a post elsewhere redraws nothing here); None when this
    browser session joined no seminar."""
    seminar = seminar_contributions()
    if seminar is None:
        return None
    on = state.get(SEMINAR_PARAM, "1") == "1"
    return tuple(shown_contributions(sel, seminar)) if on else ()


@st.fragment(run_every=SEMINAR_REFRESH)
def follow_seminar(loaded: Loaded, spec: str) -> None:
    """Redraw the map when the seminar's contributions in view change: a projected map
    shows an objection a student has just posted, or loses one the leader has just
    hidden, without anyone clicking. Looking costs one small query while nothing
    changes (the feed's version); a vote or a post on a claim out of view redraws
    nothing."""
    from argmap.webapp.seminar_page import map_version

    version = map_version()
    if version is not None and version == st.session_state.get(VERSION_KEY):
        return
    try:
        sel = view_selection(loaded, spec)
    except UsageError:  # map_and_panel showed the overview instead (safe_selection)
        sel = view_selection(loaded, state.DEFAULT_VIEW)
    if drawn_contributions(sel) != st.session_state.get(DRAWN_KEY):
        st.rerun()
    st.session_state[VERSION_KEY] = version


@st.fragment
def map_and_panel(loaded: Loaded, spec: str) -> None:
    """The map and the claim panel rerun alone on a click, not the whole page.

    A click only changes the selection; rerunning just this part keeps the
    click-to-panel time low. When a panel button changes the view, the whole
    page reruns so the view controls above follow.
    """
    graph = loaded.graph
    assert graph is not None
    if state.view() != spec or follow_selection(loaded, spec) != spec:
        st.rerun()
    spec, sel = safe_selection(loaded, spec)
    joined = drawn_contributions(sel)
    st.session_state[DRAWN_KEY] = joined
    drawn = joined or ()
    left, right = st.columns([3, 2], gap="medium")
    with left:
        show_map(loaded, spec, sel, key="map-main", contributions=drawn)
        summary = md(sel.summary())
        if drawn:
            summary += f" · {len(drawn)} seminar contribution(s) shown"
        st.caption(summary)
        if joined is not None:
            state.synced_toggle("Show the seminar's contributions", SEMINAR_PARAM, default=True,
                                help="Objections, supporting points, questions and suggested sources "
                                "of the seminar you joined, beside their claims")
        download_buttons(loaded, spec, contributions=drawn)
    with right, panel_box("map-panel"):
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
