"""Works as namespaces: which records a reference means, and one work's view of a corpus.

A corpus folder holds one folder per work (`arguments/harris-stalin/`, ...) and,
optionally, a shared library: files directly in the corpus folder and every
top-level folder that holds no work record (by convention `arguments/_shared/`).
Ids are unique within a work's folder and within the shared library; two works
may both have an `n1` or a `revisionist` school.

A reference is resolved from the folder of the record that makes it: an id of
the same work first, then one of the shared library; `work-id:record-id` names
a record of another work. A record of the shared library may name a record of
one work unqualified when exactly one work has it.

The Corpus keys every record by its *key*: the id itself while the corpus holds
at most one work (so a single-work map looks exactly as before), else
`work-id:record-id` for a work's records and the plain id for the shared
library's. The loader rewrites every reference to a key, so everything
downstream compares keys and never resolves anything again.
`Corpus.for_work` (see `project`) gives one work's records under their own ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

SHARED = ""
"""The namespace of the shared library."""

QUALIFIER = ":"

# What a reference field may name: collection names ("sections" for a work's sections).
Kinds = tuple[str, ...]
Rewrite = Callable[[Kinds, str], str]


def namespace_folder(root: Path, path: Path) -> str | None:
    """The top-level folder a file is in (None for a file directly in the corpus folder);
    folders whose names start with '_' are always the shared library's."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if len(parts) < 2 or parts[0].startswith("_"):
        return None
    return parts[0]


def rewrite_refs(collection: str, record: BaseModel, fn: Rewrite) -> None:
    """Replace every reference a record makes by fn(kinds, reference), in place.

    The one list of reference fields: the loader resolves with it, projections
    rename with it, so a new reference field is added here once.
    """
    r: Any = record

    def one(kinds: Kinds, value: str | None) -> str | None:
        return None if value is None else fn(kinds, value)

    def many(kinds: Kinds, values: list[str]) -> list[str]:
        return [fn(kinds, v) for v in values]

    def put(owner: Any, name: str, value: Any) -> None:
        # pydantic's __setattr__ is slow: only assign what changed (most references
        # of a map of one work resolve to themselves).
        if getattr(owner, name) != value:
            setattr(owner, name, value)

    if collection == "works":
        put(r, "further_reading", many(("sources",), r.further_reading))
        put(r, "debates", many(("debates",), r.debates))
    elif collection in ("claims", "evidence"):
        if r.locator is not None:  # evidence the text does not locate has none
            put(r.locator, "section", fn(("sections",), r.locator.section))
        if collection == "evidence":
            put(r, "source", one(("sources",), r.source))
        put(r, "people", many(("people",), r.people))
        put(r, "events", many(("events",), r.events))
        put(r, "footnotes", many(("footnotes",), r.footnotes))
        for kind in ("supports", "attacks", "qualifies", "contradicts"):
            put(r, kind, many(("claims",), getattr(r, kind)))
        for edge in r.undercuts:
            put(edge, "source", fn(("claims", "evidence"), edge.source))
            put(edge, "target", fn(("claims",), edge.target))
        if r.editor_note is not None:
            put(r.editor_note, "source", one(("sources",), r.editor_note.source))
        if collection == "claims" and r.asserted_by != "author":
            put(r, "asserted_by", fn(("people", "schools"), r.asserted_by))
    elif collection == "footnotes":
        put(r, "section", fn(("sections",), r.section))
        for citation in r.citations:
            put(citation, "source", fn(("sources",), citation.source))
    elif collection == "people":
        put(r, "works", many(("sources",), r.works))
    elif collection == "events":
        put(r, "people", many(("people",), r.people))
    elif collection == "schools":
        put(r, "debate", one(("debates",), r.debate))
        put(r, "proponents", many(("people",), r.proponents))
        put(r, "key_works", many(("sources",), r.key_works))
        put(r, "core_theses", many(("claims",), r.core_theses))
        for trust in r.evidence_trust:
            put(trust, "source", one(("sources",), trust.source))
    elif collection == "stances":
        put(r, "school", fn(("schools",), r.school))
        put(r, "claim", fn(("claims", "evidence"), r.claim))
        if r.locator is not None:
            put(r.locator, "section", fn(("sections",), r.locator.section))
        put(r, "footnote", one(("footnotes",), r.footnote))
        put(r, "source", one(("sources",), r.source))
        put(r, "proponents", many(("people",), r.proponents))
        for dissent in r.dissent:
            put(dissent, "proponent", fn(("people",), dissent.proponent))
            put(dissent, "source", one(("sources",), dissent.source))


