"""The paragraph view and the rule that a selection is always on the map."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.core.errors import UsageError
from argmap.core.loader import load_corpus
from argmap.graph import ArgumentGraph, build_graph
from argmap.views import containing_view, select

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = os.environ.get("ARGMAP_TEST_CORPUS") or str(ROOT / "arguments")
KASAHARA = "rise-kasahara-confirmed-fears"


@pytest.fixture(scope="module")
def graph() -> ArgumentGraph:
    return build_graph(load_corpus(BUNDLED))


def test_paragraph_view_is_the_paragraph_and_its_neighbours(graph: ArgumentGraph) -> None:
    corpus = graph.corpus
    sel = select(graph, "paragraph:rise-of-stalin:10")
    own = {n.id for n in (*corpus.claims.values(), *corpus.evidence.values())
           if n.locator.section == "rise-of-stalin" and n.locator.paragraph == 10}
    assert KASAHARA in own and own <= set(sel.nodes)
    near = {m for n in own for m in graph.neighbours(n)
            if m in corpus.claims or m in corpus.evidence}
    assert set(sel.nodes) == own | near
    assert len(sel.nodes) < len(select(graph, "section:rise-of-stalin").nodes)


@pytest.mark.parametrize("spec", ["paragraph:rise-of-stalin", "paragraph:nowhere:1",
                                  "paragraph:rise-of-stalin:999", "paragraph:rise-of-stalin:x"])
def test_paragraph_view_rejects_bad_specs(graph: ArgumentGraph, spec: str) -> None:
    with pytest.raises(UsageError):
        select(graph, spec)


def test_containing_view(graph: ArgumentGraph) -> None:
    assert containing_view(graph, "section:rise-of-stalin", KASAHARA) == "section:rise-of-stalin"
    assert containing_view(graph, "overview", KASAHARA) == "section:rise-of-stalin"
    assert containing_view(graph, "paragraph:rise-of-stalin:1", KASAHARA) == \
        "paragraph:rise-of-stalin:10"
    thesis = graph.theses("work")[0]
    if KASAHARA not in select(graph, f"claim:{thesis}").nodes:
        assert containing_view(graph, f"claim:{thesis}", KASAHARA) == f"claim:{KASAHARA}"
    assert containing_view(graph, "overview", "no-such-node") == "overview"
    assert containing_view(graph, "section:nowhere", KASAHARA) == "section:rise-of-stalin"
