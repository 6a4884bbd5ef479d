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

HITS_SHOWN = 50
"""Results shown per tab until asked for more: a common word on a large map matches
thousands of claims (7,410 for "police" on 10,000 claims), and a button and a line
for each took the page 5 s of server time and far longer to draw."""
SOURCE_BUTTONS = 20
"""Claims listed under a matching source; the rest are counted."""


def _shown(tab: str, query: str, total: int) -> int:
    """How many of `total` results the tab shows for `query`: HITS_SHOWN at first,
    HITS_SHOWN more at each press of its button (reset when the query changes)."""
    key = f"search-more-{tab}"
    asked = st.session_state.get(key)
    count = asked[1] if isinstance(asked, tuple) and asked[0] == query else HITS_SHOWN
    return min(total, count)


def _more(tab: str, query: str, shown: int, total: int) -> None:
    """Below a cut list: what is left, and a button for the next HITS_SHOWN."""
    if shown >= total:
        return
    st.caption(f"Showing {shown} of {total}. Add a word to narrow the search, or show more.")
    st.button(f"Show {min(HITS_SHOWN, total - shown)} more", key=f"search-more-btn-{tab}",
              on_click=_ask_more, args=(tab, query, shown + HITS_SHOWN))


def _ask_more(tab: str, query: str, count: int) -> None:
    st.session_state[f"search-more-{tab}"] = (query, count)


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
        shown = _shown("claims", query, len(hits))
        for hit in hits[:shown]:
            node_button(graph, hit.claim.id, key=f"hit-{hit.claim.id}", go_to="map", limit=140)
            st.caption("matched in " + ", ".join(hit.matched))
        _more("claims", query, shown, len(hits))
    with tabs[1]:
        shown = _shown("people", query, len(people))
        for person in people[:shown]:
            st.markdown(f"**{md(person.name)}** ({person.kind})"
                        + (f" — {md(person.role)}" if person.role else ""))
            st.button("Show on the map", key=f"person-{person.id}",
                      on_click=state.put, kwargs={"page": "map", "view": f"person:{person.id}"})
        _more("people", query, shown, len(people))
    with tabs[2]:
        shown = _shown("events", query, len(events))
        for event in events[:shown]:
            when = date_label(event.date) or "undated"
            st.markdown(f"**{md(event.name)}** ({when})"
                        + (f" — {md(event.description)}" if event.description else ""))
            st.button("Show on the map", key=f"event-{event.id}",
                      on_click=state.put, kwargs={"page": "map", "view": f"event:{event.id}"})
        _more("events", query, shown, len(events))
    with tabs[3]:
        shown = _shown("sources", query, len(sources))
        for source in sources[:shown]:
            st.markdown(md_markup(bibliography(source, markup="markdown")))
            resting = graph.claims_resting_on_source(source.id)
            for node in resting[:SOURCE_BUTTONS]:
                node_button(graph, node, key=f"s-{source.id}-{node}", go_to="map")
            if len(resting) > SOURCE_BUTTONS:
                st.caption(f"and {len(resting) - SOURCE_BUTTONS} more resting on it "
                           "(all of them on the Sources page)")
        _more("sources", query, shown, len(sources))
