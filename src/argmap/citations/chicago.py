"""Chicago Manual of Style (17th ed.) notes and bibliography for argmap sources.

Pure functions from a `Source` (and optionally the `Citation` that points at
it) to a formatted string. The map copies bibliographic data exactly as the
chapter prints it; this module is where it becomes consistent Chicago style, so
that a reader of the app sees every source in one recognisable form whatever
British conventions the chapter's own notes used.

Rules chosen where Chicago leaves a choice (each is tested; docs/format.md
lists them with the deliberate differences from the CSL Chicago style):

- Full notes and bibliography entries print the title joined to its subtitle
  (`Source.full_title`); short notes never include the subtitle. Titles keep
  the chapter's capitalisation, but hyphens in number and date ranges become
  en dashes ("1934-1941" -> "1934–1941", CMOS 6.78).
- Dates are written day-month-year ("24 January 1929"), the form CMOS 6.38
  allows and the one the chapter and Russian-history scholarship use.
- Inclusive numbers in locators and page ranges follow CMOS 9.61 ("50-2" in
  the chapter becomes "50–52", "513–545" becomes "513–45"); hyphens between
  numbers become en dashes. Volume numbers are arabic ("vol. XII" -> "vol. 12").
- What the chapter does not give is left out: no "n.d." for a missing year, no
  guessed publisher. Nothing is invented.
- A note's citations are joined by one semicolon and the note ends with one
  period (`footnote`); `note` gives one citation as it stands inside a note.
- Later citations of a source use the short form (CMOS 14.29): author's family
  name, short title, locator. `Citation.short` records where the chapter does
  so; `NoteSequence` also shortens any source an earlier note gave in full, and
  cites a part of a volume already given in full by the short form of that
  volume ("in Gregory, Behind the Façade", CMOS 14.113).
- Short titles: `title-short` when the source has one, otherwise the title up
  to its first colon, without an initial English "The", "A" or "An" (CMOS
  14.30). Short notes name authors (or, for edited books, editors without
  "ed.") by family name.
- Four or more names in a note print as "First et al." (CMOS 14.76); the
  bibliography lists up to ten. A source whose chapter gave only "X et al."
  (`names_abbreviated`) prints the listed names followed by "et al."
- Archival files held in Russian archives are cited by fond/opis'/delo/list
  ("f. 558, op. 11, d. 185, l. 19"), the convention of the field, because the
  archives themselves are arranged that way; the first archival note names the
  archive in full with "(hereafter RGASPI)", later notes begin "RGASPI, f. ...".
- A citation's `note` is the map editor's remark and never prints; what the
  chapter prints about a locator ("88–92 (V. P. Ol’berg)") is in `locator`.
  A source's `note` is the editor's too, and prints only when marked
  `print_note` (a descriptive note on unpublished material, CMOS 14.222).
- Archives of other traditions print in their own form (`argmap.citations.archives`):
  "TNA, FO 371/56763", "BArch, R 43/1309" (archive first, named once in full
  with "hereafter"), "RG 59, Decimal File 861.00/2-2246, National Archives,
  College Park, MD" and "Henry L. Stimson Diaries, MS 465, Manuscripts and
  Archives, Yale University Library, New Haven, CT" (file first).
- A name's `suffix` follows the name: "Arthur M. Schlesinger Jr." in notes,
  "Schlesinger, Arthur M., Jr." in the bibliography.
- The bibliography (`bibliography_entries`) sorts by the family name of the
  first author or editor, ignoring case, and files anonymous works by title
  ignoring an initial article or quotation mark; a single author's works come
  before those they wrote with others (CMOS 14.70), and a repeated name is a
  3-em dash (CMOS 14.67). Newspapers are cited in notes only (CMOS 14.198).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, NamedTuple

from argmap.citations.archives import depository_first, location, slash_path
from argmap.core.model import DATE_RE, ArchivalLocator, Citation, Name, Source

Markup = Literal["text", "html", "markdown"]
ArchivalStyle = Literal["long", "slash"]

__all__ = [
    "ArchivalStyle",
    "FootnoteText",
    "Markup",
    "NoteSequence",
    "archival_reference",
    "bibliography",
    "bibliography_entries",
    "footnote",
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
# Months, English and transliterated Russian (any case ending), for date ranges
# in titles such as "ianvar’ 1922-dekabr’ 1936".
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|ianvar|fevral|mart|aprel|mai|iiun|iiul|avgust|sentiabr|oktiabr|noiabr|dekabr)"
)
_NUMBER_RANGE = re.compile(r"(?<=\d)-(?=\d)")
_DATE_RANGE = re.compile(rf"(?<=\d{{4}})-(?={_MONTH_WORD})", re.IGNORECASE)


# --------------------------------------------------------------------- text


def _clean(text: str | None) -> str:
    """Text from the data, stripped of our internal marks; never "None"."""
    return _MARKS.sub("", text).strip() if text else ""


def _ranges(text: str) -> str:
    """En dashes for the hyphens of number and date ranges in a title (CMOS 6.78).

    "1934-1941" and "30-50-kh" (the '30s to '50s) take an en dash between the
    numbers; "1922-dekabr’ 1936" between a year and a month. Hyphens of
    compounds ("VChK-OGPU", "30-e gody") are kept.
    """
    return _DATE_RANGE.sub("–", _NUMBER_RANGE.sub("–", text))


def _italic(text: str | None) -> str:
    """Titles of books, journals, newspapers and collections (CMOS 8.171)."""
    body = _ranges(_clean(text))
    return f"{_IO}{body}{_IC}" if body else ""


def _quoted(text: str | None) -> str:
    """Titles of articles, chapters and speeches in double quotes (CMOS 8.175).

    Quotation marks inside the title become single quotes, as Chicago nests
    them; a title ending in one is marked so a following comma or period can
    go inside both marks (CMOS 6.9).
    """
    body = _ranges(_clean(text))
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
    """'Arthur M. Schlesinger Jr.': no comma before a suffix (CMOS 6.43)."""
    return _clean(name.literal) or _join(
        [_clean(name.given), _clean(name.family), _clean(name.suffix)], " "
    )


def _inverted(name: Name) -> str:
    """'Schlesinger, Arthur M., Jr.': inverted, the suffix last after a comma (CMOS 14.72)."""
    return _clean(name.literal) or _join(
        [_clean(name.family), _clean(name.given), _clean(name.suffix)]
    )


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
    if len(first) > 9 or len(last) > 9 or not (first + last).isascii():
        return f"{first}–{last}"  # no page has such a number; int() would refuse 4,300+ digits
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


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)


def _arabic(number: str) -> str:
    """A volume number in arabic numerals ('XII' -> '12'); anything else as given."""
    text = _clean(number)
    if not text or not _ROMAN.match(text):
        return text
    values = [_ROMAN_VALUES[char] for char in text.lower()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return str(total)


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
    """Russian files are foliated by sheet (list): 'l. 19' for a page or folio."""
    archival = source.archival
    return archival is not None and archival.tradition == "russian" and citation.label in {
        "page", "folio"}


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
        return _ranges(_clean(text))
    return _quoted(text)


def _display_title(source: Source) -> str | None:
    """The title a full note prints: the full title, else the short one the chapter gave."""
    return source.full_title or source.short_title


def _volume(source: Source) -> str:
    volume = _arabic(source.volume or "")
    return f"vol. {volume}" if volume else ""


def _publication(source: Source) -> str:
    """'Place: Publisher, Year', each left out when the chapter does not give it."""
    place, publisher = _clean(source.publisher_place), _clean(source.publisher)
    head = f"{place}: {publisher}" if place and publisher else place or publisher
    return _join([head, _date(source.issued, year_only=True)])


def _file_reference(archival: ArchivalLocator) -> str:
    """The file with the archive as cited: 'RGASPI, f. 558, op. 11, d. 185', 'TNA, FO
    371/56763'; file first where the tradition puts it first ('RG 59, …, NARA')."""
    if depository_first(archival):
        return f"{_clean(archival.archive)}, {location(archival)}"
    return f"{location(archival)}, {_clean(archival.archive)}"


