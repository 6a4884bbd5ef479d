"""Dung semantics on textbook frameworks, and properties on random ones."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.af import Framework, grounded_extension, is_admissible, is_conflict_free, preferred, stable


def fw(args: str, attacks: list[str]) -> Framework:
    return Framework(list(args), [(a[0], a[1]) for a in attacks])


def test_simple_reinstatement() -> None:
    assert grounded_extension(fw("abc", ["ab", "bc"])) == frozenset("ac")


def test_mutual_attack_has_two_preferred_and_empty_grounded() -> None:
    f = fw("ab", ["ab", "ba"])
    assert grounded_extension(f) == frozenset()
    assert sorted(map(sorted, preferred(f))) == [["a"], ["b"]]
    assert sorted(map(sorted, stable(f))) == [["a"], ["b"]]


def test_odd_cycle_has_no_stable_extension() -> None:
    f = fw("abc", ["ab", "bc", "ca"])
    assert grounded_extension(f) == frozenset()
    assert preferred(f) == [frozenset()]
    assert stable(f) == []


def test_self_attack_is_never_accepted() -> None:
    f = fw("ab", ["aa", "ab"])
    assert grounded_extension(f) == frozenset()
    assert preferred(f) == [frozenset()]


def test_floating_acceptance() -> None:
    f = fw("abcd", ["ab", "ba", "ac", "bc", "cd"])
    assert "d" not in grounded_extension(f)
    assert all("d" in ext for ext in preferred(f))


frameworks = st.integers(min_value=1, max_value=7).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n * 2),
    )
)


def _brute_preferred(f: Framework, names: list[str]) -> set[frozenset[str]]:
    admissible = [frozenset(c) for k in range(len(names) + 1)
                  for c in combinations(names, k) if is_admissible(f, c)]
    return {a for a in admissible if not any(a < b for b in admissible)}


@settings(max_examples=150, deadline=None)
@given(frameworks)
def test_grounded_is_admissible_and_preferred_matches_brute_force(
    spec: tuple[int, list[tuple[int, int]]]
) -> None:
    n, pairs = spec
    names = [f"a{i}" for i in range(n)]
    f = Framework(names, [(names[x], names[y]) for x, y in pairs])
    g = grounded_extension(f)
    assert is_conflict_free(f, g) and is_admissible(f, g)
    prefs = set(preferred(f))
    assert prefs == _brute_preferred(f, names)
    assert all(g <= p for p in prefs)
