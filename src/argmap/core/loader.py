"""From a folder of YAML files to one resolved Corpus, or every problem at once.

Stages: find files -> parse each (yamlfile) -> validate each record on its own
(so one bad record does not hide the others) -> check ids and references
across the corpus -> locate every problem in its file. Positions are resolved
only at the end, and only for files that have problems.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from argmap.cache.filecache import CorpusKey, DerivedKey, FileCache, FileKey, Record
from argmap.core.corpus import Corpus, Origin
from argmap.core.errors import MapError, Problem, UsageError
from argmap.core.gcpause import gc_paused
from argmap.core.model import (
    ARCHIVAL_MODELS,
    COLLECTIONS,
    TEXTS_CHECKED,
    Arguing,
    Claim,
    Evidence,
    Locator,
    MapFile,
    Relation,
    Stance,
    Work,
)
from argmap.core.namespaces import SHARED, Namespaces, holds_work, namespace_folder, rewrite_refs, scan_ids
from argmap.core.readfile import read_bounded as read_bytes

if TYPE_CHECKING:
    from argmap.core.yamlfile import ParsedFile

DEFAULT_CORPUS = "arguments"
MAX_PROBLEMS_PER_FILE = 100
MODELS: dict[str, type[BaseModel]] = {
    name: get_args(info.annotation)[0] for name, info in MapFile.model_fields.items()
}
SINGULAR = {
    "works": "work", "claims": "claim", "evidence": "evidence", "footnotes": "footnote",
    "sources": "source", "people": "person", "events": "event", "schools": "school",
    "stances": "stance", "debates": "debate", "sections": "section",
}
_ADAPTERS: dict[str, TypeAdapter[list[BaseModel]]] = {}
"""Built on first use: a warm load (every file from the cache) never validates,
and the models defer building their validators too, so start-up skips both."""


def parse_yaml(path: Path, display: str, raw: bytes, problem: Problem | None = None) -> ParsedFile:
    """argmap.core.yamlfile.parse_yaml, imported when a file is actually parsed: a load
    served from the cache never imports PyYAML."""
    from argmap.core.yamlfile import parse_yaml as parse

    return parse(path, display, raw, problem)


def locate(path: Path, loc: tuple[str | int, ...], **kwargs: Any) -> tuple[int, int]:
    """argmap.core.yamlfile.locate, imported only when there is a problem to place."""
    from argmap.core.yamlfile import locate as find

    return find(path, loc, **kwargs)


def _close_matches(word: str, options: Iterable[str], **kwargs: Any) -> list[str]:
    """difflib's suggestions, imported only when there is a problem to suggest for."""
    import difflib

    return difflib.get_close_matches(word, list(options), **kwargs)


def _adapter(name: str) -> TypeAdapter[list[BaseModel]]:
    if name not in _ADAPTERS:
        model = MODELS[name]
        _ADAPTERS[name] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[name]


DATE_FORMS = ("write a year (1945), a year and month (1945-08) or a full date (1945-08-06): "
              "four-digit year, two-digit month and day, joined by hyphens; a year before "
              "the common era starts with a minus sign")


@dataclass(frozen=True)
class Pending:
    """A problem whose position is still a path of keys in a file."""

    origin: Origin
    loc: tuple[str | int, ...]
    message: str
    hint: str = ""
    at_key: bool = False


