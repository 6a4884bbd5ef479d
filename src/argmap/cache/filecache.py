"""A per-file cache of parsed and validated records, kept outside the map.

Parsing YAML is nearly all of what a command costs on a large corpus, and
almost every file is unchanged between two commands. So each file that parsed
and validated with no problem is stored here as its validated records; the
next run reuses them when the file is byte-for-byte the same. What crosses
files (duplicate ids, references, titles) is never cached per file: the loader
checks it again whenever any file changed.

One more entry per corpus folder holds the whole resolved corpus, keyed by the
folder and the keys of *every* file in it (see CorpusKey): when not one file was
added, removed or changed, the checks across files would find exactly what they
found last time, which was nothing (only a load with no problem is stored), so
the resolved corpus is reused as it is. Any change misses it, and the load runs
per file as above, with every check across files.

A hit needs the same path, size, mtime (ns) *and* SHA-256 of the content, the
same argmap version and the same schema fingerprint (the source of every module
of the package). A file with any problem is never stored, so
its problems are found again on every run. An entry that cannot be read
(truncated, garbage, an older format) is a miss, never an error; entries are
written to a temporary file and renamed, so readers see all or nothing.

Results computed from a resolved corpus (each school's strengths, the search
index) are stored beside it under the same key and the corpus's work, when
the corpus came whole from a load with no problem (see `derived`): on an
unchanged corpus another command reads them instead of computing them again,
and any change to any file, or to argmap, misses them.

Where: $ARGMAP_CACHE_DIR, else $XDG_CACHE_HOME/argmap, else ~/.cache/argmap.
ARGMAP_NO_CACHE=1 turns it off. The folder is safe to delete at any time.
Entries are pickles, so the folder must be private: a folder that another user
owns or can write to is not used (a pickle from a stranger could run code).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import argmap

FORMAT = 1
"""Bumped when the layout of an entry changes."""

T = TypeVar("T")

Record = tuple[str, int, Any]
"""(collection, index in the file's list, validated pydantic record)."""


@dataclass(frozen=True)
class FileKey:
    """Everything a cached file's records depend on."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    version: str
    schema: str


@dataclass(frozen=True)
class CorpusKey:
    """Everything a resolved corpus depends on: its folder and every file's key,
    in the order the loader reads them."""

    folder: str
    files: tuple[FileKey, ...]


@dataclass(frozen=True)
class DerivedKey:
    """What results computed from a resolved corpus are stored under: the corpus's
    key, and the work when the corpus is one work's view of it."""

    corpus: CorpusKey
    work: str | None = None

    def for_work(self, work: str) -> DerivedKey:
        return DerivedKey(self.corpus, work)


def derived(key: DerivedKey | None, name: str, kind: type[T], compute: Callable[[], T]) -> T:
    """``compute()``, stored under the corpus's key and ``name`` so that the next run on
    the same unchanged corpus reads it instead (computed every time when ``key`` is
    None or caching is off). ``name`` must say everything else the result depends
    on (a school, a semantics); the code is part of the key already."""
    cache = FileCache.open() if key is not None else None
    if cache is None or key is None:
        return compute()
    found = cache.get_derived(key, name, kind)
    if found is not None:
        return found
    value = compute()
    cache.put_derived(key, name, value)
    return value


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("ARGMAP_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("ARGMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "argmap"


_schema: str | None = None


def schema_fingerprint() -> str:
    """A hash of the code that turns a file into records, plus the versions of
    Python and pydantic (pickled models depend on both): a changed model
    invalidates the cache even when the version number stays the same."""
    global _schema
    if _schema is None:
        digest = hashlib.sha256()
        here = Path(argmap.__file__).parent
        # Every module of the package and its subpackages, not only the model and
        # the loader: validators may call helpers anywhere (the citation and drawing
        # modules live in subpackages), and reading them all costs a few milliseconds.
        names = sorted(p.relative_to(here).as_posix() for p in here.rglob("*.py"))
        for name in names:
            digest.update(name.encode())
            with contextlib.suppress(OSError):
                digest.update((here / name).read_bytes())
        import pydantic

        digest.update(f"{sys.version}|{pydantic.VERSION}|{FORMAT}".encode())
        _schema = digest.hexdigest()
    return _schema


def _private(folder: Path) -> bool:
    """True when only the current user can write to the folder."""
    if not hasattr(os, "getuid"):  # pragma: no cover - not POSIX
        return True
    try:
        info = os.stat(folder, follow_symlinks=False)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


class FileCache:
    """Validated records of unchanged files, one entry per file path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"files-v{FORMAT}"
        self.corpora = folder / f"corpora-v{FORMAT}"
        self.derived = folder / f"derived-v{FORMAT}"
        self.hits = 0
        self.misses = 0
        self._usable: bool | None = None

    @classmethod
    def open(cls) -> FileCache | None:
        folder = cache_dir()
        return None if folder is None else cls(folder)

    def usable(self) -> bool:
        if self._usable is None:
            try:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                self.corpora.mkdir(mode=0o700, exist_ok=True)
                self.derived.mkdir(mode=0o700, exist_ok=True)
            except OSError:
                self._usable = False
                return False
            self._usable = all(_private(f) for f in (self.folder, self.corpora, self.derived,
                                                     self.folder.parent))
        return self._usable

    def key(self, path: Path, info: os.stat_result, raw: bytes) -> FileKey:
        return FileKey(str(path.absolute()), info.st_size, info.st_mtime_ns,
                       hashlib.sha256(raw).hexdigest(), argmap.__version__, schema_fingerprint())

    def _entry(self, key: FileKey) -> Path:
        return self.folder / (hashlib.sha256(key.path.encode()).hexdigest()[:40] + ".pickle")

    def _corpus_entry(self, key: CorpusKey) -> Path:
        return self.corpora / (hashlib.sha256(key.folder.encode()).hexdigest()[:40] + ".pickle")

    def get(self, key: FileKey) -> list[Record] | None:
        """The records stored for exactly this key, or None (a miss)."""
        records = self._read(self._entry(key), key)
        if not isinstance(records, list):
            self.misses += 1
            return None
        self.hits += 1
        return records

    def put(self, key: FileKey, records: Iterable[Record]) -> None:
        """Store a file's records; a cache that cannot be written is skipped."""
        self._write(self.folder, self._entry(key), key, list(records))

    def get_corpus(self, key: CorpusKey, kind: type[T]) -> T | None:
        """The resolved corpus stored for exactly this folder and these files, or None."""
        found = self._read(self._corpus_entry(key), key)
        return found if isinstance(found, kind) else None

    def put_corpus(self, key: CorpusKey, corpus: Any) -> None:
        """Store a corpus that loaded with no problem at all."""
        self._write(self.corpora, self._corpus_entry(key), key, corpus)

    def _derived_entry(self, key: DerivedKey, name: str) -> Path:
        """One entry per folder, work and name, replaced when the corpus changes (so
        the folder does not grow with every edit)."""
        slot = f"{key.corpus.folder}\0{key.work or ''}\0{name}"
        return self.derived / (hashlib.sha256(slot.encode()).hexdigest()[:40] + ".pickle")

    def get_derived(self, key: DerivedKey, name: str, kind: type[T]) -> T | None:
        """The result stored for exactly this corpus, work and name, or None."""
        found = self._read(self._derived_entry(key, name), (key, name))
        return found if isinstance(found, kind) else None

    def put_derived(self, key: DerivedKey, name: str, value: Any) -> None:
        self._write(self.derived, self._derived_entry(key, name), (key, name), value)

    def _read(self, entry: Path, key: Any) -> Any | None:
        """The value stored in `entry` under exactly `key`; None for any other key or
        an entry that cannot be read (truncated, garbage, an older format)."""
        if not self.usable():
            return None
        try:
            with open(entry, "rb") as handle:
                if pickle.load(handle) != key:
                    return None
                return pickle.load(handle)
        except Exception:  # any unreadable entry is a miss, never an error
            return None

    def _write(self, folder: Path, target: Path, key: Any, value: Any) -> None:
        """Write key and value to a temporary file, then rename it over `target`."""
        if not self.usable():
            return
        import tempfile  # only when writing: a warm load never does

        try:
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, target)
        except Exception:  # a full disk or an unpicklable value: no entry
            with contextlib.suppress(OSError):
                os.unlink(temp)
