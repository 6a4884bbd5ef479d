"""Chicago Manual of Style (17th ed.) notes and bibliography for argmap sources.

Pure functions from a `Source` (and optionally the `Citation` that points at
it) to a formatted string. The map copies bibliographic data exactly as the
chapter prints it; this module is where it becomes consistent Chicago style, so
that a reader of the app sees every source in one recognisable form whatever
British conventions the chapter's own notes used.

Rules chosen where Chicago leaves a choice (each is tested):

- Full notes and bibliography entries print the title joined to its subtitle
  (`Source.full_title`); short notes never include the subtitle.

- Dates are written day-month-year ("24 January 1929"), the form CMOS 6.38
  allows and the one the chapter and Russian-history scholarship use.
- Inclusive numbers in locators and page ranges follow CMOS 9.61 ("50-2" in
  the chapter becomes "50–52", "513–545" becomes "513–45"); hyphens between
  numbers become en dashes. Titles are never touched.
- A missing year of anything with publication facts (book, collection, or the
  volume a chapter or published speech appears in) prints "n.d." (CMOS 14.144),
  but only when a place or publisher is known; with no facts at all the
  parenthesis is left out rather than printing a lone "(n.d.)". Everything else
  that is missing is simply omitted: nothing is invented.
- Short titles: `title-short` when the source has one, otherwise the title up
  to its first colon, without an initial English "The", "A" or "An" (CMOS
  14.30). Short notes name authors (or, for edited books, editors without
  "ed.") by family name.
- Four or more names in a note print as "First et al." (CMOS 14.76); the
  bibliography lists up to ten. A source whose chapter gave only "X et al."
  (`names_abbreviated`) prints the listed names followed by "et al."
- Archival files held in Russian archives are cited by fond/opis'/delo/list
  ("f. 558, op. 11, d. 185, l. 19"), the convention of the field, because the
  archives themselves are arranged that way; the first note names the archive
  in full with "(hereafter RGASPI)", later notes use the short reference. A
  citation's `note` text follows the note as a sentence of its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from argmap.model import DATE_RE, Archival, Citation, Name, Source

Markup = Literal["text", "html", "markdown"]
ArchivalStyle = Literal["long", "slash"]

__all__ = [
    "ArchivalStyle",
    "Markup",
    "archival_reference",
    "bibliography",
    "format_locator",
    "missing_fields",
    "note",
    "page_range",
    "short_title",
]

# Private-use characters mark italics and quotation marks while a string is
# assembled, so punctuation can be moved inside quotes and the markup applied
# (with escaping) only once, at the end.
_IO, _IC = "\ue000", "\ue001"  # italic open / close
_QO, _QC = "\ue002", "\ue003"  # “ ” around an article or chapter title
_QI = "\ue004"  # ’ closing a quotation nested in a quoted title
_MARKS = re.compile("[\ue000-\ue00f]")

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_BOOKISH = frozenset({"book", "collection"})
_ARTICLE_DROP = re.compile(r"^(?:The|A|An)\s+(?=\S)")


# --------------------------------------------------------------------- text


def _clean(text: str | None) -> str:
    """Text from the data, stripped of our internal marks; never "None"."""
    return _MARKS.sub("", text).strip() if text else ""


def _italic(text: str | None) -> str:
    """Titles of books, journals, newspapers and collections (CMOS 8.171)."""
    body = _clean(text)
    return f"{_IO}{body}{_IC}" if body else ""


def _quoted(text: str | None) -> str:
    """Titles of articles, chapters and speeches in double quotes (CMOS 8.175).

    Quotation marks inside the title become single quotes, as Chicago nests
    them; a title ending in one is marked so a following comma or period can
    go inside both marks (CMOS 6.9).
    """
    body = _clean(text)
    if not body:
        return ""
    body = re.sub(r'"([^"]*)"', "‘\\1" + _QI, body)
    body = body.replace("“", "‘").replace("”", _QI)
    return f"{_QO}{body}{_QC}"


def _join(parts: Iterable[str], sep: str = ", ") -> str:
    return sep.join(part for part in parts if part)


def _paren(text: str, inner: str) -> str:
    if not inner:
        return text
    return f"{text} ({inner})" if text else f"({inner})"


def _visible_end(text: str) -> str:
    stripped = text.rstrip(_IC + _QC + _QI)
    return stripped[-1:] if stripped else ""


def _end(text: str) -> str:
    """Close a note or a bibliography sentence with one period, never two."""
    if not text:
        return ""
    return text if _visible_end(text) in {".", "?", "!"} else f"{text}."


def _sentences(parts: Iterable[str]) -> str:
    return " ".join(_end(part) for part in parts if part)


def _cap(text: str) -> str:
    """Capitalise a phrase that starts a bibliography sentence ("Vol. XI")."""
    for i, char in enumerate(text):
        if not _MARKS.match(char):
            return text[:i] + char.upper() + text[i + 1 :]
    return text


def _fix_punctuation(text: str) -> str:
    # A title ending in ? or ! takes no comma or period after it (CMOS 6.119).
    text = re.sub(f"([?!]{_QI}?{_QC})[,.]", r"\1", text)
    text = re.sub(f"([?!]{_IC})\\.", r"\1", text)
    # Commas and periods go inside closing quotation marks (CMOS 6.9).
    return re.sub(f"({_QI}?){_QC}([,.])", f"\\2\\1{_QC}", text)


def _escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def _render(text: str, markup: Markup) -> str:
    """Apply markup once, escaping everything that came from the data."""
    text = _fix_punctuation(text)
    if markup == "html":
        text = html.escape(text, quote=True).replace(_IO, "<i>").replace(_IC, "</i>")
    elif markup == "markdown":
        text = _escape_markdown(text).replace(_IO, "*").replace(_IC, "*")
    elif markup == "text":
        text = text.replace(_IO, "").replace(_IC, "")
    else:
        raise ValueError(f"unknown markup {markup!r}; use text, html or markdown")
    return text.replace(_QO, "“").replace(_QC, "”").replace(_QI, "’")


# -------------------------------------------------------------------- dates


def _date(value: str | None, *, year_only: bool = False) -> str:
    """'1929-01-24' -> '24 January 1929'; '1997-09' -> 'September 1997'."""
    if not value or not DATE_RE.match(value):
        return ""
    bce = value.startswith("-")
    fields = value.lstrip("-").split("-")
    year = f"{int(fields[0])} BCE" if bce else str(int(fields[0]))
    if year_only or len(fields) == 1 or not 1 <= int(fields[1]) <= 12:
        return year
    month = _MONTHS[int(fields[1]) - 1]
    if len(fields) == 2:
        return f"{month} {year}"
    return f"{int(fields[2])} {month} {year}"


# -------------------------------------------------------------------- names


def _given_family(name: Name) -> str:
    return _clean(name.literal) or _join([_clean(name.given), _clean(name.family)], " ")


def _inverted(name: Name) -> str:
    return _clean(name.literal) or _join([_clean(name.family), _clean(name.given)])


def _family(name: Name) -> str:
    return _clean(name.literal) or _clean(name.family)


def _and_list(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B, and C' (serial comma, CMOS 6.19)."""
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])}, and {items[-1]}"


