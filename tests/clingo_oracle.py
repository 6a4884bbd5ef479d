"""clingo (the ASP solver) as the reference for argmap.argumentation.af, shared by
tests/test_af_clingo.py (an oracle) and benchmarks/bench_af.py (the peer timed).

The encodings are the standard ASPARTIX ones (Egly, Gaggl & Woltran,
"Answer-set programming encodings for argumentation frameworks", Argument &
Computation 1, 2010; Dvořák, Gaggl, Wallner & Woltran, "Making use of advances
in answer-set programming for abstract argumentation systems", INAP 2011):
guess a set, forbid conflicts and undefended members; complete and stable add
one constraint each; preferred enumerates the subset-maximal admissible sets
with clingo's domain heuristic (``--heuristic=Domain --enum-mode=domRec``).
clingo is imported only when a solve is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.argumentation.af import Framework

ADMISSIBLE = """
in(X) :- not out(X), arg(X).
out(X) :- not in(X), arg(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
not_defended(X) :- att(Y, X), not defeated(Y).
:- in(X), not_defended(X).
"""
ENCODINGS = {
    "admissible": ADMISSIBLE,
    "complete": ADMISSIBLE + ":- out(X), not not_defended(X).\n",
    "preferred": ADMISSIBLE + "#heuristic in(X) : arg(X). [1, true]\n",
    "stable": """
in(X) :- not out(X), arg(X).
out(X) :- not in(X), arg(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
:- out(X), not defeated(X).
""",
}


def facts(fw: Framework) -> str:
    """The framework as ASP facts: arg(i) per argument, att(i, j) per attack."""
    index = {a: i for i, a in enumerate(fw.arguments)}
    parts = [f"arg({i})." for i in range(len(fw.arguments))]
    parts += [f"att({index[a]},{index[b]})." for a, b in fw.attacks]
    return "\n".join(parts)


def solve(names: tuple[str, ...], fw_facts: str, semantics: str) -> list[frozenset[str]]:
    """Every extension under ``semantics``, each once: build the control, add the
    facts (made beforehand, so a benchmark can leave them out), ground, solve."""
    import clingo

    args = ["-n", "0"]
    if semantics == "preferred":
        args += ["--heuristic=Domain", "--enum-mode=domRec"]
    ctl = clingo.Control(args)
    ctl.add("base", [], ENCODINGS[semantics] + "#show in/1.\n" + fw_facts)
    ctl.ground([("base", [])])
    found: list[frozenset[str]] = []

    def on_model(model: clingo.Model) -> None:
        found.append(frozenset(names[s.arguments[0].number] for s in model.symbols(shown=True)))

    ctl.solve(on_model=on_model)
    return found


def extensions(fw: Framework, semantics: str) -> set[frozenset[str]]:
    return set(solve(fw.arguments, facts(fw), semantics))
