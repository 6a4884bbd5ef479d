"""Schools side by side: who they are, how strong each claim is for each, and the
cruxes a seminar can argue about (argmap.argumentation.gradual does the work)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from argmap.argumentation.audiences import school_labels, titles
from argmap.argumentation.gradual import (
    CONTESTED_GAP,
    Comparison,
    compare,
    cruxes,
    school_strengths,
)
from argmap.citations.chicago import bibliography
from argmap.graph import ArgumentGraph
from argmap.webapp import state
from argmap.webapp.data import Loaded
from argmap.webapp.map_page import safe_selection, show_map
from argmap.webapp.panel import claim_panel, node_button
from argmap.webapp.text import cell, md, md_markup, section_title, short


def _profile(graph: ArgumentGraph, school_id: str) -> None:
    corpus = graph.corpus
    school = corpus.schools[school_id]
    with st.container(border=True):
        st.markdown(md(school.summary))
        if school.proponents:
            st.markdown("**Historians**")
            for person_id in school.proponents:
                person = corpus.people.get(person_id)
                if person is None:
                    continue
                works = [corpus.sources[w] for w in person.works if w in corpus.sources]
                line = f"- **{md(person.name)}**"
                if works:
                    line += ": " + "; ".join(f"*{md(w.short_title or w.full_title or w.id)}*"
                                             + (f" ({w.issued[:4]})" if w.issued else "")
                                             for w in works)
                st.markdown(line)
        if school.key_works:
            with st.expander("Key works"):
                st.markdown("\n".join(f"- {md_markup(bibliography(corpus.sources[w], markup='markdown'))}"
                                      for w in school.key_works if w in corpus.sources))
        if school.evidence_trust:
            with st.expander("Trust in kinds of evidence"):
                for trust in sorted(school.evidence_trust, key=lambda t: -t.score):
                    st.markdown(f"- **{trust.kind.replace('-', ' ')}** {trust.score:.2f}: "
                                f"{md(trust.justification)}")
        if school.core_theses:
            st.markdown("**Core theses**")
            for claim in school.core_theses:
                node_button(graph, claim, key=f"core-{school_id}-{claim}", go_to="map")


def comparison_rows(graph: ArgumentGraph, comp: Comparison) -> list[dict[str, Any]]:
    """One row per contested claim, most important first: title, where, a strength
    per school (drawn as bars), the gap and how much of the map rests on it."""
    corpus = graph.corpus
    rows = []
    for diff in comp.differences:
        claim = corpus.claims[diff.claim]
        row: dict[str, Any] = {
            "claim": cell(claim.heading),
            "where": cell(f"{_short_section(section_title(corpus, claim.locator.section))} "
                          f"¶{claim.locator.paragraph}"),
        }
        for school in comp.schools:
            row[corpus.schools[school].name] = round(diff.strengths[school], 2)
        row["gap"] = round(diff.spread, 2)
        row["rests on it"] = diff.downstream
        row["id"] = diff.claim
        rows.append(row)
    return rows


def _short_section(title: str) -> str:
    """A section title cut to its first words, so the table needs no horizontal scroll."""
    words = [w for w in title.split() if w.lower() not in ("the", "a", "an")]
    return " ".join(words[:2]) + ("…" if len(words) > 2 else "")


def _table(graph: ArgumentGraph, comp: Comparison) -> None:
    corpus = graph.corpus
    rows = comparison_rows(graph, comp)
    config: dict[str, Any] = {
        corpus.schools[s].name: st.column_config.ProgressColumn(
            cell(corpus.schools[s].name.split()[0]), min_value=0.0, max_value=1.0, format="%.2f",
            width="small", help=f"Graded strength of the claim for the {md(corpus.schools[s].name)} "
                                "(DF-QuAD)")
        for s in comp.schools
    }
    config["claim"] = st.column_config.TextColumn("Claim", width="large")
    config["where"] = st.column_config.TextColumn("Where", width="medium")
    config["gap"] = st.column_config.NumberColumn("Gap", width="small", format="%.2f")
    config["rests on it"] = st.column_config.NumberColumn(
        "Rests on it", width="small", help="How many claims and evidence rest on this claim")
    config["id"] = None

    def _pick() -> None:
        event = st.session_state.get("schools-table")
        picked = list(event["selection"]["rows"]) if event else []
        if picked and picked[0] < len(rows):
            state.put(claim=str(rows[picked[0]]["id"]))

    st.dataframe(rows, hide_index=True, width="stretch", on_select=_pick, column_config=config,
                 selection_mode="single-row", key="schools-table")
    st.caption(
        f"{len(rows)} contested claims: their strengths differ by {CONTESTED_GAP:.2f} or more "
        f"between the chosen schools; ranked by the gap and by how much of the map rests on "
        f"them. {len(comp.agreed_strong)} claims are strong (0.65+) and "
        f"{len(comp.agreed_weak)} weak (0.35 or less) for every chosen school. Select a row "
        "to open the claim below."
    )


def _cruxes(graph: ArgumentGraph, chosen: list[str]) -> None:
    corpus = graph.corpus
    names = {s: corpus.schools[s].name for s in chosen}
    left, right = st.columns(2)
    with left:
        a = state.synced_selectbox("What would this school have to concede…", chosen, "crux_a",
                                   chosen[0], labels=names)
    others = [s for s in chosen if s != a]
    with right:
        b = state.synced_selectbox("…to move towards this one?", others, "crux_b", others[0],
                                   labels=names)
    found = cruxes(corpus, a, b)
    contested = {d.claim for d in compare(corpus, [a, b], drivers=0).differences}
    theses = [c.id for c in corpus.claims.values() if c.kind == "thesis" and c.id in contested]
    if not theses:
        st.info(f"No thesis is contested between the {md(names[a])} and the {md(names[b])}.")
        return
    mine, theirs = school_strengths(corpus, a).strength, school_strengths(corpus, b).strength
    for thesis_id in theses:
        if any(c.thesis == thesis_id for c in found):
            continue
        with st.container(border=True):
            st.markdown(f"**{md(corpus.claims[thesis_id].heading)}** — {md(names[a])} "
                        f"{mine[thesis_id]:.2f}, {md(names[b])} {theirs[thesis_id]:.2f}")
            st.markdown("No crux beneath it: the claims and evidence it rests on weigh alike "
                        "for both. They part ways over the thesis itself:")
            for school in (a, b):
                stance = school_strengths(corpus, school).bases[thesis_id].stance
                if stance is not None:
                    st.markdown(f"- **{md(names[school])}** *{stance.position}*: "
                                f"{md(stance.justification)}")
    for crux in found:
        thesis = corpus.claims[crux.thesis]
        with st.container(border=True):
            st.markdown(f"**{md(thesis.heading)}** — {md(names[a])} {crux.before:.2f}, "
                        f"{md(names[b])} {crux.target:.2f}")
            st.markdown(
                f"Their readings of the thesis itself: had the {md(names[a])} taken the "
                f"{md(names[b])}'s stance on it, it would stand at {crux.with_their_stance:.2f}. "
                f"Beneath it (its own stance set aside) the case for it is {crux.grounds:.2f} "
                f"against {crux.other_grounds:.2f}.")
            gap = crux.other_grounds - crux.grounds
            for step in crux.steps:
                node_button(graph, step.node, key=f"crux-{crux.thesis}-{step.node}")
                part = (step.alone - crux.grounds) / gap if gap else 0.0
                st.markdown(
                    f"{md(names[a])} {mine[step.node]:.2f} (*{md(step.mine.position)}*), "
                    f"{md(names[b])} {theirs[step.node]:.2f} (*{md(step.theirs.position)}*). "
                    f"Taking the {md(names[b])}'s view of it alone: {crux.grounds:.2f} → "
                    f"{step.alone:.2f} ({part:.0%} of the difference beneath).")
            if crux.steps:
                st.caption(f"Together these close {min(crux.share, 1.0):.0%} of the difference "
                           "beneath the thesis (every value recomputed).")


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
    debates = [corpus.debates[d] for d in dict.fromkeys(
        corpus.schools[s].debate for s in ids) if d is not None and d in corpus.debates]
    for debate in debates:
        st.caption(f"Debate: **{md(debate.title)}**"
                   + (f" — {md(debate.description)}" if debate.description else ""))
    chosen = state.synced_multiselect("Schools to compare", ids, "schools", ids, labels=names)
    if not chosen:
        st.info("Choose at least one school.")
        return
    st.caption("Who each school is: its historians and their works, its key works, its trust "
               "in kinds of evidence and its core theses.")
    for tab, school in zip(st.tabs([md(names[s]) for s in chosen]), chosen, strict=True):
        with tab:
            _profile(graph, school)

    if len(chosen) >= 2:
        st.header("Where they part ways")
        st.caption("Strength 0–1 for each school: its stance sets a claim's starting score, "
                   "supports raise it and attacks lower it (DF-QuAD; see docs/semantics.md). "
                   "Stances rest on *the text* (it attributes them) or are *editorial* "
                   "(the map editor's reading of the school's own work); the claim panel "
                   "shows which.")
        _table(graph, compare(corpus, chosen, drivers=0))
        st.header("Cruxes")
        st.caption("For each thesis two schools judge differently: the claims and evidence "
                   "whose adoption would close most of the gap, each effect recomputed.")
        _cruxes(graph, chosen)

    st.header("The map through one school's eyes")
    pick, mode_col = st.columns([1, 2])
    with pick:
        colour = state.synced_selectbox("School", ids, "colour", chosen[0], labels=names)
    with mode_col:
        mode = state.synced_radio("Colour by", list(COLOURINGS), "colouring", "strength",
                                  labels=COLOURINGS, horizontal=True)
    prefix = {"strength": "strength", "computed": "accept", "stances": "school"}[mode]
    spec, sel = safe_selection(loaded, f"{prefix}:{colour}")
    st.caption(KEYS[mode] + " " + md(sel.summary()))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        show_map(loaded, spec, sel, key="map-school")
    with right:
        chosen_node = state.selected()
        if mode == "computed":
            explain_label(graph, colour, chosen_node)
        elif mode == "strength":
            explain_strength(graph, colour, chosen_node)
        claim_panel(graph, chosen_node, key="school-panel")


COLOURINGS = {"strength": "graded strength", "stances": "the school's stances",
              "computed": "IN/OUT (grounded)"}
KEYS = {
    "strength": "Fill: darker blue = stronger for this school (the number at the end of each "
                "node's first line is its strength, 0–1).",
    "stances": "Fill: green accepts · red/dashed rejects · yellow qualifies · pink disputed · "
               "white/dotted no stance.",
    "computed": "Fill: green IN (stands, given all the school accepts and rejects) · "
                "red/dashed OUT (defeated) · yellow/dotted UNDEC (undecided). Click a claim "
                "for the reason.",
}


def explain_strength(graph: ArgumentGraph, school: str, node_id: str) -> None:
    """The selected node's strength for the school, its base and what moves it."""
    corpus = graph.corpus
    if node_id not in corpus.claims and node_id not in corpus.evidence:
        st.info("Click a claim to see how strong it is for this school, and why.")
        return
    result = school_strengths(corpus, school)
    base = result.bases[node_id]
    value = result.strength[node_id]
    with st.container(border=True):
        st.markdown(f"**Strength for the {md(corpus.schools[school].name)}: {value:.2f}**")
        st.progress(min(max(value, 0.0), 1.0))
        st.markdown(f"Starting score {base.value:.2f} from *{md(base.why)}*; "
                    f"{'supports raised' if value > base.value else 'attacks lowered'} it "
                    f"to {value:.2f}." if abs(value - base.value) > 0.005 else
                    f"Starting score {base.value:.2f} from *{md(base.why)}*; nothing moves it.")
        supporters = graph.supporters(node_id)
        attackers = graph.attackers(node_id)
        for label, nodes in (("Supported by", supporters), ("Attacked by", attackers)):
            if nodes:
                st.markdown(f"*{label}:* " + "; ".join(
                    f"{md(short(_heading(graph, n), 60))} ({result.strength[n]:.2f})"
                    for n in nodes if n in result.strength))


def _heading(graph: ArgumentGraph, node_id: str) -> str:
    node = graph.corpus.claims.get(node_id) or graph.corpus.evidence.get(node_id)
    return node.heading if node is not None else node_id


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
        st.markdown(f"**Computed for the {md(name)}: `{verdict.label}`**")
        st.markdown(md(verdict.reason))
        names = titles(graph.corpus)
        for attacker in verdict.attackers:
            st.markdown(f"- attacker **{md(_heading(graph, attacker.node))}** is "
                        f"**{attacker.label}** — {md(attacker.short(names))}")
        if verdict.dropped:
            st.caption("Attacks that fail against what the school accepts: "
                       + ", ".join(md(_heading(graph, d)) for d in verdict.dropped))