def _et_al(items: Sequence[str]) -> str:
    return f"{items[0]} et al." if len(items) == 1 else f"{', '.join(items)}, et al."


def _names_in_note(names: Sequence[Name], abbreviated: bool, form: Callable[[Name], str]) -> str:
    """Names as a note gives them: four or more shorten to 'First et al.'."""
    if not names:
        return ""
    if len(names) >= 4:
        return _et_al([form(names[0])])
    items = [form(name) for name in names]
    return _et_al(items) if abbreviated else _and_list(items)


def _names_in_bibliography(names: Sequence[Name], abbreviated: bool) -> str:
    """First name inverted for alphabetising; up to ten listed (CMOS 14.76)."""
    if not names:
        return ""
    items = [_inverted(names[0])] + [_given_family(name) for name in names[1:]]
    if len(items) > 10:
        items, abbreviated = items[:7], True
    if abbreviated:
        joined = ", ".join(items)
        return f"{joined}, et al." if "," in joined else f"{joined} et al."
    if len(items) == 2:
        return f"{items[0]}, and {items[1]}" if "," in items[0] else " and ".join(items)
    return _and_list(items)


def _names_edited_by(names: Sequence[Name]) -> str:
    """Editors of a volume in a bibliography entry, all listed, uninverted."""
    items = [_given_family(name) for name in names]
    return _et_al(items[:7]) if len(items) > 10 else _and_list(items)


