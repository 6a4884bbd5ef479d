"""The domain model: what a map of a historian's text is made of.

Every record is a pydantic model that forbids unknown keys, so a typo in a YAML
file is an error rather than a silently ignored field. Records refer to each
other by id; the loader resolves those references across the whole corpus, so
the models here only check what can be checked from a single record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

MAX_ANCHOR_WORDS = 12

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description=(
            "A readable slug (lower-case letters, digits, hyphens), unique within its work's "
            "folder (or within the shared library)."
        ),
    ),
]

Ref = Annotated[
    str,
    Field(
        pattern=r"^([a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*$",
        max_length=161,
        description=(
            "The id of a record: of this work or the shared library as is, of another work "
            "qualified by that work's id ('work-id:record-id')."
        ),
    ),
]

DATE_RE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


def _calendar_date(value: str) -> str:
    """A month 01-12 and a day that month has (proleptic Gregorian, so 29 February
    only in leap years): the views and the app index month names by it."""
    parts = value.lstrip("-").split("-")
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        raise ValueError(f"'{value}' has month {parts[1]}; months run from 01 to 12")
    if len(parts) == 3:
        year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if not 1 <= day <= days:
            raise ValueError(f"'{value}' has day {parts[2]}; that month has {days} days")
    return value


DateStr = Annotated[
    str,
    Field(
        pattern=DATE_RE.pattern,
        description="A date as precise as the text gives it: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
    AfterValidator(_calendar_date),
]

ClaimKind = Literal[
    "thesis", "interpretive", "causal", "factual", "counterfactual", "historiographical"
]
EvidenceKind = Literal[
    "archival",
    "document-collection",
    "intelligence-report",
    "testimony",
    "speech-or-writing",
    "memoir",
    "statistic",
    "secondary",
    "press",
]
CitationFunction = Literal["evidence", "authority", "disagrees", "further-reading"]
Position = Literal["accepts", "rejects", "qualifies", "disputed"]
Basis = Literal["chapter", "editorial"]
RelationKind = Literal["supports", "attacks", "undercuts", "qualifies", "contradicts"]
PersonKind = Literal["actor", "historian", "group"]
SourceType = Literal[
    "book",
    "chapter",
    "article-journal",
    "article-newspaper",
    "manuscript",
    "speech",
    "document",
    "collection",
]


_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)
_UNSHOWABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_NONCHARACTERS}]")
_NONCHARACTER = re.compile(f"[{_NONCHARACTERS}]")
_HIGH = re.compile("[\ufdd0-\U0010ffff]")  # every noncharacter lies in this span
TEXTS_CHECKED: Final[Mapping[str, bool]] = MappingProxyType({"texts_checked": True})
"""Validation context for records read from a file whose every text is known to pass
:func:`check_text` (see :func:`yaml_texts_are_showable`): the per-field check is skipped."""


def yaml_texts_are_showable(text: str) -> bool:
    """Whether every string a YAML document can produce from ``text`` passes
    :func:`check_text`, without looking at each.

    ``text`` must already have passed the reader's check (argmap.core.yamlfile:
    no control characters but tab and line breaks). A string then gets an
    unshowable character only from a backslash escape in a double-quoted scalar
    or from a noncharacter in the file itself; YAML turns CR and CR LF into LF.
    NEL is left to the full check. On 10,000 claims the per-field check was a
    fifth of validating them.
    """
    if "\\" in text or "\x85" in text:
        return False
    # A class of 34 scattered characters costs 50 ms on a 450 KB file, ten times one
    # range: so only a file with a character in the noncharacters' span is searched.
    return text.isascii() or _HIGH.search(text) is None or _NONCHARACTER.search(text) is None


def check_text(value: str) -> str:
    """Refuse control characters (other than tab and newline) and noncharacters.

    A YAML escape such as "\\0", "\\x1b" or "\\uFFFE" passes the file check but
    breaks every later stage: Graphviz rejects NUL, SVG with control characters is
    not well-formed XML, and a terminal obeys escape sequences.
    """
    bad = _UNSHOWABLE.search(value)
    if bad is not None:
        raise ValueError(
            f"text holds the control character or noncharacter U+{ord(bad.group()):04X} "
            f"at character {bad.start() + 1}"
        )
    return value


def _check_texts(value: Any) -> Any:
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                check_text(item)
    return value


_new = object.__new__
_set = object.__setattr__


def _restored(cls: type[BaseModel], values: dict[str, Any], fields_set: set[str]) -> BaseModel:
    """A record rebuilt from its pickle without validation (it was valid when
    pickled): what pydantic's ``__setstate__`` does, without its state dict."""
    record = _new(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", fields_set)
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


def _reduce(record: BaseModel) -> Any:
    """Pickle a record as (class, fields, fields set). The load cache pickles tens of
    thousands of records, and pydantic's default (a state dict of four entries,
    set back by a Python ``__setstate__``) made a warm load of 10,000 claims
    about a third slower and writing its entry 40% slower. Records with extra
    or private values (argmap's have neither) keep the default."""
    if record.__pydantic_extra__ is None and not record.__pydantic_private__:
        return (_restored, (type(record), record.__dict__, record.__pydantic_fields_set__))
    return BaseModel.__reduce_ex__(record, 2)


class Record(BaseModel):
    """Base of every YAML record: strict keys, hyphenated CSL names allowed."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False, defer_build=True)

    __reduce__ = _reduce

    @field_validator("*", mode="after")
    @classmethod
    def _printable(cls, value: Any, info: ValidationInfo) -> Any:
        """Every text field of every record kind: no control characters (checked here
        unless the loader has checked the whole file: see TEXTS_CHECKED)."""
        if info.context is TEXTS_CHECKED:
            return value
        return _check_texts(value)


class Name(Record):
    """A personal name in CSL-JSON form, copied exactly as the text prints it."""

    family: str | None = None
    given: str | None = None
    literal: str | None = Field(
        default=None, description="A name printed as is, e.g. 'R. U. Devis (R. W. Davies)'."
    )
    suffix: str | None = Field(
        default=None, description="'Jr.', 'III': printed after the given name (CSL suffix)."
    )

    @model_validator(mode="after")
    def _named(self) -> Name:
        if self.family is None and self.literal is None:
            raise ValueError("a name needs family (and given) or literal")
        return self


class Section(Record):
    id: Id
    title: str
    paragraphs: int = Field(ge=1, description="How many paragraphs the section has.")


class Work(Record):
    """The text being mapped."""

    id: Id
    title: str
    author: list[Name] = Field(default_factory=list)
    container_title: str | None = Field(default=None, alias="container-title")
    publisher: str | None = None
    issued: DateStr | None = None
    note: str | None = None
    sections: list[Section] = Field(min_length=1)
    further_reading: list[Ref] = Field(
        default_factory=list, description="Sources the work lists as further reading."
    )
    debates: list[Ref] = Field(
        default_factory=list, description="The debates (historiographical controversies) it engages."
    )


class Locator(Record):
    """Where in the work something is said."""

    section: Id
    paragraph: int = Field(ge=1)
    anchor: str | None = Field(
        default=None,
        description=f"A verbatim phrase of at most {MAX_ANCHOR_WORDS} words found in the text.",
    )

    @field_validator("anchor")
    @classmethod
    def _short_anchor(cls, value: str | None) -> str | None:
        if value is not None:
            words = value.split()
            if not words:
                raise ValueError("anchor is empty")
            if len(words) > MAX_ANCHOR_WORDS:
                raise ValueError(
                    f"anchor has {len(words)} words; at most {MAX_ANCHOR_WORDS} are allowed"
                )
        return value


class Period(Record):
    start: DateStr
    end: DateStr | None = None


class SupportEdge(Record):
    """Names a support relation so that an undercut can attack the inference itself."""

    source: Ref
    target: Ref


class Arguing(Record):
    """Relations a claim or a piece of evidence bears to claims, written inline."""

    supports: list[Ref] = Field(default_factory=list)
    attacks: list[Ref] = Field(default_factory=list)
    qualifies: list[Ref] = Field(default_factory=list)
    contradicts: list[Ref] = Field(default_factory=list)
    undercuts: list[SupportEdge] = Field(default_factory=list)


MAX_TITLE_WORDS = 10
MAX_TITLE_CHARS = 70
DERIVED_TITLE_WORDS = 8


class EditorNote(Record):
    """Where the text itself is wrong or needs context, the map editor says so here,
    with a source, instead of changing what the text claims."""

    text: str = Field(min_length=1, description="The editor's remark, in the editor's words.")
    source: Ref | None = Field(default=None, description="The source the remark rests on.")
    pages: str | None = None


class MapNode(Arguing):
    """What claims and evidence share: an id, a paraphrase, a place in the text."""

    id: Id
    title: str | None = Field(
        default=None,
        description=(
            f"A short title in the editor's words (at most {MAX_TITLE_WORDS} words, "
            f"{MAX_TITLE_CHARS} characters), shown on map nodes; the text is the full paraphrase."
        ),
    )
    text: str = Field(min_length=1)
    people: list[Ref] = Field(default_factory=list)
    events: list[Ref] = Field(default_factory=list)
    footnotes: list[Ref] = Field(default_factory=list)
    editor_note: EditorNote | None = Field(
        default=None,
        description="The editor's correction or context (e.g. where the text errs), never the text's.",
    )

    @property
    def heading(self) -> str:
        """The title, or, for a map written before titles, the text's first words
        (``title_derived`` says which, so a front end can mark it)."""
        if self.title:
            return self.title
        words = self.text.split()
        head = " ".join(words[:DERIVED_TITLE_WORDS]).rstrip(",;:.")
        return head + ("…" if len(words) > DERIVED_TITLE_WORDS else "")

    @property
    def title_derived(self) -> bool:
        return not self.title

    @field_validator("title")
    @classmethod
    def _short_title(cls, value: str | None) -> str | None:
        if value is not None:
            words = value.split()
            if not words:
                raise ValueError("title is empty")
            if len(words) > MAX_TITLE_WORDS or len(value) > MAX_TITLE_CHARS:
                raise ValueError(
                    f"title has {len(words)} words and {len(value)} characters; at most "
                    f"{MAX_TITLE_WORDS} words and {MAX_TITLE_CHARS} characters are allowed"
                )
        return value


class Claim(MapNode):
    """A proposition, in the map editor's own words."""

    locator: Locator
    kind: ClaimKind
    scope: Literal["work", "section"] | None = Field(
        default=None, description="For kind thesis: the work's main thesis or a section's."
    )
    period: Period | None = None
    asserted_by: Ref | Literal["author"] = Field(
        default="author",
        description="'author', or the id of the person, group or school whose view is reported.",
    )

    @model_validator(mode="after")
    def _thesis_scope(self) -> Claim:
        if self.kind == "thesis" and self.scope is None:
            raise ValueError("a thesis needs scope: work or section")
        if self.kind != "thesis" and self.scope is not None:
            raise ValueError("scope is only for claims of kind thesis")
        return self


class Evidence(MapNode):
    """What a claim rests on, typed like a basis box."""

    locator: Locator | None = Field(
        default=None,
        description="Where the text mentions it; omit (with basis: editorial) when it does not.",
    )
    kind: EvidenceKind
    date: DateStr | None = None
    author: str | None = Field(default=None, description="Who wrote or produced it.")
    basis: Basis = Field(
        default="chapter",
        description="chapter: the text mentions it (locator); editorial: the map's editor adds "
        "it, on the source given, and the text does not locate it.",
    )
    source: Ref | None = Field(default=None, description="For basis editorial: where it is found.")
    pages: str | None = None

    @model_validator(mode="after")
    def _located_or_editorial(self) -> Evidence:
        if self.basis == "chapter" and self.locator is None:
            raise ValueError(
                "evidence needs a locator (where the text mentions it); evidence the text does "
                "not mention takes basis: editorial and the source it rests on instead"
            )
        if self.basis == "editorial" and self.source is None:
            raise ValueError("editorial evidence needs the source it rests on (source: ID)")
        if self.basis == "editorial" and self.locator is not None:
            raise ValueError(
                "editorial evidence has no locator: the text does not mention it (use "
                "basis: chapter for evidence the text mentions)"
            )
        return self


class Citation(Record):
    source: Ref
    locator: str | None = Field(default=None, description="Pages, folio, chapter, document...")
    label: Literal["page", "folio", "chapter", "document", "section", "appendix"] = "page"
    function: CitationFunction = "evidence"
    note: str | None = Field(
        default=None, description="The map editor's remark on this citation; never printed in it."
    )
    short: bool = Field(default=False, description="The note uses a short form of the title.")


class Footnote(Record):
    id: Id
    work: Id
    number: int = Field(ge=1)
    section: Id
    paragraph: int = Field(ge=1)
    citations: list[Citation] = Field(default_factory=list)
    commentary: str | None = Field(default=None, description="What the note argues, paraphrased.")


Tradition = Literal["russian", "us", "british", "german", "generic"]


class _ArchiveBase(Record):
    """What every archival locator says: the repository, as cited, and where it is."""

    archive: str = Field(
        min_length=1,
        description="The repository as notes cite it: 'RGASPI', 'TNA', 'BArch', or a full name.",
    )
    archive_name: str | None = Field(
        default=None,
        description="Its full name when `archive` abbreviates it: named once with '(hereafter ...)'.",
    )
    place: str | None = None


_OTHER_FIELDS: dict[str, tuple[str, ...]] = {
    "us": ("record_group", "entry", "collection_number", "box", "folder", "file"),
    "british": ("department", "piece"),
    "german": ("bestand", "signatur"),
    "generic": ("collection", "box", "folder", "item"),
}


class Archival(_ArchiveBase):
    """A file in a Russian or Soviet archive: fond, opis', delo (the sheet, list, goes in
    a citation). The tradition the bundled map was written with, and the default."""

    tradition: Literal["russian"] = "russian"
    fond: str
    opis: str
    delo: str

    @model_validator(mode="before")
    @classmethod
    def _other_tradition(cls, data: Any) -> Any:
        """A locator of another tradition written without `tradition:` says so, instead of
        'missing fond'."""
        if isinstance(data, dict) and "tradition" not in data and "fond" not in data:
            for tradition, fields in _OTHER_FIELDS.items():
                present = [key for key in fields if key in data]
                if present:
                    raise ValueError(
                        f"this archival locator has {', '.join(present)} but no tradition, so it "
                        f"is read as Russian (fond, opis, delo); add 'tradition: {tradition}'"
                    )
        return data


class UsArchival(_ArchiveBase):
    """A US archive: a National Archives record group (RG, entry, file, box, folder), or a
    manuscript collection (its name and number, series, box, folder; CMOS 14.221-14.240)."""

    tradition: Literal["us"]
    record_group: str | None = Field(default=None, description="'59' for RG 59.")
    record_group_title: str | None = Field(
        default=None, description="'General Records of the Department of State'."
    )
    entry: str | None = None
    collection: str | None = Field(default=None, description="'Henry L. Stimson Diaries'.")
    collection_number: str | None = Field(default=None, description="'MS 465'.")
    series: str | None = None
    file: str | None = Field(default=None, description="'Decimal File 861.00/2-2246'.")
    box: str | None = None
    folder: str | None = None

    @model_validator(mode="after")
    def _group_or_collection(self) -> UsArchival:
        if self.record_group is None and self.collection is None:
            raise ValueError(
                "a US archival locator needs record_group (a National Archives record group, "
                "e.g. '59') or collection (a manuscript collection, e.g. 'Henry L. Stimson Diaries')"
            )
        return self


class BritishArchival(_ArchiveBase):
    """A British public record: department, series, piece, item ('FO 371/56763')."""

    tradition: Literal["british"]
    department: str = Field(description="'FO', 'CAB', 'PREM'.")
    series: str = Field(description="'371'.")
    piece: str = Field(description="'56763'.")
    item: str | None = None


class GermanArchival(_ArchiveBase):
    """A German archive: Bestand and Signatur ('BArch, R 43/1309')."""

    tradition: Literal["german"]
    bestand: str = Field(description="'R 43'.")
    signatur: str = Field(description="'1309'.")


class GenericArchival(_ArchiveBase):
    """Any other archive: collection, box, folder, item."""

    tradition: Literal["generic"]
    collection: str
    box: str | None = None
    folder: str | None = None
    item: str | None = None


ArchivalLocator = Archival | UsArchival | BritishArchival | GermanArchival | GenericArchival
ARCHIVAL_MODELS: dict[str, type[_ArchiveBase]] = {
    "russian": Archival,
    "us": UsArchival,
    "british": BritishArchival,
    "german": GermanArchival,
    "generic": GenericArchival,
}


def _tradition(value: Any) -> str | None:
    """The tag: `tradition`, Russian when left out (maps written before traditions)."""
    if isinstance(value, dict):
        tradition = value.get("tradition", "russian")
        return tradition if isinstance(tradition, str) else None
    return getattr(value, "tradition", None)


AnyArchival = Annotated[
    Annotated[Archival, Tag("russian")]
    | Annotated[UsArchival, Tag("us")]
    | Annotated[BritishArchival, Tag("british")]
    | Annotated[GermanArchival, Tag("german")]
    | Annotated[GenericArchival, Tag("generic")],
    Discriminator(
        _tradition,
        custom_error_type="archival_tradition",
        custom_error_message=(
            "archival tradition must be one of russian (fond/opis/delo), us (record_group or "
            "collection), british (department/series/piece), german (bestand/signatur), "
            "generic (collection/box/folder/item)"
        ),
    ),
]


class Source(Record):
    """A bibliographic item, CSL-JSON compatible."""

    id: Id
    type: SourceType
    title: str | None = Field(default=None, description="Omit when the text gives none.")
    subtitle: str | None = Field(
        default=None, description="The part after the colon; exported joined to the title."
    )
    author: list[Name] = Field(default_factory=list)
    editor: list[Name] = Field(default_factory=list)
    names_abbreviated: bool = Field(
        default=False, description="The text gives only the first names and 'et al'."
    )
    issued: DateStr | None = None
    container_title: str | None = Field(default=None, alias="container-title")
    collection_title: str | None = Field(default=None, alias="collection-title")
    container_editor: list[Name] = Field(default_factory=list, alias="container-editor")
    publisher: str | None = None
    publisher_place: str | None = Field(default=None, alias="publisher-place")
    page: str | None = None
    volume: str | None = None
    issue: str | None = None
    event: str | None = None
    event_place: str | None = Field(default=None, alias="event-place")
    event_date: DateStr | None = Field(default=None, alias="event-date")
    genre: str | None = None
    note: str | None = Field(
        default=None, description="The map editor's remark (CSL note); printed only with print_note."
    )
    print_note: bool = Field(
        default=False,
        description=(
            "Print `note` where Chicago prints a descriptive note on unpublished material "
            "('Copy in the Hoover Institution Archives'): after the file in notes and entries."
        ),
    )
    original_title: str | None = Field(default=None, alias="original-title")
    editorial: bool = Field(
        default=False,
        description="Added by the map's editor (e.g. a school's key work); the text does not cite it.",
    )
    archival: AnyArchival | None = Field(
        default=None,
        description="Where the file is kept; its parts follow the archive's tradition.",
    )
    short_title: str | None = Field(default=None, alias="title-short")

    @property
    def full_title(self) -> str | None:
        """Title and subtitle joined as printed: "Main: Sub", or "Main, Sub" when
        the main title already ends in punctuation (as some printed titles do)."""
        if self.title and self.subtitle:
            joiner = " " if self.title[-1] in ",;:.?!" else ": "
            return f"{self.title}{joiner}{self.subtitle}"
        return self.title or self.subtitle


class Person(Record):
    id: Id
    name: str
    kind: PersonKind = "actor"
    role: str | None = None
    works: list[Ref] = Field(
        default_factory=list, description="A historian's key works (sources), for the schools."
    )


class Event(Record):
    id: Id
    name: str
    date: DateStr | None = Field(default=None, description="Omit when the text gives no date.")
    end: DateStr | None = None
    description: str | None = None
    people: list[Ref] = Field(default_factory=list)


class Trust(Record):
    """How far a school trusts a kind of evidence, and why (sets the evidence's base score)."""

    kind: EvidenceKind
    score: float = Field(ge=0.0, le=1.0, description="0 = no weight at all, 0.5 = no view, 1 = full.")
    justification: str = Field(min_length=1)
    source: Ref | None = None
    pages: str | None = None


class Debate(Record):
    """A historiographical controversy: its schools answer one question, so they can be compared."""

    id: Id
    title: str
    description: str | None = None


class School(Record):
    id: Id
    name: str
    summary: str
    debate: Ref | None = Field(
        default=None,
        description="The debate the school takes part in; schools of different debates are never compared.",
    )
    proponents: list[Ref] = Field(default_factory=list)
    key_works: list[Ref] = Field(default_factory=list)
    core_theses: list[Ref] = Field(default_factory=list)
    evidence_trust: list[Trust] = Field(
        default_factory=list,
        description="The school's trust in kinds of evidence; kinds not listed count as no view.",
    )


class Dissent(Record):
    """A historian of the school who departs from the school's stance."""

    proponent: Ref
    position: Position
    justification: str = Field(min_length=1)
    source: Ref | None = None
    pages: str | None = None


class Stance(Record):
    """A school's position on a claim (or a piece of evidence), and on what the attribution rests."""

    school: Ref
    claim: Ref = Field(description="The claim or the piece of evidence the stance is on.")
    position: Position
    justification: str = Field(min_length=1)
    basis: Basis
    locator: Locator | None = None
    footnote: Ref | None = None
    source: Ref | None = None
    pages: str | None = Field(
        default=None, description="Pages or chapter of the source; editorial stances give them."
    )
    proponents: list[Ref] = Field(
        default_factory=list, description="The school's historians this stance rests on."
    )
    dissent: list[Dissent] = Field(
        default_factory=list, description="Historians of the school who take another position."
    )

    @model_validator(mode="after")
    def _basis_grounded(self) -> Stance:
        if self.basis == "chapter" and self.locator is None and self.footnote is None:
            raise ValueError("a chapter-based stance needs a locator or a footnote")
        if self.basis == "editorial" and self.source is None:
            raise ValueError("an editorial stance needs the source it rests on")
        return self


class MapFile(Record):
    """One YAML file: any of the collections, each a list of records."""

    works: list[Work] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    debates: list[Debate] = Field(default_factory=list)
    schools: list[School] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)


COLLECTIONS: tuple[str, ...] = tuple(MapFile.model_fields)


class Relation(BaseModel):
    """A resolved relation between two nodes (or, for undercuts, a node and a support)."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    __reduce__ = _reduce

    kind: RelationKind
    source: str
    target: str
    via: str | None = Field(
        default=None, description="For undercuts: the claim whose support of target is attacked."
    )


def dump(record: BaseModel) -> dict[str, Any]:
    """A record as YAML/JSON would write it: CSL hyphen names, no empty fields."""
    return record.model_dump(by_alias=True, exclude_defaults=True, mode="json")
