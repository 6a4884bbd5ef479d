"""Walking the chapter section by section, paragraph by paragraph."""

from __future__ import annotations

import streamlit as st

from argmap.corpus import Corpus
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.map_page import download_buttons, safe_selection, show_map
from argmap.webapp.panel import claim_panel
from argmap.webapp.text import badge, md, node_text


def node_kind(corpus: Corpus, node_id: str) -> str:
    if node_id in corpus.claims:
        kind = corpus.claims[node_id].kind
        return "THESIS" if kind == "thesis" else kind
    return corpus.evidence[node_id].kind.replace("-", " ") if node_id in corpus.evidence else ""


def positions(corpus: Corpus) -> list[tuple[str, int]]:
    """Every (section, paragraph) of the chapter in reading order."""
    return [(s, p) for s in corpus.section_order()
            for p in range(1, corpus.sections[s][1].paragraphs + 1)]


def current(corpus: Corpus) -> int:
    """Index of the position in the URL (section, para), else the first."""
    order = positions(corpus)
    section = state.get("section", order[0][0] if order else "")
    try:
        para = int(state.get("para", "1"))
    except ValueError:
        para = 1
    try:
        return order.index((section, para))
    except ValueError:
        return next((i for i, (s, _) in enumerate(order) if s == section), 0)


def _go(section: str, para: int) -> None:
    state.put(section=section, para=str(para))


def paragraph_nodes(corpus: Corpus, section: str, para: int) -> list[str]:
    nodes = [c.id for c in corpus.claims.values()
             if c.locator.section == section and c.locator.paragraph == para]
    nodes += [e.id for e in corpus.evidence.values()
              if e.locator.section == section and e.locator.paragraph == para]
    return nodes


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    corpus = graph.corpus
    order = positions(corpus)
    if not order:
        st.info("The work has no sections to walk through.")
        return
    index = current(corpus)
    section, para = order[index]
    title = corpus.sections[section][1].title
    total = corpus.sections[section][1].paragraphs
    sections = corpus.section_order()

    nav = st.columns([1, 1, 4, 2])
    prev_pos, next_pos = order[max(index - 1, 0)], order[min(index + 1, len(order) - 1)]
    nav[0].button("◀ Previous", key="walk-prev", disabled=index == 0, width="stretch",
                  on_click=_go, args=prev_pos)
    nav[1].button("Next ▶", key="walk-next", disabled=index == len(order) - 1,
                  width="stretch", on_click=_go, args=next_pos)
    nav[2].markdown(f"### {md(title)} · ¶{para} of {total}")
    st.session_state["walk-section"] = section
    nav[3].selectbox("Jump to section", sections, key="walk-section",
                     format_func=lambda s: corpus.sections[s][1].title,
                     on_change=lambda: _go(str(st.session_state["walk-section"]), 1),
                     label_visibility="collapsed")
    st.progress((index + 1) / len(order),
                text=f"Section {sections.index(section) + 1} of {len(sections)} · "
                     f"paragraph {index + 1} of {len(order)} in the chapter")

    nodes = paragraph_nodes(corpus, section, para)
    left, right = st.columns([3, 2], gap="medium")
    spec, sel = safe_selection(loaded, f"section:{section}")
    with left:
        show_map(loaded, spec, sel, key="map-walk", highlight=tuple(nodes))
        download_buttons(loaded, spec, tuple(nodes), key="walk-dl")
    with right:
        st.markdown(f"**In this paragraph** ({len(nodes)})")
        if not nodes:
            st.caption("No claims or evidence are mapped for this paragraph.")
        for node in nodes:
            with st.container(border=True):
                st.markdown(f"{badge(node_kind(corpus, node), 'blue')} {md(node_text(corpus, node))}")
                st.button("Open: support, notes, schools", key=f"walk-node-{node}",
                          on_click=state.select_node, args=(node,))
        chosen = state.selected()
        if chosen:
            st.divider()
            claim_panel(graph, chosen, key="walk-panel")