def _eds(names: Sequence[Name], abbreviated: bool) -> str:
    return "eds." if len(names) > 1 or abbreviated else "ed."


# ----------------------------------------------------------------- numbers


def _inclusive(first: str, last: str) -> str:
    """One inclusive range per CMOS 9.61 ('50', '2' -> '50–52')."""
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    start, end = int(first), int(last)
    if end <= start or first.startswith("0"):
        return f"{first}–{last}"
    if start < 100 or start % 100 == 0 or len(first) != len(last):
        return f"{first}–{last}"
    diff = next(i for i, (a, b) in enumerate(zip(first, last, strict=True)) if a != b)
    changed = last[diff:]
    if start % 100 < 10:
        return f"{first}–{changed}"
    if len(first) == 4 and len(changed) >= 3:
        return f"{first}–{last}"
    return f"{first}–{last[min(diff, len(last) - 2) :]}"


def page_range(text: str | None) -> str:
    """Pages or sheets in Chicago form: en dashes and CMOS 9.61 abbreviation.

    Only digit-dash-digit runs change, so '88–92 (V. P. Ol’berg), 75' or
    'appendices' pass through otherwise untouched.
    """
    body = _clean(text)
    return re.sub(
        r"(?<![\d/])(\d+)\s*[-–]\s*(\d+)(?![\d/])",
        lambda m: _inclusive(m.group(1), m.group(2)),
        body,
    )


_LOCATOR_TERMS: dict[str, tuple[str, str]] = {
    "page": ("", ""),
    "folio": ("f.", "ff."),
    "chapter": ("ch.", "chs."),
    "document": ("doc.", "docs."),
    "section": ("sec.", "secs."),
    "appendix": ("app.", "apps."),
}
_SHEETS = ("l.", "ll.")
_TOKEN = r"(?:\d+(?:\s?ob\.?|[a-z])?|[ivxlcdm]+|[IVXLCDM]+|[A-Z])"
_BARE = re.compile(rf"^{_TOKEN}(?:\s*(?:–|,|and)\s*{_TOKEN})*$")


def format_locator(citation: Citation, *, sheets: bool = False) -> str:
    """The citation's locator with its Chicago abbreviation ('ch. 1', 'doc. 108').

    A locator that is not a bare number, numeral or range ('appendices',
    'ch. 3') is printed as written. `sheets` gives the Russian archival 'l.'
    (list, sheet) and 'll.' instead of 'f.' for folios and pages, because
    Russian archive files are foliated by sheet, not paginated.
    """
    locator = page_range(citation.locator)
    if not locator:
        return ""
    terms = _SHEETS if sheets else _LOCATOR_TERMS[citation.label]
    if not terms[0] or not _BARE.match(locator):
        return locator
    plural = any(mark in locator for mark in ("–", ",", " and "))
    return f"{terms[1] if plural else terms[0]} {locator}"


def _sheets(source: Source, citation: Citation) -> bool:
    return source.archival is not None and citation.label in {"page", "folio"}


def _cited(source: Source, citation: Citation | None) -> str:
    if citation is None:
        return ""
    return format_locator(citation, sheets=_sheets(source, citation))


# ------------------------------------------------------------------ pieces


def short_title(source: Source) -> str | None:
    """`title-short`, else the main title up to any colon, without 'The'/'A'/'An'.

    The subtitle never enters a short title (CMOS 14.30); a main title printed
    with a trailing comma before its subtitle loses the comma.
    """
    if source.short_title:
        return _clean(source.short_title)
    title = _clean(source.title) or _clean(source.subtitle)
    if not title:
        return None
    main = title.split(":", 1)[0].strip().rstrip(",;:").strip()
    return _ARTICLE_DROP.sub("", main) or main


