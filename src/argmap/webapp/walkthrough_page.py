"""Walking the chapter section by section, paragraph by paragraph."""

from __future__ import annotations

import streamlit as st

from argmap.core.corpus import Corpus
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.map_page import download_buttons, panel_box, safe_selection, show_map
from argmap.webapp.panel import claim_panel
from argmap.webapp.text import badge, md, node_text, short


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
    """Step to a paragraph; the selection belonged to the last one, so it goes."""
    state.put(section=section, para=str(para), claim=None)


def _close() -> None:
    state.put(claim=None)


def paragraph_nodes(corpus: Corpus, section: str, para: int) -> list[str]:
    nodes = [c.id for c in corpus.claims.values()
             if c.locator.section == section and c.locator.paragraph == para]
    nodes += [e.id for e in corpus.evidence.values()
              if e.locator is not None and e.locator.section == section
              and e.locator.paragraph == para]
    return nodes


def paragraph_notes(corpus: Corpus, section: str, para: int) -> list[str]:
    """The footnotes the paragraph carries, in number order."""
    notes = [n.id for n in corpus.footnotes.values()
             if n.section == section and n.paragraph == para]
    return sorted(notes, key=lambda n: corpus.footnotes[n].number)


def paragraph_list(loaded: Loaded, section: str, para: int, nodes: list[str]) -> None:
    """What the paragraph says, node by node with its anchor words, and its notes."""
    corpus = loaded.corpus
    st.markdown(f"**In this paragraph** ({len(nodes)})")
    if not nodes:
        st.caption("No claims or evidence are mapped for this paragraph.")
    for node in nodes:
        item = corpus.claims.get(node) or corpus.evidence.get(node)
        with st.container(border=True):
            st.markdown(f"{badge(node_kind(corpus, node), 'blue')} **{md(item.heading if item else node)}**"
                        f"  \n{md(node_text(corpus, node))}")
            if item is not None and item.locator is not None and item.locator.anchor:
                st.caption(f"Where the text says it: “{md(item.locator.anchor)}”")
            st.button("Open: support, notes, schools", key=f"walk-node-{node}",
                      on_click=state.select_node, args=(node,))
    notes = paragraph_notes(corpus, section, para)
    if notes:
        st.markdown(f"**Footnotes of ¶{para}** ({len(notes)})")
        for note_id in notes:
            note = corpus.footnotes[note_id]
            sources = ", ".join(short(corpus.sources[c.source].short_title
                                      or corpus.sources[c.source].title or c.source, 50)
                                for c in note.citations)
            st.markdown(f"- **Note {note.number}** — {md(sources)}")


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
    nav[2].markdown(f"#### {md(title)} · ¶{para} of {total}")
    st.session_state["walk-section"] = section
    nav[3].selectbox("Jump to section", sections, key="walk-section",
                     format_func=lambda s: corpus.sections[s][1].title,
                     on_change=lambda: _go(str(st.session_state["walk-section"]), 1),
                     label_visibility="collapsed")
    st.progress((index + 1) / len(order),
                text=f"Section {sections.index(section) + 1} of {len(sections)} · "
                     f"paragraph {index + 1} of {len(order)} in the text")

    nodes = paragraph_nodes(corpus, section, para)
    left, right = st.columns([3, 2], gap="medium")
    spec, sel = safe_selection(loaded, f"paragraph:{section}:{para}")
    chosen = state.selected()
    with left:
        show_map(loaded, spec, sel, key="map-walk", highlight=tuple(nodes))
        st.caption(md(sel.summary()) + " · ← → step through the paragraphs")
        download_buttons(loaded, spec, tuple(nodes), key="walk-dl")
    with right, panel_box("walk-panel"):
        # An opened node's panel takes the top of the box beside the map, in view;
        # a selection from another paragraph is not this step's and is not shown.
        if chosen and chosen in sel.nodes:
            st.button(f"◀ Back to ¶{para}", key="walk-close", on_click=_close)
            claim_panel(graph, chosen, key="walk-panel")
        else:
            paragraph_list(loaded, section, para, nodes)
