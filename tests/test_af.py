"""Dung semantics on textbook frameworks, and properties on random ones.

The hand-worked cases are the standard examples of the literature (Dung 1995;
Baroni, Caminada & Giacomin, "An introduction to argumentation semantics",
Knowledge Engineering Review 26, 2011).  The property tests compare every
semantics with a brute-force enumeration of all subsets on frameworks of up to
12 arguments, and, when the ``python-argumentation`` package is installed,
with its implementation (``py_arg``) as an independent oracle.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argumentation import af
from argmap.argumentation.af import (
    Framework,
    Labelling,
    complete,
    credulous,
    explain,
    grounded,
    grounded_extension,
    is_admissible,
    is_complete_extension,
    is_complete_labelling,
    is_conflict_free,
    is_stable_extension,
    labelling_from_extension,
    preferred,
    sceptical,
    stable,
)


def fw(args: str, attacks: list[str]) -> Framework:
    """Framework over one-letter arguments; "ab" means a attacks b."""
    return Framework(list(args), [(a[0], a[1]) for a in attacks])


def exts(found: Iterable[frozenset[str]]) -> list[str]:
    """Extensions as sorted strings, for readable comparisons: {a, c} -> "ac"."""
    return sorted("".join(sorted(e)) for e in found)


def labels(lab: Labelling) -> str:
    """A labelling as "a:IN b:OUT ..." in argument order."""
    return " ".join(f"{a}:{lab[a]}" for a in lab)


# --------------------------------------------------------------------------- textbook frameworks


def test_simple_reinstatement() -> None:
    f = fw("abc", ["ab", "bc"])
    assert grounded_extension(f) == frozenset("ac")
    assert labels(grounded(f)) == "a:IN b:OUT c:IN"
    assert exts(complete(f)) == exts(preferred(f)) == exts(stable(f)) == ["ac"]


def test_mutual_attack_has_two_preferred_and_empty_grounded() -> None:
    f = fw("ab", ["ab", "ba"])
    assert grounded_extension(f) == frozenset()
    assert labels(grounded(f)) == "a:UNDEC b:UNDEC"
    assert sorted(map(sorted, preferred(f))) == [["a"], ["b"]]
    assert sorted(map(sorted, stable(f))) == [["a"], ["b"]]
    assert exts(complete(f)) == ["", "a", "b"]


def test_odd_cycle_has_no_stable_extension() -> None:
    f = fw("abc", ["ab", "bc", "ca"])
    assert grounded_extension(f) == frozenset()
    assert preferred(f) == [frozenset()]
    assert complete(f) == [frozenset()]
    assert stable(f) == []


def test_even_cycle_of_four() -> None:
    f = fw("abcd", ["ab", "bc", "cd", "da"])
    assert labels(grounded(f)) == "a:UNDEC b:UNDEC c:UNDEC d:UNDEC"
    assert exts(preferred(f)) == exts(stable(f)) == ["ac", "bd"]
    assert exts(complete(f)) == ["", "ac", "bd"]


def test_self_attack_is_never_accepted() -> None:
    f = fw("ab", ["aa", "ab"])
    assert grounded_extension(f) == frozenset()
    assert labels(grounded(f)) == "a:UNDEC b:UNDEC"
    assert preferred(f) == [frozenset()]
    assert stable(f) == []


def test_self_attacker_defeated_from_outside() -> None:
    f = fw("ab", ["aa", "ba"])
    assert labels(grounded(f)) == "a:OUT b:IN"
    assert exts(stable(f)) == ["b"]


def test_floating_acceptance() -> None:
    f = fw("abcd", ["ab", "ba", "ac", "bc", "cd"])
    assert "d" not in grounded_extension(f)
    assert all("d" in ext for ext in preferred(f))
    assert exts(preferred(f)) == exts(stable(f)) == ["ad", "bd"]
    assert sceptical(f, "d", "preferred")
    assert sceptical(f, "d", "stable")
    assert not sceptical(f, "d", "grounded")
    assert not sceptical(f, "d", "complete")
    assert credulous(f, "d", "grounded") is False
    assert not credulous(f, "c", "preferred")


def test_empty_framework() -> None:
    f = Framework()
    assert dict(grounded(f)) == {}
    assert preferred(f) == complete(f) == stable(f) == [frozenset()]


def test_odd_cycle_elsewhere_kills_stable_but_not_preferred() -> None:
    f = fw("abxyz", ["ab", "ba", "xy", "yz", "zx"])
    assert exts(preferred(f)) == ["a", "b"]
    assert stable(f) == []
    assert credulous(f, "a", "preferred") and not credulous(f, "a", "stable")
    assert sceptical(f, "a", "stable")  # vacuously: no stable extension at all


def test_preferred_inherits_choices_of_earlier_components() -> None:
    # a <-> b feeds the odd cycle c -> d -> e -> c through b -> c.
    f = fw("abcde", ["ab", "ba", "bc", "cd", "de", "ec"])
    assert exts(preferred(f)) == ["a", "bd"]
    assert exts(stable(f)) == ["bd"]
    assert exts(complete(f)) == ["", "a", "bd"]


# --------------------------------------------------------------------------- acceptance


@pytest.mark.parametrize(
    ("semantics", "cred", "scep"),
    [
        ("grounded", "a", "a"),
        ("complete", "ac", "a"),
        ("preferred", "ac", "ac"),
        ("stable", "ac", "ac"),
    ],
)
def test_acceptance_where_a_defender_conflicts(semantics: af.Semantics, cred: str, scep: str) -> None:
    # a defeats x, which attacked b and c; b <-> c; c attacks d; d attacks b.
    # b cannot be defended: its attacker d is attacked only by c, which attacks b.
    # So the complete extensions are {a} and {a, c}; only {a, c} is preferred/stable.
    f = fw("axbcd", ["ax", "xb", "xc", "bc", "cb", "cd", "db"])
    assert exts(complete(f)) == ["a", "ac"]
    for arg in "axbcd":
        assert credulous(f, arg, semantics) == (arg in cred), arg
        assert sceptical(f, arg, semantics) == (arg in scep), arg


def test_unknown_semantics_is_refused() -> None:
    f = fw("a", [])
    with pytest.raises(ValueError, match="unknown semantics"):
        credulous(f, "a", "ideal")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown semantics"):
        list(af.labellings(f, "semi-stable"))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- labellings and explanations


def test_labelling_is_a_mapping() -> None:
    f = fw("abc", ["ab", "bc"])
    lab = grounded(f)
    assert lab == {"a": "IN", "b": "OUT", "c": "IN"}
    assert lab.in_set == frozenset("ac") and lab.out_set == frozenset("b") and not lab.undec_set
    assert len(lab) == 3 and list(lab) == ["a", "b", "c"]
    assert Labelling.from_mapping(f, {"a": "IN", "b": "OUT", "c": "IN"}) == lab
    with pytest.raises(ValueError, match="no label"):
        Labelling.from_mapping(f, {"a": "IN"})
    with pytest.raises(ValueError, match="IN, OUT or UNDEC"):
        Labelling.from_mapping(f, {"a": "IN", "b": "out", "c": "IN"})


def test_is_complete_labelling_by_hand() -> None:
    f = fw("ab", ["ab", "ba"])
    assert is_complete_labelling(f, {"a": "UNDEC", "b": "UNDEC"})
    assert is_complete_labelling(f, {"a": "IN", "b": "OUT"})
    assert not is_complete_labelling(f, {"a": "IN", "b": "UNDEC"})
    assert not is_complete_labelling(f, {"a": "OUT", "b": "OUT"})


def test_extension_checks_by_hand() -> None:
    f = fw("abc", ["ab", "bc"])
    assert is_conflict_free(f, "ac") and not is_conflict_free(f, "ab")
    assert is_admissible(f, "a") and not is_admissible(f, "c")
    assert is_complete_extension(f, "ac") and not is_complete_extension(f, "a")
    assert is_stable_extension(f, "ac") and not is_stable_extension(f, "a")
    assert labelling_from_extension(f, "a") == {"a": "IN", "b": "OUT", "c": "UNDEC"}


def test_explain_reinstatement() -> None:
    f = fw("abc", ["ab", "bc"])
    lab = grounded(f)
    why_c = explain(f, lab, "c")
    assert why_c.label == "IN" and why_c.out_attackers == ("b",) and why_c.legal
    assert "every attacker is OUT" in why_c.reason
    why_b = explain(f, lab, "b")
    assert why_b.in_attackers == ("a",) and why_b.reason == "OUT: attacked by IN argument(s) a"
    assert explain(f, lab, "a").reason == "IN: no attackers"


def test_explain_undecided_and_illegal_labels() -> None:
    f = fw("ab", ["ab", "ba"])
    why = explain(f, grounded(f), "a")
    assert why.label == "UNDEC" and why.undec_attackers == ("b",) and why.legal
    bad = explain(f, {"a": "IN", "b": "IN"}, "a")
    assert not bad.legal and "illegal" in bad.reason


# --------------------------------------------------------------------------- the framework type


def test_framework_rejects_unknown_arguments_and_dedupes() -> None:
    with pytest.raises(ValueError, match="unknown argument 'z'"):
        Framework(["a"], [("a", "z")])
    f = Framework(["a", "b", "a"], [("a", "b"), ("a", "b")])
    assert f.arguments == ("a", "b") and f.n_attacks == 1
    assert Framework.from_attacks([("a", "b")], ["c"]).arguments == ("c", "a", "b")
    assert f.attackers("b") == ("a",) and f.attacked_by("a") == ("b",)
    assert f.restrict(["b"]).n_attacks == 0
    assert f == Framework(["b", "a"], [("a", "b")])
    with pytest.raises(ValueError, match="outside"):
        Framework.from_indices(["a"], [(0, 1)])


def test_long_chains_need_no_recursion() -> None:
    n = 30_000
    chain = Framework.from_indices([str(i) for i in range(n)], [(i, i + 1) for i in range(n - 1)])
    lab = grounded(chain)
    assert lab[str(n - 1)] == ("IN" if (n - 1) % 2 == 0 else "OUT")
    # 2,000 mutual-attack pairs, each pair's b attacking the next pair's a: one SCC each.
    pairs = 2_000
    names = [f"a{i}" for i in range(pairs)] + [f"b{i}" for i in range(pairs)]
    attacks = [(i, pairs + i) for i in range(pairs)] + [(pairs + i, i) for i in range(pairs)]
    attacks += [(pairs + i, i + 1) for i in range(pairs - 1)]
    ladder = Framework.from_indices(names, attacks)
    first = next(af.extensions(ladder, "preferred"))
    assert len(first) == pairs
    assert credulous(ladder, f"a{pairs - 1}") and not sceptical(ladder, f"a{pairs - 1}")


# --------------------------------------------------------------------------- random frameworks

MAX_ARGS = 12


@st.composite
def frameworks(draw: st.DrawFn, max_args: int = MAX_ARGS) -> tuple[int, list[tuple[int, int]]]:
    """(n, attacks) over 0..n-1, of varied density, self-attacks included."""
    n = draw(st.integers(min_value=0, max_value=max_args))
    if n == 0:
        return 0, []
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return n, draw(st.lists(pairs, max_size=3 * n))


def build(n: int, attacks: list[tuple[int, int]]) -> Framework:
    return Framework.from_indices([f"a{i}" for i in range(n)], attacks)


class Brute:
    """Every extension of a small framework, by trying all 2^n subsets as bit masks."""

    def __init__(self, n: int, attacks: list[tuple[int, int]]) -> None:
        att = [0] * n
        tgt = [0] * n
        for s, t in attacks:
            att[t] |= 1 << s
            tgt[s] |= 1 << t
        full = (1 << n) - 1
        self.n = n
        self.admissible: list[int] = []
        self.complete: list[int] = []
        self.stable: list[int] = []
        for subset in range(1 << n):
            plus = attackers = 0
            for i in range(n):
                if subset >> i & 1:
                    plus |= tgt[i]
                    attackers |= att[i]
            if subset & plus:
                continue  # not conflict-free
            if subset | plus == full:
                self.stable.append(subset)
            if attackers & ~plus:
                continue  # some attacker is not counter-attacked
            self.admissible.append(subset)
            defended = [i for i in range(n) if not att[i] & ~plus]
            if all(subset >> i & 1 for i in defended):
                self.complete.append(subset)
        self.preferred = [
            s for s in self.admissible if not any(t != s and t & s == s for t in self.admissible)
        ]

    def sets(self, masks: list[int]) -> list[str]:
        return sorted(",".join(f"a{i}" for i in range(self.n) if m >> i & 1) for m in masks)


def as_sets(found: Iterable[frozenset[str]]) -> list[str]:
    return sorted(",".join(sorted(e, key=lambda a: int(a[1:]))) for e in found)


@settings(max_examples=120, deadline=None)
@given(frameworks())
def test_grounded_is_the_least_complete_labelling(spec: tuple[int, list[tuple[int, int]]]) -> None:
    f = build(*spec)
    lab = grounded(f)
    g = lab.in_set
    assert is_conflict_free(f, g) and is_admissible(f, g) and is_complete_extension(f, g)
    assert is_complete_labelling(f, lab)
    assert lab == labelling_from_extension(f, g)
    exts_complete = complete(f)
    assert g in exts_complete
    assert all(g <= e for e in exts_complete)


@settings(max_examples=120, deadline=None)
@given(frameworks())
def test_semantics_match_brute_force(spec: tuple[int, list[tuple[int, int]]]) -> None:
    f = build(*spec)
    brute = Brute(*spec)
    assert as_sets(complete(f)) == brute.sets(brute.complete)
    assert as_sets(preferred(f)) == brute.sets(brute.preferred)
    assert as_sets(stable(f)) == brute.sets(brute.stable)


@settings(max_examples=60, deadline=None)
@given(frameworks())
def test_every_labelling_returned_is_legal(spec: tuple[int, list[tuple[int, int]]]) -> None:
    f = build(*spec)
    for semantics in af.SEMANTICS:
        for lab in af.labellings(f, semantics):
            assert is_complete_labelling(f, lab)
            assert all(explain(f, lab, a).legal for a in f.arguments)
            if semantics == "stable":
                assert not lab.undec_set
                assert is_stable_extension(f, lab.in_set)


@settings(max_examples=80, deadline=None)
@given(frameworks(max_args=9))
def test_acceptance_matches_the_extensions(spec: tuple[int, list[tuple[int, int]]]) -> None:
    f = build(*spec)
    for semantics in af.SEMANTICS:
        found = list(af.extensions(f, semantics))
        for arg in f.arguments:
            assert credulous(f, arg, semantics) == any(arg in e for e in found), (semantics, arg)
            assert sceptical(f, arg, semantics) == all(arg in e for e in found), (semantics, arg)


def _brute_preferred(f: Framework, names: list[str]) -> set[frozenset[str]]:
    admissible = [
        frozenset(c) for k in range(len(names) + 1) for c in combinations(names, k) if is_admissible(f, c)
    ]
    return {a for a in admissible if not any(a < b for b in admissible)}


@settings(max_examples=60, deadline=None)
@given(frameworks(max_args=7))
def test_grounded_is_admissible_and_preferred_matches_brute_force(
    spec: tuple[int, list[tuple[int, int]]],
) -> None:
    n, pairs = spec
    names = [f"a{i}" for i in range(n)]
    f = Framework(names, [(names[x], names[y]) for x, y in pairs])
    g = grounded_extension(f)
    assert is_conflict_free(f, g) and is_admissible(f, g)
    prefs = set(preferred(f))
    assert prefs == _brute_preferred(f, names)
    assert all(g <= p for p in prefs)


# --------------------------------------------------------------------------- py_arg as an oracle


@settings(max_examples=80, deadline=None)
@given(frameworks(max_args=9))
def test_agrees_with_python_argumentation(spec: tuple[int, list[tuple[int, int]]]) -> None:
    """Cross-check with python-argumentation (``py_arg``), an independent
    implementation (Odekerken et al., Utrecht), when it is installed."""
    aaf = pytest.importorskip(
        "py_arg.abstract_argumentation_classes.abstract_argumentation_framework",
        reason="python-argumentation (py_arg) is not installed: `pip install python-argumentation`",
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_complete_extensions import get_complete_extensions
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    n, pairs = spec
    f = build(n, pairs)
    args = [Argument(f"a{i}") for i in range(n)]
    theirs = aaf.AbstractArgumentationFramework("t", args, [Defeat(args[s], args[t]) for s, t in set(pairs)])

    def names(found: Iterable[Iterable[object]]) -> list[str]:
        return as_sets(frozenset(str(a) for a in e) for e in found)

    assert grounded_extension(f) == frozenset(str(a) for a in get_grounded_extension(theirs))
    assert as_sets(complete(f)) == names(get_complete_extensions(theirs))
    assert as_sets(preferred(f)) == names(get_preferred_extensions(theirs))
    assert as_sets(stable(f)) == names(get_stable_extensions(theirs))
