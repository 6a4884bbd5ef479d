"""Graded strength per school: base scores, compare, cruxes and prompts, on small
maps written to disk, on the bundled map and through the real CLI."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path

import pytest

from argmap.argumentation import qbaf
from argmap.argumentation.audiences import school_labels
from argmap.argumentation.gradual import (
    BASE_SCORE,
    CONTESTED_GAP,
    NO_VIEW,
    SET_ASIDE,
    Base,
    compare,
    cruxes,
    is_contested,
    prompts,
    school_bases,
    school_strengths,
)
from argmap.core.corpus import Corpus
from argmap.core.errors import UsageError
from argmap.core.loader import load_corpus
from tests.conftest import ARGUMENTS, write

CLI = Callable[..., subprocess.CompletedProcess[str]]

HEAD = """\
works:
  - id: w
    title: A Work
    sections:
      - {id: s1, title: One, paragraphs: 3}
sources:
  - {id: src-a, type: book, title: A Book, issued: "1999", author: [{family: Doe}]}
people:
  - {id: ann, name: Ann Able, kind: historian, works: [src-a]}
  - {id: bob, name: Bob Baker, kind: historian}
schools:
  - {id: alpha, name: Alpha school, summary: First., proponents: [ann],
     evidence_trust: [{kind: memoir, score: 0.2, justification: Self-serving.}]}
  - {id: beta, name: Beta school, summary: Second., proponents: [bob]}