def archival_reference(
    source: Source, citation: Citation | None = None, style: ArchivalStyle = "long"
) -> str:
    """'RGASPI, f. 558, op. 11, d. 185, l. 19' or 'RGASPI 558/11/185/19'.

    Fond, opis' (inventory), delo (file) and list (sheet) are how Russian
    archives are arranged and how the field cites them; the slash form is the
    compact variant the chapter itself uses. Other traditions print their own
    parts ('TNA, FO 371/56763', 'RG 59, Decimal File 861.00/2-2246, National
    Archives'); those without a slash form print the long one. Raises
    ValueError for a source with no archival locator.
    """
    archival = source.archival
    if archival is None:
        raise ValueError(f"source {source.id} has no archival locator")
    if style == "slash":
        russian = archival.tradition == "russian"
        sheet = page_range(citation.locator) if citation and russian else ""
        compact = slash_path(archival, sheet)
        if compact is not None:
            return compact if archival.tradition == "russian" else _join(
                [compact, _cited(source, citation)])
    elif style != "long":
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
            _italic(_display_title(source)),
            own_editor,
            _volume(source),
            _clean(source.collection_title),
        ]
    )
    return _join([_paren(head, _publication(source)), cited])


def _occasion(source: Source) -> str:
    """'lecture, Event, Place, Date' of a speech (CMOS 14.217), or 'letter to X, Date'
    of a document: when and on what occasion it was given or written."""
    event, genre = _clean(source.event), _clean(source.genre)
    first = f"{genre}, {event}" if event and genre and genre.lower() not in event.lower() else ""
    date = source.event_date or (None if source.container_title else source.issued)
    return _join([first or event or genre, _clean(source.event_place), _date(date)])


