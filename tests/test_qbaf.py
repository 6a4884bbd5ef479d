"""Gradual semantics of QBAFs: worked examples, principles and convergence.

The worked examples are computed by hand, the arithmetic written out next to
each.  The property tests check, on random QBAFs, the principles of Baroni,
Rago & Toni ("From fine-grained properties to broad principles for gradual
argumentation: a principled spectrum", IJAR 105, 2019) that DF-QuAD and the
quadratic energy model satisfy: balance, monotonicity, directionality,
boundedness, and (DF-QuAD and QE alike) the cancellation of equal attack and
support.  Acyclic results are compared with a naive recursive evaluation of the
definitions written here, independently of the engine; cyclic results with the
fixed-point equations they must satisfy.
"""

from __future__ import annotations

import copy
import math
import pickle
from collections.abc import Iterable, Mapping
from typing import Literal, TypeAlias

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap.argumentation.qbaf import (
    QBAF,
    SEMANTICS,
    Edge,
    Semantics,
    attribution,
    df_quad,
    quadratic_energy,
    strengths,
)

# --------------------------------------------------------------------------- the definitions, naively


def h(x: float) -> float:
    """Potyka's quadratic influence."""
    x = max(x, 0.0)
    return x * x / (1 + x * x)


def aggregates(q: QBAF, s: Mapping[str, float], a: str, semantics: Semantics) -> tuple[float, float]:
    """(attack aggregate, support aggregate) of ``a`` given strengths ``s``:
    probabilistic sums for DF-QuAD, weighted sums for quadratic energy."""
    if semantics == "df-quad":
        va = 1 - math.prod(1 - w * s[b] for b, w in q.attackers[a])
        vs = 1 - math.prod(1 - w * s[b] for b, w in q.supporters[a])
        return va, vs
    return sum(w * s[b] for b, w in q.attackers[a]), sum(w * s[b] for b, w in q.supporters[a])


def update(q: QBAF, s: Mapping[str, float], a: str, semantics: Semantics) -> float:
    """The strength ``a`` must have, given its parents' strengths ``s``."""
    v0 = q.base[a]
    va, vs = aggregates(q, s, a, semantics)
    if semantics == "df-quad":
        return v0 - v0 * (va - vs) if va >= vs else v0 + (1 - v0) * (vs - va)
    energy = vs - va
    return v0 - v0 * h(-energy) + (1 - v0) * h(energy)


def recursive(q: QBAF, semantics: Semantics) -> dict[str, float]:
    """Strengths of an acyclic QBAF straight from the recursive definition."""
    memo: dict[str, float] = {}

    def sigma(a: str) -> float:
        if a not in memo:
            parents = {b for b, _ in (*q.attackers[a], *q.supporters[a])}
            memo[a] = update(q, {b: sigma(b) for b in parents}, a, semantics)
        return memo[a]

    return {a: sigma(a) for a in q.arguments}


def children(q: QBAF) -> dict[str, list[tuple[str, int]]]:
    """source -> [(target, +1 for support / -1 for attack)]."""
    out: dict[str, list[tuple[str, int]]] = {a: [] for a in q.arguments}
    for t in q.arguments:
        for b, _ in q.attackers[t]:
            out[b].append((t, -1))
        for b, _ in q.supporters[t]:
            out[b].append((t, 1))
    return out


def reached_from(q: QBAF, x: str) -> set[str]:
    """x and every argument x has a path to."""
    kids = children(q)
    seen = {x}
    stack = [x]
    while stack:
        for t, _ in kids[stack.pop()]:
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return seen


def path_signs(q: QBAF, x: str, t: str) -> set[int]:
    """The signs (+1: even number of attacks) of the paths from x to t, acyclic q."""
    kids = children(q)
    memo: dict[str, set[int]] = {}

    def signs(v: str) -> set[int]:  # signs of paths from v to t
        if v not in memo:
            found = {1} if v == t else set()
            for c, sign in kids[v]:
                found |= {sign * p for p in signs(c)}
            memo[v] = found
        return memo[v]

    return signs(x)


Weighted: TypeAlias = tuple[str, str, float]


def edges(q: QBAF) -> tuple[list[Weighted], list[Weighted]]:
    """q's attacks and supports as build() takes them."""
    att = [(b, a, w) for a in q.arguments for b, w in q.attackers[a]]
    sup = [(b, a, w) for a in q.arguments for b, w in q.supporters[a]]
    return att, sup


def with_edge(q: QBAF, edge: Weighted, *, support: bool) -> QBAF:
    att, sup = edges(q)
    (sup if support else att).append(edge)
    return QBAF.build(q.base, att, sup)


def values(q: QBAF, semantics: Semantics) -> dict[str, float]:
    return dict(strengths(q, semantics).values)


# --------------------------------------------------------------------------- worked examples


def test_one_attack() -> None:
    # a -> b attack, both base 0.5.
    # DF-QuAD: va = 1 - (1 - 0.5) = 0.5, vs = 0; b = 0.5 - 0.5 * 0.5 = 0.25.
    # QE: E(b) = -0.5, h(0.5) = 0.25 / 1.25 = 0.2; b = 0.5 - 0.5 * 0.2 = 0.4.
    q = QBAF.build({"a": 0.5, "b": 0.5}, attacks=[("a", "b")], supports=[])
    assert values(q, "df-quad") == pytest.approx({"a": 0.5, "b": 0.25})
    assert values(q, "quadratic-energy") == pytest.approx({"a": 0.5, "b": 0.4})
    result = df_quad(q)
    assert result.converged and result.iterations == 0 and result.semantics == "df-quad"


