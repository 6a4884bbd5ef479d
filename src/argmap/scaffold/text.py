"""Reading a plain-text chapter or article with numbered notes into its parts.

The layout is the one publishers' "print" pages and most plain-text exports
share (see ../shared/seeds/): blocks separated by blank lines; a title; an
optional abstract ("Abstract" or "Abstract and Keywords", then a
"Keywords:" line); body paragraphs, with section headings as short lines of
their own; note markers as numbers right after a word or punctuation mark
("…the Soviet state.1", "…Party. 9"); an optional "Further Reading" or
"Bibliography"; and the notes after a "Notes" line, each starting "(1)",
"1." or "1 ".

Nothing here guesses what the text does not print: a title, an author, a
heading are taken only when the text has them. What cannot be placed (a note
whose marker is not found in the body) is reported, not dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Note", "Paragraph", "ParsedText", "Section", "TextError", "parse_text"]

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100

_BOILERPLATE = re.compile(
    r"^(?:Show Summary Details|Page of|Page \d+ of \d+|PRINTED FROM\b.*|Subscriber:.*|"
    r"Downloaded from\b.*|Find this resource:?|Access provided by\b.*|©.*)$",
    re.IGNORECASE,
)
_ABSTRACT = re.compile(r"^Abstract(?:\s+and\s+Keywords)?\s*:?$", re.IGNORECASE)
_ABSTRACT_INLINE = re.compile(r"^Abstract\s*[:.]\s+(?P<text>\S.*)$", re.IGNORECASE)
_KEYWORDS = re.compile(r"^Key\s?words\s*:\s*(?P<words>.*)$", re.IGNORECASE)
_NOTES = re.compile(r"^(?:Notes|Endnotes|Footnotes)\s*:?$", re.IGNORECASE)
_BACK_MATTER = re.compile(
    r"^(?:Further Reading|Bibliography|References|Works Cited|Select Bibliography)\s*:?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^By\s+(?P<names>\S.*)$")
_NOTE_START = re.compile(r"^\(?(?P<number>\d{1,3})(?:\)|\.)?\s+(?P<text>\S.*)$", re.DOTALL)
# A note marker: a number of one to three digits glued to a word or punctuation
# mark ("state.1", "revolutionary.3", "‘we may lose Ukraine’.22"), or after
# closing punctuation and one space ("Party. 9"), and followed by a space or
# the end of the paragraph. Only the number each note expects is taken, in
# order, which keeps years and quantities out.
_MARKER = re.compile(
    r"(?:(?<=[^\s\d])|(?<=[.,;:!?’”\")\]] ))(?P<number>\d{1,3})(?=\s|$)"
)
_END_PUNCTUATION = tuple(".,;:!?’”\"'…)")


class TextError(ValueError):
    """The text cannot be read as a chapter: empty, or with no paragraph at all."""


@dataclass
class Note:
    number: int
    text: str
    section: int | None = None  # index into ParsedText.sections
    paragraph: int | None = None  # 1-based within the section


@dataclass
class Paragraph:
    text: str
    markers: list[int] = field(default_factory=list)

    def opening(self, words: int = 12) -> str:
        """The paragraph's first words, without note markers (at most `words`)."""
        clean = _MARKER.sub("", self.text)
        return " ".join(clean.split()[:words])


@dataclass
class Section:
    title: str
    heading: bool  # False for "Abstract" and "Introduction" when the text prints no heading
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class ParsedText:
    title: str | None
    authors: list[str]
    keywords: str | None
    sections: list[Section]
    notes: list[Note]
    unplaced: list[int]  # notes whose marker was not found in the body
    missing: list[int]  # markers in the body with no note in the notes list


# Characters no map text may hold (argmap.core.model.check_text) and the Unicode line and
# paragraph separators, which YAML reads as line breaks (they would end a comment).
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]")