def _title(source: Source, text: str | None) -> str:
    """A title styled by kind: italic for books, roman for archival files."""
    if source.type in _BOOKISH:
        return _italic(text)
    if source.type == "manuscript":
        return _clean(text)
    return _quoted(text)


def _volume(source: Source) -> str:
    return f"vol. {_clean(source.volume)}" if _clean(source.volume) else ""


def _publication(source: Source) -> str:
    """'Place: Publisher, Year'; 'n.d.' only when place or publisher is known."""
    place, publisher = _clean(source.publisher_place), _clean(source.publisher)
    head = f"{place}: {publisher}" if place and publisher else place or publisher
    year = _date(source.issued, year_only=True) or ("n.d." if head else "")
    return _join([head, year])


def _file_reference(archival: Archival) -> str:
    return f"{archival.archive}, f. {archival.fond}, op. {archival.opis}, d. {archival.delo}"


def archival_reference(
    source: Source, citation: Citation | None = None, style: ArchivalStyle = "long"
) -> str:
    """'RGASPI, f. 558, op. 11, d. 185, l. 19' or 'RGASPI 558/11/185/19'.

    Fond, opis' (inventory), delo (file) and list (sheet) are how Russian
    archives are arranged and how the field cites them; the slash form is the
    compact variant the chapter itself uses. Raises ValueError for a source
    with no archival locator.
    """
    archival = source.archival
    if archival is None:
        raise ValueError(f"source {source.id} has no archival locator")
    if style == "slash":
        path = f"{archival.fond}/{archival.opis}/{archival.delo}"
        sheet = page_range(citation.locator) if citation else ""
        return f"{archival.archive} {path}/{sheet}" if sheet else f"{archival.archive} {path}"
    if style != "long":
        raise ValueError(f"unknown archival style {style!r}; use long or slash")
    return _join([_file_reference(archival), _cited(source, citation)])


# ------------------------------------------------------------ full notes


def _lead(source: Source) -> str:
    """Authors, or editors with 'ed.'/'eds.', as a note opens."""
    abbreviated = source.names_abbreviated
    if source.author:
        return _names_in_note(source.author, abbreviated, _given_family)
    if source.editor:
        names = _names_in_note(source.editor, abbreviated, _given_family)
        return f"{names}, {_eds(source.editor, abbreviated)}"
    return ""


def _edited(names: Sequence[Name]) -> str:
    return f"ed. {_names_in_note(names, False, _given_family)}" if names else ""


def _in_volume(source: Source) -> str:
    """'in Title, ed. A and B, vol. X (Place: Publisher, Year)' for a part of a book."""
    head = _join(
        [
            _italic(source.container_title),
            _edited(source.container_editor),
            _volume(source),
            _clean(source.collection_title),
        ]
    )
    return _paren(f"in {head}", _publication(source))


def _book_note(source: Source, cited: str) -> str:
    own_editor = _edited(source.editor) if source.author else ""
    head = _join(
        [
            _lead(source),
            _italic(source.full_title),
            own_editor,
            _volume(source),
            _clean(source.collection_title),
        ]
    )
    return _join([_paren(head, _publication(source)), cited])


def _chapter_note(source: Source, cited: str) -> str:
    title = _quoted(source.full_title)
    if source.container_title:
        parts = [_lead(source), title, _in_volume(source)]
    else:
        parts = [_lead(source), _paren(title, _publication(source))]
    return _join([*parts, cited or page_range(source.page)])


def _journal(source: Source) -> str:
    """'Europe-Asia Studies 49, no. 6 (September 1997)'."""
    head = _join([_italic(source.container_title), _clean(source.volume)], " ")
    if _clean(source.issue):
        head = _join([head, f"no. {_clean(source.issue)}"])
    return _paren(head, _date(source.issued))


def _with_pages(journal: str, pages: str, dated: bool) -> str:
    if not pages:
        return journal
    if not journal:
        return pages
    return f"{journal}{': ' if dated else ', '}{pages}"


def _journal_note(source: Source, cited: str) -> str:
    pages = cited or page_range(source.page)
    journal = _with_pages(_journal(source), pages, bool(_date(source.issued)))
    return _join([_lead(source), _quoted(source.full_title), journal])


