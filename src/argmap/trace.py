"""Tracing a claim back to the archive: claim -> evidence -> footnote -> source.

The researcher's question "what does this rest on?" as data (for --json and the
app) and as readable text with each citation formatted as a Chicago note.
"""

from __future__ import annotations

from typing import Any

from argmap.chicago import archival_reference, note
from argmap.graph import ArgumentGraph
from argmap.views import trace_view


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
    return {
        "claim": {"id": claim_id, "text": claim.text if claim else corpus.evidence[claim_id].text},
        "supporting_claims": [{"id": c, "text": corpus.claims[c].text} for c in claims],
        "evidence": [
            {"id": e, "kind": corpus.evidence[e].kind, "text": corpus.evidence[e].text,
             "date": corpus.evidence[e].date, "footnotes": [
                 corpus.footnotes[n].number for n in graph.footnotes_for(e)]}
            for e in evidence
        ],
        "footnotes": [corpus.footnotes[n].number for n in notes],
        "notes": [
            {
                "number": corpus.footnotes[n].number,
                "citations": [
                    {
                        "source": c.source,
                        "note": note(corpus.sources[c.source], c),
                        "archive": archival_reference(corpus.sources[c.source], c)
                        if corpus.sources[c.source].archival else None,
                    }
                    for c in corpus.footnotes[n].citations
                ],
                "commentary": corpus.footnotes[n].commentary,
            }
            for n in notes
        ],
        "sources": sources,
    }


def format_trace(data: dict[str, Any]) -> str:
    """The trace as text a researcher can read in a terminal."""
    lines = [f"Claim {data['claim']['id']}: {data['claim']['text']}"]
    if data["supporting_claims"]:
        lines.append("Supported by claims:")
        lines += [f"  - {c['id']}: {c['text']}" for c in data["supporting_claims"]]
    lines.append("Evidence:" if data["evidence"] else "Evidence: none mapped")
    for ev in data["evidence"]:
        notes = ", ".join(f"n. {n}" for n in ev["footnotes"])
        date = f" ({ev['date']})" if ev["date"] else ""
        lines.append(f"  - [{ev['kind']}]{date} {ev['text']}" + (f" [{notes}]" if notes else ""))
    lines.append("Footnotes:" if data["notes"] else "Footnotes: none")
    for item in data["notes"]:
        cited = "; ".join(c["note"] for c in item["citations"])
        lines.append(f"  {item['number']}. {cited}")
        for c in item["citations"]:
            if c["archive"]:
                lines.append(f"     archive: {c['archive']}")
        if item["commentary"]:
            lines.append(f"     comment: {item['commentary']}")
    return "\n".join(lines)
