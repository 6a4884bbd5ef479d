"""Schools side by side: summaries, proponents, key works, contested claims."""

from __future__ import annotations

from typing import Any

import streamlit as st

from argmap.argumentation.audiences import school_labels
from argmap.chicago import bibliography
from argmap.graph import ArgumentGraph
from argmap.webapp import state
from argmap.webapp.acceptability import labels_for
from argmap.webapp.data import Loaded
from argmap.webapp.map_page import safe_selection, show_map
from argmap.webapp.panel import claim_panel, node_button
from argmap.webapp.text import POSITION_ICON, md, person_names, short


def _profile(graph: ArgumentGraph, school_id: str) -> None:
    corpus = graph.corpus
    school = corpus.schools[school_id]
    with st.container(border=True):
        st.subheader(school.name)
        st.markdown(md(school.summary))
        if school.proponents:
            st.markdown(f"**Proponents:** {md(person_names(corpus, school.proponents))}")
        if school.key_works:
            st.markdown("**Key works**")
            st.markdown("\n".join(f"- {bibliography(corpus.sources[w], markup='markdown')}"
                                  for w in school.key_works if w in corpus.sources))
        if school.core_theses:
            st.markdown("**Core theses**")
            for claim in school.core_theses:
                node_button(graph, claim, key=f"core-{school_id}-{claim}", go_to="map")


def comparison_rows(graph: ArgumentGraph, schools: list[str]) -> list[dict[str, Any]]:
    """One row per claim some chosen school takes a position on."""
    corpus = graph.corpus
    order = {s: i for i, s in enumerate(corpus.section_order())}
    rows = []
    for claim_id, stances in graph.stances_on.items():
        chosen = {s: stances[s] for s in schools if s in stances}
        if not chosen or claim_id not in corpus.claims:
            continue
        claim = corpus.claims[claim_id]
        positions = {s.position for s in chosen.values()}
        row: dict[str, Any] = {
            "where": f"{claim.locator.section} ¶{claim.locator.paragraph}",
            "agreement": "agree" if len(positions) == 1 and len(chosen) > 1
            else ("disagree" if len(positions) > 1 else "one school"),
        }
        for school in schools:
            stance = stances.get(school)
            row[corpus.schools[school].name] = (
                f"{POSITION_ICON[stance.position]} {stance.position} "
                f"({'chapter' if stance.basis == 'chapter' else 'editorial'})"
                if stance else "—"
            )
            labels = labels_for(graph, school)
            if labels is not None:
                row[f"{corpus.schools[school].name} (computed)"] = labels.get(claim_id, "")
        row["text"] = short(claim.text, 110)
        row["claim"] = claim_id
        row["_order"] = (order.get(claim.locator.section, 99), claim.locator.paragraph)
        rows.append(row)
    rows.sort(key=lambda r: (r["agreement"] != "disagree", r["_order"]))
    for row in rows:
        del row["_order"]
    return rows


def page(loaded: Loaded) -> None:
    graph = loaded.graph
    assert graph is not None
    corpus = graph.corpus
    st.title("Schools compared")
    if not corpus.schools:
        st.info("This map defines no schools yet.")
        return
    ids = list(corpus.schools)
    names = {s: corpus.schools[s].name for s in ids}
    chosen = state.synced_multiselect("Schools to compare (two or three)", ids, "schools",
                                      ids[:3], labels=names, max_selections=3)
    if not chosen:
        st.info("Choose at least one school.")
        return
    for col, school in zip(st.columns(len(chosen)), chosen, strict=True):
        with col:
            _profile(graph, school)

    st.header("Where they agree and disagree")
    st.caption("Position (basis): *chapter* = Harris attributes it in the chapter; "
               "*editorial* = the map editor's reading of the school's own work.")
    rows = comparison_rows(graph, chosen)
    only = st.toggle("Only claims where they disagree", key="schools-only-disagree")
    shown = [r for r in rows if r["agreement"] == "disagree"] if only else rows

    def _pick() -> None:
        event = st.session_state.get("schools-table")
        rows_picked = list(event["selection"]["rows"]) if event else []
        if rows_picked and rows_picked[0] < len(shown):
            state.put(claim=str(shown[rows_picked[0]]["claim"]))

    st.dataframe(shown, hide_index=True, width="stretch", on_select=_pick,
                 selection_mode="single-row", key="schools-table")
    st.caption(f"{sum(r['agreement'] == 'disagree' for r in rows)} contested claims of "
               f"{len(rows)} with a mapped stance. Select a row to open the claim below.")

    st.header("The map through one school's eyes")
    pick, mode_col = st.columns([1, 2])
    with pick:
        colour = state.synced_selectbox("School", ids, "colour", chosen[0], labels=names)
    with mode_col:
        mode = state.synced_radio("Colour by", list(COLOURINGS), "colouring", "stances",
                                  labels=COLOURINGS, horizontal=True)
    spec, sel = safe_selection(loaded, f"{'accept' if mode == 'computed' else 'school'}:{colour}")
    st.caption((COMPUTED_KEY if mode == "computed" else STANCE_KEY) + " " + sel.summary())
    left, right = st.columns([3, 2], gap="medium")
    with left:
        show_map(loaded, spec, sel, key="map-school")
    with right:
        chosen_node = state.selected()
        if mode == "computed":
            explain_label(graph, colour, chosen_node)
        claim_panel(graph, chosen_node, key="school-panel")


COLOURINGS = {"stances": "the school's stances", "computed": "computed acceptability"}
STANCE_KEY = ("Fill: green accepts · red/dashed rejects · yellow qualifies · pink disputed · "
              "white/dotted no stance.")
COMPUTED_KEY = ("Fill: green IN (stands, given all the school accepts and rejects) · "
                "red/dashed OUT (defeated) · yellow/dotted UNDEC (undecided). Click a claim "
                "for the reason.")


def explain_label(graph: ArgumentGraph, school: str, node_id: str) -> None:
    """Why the selected claim has its computed label for this school."""
    if node_id not in graph.corpus.claims:
        st.info("Click a claim to see why it is IN, OUT or UNDEC for this school.")
        return
    verdict = school_labels(graph.corpus, school).get(node_id)
    if verdict is None:
        return
    name = graph.corpus.schools[school].name
    with st.container(border=True):
        st.markdown(f"**Computed for the {name}: `{verdict.label}`**")
        st.markdown(verdict.reason)
        for attacker in verdict.attackers:
            st.markdown(f"- attacker `{attacker.node}` is **{attacker.label}** — {attacker.short()}")
        if verdict.dropped:
            st.caption("Attacks that fail against what the school accepts: "
                       + ", ".join(verdict.dropped))
