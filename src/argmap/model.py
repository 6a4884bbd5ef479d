"""The domain model: what a map of a historian's text is made of.

Every record is a pydantic model that forbids unknown keys, so a typo in a YAML
file is an error rather than a silently ignored field. Records refer to each
other by id; the loader resolves those references across the whole corpus, so
the models here only check what can be checked from a single record.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_ANCHOR_WORDS = 12

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description="A readable slug (lower-case letters, digits, hyphens), unique across the corpus.",
    ),
]

DATE_RE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")
DateStr = Annotated[
    str,
    Field(
        pattern=DATE_RE.pattern,
        description="A date as precise as the text gives it: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
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


class Record(BaseModel):
    """Base of every YAML record: strict keys, hyphenated CSL names allowed."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)


class Name(Record):
    """A personal name in CSL-JSON form, copied exactly as the text prints it."""

    family: str | None = None
    given: str | None = None
    literal: str | None = Field(
        default=None, description="A name printed as is, e.g. 'R. U. Devis (R. W. Davies)'."
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
    further_reading: list[Id] = Field(
        default_factory=list, description="Sources the work lists as further reading."
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

    source: Id
    target: Id


class Arguing(Record):
    """Relations a claim or a piece of evidence bears to claims, written inline."""

    supports: list[Id] = Field(default_factory=list)
    attacks: list[Id] = Field(default_factory=list)
    qualifies: list[Id] = Field(default_factory=list)
    contradicts: list[Id] = Field(default_factory=list)
    undercuts: list[SupportEdge] = Field(default_factory=list)


class MapNode(Arguing):
    """What claims and evidence share: an id, a paraphrase, a place in the text."""

    id: Id
    text: str = Field(min_length=1)
    locator: Locator
    people: list[Id] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    footnotes: list[Id] = Field(default_factory=list)


class Claim(MapNode):
    """A proposition, in the map editor's own words."""

    kind: ClaimKind
    scope: Literal["work", "section"] | None = Field(
        default=None, description="For kind thesis: the work's main thesis or a section's."
    )
    period: Period | None = None
    asserted_by: Id | Literal["author"] = Field(
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

    kind: EvidenceKind
    date: DateStr | None = None
    author: str | None = Field(default=None, description="Who wrote or produced it.")


class Citation(Record):
    source: Id
    locator: str | None = Field(default=None, description="Pages, folio, chapter, document...")
    label: Literal["page", "folio", "chapter", "document", "section", "appendix"] = "page"
    function: CitationFunction = "evidence"
    note: str | None = Field(default=None, description="What the note says of this locator.")
    short: bool = Field(default=False, description="The note uses a short form of the title.")


class Footnote(Record):
    id: Id
    work: Id
    number: int = Field(ge=1)
    section: Id
    paragraph: int = Field(ge=1)
    citations: list[Citation] = Field(default_factory=list)
    commentary: str | None = Field(default=None, description="What the note argues, paraphrased.")


class Archival(Record):
    """Structured archival locator: the file (delo); the sheet (list) goes in a citation."""

    archive: str
    archive_name: str | None = None
    place: str | None = None
    fond: str
    opis: str
    delo: str


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
    note: str | None = None
    original_title: str | None = Field(default=None, alias="original-title")
    archival: Archival | None = None
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


class Event(Record):
    id: Id
    name: str
    date: DateStr | None = Field(default=None, description="Omit when the text gives no date.")
    end: DateStr | None = None
    description: str | None = None
    people: list[Id] = Field(default_factory=list)


class School(Record):
    id: Id
    name: str
    summary: str
    proponents: list[Id] = Field(default_factory=list)
    key_works: list[Id] = Field(default_factory=list)
    core_theses: list[Id] = Field(default_factory=list)


class Stance(Record):
    """A school's position on a claim, and on what the attribution rests."""

    school: Id
    claim: Id
    position: Position
    justification: str = Field(min_length=1)
    basis: Basis
    locator: Locator | None = None
    footnote: Id | None = None
    source: Id | None = None
    pages: str | None = None

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
    schools: list[School] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)


COLLECTIONS: tuple[str, ...] = tuple(MapFile.model_fields)


class Relation(BaseModel):
    """A resolved relation between two nodes (or, for undercuts, a node and a support)."""

    model_config = ConfigDict(frozen=True)

    kind: RelationKind
    source: str
    target: str
    via: str | None = Field(
        default=None, description="For undercuts: the claim whose support of target is attacked."
    )


def dump(record: BaseModel) -> dict[str, Any]:
    """A record as YAML/JSON would write it: CSL hyphen names, no empty fields."""
    return record.model_dump(by_alias=True, exclude_defaults=True, mode="json")