def test_support_chain() -> None:
    # a -> b -> c supports, all base 0.5, listed target first so the order of
    # listing is not the order of evaluation.
    # DF-QuAD: b = 0.5 + 0.5 * 0.5 = 0.75; c = 0.5 + 0.5 * 0.75 = 0.875.
    # QE: b = 0.5 + 0.5 * h(0.5) = 0.5 + 0.5 * 0.2 = 0.6;
    #     c = 0.5 + 0.5 * h(0.6) = 0.5 + 0.5 * 0.36 / 1.36 = 0.5 + 9/68 = 43/68.
    q = QBAF.build({"c": 0.5, "b": 0.5, "a": 0.5}, attacks=[], supports=[("b", "c"), ("a", "b")])
    assert values(q, "df-quad") == pytest.approx({"a": 0.5, "b": 0.75, "c": 0.875})
    assert values(q, "quadratic-energy") == pytest.approx({"a": 0.5, "b": 0.6, "c": 43 / 68})


def test_attack_of_an_attack_reinstates() -> None:
    # a attacks b attacks c, all base 0.5.
    # DF-QuAD: b = 0.25, c = 0.5 - 0.5 * 0.25 = 0.375 (without a it would be 0.25).
    # QE: b = 0.4, c = 0.5 - 0.5 * h(0.4) = 0.5 - 0.5 * 0.16 / 1.16 = 0.5 - 2/29.
    q = QBAF.build(dict.fromkeys("abc", 0.5), attacks=[("a", "b"), ("b", "c")])
    assert values(q, "df-quad")["c"] == pytest.approx(0.375)
    assert values(q, "quadratic-energy")["c"] == pytest.approx(0.5 - 2 / 29)


def test_weights_and_aggregation() -> None:
    # t (base 0.6) attacked by a (base 1, weight 0.5), supported by b (base 0.5, weight 0.8).
    # DF-QuAD: va = 0.5 * 1 = 0.5, vs = 0.8 * 0.5 = 0.4; t = 0.6 - 0.6 * 0.1 = 0.54.
    # QE: E = 0.4 - 0.5 = -0.1; t = 0.6 - 0.6 * 0.01 / 1.01 = 0.6 - 0.006 / 1.01.
    q = QBAF.build({"t": 0.6, "a": 1.0, "b": 0.5}, attacks=[("a", "t", 0.5)], supports=[("b", "t", 0.8)])
    assert values(q, "df-quad")["t"] == pytest.approx(0.54)
    assert values(q, "quadratic-energy")["t"] == pytest.approx(0.6 - 0.006 / 1.01)
    # Two attackers of strength 0.5 on base 0.8: DF-QuAD saturates, QE adds.
    # DF-QuAD: va = 1 - 0.5 * 0.5 = 0.75; t = 0.8 - 0.8 * 0.75 = 0.2.
    # QE: E = -1, h(1) = 0.5; t = 0.8 - 0.8 * 0.5 = 0.4.
    q2 = QBAF.build({"t": 0.8, "a": 0.5, "b": 0.5}, attacks=[("a", "t"), ("b", "t")])
    assert values(q2, "df-quad")["t"] == pytest.approx(0.2)
    assert values(q2, "quadratic-energy")["t"] == pytest.approx(0.4)


def test_equal_attack_and_support_cancel() -> None:
    # DF-QuAD: va = vs = 0.7 * 0.9, so t keeps its base 0.3; QE: E = 0.63 - 0.63 = 0.
    q = QBAF.build({"t": 0.3, "a": 0.9, "b": 0.9}, attacks=[("a", "t", 0.7)], supports=[("b", "t", 0.7)])
    for semantics in SEMANTICS:
        assert values(q, semantics)["t"] == 0.3


def test_e_democracy_debate_of_rago_et_al() -> None:
    """The e-democracy debate of Rago, Toni, Aurisicchio & Baroni (KR 2016),
    with the base scores as Potyka transcribes it in his examples: two answers
    A1, A2 (0.5), pros P1 (0.7), P2 (0.5), P3 (0.9), cons C1 (0.2), C2 (0.2),
    C3 (0.6), C4 (0.5).  P1, P2 support A1; P3 supports A2; C1 attacks A2;
    C2, C3, C4 attack P2.  The strengths below are our hand computation."""
    base = {"A1": 0.5, "A2": 0.5, "P1": 0.7, "P2": 0.5, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5}
    q = QBAF.build(
        base,
        attacks=[("C1", "A2"), ("C2", "P2"), ("C3", "P2"), ("C4", "P2")],
        supports=[("P1", "A1"), ("P2", "A1"), ("P3", "A2")],
    )
    # DF-QuAD.  P2: va = 1 - 0.8 * 0.4 * 0.5 = 0.84, so P2 = 0.5 - 0.5 * 0.84 = 0.08.
    #   A1: vs = 1 - 0.3 * 0.92 = 0.724, so A1 = 0.5 + 0.5 * 0.724 = 0.862.
    #   A2: va = 0.2, vs = 0.9, so A2 = 0.5 + 0.5 * 0.7 = 0.85.
    df = values(q, "df-quad")
    assert df["P2"] == pytest.approx(0.08)
    assert df["A1"] == pytest.approx(0.862)
    assert df["A2"] == pytest.approx(0.85)
    assert df["C1"] == 0.2 and df["P3"] == 0.9
    # QE.  P2: E = -(0.2 + 0.6 + 0.5) = -1.3, so P2 = 0.5 - 0.5 * 1.69 / 2.69 = 0.5 / 2.69.
    #   A1: E = 0.7 + 0.5 / 2.69; A2: E = 0.9 - 0.2 = 0.7, so A2 = 0.5 + 0.5 * 0.49 / 1.49.
    qe = values(q, "quadratic-energy")
    p2 = 0.5 / 2.69
    assert qe["P2"] == pytest.approx(p2)
    assert qe["A1"] == pytest.approx(0.5 + 0.5 * h(0.7 + p2))
    assert qe["A1"] == pytest.approx(0.71985, abs=1e-5)
    assert qe["A2"] == pytest.approx(0.5 + 0.5 * 0.49 / 1.49)


