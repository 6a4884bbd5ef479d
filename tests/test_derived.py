"""Results computed from a corpus (each school's strengths, what rests on each claim,
the map's supports and attacks, the search index) are kept beside the load cache's entry (argmap.cache.filecache.derived):
read back on the same unchanged corpus, never on a changed one, never mixed between
works, and never trusted when damaged."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.argumentation import gradual
from argmap.core.corpus import Corpus
from argmap.core.loader import load_corpus
from argmap.search import search_claims

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "arguments" / "harris-stalin"
COLDWAR = ROOT / "tests" / "data" / "coldwar"
HS, CW = "harris-stalin", "cold-war-survey"


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    root = tmp_path / "arguments"
    shutil.copytree(CHAPTER, root / "harris-stalin")
    return root


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What was computed rather than read back: whole-map strengths, downstream
    counts and search indexes."""
    seen: list[str] = []
    strengths, downstream = gradual.qbaf.strengths, gradual._Bipolar.all_downstream
    import argmap.search as search

    index = search._build_index

    def count_strengths(framework: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(f"strengths of {len(framework)}")
        return strengths(framework, *args, **kwargs)

    def count_downstream(self: gradual._Bipolar) -> dict[str, int]:
        seen.append("downstream")
        return downstream(self)

    def count_index(corpus: Corpus) -> Any:
        seen.append("index")
        return index(corpus)

    bipolar = gradual._bipolar

    def count_bipolar(corpus: Corpus) -> Any:
        seen.append("bipolar")
        return bipolar(corpus)

    monkeypatch.setattr(gradual.qbaf, "strengths", count_strengths)
    monkeypatch.setattr(gradual._Bipolar, "all_downstream", count_downstream)
    monkeypatch.setattr(search, "_build_index", count_index)
    monkeypatch.setattr(gradual, "_bipolar", count_bipolar)
    yield seen


def outcome(corpus: Corpus) -> tuple[Any, ...]:
    """Everything the cached results feed: the comparison with its drivers, a school's
    strengths and a search."""
    schools = sorted(corpus.schools)[:2]
    comp = gradual.compare(corpus, schools, explain=5)
    hits = search_claims(corpus, "stalin threat")
    return (comp.to_json(), [d.to_json() for d in comp.differences],
            gradual.school_strengths(corpus, schools[0]).strength,
            [(h.claim.id, h.matched) for h in hits])


def test_an_unchanged_corpus_reads_its_results_back(
    chapter: Path, cache: Path, computed: list[str]
) -> None:
    corpus = load_corpus(chapter)
    whole = f"strengths of {len(corpus.claims) + len(corpus.evidence)}"
    first = outcome(corpus)
    assert {"bipolar", "downstream", "index", whole} <= set(computed)
    assert list((cache / "derived-v1").glob("*.pickle"))
    computed.clear()
    again = load_corpus(chapter)  # a new corpus object, as in the next command
    assert outcome(again) == first
    # The drivers recompute the small frameworks of single claims on purpose; nothing
    # of the whole map is computed again.
    assert not {"bipolar", "downstream", "index", whole} & set(computed)


def test_whole_map_strengths_are_not_solved_again(chapter: Path, cache: Path) -> None:
    school = sorted(load_corpus(chapter).schools)[0]
    gradual.school_strengths(load_corpus(chapter), school)
    sizes: list[int] = []
    real = gradual.qbaf.strengths

    def spy(framework: Any, *args: Any, **kwargs: Any) -> Any:
        sizes.append(len(framework))
        return real(framework, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gradual.qbaf, "strengths", spy)
        corpus = load_corpus(chapter)
        result = gradual.school_strengths(corpus, school)
    assert sizes == []
    assert set(result.strength) == {*corpus.claims, *corpus.evidence}
    assert len(result.framework) == len(result.strength)  # still there when asked for


def test_a_changed_file_is_computed_again(
    chapter: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = load_corpus(chapter)
    school = "revisionist"
    thesis = next(s for s in corpus.stances if s.school == school and s.position == "rejects")
    before = gradual.school_strengths(corpus, school).strength[thesis.claim]
    search_claims(corpus, "stalin")
    file = next(p for p in (chapter / "harris-stalin").glob("school-*revisionist*.yaml"))
    text = file.read_text(encoding="utf-8")
    assert "position: rejects" in text
    file.write_text(text.replace("position: rejects", "position: accepts"), encoding="utf-8")
    changed = load_corpus(chapter)
    after = gradual.school_strengths(changed, school).strength[thesis.claim]
    assert after > before
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    fresh = load_corpus(chapter)
    assert fresh.derived_key is None
    assert gradual.school_strengths(fresh, school).strength == \
        gradual.school_strengths(changed, school).strength
    assert outcome(fresh) == outcome(changed)


def test_nothing_is_kept_when_the_cache_is_off(
    chapter: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    outcome(load_corpus(chapter))
    assert not cache.exists()


def test_damaged_results_are_computed_again(chapter: Path, cache: Path) -> None:
    first = outcome(load_corpus(chapter))
    for entry in (cache / "derived-v1").glob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    assert outcome(load_corpus(chapter)) == first


def test_two_works_keep_their_results_apart(tmp_path: Path, cache: Path) -> None:
    """Both works have a school 'revisionist'; each work's view gets its own results."""
    root = tmp_path / "arguments"
    shutil.copytree(CHAPTER, root / "harris-stalin")
    shutil.copytree(COLDWAR, root / "coldwar")
    corpus = load_corpus(root)
    hs, cw = corpus.for_work(HS), corpus.for_work(CW)
    assert hs.derived_key is not None and cw.derived_key is not None
    assert hs.derived_key != cw.derived_key
    first = {w: gradual.school_strengths(corpus.for_work(w), "revisionist").strength for w in (HS, CW)}
    assert set(first[HS]) != set(first[CW])
    again = load_corpus(root)
    for work in (HS, CW):
        assert gradual.school_strengths(again.for_work(work), "revisionist").strength == first[work]


def test_a_restricted_framework_is_the_whole_one_restricted() -> None:
    """what_if builds the framework of a node and what reaches it without the whole
    map's; it must be exactly the whole one restricted, edge order included, so that
    recomputed strengths agree to the last bit."""
    corpus = load_corpus(ROOT / "arguments")
    bip = gradual._bipolar(corpus)
    direct = {node: bip.restricted(node) for node in bip.arguments}
    whole = bip.neutral()
    for node, sub in direct.items():
        expected = whole.restrict_to_ancestors(node)
        assert sub.arguments == expected.arguments
        assert dict(sub.attackers) == dict(expected.attackers)
        assert dict(sub.supporters) == dict(expected.supporters)
        assert dict(sub.base) == dict(expected.base)