def corpus_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The corpus folder: the argument, else $ARGMAP_CORPUS, else ./arguments."""
    chosen = explicit or os.environ.get("ARGMAP_CORPUS") or DEFAULT_CORPUS
    return Path(chosen)


def find_files(root: Path, staged: Iterable[Path] = ()) -> tuple[list[Path], list[Problem]]:
    """Every YAML file under root, refusing symlinks that lead out of it; hidden
    folders are skipped, except the `staged` ones (a new work being written)."""
    try:
        if not root.exists():
            raise UsageError(f"corpus folder not found: {root}")
        if not root.is_dir():
            return [root], []  # a single file; read_yaml refuses anything but a regular one
        base = root.resolve()
    except (OSError, RuntimeError) as exc:
        raise UsageError(f"cannot open corpus folder {root}: {getattr(exc, 'strerror', None) or exc}") \
            from exc
    files: list[Path] = []
    problems: list[Problem] = []
    keep = {p.name for p in staged}

    def unreadable(error: OSError) -> None:
        # A folder that cannot be listed may hide broken files: say so, never skip it silently.
        problems.append(Problem(
            str(error.filename or root), 1, 1,
            f"cannot read folder: {error.strerror or error}",
            "give the folder read and search permission, or move it out of the map",
        ))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        # Hidden folders and files are not the map's: `.git`, an editor's backup, or
        # the temporary folder of an `argmap import` or `argmap new` that was stopped
        # before it could rename it into place.
        top = dirpath == os.fspath(root)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") or (top and d in keep))
        for name in sorted(filenames):
            if not name.endswith((".yaml", ".yml")) or name.startswith("."):
                continue
            path = Path(dirpath) / name
            try:
                inside = path.resolve(strict=False).is_relative_to(base)
            except (OSError, RuntimeError):  # a symlink loop: Python 3.11/3.12 raise RuntimeError
                problems.append(Problem(str(path), 1, 1, "symlink loop; refused",
                                        "point the link at a real file, or remove it"))
                continue
            if not inside:
                problems.append(Problem(
                    str(path), 1, 1, "symlink leads outside the corpus folder; refused",
                    "copy the file into the corpus instead of linking to it",
                ))
                continue
            files.append(path)
    return files, problems


def load_corpus(root: str | os.PathLike[str] | None = None, *,
                staged: Iterable[Path] = ()) -> Corpus:
    """Load and resolve a corpus; raise MapError listing every problem.

    A file or folder that cannot be read comes first, once; references to the
    ids it would have defined are counted under it instead of each being
    reported as unknown (so one syntax error does not bury itself under hundreds
    of follow-on problems).
    """
    # A load allocates about a million objects, none in a cycle; the cyclic
    # collector would walk them all again and again (half the time of a warm load).
    with gc_paused():
        return _load_corpus(root, tuple(staged))


@dataclass
class _FileLoad:
    """One file's outcome: its valid records (None when it could not be parsed),
    whether it holds a work record, and the parse itself when it failed."""

    path: Path
    display: str
    records: list[Record] | None
    holds_work: bool
    failed: ParsedFile | None = None


def _load_corpus(root: str | os.PathLike[str] | None, staged: tuple[Path, ...] = ()) -> Corpus:
    folder = corpus_path(root)
    paths, problems = find_files(folder, staged)
    causes = list(problems)
    cache = FileCache.open()
    reads = [_read(path, cache) for path in paths]
    # A staged check (a new work, hidden until renamed) is a passing state: not kept whole.
    whole = (_corpus_key(folder, reads) if cache is not None and not problems and not staged
             else None)
    if whole is not None and cache is not None:
        cached = cache.get_corpus(whole, Corpus)
        if cached is not None:
            cached.derived_key = DerivedKey(whole)
            return cached
    builder = _Builder()
    loads: list[_FileLoad] = []
    for read in reads:
        load, found = _load_file(builder, read, cache)
        problems.extend(found)
        if load.records is None:
            causes.extend(found)
        loads.append(load)
    # Namespaces are known only once every file is read: a top-level folder holding
    # a work record is a work; everything else is the shared library.
    work_folders = _work_folders(folder, loads)
    for load in loads:
        if load.failed is not None:
            builder.note_unreadable(load.failed)
    for load in loads:
        if load.records is not None:
            top = namespace_folder(folder, load.path)
            builder.register_records(load.path, load.display, load.records,
                                     top if top in work_folders else SHARED)
    corpus = builder.finish()
    corpus.files = [str(p) for p in paths]
    problems.extend(_resolve_positions(builder.pending, builder.positions))
    problems.extend(builder.grouped)
    if problems:
        first = sorted(set(causes)) + builder.grouped
        rest = [p for p in problems if p not in set(first)]
        raise MapError(first + cap_per_file(rest), ordered=True)
    if whole is not None and cache is not None:
        cache.put_corpus(whole, corpus)
        corpus.derived_key = DerivedKey(whole)
    return corpus


@dataclass
class _Read:
    """A file's bytes as read once (hashed for the caches, then parsed if need be)."""

    path: Path
    raw: bytes
    problem: Problem | None
    key: FileKey | None


def _read(path: Path, cache: FileCache | None) -> _Read:
    raw, problem = read_bytes(path, str(path))
    key = None
    if cache is not None and problem is None:
        try:
            key = cache.key(path, os.stat(path), raw)
        except OSError:
            key = None
    return _Read(path, raw, problem, key)


def _corpus_key(folder: Path, reads: list[_Read]) -> CorpusKey | None:
    """The key of the whole resolved corpus: None unless every file could be read
    and keyed (a corpus with an unreadable file is never taken from the cache)."""
    keys = [r.key for r in reads]
    if any(k is None for k in keys):
        return None
    return CorpusKey(str(folder.absolute()), tuple(k for k in keys if k is not None))