def _newspaper_note(source: Source, cited: str) -> str:
    return _join(
        [
            _lead(source),
            _quoted(source.full_title),
            _italic(source.container_title),
            _date(source.issued),
            cited,
        ]
    )


def _occasion(source: Source) -> str:
    """'(lecture, Event, Place, Date)' of a speech (CMOS 14.217)."""
    event, genre = _clean(source.event), _clean(source.genre)
    first = f"{genre}, {event}" if event and genre and genre.lower() not in event.lower() else ""
    date = source.event_date or (None if source.container_title else source.issued)
    return _join([first or event or genre, _clean(source.event_place), _date(date)])


def _speech_note(source: Source, cited: str) -> str:
    title = _paren(_quoted(source.full_title), _occasion(source))
    if source.container_title:
        return _join([_lead(source), title, _in_volume(source), cited or page_range(source.page)])
    return _join([_lead(source), title, cited])


def _depository(archival: Archival) -> str:
    """The archive named in full once, with the abbreviation later notes use."""
    name = archival.archive
    if archival.archive_name:
        name = f"{_clean(archival.archive_name)} (hereafter {archival.archive})"
    return _join([name, _clean(archival.place)])


def _file_note(source: Source, cited: str) -> str:
    """Archival files and unpublished documents: item, date, depository, file."""
    archival = source.archival
    place = ""
    if archival is not None:
        folder = f"f. {archival.fond}, op. {archival.opis}, d. {archival.delo}"
        place = _join([_depository(archival), folder])
    return _join(
        [_lead(source), _title(source, source.full_title), _date(source.issued), place, cited]
    )


def _full_note(source: Source, cited: str) -> str:
    kind = source.type
    if kind in _BOOKISH:
        return _book_note(source, cited)
    if kind == "chapter" or (kind == "document" and source.container_title):
        return _chapter_note(source, cited)
    if kind == "article-journal":
        return _journal_note(source, cited)
    if kind == "article-newspaper":
        return _newspaper_note(source, cited)
    if kind == "speech":
        return _speech_note(source, cited)
    return _file_note(source, cited)


def _short_note(source: Source, cited: str) -> str:
    """'Author, Short Title, pages'; archival files by their reference alone."""
    if source.archival is not None and not source.container_title:
        return _join([_file_reference(source.archival), cited])
    short = short_title(source)
    if not short:
        return _full_note(source, cited)
    names = source.author or (source.editor if source.type in _BOOKISH else [])
    lead = _names_in_note(names, source.names_abbreviated, _family)
    volume = _volume(source) if source.type in _BOOKISH else ""
    return _join([lead, _title(source, short), volume, cited])


def note(
    source: Source,
    citation: Citation | None = None,
    *,
    short: bool = False,
    markup: Markup = "text",
) -> str:
    """A Chicago note: full (first citation) or short (later ones).

    The citation's locator replaces the page range of an article or chapter,
    as Chicago cites the page referred to; its `note` text follows as a
    sentence of its own. Whether to use the short form is the caller's choice
    (`Citation.short` records what the chapter did).
    """
    cited = _cited(source, citation)
    body = _end(_short_note(source, cited) if short else _full_note(source, cited))
    if citation is not None and _clean(citation.note):
        body = f"{body} {_end(_clean(citation.note))}"
    return _render(body, markup)


# ------------------------------------------------------------ bibliography


def _bib_lead(source: Source) -> str:
    abbreviated = source.names_abbreviated
    if source.author:
        return _names_in_bibliography(source.author, abbreviated)
    if source.editor:
        names = _names_in_bibliography(source.editor, abbreviated)
        return f"{names}, {_eds(source.editor, abbreviated)}"
    return ""


def _bib_in_volume(source: Source) -> list[str]:
    """'In Title, edited by A and B, vol. X, 63–82.' then the publication facts."""
    if not source.container_title:
        return [page_range(source.page), _publication(source)]
    editors = source.container_editor
    head = _join(
        [
            _italic(source.container_title),
            f"edited by {_names_edited_by(editors)}" if editors else "",
            _volume(source),
            page_range(source.page),
        ]
    )
    return [f"In {head}", _clean(source.collection_title), _publication(source)]


