"""Pages and per-corpus results stay linear in the size of the map (issue 14)."""

from __future__ import annotations

import random
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.argumentation.audiences import school_labels
from argmap.argumentation.gradual import _Bipolar, _map, compare
from argmap.core.corpus import Corpus
from argmap.core.loader import load_corpus
from tests.conftest import ARGUMENTS
from tests.test_app import BUNDLED, run_app

ROOT = Path(__file__).resolve().parent.parent


def _reach(bip: _Bipolar, node: str) -> int:
    seen = {node}
    queue = deque([node])
    while queue:
        for child in bip.children.get(queue.popleft(), ()):
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return len(seen) - 1


def test_downstream_counts_match_a_search_from_every_node_with_cycles() -> None:
    rng = random.Random(7)
    nodes = [f"n{i}" for i in range(120)]
    children: dict[str, set[str]] = {n: set() for n in nodes}
    for _ in range(200):  # random edges both ways: cycles included (a map has no self-loop)
        a, b = rng.sample(nodes, 2)
        children[a].add(b)
    parents: dict[str, set[str]] = {n: set() for n in nodes}
    for a, kids in children.items():
        for b in kids:
            parents[b].add(a)
    edges = [(a, b, 0.5) for a, kids in children.items() for b in sorted(kids)]
    bip = _Bipolar(tuple(nodes), edges[::2], edges[1::2], parents, children)
    counts = bip.all_downstream()
    assert [counts[n] for n in nodes] == [_reach(bip, n) for n in nodes]
    assert any(counts[n] > 10 for n in nodes)


def test_downstream_counts_on_the_chapter() -> None:
    bip = _map(load_corpus(BUNDLED))
    counts = bip.all_downstream()
    assert [counts[n] for n in bip.arguments] == [_reach(bip, n) for n in bip.arguments]


def test_compare_without_drivers_keeps_the_ranking() -> None:
    corpus = load_corpus(BUNDLED)
    schools = list(corpus.schools)
    plain = compare(corpus, schools, drivers=0)
    full = compare(corpus, schools, drivers=3)
    assert [d.claim for d in plain.differences] == [d.claim for d in full.differences]
    assert all(d.drivers == () for d in plain.differences)
    assert any(d.drivers for d in full.differences)


def test_school_labels_are_computed_once_and_handed_out_as_copies() -> None:
    corpus = load_corpus(BUNDLED)
    school = next(iter(corpus.schools))
    first = school_labels(corpus, school)
    first.clear()
    again = school_labels(corpus, school)
    assert again and set(again) == set(corpus.claims) | set(corpus.evidence)
    assert next(iter(again.values())) is next(iter(school_labels(corpus, school).values()))


MANY = "claims:\n" + "".join(
    f"  - {{id: m{i}, text: Claim {i} resting on the book., kind: factual,\n"
    f"     locator: {{section: s1, paragraph: 1}}, footnotes: [n1]}}\n" for i in range(25))