def _item_title(source: Source) -> str:
    """A part's title in quotes; a speech or a document keeps its occasion and date."""
    title = _quoted(source.full_title)
    if source.type in {"speech", "document"}:
        return _paren(title, _occasion(source))
    return title


def _in_a_volume(source: Source) -> bool:
    """A chapter, or a speech or document printed in a volume."""
    return bool(source.container_title) and source.type in {"chapter", "speech", "document"}


def _chapter_note(source: Source, cited: str) -> str:
    title = _item_title(source)
    if source.container_title:
        parts = [_lead(source), title, _in_volume(source)]
    else:
        parts = [_lead(source), _paren(title, _publication(source))]
    return _join([*parts, cited or page_range(source.page)])


def _journal(source: Source) -> str:
    """'Europe-Asia Studies 49, no. 6 (September 1997)'."""
    head = _join([_italic(source.container_title), _arabic(source.volume or "")], " ")
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


def _speech_note(source: Source, cited: str) -> str:
    """A speech not printed in a volume: '“Title” (lecture, Event, Place, Date)'."""
    return _join([_lead(source), _item_title(source), cited])


def _depository(archival: ArchivalLocator, introduce: bool) -> str:
    """The archive named in full the first time, with the abbreviation later notes use."""
    if not introduce:
        return archival.archive
    name = archival.archive
    if archival.archive_name:
        name = f"{_clean(archival.archive_name)} (hereafter {archival.archive})"
    return _join([name, _clean(archival.place)])


def _printed_note(source: Source) -> str:
    """A source's `note`, printed as Chicago prints a descriptive note on unpublished
    material ('Copy in the author's possession', 'Microfilm', CMOS 14.222) when the
    editor marks it `print_note`; otherwise the note is the editor's and stays unprinted."""
    return _clean(source.note) if source.print_note else ""


def _file_note(source: Source, cited: str, introduce: bool = True) -> str:
    """Archival files and unpublished documents: item, date, depository, file."""
    archival = source.archival
    title = _title(source, _display_title(source))
    if _names_its_collection(source):
        title = ""  # the collection itself: its name is printed once, with the file
    head = [_lead(source), title, _date(source.issued)]
    if archival is None:
        body = _join([*head, cited])
    elif depository_first(archival):
        # 'RGASPI, f. 558, op. 11, d. 185, l. 19': the sheet belongs to the file.
        body = _join([*head, _depository(archival, introduce), location(archival), cited])
    else:
        # Specific to general (CMOS 14.222): the page of the item, then its file, box and
        # collection, then the depository, as the CSL Chicago style also orders them.
        # An untitled file ('Henry L. Stimson Diaries, MS 465') is the item itself.
        item = [*head, cited, location(archival)] if _join(head) else [location(archival), cited]
        body = _join([*item, _depository(archival, introduce)])
    printed = _printed_note(source).rstrip(".")
    return f"{_end(body)} {printed}" if body and printed else body or printed


