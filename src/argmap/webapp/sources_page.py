"""The bibliography in Chicago style, with what rests on each source."""

from __future__ import annotations

import importlib
import json
from typing import Any

import streamlit as st

from argmap.citations.chicago import bibliography_items
from argmap.citations.notes import EDITORIAL_HEADING, cited_source_ids
from argmap.graph import ArgumentGraph
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.panel import node_button
from argmap.webapp.text import md, md_markup, node_label


def csl_json(sources: list[Any]) -> str | None:
    """CSL-JSON for Zotero/pandoc via argmap.citations.csl, or None if that module is missing."""
    try:
        csl = importlib.import_module("argmap.citations.csl")
    except ImportError:
        return None
    return json.dumps(csl.to_csl_list(sources), ensure_ascii=False, indent=2)


SOURCES_SHOWN = 100
"""A map with at most this many sources shows them all (the bundled chapter has 93)."""
SOURCES_PER_HEADING = 40
"""A larger map shows this many under each heading until asked for all: each is a
bordered box the browser must draw, and 2 × 100 of them took over 2 s."""
BUTTONS_PER_SOURCE = 20
"""A collapsed expander still sends its widgets: on a large map one source can
carry thousands of claims, so beyond this many the rest are one select box."""


def _resting(graph: ArgumentGraph, source_id: str, resting: list[str]) -> None:
    for node in resting[:BUTTONS_PER_SOURCE]:
        node_button(graph, node, key=f"src-{source_id}-{node}", go_to="map")
    rest = resting[BUTTONS_PER_SOURCE:]
    if rest:
        key = f"src-more-{source_id}"

        def _go() -> None:
            chosen = st.session_state.get(key)
            if chosen:
                state.select_node(str(chosen), go_to="map")

        st.selectbox(f"{len(rest)} more", rest, index=None, key=key, on_change=_go,
                     format_func=lambda n: node_label(graph.corpus, n, 90),
                     placeholder="choose one to open it on the map")


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    corpus = graph.corpus
    st.title("Sources")
    sources = list(corpus.sources.values())
    data = csl_json(sources)
    if data is not None:
        st.download_button("⬇ Bibliography as CSL-JSON (Zotero, pandoc)", data=data,
                           file_name="argmap-sources.json", mime="application/json",
                           on_click="ignore", key="csl-download")
    else:
        st.caption("CSL-JSON export is not available (argmap.citations.csl is missing).")
    query = st.text_input("Filter", key="sources-filter", placeholder="author, title, archive…")
    cited = cited_source_ids(corpus)
    show_all = len(sources) <= SOURCES_SHOWN or st.checkbox(
        f"Show all {len(sources)} sources (slow on a map this large)", key="sources-all")
    shown = 0
    for heading, chosen in (("Cited in the text", [s for s in sources if s.id in cited]),
                            (EDITORIAL_HEADING, [s for s in sources if s.id not in cited])):
        items = [(source, text) for source, text in bibliography_items(chosen, markup="markdown")
                 if not query or query.casefold() in text.casefold()]
        if not items:
            continue
        st.subheader(heading)
        if not show_all and len(items) > SOURCES_PER_HEADING:
            st.caption(f"The first {SOURCES_PER_HEADING} of {len(items)}: type in Filter to "
                       "find others, or show all above.")
            items = items[:SOURCES_PER_HEADING]
        for source, text in items:
            shown += 1
            resting = graph.claims_resting_on_source(source.id)
            with st.container(border=True):
                st.markdown(md_markup(text))
                if resting:
                    # Filled only once opened: a closed expander still sends all it holds,
                    # and 100 sources of 20 buttons each took seconds to draw.
                    box = st.expander(f"{len(resting)} claim(s) and evidence rest on it",
                                      key=f"src-open-{source.id}", on_change="rerun")
                    if box.open:
                        with box:
                            _resting(graph, source.id, resting)
                elif source.id in cited:
                    st.caption("Nothing in the map cites it through a footnote (further reading).")
                else:
                    st.caption("The text does not cite it; the editor added it (e.g. as a "
                               "school's key work).")
    st.caption(f"{shown} of {len(sources)} sources (newspapers are cited in notes only). "
               "Entries follow the Chicago Manual of Style, 17th ed.")
    if not shown and query:
        st.info(f"No source matches “{md(query)}”.")
