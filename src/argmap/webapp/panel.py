"""The claim panel: everything a seminar asks about one selected node.

What it says and where; what supports and attacks it (each a button that
selects that claim); its evidence by kind; its footnotes as Chicago notes with
archive references; and each school's stance, with chapter-based and editorial
stances visibly different in colour and text.
"""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from argmap.citations.chicago import archival_reference, bibliography, note
from argmap.core.model import Evidence
from argmap.graph import ArgumentGraph
from argmap.voices import editorial_basis, voice_name
from argmap.webapp import state
from argmap.webapp.text import (
    POSITION_COLOUR,
    POSITION_ICON,
    badge,
    date_label,
    html_text,
    md,
    md_markup,
    node_label,
    person_names,
    section_title,
    stance_badge,
)


def node_button(graph: ArgumentGraph, node_id: str, key: str, *, go_to: str | None = None,
                limit: int = 90) -> None:
    """A button that selects node_id (and optionally switches page)."""
    st.button(md(node_label(graph.corpus, node_id, limit)), key=key, width="stretch",
              on_click=state.select_node, args=(node_id,), kwargs={"go_to": go_to},
              help=f"Select {node_id}")


def claim_panel(graph: ArgumentGraph, node_id: str, *, key: str = "panel") -> None:
    """Show the panel for a claim, evidence, footnote or source id."""
    corpus = graph.corpus
    if not node_id:
        st.info("Click a node in the map (or press Enter on a focused node) to see its "
                "support, attackers, evidence, footnotes and each school's stance.")
        return
    if node_id in corpus.claims or node_id in corpus.evidence:
        _claim_or_evidence(graph, node_id, key)
        if key != "seminar-panel" and node_id in corpus.claims:  # the seminar's say (issue 16)
            from argmap.webapp.seminar_page import panel_section
            panel_section(node_id)
    elif node_id in corpus.footnotes:
        _footnote(graph, node_id, key)
    elif node_id in corpus.sources:
        _source(graph, node_id, key)
    else:
        st.warning(f"Nothing called '{md(node_id)}' in this map.")


def _claim_or_evidence(graph: ArgumentGraph, node_id: str, key: str) -> None:
    corpus = graph.corpus
    is_claim = node_id in corpus.claims
    node = corpus.claims[node_id] if is_claim else corpus.evidence[node_id]
    kind = node.kind
    loc = node.locator
    with st.container(border=True, key=f"{key}-head"):
        tags = [badge("THESIS" if kind == "thesis" else kind.replace("-", " "),
                      "blue" if is_claim else "orange")]
        if is_claim and corpus.claims[node_id].asserted_by != "author":
            who = corpus.claims[node_id].asserted_by
            tags.append(badge(f"view of {voice_name(corpus, who)}", "gray"))
        st.markdown(" ".join(tags) + f" `{node_id}`")
        title = md(node.heading) + (" *(title derived from the text)*" if node.title_derived else "")
        st.markdown(f"**{title}**" if not node.title_derived else title)
        st.markdown(f"<div class='argmap-claim-text'>{html_text(node.text)}</div>",
                    unsafe_allow_html=True)
        if node.editor_note is not None:
            source = corpus.sources.get(node.editor_note.source or "")
            cited = f" ({md(source.short_title or source.full_title or source.id)}" \
                f"{', ' + md(node.editor_note.pages) if node.editor_note.pages else ''})" \
                if source is not None else ""
            st.markdown(f"{badge('editor', 'orange')} *Editor's note, not the text's:* "
                        f"{md(node.editor_note.text)}{cited}")
        if loc is not None:
            where = f"**{md(section_title(corpus, loc.section))}**, ¶{loc.paragraph}"
            if loc.anchor:
                where += f" — “{md(loc.anchor)}”"
        else:
            basis = editorial_basis(corpus, node) if isinstance(node, Evidence) else ""
            where = "*Not in the text: added by the map's editor*" + (
                f" ({md(basis)})" if basis else "")
        st.markdown(where)
        facts: list[str] = []
        if is_claim:
            claim = corpus.claims[node_id]
            if claim.period is not None:
                span = date_label(claim.period.start)
                if claim.period.end:
                    span += f" – {date_label(claim.period.end)}"
                facts.append(f"**Period:** {span}")
        else:
            ev = corpus.evidence[node_id]
            if ev.date:
                facts.append(f"**Date:** {date_label(ev.date)}")
            if ev.author:
                facts.append(f"**Author:** {md(ev.author)}")
        if node.people:
            facts.append(f"**People:** {md(person_names(corpus, node.people))}")
        if node.events:
            names = ", ".join(corpus.events[e].name if e in corpus.events else e
                              for e in node.events)
            facts.append(f"**Events:** {md(names)}")
        if facts:
            st.markdown("  \n".join(facts))

    _relations(graph, node_id, key)
    if is_claim:
        _evidence(graph, node_id, key)
    _footnotes(graph, node_id)
    _stances(graph, node_id)


