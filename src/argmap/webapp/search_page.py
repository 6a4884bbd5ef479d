"""Search across claims, people, events and sources."""

from __future__ import annotations

import streamlit as st

from argmap.citations.chicago import bibliography
from argmap.core.corpus import Corpus
from argmap.search import search_claims
from argmap.textmatch import fold_loose
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.panel import node_button
from argmap.webapp.text import date_label, md, md_markup


def _matches(query: str, *fields: str | None) -> bool:
    words = fold_loose(query).split()
    blob = fold_loose(" ".join(f for f in fields if f))
    return bool(words) and all(w in blob for w in words)


def _examples(corpus: Corpus) -> str:
    """A placeholder taken from the map itself: two of its actors, a historian, an archive."""
    actors = [p.name.split()[-1] for p in corpus.people.values() if p.kind == "actor"][:2]
    historians = [p.name.split()[-1] for p in corpus.people.values() if p.kind == "historian"][:1]
    archives = [s.archival.archive for s in corpus.sources.values() if s.archival is not None][:1]
    words = list(dict.fromkeys([*actors, *historians, *archives]))
    return "e.g. " + ", ".join(words) if words else "a word or a name"


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    corpus = graph.corpus
    st.title("Search")
    query = state.synced_text("Search claims, people, events and sources", "q",
                              placeholder=_examples(corpus))
    if not query.strip():
        st.caption("Every word must match (case, quotes and diacritics are ignored: "
                   "“olberg” finds Ol’berg).")
        return
    hits = search_claims(corpus, query)
    people = [p for p in corpus.people.values() if _matches(query, p.name, p.id, p.role)]
    events = [e for e in corpus.events.values()
              if _matches(query, e.name, e.id, e.description, e.date)]
    sources = [s for s in corpus.sources.values() if _matches(query, bibliography(s), s.id)]
    st.caption(f"{len(hits)} claims · {len(people)} people · {len(events)} events · "
               f"{len(sources)} sources")
    tabs = st.tabs([f"Claims ({len(hits)})", f"People ({len(people)})",
                    f"Events ({len(events)})", f"Sources ({len(sources)})"])
    with tabs[0]:
        for hit in hits:
            node_button(graph, hit.claim.id, key=f"hit-{hit.claim.id}", go_to="map", limit=140)
            st.caption("matched in " + ", ".join(hit.matched))
    with tabs[1]:
        for person in people:
            st.markdown(f"**{md(person.name)}** ({person.kind})"
                        + (f" — {md(person.role)}" if person.role else ""))
            st.button("Show on the map", key=f"person-{person.id}",
                      on_click=state.put, kwargs={"page": "map", "view": f"person:{person.id}"})
    with tabs[2]:
        for event in events:
            when = date_label(event.date) or "undated"
            st.markdown(f"**{md(event.name)}** ({when})"
                        + (f" — {md(event.description)}" if event.description else ""))
            st.button("Show on the map", key=f"event-{event.id}",
                      on_click=state.put, kwargs={"page": "map", "view": f"event:{event.id}"})
    with tabs[3]:
        for source in sources:
            st.markdown(md_markup(bibliography(source, markup="markdown")))
            for node in graph.claims_resting_on_source(source.id):
                node_button(graph, node, key=f"s-{source.id}-{node}", go_to="map")
