"""The footnotes as a reader follows them: number, place, what each cites.

Notes are formatted in order, one `chicago.NoteSequence` per work, so a source
given in full once is cited in short form later and the archive is named in
full only once. A citation's `note` is the map editor's remark: it is listed
apart from the note ("editor:"), never printed inside it.

The bibliography of a work lists what the work itself cites (its notes and its
further reading); sources the map's editor added (a school's key works, say)
are listed apart, and only when asked for.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from argmap.citations.chicago import FootnoteText, NoteSequence, bibliography_entries
from argmap.core.corpus import Corpus
from argmap.core.model import Footnote, Source

EDITORIAL_HEADING = "Added by the map's editor (not cited in the text)"


def ordered_footnotes(corpus: Corpus) -> list[Footnote]:
    """Footnotes work by work, by number."""
    work_order = {wid: i for i, wid in enumerate(corpus.works)}
    return sorted(corpus.footnotes.values(), key=lambda n: (work_order.get(n.work, 0), n.number))


def formatted_footnotes(corpus: Corpus,
                        only: Collection[str] | None = None) -> list[tuple[Footnote, FootnoteText]]:
    """Every note (or the notes whose ids are in `only`) with its Chicago text, each
    work's notes read in order: the notes left out are still read, so those written
    are exactly as in the whole list."""
    sequences: dict[str, NoteSequence] = {}
    formatted = []
    for note in ordered_footnotes(corpus):
        sequence = sequences.get(note.work)
        if sequence is None:  # not setdefault: that built one per note (quadratic at 10k)
            sequence = sequences[note.work] = NoteSequence(corpus.sources.values())
        cited = [(corpus.sources[c.source], c) for c in note.citations]
        if only is None or note.id in only:
            formatted.append((note, sequence.footnote(cited)))
        else:
            sequence.advance(cited)
    return formatted


def footnote_listing(corpus: Corpus) -> list[dict[str, Any]]:
    """JSON-ready list of notes with their citations resolved to source ids."""
    listing = []
    for note, text in formatted_footnotes(corpus):
        listing.append({
            "id": note.id,
            "work": note.work,
            "number": note.number,
            "section": note.section,
            "paragraph": note.paragraph,
            "text": text.text,
            "citations": [
                {
                    "source": c.source,
                    "locator": c.locator,
                    "label": c.label,
                    "function": c.function,
                    "note": cited,
                }
                for c, cited in zip(note.citations, text.citations, strict=True)
            ],
            "editor_notes": [{"source": c.source, "text": c.note} for c in note.citations if c.note],
            "commentary": note.commentary,
        })
    return listing


def format_footnotes(corpus: Corpus) -> str:
    """Notes as text: the number, the note in Chicago style, then the editor's lines."""
    lines = []
    for note, text in formatted_footnotes(corpus):
        lines.append(f"{note.number}. [{note.section} ¶{note.paragraph}] {text.text}")
        if note.commentary:
            lines.append(f"    comment: {note.commentary}")
        lines += [f"    editor: {c.note}" for c in note.citations if c.note]
    return "\n".join(lines)


def cited_source_ids(corpus: Corpus) -> set[str]:
    """Sources the mapped works cite: in their notes or their further reading."""
    cited = {c.source for note in corpus.footnotes.values() for c in note.citations}
    return cited | {s for work in corpus.works.values() for s in work.further_reading}


def bibliography_sources(corpus: Corpus, *, include_editorial: bool = False) -> list[Source]:
    """What the works cite; with `include_editorial`, the editor's additions after them."""
    cited = cited_source_ids(corpus)
    ours = [s for s in corpus.sources.values() if s.id in cited]
    if include_editorial:
        ours += [s for s in corpus.sources.values() if s.id not in cited]
    return ours


def format_bibliography(corpus: Corpus, *, include_editorial: bool = False) -> str:
    """The works' bibliography in Chicago style, one entry a line.

    With `include_editorial`, a second section, headed as the editor's, lists
    the sources no work cites (sources marked `editorial`, such as a school's
    key works).
    """
    cited = cited_source_ids(corpus)
    entries = bibliography_entries(s for s in corpus.sources.values() if s.id in cited)
    if not include_editorial:
        return "\n".join(entries)
    added = bibliography_entries(s for s in corpus.sources.values() if s.id not in cited)
    sections = ["Bibliography", "", *entries]
    if added:
        sections += ["", EDITORIAL_HEADING, "", *added]
    return "\n".join(sections)
