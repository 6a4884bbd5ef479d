"""CSL-JSON export and import of argmap sources.

CSL-JSON is what Zotero, citeproc-js, Pandoc and most reference managers read
and write, so exporting it lets a reader take the chapter's bibliography into
their own library, and importing it lets an editor start a map's `sources`
from a Zotero export instead of typing them.

What CSL cannot say (that a document collection is not a plain book, where a
title ends and its subtitle begins, that the chapter gave only "X et al.", a
chapter's own editors beside its volume's, that the map's editor added the
source) goes in the item's `custom` object,
which CSL-JSON 1.0.2 provides for application data. `from_csl` reads it when
present and otherwise infers, so a round trip through Zotero (which drops
`custom`) keeps everything except the book/collection distinction and the
title/subtitle split (the joined title survives). The "et al." fact is also written as a line of
`note`, which Zotero keeps, so it survives that trip too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, get_args

from pydantic import ValidationError

from argmap.citations.archives import location
from argmap.core.model import DATE_RE, Archival, ArchivalLocator, Name, Source, SourceType, dump

__all__ = ["CSL_TYPES", "ET_AL_NOTE", "csl_type", "from_csl", "to_csl", "to_csl_list"]

#: Item types defined by CSL 1.0.2.
CSL_TYPES: frozenset[str] = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill",
        "book", "broadcast", "chapter", "classic", "collection", "dataset", "document",
        "entry", "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic",
        "hearing", "interview", "legal_case", "legislation", "manuscript", "map",
        "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
        "performance", "periodical", "personal_communication", "post", "post-weblog",
        "regulation", "report", "review", "review-book", "software", "song", "speech",
        "standard", "thesis", "treaty", "webpage",
    }
)  # fmt: skip

#: The `note` line that records that the chapter gave only the first names.
ET_AL_NOTE = "argmap: names abbreviated in the source (et al.)"

_SOURCE_TYPES: dict[str, SourceType] = {name: name for name in get_args(SourceType)}

# A published document collection is a book to every CSL style (CSL's own
# "collection" means an archival or museum collection, which it is not).
_TO_CSL: dict[str, str] = {
    "book": "book",
    "collection": "book",
    "chapter": "chapter",
    "article-journal": "article-journal",
    "article-newspaper": "article-newspaper",
    "manuscript": "manuscript",
    "speech": "speech",
    "document": "document",
}
_FROM_CSL: dict[str, SourceType] = {
    "book": "book",
    "classic": "book",
    "pamphlet": "book",
    "report": "book",
    "thesis": "book",
    "periodical": "collection",
    "chapter": "chapter",
    "entry": "chapter",
    "entry-dictionary": "chapter",
    "entry-encyclopedia": "chapter",
    "paper-conference": "chapter",
    "article-journal": "article-journal",
    "article": "article-journal",
    "article-magazine": "article-journal",
    "review": "article-journal",
    "review-book": "article-journal",
    "article-newspaper": "article-newspaper",
    "manuscript": "manuscript",
    "collection": "manuscript",
    "personal_communication": "manuscript",
    "speech": "speech",
}
# Plain string fields: argmap field name -> CSL variable.
_STRINGS: dict[str, str] = {
    "container_title": "container-title",
    "collection_title": "collection-title",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "page": "page",
    "volume": "volume",
    "issue": "issue",
    "event_place": "event-place",
    "genre": "genre",
    "original_title": "original-title",
    "short_title": "title-short",
}
_LOCATION = re.compile(
    r"^\s*f\.\s*(?P<fond>[^,]+?)\s*,\s*op\.\s*(?P<opis>[^,]+?)\s*,\s*d\.\s*(?P<delo>[^,]+?)\s*$"
)
_SLASHED = re.compile(r"^\s*(?P<fond>[^/\s]+)/(?P<opis>[^/\s]+)/(?P<delo>[^/\s]+)\s*$")
_NAMED_ARCHIVE = re.compile(r"^(?P<name>.+?)\s*\((?P<abbr>[^()]+)\)\s*$")


# ------------------------------------------------------------------ export


def csl_type(source: Source) -> str:
    """The CSL type for a source; a document inside a volume is a chapter to CSL."""
    if source.type == "document" and source.container_title:
        return "chapter"
    return _TO_CSL[source.type]


def _csl_names(names: Sequence[Name]) -> list[dict[str, str]]:
    return [name.model_dump(exclude_none=True) for name in names]


def _date_parts(value: str | None) -> dict[str, list[list[int]]] | None:
    """'1997-09' -> {'date-parts': [[1997, 9]]}; a leading '-' is a BCE year."""
    if not value:
        return None
    sign = -1 if value.startswith("-") else 1
    numbers = [int(part) for part in value.lstrip("-").split("-")]
    numbers[0] *= sign
    return {"date-parts": [numbers]}


def _editors(source: Source) -> tuple[list[Name], str | None, list[Name]]:
    """CSL has one `editor`: a volume's editors when there is a volume.

    Returns the names for `editor`, their role ('container' or 'own') and any
    own editors that did not fit and must go in `custom`.
    """
    if source.container_editor:
        return source.container_editor, "container", source.editor
    if source.editor:
        return source.editor, "own", []
    return [], None, []


def _archive(archival: ArchivalLocator) -> dict[str, str]:
    """`archive`, `archive_location` (the file in the tradition's own form, e.g. 'f. 558,
    op. 11, d. 185', 'FO 371/56763', 'RG 59, Decimal File 861.00/2-2246') and
    `archive-place`."""
    name = f"{archival.archive_name} ({archival.archive})" if archival.archive_name else ""
    item = {
        "archive": name or archival.archive,
        "archive_location": location(archival),
    }
    if archival.place:
        item["archive-place"] = archival.place
    return item


def _note(source: Source) -> str | None:
    lines = [source.note or "", ET_AL_NOTE if source.names_abbreviated else ""]
    return "\n".join(line for line in lines if line) or None


def to_csl(source: Source) -> dict[str, Any]:
    """One CSL-JSON item; empty fields are left out."""
    item: dict[str, Any] = {"id": source.id, "type": csl_type(source)}
    if source.full_title:
        item["title"] = source.full_title
    for field, key in _STRINGS.items():
        value = getattr(source, field)
        if value:
            item[key] = value
    if source.author:
        item["author"] = _csl_names(source.author)
    editors, role, own_editors = _editors(source)
    if editors:
        item["editor"] = _csl_names(editors)
    for key, value in (("issued", source.issued), ("event-date", source.event_date)):
        parts = _date_parts(value)
        if parts:
            item[key] = parts
    if source.event:
        item["event-title"] = source.event  # CSL 1.0.2
        item["event"] = source.event  # CSL 1.0.1 processors
    if source.archival is not None:
        item.update(_archive(source.archival))
    note = _note(source)
    if note:
        item["note"] = note
    custom: dict[str, Any] = {"argmap-type": source.type}
    if source.subtitle:
        custom["argmap-subtitle"] = source.subtitle
        if source.title:
            custom["argmap-title"] = source.title
    if role:
        custom["argmap-editor-role"] = role
    if own_editors:
        custom["argmap-editor"] = _csl_names(own_editors)
    if source.names_abbreviated:
        custom["argmap-names-abbreviated"] = True
    if source.editorial:
        custom["argmap-editorial"] = True
    if source.print_note:
        custom["argmap-print-note"] = True
    if source.archival is not None and source.archival.tradition != "russian":
        custom["argmap-archival"] = dump(source.archival)
    item["custom"] = custom
    return item


def to_csl_list(sources: Iterable[Source]) -> list[dict[str, Any]]:
    """CSL-JSON for a whole bibliography, as Zotero's 'Import from Clipboard' takes it."""
    return [to_csl(source) for source in sources]


# ------------------------------------------------------------------ import


def _text(value: object) -> str | None:
    """A CSL string or number as text; empty is None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        text = str(value).strip()
        return text or None
    return None


def _slug(raw: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def _source_id(item: Mapping[str, Any], names: Sequence[Name]) -> str:
    """The item's id when it is already a slug, else one made from it or the data."""
    raw = _text(item.get("id")) or ""
    slug = _slug(raw.rsplit("/", 1)[-1]) if "/" in raw else _slug(raw)
    if slug:
        return slug
    family = (names[0].family or names[0].literal or "") if names else ""
    return _slug(f"{family} {_text(item.get('title')) or ''}") or "source"


def _name(value: object) -> Name | None:
    """A CSL name; particles join the family name; a suffix ('Jr.') is kept as such."""
    if not isinstance(value, Mapping):
        return None
    literal = _text(value.get("literal"))
    family = _join(value.get("non-dropping-particle"), value.get("family"))
    given = _join(value.get("given"), value.get("dropping-particle"))
    suffix = _text(value.get("suffix"))
    if family is None and literal is None:
        literal = given
        given = None
    if family is None and literal is None:
        return None
    return Name(family=family, given=given, literal=literal, suffix=suffix)


def _join(*values: object) -> str | None:
    parts = [text for text in (_text(value) for value in values) if text]
    return " ".join(parts) or None


def _names(value: object) -> list[Name]:
    if not isinstance(value, list):
        return []
    return [name for name in (_name(entry) for entry in value) if name is not None]


def _date(value: object) -> str | None:
    """A CSL date as YYYY, YYYY-MM or YYYY-MM-DD; the first of a range."""
    if isinstance(value, str):
        return value if DATE_RE.match(value) else None
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(str(part)) for part in parts[0][:3]]
        except ValueError:
            return None
        year, rest = numbers[0], numbers[1:]
        text = f"{year:05d}" if year < 0 else f"{year:04d}"
        return "-".join([text, *(f"{number:02d}" for number in rest)])
    for key in ("raw", "literal"):
        raw = _text(value.get(key))
        if raw and DATE_RE.match(raw):
            return raw
    return None