@dataclass
class Namespaces:
    """Which ids each namespace defines, and how a reference made in one resolves."""

    defined: dict[str, dict[str, str]] = field(default_factory=dict)
    """namespace -> local id -> collection it is defined in."""
    works: dict[str, str] = field(default_factory=dict)
    """work id -> the namespace (folder) holding it."""
    folders: dict[str, str] = field(default_factory=dict)
    """namespace -> the prefix of its keys (its work's id, else the folder's name)."""
    qualify: bool = False

    def define(self, ns: str, record_id: str, collection: str) -> None:
        self.defined.setdefault(ns, {}).setdefault(record_id, collection)

    def settle(self) -> None:
        """Decide the keys once every id is known: qualified as soon as two works'
        ids could be confused (two work folders, or a work shadowing a shared id)."""
        by_folder: dict[str, list[str]] = {}
        for work, ns in self.works.items():
            by_folder.setdefault(ns, []).append(work)
        for ns in self.defined:
            if ns != SHARED:
                owned = by_folder.get(ns, [])
                self.folders[ns] = owned[0] if len(owned) == 1 else ns
        spaces = [ns for ns in self.defined if ns != SHARED]
        shared = self.defined.get(SHARED, {})
        self.qualify = len(spaces) > 1 or any(
            i in shared for ns in spaces for i in self.defined[ns])

    def key(self, ns: str, record_id: str) -> str:
        if not self.qualify or ns == SHARED:
            return record_id
        return f"{self.folders.get(ns, ns)}{QUALIFIER}{record_id}"

    def namespace_of_qualifier(self, qualifier: str) -> str | None:
        if qualifier in self.works:
            return self.works[qualifier]
        return None

    def resolve(self, ns: str, ref: str) -> tuple[str | None, str]:
        """(key, "") for a reference made in namespace ns, or (None, why) when it names
        nothing (why is "" for a plain unknown id, or a hint)."""
        if QUALIFIER in ref:
            qualifier, local = ref.split(QUALIFIER, 1)
            target = self.namespace_of_qualifier(qualifier)
            if target is None:
                return None, f"no work has the id '{qualifier}'; known works: " + \
                    ", ".join(sorted(self.works))
            if local in self.defined.get(target, {}):
                return self.key(target, local), ""
            return None, f"work '{qualifier}' has no record '{local}'"
        if ns != SHARED and ref in self.defined.get(ns, {}):
            return self.key(ns, ref), ""
        if ref in self.defined.get(SHARED, {}):
            return ref, ""
        holders = [n for n in self.defined if n not in (SHARED, ns) and ref in self.defined[n]]
        if ns == SHARED and len(holders) == 1:
            return self.key(holders[0], ref), ""
        if holders:
            options = " or ".join(f"'{self.folders.get(n, n)}{QUALIFIER}{ref}'" for n in holders)
            if ns == SHARED:
                return None, f"ambiguous: several works define '{ref}'; write {options}"
            return None, (f"'{ref}' is defined in another work: write {options}, or move it "
                          "to the shared library")
        return None, ""


# --------------------------------------------------------------------------- projection


