"""The bibliography in Chicago style, with what rests on each source."""

from __future__ import annotations

import importlib
import json
from typing import Any

import streamlit as st

from argmap.chicago import bibliography_items
from argmap.notes import EDITORIAL_HEADING, cited_source_ids
from argmap.webapp.data import Loaded
from argmap.webapp.panel import node_button
from argmap.webapp.text import md, md_markup


def csl_json(sources: list[Any]) -> str | None:
    """CSL-JSON for Zotero/pandoc via argmap.csl, or None if that module is missing."""
    try:
        csl = importlib.import_module("argmap.csl")
    except ImportError:
        return None
    return json.dumps(csl.to_csl_list(sources), ensure_ascii=False, indent=2)


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
        st.caption("CSL-JSON export is not available (argmap.csl is missing).")
    query = st.text_input("Filter", key="sources-filter", placeholder="author, title, archive…")
    cited = cited_source_ids(corpus)
    shown = 0
    for heading, chosen in (("Cited in the text", [s for s in sources if s.id in cited]),
                            (EDITORIAL_HEADING, [s for s in sources if s.id not in cited])):
        items = [(source, text) for source, text in bibliography_items(chosen, markup="markdown")
                 if not query or query.casefold() in text.casefold()]
        if not items:
            continue
        st.subheader(heading)
        for source, text in items:
            shown += 1
            resting = graph.claims_resting_on_source(source.id)
            with st.container(border=True):
                st.markdown(md_markup(text))
                if resting:
                    with st.expander(f"{len(resting)} claim(s) and evidence rest on it"):
                        for node in resting:
                            node_button(graph, node, key=f"src-{source.id}-{node}", go_to="map")
                elif source.id in cited:
                    st.caption("Nothing in the map cites it through a footnote (further reading).")
                else:
                    st.caption("The text does not cite it; the editor added it (e.g. as a "
                               "school's key work).")
    st.caption(f"{shown} of {len(sources)} sources (newspapers are cited in notes only). "
               "Entries follow the Chicago Manual of Style, 17th ed.")
    if not shown and query:
        st.info(f"No source matches “{md(query)}”.")
