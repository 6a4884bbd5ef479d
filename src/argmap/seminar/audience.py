"""The class as an audience: its impact votes as base scores over the same QBAF
the schools are read on (:mod:`argmap.argumentation.gradual`).

A claim's mean vote on the 0-4 impact scale becomes its base score linearly,
0 -> 0.1 ... 4 -> 0.9 (2, "some impact", is the neutral 0.5 a school with no
view gives); a claim nobody voted on, and every piece of evidence, starts at
0.5.  Supports and attacks, their weights and the semantics are the schools'
own, and the class grants every inference in full (it has no stances to
discount reasons with), so its strengths can stand in one table with
:func:`~argmap.argumentation.gradual.school_strengths`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from argmap.argumentation import qbaf
from argmap.argumentation.gradual import (
    NO_VIEW,
    Base,
    SchoolStrengths,
    Semantics,
    _framework,
    _map,
)
from argmap.core.corpus import Corpus
from argmap.core.errors import UsageError
from argmap.seminar.store import Tally

LOW: Final = 0.1
HIGH: Final = 0.9


def vote_base(mean: float) -> float:
    """0..4 mapped onto 0.1..0.9."""
    clipped = min(4.0, max(0.0, mean))
    return LOW + (HIGH - LOW) * clipped / 4.0


def class_bases(corpus: Corpus, votes: Mapping[str, Tally]) -> dict[str, Base]:
    out: dict[str, Base] = {}
    for node in (*corpus.claims, *corpus.evidence):
        tally = votes.get(node)
        if tally is None or tally.count == 0:
            out[node] = Base(NO_VIEW, "no votes")
        else:
            out[node] = Base(vote_base(tally.mean),
                             f"class vote {tally.mean:.1f} of 4 ({tally.count} vote"
                             f"{'s' if tally.count != 1 else ''})")
    return out


def class_strengths(corpus: Corpus, votes: Mapping[str, Tally], *, name: str = "class",
                    semantics: Semantics = "df-quad") -> SchoolStrengths:
    """The class's base scores and strengths over every claim and piece of evidence,
    as a :class:`SchoolStrengths` named ``name`` (not cached: votes change)."""
    if semantics not in qbaf.SEMANTICS:
        raise UsageError(f"unknown semantics '{semantics}'; expected one of {', '.join(qbaf.SEMANTICS)}")
    bases = class_bases(corpus, votes)
    result = qbaf.strengths(_framework(_map(corpus), bases), semantics)
    return SchoolStrengths(name, semantics, bases, dict(result.values), result.converged, corpus)