# --------------------------------------------------------------------------- cycles by hand


def real_root(cubic: list[float]) -> float:
    """The root in [0, 1] of a cubic increasing there, by bisection."""

    def p(x: float) -> float:
        return ((cubic[0] * x + cubic[1]) * x + cubic[2]) * x + cubic[3]

    lo, hi = 0.0, 1.0
    assert p(lo) < 0 < p(hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if p(mid) < 0 else (lo, mid)
    return lo


def test_df_quad_mutual_attack_converges_to_one_third() -> None:
    # a <-> b attack, base 0.5: the update is s -> 0.5 - 0.5 s, a contraction
    # with fixed point s = 1/3; each sweep halves the distance to it.
    q = QBAF.build({"a": 0.5, "b": 0.5}, attacks=[("a", "b"), ("b", "a")])
    result = df_quad(q)
    assert result.converged
    assert result.values == pytest.approx({"a": 1 / 3, "b": 1 / 3}, abs=1e-9)


def test_df_quad_support_cycle_counts_its_sweeps() -> None:
    # a -> b -> c -> a supports, base 0.5: sweep k gives 1 - 2**-(k+1) to all
    # three, moving by 2**-(k+1).  2**-30 < 1e-9 < 2**-29, so sweep 29 is the
    # first to move by less than tol, and every number is exact in binary.
    q = QBAF.build(dict.fromkeys("abc", 0.5), supports=[("a", "b"), ("b", "c"), ("c", "a")])
    result = df_quad(q, tol=1e-9)
    assert result.converged and result.iterations == 29
    assert set(result.values.values()) == {1 - 2**-30}
    # Cut off at 10 sweeps it has not converged, and says so; the value is the
    # mean of sweeps 9 and 10.
    short = df_quad(q, max_iter=10)
    assert not short.converged and short.iterations == 10
    assert set(short.values.values()) == {((1 - 2**-10) + (1 - 2**-11)) / 2}


def test_df_quad_oscillation_is_reported() -> None:
    # a <-> b attack, base 1: (1, 1) -> (0, 0) -> (1, 1) -> ... never settles.
    # The engine sees the two-cycle after two sweeps and returns its centre,
    # (0.5, 0.5), flagged as not converged.
    q = QBAF.build({"a": 1.0, "b": 1.0}, attacks=[("a", "b"), ("b", "a")])
    result = df_quad(q)
    assert not result.converged
    assert result.iterations == 2
    assert result.values == {"a": 0.5, "b": 0.5}
    # The rest of the graph is still evaluated from those values: c, attacked by a.
    q2 = QBAF.build({"a": 1.0, "b": 1.0, "c": 0.8}, attacks=[("a", "b"), ("b", "a"), ("a", "c")])
    assert df_quad(q2).values["c"] == pytest.approx(0.8 - 0.8 * 0.5)


def test_quadratic_energy_two_cycle() -> None:
    # a <-> b attack, base 0.5; by symmetry a = b = s with E = -s:
    # s = 0.5 - 0.5 s^2 / (1 + s^2)  <=>  s (1 + s^2) = 0.5  <=>  s^3 + s - 0.5 = 0,
    # whose one real root is, by Cardano, cbrt(1/4 + r) + cbrt(1/4 - r), r = sqrt(1/16 + 1/27).
    r = math.sqrt(1 / 16 + 1 / 27)
    root = math.cbrt(0.25 + r) + math.cbrt(0.25 - r)
    assert root**3 + root - 0.5 == pytest.approx(0, abs=1e-15)
    q = QBAF.build({"a": 0.5, "b": 0.5}, attacks=[("a", "b"), ("b", "a")])
    result = quadratic_energy(q)
    assert result.converged and 0 < result.iterations < 10_000
    assert result.values == pytest.approx({"a": root, "b": root}, abs=1e-8)


def test_quadratic_energy_three_cycles() -> None:
    # Attack cycle a -> b -> c -> a, base 1: s = 1 - h(s)  <=>  s^3 + s - 1 = 0.
    q = QBAF.build(dict.fromkeys("abc", 1.0), attacks=[("a", "b"), ("b", "c"), ("c", "a")])
    result = quadratic_energy(q)
    root = real_root([1, 0, 1, -1])
    assert root == pytest.approx(0.6823278, abs=1e-7)
    assert result.converged and result.values == pytest.approx(dict.fromkeys("abc", root), abs=1e-8)
    # Support cycle, base 0.5: s = 0.5 + 0.5 h(s)  <=>  s^3 - s^2 + s - 0.5 = 0
    # (increasing, so one real root).
    q = QBAF.build(dict.fromkeys("abc", 0.5), supports=[("a", "b"), ("b", "c"), ("c", "a")])
    result = quadratic_energy(q)
    root = real_root([1, -1, 1, -0.5])
    assert result.converged and result.values == pytest.approx(dict.fromkeys("abc", root), abs=1e-8)
    # The step does not change where it ends, only how fast.
    slow = quadratic_energy(q, step=0.1)
    assert slow.values == pytest.approx(result.values, abs=1e-8)
    assert slow.iterations > result.iterations


def test_quadratic_energy_reports_a_cut_off() -> None:
    q = QBAF.build(dict.fromkeys("abc", 1.0), attacks=[("a", "b"), ("b", "c"), ("c", "a")])
    result = quadratic_energy(q, max_iter=3)
    assert not result.converged and result.iterations == 3
    assert all(0 <= v <= 1 for v in result.values.values())


def test_cycle_downstream_of_an_acyclic_part_and_upstream_of_another() -> None:
    # y attacks x, x supports a; a <-> b attack; b attacks t.  y, x and t are
    # evaluated exactly, the 2-cycle by iteration with x's final strength (not
    # its base score) as input.  Check every argument against its equation.
    q = QBAF.build(
        {"y": 0.6, "x": 0.9, "a": 0.5, "b": 0.5, "t": 0.7},
        attacks=[("y", "x"), ("a", "b"), ("b", "a"), ("b", "t")],
        supports=[("x", "a")],
    )
    for semantics in SEMANTICS:
        result = strengths(q, semantics)
        assert result.converged
        assert result.values["x"] < 0.9
        for arg in q.arguments:
            assert result.values[arg] == pytest.approx(update(q, result.values, arg, semantics), abs=1e-8)


# --------------------------------------------------------------------------- random QBAFs

BASES = st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0.0, 1.0))
WEIGHTS = st.one_of(st.just(1.0), st.floats(0.0, 1.0, exclude_min=True))
MAX_ARGS = 8