"""


def claim(node: str, kind: str = "interpretive", title: str | None = None, **rel: object) -> str:
    extra = "".join(f", {k}: {json.dumps(v)}" for k, v in rel.items())
    scope = ", scope: work" if kind == "thesis" else ""
    named = f", title: {title}" if title else ""
    return (f"  - {{id: {node}{named}, text: Claim {node}., kind: {kind}{scope}, "
            f"locator: {{section: s1, paragraph: 1}}{extra}}}\n")


def stance(school: str, node: str, position: str, *proponents: str) -> str:
    who = f", proponents: [{', '.join(proponents)}]" if proponents else ""
    return (f"  - {{school: {school}, claim: {node}, position: {position}, "
            f"justification: Because {school} says so., basis: editorial, source: src-a, "
            f"pages: '1-2'{who}}}\n")


def make(folder: Path, claims: list[str], stances: Sequence[str] = (),
         evidence: Sequence[str] = ()) -> Corpus:
    text = HEAD + "claims:\n" + "".join(claims)
    if evidence:
        text += "evidence:\n" + "".join(evidence)
    if stances:
        text += "stances:\n" + "".join(stances)
    return load_corpus(write(folder, {"map.yaml": text}))


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., Corpus]:
    counter = iter(range(1000))

    def run(claims: list[str], stances: Sequence[str] = (), evidence: Sequence[str] = ()) -> Corpus:
        return make(tmp_path / f"map{next(counter)}", claims, stances, evidence)

    return run


def split_map(load: Callable[..., Corpus], beta_on_a: str = "rejects",
              beta_on_t: str | None = "rejects") -> Corpus:
    """t rests on a (which rests on e, a memoir); alpha accepts a; beta takes
    ``beta_on_a`` on a and ``beta_on_t`` on t (None: no stance)."""
    stances = [stance("alpha", "a", "accepts", "ann"), stance("beta", "a", beta_on_a, "bob")]
    if beta_on_t is not None:
        stances.append(stance("beta", "t", beta_on_t))
    return load(
        [claim("t", "thesis", title="The thesis"),
         claim("a", "causal", title="The cause", supports=["t"]),
         claim("x", attacks=["t"]), claim("q", qualifies=["x"])],
        stances,
        ["  - {id: e, text: A memoir., kind: memoir, locator: {section: s1, paragraph: 2},"
         " supports: [a]}\n"],
    )


@pytest.fixture
def split(load: Callable[..., Corpus]) -> Corpus:
    return split_map(load)


# --------------------------------------------------------------------------- base scores


def test_base_scores_come_from_stances_then_trust_then_no_view(split: Corpus) -> None:
    alpha, beta = school_bases(split, "alpha"), school_bases(split, "beta")
    assert alpha["a"].value == BASE_SCORE["accepts"] and alpha["a"].why == "accepts"
    assert beta["a"].value == BASE_SCORE["rejects"]
    assert alpha["e"].value == 0.2 and alpha["e"].why == "trust in memoir"
    assert beta["e"].value == NO_VIEW and beta["e"].why == "no view"
    assert alpha["x"].why == "no view"


def test_a_stance_on_evidence_overrides_the_schools_trust(load: Callable[..., Corpus]) -> None:
    corpus = load([claim("t", "thesis")], [stance("alpha", "e", "accepts")],
                  ["  - {id: e, text: M., kind: memoir, locator: {section: s1, paragraph: 1},"
                   " supports: [t]}\n"])
    assert school_bases(corpus, "alpha")["e"].value == BASE_SCORE["accepts"]


def test_unknown_school_and_semantics_are_usage_errors(split: Corpus) -> None:
    with pytest.raises(UsageError, match="schools: alpha, beta"):
        school_strengths(split, "gamma")
    with pytest.raises(UsageError, match="unknown semantics"):
        school_strengths(split, "alpha", "grounded")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- strengths


def test_independent_support_is_not_all_lost_when_one_support_falls(
    load: Callable[..., Corpus],
) -> None:
    corpus = load([claim("t", "thesis"), claim("p", supports=["t"]), claim("q", supports=["t"]),
                   claim("x", attacks=["p"])],
                  [stance("alpha", "x", "accepts"), stance("alpha", "p", "rejects")])
    s = school_strengths(corpus, "alpha").strength
    assert s["p"] < 0.1
    assert s["t"] > NO_VIEW + 0.15  # q still carries it
    assert school_labels(corpus, "alpha")["t"].label == "IN"


def test_qualifies_weakens_less_than_an_attack(load: Callable[..., Corpus]) -> None:
    corpus = load([claim("t", "thesis"), claim("q", qualifies=["t"]), claim("u"),
                   claim("x", attacks=["u"])])
    s = school_strengths(corpus, "alpha").strength
    assert s["u"] < s["t"] < NO_VIEW
    # DF-QuAD: one attacker of weight 0.9 (REASONS_CEILING), a qualifier at half that
    assert s["t"] == pytest.approx(NO_VIEW - NO_VIEW * (0.45 * NO_VIEW))
    assert s["u"] == pytest.approx(NO_VIEW - NO_VIEW * (0.9 * NO_VIEW))


def test_both_semantics_agree_on_direction(split: Corpus) -> None:
    for semantics in qbaf.SEMANTICS:
        alpha = school_strengths(split, "alpha", semantics).strength
        beta = school_strengths(split, "beta", semantics).strength
        assert alpha["a"] > beta["a"] and alpha["t"] > beta["t"], semantics


# --------------------------------------------------------------------------- compare


def test_contested_has_one_definition() -> None:
    assert is_contested([0.3, 0.3 + CONTESTED_GAP])
    assert not is_contested([0.3, 0.3 + CONTESTED_GAP - 0.01])
    assert not is_contested([0.9])


def test_compare_ranks_contested_claims_and_names_what_makes_each_gap(split: Corpus) -> None:
    comp = compare(split, ["alpha", "beta"])
    contested = [d.claim for d in comp.differences]
    assert contested[0] == "a"  # the larger gap and t rests on it
    for d in comp.differences:
        assert is_contested(d.strengths.values())
        assert d.high == "alpha" and d.low == "beta"
    gap_a = comp.differences[0]
    assert gap_a.downstream == 1
    [driver] = [d for d in gap_a.drivers if d.node == "a"]
    assert driver.high.position == "accepts" and driver.low.position == "rejects"
    # the effect is recomputed: beta's strength of a with alpha's stance on a
    beta = school_strengths(split, "beta")
    alpha_a = school_bases(split, "alpha")["a"]
    assert beta.strength["a"] + driver.effect == pytest.approx(beta.what_if("a", {"a": alpha_a}))
    assert beta.strength["a"] + driver.effect == pytest.approx(beta.recompute({"a": alpha_a})["a"])
    data = comp.to_json()
    assert data["counts"]["contested"] == len(comp.differences)
    assert data["contested_gap"] == CONTESTED_GAP


def test_compare_needs_known_schools(split: Corpus) -> None:
    with pytest.raises(UsageError):
        compare(split, ["alpha", "nope"])


# --------------------------------------------------------------------------- cruxes


def test_a_crux_parts_the_thesis_stance_from_what_lies_beneath_and_is_recomputed(
    split: Corpus, load: Callable[..., Corpus],
) -> None:
    [crux] = cruxes(split, "beta", "alpha")
    assert crux.thesis == "t" and crux.before < crux.target
    assert crux.steps[0].node == "a"
    assert "t" not in [s.node for s in crux.steps]
    # Had beta taken alpha's stance on t itself (no view): the same as beta with no stance on t.
    no_t_stance = split_map(load, beta_on_t=None)
    assert crux.with_their_stance == pytest.approx(school_strengths(no_t_stance, "beta").strength["t"])
    assert crux.grounds == pytest.approx(crux.with_their_stance)  # alpha has no stance on t
    # Beneath the thesis: beta accepting a, recomputed on an independently loaded map.
    changed = split_map(load, beta_on_a="accepts", beta_on_t=None)
    assert crux.steps[0].alone == pytest.approx(school_strengths(changed, "beta").strength["t"])
    assert crux.after > crux.grounds and crux.share > 0.5
    assert "The cause [a] (accepts instead of rejects)" in crux.sentence


def test_no_crux_when_the_thesis_is_not_contested(load: Callable[..., Corpus]) -> None:
    corpus = load([claim("t", "thesis"), claim("a", supports=["t"])])
    assert cruxes(corpus, "alpha", "beta") == []


# --------------------------------------------------------------------------- prompts


def test_prompts_name_the_claim_the_historians_and_the_effect(split: Corpus) -> None:
    found = prompts(split, ["alpha", "beta"])
    assert found and found[0].node == "a"
    text = found[0].question
    assert "The cause" in text and "The thesis" in text
    assert "Ann Able" in text or "Bob Baker" in text
    assert set(found[0].sides) == {"alpha", "beta"}
    assert "Because alpha says so." in found[0].sides["alpha"]
    assert len({p.node for p in found}) == len(found)


# --------------------------------------------------------------------------- the bundled map


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load_corpus(ARGUMENTS)


def test_every_pair_of_schools_differs_on_at_least_ten_claims(bundled: Corpus) -> None:
    assert len(bundled.schools) >= 4
    for a, b in combinations(bundled.schools, 2):
        comp = compare(bundled, [a, b], drivers=0)
        assert len(comp.differences) >= 10, (a, b, len(comp.differences))


def test_every_crux_names_something_beneath_the_thesis_and_matches_a_recomputation(
    bundled: Corpus,
) -> None:
    cruxes_seen = 0
    for a, b in combinations(bundled.schools, 2):
        for first, second in ((a, b), (b, a)):
            mine, theirs = school_strengths(bundled, first), school_strengths(bundled, second)
            for crux in cruxes(bundled, first, second):
                assert all(step.node != crux.thesis for step in crux.steps)
                assert crux.steps, crux
                # recompute on the whole framework (cruxes use the thesis's ancestors only)
                changes = {crux.thesis: SET_ASIDE,
                           **{s.node: theirs.bases[s.node] for s in crux.steps}}
                assert mine.recompute(changes)[crux.thesis] == pytest.approx(crux.after, abs=1e-6)
                stance_only = mine.recompute({crux.thesis: theirs.bases[crux.thesis]})
                assert stance_only[crux.thesis] == pytest.approx(crux.with_their_stance, abs=1e-6)
                cruxes_seen += 1
    assert cruxes_seen >= 12


def test_cruxes_are_kept_per_corpus_and_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.argumentation import gradual

    corpus = load_corpus(ARGUMENTS)  # a corpus of its own: nothing kept for it yet
    a, b = "post-revisionist", "misperception"
    calls: list[tuple[str, str]] = []
    real = gradual._cruxes

    def counted(corpus: Corpus, x: str, y: str, *rest: object) -> list[gradual.Crux]:
        calls.append((x, y))
        return real(corpus, x, y, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(gradual, "_cruxes", counted)
    first = cruxes(corpus, a, b)
    assert first and calls == [(a, b)]
    first.clear()  # the caller's list is its own
    assert cruxes(corpus, a, b) == cruxes(corpus, a, b) != []
    assert calls == [(a, b)]
    assert cruxes(corpus, a, b, max_steps=1) != []  # other arguments: computed
    cruxes(corpus, b, a)
    assert calls == [(a, b), (a, b), (b, a)]
    reloaded = load_corpus(ARGUMENTS)  # another corpus: computed again, and equal
    assert cruxes(reloaded, a, b) == cruxes(corpus, a, b)
    assert calls[3:] == [(a, b), (a, b)]


def test_comparisons_are_kept_per_corpus_and_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.argumentation import gradual

    corpus = load_corpus(ARGUMENTS)
    schools = list(corpus.schools)
    calls: list[tuple[str, ...]] = []
    real = gradual._compare

    def counted(corpus: Corpus, names: tuple[str, ...], *rest: object) -> gradual.Comparison:
        calls.append(names)
        return real(corpus, names, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(gradual, "_compare", counted)
    first = compare(corpus, schools, drivers=0)
    assert compare(corpus, schools, drivers=0) is first
    assert compare(corpus, [*schools, schools[0]], drivers=0) is first  # the same schools
    assert calls == [tuple(schools)]
    with_drivers = compare(corpus, schools, explain=3)
    assert with_drivers.differences[0].drivers and not first.differences[0].drivers
    compare(corpus, schools[:2], drivers=0)
    assert calls == [tuple(schools), tuple(schools), tuple(schools[:2])]
    again = compare(load_corpus(ARGUMENTS), schools, drivers=0)  # another corpus
    assert again is not first and again.to_json() == first.to_json()
    assert len(calls) == 4


def test_bases_are_made_when_read_and_equal_the_full_table(cache: Path) -> None:
    """A school's bases are made on demand: with its strengths read from the load cache
    (a warm compare) a compare without drivers makes none of them, a what-if on one
    node only those of what reaches it, and they equal school_bases' full table."""
    school, other = list(load_corpus(ARGUMENTS).schools)[:2]
    school_strengths(load_corpus(ARGUMENTS), school)  # computed, and kept in the cache
    corpus = load_corpus(ARGUMENTS)
    result = school_strengths(corpus, school)
    compare(corpus, [school, other], drivers=0)
    made = result.bases._made  # type: ignore[attr-defined]
    assert made == {}
    from argmap.argumentation.gradual import _map

    reach = {c: _map(corpus).ancestors(c) for c in corpus.claims}
    node = min((c for c in reach if reach[c]), key=lambda c: len(reach[c]))
    theirs = {node: Base(0.95, "accepts")}
    moved = result.what_if(node, theirs)
    assert set(made) == set(reach[node])
    assert moved == pytest.approx(result.recompute(theirs)[node])
    full = school_bases(corpus, school)
    assert dict(result.bases) == full and list(result.bases) == list(full)
    assert len(result.bases) == len(full) == len(corpus.claims) + len(corpus.evidence)
    with pytest.raises(KeyError):
        result.bases["no-such-node"]