def _load_file(builder: _Builder, read: _Read,
               cache: FileCache | None) -> tuple[_FileLoad, list[Problem]]:
    """One file's records, from the load cache when the file is byte-for-byte
    unchanged, else parsed and validated (and cached if it had no problem).

    This per-file stage is cached; registering the records (ids, namespaces)
    and the checks across files run on every load that is not of a corpus
    unchanged in every file, so the cache cannot hide a duplicate id or a
    dangling reference.
    """
    path, raw, problem, key = read.path, read.raw, read.problem, read.key
    display = str(path)
    if cache is not None and key is not None:
        cached = cache.get(key)
        if cached is not None:
            works = any(name == "works" for name, _, _ in cached)
            return _FileLoad(path, display, cached, works), []
    item = parse_yaml(path, display, raw, problem)
    # The composed tree, so a problem is located without composing the file again.
    builder.positions[item.path] = item.root
    item.root = None
    if item.data is None:
        return _FileLoad(path, display, None, False, failed=item), item.problems
    before = len(builder.pending)
    records = builder.validate_file(item)
    # Pickled now, before registration rewrites references in place.
    if key is not None and cache is not None and not item.problems \
            and len(builder.pending) == before:
        cache.put(key, records)
    return _FileLoad(path, display, records, bool(item.data.get("works"))), item.problems


def _work_folders(root: Path, loads: list[_FileLoad]) -> set[str]:
    """Top-level folders that hold a work record (read, or seen in a file that could
    not be parsed): each is a namespace; every other file is the shared library."""
    found: set[str] = set()
    for load in loads:
        top = namespace_folder(root, load.path)
        if top is None:
            continue
        if load.holds_work or (load.records is None and holds_work(_raw_text(load.path))):
            found.add(top)
    return found


