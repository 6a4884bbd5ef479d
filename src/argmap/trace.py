"""Tracing a claim back to the archive: claim -> evidence -> footnote -> source.

The researcher's question "what does this rest on?" as data (for --json and the
app) and as readable text with each citation formatted as a Chicago note.
"""

from __future__ import annotations

from typing import Any

from argmap.citations.chicago import archival_reference
from argmap.citations.notes import formatted_footnotes
from argmap.graph import ArgumentGraph
from argmap.views import trace_view
from argmap.voices import editorial_basis


def _voice(graph: ArgumentGraph, claim_id: str) -> dict[str, Any] | None:
    """Whose view a reported claim is, and what in the map answers it."""
    claim = graph.corpus.claims.get(claim_id)
    if claim is None or claim.asserted_by == "author":
        return None
    who = claim.asserted_by
    corpus = graph.corpus
    name = (corpus.people[who].name if who in corpus.people
            else corpus.schools[who].name if who in corpus.schools else who)
    return {"id": who, "name": name,
            "answered_by": [{"id": r.source, "relation": r.kind}
                            for r in graph.relations_to(claim_id, "attacks", "contradicts",
                                                        "undercuts", "qualifies")]}


def trace(graph: ArgumentGraph, claim_id: str) -> dict[str, Any]:
    """The support chain of a claim, with notes and sources resolved."""
    corpus = graph.corpus
    sel = trace_view(graph, claim_id)
    claims = [n for n in sel.nodes if n in corpus.claims and n != claim_id]
    evidence = [n for n in sel.nodes if n in corpus.evidence]
    notes = sorted((n for n in sel.nodes if n in corpus.footnotes),
                   key=lambda n: corpus.footnotes[n].number)
    sources = list(dict.fromkeys(s for n in notes for s in graph.sources_of_note.get(n, [])))
    claim = corpus.claims.get(claim_id)
    texts = {n.id: t for n, t in formatted_footnotes(corpus, only=set(notes))}
    node = claim or corpus.evidence[claim_id]
    return {
        "claim": {"id": claim_id, "title": node.heading, "text": node.text,
                  "reported_view_of": _voice(graph, claim_id),
                  "editor_note": node.editor_note.text if node.editor_note else None},
        "supporting_claims": [{"id": c, "text": corpus.claims[c].text} for c in claims],
        "evidence": [
            {"id": e, "kind": corpus.evidence[e].kind, "text": corpus.evidence[e].text,
             "date": corpus.evidence[e].date,
             "editorial": editorial_basis(corpus, corpus.evidence[e])
             if corpus.evidence[e].locator is None else None,
             "footnotes": [
                 corpus.footnotes[n].number for n in graph.footnotes_for(e)]}
            for e in evidence
        ],
        "footnotes": [corpus.footnotes[n].number for n in notes],
        "notes": [
            {
                "number": corpus.footnotes[n].number,
                "text": texts[n].text,
                "citations": [
                    {
                        "source": c.source,
                        "note": cited,
                        "archive": archival_reference(corpus.sources[c.source], c)
                        if corpus.sources[c.source].archival else None,
                    }
                    for c, cited in zip(corpus.footnotes[n].citations, texts[n].citations,
                                        strict=True)
                ],
                "commentary": corpus.footnotes[n].commentary,
            }
            for n in notes
        ],
        "sources": sources,
    }


def format_trace(data: dict[str, Any]) -> str:
    """The trace as text a researcher can read in a terminal."""
    claim = data["claim"]
    lines = [f"Claim {claim['id']}: {claim['title']}", f"  {claim['text']}"]
    voice = claim.get("reported_view_of")
    if voice:
        lines.append(f"  This is a view the text reports, held by {voice['name']}, not the "
                     "author's own claim.")
        for answer in voice["answered_by"]:
            lines.append(f"  It is answered by {answer['id']} ({answer['relation']}).")
    if claim.get("editor_note"):
        lines.append(f"  Editor's note (not the text's): {claim['editor_note']}")
    if data["supporting_claims"]:
        lines.append("Supported by claims:")
        lines += [f"  - {c['id']}: {c['text']}" for c in data["supporting_claims"]]
    lines.append("Evidence:" if data["evidence"] else "Evidence: none mapped")
    for ev in data["evidence"]:
        notes = ", ".join(f"n. {n}" for n in ev["footnotes"])
        date = f" ({ev['date']})" if ev["date"] else ""
        lines.append(f"  - [{ev['kind']}]{date} {ev['text']}" + (f" [{notes}]" if notes else ""))
        if ev.get("editorial") is not None:
            lines.append(f"    not in the text: added by the map's editor ({ev['editorial']})")
    lines.append("Footnotes:" if data["notes"] else "Footnotes: none")
    for item in data["notes"]:
        lines.append(f"  {item['number']}. {item['text']}")
        for c in item["citations"]:
            if c["archive"]:
                lines.append(f"     archive: {c['archive']}")
        if item["commentary"]:
            lines.append(f"     comment: {item['commentary']}")
    return "\n".join(lines)