def _archival(item: Mapping[str, Any], custom: Mapping[str, Any]) -> ArchivalLocator | None:
    """The locator as we wrote it (`custom`), else fond/opis/delo rebuilt from 'f. 558,
    op. 11, d. 185' (or '558/11/185')."""
    ours = custom.get("argmap-archival")
    if isinstance(ours, Mapping):
        try:
            return Source.model_validate({"id": "x", "type": "manuscript", "archival": ours}).archival
        except ValidationError:
            pass
    archive, where = _text(item.get("archive")), _text(item.get("archive_location"))
    if not archive or not where:
        return None
    match = _LOCATION.match(where) or _SLASHED.match(where)
    if match is None:
        return None
    named = _NAMED_ARCHIVE.match(archive)
    return Archival(
        archive=named.group("abbr") if named else archive,
        archive_name=named.group("name") if named else None,
        place=_text(item.get("archive-place")),
        fond=match.group("fond"),
        opis=match.group("opis"),
        delo=match.group("delo"),
    )


def _source_type(item: Mapping[str, Any], custom: Mapping[str, Any]) -> SourceType:
    """Our own type when we wrote the item, else the nearest to its CSL type."""
    declared = custom.get("argmap-type")
    if isinstance(declared, str) and declared in _SOURCE_TYPES:
        return _SOURCE_TYPES[declared]
    return _FROM_CSL.get(str(item.get("type")), "document")