def _names_its_collection(source: Source) -> bool:
    """A source whose title is its collection's name ('Henry L. Stimson Diaries' as a
    whole), so a note would otherwise print the name twice."""
    collection = getattr(source.archival, "collection", None)
    title = _display_title(source)
    return bool(collection and title and " ".join(collection.split()).casefold()
                == " ".join(title.split()).casefold())


def _full_note(source: Source, cited: str, introduce: bool = True) -> str:
    kind = source.type
    if kind in _BOOKISH:
        return _book_note(source, cited)
    if kind == "chapter" or _in_a_volume(source):
        return _chapter_note(source, cited)
    if kind == "article-journal":
        return _journal_note(source, cited)
    if kind == "article-newspaper":
        return _newspaper_note(source, cited)
    if kind == "speech":
        return _speech_note(source, cited)
    return _file_note(source, cited, introduce)


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


def _note_text(source: Source, citation: Citation | None, short: bool | None) -> str:
    use_short = short if short is not None else citation is not None and citation.short
    cited = _cited(source, citation)
    return _short_note(source, cited) if use_short else _full_note(source, cited)


def note(
    source: Source,
    citation: Citation | None = None,
    *,
    short: bool | None = None,
    markup: Markup = "text",
) -> str:
    """One citation as it stands in a note: full, or short for a later citation.

    There is no closing period: a note's citations are joined by semicolons
    and the note ends with one period (`footnote`). The citation's locator
    replaces the page range of an article or chapter, as Chicago cites the
    page referred to; the citation's `note` is the editor's remark and is not
    printed. `short` defaults to `Citation.short` (what the chapter did);
    `NoteSequence` also knows what earlier notes gave in full.
    """
    return _render(_note_text(source, citation, short), markup)


def _whole_note(parts: Iterable[str]) -> str:
    return _end("; ".join(part for part in parts if part))


def footnote(cited: Iterable[tuple[Source, Citation]], *, markup: Markup = "text") -> str:
    """A whole note: its citations (as `note` gives them) joined by semicolons, one period.

    Each citation is full or short as `Citation.short` says; use `NoteSequence`
    to follow a work's notes in order.
    """
    return _render(_whole_note(_note_text(s, c, None) for s, c in cited), markup)


class FootnoteText(NamedTuple):
    """A formatted note and each of its citations as they stand in it."""

    text: str
    citations: list[str]


def _key(text: str | None) -> str:
    return _clean(text).casefold()


