"""Loading the corpus for the app: folder choice, change detection, caching.

The loaded corpus and its graph are cached with `st.cache_resource`, keyed on
the files' modification times, so an editor saving a YAML file sees the change
on the next rerun while every other rerun reuses the same objects.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from argmap.core.corpus import Corpus
from argmap.core.errors import MapError, Problem, UsageError
from argmap.core.gcpause import gc_paused
from argmap.core.loader import find_files, load_corpus
from argmap.drawing.dot import DotOptions, build_dot
from argmap.drawing.render import render
from argmap.graph import ArgumentGraph, build_graph
from argmap.views import Selection, select

if TYPE_CHECKING:
    from argmap.seminar.mapnodes import MapContribution

DEFAULT_FOLDER = "arguments"


def corpus_folder(app_dir: Path) -> Path:
    """$ARGMAP_CORPUS, else `arguments`, relative paths resolved from app.py's folder."""
    chosen = Path(os.environ.get("ARGMAP_CORPUS") or DEFAULT_FOLDER)
    return chosen if chosen.is_absolute() else (app_dir / chosen)


def fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, mtime and size of every YAML file: changes whenever a file does."""
    try:
        paths, _ = find_files(folder)
    except UsageError:
        return ()
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


@dataclass
class Loaded:
    """The outcome of loading: a graph, or the problems that stopped it."""

    folder: Path
    graph: ArgumentGraph | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    stamp: tuple[tuple[str, int, int], ...] = ()
    work: str = ""
    """The work this Loaded shows ("" for the whole corpus of at most one work)."""
    scoped: dict[str, Loaded] = field(default_factory=dict, repr=False)
    views: dict[str, Selection] = field(default_factory=dict, repr=False)
    """The views already selected on this corpus version, by spec (see view_selection)."""

    def for_work(self, work: str) -> Loaded:
        """The same corpus seen as one work (argmap.core.namespaces): its own ids, nothing of
        the other works; built once per corpus version."""
        if work not in self.scoped:
            assert self.graph is not None
            self.scoped[work] = Loaded(self.folder, build_graph(self.graph.corpus.for_work(work)),
                                       stamp=self.stamp, work=work)
        return self.scoped[work]

    @property
    def corpus(self) -> Corpus:
        assert self.graph is not None
        return self.graph.corpus

    @property
    def key(self) -> str:
        """A short string that changes whenever the files do (for render caches)."""
        return str(hash(self.stamp))


def _load(folder: Path) -> Loaded:
    try:
        corpus = load_corpus(folder)
    except MapError as exc:
        return Loaded(folder, problems=list(exc.problems))
    except UsageError as exc:
        return Loaded(folder, error=str(exc))
    return Loaded(folder, graph=build_graph(corpus))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_load(folder: str, stamp: tuple[tuple[str, int, int], ...]) -> Loaded:
    # The corpus, its graph and the schools' strengths are one large acyclic heap;
    # the collector would walk it again and again while it grows (0.3-0.4 s of a
    # 10,000-claim map's first page), so it runs once, at the end, and freezes it.
    with gc_paused():
        loaded = _load(Path(folder))
        loaded.stamp = stamp
        precompute(loaded)
    freeze_heap()
    return loaded


def precompute(loaded: Loaded) -> None:
    """The schools' strengths, which the claim panel needs on every click."""
    if loaded.graph is not None:
        from argmap.argumentation.gradual import school_strengths

        for school in loaded.corpus.schools:
            school_strengths(loaded.corpus, school)


def freeze_heap() -> None:
    """Move the long-lived heap (a loaded map, see precompute) out of the GC's way.

    A full collection walks every tracked object: with the corpus, its graph and the
    schools' strengths in memory that was most of a click's server CPU when Streamlit
    ran one after every script run (`runner.postScriptGC`, now off in
    .streamlit/config.toml; Python's own collector still makes full passes). These
    objects live as long as the cache entry, so they are frozen (`gc.freeze`) once
    built; per-run garbage is still collected as before. Unfreezing first lets the
    collection free a corpus whose cache entry was dropped after an edit.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def load(folder: Path) -> Loaded:
    """The corpus in folder, reloaded only when a file changed."""
    return _cached_load(str(folder), fingerprint(folder))


VIEWS_KEPT = 64
"""Selections kept per corpus version, as many as rendered views are (_render_view);
the oldest goes first beyond that. A large map's section is a sizeable object."""
_VIEWS_LOCK = threading.Lock()  # sessions run their scripts in threads of their own


def view_selection(loaded: Loaded, spec: str) -> Selection:
    """Run a view spec (raises UsageError for a bad one); kept per corpus version and
    shared by every session, which only read it.

    A click on the map reruns the map's fragment, which needs the view twice (does
    it hold the selected claim? what does it draw?): on a 600-node section of the
    10,000-claim map, selecting it was 70% of a click's server time."""
    assert loaded.graph is not None
    found = loaded.views.get(spec)
    if found is None:
        found = select(loaded.graph, spec)
        with _VIEWS_LOCK:
            if len(loaded.views) >= VIEWS_KEPT:
                loaded.views.pop(next(iter(loaded.views)), None)
            loaded.views[spec] = found
    return found


@st.cache_resource(show_spinner=False, max_entries=64)
def _render_view(folder: str, stamp: str, spec: str, highlight: tuple[str, ...],
                 fmt: str, work: str = "") -> bytes:
    loaded = load(Path(folder))
    if work:
        loaded = loaded.for_work(work)
    assert loaded.graph is not None
    sel = select(loaded.graph, spec)
    dot = build_dot(loaded.graph, sel, DotOptions(highlight=frozenset(highlight)))
    return render(dot.source, fmt)


@st.cache_resource(show_spinner=False, max_entries=32)
def _render_seminar_view(folder: str, stamp: str, spec: str, highlight: tuple[str, ...],
                         fmt: str, work: str,
                         contributions: tuple[tuple[int, str, str, str, int | None], ...]) -> bytes:
    """The view with a seminar's contributions drawn on it. Its own cache, keyed on
    every drawn field of every contribution, so a post, an edit or a moderation makes
    a new entry, two seminars never share one, and the busy seminar cannot push the
    plain maps out of their cache."""
    from argmap.seminar.mapnodes import MapContribution, add_contributions

    loaded = load(Path(folder))
    if work:
        loaded = loaded.for_work(work)
    assert loaded.graph is not None
    sel = select(loaded.graph, spec)
    opts = DotOptions(highlight=frozenset(highlight))
    dot = build_dot(loaded.graph, sel, opts)
    add_contributions(dot, sel, [MapContribution(*c) for c in contributions], wrap=opts.wrap,
                      legend=opts.legend)
    return render(dot.source, fmt)


def render_view(loaded: Loaded, spec: str, fmt: str = "svg",
                highlight: tuple[str, ...] = (),
                contributions: Sequence[MapContribution] = ()) -> bytes:
    """The view drawn as svg, png or pdf; cached per corpus version, work, view and
    highlight (and the seminar contributions drawn on it, if any).

    A cache_resource, not cache_data: the bytes are immutable, so every session
    shares one copy instead of unpickling its own on each rerun (issue 14)."""
    if contributions:
        key = tuple((c.id, c.claim, c.kind, c.text, c.parent) for c in contributions
                    if c.status == "visible")
        return _render_seminar_view(str(loaded.folder), loaded.key, spec,
                                    tuple(sorted(highlight)), fmt, loaded.work, key)
    return _render_view(str(loaded.folder), loaded.key, spec, tuple(sorted(highlight)), fmt,
                        loaded.work)