def _raw_text(path: Path) -> str:
    """The text of a file that could not be parsed, for a look at the ids it holds;
    only a regular file is opened (a FIFO would block)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return ""
        with path.open("rb") as handle:
            return handle.read(4 * 1024 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return ""


def cap_per_file(problems: list[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """At most `limit` problems of each file, then one line saying how many more.

    One broken record repeated by 100,000 aliases would otherwise print 600,000
    lines; the first ones are what a user fixes first anyway.
    """
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(set(problems)):  # aliases repeat a record's problems verbatim
        by_file.setdefault(problem.file, []).append(problem)
    kept: list[Problem] = []
    for file, found in by_file.items():
        kept.extend(found[:limit])
        if len(found) > limit:
            first = found[limit]
            kept.append(Problem(file, first.line, first.column,
                                f"... and {len(found) - limit} more problem(s) in this file",
                                "fix the ones above first"))
    return kept


class _Builder:
    """Collects valid records and pending problems across files."""

    def __init__(self) -> None:
        self.corpus = Corpus()
        self.pending: list[Pending] = []
        self.broken_ids: set[str] = set()
        self.first_seen: dict[tuple[str, str], Origin] = {}
        self.work_seen: dict[str, Origin] = {}
        self.entries: list[tuple[str, str, BaseModel, Origin]] = []
        self.spaces = Namespaces()
        self.ns = SHARED
        # Ids that files which could not be read would have defined, and those files.
        self.lost: dict[str, str] = {}
        self.unscannable: list[Problem] = []
        self.failed: dict[str, Problem] = {}
        self.grouped: list[Problem] = []
        # Composed files, kept only while problems are being located in them.
        self.positions: dict[Path, Any] = {}

    def note_unreadable(self, parsed: ParsedFile) -> None:
        """Remember what a file that could not be parsed would have defined."""
        if not parsed.problems:
            return
        cause = parsed.problems[0]
        self.failed[parsed.display] = cause
        text = _raw_text(parsed.path)
        for record_id in scan_ids(text):
            self.lost.setdefault(record_id, parsed.display)
        if not text.strip():  # unreadable: any unknown id may have been defined there
            self.unscannable.append(cause)

    def add_file(self, parsed: ParsedFile, ns: str = SHARED) -> None:
        self.register_records(parsed.path, parsed.display, self.validate_file(parsed), ns)

    def register_records(self, path: Path, display: str, records: list[Record],
                         ns: str = SHARED) -> None:
        """Key a file's valid records in namespace ns (validated now or from the cache)."""
        self.ns = ns
        for name, index, record in records:
            self._register(name, record, Origin(path, display, (name, index)))

    def validate_file(self, parsed: ParsedFile) -> list[Record]:
        """The file's valid records; its problems go to `pending`."""
        data = parsed.data or {}
        records: list[Record] = []
        file_origin = Origin(parsed.path, parsed.display, ())
        for key in data:
            if key not in COLLECTIONS:
                close = _close_matches(str(key), COLLECTIONS, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(COLLECTIONS)
                self.pending.append(
                    Pending(file_origin, (key,), f"unknown collection '{key}'", hint, at_key=True)
                )
        for name in COLLECTIONS:
            if name in data:
                records.extend(self._add_collection(parsed, name, data[name]))
        return records

    def _add_collection(self, parsed: ParsedFile, name: str, items: Any) -> list[Record]:
        origin = Origin(parsed.path, parsed.display, ())
        if items is None:
            return []
        if not isinstance(items, list):
            self.pending.append(Pending(
                origin, (name,), f"'{name}' must be a list of records",
                f"write each {SINGULAR[name]} as an item starting with '- '",
            ))
            return []
        try:
            records: list[BaseModel] = _adapter(name).validate_python(
                items, context=TEXTS_CHECKED if parsed.texts_checked else None)
            valid = list(enumerate(records))
        except ValidationError:
            valid = list(self._validate_each(parsed, name, items))
        return [(name, index, record) for index, record in valid]

    def _validate_each(
        self, parsed: ParsedFile, name: str, items: list[Any]
    ) -> Iterator[tuple[int, BaseModel]]:
        model = MODELS[name]
        for index, item in enumerate(items):
            origin = Origin(parsed.path, parsed.display, (name, index))
            try:
                yield index, model.model_validate(item)
            except ValidationError as exc:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.broken_ids.add(item["id"])
                for error in exc.errors():
                    self.pending.append(_pending_from_error(origin, model, item, error))

    def _register(self, name: str, record: BaseModel, origin: Origin) -> None:
        """Keep a valid record for `finish`, which keys it once every id is known."""
        ns = self.ns
        if isinstance(record, Stance):
            self.entries.append((ns, name, record, origin))
            return
        record_id: str = record.id  # type: ignore[attr-defined]
        if not self._claim_id(ns, record_id, name, origin, ("id",)):
            return
        if isinstance(record, Work):
            first = self.work_seen.get(record.id)
            if first is not None:
                self.pending.append(Pending(
                    origin, (*origin.loc, "id"),
                    f"duplicate work id '{record.id}'; first defined at "
                    f"{_describe(first, self.positions)}",
                    "a work's id names it across the whole corpus: give each work its own",
                ))
                self.pending.append(Pending(
                    first, (*first.loc, "id"),
                    f"work id '{record.id}' is defined again at {_describe(origin, self.positions)}",
                    "rename one of the two works",
                ))
                return
            self.work_seen[record.id] = origin
            self.spaces.works[record.id] = ns
            for index, section in enumerate(record.sections):
                section_origin = Origin(origin.path, origin.display, (*origin.loc, "sections", index))
                if self._claim_id(ns, section.id, "sections", section_origin, ("id",)):
                    self.spaces.define(ns, section.id, "sections")
        self.spaces.define(ns, record_id, name)
        self.entries.append((ns, name, record, origin))

    def _claim_id(self, ns: str, record_id: str, kind: str, origin: Origin,
                  loc: tuple[str, ...]) -> bool:
        first = self.first_seen.get((ns, record_id))
        if first is not None:
            where = _describe(first, self.positions)
            self.pending.append(Pending(
                origin, (*origin.loc, *loc),
                f"duplicate id '{record_id}' ({kind}); first defined at {where}",
                "ids must be unique across the whole corpus, whatever their kind" if ns == SHARED
                else "ids must be unique within a work's folder, whatever their kind",
            ))
            self.pending.append(Pending(
                first, (*first.loc, "id"),
                f"id '{record_id}' is defined again at {_describe(origin, self.positions)}",
                "rename one of the two",
            ))
            return False
        self.first_seen[(ns, record_id)] = origin
        return True

    def finish(self) -> Corpus:
        """Key every record (argmap.core.namespaces), rewrite its references to keys, then
        check them all."""
        spaces, corpus = self.spaces, self.corpus
        spaces.settle()
        corpus.work_namespace = dict(spaces.works)
        corpus.key_prefix = {ns: (spaces.folders.get(ns, ns) if spaces.qualify and ns else "")
                             for ns in spaces.defined}
        notes: dict[tuple[str, str], str] = {}
        owners: dict[str, str] = {}
        for ns, name, record, origin in self.entries:
            if not isinstance(record, Stance):
                if isinstance(record, Work):
                    for section in record.sections:
                        section.id = spaces.key(ns, section.id)
                        if section.id not in corpus.sections:
                            corpus.sections[section.id] = (record, section)
                            corpus.origins[section.id] = Origin(
                                origin.path, origin.display,
                                (*origin.loc, "sections", record.sections.index(section)))
                            corpus.namespace_of[section.id] = ns
                    key = record.id
                else:
                    key = spaces.key(ns, record.id)  # type: ignore[attr-defined]
                    if key != record.id:  # type: ignore[attr-defined]
                        record.id = key  # type: ignore[attr-defined]  # pydantic's setattr is slow
                getattr(corpus, name)[key] = record
                corpus.origins[key] = origin
                corpus.namespace_of[key] = ns
                owners[key] = ns

        # A map names the same few sections, sources and claims thousands of times:
        # each reference is resolved once per namespace.
        resolved: dict[tuple[str, str], str] = {}
        for ns, name, record, origin in self.entries:
            def resolve(kinds: tuple[str, ...], value: str, ns: str = ns) -> str:
                hit = resolved.get((ns, value))
                if hit is not None:
                    return hit
                key, why = spaces.resolve(ns, value)
                if key is None:
                    if why:
                        notes[(ns, value)] = why
                    key = value
                resolved[ns, value] = key
                return key

            rewrite_refs(name, record, resolve)
            if isinstance(record, Stance):
                corpus.stances.append(record)
                owner = f"{record.school}:{record.claim}"
                corpus.origins[owner] = origin
                owners[owner] = ns
        refs = _References(corpus, self.pending, self.broken_ids, self.positions)
        refs.notes, refs.owners, refs.lost, refs.unscannable = notes, owners, self.lost, self.unscannable
        refs.check()
        self.grouped = refs.grouped_problems(self.failed)
        return corpus


def _describe(origin: Origin, positions: dict[Path, Any]) -> str:
    line, col = locate(origin.path, (*origin.loc, "id"), cache=positions)
    return f"{origin.display}:{line}:{col}"


class _References:
    """Checks every id a record mentions, and builds the relation list."""

    def __init__(self, corpus: Corpus, pending: list[Pending], broken: set[str],
                 positions: dict[Path, Any]) -> None:
        self.positions = positions
        self.c = corpus
        self.pending = pending
        self.broken = broken
        # Set by the builder: hints from resolution, the namespace of each owner, and
        # the ids that files which could not be read would have defined.
        self.notes: dict[tuple[str, str], str] = {}
        self.owners: dict[str, str] = {}
        self.lost: dict[str, str] = {}
        self.unscannable: list[Problem] = []
        self.counted: dict[str, list[str]] = {}
        self.kind_of: dict[str, str] = {}
        for name in ("claims", "evidence", "footnotes", "sources", "people", "events",
                     "schools", "debates", "works", "sections"):
            for key in getattr(corpus, name):
                self.kind_of.setdefault(key, SINGULAR[name])

    def check(self) -> None:
        c = self.c
        for work in c.works.values():
            self._refs(work.id, ("further_reading",), work.further_reading, c.sources, "source")
            self._refs(work.id, ("debates",), work.debates, c.debates, "debate")
        voices = {**c.people, **c.schools}
        for claim in c.claims.values():
            self._locator(claim.id, ("locator",), claim.locator)
            self._refs(claim.id, ("people",), claim.people, c.people, "person")
            self._refs(claim.id, ("events",), claim.events, c.events, "event")
            self._refs(claim.id, ("footnotes",), claim.footnotes, c.footnotes, "footnote")
            if claim.asserted_by != "author":
                self._refs(claim.id, ("asserted_by",), [claim.asserted_by], voices,
                           "person, group or school", scalar=True)
        for ev in c.evidence.values():
            if ev.locator is not None:
                self._locator(ev.id, ("locator",), ev.locator)
            if ev.source is not None:
                self._refs(ev.id, ("source",), [ev.source], c.sources, "source", scalar=True)
            self._refs(ev.id, ("people",), ev.people, c.people, "person")
            self._refs(ev.id, ("events",), ev.events, c.events, "event")
            self._refs(ev.id, ("footnotes",), ev.footnotes, c.footnotes, "footnote")
        for node_id, node in [*c.claims.items(), *c.evidence.items()]:
            self._relations(node_id, node)
        self._undercuts()
        self._footnotes()
        for event in c.events.values():
            self._refs(event.id, ("people",), event.people, c.people, "person")
        for school in c.schools.values():
            if school.debate is not None:
                self._refs(school.id, ("debate",), [school.debate], c.debates, "debate", scalar=True)
            self._refs(school.id, ("proponents",), school.proponents, c.people, "person")
            self._refs(school.id, ("key_works",), school.key_works, c.sources, "source")
            self._refs(school.id, ("core_theses",), school.core_theses, c.claims, "claim")
            for index, trust in enumerate(school.evidence_trust):
                if trust.source is not None:
                    self._refs(school.id, ("evidence_trust", index, "source"), [trust.source],
                               c.sources, "source", scalar=True)
        for person in c.people.values():
            self._refs(person.id, ("works",), person.works, c.sources, "source")
        for node_id, node in [*c.claims.items(), *c.evidence.items()]:
            if node.editor_note is not None and node.editor_note.source is not None:
                self._refs(node_id, ("editor_note", "source"), [node.editor_note.source],
                           c.sources, "source", scalar=True)
        self._titles()
        self._section_titles()
        self._stances()

    def _titles(self) -> None:
        """Titles name nodes on a map, so two nodes of one section may not share one."""
        c = self.c
        seen: dict[tuple[str, str], str] = {}
        nodes: list[tuple[str, Claim | Evidence]] = [*c.claims.items(), *c.evidence.items()]
        for node_id, node in nodes:
            if node.title is None or node.locator is None:
                continue
            key = (node.locator.section, node.title.casefold())
            if key in seen:
                self._problem(node_id, ("title",),
                              f"title '{node.title}' is already used by '{seen[key]}' in section "
                              f"'{node.locator.section}'",
                              "titles name nodes on the map; make this one say what is different")
            else:
                seen[key] = node_id

    def _section_titles(self) -> None:
        """A section is found by its title in the app and in links, so two sections of
        one work may not share one (a click in one would open the other)."""
        for work in self.c.works.values():
            seen: dict[str, str] = {}
            for index, section in enumerate(work.sections):
                key = " ".join(section.title.split()).casefold()
                if key in seen:
                    self._problem(work.id, ("sections", index, "title"),
                                  f"section title '{section.title}' is already used by section "
                                  f"'{seen[key]}'", "give each section of a work its own title")
                else:
                    seen[key] = section.id

    def _proponents(self, stance: Stance, owner: str) -> None:
        """A stance's historians must exist and belong to its school."""
        c = self.c
        school = c.schools.get(stance.school)
        members = set(school.proponents) if school is not None else set()
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("proponents", i), p) for i, p in enumerate(stance.proponents)
        ] + [(("dissent", i, "proponent"), d.proponent) for i, d in enumerate(stance.dissent)]
        for loc, person in named:
            if person not in c.people:
                self._refs(owner, loc, [person], c.people, "person", scalar=True)
            elif school is not None and person not in members:
                self._problem(owner, loc,
                              f"'{person}' is not a proponent of school '{stance.school}'",
                              f"add '{person}' to the proponents of '{stance.school}', "
                              "or name one of its historians")
        for i, d in enumerate(stance.dissent):
            if d.source is not None:
                self._refs(owner, ("dissent", i, "source"), [d.source], c.sources, "source",
                           scalar=True)

    def _problem(self, owner: str, loc: tuple[str | int, ...], message: str, hint: str) -> None:
        origin = self.c.origins[owner]
        self.pending.append(Pending(origin, (*origin.loc, *loc), message, hint))

    def _refs(
        self, owner: str, loc: tuple[str | int, ...], ids: Iterable[str],
        known: dict[str, Any], kind: str, *, scalar: bool = False,
    ) -> None:
        for index, ref in enumerate(ids):
            if ref in known or ref in self.broken:
                continue
            if self._lost(ref):
                continue
            where = loc if scalar else (*loc, index)
            message = f"unknown {kind} '{ref}'"
            note = self.notes.get((self.owners.get(owner, ""), ref))
            other = self.kind_of.get(ref)
            if note:
                hint = note
                if note.startswith("ambiguous"):
                    message = f"ambiguous {kind} '{ref}'"
            elif other is not None:
                message = f"'{_local(ref)}' is {_a(other)}, not {_a(kind)}"
                hint = f"this field names {_a(kind)}; check the id"
            else:
                close = _close_matches(ref, list(known), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"no {kind} has this id"
            self._problem(owner, where, message, hint)

    def _lost(self, ref: str) -> bool:
        """A reference to an id that a file which could not be read would have defined:
        counted under that file instead of reported as unknown."""
        local = _local(ref)
        file = self.lost.get(ref) or self.lost.get(local)
        if file is None and self.unscannable:
            file = self.unscannable[0].file
        if file is None:
            return False
        self.counted.setdefault(file, []).append(local)
        return True

    def grouped_problems(self, failed: dict[str, Problem]) -> list[Problem]:
        """One line per unreadable file: how many references named what it defines."""
        out = []
        for file, refs in self.counted.items():
            cause = failed.get(file)
            line, col = (cause.line, cause.column) if cause else (1, 1)
            distinct = list(dict.fromkeys(refs))
            sample = ", ".join(f"'{r}'" for r in distinct[:5]) + (", ..." if len(distinct) > 5 else "")
            out.append(Problem(
                file, line, col,
                f"{len(refs)} reference(s) to ids in {Path(file).name}, which could not be read "
                f"({sample}); they are not reported one by one",
                "fix the problem above first: these references will then resolve",
            ))
        return out

    def _locator(self, owner: str, loc: tuple[str | int, ...], locator: Locator) -> None:
        self._section_paragraph(owner, loc, locator.section, locator.paragraph)

    def _section_paragraph(
        self, owner: str, loc: tuple[str | int, ...], section_id: str, paragraph: int
    ) -> None:
        if section_id not in self.c.sections:
            self._refs(owner, (*loc, "section"), [section_id], self.c.sections, "section",
                       scalar=True)
            return
        _, section = self.c.sections[section_id]
        if paragraph > section.paragraphs:
            self._problem(
                owner, (*loc, "paragraph"),
                f"paragraph {paragraph} is past the end of section '{section_id}'",
                f"the section has {section.paragraphs} paragraphs",
            )

    def _relations(self, node_id: str, node: Arguing) -> None:
        for kind in ("supports", "attacks", "qualifies", "contradicts"):
            targets: list[str] = getattr(node, kind)
            self._refs(node_id, (kind,), targets, self.c.claims, "claim")
            for target in targets:
                if target == node_id:
                    self._problem(node_id, (kind,), f"'{node_id}' {kind} itself",
                                  "a relation needs two different claims")
                elif target in self.c.claims:
                    self.c.relations.append(Relation(kind=kind, source=node_id, target=target))

    def _undercuts(self) -> None:
        supports = {(r.source, r.target) for r in self.c.relations if r.kind == "supports"}
        for node_id, node in [*self.c.claims.items(), *self.c.evidence.items()]:
            for index, edge in enumerate(node.undercuts):
                if edge.source in self.broken or edge.target in self.broken or (
                        self.lost and (edge.source not in self.c.claims and
                                       edge.source not in self.c.evidence) and self._lost(edge.source)):
                    continue
                if (edge.source, edge.target) not in supports:
                    self._problem(
                        node_id, ("undercuts", index),
                        f"undercut names a support that does not exist: "
                        f"'{edge.source}' supports '{edge.target}'",
                        f"add '{edge.target}' to the supports of '{edge.source}', or fix the ids",
                    )
                    continue
                self.c.relations.append(Relation(
                    kind="undercuts", source=node_id, target=edge.target, via=edge.source
                ))

    def _footnotes(self) -> None:
        c = self.c
        numbers: dict[tuple[str, int], str] = {}
        for note in c.footnotes.values():
            self._refs(note.id, ("work",), [note.work], c.works, "work", scalar=True)
            self._section_paragraph(note.id, (), note.section, note.paragraph)
            if note.section in c.sections and c.sections[note.section][0].id != note.work:
                self._problem(note.id, ("section",),
                              f"section '{note.section}' is not in work '{note.work}'", "")
            for index, citation in enumerate(note.citations):
                self._refs(note.id, ("citations", index, "source"), [citation.source],
                           c.sources, "source", scalar=True)
            key = (note.work, note.number)
            if key in numbers:
                other = numbers[key]
                self._problem(
                    note.id, ("number",),
                    f"footnote number {note.number} is defined twice: '{other}' at "
                    f"{_describe(c.origins[other], self.positions)} and '{note.id}'",
                    "each note number appears once per work",
                )
            else:
                numbers[key] = note.id

    def _stances(self) -> None:
        c = self.c
        seen: set[tuple[str, str]] = set()
        nodes = {**c.claims, **c.evidence}  # once, not per stance: quadratic at 10k claims
        for stance in c.stances:
            owner = f"{stance.school}:{stance.claim}"
            self._refs(owner, ("school",), [stance.school], c.schools, "school", scalar=True)
            self._refs(owner, ("claim",), [stance.claim], nodes,
                       "claim or evidence", scalar=True)
            self._proponents(stance, owner)
            if stance.footnote is not None:
                self._refs(owner, ("footnote",), [stance.footnote], c.footnotes, "footnote",
                           scalar=True)
            if stance.source is not None:
                self._refs(owner, ("source",), [stance.source], c.sources, "source", scalar=True)
            if stance.locator is not None:
                self._locator(owner, ("locator",), stance.locator)
            key = (stance.school, stance.claim)
            if key in seen:
                self._problem(owner, ("claim",),
                              f"school '{stance.school}' has two stances on '{stance.claim}'",
                              "merge them into one stance")
            seen.add(key)


def _a(kind: str) -> str:
    """'a claim', 'an event', 'evidence' (a mass noun)."""
    if kind.startswith("evidence"):
        return kind
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _local(ref: str) -> str:
    """A key or qualified reference without its work prefix."""
    return ref.rpartition(":")[2]


def _pending_from_error(
    origin: Origin, model: type[BaseModel], item: Any, error: Any
) -> Pending:
    tagged: tuple[str | int, ...] = tuple(error["loc"])
    loc = _untagged(tagged)
    kind: str = error["type"]
    label = SINGULAR.get(str(origin.loc[0]), "record")
    record_id = item.get("id") if isinstance(item, dict) else None
    who = f"{label} '{record_id}'" if isinstance(record_id, str) else f"{label} #{origin.loc[1]}"
    where = ".".join(str(part) for part in loc)
    message = str(error["msg"]).removeprefix("Value error, ")
    hint = ""
    at_key = False
    full = (*origin.loc, *loc)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, tagged[:-1])
        close = _close_matches(str(loc[-1]), allowed, n=1)
        message = f"{who}: unknown field '{loc[-1]}'"
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        trap = _comma_trap(item, loc)
        if trap and not close:
            hint = trap
        at_key = True
    elif kind == "missing":
        message = f"{who}: missing field '{where}'"
        hint = f"add '{loc[-1]}:'"
    else:
        message = f"{who}: {where}: {message}" if where else f"{who}: {message}"
        if kind == "string_pattern_mismatch" and "a-z0-9" in str(error.get("ctx", {})):
            value = error.get("input")
            message = f"{who}: {where}: '{value}' is not an id" if where else f"{who}: not an id"
            hint = ("ids are lower-case slugs: letters, digits and hyphens, starting with a "
                    "letter or digit; another work's record is named work-id:record-id")
        elif kind == "string_pattern_mismatch":
            message = f"{who}: {where}: '{error.get('input')}' is not a date"
            hint = DATE_FORMS
        elif kind in ("model_type", "dict_type"):
            hint = "expected a mapping of field: value"
        elif kind == "list_type":
            hint = "expected a list, e.g. [a, b]"
        elif "control character or noncharacter" in message:
            hint = ("remove it, or the escape such as \\x1b or \\uFFFE that writes it; "
                    "only tabs and line breaks are allowed")
        elif "months run from" in message or "that month has" in message:
            hint = DATE_FORMS
    return Pending(origin, full, message, hint, at_key)