class NoteSequence:
    """A work's notes in order, each shaped by what earlier notes gave in full.

    - A source given in full earlier is cited in short form (CMOS 14.29); so is
      one whose citation is marked `short` (the chapter's own short forms).
    - A short citation of a chapter or document whose volume an earlier note
      gave in full names the volume by its short form: 'E. A. Rees, “Leaders
      and their Institutions,” in Gregory, Behind the Façade, 35–60' (CMOS
      14.113). `sources` are where the volume's own short title is found.
    - The first archival citation names the archive in full with
      '(hereafter RGASPI)'; later ones begin 'RGASPI, f. ...'.
    """

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._volumes: dict[str, Source] = {}
        for source in sources:
            if source.type in _BOOKISH:
                for title in (source.full_title, source.title):
                    if title:
                        self._volumes.setdefault(_key(title), source)
        self._cited: set[str] = set()
        self._given_volumes: set[str] = set()
        self._archives: set[str] = set()

    def _volume_reference(self, source: Source) -> str:
        """'Gregory, Behind the Façade': the short form of the volume a part is in."""
        volume = self._volumes.get(_key(source.container_title))
        if volume is None:
            volume = Source(
                id="volume",
                type="book",
                title=source.container_title,
                editor=source.container_editor,
            )
        names = volume.author or volume.editor
        lead = _names_in_note(names, volume.names_abbreviated, _family)
        return _join([lead, _italic(short_title(volume)), _volume(source)])

    def _archival(
        self, source: Source, archival: ArchivalLocator, citation: Citation, seen: bool
    ) -> str:
        cited = _cited(source, citation)
        introduce = archival.archive not in self._archives
        self._archives.add(archival.archive)
        if not introduce and (seen or citation.short):
            return _short_note(source, cited)
        return _file_note(source, cited, introduce)

    def _text(self, source: Source, citation: Citation) -> str:
        seen = source.id in self._cited
        self._cited.add(source.id)
        if source.archival is not None and not source.container_title:
            return self._archival(source, source.archival, citation, seen)
        cited = _cited(source, citation)
        if seen:
            return _short_note(source, cited)
        volume = _key(source.container_title) if _in_a_volume(source) else ""
        if citation.short:
            if volume and volume in self._given_volumes:
                pages = cited or page_range(source.page)
                parts = [_lead(source), _item_title(source), f"in {self._volume_reference(source)}"]
                return _join([*parts, pages])
            return _short_note(source, cited)
        if volume:
            self._given_volumes.add(volume)
        elif source.type in _BOOKISH:
            self._given_volumes.update(_key(t) for t in (source.full_title, source.title) if t)
        return _full_note(source, cited)

    def advance(self, cited: Iterable[tuple[Source, Citation]]) -> None:
        """Read a note without writing it: what it gives in full is given, exactly as
        :meth:`footnote` would record it (so a trace that prints three notes of two
        thousand formats three, and the three still read as they do in the list)."""
        for source, citation in cited:
            seen = source.id in self._cited
            self._cited.add(source.id)
            if source.archival is not None and not source.container_title:
                self._archives.add(source.archival.archive)
                continue
            if seen or citation.short:
                continue
            volume = _key(source.container_title) if _in_a_volume(source) else ""
            if volume:
                self._given_volumes.add(volume)
            elif source.type in _BOOKISH:
                self._given_volumes.update(_key(t) for t in (source.full_title, source.title) if t)

    def footnote(
        self, cited: Iterable[tuple[Source, Citation]], *, markup: Markup = "text"
    ) -> FootnoteText:
        """The next note: its text, and each citation as it stands in it."""
        parts = [self._text(source, citation) for source, citation in cited]
        return FootnoteText(_render(_whole_note(parts), markup), [_render(p, markup) for p in parts])


# ------------------------------------------------------------ bibliography

_THREE_EM_DASH = "\u2014\u2014\u2014"


def _bib_names(source: Source) -> tuple[Sequence[Name], str]:
    """The names an entry opens with, and 'ed.'/'eds.' when they are editors."""
    if source.author:
        return source.author, ""
    if source.editor:
        return source.editor, _eds(source.editor, source.names_abbreviated)
    return [], ""


def _bib_lead(source: Source, dash: bool = False) -> str:
    """'Harris, James, ed.'; '———, ed.' when the names repeat the entry before (CMOS 14.67)."""
    names, role = _bib_names(source)
    if not names:
        return ""
    text = _THREE_EM_DASH if dash else _names_in_bibliography(names, source.names_abbreviated)
    return f"{text}, {role}" if role else text


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


def _bib_book(source: Source, lead: str) -> list[str]:
    own_editor = source.editor if source.author else []
    return [
        lead,
        _italic(_display_title(source)),
        f"Edited by {_names_edited_by(own_editor)}" if own_editor else "",
        _cap(_volume(source)),
        _clean(source.collection_title),
        _publication(source),
    ]


def _bib_file(source: Source, lead: str) -> list[str]:
    title = "" if _names_its_collection(source) else _title(source, _display_title(source))
    archival = source.archival
    if archival is None:
        return [lead, title, _date(source.issued), _printed_note(source)]
    depository = (
        _join([_clean(archival.archive_name), _clean(archival.place)])
        if archival.archive_name
        else _clean(archival.place)
    )
    if depository_first(archival):
        return [lead, title, _date(source.issued), _file_reference(archival), depository,
                _printed_note(source)]
    depository = _join([_clean(archival.archive_name) or _clean(archival.archive),
                        _clean(archival.place)])
    return [lead, title, _date(source.issued), location(archival), depository,
            _printed_note(source)]