def _note_and_flag(item: Mapping[str, Any], custom: Mapping[str, Any]) -> tuple[str | None, bool]:
    lines = (_text(item.get("note")) or "").splitlines()
    flagged = ET_AL_NOTE in (line.strip() for line in lines)
    kept = "\n".join(line for line in lines if line.strip() != ET_AL_NOTE).strip()
    return kept or None, flagged or custom.get("argmap-names-abbreviated") is True


def _unplaced_archive(item: Mapping[str, Any]) -> str | None:
    """An archive whose location we cannot parse, kept as text rather than lost."""
    parts = [_text(item.get(key)) for key in ("archive", "archive_location", "archive-place")]
    text = ", ".join(part for part in parts if part)
    return f"Archive: {text}" if text else None


def _titles(item: Mapping[str, Any], custom: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Title and subtitle: split as we wrote them, unless the title was edited since.

    CSL has a single title; plain CSL titles stay whole, as a colon inside a
    title does not always mark a subtitle.
    """
    title = _text(item.get("title"))
    main, sub = _text(custom.get("argmap-title")), _text(custom.get("argmap-subtitle"))
    if sub is not None:
        joined = Source(id="x", type="book", title=main, subtitle=sub).full_title
        if joined == title:
            return main, sub
    return title, None


def from_csl(item: Mapping[str, Any]) -> Source:
    """A Source from a CSL-JSON item (ours or a Zotero export).

    Fields argmap does not hold (DOI, URL, ISBN, abstract...) are ignored; an
    archive location that is not in f./op./d. form is kept in `note`.
    """
    raw_custom = item.get("custom")
    custom: Mapping[str, Any] = raw_custom if isinstance(raw_custom, Mapping) else {}
    kind = _source_type(item, custom)
    authors = _names(item.get("author"))
    editors = _names(item.get("editor"))
    role = custom.get("argmap-editor-role")
    if role is None:
        in_volume = kind == "chapter" or (kind in {"speech", "document"} and item.get("container-title"))
        role = "container" if in_volume else "own"
    own = editors if role == "own" else _names(custom.get("argmap-editor"))
    note, abbreviated = _note_and_flag(item, custom)
    archival = _archival(item, custom)
    if archival is None and item.get("archive"):
        note = "\n".join(part for part in (note, _unplaced_archive(item)) if part)
    data: dict[str, Any] = {
        "id": _source_id(item, authors or editors),
        "type": kind,
        "author": authors,
        "editor": own,
        "container-editor": editors if role == "container" else [],
        "names_abbreviated": abbreviated,
        "issued": _date(item.get("issued")),
        "event-date": _date(item.get("event-date")),
        "event": _text(item.get("event-title")) or _text(item.get("event")),
        "note": note,
        "archival": archival,
        "editorial": custom.get("argmap-editorial") is True,
        "print_note": custom.get("argmap-print-note") is True,
    }
    for field, key in _STRINGS.items():
        data[field] = _text(item.get(key))
    data["title"], data["subtitle"] = _titles(item, custom)
    if data["short_title"] is None:
        data["short_title"] = _text(item.get("shortTitle"))
    return Source.model_validate(data)