def _comma_trap(item: Any, loc: tuple[str | int, ...]) -> str:
    """The YAML comma trap: in a flow mapping `{place: College Park, MD}` the comma ends
    the value, so 'MD' becomes a key with no value. Say so in words."""
    parent: Any = item
    for step in loc[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return ""
    if not isinstance(parent, dict) or parent.get(loc[-1], "") is not None:
        return ""
    keys = list(parent)
    index = keys.index(loc[-1]) if loc[-1] in keys else 0
    if index == 0 or not isinstance(parent[keys[index - 1]], str):
        return ""
    before, value = keys[index - 1], parent[keys[index - 1]]
    return (f"a YAML comma trap: inside {{...}} a comma ends a value, so "
            f"'{before}: {value}, {loc[-1]}' was read as {before} '{value}' and a field "
            f"'{loc[-1]}'; put the value in quotes: {before}: \"{value}, {loc[-1]}\"")


def _untagged(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The YAML path of an error: without the tag pydantic puts after a tagged union
    (`archival.us.box` is `archival.box` in the file)."""
    return tuple(step for i, step in enumerate(loc)
                 if not (i and loc[i - 1] == "archival" and step in ARCHIVAL_MODELS))


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names (as written in YAML) of the sub-model at loc, for hints."""
    current: Any = model
    for i, step in enumerate(loc):
        if isinstance(step, int):
            continue
        if i and loc[i - 1] == "archival" and step in ARCHIVAL_MODELS:
            current = ARCHIVAL_MODELS[step]
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(str(step))
        if info is None:
            info = next((f for f in current.model_fields.values() if f.alias == step), None)
        if info is None:
            return []
        current = _unwrap(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is not None:
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            break
        annotation = args[0]
    return annotation


def _resolve_positions(pending: list[Pending], positions: dict[Path, Any]) -> list[Problem]:
    problems = []
    for item in pending:
        line, col = locate(item.origin.path, item.loc, at_key=item.at_key, cache=positions)
        problems.append(Problem(item.origin.display, line, col, item.message, item.hint))
    return problems