def _bib_parts(source: Source, dash: bool = False) -> list[str]:
    kind, lead, title = source.type, _bib_lead(source, dash), _quoted(source.full_title)
    if kind in _BOOKISH:
        return _bib_book(source, lead)
    if kind in {"speech", "document"} and (source.container_title or kind == "speech"):
        volume = _bib_in_volume(source) if source.container_title else []
        return [lead, title, _cap(_occasion(source)), *volume]
    if kind == "chapter":
        return [lead, title, *_bib_in_volume(source)]
    if kind == "article-journal":
        pages = page_range(source.page)
        return [lead, title, _with_pages(_journal(source), pages, bool(_date(source.issued)))]
    if kind == "article-newspaper":
        paper = [_italic(source.container_title), _date(source.issued), page_range(source.page)]
        return [lead, title, _join(paper)]
    return _bib_file(source, lead)


def bibliography(source: Source, *, markup: Markup = "text") -> str:
    """The bibliography entry: first name inverted, sentences closed by periods."""
    return _render(_sentences(_bib_parts(source)), markup)


_LEADING_MARKS = "“‘\"'«(["
_INITIALS = re.compile(r"^(?:\w\.\s*)+(?P<family>[^\s(]+)")


def _fold(text: str | None) -> str:
    """Case-insensitive, with numbers compared by value ('f. 84' before 'f. 558')."""
    return re.sub(r"\d+", lambda m: m.group().zfill(10), _clean(text).casefold())


def _title_sort(source: Source) -> str:
    """The title an entry is filed under, without an opening quote or English article."""
    title = _display_title(source)
    if not title and source.archival is not None:
        title = _file_reference(source.archival)
    text = _clean(title or source.container_title).lstrip(_LEADING_MARKS)
    return _fold(_ARTICLE_DROP.sub("", text))


def _name_sort(name: Name) -> tuple[str, str]:
    """(family, given); a literal personal name 'R. U. Devis (...)' files under Devis."""
    if name.literal:
        initials = _INITIALS.match(name.literal.strip())
        return _fold(initials.group("family") if initials else name.literal), ""
    return _fold(name.family), _fold(name.given)


def _sort_key(source: Source) -> tuple[str, str, int, tuple[tuple[str, str], ...], str]:
    """First name, then single before joint works (CMOS 14.70), co-authors, title."""
    names, _ = _bib_names(source)
    title = _title_sort(source)
    if not names:
        return title, "", 0, (), ""
    family, given = _name_sort(names[0])
    several = int(len(names) > 1 or source.names_abbreviated)
    return family, given, several, tuple(_name_sort(name) for name in names[1:]), title


def _same_names(source: Source) -> tuple[object, ...] | None:
    names, _ = _bib_names(source)
    if not names:
        return None
    people = tuple((name.family, name.given, name.literal) for name in names)
    return (*people, source.names_abbreviated)


def bibliography_entries(sources: Iterable[Source], *, markup: Markup = "text") -> list[str]:
    """A bibliography in order: by family name, case- and article-insensitively.

    Anonymous works are filed by title, ignoring an initial 'The', 'A' or 'An'
    and any opening quotation mark; repeated names become a 3-em dash ('———.'
    or '———, ed.'); newspapers are left out, as Chicago cites them in notes
    only (CMOS 14.198).
    """
    return [entry for _, entry in bibliography_items(sources, markup=markup)]


def bibliography_items(
    sources: Iterable[Source], *, markup: Markup = "text"
) -> list[tuple[Source, str]]:
    """:func:`bibliography_entries` with the source of each entry (for pages that
    link an entry to what rests on it)."""
    listed = sorted((s for s in sources if s.type != "article-newspaper"), key=_sort_key)
    items: list[tuple[Source, str]] = []
    previous: tuple[object, ...] | None = None
    for source in listed:
        names = _same_names(source)
        dash = names is not None and names == previous
        items.append((source, _render(_sentences(_bib_parts(source, dash)), markup)))
        previous = names
    return items


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