def test_a_source_with_many_claims_lists_the_rest_in_one_select_box(
    corpus_dir: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus_dir({"many.yaml": MANY})
    at = run_app(monkeypatch, str(folder), page="sources")
    assert not [s for s in at.selectbox if s.label.endswith("more")]  # filled once opened
    at.session_state["src-open-src-a"] = True  # what opening the expander does
    at.run()
    more = [s for s in at.selectbox if s.label.endswith("more")]
    assert [s.label for s in more] == ["6 more"]  # c1 and 25 claims: 20 buttons, 6 here
    assert sum(1 for b in at.button if str(b.key).startswith("src-src-a-")) == 20
    more[0].select(more[0].options[-1]).run()
    assert at.query_params.get("page") in ("map", ["map"])
    assert "m24" in str(at.query_params.get("claim"))


def test_a_large_bibliography_shows_the_first_sources_until_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    from argmap.webapp.sources_page import SOURCES_PER_HEADING, SOURCES_SHOWN

    generate(tmp_path / "big", claims=250)
    total = len(load_corpus(tmp_path / "big").sources)
    assert total > SOURCES_SHOWN
    at = run_app(monkeypatch, str(tmp_path / "big"), page="sources")
    assert sum(1 for e in at.expander if "rest on it" in e.label) + sum(
        1 for c in at.caption if "through a footnote" in c.value
                                  or "does not cite it" in c.value) <= 2 * SOURCES_PER_HEADING
    assert f"of {total} sources" in "\n".join(c.value for c in at.caption)
    at.checkbox(key="sources-all").check().run()
    assert not at.exception
    assert f"{total} of {total} sources" in "\n".join(c.value for c in at.caption)


def test_search_shows_the_first_hits_and_more_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word on a large map matches thousands of claims; the page lists a
    page of them at a time, and the count says how many there are."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    from argmap.search import search_claims
    from argmap.webapp.search_page import HITS_SHOWN

    generate(tmp_path / "big", claims=250)
    corpus = load_corpus(tmp_path / "big")
    hits = search_claims(corpus, "police")
    others = search_claims(corpus, "archive")
    assert len(hits) > 2 * HITS_SHOWN and len(others) > 2 * HITS_SHOWN
    at = run_app(monkeypatch, str(tmp_path / "big"), page="search", q="police")

    def listed() -> list[str]:
        return [str(b.key)[4:] for b in at.button if str(b.key).startswith("hit-")]

    assert listed() == [h.claim.id for h in hits[:HITS_SHOWN]]
    assert f"Claims ({len(hits)})" in [t.label for t in at.tabs]
    assert f"Showing {HITS_SHOWN} of {len(hits)}" in "\n".join(c.value for c in at.caption)
    at.button(key="search-more-btn-claims").click().run()
    assert listed() == [h.claim.id for h in hits[:2 * HITS_SHOWN]]
    # Another query starts again from the first page.
    at.query_params["q"] = "archive"
    at.run()
    assert listed() == [h.claim.id for h in others[:HITS_SHOWN]]


def test_searches_are_kept_per_corpus_and_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Search page runs its query on every rerun; the same words on the same corpus
    are searched once, another corpus (a reload after an edit) searches again, and
    only the last SEARCHES_KEPT are kept."""
    from argmap import search

    calls: list[tuple[str, ...]] = []
    real = search._search

    def counted(corpus: Corpus, words: tuple[str, ...]) -> tuple[search.Hit, ...]:
        calls.append(words)
        return real(corpus, words)

    monkeypatch.setattr(search, "_search", counted)
    monkeypatch.setattr(search, "_searches", type(search._searches)())
    corpus = load_corpus(ARGUMENTS)
    first = search.search_claims(corpus, "Stalin threat")
    assert first and search.search_claims(corpus, "  stalin THREAT ") == first
    assert calls == [("stalin", "threat")]
    first.clear()  # a caller's list is its own
    assert search.search_claims(corpus, "stalin threat")
    reloaded = load_corpus(ARGUMENTS)
    assert [h.claim.id for h in search.search_claims(reloaded, "stalin threat")] == [
        h.claim.id for h in search.search_claims(corpus, "stalin threat")]
    assert len(calls) == 2
    for n in range(search.SEARCHES_KEPT):
        search.search_claims(corpus, f"word{n}")
    assert len(search._searches) == search.SEARCHES_KEPT
    search.search_claims(reloaded, "stalin threat")  # the oldest went first
    assert len(calls) == 3 + search.SEARCHES_KEPT


def test_the_claim_picker_carries_whole_texts_only_on_a_map_of_modest_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Typing any word of a claim finds it in the picker; on a large map the labels
    are titles only, so the page does not send every claim's text on each rerun."""
    from argmap.graph import build_graph
    from argmap.webapp import map_page

    graph = build_graph(load_corpus(BUNDLED))
    claims = graph.corpus.claims
    long = next(c for c, claim in claims.items() if claim.text != claim.heading)
    whole = map_page.arg_options(graph, "claim")
    assert " ".join(claims[long].text.split()) in whole[long]
    monkeypatch.setattr(map_page, "WHOLE_TEXT_OPTIONS", len(claims) - 1)
    short = map_page.arg_options(graph, "trace")
    assert list(short) == list(whole)
    assert " ".join(claims[long].text.split()) not in short[long]
    assert whole[long].startswith(short[long])
    assert sum(map(len, short.values())) < sum(map(len, whole.values())) / 2


def test_views_are_selected_once_per_corpus_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """A click on the map needs its view twice; the app selects it once per map
    version and shares it, and keeps a bounded number of them."""
    from argmap.graph import build_graph
    from argmap.views import select
    from argmap.webapp import data

    calls: list[str] = []

    def counted(graph: object, spec: str) -> object:
        calls.append(spec)
        return select(graph, spec)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "select", counted)
    loaded = data.Loaded(Path(BUNDLED), build_graph(load_corpus(BUNDLED)))
    first = data.view_selection(loaded, "section:rise-of-stalin")
    assert data.view_selection(loaded, "section:rise-of-stalin") is first
    assert first.nodes == select(loaded.graph, "section:rise-of-stalin").nodes  # type: ignore[arg-type]
    other = data.Loaded(Path(BUNDLED), build_graph(load_corpus(BUNDLED)))  # a new version
    assert data.view_selection(other, "section:rise-of-stalin") is not first
    assert calls == ["section:rise-of-stalin"] * 2
    with pytest.raises(Exception, match="unknown view"):
        data.view_selection(loaded, "nonsense:x")
    assert "nonsense:x" not in loaded.views
    monkeypatch.setattr(data, "VIEWS_KEPT", 3)
    for claim in list(loaded.corpus.claims)[:5]:
        data.view_selection(loaded, f"claim:{claim}")
    assert len(loaded.views) == 3


def test_the_svg_digest_is_kept_per_drawing_and_equals_a_fresh_hash() -> None:
    import hashlib

    from argmap.webapp import component

    svg = b"<svg>" + b"x" * 1000 + b"</svg>"
    first = component._digest(svg)
    assert first == hashlib.sha1(svg).hexdigest()[:16]
    assert component._digest(svg) == first
    assert component._digest(svg.decode()) == first  # the same drawing as text
    assert component._digest(b"<svg>other</svg>") != first
