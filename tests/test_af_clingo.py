"""argmap.argumentation.af against clingo, an independent ASP solver, as oracle
(the encodings: tests/clingo_oracle.py).  Brute force cannot reach 200 arguments; clingo can,
so this is where the search is checked at the size of the benchmark.

No timings are asserted here: the comparison of speed is
``benchmarks/bench_af.py``'s job.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

clingo = pytest.importorskip(
    "clingo",
    reason="clingo is not installed (it is in the dev extra: `pip install -e .[dev]`); "
    "it is the oracle for the af search at sizes brute force cannot reach",
)

from argmap.argumentation import af  # noqa: E402
from tests.clingo_oracle import extensions as clingo_extensions  # noqa: E402


def erdos_renyi(n: int, p: float, seed: int) -> af.Framework:
    """Each ordered pair (a, b), a = b included, is an attack with probability p
    (the benchmark's generator)."""
    rng = random.Random(seed)
    pairs = [(a, b) for a in range(n) for b in range(n) if rng.random() < p]
    return af.Framework.from_indices([f"a{i}" for i in range(n)], pairs)


def ours(fw: af.Framework, semantics: af.Semantics) -> set[frozenset[str]]:
    found = list(af.extensions(fw, semantics))
    assert len(found) == len(set(found)), "an extension was reported twice"
    return set(found)


def cycle(n: int, self_attacks: Iterable[int] = ()) -> af.Framework:
    pairs = [(i, (i + 1) % n) for i in range(n)] + [(i, i) for i in self_attacks]
    return af.Framework.from_indices([f"a{i}" for i in range(n)], pairs)


SMALL_SHAPES = {
    "empty": af.Framework(),
    "one argument": af.Framework(["a"]),
    "self-attack": af.Framework(["a"], [("a", "a")]),
    "odd cycle of 3": cycle(3),
    "odd cycle of 7": cycle(7),
    "even cycle of 6": cycle(6),
    "cycle of 5 with a self-attack": cycle(5, [2]),
    "odd cycle attacked by a mutual attack": af.Framework(
        list("abcde"), [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "c")]
    ),
}


@pytest.mark.parametrize("name", list(SMALL_SHAPES))
def test_small_shapes_agree_with_clingo(name: str) -> None:
    fw = SMALL_SHAPES[name]
    for semantics in ("complete", "preferred", "stable"):
        assert ours(fw, semantics) == clingo_extensions(fw, semantics), semantics


@pytest.mark.parametrize("seed", range(40))
def test_the_preferred_encoding_is_the_maximal_admissible_sets(seed: int) -> None:
    """The oracle checks itself: domRec's models are the subset-maximal
    admissible sets (small frameworks, where all admissible sets are few)."""
    rng = random.Random(seed)
    fw = erdos_renyi(rng.randint(1, 12), rng.choice((0.1, 0.2, 0.3)), seed)
    admissible = clingo_extensions(fw, "admissible")
    maximal = {s for s in admissible if not any(s < t for t in admissible)}
    assert clingo_extensions(fw, "preferred") == maximal


@pytest.mark.parametrize("seed", range(60))
def test_random_small_frameworks_agree_with_clingo(seed: int) -> None:
    """3–30 arguments, sparse to dense, self-attacks included."""
    rng = random.Random(1000 + seed)
    n = rng.randint(3, 30)
    p = rng.choice((0.03, 0.06, 0.1, 0.15, 0.25, 0.4))
    fw = erdos_renyi(n, p, seed)
    for semantics in ("complete", "preferred", "stable"):
        assert ours(fw, semantics) == clingo_extensions(fw, semantics), (n, p, semantics)


@pytest.mark.parametrize(
    ("n", "p", "seed"), [(n, p, s) for n in (60, 100) for p in (0.03, 0.06, 0.1) for s in range(3)]
)
def test_medium_frameworks_agree_with_clingo(n: int, p: float, seed: int) -> None:
    fw = erdos_renyi(n, p, seed)
    for semantics in ("preferred", "stable"):
        assert ours(fw, semantics) == clingo_extensions(fw, semantics), semantics


# The benchmark's frameworks: 200 arguments, one strongly connected component
# from p = 0.03 on; at p = 0.02 several preferred extensions of ~55 arguments.
BENCHMARK_CASES = [(0.02, 0), (0.02, 1), (0.02, 2), (0.03, 0), (0.03, 2), (0.05, 1), (0.1, 1)]


@pytest.mark.parametrize(("p", "seed"), BENCHMARK_CASES)
def test_benchmark_frameworks_agree_with_clingo(p: float, seed: int) -> None:
    fw = erdos_renyi(200, p, seed)
    assert ours(fw, "preferred") == clingo_extensions(fw, "preferred")
    assert ours(fw, "stable") == clingo_extensions(fw, "stable")


@pytest.mark.parametrize(("p", "seed"), [(0.02, 0), (0.02, 1)])
def test_credulous_acceptance_is_the_union_of_clingo_extensions(p: float, seed: int) -> None:
    """An argument is credulously accepted under preferred semantics iff it is
    in some preferred extension; checked argument by argument."""
    fw = erdos_renyi(200, p, seed)
    union = frozenset().union(*clingo_extensions(fw, "preferred"))
    assert {a for a in fw.arguments if af.credulous(fw, a)} == union
