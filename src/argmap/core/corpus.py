"""The resolved corpus: every record of a map, with references checked.

A Corpus is what the loader hands to everything downstream. It is plain data
(dicts of pydantic records keyed by id) plus the origin of each record, so that
later checks (anchors against the text, say) can still point at file:line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.core.model import (
    Claim,
    Debate,
    Event,
    Evidence,
    Footnote,
    Person,
    Relation,
    School,
    Section,
    Source,
    Stance,
    Work,
    dump,
)

if TYPE_CHECKING:
    from argmap.cache.filecache import DerivedKey


@dataclass(frozen=True)
class Origin:
    """Where a record was written: the file and the path of keys inside it."""

    path: Path
    display: str
    loc: tuple[str | int, ...]


@dataclass
class Corpus:
    works: dict[str, Work] = field(default_factory=dict)
    sections: dict[str, tuple[Work, Section]] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    footnotes: dict[str, Footnote] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    debates: dict[str, Debate] = field(default_factory=dict)
    schools: dict[str, School] = field(default_factory=dict)
    stances: list[Stance] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # Works as namespaces (argmap.core.namespaces): the folder each key was defined in
    # ("" for the shared library), each work's folder, and each folder's key prefix.
    namespace_of: dict[str, str] = field(default_factory=dict)
    work_namespace: dict[str, str] = field(default_factory=dict)
    key_prefix: dict[str, str] = field(default_factory=dict)
    _projections: dict[str, Corpus] = field(default_factory=dict, repr=False, compare=False)
    # Set by the loader on a corpus that loaded with no problem from files it could
    # key (argmap.cache.filecache.derived); None: results computed from it are not kept.
    derived_key: DerivedKey | None = field(default=None, repr=False, compare=False)

    def for_work(self, work_id: str) -> Corpus:
        """One work's corpus: its records under their own ids, the shared library, and
        what it names in other works (qualified); the corpus itself when it holds one work."""
        from argmap.core.namespaces import project

        if work_id not in self._projections:
            projected = project(self, work_id)
            if projected is not self and self.derived_key is not None:
                projected.derived_key = self.derived_key.for_work(work_id)
            self._projections[work_id] = projected
        return self._projections[work_id]

    def debate_of(self, school: str) -> str | None:
        """The debate a school takes part in (None: the map names none)."""
        found = self.schools.get(school)
        return found.debate if found is not None else None

    def section_order(self) -> list[str]:
        """Section ids in reading order, work by work."""
        return [s.id for w in self.works.values() for s in w.sections]

    def to_json(self) -> dict[str, Any]:
        """The whole resolved corpus as JSON-ready data (for `argmap export json`)."""
        return {
            "works": [dump(w) for w in self.works.values()],
            "claims": [dump(c) for c in self.claims.values()],
            "evidence": [dump(e) for e in self.evidence.values()],
            "footnotes": [dump(n) for n in self.footnotes.values()],
            "sources": [dump(s) for s in self.sources.values()],
            "people": [dump(p) for p in self.people.values()],
            "events": [dump(e) for e in self.events.values()],
            **({"debates": [dump(d) for d in self.debates.values()]} if self.debates else {}),
            "schools": [dump(s) for s in self.schools.values()],
            "stances": [dump(s) for s in self.stances],
            "relations": [r.model_dump(exclude_none=True) for r in self.relations],
        }
