"""Views say what they leave out; DOT never breaks on hostile text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.core.errors import UsageError
from argmap.core.loader import load_corpus
from argmap.drawing.dot import build_dot
from argmap.drawing.render import render
from argmap.graph import build_graph
from argmap.views import select

HOSTILE = r'''
claims:
  - id: hostile
    title: '<b>bold</b> \N \\ label="evil" <script>x()</script>'
    text: 'Quote " brace { } ] [ angle <b>bold</b> </svg> <script>x()</script> & amp \N \\ back
      label="evil" ; -> x'
    kind: factual
    locator: {section: s1, paragraph: 3}
    supports: [thesis]
'''


@pytest.fixture
def graph(corpus_dir: Callable[..., Path]):  # type: ignore[no-untyped-def]
    return build_graph(load_corpus(corpus_dir({"h.yaml": HOSTILE})))


def test_overview_shows_theses_and_reports_the_rest(graph) -> None:  # type: ignore[no-untyped-def]
    sel = select(graph, "overview")
    assert list(sel.nodes) == ["thesis"]
    assert sel.omitted_nodes == {
        "c1": "not a thesis (open its section view)",
        "hostile": "not a thesis (open its section view)",
    }
    assert "2 nodes left out" in sel.summary()


def test_trace_follows_support_to_notes_and_sources(graph) -> None:  # type: ignore[no-untyped-def]
    sel = select(graph, "trace:thesis")
    assert set(sel.nodes) == {"thesis", "c1", "hostile", "n1", "src-a"}
    assert ("n1", "src-a", "cites") in sel.edges


def test_claim_depth_limits_and_reports(graph) -> None:  # type: ignore[no-untyped-def]
    sel = select(graph, "claim:c1:1")
    assert set(sel.nodes) == {"c1", "thesis", "n1"}
    assert sel.omitted_nodes["hostile"] == "more than 1 steps from the focus"


def test_unknown_view_and_claim_are_usage_errors(graph) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="unknown view"):
        select(graph, "galaxy:x")
    with pytest.raises(UsageError, match="did you mean 'c1'"):
        select(graph, "claim:c11")


def test_period_filter_overlaps_partial_dates(corpus_dir: Callable[..., Path]) -> None:
    extra = """
claims:
  - {id: p1, text: t, kind: factual, locator: {section: s1, paragraph: 1}, period: {start: "1934"}}
  - {id: p2, text: t, kind: factual, locator: {section: s1, paragraph: 1}, period: {start: "1937-05"}}
"""
    graph = build_graph(load_corpus(corpus_dir({"p.yaml": extra})))
    assert set(select(graph, "period:1934-12-01..1936").nodes) == {"p1"}


def test_hostile_text_renders_literally(graph) -> None:  # type: ignore[no-untyped-def]
    source = build_dot(graph, select(graph, "section:s1")).source
    svg = html.unescape(render(source, "svg").decode())
    raw = render(source, "svg").decode()
    assert "<script" not in raw and "<b>" not in raw
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", raw))
    assert "&lt;b&gt;bold&lt;/b&gt;" in texts
    assert "\\N" in texts and "\\\\" in texts
    assert "label=&quot;evil&quot;" in texts
    assert 'id="n-hostile"' in svg


def test_stable_node_ids(graph) -> None:  # type: ignore[no-untyped-def]
    svg = html.unescape(render(build_dot(graph, select(graph, "section:s1")).source, "svg").decode())
    assert {'id="n-thesis"', 'id="n-c1"'} <= set(re.findall(r'id="n-[^"]+"', svg))