def _blocks(text: str) -> list[str]:
    """Blank-line separated blocks, each one line of single-spaced text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _UNWANTED.sub(" ", text)
    blocks = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in raw.split("\n") if line.strip()]
        if lines:
            blocks.append(" ".join(lines))
    return blocks


def _is_heading(block: str) -> bool:
    """A short line of its own, not a sentence: no closing punctuation, no note marker."""
    words = block.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and len(block) <= MAX_HEADING_CHARS
        and not block.endswith(_END_PUNCTUATION)
        and not block[-1].isdigit()
        and (block[0].isupper() or block[0].isdigit())
        and not _KEYWORDS.match(block)
    )


def _split_notes(blocks: list[str]) -> list[Note]:
    """Notes: each block starting with a number; other blocks continue the note before."""
    notes: list[Note] = []
    for block in blocks:
        match = _NOTE_START.match(block)
        expected = notes[-1].number + 1 if notes else 1
        if match and int(match.group("number")) == expected:
            notes.append(Note(expected, match.group("text").strip()))
        elif notes:
            notes[-1].text += " " + block
    return notes


def _front(blocks: list[str]) -> tuple[str | None, list[str], int]:
    """Title and byline at the top; returns them and the index where the rest begins."""
    index, title, authors = 0, None, []
    if index < len(blocks) and _is_heading(blocks[index]) and not _ABSTRACT.match(blocks[index]):
        title = blocks[index]
        index += 1
        byline = _BYLINE.match(blocks[index]) if index < len(blocks) else None
        if byline:
            authors = [a.strip() for a in re.split(r",\s*|\s+and\s+", byline.group("names"))
                       if a.strip()]
            index += 1
    return title, authors, index


def parse_text(text: str) -> ParsedText:
    """Split a chapter's text into title, sections of paragraphs, and notes placed in them."""
    blocks = [b for b in _blocks(text) if not _BOILERPLATE.match(b)]
    if not blocks:
        raise TextError("the text is empty (no paragraphs, no notes)")
    notes_at = next((i for i, b in enumerate(blocks) if _NOTES.match(b)), len(blocks))
    body, notes = blocks[:notes_at], _split_notes(blocks[notes_at + 1 :])
    back = next((i for i, b in enumerate(body) if _BACK_MATTER.match(b)), len(body))
    body = body[:back]
    title, authors, index = _front(body)
    keywords = None
    sections: list[Section] = []
    for block in body[index:]:
        inline = _ABSTRACT_INLINE.match(block)
        keyword_line = _KEYWORDS.match(block)
        if _ABSTRACT.match(block) or inline:
            sections.append(Section("Abstract", heading=False))
            if inline:
                sections[-1].paragraphs.append(Paragraph(inline.group("text")))
        elif keyword_line:
            keywords = keyword_line.group("words").strip() or None
            sections.append(Section("Introduction", heading=False))
        elif _is_heading(block):
            sections.append(Section(block, heading=True))
        else:
            # Paragraphs before any heading open an Introduction, and so does a second
            # paragraph after an abstract that no "Keywords:" line closes.
            after_abstract = (sections and sections[-1].title == "Abstract"
                              and not sections[-1].heading and sections[-1].paragraphs)
            if not sections or after_abstract:
                sections.append(Section("Introduction", heading=False))
            sections[-1].paragraphs.append(Paragraph(block))
    sections = [s for s in sections if s.paragraphs]
    if not sections:
        raise TextError("the text has no paragraphs (only headings or notes)")
    unplaced, missing = _place_notes(sections, notes)
    return ParsedText(title, authors, keywords, sections, notes, unplaced, missing)


def _place_notes(sections: list[Section], notes: list[Note]) -> tuple[list[int], list[int]]:
    """Find each note's marker, in order, and record its section and paragraph."""
    by_number = {note.number: note for note in notes}
    expected = 1
    for s_index, section in enumerate(sections):
        for p_index, paragraph in enumerate(section.paragraphs, start=1):
            for match in _MARKER.finditer(paragraph.text):
                number = int(match.group("number"))
                if number != expected:
                    continue
                paragraph.markers.append(number)
                note = by_number.get(number)
                if note is not None:
                    note.section, note.paragraph = s_index, p_index
                expected += 1
    placed = {n for s in sections for p in s.paragraphs for n in p.markers}
    unplaced = [note.number for note in notes if note.number not in placed]
    missing = sorted(placed - set(by_number))
    return unplaced, missing