Shape: TypeAlias = Literal["acyclic", "cyclic", "strong", "layered"]


@st.composite
def qbafs(draw: st.DrawFn, shape: Shape, *, max_args: int = MAX_ARGS) -> QBAF:
    """A random QBAF over a0..a{n-1}, listed in a random order.

    * acyclic: edges only from a{i} to a{j} with i < j;
    * cyclic: edges between any two distinct arguments;
    * strong: cyclic, plus a ring a0 -> a1 -> ... -> a0 (each edge an attack or
      a support) that makes the whole QBAF one strongly connected component;
    * layered: acyclic except inside a band a{lo}..a{hi-1}, which has a ring
      and any edges, so a cycle is fed by an acyclic part whose strengths are
      not its base scores and feeds another.
    """
    n = draw(st.integers(1 if shape in ("acyclic", "cyclic") else 2, max_args))
    lo, hi = 0, (0 if shape == "acyclic" else n)
    if shape == "layered":
        lo = draw(st.integers(0, n - 2))
        hi = draw(st.integers(lo + 2, n))
    names = [f"a{i}" for i in range(n)]
    pairs = [
        (i, j) for i in range(n) for j in range(n) if i < j or (i != j and lo <= min(i, j) and max(i, j) < hi)
    ]
    chosen: list[tuple[int, int]] = (
        draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * n)) if pairs else []
    )
    if shape in ("strong", "layered"):
        ring = [(i, i + 1 if i + 1 < hi else lo) for i in range(lo, hi)]
        chosen = list(dict.fromkeys([*ring, *chosen]))
    att: list[Edge] = []
    sup: list[Edge] = []
    for i, j in chosen:
        edge = (names[i], names[j], draw(WEIGHTS))
        (sup if draw(st.booleans()) else att).append(edge)
    order = draw(st.permutations(range(n)))
    base = {names[i]: draw(BASES) for i in order}
    return QBAF.build(base, att, sup)


def any_qbafs(**kwargs: int) -> st.SearchStrategy[QBAF]:
    shapes: tuple[Shape, ...] = ("acyclic", "cyclic", "strong", "layered")
    return st.sampled_from(shapes).flatmap(lambda shape: qbafs(shape, **kwargs))


def cyclic_qbafs(**kwargs: int) -> st.SearchStrategy[QBAF]:
    shapes: tuple[Shape, ...] = ("cyclic", "strong", "layered")
    return st.sampled_from(shapes).flatmap(lambda shape: qbafs(shape, **kwargs))


semantics_st = st.sampled_from(SEMANTICS)


