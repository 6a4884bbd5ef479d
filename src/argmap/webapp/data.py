"""Loading the corpus for the app: folder choice, change detection, caching.

The loaded corpus and its graph are cached with `st.cache_resource`, keyed on
the files' modification times, so an editor saving a YAML file sees the change
on the next rerun while every other rerun reuses the same objects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from argmap.corpus import Corpus
from argmap.dot import DotOptions, build_dot
from argmap.errors import MapError, Problem, UsageError
from argmap.graph import ArgumentGraph, build_graph
from argmap.loader import find_files, load_corpus
from argmap.render import render
from argmap.views import Selection, select

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
    loaded = _load(Path(folder))
    loaded.stamp = stamp
    return loaded


def load(folder: Path) -> Loaded:
    """The corpus in folder, reloaded only when a file changed."""
    return _cached_load(str(folder), fingerprint(folder))


def view_selection(loaded: Loaded, spec: str) -> Selection:
    """Run a view spec (raises UsageError for a bad one)."""
    assert loaded.graph is not None
    return select(loaded.graph, spec)


@st.cache_resource(show_spinner=False, max_entries=64)
def _render_view(folder: str, stamp: str, spec: str, highlight: tuple[str, ...],
                 fmt: str) -> bytes:
    loaded = load(Path(folder))
    assert loaded.graph is not None
    sel = select(loaded.graph, spec)
    dot = build_dot(loaded.graph, sel, DotOptions(highlight=frozenset(highlight)))
    return render(dot.source, fmt)


def render_view(loaded: Loaded, spec: str, fmt: str = "svg",
                highlight: tuple[str, ...] = ()) -> bytes:
    """The view drawn as svg, png or pdf; cached per corpus version, view and highlight.

    A cache_resource, not cache_data: the bytes are immutable, so every session
    shares one copy instead of unpickling its own on each rerun (issue 14)."""
    return _render_view(str(loaded.folder), loaded.key, spec, tuple(sorted(highlight)), fmt)