def project(corpus: Any, work_id: str) -> Any:
    """One work's corpus: its records under their own ids, the shared library's, and
    (qualified) the records of other works it names; nothing else of other works.

    A corpus of one work is returned as is.
    """
    from argmap.core.corpus import Corpus

    full: Corpus = corpus
    if len(full.works) <= 1 and work_id in full.works:
        return full
    ns = full.work_namespace.get(work_id, SHARED)
    prefix = full.key_prefix.get(ns, "")
    work = full.works[work_id]
    section_keys = {s.id for s in work.sections}  # already keys: the loader rewrote them

    def local(key: str) -> str:
        if prefix and key.startswith(prefix + QUALIFIER):
            return key[len(prefix) + 1:]
        return key

    def own(key: str) -> bool:
        return full.namespace_of.get(key, SHARED) == ns and ns != SHARED

    own_ids = {local(k) for k in full.namespace_of if own(k)}

    def shared(key: str) -> bool:
        return full.namespace_of.get(key, SHARED) == SHARED and key not in own_ids

    def rename(key: str) -> str:
        return local(key) if own(key) else key

    claims = {k: c for k, c in full.claims.items() if c.locator.section in section_keys}
    # Evidence the text does not locate belongs to the work whose claims it bears on.
    evidence = {k: e for k, e in full.evidence.items()
                if (e.locator.section in section_keys if e.locator is not None
                    else any(t in claims for t in (*e.supports, *e.attacks, *e.qualifies,
                                                   *e.contradicts)))}
    footnotes = {k: n for k, n in full.footnotes.items() if n.work == work_id}
    debates = set(work.debates)
    schools = {k: s for k, s in full.schools.items()
               if own(k) or (shared(k) and ((s.debate in debates) if debates else s.debate is None))}
    keep: dict[str, set[str]] = {"claims": set(claims), "evidence": set(evidence),
                                 "footnotes": set(footnotes), "schools": set(schools)}
    for name in ("sources", "people", "events", "debates"):
        keep[name] = {k for k in getattr(full, name) if own(k) or shared(k)}
    keep["debates"] |= debates
    # What the kept records name in other works comes along, qualified.
    pending = [(name, getattr(full, name)[k]) for name, ks in keep.items() for k in ks]
    pending += [("works", work)]
    seen: set[str] = set()
    while pending:
        name, record = pending.pop()

        def note(kinds: Kinds, value: str) -> str:
            for kind in kinds:
                if kind in ("claims", "evidence", "footnotes", "sections", "schools"):
                    continue
                pool = getattr(full, kind)
                if value in pool and value not in keep[kind] and value not in seen:
                    seen.add(value)
                    keep[kind].add(value)
                    pending.append((kind, pool[value]))
            return value

        rewrite_refs(name, record.model_copy(deep=True), note)

    out = Corpus()
    out.files = list(full.files)
    out.namespace_of = {rename(k): SHARED for k in full.namespace_of}
    out.debates = {rename(k): _renamed("debates", full.debates[k], rename)
                   for k in full.debates if k in keep["debates"]}
    out.works = {work_id: _renamed("works", work, rename)}
    for section in out.works[work_id].sections:
        out.sections[section.id] = (out.works[work_id], section)
    for name in ("claims", "evidence", "footnotes", "sources", "people", "events", "schools"):
        pool = getattr(full, name)
        setattr(out, name, {rename(k): _renamed(name, pool[k], rename)
                            for k in pool if k in keep[name]})
    nodes = set(claims) | set(evidence)
    out.stances = [_renamed("stances", s, rename) for s in full.stances
                   if s.school in schools and s.claim in nodes]
    out.relations = [r.model_copy(update={"source": rename(r.source), "target": rename(r.target),
                                          "via": rename(r.via) if r.via else None})
                     for r in full.relations if r.source in nodes and r.target in nodes
                     and (r.via is None or r.via in nodes)]
    out.origins = {rename(k): o for k, o in full.origins.items()}
    for stance in full.stances:  # stance origins are keyed school:claim, after renaming
        origin = full.origins.get(f"{stance.school}:{stance.claim}")
        if origin is not None:
            out.origins[f"{rename(stance.school)}:{rename(stance.claim)}"] = origin
    out.work_namespace = {work_id: SHARED}
    return out


def _renamed(collection: str, record: Any, rename: Callable[[str], str]) -> Any:
    copy = record.model_copy(deep=True)
    if hasattr(copy, "id") and collection != "works":
        copy.id = rename(copy.id)
    if collection == "works":
        for section in copy.sections:
            section.id = rename(section.id)
    rewrite_refs(collection, copy, lambda kinds, value: rename(value))
    return copy


def scan_ids(text: str) -> list[str]:
    """The ids a file that could not be parsed would have defined, read from its raw
    text ('id: x' wherever it stands), so references to them can be put down to it."""
    import re

    return re.findall(r"(?:^|[\s{,-])id:\s*[\"']?([a-z0-9][a-z0-9-]*)", text, flags=re.M)


def holds_work(text: str) -> bool:
    import re

    return re.search(r"^works\s*:", text, flags=re.M) is not None