def _relations(graph: ArgumentGraph, node_id: str, key: str) -> None:
    supporters = [s for s in graph.supporters(node_id) if s not in graph.corpus.evidence]
    attackers = graph.attackers(node_id)
    qualifiers = [r.source for r in graph.relations_to(node_id, "qualifies")]
    supports = [r.target for r in graph.relations_from(node_id, "supports")]
    attacks = [r.target for r in graph.relations_from(node_id, "attacks", "contradicts",
                                                       "undercuts")]
    groups = [
        ("Supported by", ":green[▲]", supporters),
        ("Attacked by", ":red[✗]", attackers),
        ("Qualified by", ":blue[◇]", qualifiers),
        ("It supports", ":green[→]", supports),
        ("It attacks", ":red[⊣]", attacks),
    ]
    for title, icon, ids in groups:
        if not ids:
            continue
        st.markdown(f"**{icon} {title}** ({len(ids)})")
        for other in dict.fromkeys(ids):
            node_button(graph, other, key=f"{key}-{title}-{other}")
    if not any(ids for _, _, ids in groups):
        st.caption("No relations to other claims are mapped.")


def _evidence(graph: ArgumentGraph, claim_id: str, key: str) -> None:
    corpus = graph.corpus
    evidence = graph.evidence_for(claim_id)
    st.markdown(f"**Evidence** ({len(evidence)})")
    if not evidence:
        st.caption("No evidence is mapped for this claim.")
        return
    by_kind: dict[str, list[str]] = defaultdict(list)
    for ev in evidence:
        by_kind[corpus.evidence[ev].kind].append(ev)
    for kind, ids in sorted(by_kind.items()):
        st.markdown(badge(kind.replace("-", " "), "orange"))
        for ev in ids:
            node_button(graph, ev, key=f"{key}-ev-{ev}")


def _footnotes(graph: ArgumentGraph, node_id: str) -> None:
    corpus = graph.corpus
    notes = list(graph.footnotes_for(node_id))
    for ev in graph.evidence_for(node_id):
        notes += [n for n in graph.footnotes_for(ev) if n not in notes]
    notes.sort(key=lambda n: corpus.footnotes[n].number)
    st.markdown(f"**Footnotes** ({len(notes)})")
    if not notes:
        st.caption("No footnotes are attached.")
        return
    for note_id in notes:
        footnote = corpus.footnotes[note_id]
        lines = []
        for citation in footnote.citations:
            source = corpus.sources[citation.source]
            text = md_markup(note(source, citation, markup="markdown"))
            if source.archival is not None:
                text += f"  \n  Archive: **{md(archival_reference(source, citation))}**"
            lines.append(f"- {text}")
        body = "\n".join(lines)
        if footnote.commentary:
            body += f"\n\n*Note's comment:* {md(footnote.commentary)}"
        with st.container(border=True):
            st.markdown(f"**Note {footnote.number}**\n\n{body}")


def _stances(graph: ArgumentGraph, claim_id: str) -> None:
    """Each school's stance, whose it is (its historians, and who dissents), on what it
    rests (chapter or editorial), and the graded strength that follows for the school."""
    from argmap.argumentation.gradual import school_strengths

    corpus = graph.corpus
    stances = graph.stances_on.get(claim_id, {})
    st.markdown("**Schools**")
    if not corpus.schools:
        st.caption("This map defines no schools.")
        return
    for school_id, school in corpus.schools.items():
        strength = school_strengths(corpus, school_id).strength.get(claim_id)
        value = f" · strength {strength:.2f}" if strength is not None else ""
        stance = stances.get(school_id)
        if stance is None:
            st.markdown(f"**{md(school.name)}** — :gray[no stance mapped]{value}")
            continue
        label, colour = stance_badge(corpus, stance)
        position = stance.position
        who = f" ({md(person_names(corpus, stance.proponents))})" if stance.proponents else ""
        text = (
            f"**{md(school.name)}**{who} — "
            f":{POSITION_COLOUR[position]}[**{POSITION_ICON[position]} {position}**] "
            f"{badge(label, colour)}{value}  \n{md(stance.justification)}"
        )
        for dissent in stance.dissent:
            name = person_names(corpus, [dissent.proponent])
            text += (f"  \n*Dissent:* {md(name)} {dissent.position}: "
                     f"{md(dissent.justification)}")
        st.markdown(text)


def _footnote(graph: ArgumentGraph, note_id: str, key: str) -> None:
    corpus = graph.corpus
    footnote = corpus.footnotes[note_id]
    st.markdown(f"### Note {footnote.number}")
    st.markdown(f"{md(section_title(corpus, footnote.section))}, ¶{footnote.paragraph}")
    for citation in footnote.citations:
        source = corpus.sources[citation.source]
        st.markdown(f"- {md_markup(note(source, citation, markup='markdown'))}")
        if source.archival is not None:
            st.markdown(f"  Archive: **{md(archival_reference(source, citation))}**")
    if footnote.commentary:
        st.markdown(f"*Comment:* {md(footnote.commentary)}")
    st.markdown("**Cited by**")
    for node in graph.claims_resting_on_note(note_id):
        node_button(graph, node, key=f"{key}-citedby-{node}")


def _source(graph: ArgumentGraph, source_id: str, key: str) -> None:
    corpus = graph.corpus
    st.markdown(f"### {md(corpus.sources[source_id].full_title or source_id)}")
    st.markdown(md_markup(bibliography(corpus.sources[source_id], markup="markdown")))
    st.markdown("**Claims and evidence resting on it**")
    for node in graph.claims_resting_on_source(source_id):
        node_button(graph, node, key=f"{key}-rests-{node}")
