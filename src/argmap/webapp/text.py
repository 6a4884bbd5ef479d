"""Plain-text helpers for the pages: labels, dates, badges (no Streamlit here)."""

from __future__ import annotations

import re

from argmap.core.corpus import Corpus
from argmap.core.model import Stance

POSITION_COLOUR = {"accepts": "green", "rejects": "red", "qualifies": "orange",
                   "disputed": "violet"}
POSITION_ICON = {"accepts": "✓", "rejects": "✗", "qualifies": "≈", "disputed": "⁇"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:])")
_WWW = re.compile(r"(?i)\b(www)\.")


def md(text: str) -> str:
    """Escape text from the corpus or the URL for st.markdown and Markdown labels.

    Beyond Markdown's own syntax: `$` (KaTeX), `:` (Streamlit's :colour[...] and
    :emoji: directives, and the `://` that GFM turns into a link) and `www.`.
    """
    return _no_autolink(_MD_SPECIAL.sub(r"\\\1", " ".join(text.split())))


def _no_autolink(markdown: str) -> str:
    """GFM links bare URLs after escapes are resolved, so a WORD JOINER (invisible,
    zero width) goes inside `://` and after `www`: the text reads the same, unlinked."""
    return _WWW.sub("\\1\u2060\\\\.", markdown).replace("\\://", "\\:\u2060//")


_HTML_TEXT = {ch: f"&#{ord(ch)};" for ch in "&<>\"'\\`*_[]#|~$!:()="}


def html_text(text: str) -> str:
    """Text from the corpus inside raw HTML that st.markdown shows: every character
    Markdown, KaTeX or HTML could act on becomes a numeric entity, and whitespace
    is collapsed, since a blank line would end the HTML block and let Markdown in."""
    return "".join(_HTML_TEXT.get(ch, ch) for ch in " ".join(text.split()))


def md_markup(markdown: str) -> str:
    """Markdown made by argmap.citations.chicago (which escapes its data's * _ [ ] < > ` and
    backslashes), with `$` and `~` escaped too: a title must not switch on KaTeX or
    strike-through in every visitor's browser."""
    return _no_autolink(markdown.replace("$", "\\$").replace("~", "\\~").replace(":", "\\:"))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """A table cell that a spreadsheet opening its CSV export will not run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_text(corpus: Corpus, node_id: str) -> str:
    """What a node says, whatever its kind."""
    if node_id in corpus.claims:
        return corpus.claims[node_id].text
    if node_id in corpus.evidence:
        return corpus.evidence[node_id].text
    if node_id in corpus.footnotes:
        note = corpus.footnotes[node_id]
        return f"Note {note.number}" + (f": {note.commentary}" if note.commentary else "")
    if node_id in corpus.sources:
        src = corpus.sources[node_id]
        return src.full_title or src.short_title or node_id
    if node_id in corpus.people:
        return corpus.people[node_id].name
    if node_id in corpus.events:
        return corpus.events[node_id].name
    return node_id


def node_label(corpus: Corpus, node_id: str, limit: int = 90) -> str:
    """A one-line label for a button: kind tag and a shortened text."""
    if node_id in corpus.claims:
        claim = corpus.claims[node_id]
        tag = "THESIS" if claim.kind == "thesis" else claim.kind
        return f"[{tag} ¶{claim.locator.paragraph}] {short(claim.heading, limit)}"
    if node_id in corpus.evidence:
        ev = corpus.evidence[node_id]
        return f"[{ev.kind.replace('-', ' ')}] {short(ev.heading, limit)}"
    return short(node_text(corpus, node_id), limit)


def section_title(corpus: Corpus, section: str) -> str:
    return corpus.sections[section][1].title if section in corpus.sections else section


def person_names(corpus: Corpus, ids: list[str]) -> str:
    return ", ".join(corpus.people[p].name if p in corpus.people else p for p in ids)


def stance_badge(corpus: Corpus, stance: Stance) -> tuple[str, str]:
    """Badge text and colour: chapter-based and editorial stances look different."""
    if stance.basis == "chapter":
        where: list[str] = []
        if stance.footnote and stance.footnote in corpus.footnotes:
            where.append(f"note {corpus.footnotes[stance.footnote].number}")
        if stance.locator is not None:
            where.append(f"¶{stance.locator.paragraph}")
        return "the text · " + (", ".join(where) or "passim"), "blue"
    src = corpus.sources.get(stance.source or "")
    name = ""
    if src is not None:
        people = src.author or src.editor
        name = (people[0].family or people[0].literal or "") if people else ""
        name = name or src.short_title or src.title or src.id
    pages = f", {stance.pages}" if stance.pages else ""
    return f"editorial · {name or 'source'}{pages}", "orange"


def badge(text: str, colour: str) -> str:
    """Streamlit markdown badge syntax, with the text escaped."""
    safe = md(text.replace("[", "(").replace("]", ")"))
    return f":{colour}-badge[{safe}]"


def date_label(value: str | None) -> str:
    """'1934-12-01' -> '1 Dec 1934'; partial dates stay partial."""
    if not value or value.startswith("-"):
        return value or ""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec"]
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return value
