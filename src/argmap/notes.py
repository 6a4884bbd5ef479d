"""The footnotes as a reader follows them: number, place, what each cites."""

from __future__ import annotations

from typing import Any

from argmap.chicago import note as chicago_note
from argmap.corpus import Corpus
from argmap.model import Footnote


def ordered_footnotes(corpus: Corpus) -> list[Footnote]:
    """Footnotes work by work, by number."""
    work_order = {wid: i for i, wid in enumerate(corpus.works)}
    return sorted(corpus.footnotes.values(), key=lambda n: (work_order.get(n.work, 0), n.number))


def footnote_listing(corpus: Corpus) -> list[dict[str, Any]]:
    """JSON-ready list of notes with their citations resolved to source ids."""
    listing = []
    for note in ordered_footnotes(corpus):
        listing.append({
            "id": note.id,
            "work": note.work,
            "number": note.number,
            "section": note.section,
            "paragraph": note.paragraph,
            "citations": [
                {
                    "source": c.source,
                    "locator": c.locator,
                    "label": c.label,
                    "function": c.function,
                    "note": chicago_note(corpus.sources[c.source], c),
                }
                for c in note.citations
            ],
            "commentary": note.commentary,
        })
    return listing


def format_footnotes(corpus: Corpus) -> str:
    """Notes as text: the number, then each citation as a Chicago note."""
    lines = []
    for note in ordered_footnotes(corpus):
        cited = "; ".join(chicago_note(corpus.sources[c.source], c) for c in note.citations)
        lines.append(f"{note.number}. [{note.section} ¶{note.paragraph}] {cited}")
        if note.commentary:
            lines.append(f"    comment: {note.commentary}")
    return "\n".join(lines)