ARCHIVE_CONFIRMED = (
    "intro-archives-confirm-dictatorship-violence",
    "intro-personal-archive-reveals-mind",
    "rise-appointments-impersonal",
)


def test_what_the_archives_confirm_stands_for_the_chapters_own_school(bundled: Corpus) -> None:
    labels = school_labels(bundled, "misperception")
    strengths = school_strengths(bundled, "misperception").strength
    for claim_id in ARCHIVE_CONFIRMED:
        assert labels[claim_id].label == "IN", (claim_id, labels[claim_id].reason)
        assert strengths[claim_id] >= 0.65, claim_id


# --------------------------------------------------------------------------- CLI


def test_cli_compare_any_number_of_schools(cli: CLI) -> None:
    schools = list(load_corpus(ARGUMENTS).schools)
    result = cli("compare", *schools, "--limit", "3")
    assert result.returncode == 0, result.stderr
    assert "contested (strengths differ by 0.20 or more)" in result.stdout
    assert "What makes the gap" in result.stdout
    data = json.loads(cli("compare", *schools[:2], "--json", "--limit", "0").stdout)
    assert data["counts"]["contested"] == len(data["differences"]) >= 10
    assert cli("compare", schools[0]).returncode == 2
    assert cli("compare", schools[0], "nope").returncode == 2


def test_cli_cruxes_strength_and_prompts(cli: CLI) -> None:
    result = cli("cruxes", "post-revisionist", "misperception")
    assert result.returncode == 0, result.stderr
    assert "Their readings of the thesis itself" in result.stdout
    assert "of the difference beneath the thesis" in result.stdout
    readings = cli("cruxes", "revisionist", "misperception")
    assert "they part ways over the thesis itself" in readings.stdout
    data = json.loads(cli("cruxes", "post-revisionist", "misperception", "--json").stdout)
    assert data and all(step["node"] != c["thesis"] for c in data for step in c["steps"])
    strength = cli("strength", "--school", "revisionist", "--semantics", "quadratic-energy")
    assert strength.returncode == 0 and "graded strength (quadratic-energy)" in strength.stdout
    prompts_out = json.loads(cli("prompts", "revisionist", "post-revisionist", "--json",
                                 "--limit", "4").stdout)
    assert 1 <= len(prompts_out) <= 4
    assert len({p["question"][:25] for p in prompts_out}) == len(prompts_out)  # varied forms
