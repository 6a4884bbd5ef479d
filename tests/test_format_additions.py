"""Format additions: evidence the text does not locate, stances on evidence, and
reported views named by the person's or school's name (never the raw id)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.core.loader import load_corpus
from argmap.graph import build_graph
from argmap.trace import format_trace, trace
from argmap.views import containing_view, section_view
from argmap.voices import editorial_basis, voice_name
from tests.test_app import run_app, texts

CLI = Callable[..., subprocess.CompletedProcess[str]]

ADDED = """\
people:
  - {id: getty, name: J. Arch Getty, kind: historian}
schools:
  - id: revisionist
    name: the revisionists
    summary: Social historians.
    proponents: [getty]
sources:
  - {id: kennan-memoirs, type: book, title: "Memoirs, 1925-1950", publisher: "Little, Brown",
     publisher-place: Boston, issued: "1967", author: [{family: Kennan, given: George F.}]}
evidence:
  - id: ev-editorial
    title: Kennan's own account
    text: Kennan's memoirs, which the text never mentions.
    kind: memoir
    basis: editorial
    source: kennan-memoirs
    pages: "292"
    supports: [c1]
claims:
  - id: c-reported
    text: The terror came from below.
    kind: interpretive
    locator: {section: s1, paragraph: 3}
    asserted_by: revisionist
    attacks: [thesis]
stances:
  - school: revisionist
    claim: ev-editorial
    position: rejects
    justification: A memoir written long after.
    basis: editorial
    source: kennan-memoirs
    pages: "292"
"""


@pytest.fixture
def folder(corpus_dir: Callable[..., Path]) -> Path:
    return corpus_dir({"added.yaml": ADDED})


def test_unlocated_evidence_validates_and_shows_with_what_it_bears_on(folder: Path) -> None:
    corpus = load_corpus(folder)
    ev = corpus.evidence["ev-editorial"]
    assert ev.locator is None and ev.basis == "editorial"
    assert editorial_basis(corpus, ev) == "Kennan, Memoirs, 1925-1950, 292"
    graph = build_graph(corpus)
    sel = section_view(graph, "s1")
    assert "ev-editorial" in sel.nodes
    assert containing_view(graph, "paragraph:s1:1", "ev-editorial") == "claim:c1"
    assert "not in the text: added by the map's editor (Kennan, Memoirs, 1925-1950, 292)" in \
        format_trace(trace(graph, "c1"))


def test_a_stance_on_evidence(folder: Path) -> None:
    corpus = load_corpus(folder)
    [stance] = [s for s in corpus.stances if s.claim == "ev-editorial"]
    assert stance.position == "rejects"


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ("{id: e, text: T., kind: memoir}",
         "evidence needs a locator (where the text mentions it); evidence the text does not "
         "mention takes basis: editorial and the source it rests on instead"),
        ("{id: e, text: T., kind: memoir, basis: editorial}",
         "editorial evidence needs the source it rests on (source: ID)"),
        ("{id: e, text: T., kind: memoir, basis: editorial, source: src-a, "
         "locator: {section: s1, paragraph: 1}}",
         "editorial evidence has no locator"),
    ],
)
def test_unlocated_evidence_errors(cli: CLI, corpus_dir: Callable[..., Path], evidence: str,
                                   message: str) -> None:
    folder = corpus_dir({"e.yaml": f"evidence:\n  - {evidence}\n"})
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_source_of_editorial_evidence(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"e.yaml": "evidence:\n  - {id: e, text: T., kind: memoir, "
                                   "basis: editorial, source: nope}\n"})
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert "'nope'" in result.stderr and "source" in result.stderr


def test_commands_work_with_unlocated_evidence(cli: CLI, folder: Path, tmp_path: Path) -> None:
    for args in (["validate", str(folder)], ["trace", "c1", "--corpus", str(folder)],
                 ["search", "memoirs", "--corpus", str(folder)],
                 ["render", "section:s1", "-o", str(tmp_path / "s.dot"), "--corpus", str(folder)],
                 ["strength", "--school", "revisionist", "--evidence", "--corpus", str(folder)]):
        result = cli(*args)
        assert result.returncode == 0, (args, result.stderr)
    text = tmp_path / "text.txt"
    text.write_text("a short anchor", encoding="utf-8")
    result = cli("check-text", str(text), "--corpus", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr


def test_reported_view_named_by_the_school(cli: CLI, folder: Path, tmp_path: Path) -> None:
    corpus = load_corpus(folder)
    assert voice_name(corpus, "revisionist") == "the revisionists"
    assert voice_name(corpus, "getty") == "J. Arch Getty"
    graph = build_graph(corpus)
    assert "held by the revisionists" in format_trace(trace(graph, "c-reported"))
    out = tmp_path / "m.dot"
    assert cli("render", "section:s1", "-o", str(out), "--corpus", str(folder)).returncode == 0
    dot = out.read_text("utf-8")
    assert "view of the revisionists" in dot and "view of revisionist" not in dot


def test_panel_names_the_school_and_the_editorial_basis(
    monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    at = run_app(monkeypatch, str(folder), view="section:s1", claim="c-reported")
    shown = texts(at)
    assert "view of the revisionists" in shown and "view of revisionist`" not in shown
    at = run_app(monkeypatch, str(folder), view="section:s1", claim="ev-editorial")
    assert "Not in the text: added by the map's editor" in texts(at)
    assert "Kennan, Memoirs, 1925–1950, 292" in texts(at) or \
        "Kennan, Memoirs, 1925-1950, 292" in texts(at)