@settings(max_examples=150, deadline=None)
@given(qbafs("acyclic"), semantics_st)
def test_acyclic_is_the_recursive_definition(q: QBAF, semantics: Semantics) -> None:
    result = strengths(q, semantics)
    assert result.converged and result.iterations == 0
    assert result.values == pytest.approx(recursive(q, semantics), abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(any_qbafs(), semantics_st)
def test_bounded(q: QBAF, semantics: Semantics) -> None:
    assert all(0.0 <= v <= 1.0 for v in strengths(q, semantics).values.values())


@settings(max_examples=150, deadline=None)
@given(qbafs("acyclic"), semantics_st)
def test_balance(q: QBAF, semantics: Semantics) -> None:
    """Baroni, Rago & Toni (2019), Balance: an argument keeps its base score
    exactly when attack and support weigh the same (in particular when it has
    neither), and falls (rises) when the attack (support) aggregate is larger.
    Strictly so when the base score leaves room to move and the difference is
    not lost in rounding."""
    s = strengths(q, semantics).values
    for a in q.arguments:
        v0, sigma = q.base[a], s[a]
        va, vs = aggregates(q, s, a, semantics)
        if not q.attackers[a] and not q.supporters[a]:
            assert sigma == v0
        if va == vs:
            assert sigma == v0
        elif va > vs:
            assert sigma <= v0
        else:
            assert sigma >= v0
        # Big enough to survive rounding: DF-QuAD moves by v0 * (va - vs) (or
        # (1 - v0) * (vs - va)); QE by v0 * h(va - vs), h(1e-3) being about 1e-6.
        margin = 1e-6 if semantics == "df-quad" else 1e-3
        if va - vs > margin and v0 > 1e-6:
            assert sigma < v0
        if vs - va > margin and v0 < 1 - 1e-6:
            assert sigma > v0


@settings(max_examples=200, deadline=None)
@given(qbafs("acyclic"), semantics_st, st.data())
def test_monotonicity(q: QBAF, semantics: Semantics, data: st.DataObject) -> None:
    """Raising the base score of x never lowers a target that x reaches only
    along paths with an even number of attacks (a supporter, the supporter of
    a supporter, the attacker of an attacker, ...), and never raises one that x
    reaches only along paths with an odd number (an attacker, ...).  Direct
    supporters and attackers with no other path are the simplest case.  The
    target's own base score counts the same way: raising it never lowers it."""
    x = data.draw(st.sampled_from(q.arguments))
    t = data.draw(st.sampled_from(q.arguments))
    higher = data.draw(st.floats(q.base[x], 1.0))
    before = strengths(q, semantics).values[t]
    after = strengths(q.with_base({x: higher}), semantics).values[t]
    signs = path_signs(q, x, t)
    if signs == {1}:
        assert after >= before - 1e-12
    elif signs == {-1}:
        assert after <= before + 1e-12
    elif not signs:
        assert after == before  # x does not reach t


@settings(max_examples=200, deadline=None)
@given(any_qbafs(), semantics_st, st.data())
def test_directionality(q: QBAF, semantics: Semantics, data: st.DataObject) -> None:
    """A new edge into x, or a new base score for x, changes nothing that x
    does not reach (Baroni, Rago & Toni 2019, Directionality); on cyclic QBAFs
    too, where the components x does not reach are solved identically."""
    x = data.draw(st.sampled_from(q.arguments))
    others = [a for a in q.arguments if a != x]
    assume(others)
    y = data.draw(st.sampled_from(others))
    support = data.draw(st.booleans())
    assume(y not in dict(q.supporters[x] if support else q.attackers[x]))
    changed = with_edge(q, (y, x, data.draw(WEIGHTS)), support=support).with_base({x: data.draw(BASES)})
    before, after = values(q, semantics), values(changed, semantics)
    unaffected = set(q.arguments) - reached_from(changed, x)
    assert {a: after[a] for a in unaffected} == {a: before[a] for a in unaffected}


@settings(max_examples=150, deadline=None)
@given(qbafs("acyclic"), semantics_st, st.data())
def test_a_new_supporter_never_lowers_a_new_attacker_never_raises(
    q: QBAF, semantics: Semantics, data: st.DataObject
) -> None:
    t = data.draw(st.sampled_from(q.arguments))
    # The new parent must not be reached from t, or the QBAF would turn cyclic.
    candidates = [a for a in q.arguments if a not in reached_from(q, t)]
    assume(candidates)
    y = data.draw(st.sampled_from(candidates))
    weight = data.draw(WEIGHTS)
    before = strengths(q, semantics).values[t]
    if y not in dict(q.supporters[t]):
        assert strengths(with_edge(q, (y, t, weight), support=True), semantics).values[t] >= before
    if y not in dict(q.attackers[t]):
        assert strengths(with_edge(q, (y, t, weight), support=False), semantics).values[t] <= before


@settings(max_examples=100, deadline=None)
@given(qbafs("acyclic", max_args=5), semantics_st, st.data())
def test_equal_attack_and_support_cancel_on_random_qbafs(
    q: QBAF, semantics: Semantics, data: st.DataObject
) -> None:
    """A copy q' of q is built beside it; t is attacked by some arguments of q
    and supported, with the same weights, by their copies in q'.  Their
    strengths are identical, so attack and support cancel and t keeps its
    base score: exactly under DF-QuAD (same products in the same order), up to
    a rounding error squared under QE."""
    att, sup = edges(q)

    def copy(a: str) -> str:
        return a + "'"

    base = {**q.base, **{copy(a): v for a, v in q.base.items()}, "t": data.draw(BASES)}
    att += [(copy(e[0]), copy(e[1]), e[2]) for e in att]
    sup += [(copy(e[0]), copy(e[1]), e[2]) for e in sup]
    parents = data.draw(st.lists(st.tuples(st.sampled_from(q.arguments), WEIGHTS), unique_by=lambda p: p[0]))
    att += [(a, "t", w) for a, w in parents]
    sup += [(copy(a), "t", w) for a, w in parents]
    doubled = QBAF.build(base, att, sup)
    got = strengths(doubled, semantics).values["t"]
    if semantics == "df-quad":
        assert got == base["t"]
    else:
        assert got == pytest.approx(base["t"], abs=1e-15)


@settings(max_examples=100, deadline=None)
@given(any_qbafs(), semantics_st, st.data())
def test_listing_order_does_not_matter(q: QBAF, semantics: Semantics, data: st.DataObject) -> None:
    """Evaluation order comes from the graph, and cycles are iterated
    synchronously (Jacobi), so listing the arguments differently changes
    nothing, not even on cycles."""
    order = data.draw(st.permutations(q.arguments))
    att, sup = edges(q)
    shuffled = QBAF.build({a: q.base[a] for a in order}, att, sup)
    assert values(shuffled, semantics) == values(q, semantics)


# --------------------------------------------------------------------------- convergence on cycles


@settings(max_examples=150, deadline=None)
@given(cyclic_qbafs(max_args=10), semantics_st)
def test_cyclic_results_are_fixed_points(q: QBAF, semantics: Semantics) -> None:
    """Potyka (2018) observed the continuous quadratic energy model converging
    on every cyclic graph tried; so it does here.  Whatever converged, DF-QuAD
    included, satisfies the fixed-point equation of its semantics, with the
    final strengths of the arguments outside its cycle."""
    result = strengths(q, semantics)
    if semantics == "quadratic-energy":
        assert result.converged
    if result.converged:
        for a in q.arguments:
            assert result.values[a] == pytest.approx(update(q, result.values, a, semantics), abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(cyclic_qbafs(max_args=8))
def test_the_rk4_step_changes_the_speed_not_the_result(q: QBAF) -> None:
    """The default step (1) ends where Potyka's 0.1 does."""
    fine = quadratic_energy(q, step=0.1)
    coarse = quadratic_energy(q)
    assert fine.converged and coarse.converged
    assert coarse.values == pytest.approx(fine.values, abs=1e-8)
    assert coarse.iterations <= fine.iterations


def jacobi_moves(q: QBAF, sweeps: int, tol: float) -> bool:
    """Whether the plain synchronous DF-QuAD iteration of the whole QBAF, from
    the base scores, still moves some strength by tol or more at the last of
    ``sweeps`` sweeps; written from the definition, independently of the engine."""
    s = dict(q.base)
    moved = math.inf
    for _ in range(sweeps):
        new = {a: update(q, s, a, "df-quad") for a in q.arguments}
        moved = max(abs(new[a] - s[a]) for a in q.arguments)
        s = new
        if moved < tol:
            return False
    return moved >= tol


@settings(max_examples=150, deadline=None)
@given(qbafs("strong", max_args=6))
def test_df_quad_convergence_flag_is_truthful(q: QBAF) -> None:
    """On strongly connected QBAFs (one component, so one iteration): when
    DF-QuAD says it converged, the strengths satisfy the fixed-point equation;
    when it says it did not, an independent Jacobi iteration from the base
    scores indeed keeps moving."""
    max_iter = 200
    result = df_quad(q, max_iter=max_iter)
    assert 1 <= result.iterations <= max_iter
    if result.converged:
        for a in q.arguments:
            assert result.values[a] == pytest.approx(update(q, result.values, a, "df-quad"), abs=1e-7)
    else:
        assert jacobi_moves(q, max_iter, 1e-9)


def test_df_quad_converges_on_some_random_cycles_and_not_others() -> None:
    """Both outcomes of the flag above are exercised: a damped cycle (weights
    below 1) converges, an undamped odd cycle of base-1 attacks oscillates."""
    damped = QBAF.build(
        dict.fromkeys("abc", 0.7), attacks=[("a", "b", 0.6), ("b", "c", 0.6), ("c", "a", 0.6)]
    )
    assert df_quad(damped).converged
    # a -> b -> c -> a attacks, base 1: (1,1,1) -> (0,0,0) -> (1,1,1) ...
    wild = QBAF.build(dict.fromkeys("abc", 1.0), attacks=[("a", "b"), ("b", "c"), ("c", "a")])
    assert not df_quad(wild).converged
    assert jacobi_moves(wild, 1000, 1e-9)


# --------------------------------------------------------------------------- attribution


def test_attribution_by_hand() -> None:
    # a attacks t, b supports t, all base 0.5.  DF-QuAD: t = 0.5 (they cancel);
    # without a, t = 0.5 + 0.5 * 0.5 = 0.75, so a's attribution is 0.5 - 0.75;
    # without b, t = 0.25, so b's is 0.5 - 0.25.  QE: 0.5 - 0.6 and 0.5 - 0.4.
    q = QBAF.build(dict.fromkeys("abt", 0.5), attacks=[("a", "t")], supports=[("b", "t")])
    assert attribution(q, "t") == pytest.approx({"a": -0.25, "b": 0.25})
    assert attribution(q, "t", "quadratic-energy") == pytest.approx({"a": -0.1, "b": 0.1})
    # x attacks a, which attacks t: the attacker of an attacker helps.
    # t = 0.5 - 0.5 * 0.25 = 0.375; without x, t = 0.25; without a, t = 0.5.
    chain = QBAF.build(dict.fromkeys("xat", 0.5), attacks=[("x", "a"), ("a", "t")])
    assert attribution(chain, "t") == pytest.approx({"x": 0.125, "a": -0.125})
    # Arguments that do not reach the target are left out (their attribution is 0).
    assert set(attribution(chain, "a")) == {"x"}
    assert attribution(chain, "x") == {}


@settings(max_examples=100, deadline=None)
@given(any_qbafs(max_args=6), semantics_st, st.data())
def test_attribution_is_removal(q: QBAF, semantics: Semantics, data: st.DataObject) -> None:
    t = data.draw(st.sampled_from(q.arguments))
    got = attribution(q, t, semantics)
    assert set(got) == q.ancestors(t) - {t}
    full = strengths(q, semantics).values[t]
    for x, score in got.items():
        assert score == pytest.approx(full - strengths(q.without([x]), semantics).values[t], abs=1e-9)


@st.composite
def in_trees(draw: st.DrawFn) -> tuple[QBAF, dict[str, int]]:
    """A QBAF in which every argument reaches the root t by exactly one path,
    with the sign of that path (+1: even number of attacks).  Base scores and
    weights stay off the extremes so that every removal shows."""
    n = draw(st.integers(1, 7))
    names = ["t", *(f"x{i}" for i in range(1, n + 1))]
    att: list[Edge] = []
    sup: list[Edge] = []
    sign = {"t": 1}
    for i in range(1, n + 1):
        parent = names[draw(st.integers(0, i - 1))]
        support = draw(st.booleans())
        (sup if support else att).append((names[i], parent, draw(st.floats(0.1, 1.0))))
        sign[names[i]] = sign[parent] * (1 if support else -1)
    base = {a: draw(st.floats(0.1, 0.9)) for a in names}
    return QBAF.build(base, att, sup), sign


@settings(max_examples=150, deadline=None)
@given(in_trees(), semantics_st)
def test_attribution_sign_follows_the_path(tree: tuple[QBAF, dict[str, int]], semantics: Semantics) -> None:
    """Where each argument reaches the target by one path, removing a supporter
    lowers it and removing an attacker raises it: attribution is positive for
    supporters (and attackers of attackers), negative for attackers (and
    supporters of attackers).  Strictly for direct parents; further away the
    effect may shrink below rounding, so only its sign is checked."""
    q, sign = tree
    got = attribution(q, "t", semantics)
    direct = {b for b, _ in (*q.attackers["t"], *q.supporters["t"])}
    for x, score in got.items():
        if x in direct:
            assert score * sign[x] > 0
        else:
            assert score * sign[x] >= -1e-12


# --------------------------------------------------------------------------- the QBAF type


def test_build_validation() -> None:
    ok = {"a": 0.5, "b": 0.5}
    bad_cases: list[tuple[Mapping[str, object], Iterable[object], Iterable[object], str]] = [
        ({"a": 1.5}, [], [], r"base score of 'a' must lie in \[0, 1\]"),
        ({"a": -0.1}, [], [], "must lie in"),
        ({"a": math.nan}, [], [], "must lie in"),
        ({"a": "0.5"}, [], [], "must be a number"),
        ({"a": True}, [], [], "must be a number"),
        (ok, [("a", "b", 0.0)], [], r"must lie in \(0, 1\]"),
        (ok, [], [("a", "b", 1.5)], r"weight of support 'a' -> 'b' must lie in \(0, 1\]"),
        (ok, [("a", "z")], [], "unknown argument 'z'"),
        (ok, [], [("z", "a")], "unknown argument 'z'"),
        (ok, [("a", "a")], [], "self-loop"),
        (ok, [], [("b", "b", 0.5)], "self-loop"),
        (ok, [("a",)], [], r"\(source, target\)"),
        (ok, [("a", "b", 0.5, 1)], [], r"\(source, target\)"),
        (ok, [("a", "b", 0.5), ("a", "b", 0.7)], [], "twice with different weights"),
    ]
    for base, attacks, supports, message in bad_cases:
        with pytest.raises(ValueError, match=message):
            QBAF.build(base, attacks, supports)  # type: ignore[arg-type]
    # The same edge twice with the same weight is one edge; attack and support both count.
    q = QBAF.build(ok, [("a", "b"), ("a", "b", 1.0)], [("a", "b", 0.5)])
    assert q.attackers["b"] == (("a", 1.0),) and q.supporters["b"] == (("a", 0.5),)
    assert q.attackers["a"] == () and q.base == {"a": 0.5, "b": 0.5}


def test_direct_construction_is_validated_too() -> None:
    with pytest.raises(ValueError, match="distinct"):
        QBAF(("a", "a"), {"a": 0.5}, {}, {})
    with pytest.raises(ValueError, match="no base score"):
        QBAF(("a", "b"), {"a": 0.5}, {}, {})
    with pytest.raises(ValueError, match="unknown arguments"):
        QBAF(("a",), {"a": 0.5, "b": 0.5}, {}, {})
    with pytest.raises(ValueError, match="unknown argument 'z'"):
        QBAF(("a",), {"a": 0.5}, {"a": (("z", 1.0),)}, {})
    with pytest.raises(ValueError, match="given twice"):
        QBAF(("a", "b"), {"a": 0.5, "b": 0.5}, {"b": (("a", 1.0), ("a", 1.0))}, {})
    q = QBAF(("a", "b"), {"a": 0.5, "b": 1}, {"b": (("a", 1),)}, {})
    assert q == QBAF.build({"a": 0.5, "b": 1.0}, [("a", "b")], [])
    assert hash(q) == hash(QBAF.build({"a": 0.5, "b": 1.0}, [("a", "b")], []))
    assert repr(q) == "QBAF(2 arguments, 1 attacks, 0 supports)"


def test_other_argument_errors() -> None:
    q = QBAF.build({"a": 0.5, "b": 0.5}, [("a", "b")], [])
    for call in (
        lambda: q.with_base({"z": 0.5}),
        lambda: q.without(["z"]),
        lambda: q.restrict_to_ancestors("z"),
        lambda: attribution(q, "z"),
    ):
        with pytest.raises(ValueError, match="unknown argument 'z'"):
            call()
    with pytest.raises(ValueError, match="must lie in"):
        q.with_base({"a": 2.0})
    with pytest.raises(ValueError, match="unknown semantics"):
        strengths(q, "h-categoriser")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown semantics"):
        attribution(q, "b", "h-categoriser")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tol"):
        df_quad(q, tol=0)
    with pytest.raises(ValueError, match="max_iter"):
        quadratic_energy(q, max_iter=0)
    with pytest.raises(ValueError, match="step"):
        quadratic_energy(q, step=-1)


def test_derived_frameworks() -> None:
    q = QBAF.build(
        {"a": 0.2, "b": 0.4, "c": 0.6, "d": 0.8},
        attacks=[("a", "b"), ("b", "c")],
        supports=[("c", "d"), ("d", "b")],
    )
    # b -> c -> d -> b is a cycle, a feeds it; nothing else.
    assert q.ancestors("a") == frozenset()
    assert q.ancestors("b") == frozenset("abcd")
    assert not q.is_acyclic()
    assert QBAF.build({"a": 0.5}).is_acyclic()
    gone = q.without(["c"])
    assert (
        gone.arguments == ("a", "b", "d")
        and gone.supporters["d"] == ()
        and gone.attackers["b"] == (("a", 1.0),)
    )
    assert q.restrict_to_ancestors("a").arguments == ("a",)
    moved = q.with_base({"a": 1.0})
    assert moved.base["a"] == 1.0 and q.base["a"] == 0.2  # a copy, q unchanged
    assert moved.attackers == q.attackers


@settings(max_examples=100, deadline=None)
@given(any_qbafs(), semantics_st, st.data())
def test_restriction_to_ancestors_keeps_the_strength(
    q: QBAF, semantics: Semantics, data: st.DataObject
) -> None:
    t = data.draw(st.sampled_from(q.arguments))
    sub = q.restrict_to_ancestors(t)
    assert set(sub.arguments) == q.ancestors(t) | {t}
    assert strengths(sub, semantics).values[t] == strengths(q, semantics).values[t]


def test_pickles_and_copies() -> None:
    """Caches (Streamlit's among them) pickle what they keep."""
    q = QBAF.build({"a": 0.5, "b": 0.25}, [("a", "b", 0.5)], [("b", "a")])
    strengths(q)  # fills the graph cache, which must not get in the way
    for twin in (pickle.loads(pickle.dumps(q)), copy.deepcopy(q), copy.copy(q)):
        assert twin == q and hash(twin) == hash(q)
        assert strengths(twin) == strengths(q)
    result = strengths(q, "quadratic-energy")
    assert pickle.loads(pickle.dumps(result)) == result


def test_long_chains_need_no_recursion() -> None:
    n = 20_000
    names = [f"a{i}" for i in range(n)]
    q = QBAF.build(dict.fromkeys(names, 0.5), supports=[(names[i], names[i + 1]) for i in range(n - 1)])
    # s(a_k) = 0.5 + 0.5 s(a_{k-1}) tends to 1.
    for semantics in SEMANTICS:
        result = strengths(q, semantics)
        assert result.converged and result.iterations == 0
    assert df_quad(q).values[names[-1]] == pytest.approx(1.0)


# --------------------------------------------------------------------------- reweighting


SCALES = st.floats(0.05, 1.0)


@settings(max_examples=60, deadline=None)
@given(qbafs("layered"), st.data())
def test_reweighted_equals_a_framework_built_with_the_scaled_weights(q: QBAF, data: st.DataObject) -> None:
    """``reweighted`` shares the cached components; the result must not depend on it."""
    att = {a: data.draw(SCALES) for a in q.arguments if data.draw(st.booleans())}
    sup = {a: data.draw(SCALES) for a in q.arguments if data.draw(st.booleans())}
    q.is_acyclic()  # warm the cache, so the copy really shares it
    assume(all(w * att.get(t, 1.0) > 0 and w * sup.get(t, 1.0) > 0  # no underflow to 0
               for t in q.arguments for _, w in (*q.attackers[t], *q.supporters[t])))
    fresh = QBAF.build(
        dict(q.base),
        [(b, t, w * att.get(t, 1.0)) for t in q.arguments for b, w in q.attackers[t]],
        [(b, t, w * sup.get(t, 1.0)) for t in q.arguments for b, w in q.supporters[t]],
    )
    shared = q.reweighted(att, sup)
    for semantics in SEMANTICS:
        expected = strengths(fresh, semantics).values
        got = strengths(shared, semantics).values
        for a in q.arguments:
            assert got[a] == pytest.approx(expected[a], abs=1e-9)


def test_reweighted_rejects_scales_outside_the_unit_interval() -> None:
    q = QBAF.build({"a": 0.5, "b": 0.5}, attacks=[("a", "b")])
    with pytest.raises(ValueError, match="weight scale"):
        q.reweighted({"b": 0.0}, {})
    with pytest.raises(ValueError, match="weight scale"):
        q.reweighted({}, {"b": 1.5})


@settings(max_examples=150, deadline=None)
@given(any_qbafs())
def test_descendant_counts_are_what_a_search_from_each_argument_reaches(q: QBAF) -> None:
    """The bit-set union over components counts exactly what a plain search finds."""
    counts = q.descendant_counts()
    assert counts == {a: len(reached_from(q, a)) - 1 for a in q.arguments}