def _bib_book(source: Source) -> list[str]:
    own_editor = source.editor if source.author else []
    return [
        _bib_lead(source),
        _italic(source.full_title),
        f"Edited by {_names_edited_by(own_editor)}" if own_editor else "",
        _cap(_volume(source)),
        _clean(source.collection_title),
        _publication(source),
    ]


def _bib_file(source: Source) -> list[str]:
    archival = source.archival
    if archival is None:
        return [_bib_lead(source), _title(source, source.full_title), _date(source.issued)]
    depository = (
        _join([_clean(archival.archive_name), _clean(archival.place)])
        if archival.archive_name
        else _clean(archival.place)
    )
    return [
        _bib_lead(source),
        _title(source, source.full_title),
        _date(source.issued),
        _file_reference(archival),
        depository,
    ]


def _bib_parts(source: Source) -> list[str]:
    kind, lead, title = source.type, _bib_lead(source), _quoted(source.full_title)
    if kind in _BOOKISH:
        return _bib_book(source)
    if kind == "chapter" or (kind == "document" and source.container_title):
        return [lead, title, *_bib_in_volume(source)]
    if kind == "article-journal":
        pages = page_range(source.page)
        return [lead, title, _with_pages(_journal(source), pages, bool(_date(source.issued)))]
    if kind == "article-newspaper":
        paper = [_italic(source.container_title), _date(source.issued), page_range(source.page)]
        return [lead, title, _join(paper)]
    if kind == "speech":
        volume = _bib_in_volume(source) if source.container_title else []
        return [lead, title, _cap(_occasion(source)), *volume]
    return _bib_file(source)


def bibliography(source: Source, *, markup: Markup = "text") -> str:
    """The bibliography entry: first name inverted, sentences closed by periods."""
    return _render(_sentences(_bib_parts(source)), markup)


# ---------------------------------------------------------------- checks


_PRESENT: dict[str, Callable[[Source], bool]] = {
    "author": lambda s: bool(s.author),
    "author-or-editor": lambda s: bool(s.author or s.editor),
    "title": lambda s: bool(_clean(s.full_title)),
    "container-title": lambda s: bool(_clean(s.container_title)),
    "publisher-place": lambda s: bool(_clean(s.publisher_place)),
    "publisher": lambda s: bool(_clean(s.publisher)),
    "issued": lambda s: bool(s.issued),
    "page": lambda s: bool(_clean(s.page)),
    "volume-or-issue": lambda s: bool(_clean(s.volume) or _clean(s.issue)),
    "archival": lambda s: s.archival is not None,
    "archival-or-publisher": lambda s: s.archival is not None or bool(_clean(s.publisher)),
    "event-or-container-title": lambda s: bool(_clean(s.event) or _clean(s.container_title)),
    "event-date-or-issued": lambda s: bool(s.event_date or s.issued),
}
_IN_VOLUME = ("container-title", "publisher-place", "publisher", "issued", "page")


def _required(source: Source) -> tuple[str, ...]:
    kind = source.type
    if kind in _BOOKISH:
        return ("author-or-editor", "title", "publisher-place", "publisher", "issued")
    if kind == "chapter":
        return ("author", "title", *_IN_VOLUME)
    if kind == "article-journal":
        return ("title", "container-title", "volume-or-issue", "issued", "page")
    if kind == "article-newspaper":
        return ("container-title", "issued")
    if kind == "manuscript":
        return ("archival",)
    if kind == "speech":
        spoken = ("author", "title", "event-or-container-title", "event-date-or-issued")
        return spoken + _IN_VOLUME[1:] if source.container_title else spoken
    if source.container_title:  # a document in a published collection
        return ("title", *_IN_VOLUME)
    return ("title", "issued", "archival-or-publisher")


def missing_fields(source: Source) -> list[str]:
    """Fields a Chicago citation of this type needs that the source lacks.

    Names use the CSL spelling ('publisher-place'); alternatives are joined
    with '-or-'. 'names' means the chapter gave only the first names and
    'et al.', so the bibliography cannot list everyone.
    """
    missing = [field for field in _required(source) if not _PRESENT[field](source)]
    if source.names_abbreviated:
        missing.append("names")
    return missing
