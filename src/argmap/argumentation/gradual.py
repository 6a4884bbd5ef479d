"""Graded strength per school: the map as a quantitative bipolar framework.

Dung labels (:mod:`argmap.argumentation.audiences`) say IN or OUT; a seminar
comparing schools needs to know *how strong* a claim is for each school when
supports and attacks both count, and *what makes the difference*.  This module
reads each school as an audience over a QBAF (:mod:`argmap.argumentation.qbaf`):

* **Arguments** are the claims and the evidence.
* **Supports** are the map's ``supports``.  **Attacks** are ``attacks`` and
  ``undercuts`` (on the conclusion of the undercut inference, as in the Dung
  reduction), ``contradicts`` both ways, and ``qualifies`` at half weight: a
  qualification weakens, it does not refute.  A claim's supporters together
  weigh as much as one strong reason (each of n weighs 1 - 0.1 ** (1/n), so n
  fully strong ones aggregate to 0.9), and so do its attackers.
* **Base scores** come from the school: its stance on the node (accepts 0.85,
  qualifies 0.6, disputed 0.5, rejects 0.15), else, for evidence, the school's
  trust in that kind of evidence, else 0.5 (no view).
* **Strength** is computed with DF-QuAD (default) or the quadratic-energy
  model.  Supports are aggregated, so a claim with several independent
  supports keeps most of its strength when one of them falls.

On top of the strengths: :func:`compare` (where schools differ, ranked, with
the stances and evidence that produce each difference), :func:`cruxes` (for a
thesis, the few nodes whose adoption closes most of the gap, each effect
recomputed) and :func:`prompts` (seminar questions from the cruxes).  One
definition of *contested* serves them all: :func:`is_contested`.
docs/semantics.md, "Graded strength", gives the reasoning and the numbers.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations
from typing import Any, Final

from argmap.argumentation import qbaf
from argmap.argumentation.qbaf import QBAF
from argmap.argumentation.qbaf import Semantics as Semantics
from argmap.cache.filecache import derived
from argmap.core.corpus import Corpus
from argmap.core.errors import UsageError
from argmap.core.model import Claim, Evidence, Stance

__all__ = [
    "BASE_SCORE",
    "CONTESTED_GAP",
    "NO_VIEW",
    "Base",
    "Comparison",
    "Crux",
    "CruxStep",
    "Difference",
    "Driver",
    "Prompt",
    "SchoolStrengths",
    "compare",
    "cruxes",
    "is_contested",
    "prompts",
    "school_strengths",
]

BASE_SCORE: Final[Mapping[str, float]] = {
    "accepts": 0.85, "qualifies": 0.6, "disputed": 0.5, "rejects": 0.15,
}
NO_VIEW: Final = 0.5
QUALIFIES_WEIGHT: Final = 0.5
CONTESTED_GAP: Final = 0.2
"""Two schools *contest* a claim when their strengths differ by at least this much."""
MIN_EFFECT: Final = 0.01
"""A driver or crux step that moves a strength by less than this is not reported."""


def is_contested(strengths: Iterable[float]) -> bool:
    """The one definition of *contested*, used by the CLI, the app and the docs."""
    values = list(strengths)
    return len(values) > 1 and max(values) - min(values) >= CONTESTED_GAP - 1e-12


# --------------------------------------------------------------------------- the map


@dataclass
class _Bipolar:
    """The school-independent part: weighted supports and attacks, once per corpus."""

    arguments: tuple[str, ...]
    supports: list[tuple[str, str, float]]
    attacks: list[tuple[str, str, float]]
    parents: dict[str, set[str]]  # node -> what supports or attacks it
    children: dict[str, set[str]]  # node -> what it supports or attacks
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    _neutral: QBAF | None = None
    # For restricted(): each argument's position, and the edges into each argument.
    _into: tuple[dict[str, int], dict[str, list[tuple[str, str, float]]],
                 dict[str, list[tuple[str, str, float]]]] | None = None

    def ancestors(self, node: str) -> frozenset[str]:
        """Everything from which ``node`` can be reached (its strength depends only on these)."""
        hit = self._ancestors.get(node)
        if hit is None:
            seen = {node}
            work = [node]
            while work:
                for parent in self.parents.get(work.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        work.append(parent)
            seen.discard(node)
            hit = self._ancestors[node] = frozenset(seen)
        return hit

    def neutral(self) -> QBAF:
        """The map as a QBAF with every base score 0.5 and no school's grants: built
        (and its components found) once, then reweighted and rebased per school."""
        if self._neutral is None:
            self._neutral = QBAF.build({n: NO_VIEW for n in self.arguments},
                                       self.attacks, self.supports)
        return self._neutral

    def restricted(self, node: str) -> QBAF:
        """The neutral framework of ``node`` and what reaches it: the same framework as
        ``neutral().restrict_to_ancestors(node)`` (same arguments, edges, order), built
        from the edges into those nodes alone, so that asking about a few nodes does
        not build the whole map's framework first."""
        if self._neutral is not None:
            return self._neutral.restrict_to_ancestors(node)
        if self._into is None:
            position = {n: i for i, n in enumerate(self.arguments)}
            attacks: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
            supports: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
            for edge in self.attacks:
                attacks[edge[1]].append(edge)
            for edge in self.supports:
                supports[edge[1]].append(edge)
            self._into = (position, attacks, supports)
        position, attacks, supports = self._into
        # Each node's edges keep their order in the map's lists, so every sum is taken
        # in the same order as on the whole framework, and the strengths agree exactly.
        keep = sorted({node, *self.ancestors(node)}, key=position.__getitem__)
        return QBAF.build({n: NO_VIEW for n in keep},
                          [e for n in keep for e in attacks.get(n, ())],
                          [e for n in keep for e in supports.get(n, ())])

    def all_downstream(self) -> dict[str, int]:
        """How many nodes rest on each node (reachable along supports and attacks), on
        the neutral framework (the same nodes and edges)."""
        return self.neutral().descendant_counts()


REASONS_CEILING: Final[float] = 0.9
"""What n fully strong supporters (or attackers) of one claim aggregate to under
DF-QuAD, whatever n: each weighs 1 - (1 - 0.9) ** (1 / n)."""


def _share(n: int) -> float:
    return float(1.0 - (1.0 - REASONS_CEILING) ** (1.0 / n))


def _bipolar(corpus: Corpus) -> _Bipolar:
    arguments = (*corpus.claims, *corpus.evidence)
    known = set(arguments)
    weights: dict[tuple[str, str, str], float] = {}
    for rel in corpus.relations:
        if rel.source not in known or rel.target not in known or rel.source == rel.target:
            continue
        if rel.kind == "supports":
            pairs = [("s", rel.source, rel.target, 1.0)]
        elif rel.kind in ("attacks", "undercuts"):
            pairs = [("a", rel.source, rel.target, 1.0)]
        elif rel.kind == "contradicts":
            pairs = [("a", rel.source, rel.target, 1.0), ("a", rel.target, rel.source, 1.0)]
        else:  # qualifies
            pairs = [("a", rel.source, rel.target, QUALIFIES_WEIGHT)]
        for kind, src, tgt, w in pairs:
            key = (kind, src, tgt)
            weights[key] = max(w, weights.get(key, 0.0))
    # A claim's supporters together weigh as much as one strong reason, and so do its
    # attackers: they are the text's co-reasons for one conclusion, not independent
    # witnesses, and without this a thesis with twenty supports would be certain for
    # every school whatever its stance (DF-QuAD's aggregation saturates).
    count = Counter((k, t) for (k, _, t) in weights)
    supports = [(s, t, w * _share(count["s", t])) for (k, s, t), w in weights.items() if k == "s"]
    attacks = [(s, t, w * _share(count["a", t])) for (k, s, t), w in weights.items() if k == "a"]
    parents: dict[str, set[str]] = defaultdict(set)
    children: dict[str, set[str]] = defaultdict(set)
    for s, t, _ in (*supports, *attacks):
        parents[t].add(s)
        children[s].add(t)
    return _Bipolar(arguments, supports, attacks, dict(parents), dict(children))


GRANT: Final[Mapping[str, tuple[float, float]]] = {
    # position: (weight granted to the reasons for the node, to the reasons against it)
    "accepts": (1.0, 0.5), "qualifies": (0.75, 1.0), "disputed": (0.5, 1.0), "rejects": (0.25, 1.0),
}
"""A stance is also a reading of the map's inferences: a school that rejects a claim
denies most of what the text offers for it, and one that accepts a claim discounts
the objections (as an audience's commitments make attacks fail in audiences.py)."""


@dataclass(frozen=True)
class Base:
    """A node's starting point for a school: its base score, the weight the school
    grants to the reasons for and against it, and where these come from."""

    value: float
    why: str  # "accepts", "rejects", ..., "trust in memoir", "no view"
    stance: Stance | None = None
    support_grant: float = 1.0
    attack_grant: float = 1.0

    @classmethod
    def of_stance(cls, stance: Stance) -> Base:
        support, attack = GRANT[stance.position]
        return cls(BASE_SCORE[stance.position], stance.position, stance, support, attack)

    @property
    def position(self) -> str:
        return self.stance.position if self.stance is not None else self.why

    def same_as(self, other: Base) -> bool:
        return (abs(self.value - other.value) < 1e-9 and self.support_grant == other.support_grant
                and self.attack_grant == other.attack_grant)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": round(self.value, 4), "from": self.why}
        if self.stance is not None:
            data["basis"] = self.stance.basis
            if self.stance.proponents:
                data["proponents"] = list(self.stance.proponents)
        return data


def _need_school(corpus: Corpus, school: str) -> None:
    if school not in corpus.schools:
        raise UsageError(f"no school '{school}'; schools: {', '.join(corpus.schools)}")


def school_bases(corpus: Corpus, school: str) -> dict[str, Base]:
    """Every node's base score for ``school``: its stance, its trust in the kind of evidence,
    or no view."""
    _need_school(corpus, school)
    return dict(_Bases(corpus, school))


class _Bases(Mapping[str, Base]):
    """One school's base scores (see :func:`school_bases`), each made when first read.

    The strengths come from the load cache on a warm run, and then a ``compare`` reads
    the bases of only the few nodes whose differences it explains: making all 15,000
    of a 10,000-claim map for each school up front made that command 15% slower.
    Sessions of the app share one; two threads making the same base at once make
    equal ones."""

    def __init__(self, corpus: Corpus, school: str) -> None:
        self._corpus = corpus
        self._stances = {s.claim: s for s in corpus.stances if s.school == school}
        self._trust = {t.kind: t.score for t in corpus.schools[school].evidence_trust}
        self._made: dict[str, Base] = {}

    def __getitem__(self, node: str) -> Base:
        found = self._made.get(node)
        if found is None:
            found = self._made[node] = self._make(node)
        return found

    def _make(self, node: str) -> Base:
        evidence = self._corpus.evidence.get(node)
        if evidence is None and node not in self._corpus.claims:
            raise KeyError(node)
        stance = self._stances.get(node)
        if stance is not None:
            return Base.of_stance(stance)
        if evidence is not None and evidence.kind in self._trust:
            return Base(self._trust[evidence.kind], f"trust in {evidence.kind}")
        return Base(NO_VIEW, "no view")

    def __iter__(self) -> Iterator[str]:
        yield from self._corpus.claims
        yield from (node for node in self._corpus.evidence if node not in self._corpus.claims)

    def __len__(self) -> int:
        return len(self._corpus.claims.keys() | self._corpus.evidence.keys())


def _framework(bip: _Bipolar, bases: Mapping[str, Base], node: str | None = None,
               changes: Mapping[str, Base] | None = None) -> QBAF:
    """The school's QBAF (or only ``node`` and what reaches it): base scores (``changes``
    over ``bases``), and edge weights scaled by what the school grants the reasons
    into each node."""
    whole = bip.neutral() if node is None else bip.restricted(node)
    changes = changes or {}
    mine = [changes[n] if n in changes else bases[n] for n in whole.arguments]
    return whole.reweighted(
        {n: b.attack_grant for n, b in zip(whole.arguments, mine, strict=True)
         if b.attack_grant != 1.0},
        {n: b.support_grant for n, b in zip(whole.arguments, mine, strict=True)
         if b.support_grant != 1.0},
    ).with_base({n: b.value for n, b in zip(whole.arguments, mine, strict=True)})


@dataclass(frozen=True)
class SchoolStrengths:
    """One school's base scores and computed strengths over the whole map."""

    school: str
    semantics: Semantics
    bases: Mapping[str, Base]
    strength: dict[str, float]
    converged: bool
    _corpus: Corpus = field(repr=False, compare=False)

    @cached_property
    def _map(self) -> _Bipolar:
        """The map's supports and attacks, wanted only to recompute (strengths read
        from the cache do not need them)."""
        return _map(self._corpus)

    @cached_property
    def framework(self) -> QBAF:
        """The school's whole framework (base scores and granted weights)."""
        return _framework(self._map, self.bases)

    def what_if(self, node: str, changes: Mapping[str, Base]) -> float:
        """``node``'s strength had the school taken the stances in ``changes``
        (recomputed on ``node`` and what reaches it: both semantics are directional)."""
        if not changes:
            return self.strength[node]
        sub = _framework(self._map, self.bases, node, changes)
        return qbaf.strengths(sub, self.semantics).values[node]

    def recompute(self, changes: Mapping[str, Base]) -> Mapping[str, float]:
        """Every strength had the school taken the stances in ``changes``, on the whole
        framework (slower than :meth:`what_if`; for checking it)."""
        return qbaf.strengths(_framework(self._map, self.bases, changes=changes),
                              self.semantics).values


class _Cache:
    """Per-corpus results, keyed by the corpus object (a map reloaded is a new corpus)."""

    def __init__(self) -> None:
        self._corpus: Corpus | None = None
        self.bipolar: _Bipolar | None = None
        self.downstream: dict[str, int] | None = None
        self.strengths: dict[tuple[str, str], SchoolStrengths] = {}
        self.cruxes: dict[tuple[object, ...], tuple[Crux, ...]] = {}
        self.comparisons: dict[tuple[object, ...], Comparison] = {}

    def of(self, corpus: Corpus) -> _Cache:
        if self._corpus is not corpus:
            self._corpus = corpus
            self.bipolar = None
            self.downstream = None
            self.strengths = {}
            self.cruxes = {}
            self.comparisons = {}
        return self


_CACHE = _Cache()


def _map(corpus: Corpus) -> _Bipolar:
    cache = _CACHE.of(corpus)
    if cache.bipolar is None:
        # Kept with the corpus: reading it back is a third of building it from every
        # relation (10,000 claims: 0.04 s against 0.13 s), and drivers and cruxes need it.
        cache.bipolar = derived(corpus.derived_key, "bipolar", _Bipolar, lambda: _bipolar(corpus))
    return cache.bipolar


def _downstream(corpus: Corpus) -> dict[str, int]:
    """How many nodes rest on each node (computed once per corpus, and kept with it)."""
    cache = _CACHE.of(corpus)
    if cache.downstream is None:
        cache.downstream = derived(corpus.derived_key, "downstream", dict,
                                   lambda: _map(corpus).all_downstream())
    return cache.downstream


def school_strengths(
    corpus: Corpus, school: str, semantics: Semantics = "df-quad"
) -> SchoolStrengths:
    """Base scores and strengths of every claim and piece of evidence for ``school``
    (computed once per corpus, school and semantics)."""
    _need_school(corpus, school)
    if semantics not in qbaf.SEMANTICS:
        raise UsageError(f"unknown semantics '{semantics}'; expected one of {', '.join(qbaf.SEMANTICS)}")
    cache = _CACHE.of(corpus)
    key = (school, semantics)
    if key not in cache.strengths:
        bases = _Bases(corpus, school)

        def compute() -> tuple[dict[str, float], bool]:
            result = qbaf.strengths(_framework(_map(corpus), bases), semantics)
            return dict(result.values), result.converged

        # The bases are made as they are read (they hold the corpus's own stance
        # records); the strengths, which cost building and solving the whole
        # framework, are kept.
        strength, converged = derived(corpus.derived_key, f"strengths:{school}:{semantics}",
                                      tuple, compute)
        cache.strengths[key] = SchoolStrengths(school, semantics, bases, strength, converged,
                                               corpus)
    return cache.strengths[key]


def _node(corpus: Corpus, node: str) -> Claim | Evidence:
    return corpus.claims.get(node) or corpus.evidence[node]


def _school_name(corpus: Corpus, school: str) -> str:
    name = corpus.schools[school].name
    return name if name.lower().startswith("the ") else f"the {name}"


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Driver:
    """A node whose base scores differ between two schools, and how much of the
    difference on a claim it produces: ``effect`` is the change in ``low``'s
    strength of the claim had ``low`` taken ``high``'s base score for ``node``
    (recomputed, not estimated)."""

    node: str
    high: Base
    low: Base
    effect: float

    def to_json(self) -> dict[str, Any]:
        return {"node": self.node, "high": self.high.to_json(), "low": self.low.to_json(),
                "effect": round(self.effect, 4)}


@dataclass(frozen=True)
class Difference:
    """A contested claim: each school's strength, and what produces the gap."""

    claim: str
    strengths: dict[str, float]
    high: str
    low: str
    downstream: int
    drivers: tuple[Driver, ...]

    @property
    def spread(self) -> float:
        return self.strengths[self.high] - self.strengths[self.low]

    @property
    def weight(self) -> float:
        """Rank: how far the schools part ways, times how much of the map rests on it."""
        return self.spread * (1.0 + math.log1p(self.downstream))

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim, "spread": round(self.spread, 4), "downstream": self.downstream,
            "rank_weight": round(self.weight, 4), "high": self.high, "low": self.low,
            "strengths": {s: round(v, 4) for s, v in self.strengths.items()},
            "drivers": [d.to_json() for d in self.drivers],
        }


@dataclass(frozen=True)
class Comparison:
    """How strong each claim is for each school, and where they part ways."""

    schools: tuple[str, ...]
    semantics: Semantics
    strengths: dict[str, dict[str, float]]  # school -> claim -> strength
    differences: tuple[Difference, ...]  # contested claims, most important first
    agreed_strong: tuple[str, ...]  # every school >= 0.65
    agreed_weak: tuple[str, ...]  # every school <= 0.35
    converged: bool

    def to_json(self) -> dict[str, Any]:
        claims = next(iter(self.strengths.values()), {})
        return {
            "schools": list(self.schools), "semantics": self.semantics,
            "contested_gap": CONTESTED_GAP, "converged": self.converged,
            "counts": {"claims": len(claims), "contested": len(self.differences),
                       "agreed_strong": len(self.agreed_strong),
                       "agreed_weak": len(self.agreed_weak)},
            "differences": [d.to_json() for d in self.differences],
            "agreed_strong": list(self.agreed_strong),
            "agreed_weak": list(self.agreed_weak),
            "strengths": {s: {c: round(v, 4) for c, v in m.items()} for s, m in self.strengths.items()},
        }


def _drivers(
    corpus: Corpus, node: str, high: SchoolStrengths, low: SchoolStrengths, limit: int,
    *, include_self: bool = True,
) -> tuple[Driver, ...]:
    """The nodes (``node`` itself and what reaches it) whose base scores differ between
    the two schools, each with its recomputed effect on ``low``'s strength of ``node``."""
    if limit <= 0:  # the app's table asks for none; each costs a recomputation
        return ()
    candidates = sorted(_map(corpus).ancestors(node)) + ([node] if include_self else [])
    before = low.strength[node]
    found: list[Driver] = []
    for x in candidates:
        hb, lb = high.bases[x], low.bases[x]
        if hb.same_as(lb):
            continue
        effect = low.what_if(node, {x: hb}) - before
        if abs(effect) >= MIN_EFFECT:
            found.append(Driver(x, hb, lb, effect))
    direction = 1.0 if high.strength[node] >= before else -1.0
    found.sort(key=lambda d: (-d.effect * direction, d.node))
    return tuple(d for d in found if d.effect * direction > 0)[:limit]


def _schools(corpus: Corpus, schools: Sequence[str], least: int) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(schools))
    if len(names) < least:
        raise UsageError(
            f"name at least {least} different schools; schools: {', '.join(corpus.schools)}"
        )
    for school in names:
        _need_school(corpus, school)
    _one_debate(corpus, names)
    return names


def _one_debate(corpus: Corpus, schools: Sequence[str]) -> None:
    """Schools answer a debate's question; schools of different debates answer different
    questions, so comparing them is refused (two schools may share an id across debates)."""
    debates = {s: corpus.schools[s].debate for s in schools}
    if len(set(debates.values())) > 1:
        def label(debate: str | None) -> str:
            if debate is None:
                return "no debate"
            found = corpus.debates.get(debate)
            return f"the debate '{found.title}'" if found is not None else f"debate '{debate}'"

        parts = "; ".join(f"'{s}' is in {label(d)}" for s, d in debates.items())
        raise UsageError(f"these schools belong to different debates and cannot be compared: "
                         f"{parts}. Compare schools of one debate")


def compare(
    corpus: Corpus, schools: Sequence[str], semantics: Semantics = "df-quad", *, drivers: int = 3,
    explain: int | None = None,
) -> Comparison:
    """Each claim's strength for each school; the contested claims (see
    :func:`is_contested`) ranked by spread and by how much of the map rests on
    them, each with the stances and evidence that produce its gap between the
    strongest and the weakest school (only the first ``explain`` of them, when
    given).

    Kept per corpus and arguments, like the strengths it is made of: the Schools
    page asks twice on every rerun (0.11 s on 10,000 claims). The result is shared,
    so callers must not change its tables."""
    names = _schools(corpus, schools, 1)
    key = (names, semantics, drivers, explain)
    cache = _CACHE.of(corpus)
    if key not in cache.comparisons:
        cache.comparisons[key] = _compare(corpus, names, semantics, drivers, explain)
    return cache.comparisons[key]


def _compare(corpus: Corpus, names: tuple[str, ...], semantics: Semantics, drivers: int,
             explain: int | None) -> Comparison:
    computed = {s: school_strengths(corpus, s, semantics) for s in names}
    table = {s: {c: computed[s].strength[c] for c in corpus.claims} for s in names}
    downstream = _downstream(corpus)
    diffs: list[Difference] = []
    strong: list[str] = []
    weak: list[str] = []
    for claim in corpus.claims:
        row = {s: table[s][claim] for s in names}
        if is_contested(row.values()):
            high = max(names, key=lambda s: row[s])
            low = min(names, key=lambda s: row[s])
            diffs.append(Difference(claim, row, high, low, downstream.get(claim, 0), ()))
        elif all(v >= 0.65 for v in row.values()):
            strong.append(claim)
        elif all(v <= 0.35 for v in row.values()):
            weak.append(claim)
    order = {c: i for i, c in enumerate(corpus.claims)}
    diffs.sort(key=lambda d: (-round(d.weight, 6), order[d.claim]))
    # Drivers do not change the ranking and each costs recomputations, so only the
    # first `explain` differences (the ones a caller shows) get them.
    for i, d in enumerate(diffs[:explain] if explain is not None else diffs):
        diffs[i] = replace(d, drivers=_drivers(corpus, d.claim, computed[d.high],
                                               computed[d.low], drivers))
    return Comparison(names, semantics, table, tuple(diffs), tuple(strong), tuple(weak),
                      all(c.converged for c in computed.values()))


# --------------------------------------------------------------------------- cruxes


@dataclass(frozen=True)
class CruxStep:
    """One node of a crux: ``school`` adopting ``other``'s stance on it (or its trust
    in that kind of evidence).

    ``alone`` is the thesis's strength on its grounds (the thesis's own stance set
    aside) with only this change; ``cumulative`` with this and every earlier step
    of the crux. Both are recomputed, never estimated."""

    node: str
    mine: Base
    theirs: Base
    alone: float
    cumulative: float

    def to_json(self) -> dict[str, Any]:
        return {"node": self.node, "mine": self.mine.to_json(), "theirs": self.theirs.to_json(),
                "alone": round(self.alone, 4), "cumulative": round(self.cumulative, 4)}


GROUNDS_APART: Final = 0.02
"""Beneath a thesis, two schools whose cases differ by less than this hardly differ."""

SET_ASIDE: Final = Base(NO_VIEW, "set aside")
"""The thesis's own stance, set aside to weigh what lies beneath it."""


@dataclass(frozen=True)
class Crux:
    """What separates ``school`` from ``other`` on ``thesis``, in two parts.

    ``before`` and ``target`` are the two schools' strengths for the thesis;
    ``with_their_stance`` is ``school``'s strength had it taken ``other``'s stance
    on the thesis itself (their reading of the thesis).  ``grounds`` and
    ``other_grounds`` are the thesis's strengths with its own stance set aside
    for both (what each school's views of the claims and evidence beneath it
    make of it); ``steps`` are the nodes beneath whose adoption closes most of
    that difference."""

    thesis: str
    school: str
    other: str
    before: float
    target: float
    with_their_stance: float
    grounds: float
    other_grounds: float
    steps: tuple[CruxStep, ...]
    sentence: str

    @property
    def after(self) -> float:
        """The thesis's grounds with every step adopted (recomputed)."""
        return self.steps[-1].cumulative if self.steps else self.grounds

    @property
    def share(self) -> float:
        """How much of the difference beneath the thesis the steps close (1.0 = all)."""
        gap = self.other_grounds - self.grounds
        return (self.after - self.grounds) / gap if gap else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"thesis": self.thesis, "school": self.school, "other": self.other,
                "strength": round(self.before, 4), "other_strength": round(self.target, 4),
                "with_their_stance_on_the_thesis": round(self.with_their_stance, 4),
                "grounds": round(self.grounds, 4), "other_grounds": round(self.other_grounds, 4),
                "grounds_after": round(self.after, 4), "share_of_grounds_gap": round(self.share, 4),
                "steps": [s.to_json() for s in self.steps], "sentence": self.sentence}


def _position_phrase(base: Base) -> str:
    if base.stance is not None:
        return base.stance.position
    return base.why


def _crux_sentence(corpus: Corpus, crux: Crux) -> str:
    who, them = _school_name(corpus, crux.school), _school_name(corpus, crux.other)
    title = _node(corpus, crux.thesis).heading
    head = (f"On \"{title}\" {who} stands at {crux.before:.2f} and {them} at {crux.target:.2f}. "
            f"Their readings of the thesis itself account for "
            f"{crux.with_their_stance - crux.before:+.2f} of that")
    if not crux.steps:
        return (head + "; beneath it their views hardly differ "
                f"({crux.grounds:.2f} against {crux.other_grounds:.2f}).")
    parts = [
        f"{_node(corpus, s.node).heading} [{s.node}] ({_position_phrase(s.theirs)} "
        f"instead of {_position_phrase(s.mine)})"
        for s in crux.steps
    ]
    return (head + f". Beneath it, with the thesis's own stance set aside, the case for it is "
            f"{crux.grounds:.2f} for {who} and {crux.other_grounds:.2f} for {them}; if {who} "
            f"took {them}'s view of {'; '.join(parts)}, it would move to {crux.after:.2f}, "
            f"closing {crux.share:.0%} of that difference.")


def cruxes(
    corpus: Corpus, a: str, b: str, semantics: Semantics = "df-quad", *,
    max_steps: int = 5, share: float = 0.6, theses: Sequence[str] | None = None,
) -> list[Crux]:
    """For each thesis that ``a`` and ``b`` contest (:func:`is_contested`), what
    separates them: how much their stances on the thesis itself account for, and
    the few claims or pieces of evidence beneath it (never the thesis) on which
    the rest turns.  A thesis whose gap lies wholly in the two readings of the
    thesis itself (nothing beneath it differs by :data:`GROUNDS_APART`) has no
    crux; front ends say so, with each school's stance on it.

    Beneath the thesis, its own stance is set aside for both schools
    (:data:`SET_ASIDE`), so what remains is what each school's views of the
    nodes beneath make of it.  Each node beneath on which the schools' stances
    (or trust in that kind of evidence) differ is tried alone: ``a``'s value for
    the thesis is recomputed with ``b``'s stance on that node.  The most
    effective are taken greedily until ``share`` of the difference is closed or
    ``max_steps`` are taken, the cumulative value recomputed at each step.

    Kept per corpus and arguments: the Schools page asks again on every rerun
    (any click on it), and on the chapter each answer costs 0.2 s of what-ifs."""
    _schools(corpus, [a, b], 2)
    key = (a, b, semantics, max_steps, share, None if theses is None else tuple(theses))
    cache = _CACHE.of(corpus)
    if key not in cache.cruxes:
        cache.cruxes[key] = tuple(_cruxes(corpus, a, b, semantics, max_steps, share, theses))
    return list(cache.cruxes[key])


def _cruxes(corpus: Corpus, a: str, b: str, semantics: Semantics, max_steps: int,
            share: float, theses: Sequence[str] | None) -> list[Crux]:
    mine, theirs = school_strengths(corpus, a, semantics), school_strengths(corpus, b, semantics)
    chosen = list(theses) if theses is not None else [
        c.id for c in corpus.claims.values() if c.kind == "thesis"
    ]
    found: list[Crux] = []
    for thesis in chosen:
        before, target = mine.strength[thesis], theirs.strength[thesis]
        if not is_contested([before, target]):
            continue
        aside = {thesis: SET_ASIDE}
        grounds, other_grounds = mine.what_if(thesis, aside), theirs.what_if(thesis, aside)
        direction = 1.0 if other_grounds >= grounds else -1.0
        tried: list[tuple[float, str, float]] = []
        beneath = [] if abs(other_grounds - grounds) < GROUNDS_APART else _map(corpus).ancestors(thesis)
        for x in sorted(beneath):
            if mine.bases[x].same_as(theirs.bases[x]):
                continue
            alone = mine.what_if(thesis, {**aside, x: theirs.bases[x]})
            if (alone - grounds) * direction >= MIN_EFFECT / 10:
                tried.append(((alone - grounds) * direction, x, alone))
        tried.sort(key=lambda t: (-t[0], t[1]))
        steps: list[CruxStep] = []
        changes: dict[str, Base] = dict(aside)
        gap = other_grounds - grounds
        for _, x, alone in tried[:max_steps]:
            changes[x] = theirs.bases[x]
            cumulative = mine.what_if(thesis, changes)
            steps.append(CruxStep(x, mine.bases[x], theirs.bases[x], alone, cumulative))
            if gap and (cumulative - grounds) / gap >= share:
                break
        if not steps:
            continue  # the gap is their reading of the thesis itself: no crux beneath it
        crux = Crux(thesis, a, b, before, target, mine.what_if(thesis, {thesis: theirs.bases[thesis]}),
                    grounds, other_grounds, tuple(steps), "")
        found.append(replace(crux, sentence=_crux_sentence(corpus, crux)))
    return found


# --------------------------------------------------------------------------- prompts


@dataclass(frozen=True)
class Prompt:
    """A seminar question built on a crux: the node, the schools and historians on
    each side, the evidence it rests on, and the recomputed effect."""

    node: str
    thesis: str
    schools: tuple[str, str]
    question: str
    sides: dict[str, str]
    evidence: tuple[str, ...]
    effect: float

    def to_json(self) -> dict[str, Any]:
        return {"node": self.node, "thesis": self.thesis, "schools": list(self.schools),
                "question": self.question, "sides": self.sides, "evidence": list(self.evidence),
                "effect": round(self.effect, 4)}


def _plain_school(corpus: Corpus, school: str) -> str:
    """The school's name without a trailing parenthesis, to sit inside one."""
    name = corpus.schools[school].name
    return name.split(" (")[0] if name.endswith(")") and " (" in name else name


def _names(corpus: Corpus, school: str, base: Base) -> list[str]:
    ids = list(base.stance.proponents) if base.stance is not None and base.stance.proponents else []
    if not ids:
        ids = list(corpus.schools[school].proponents)[:2]
    return [corpus.people[p].name for p in ids if p in corpus.people]


def _historians(corpus: Corpus, school: str, base: Base) -> tuple[str, bool]:
    """'A and B (the X school)' and whether that is plural, for the verb."""
    names = _names(corpus, school, base)
    if not names:
        return _school_name(corpus, school), False
    if len(names) > 3:
        names = [*names[:2], "others"]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} ({_plain_school(corpus, school)})", len(names) > 1


VERB = {"accepts": ("accepts", "accept", "accepting"), "rejects": ("rejects", "reject", "rejecting"),
        "qualifies": ("qualifies", "qualify", "qualifying"),
        "disputed": ("disputes", "dispute", "disputing")}


def _verb(base: Base, plural: bool, form: int | None = None) -> str:
    """The stance as a verb: 'rejects', 'reject' or 'rejecting'; a view from trust or
    no stance as 'takes no view of'."""
    if base.stance is None:
        return ("take no view of", "takes no view of", "taking no view of")[
            form if form is not None else (1 if not plural else 0)]
    forms = VERB[base.stance.position]
    return forms[form if form is not None else (1 if plural else 0)]


def _side(corpus: Corpus, school: str, base: Base) -> str:
    who, _ = _historians(corpus, school, base)
    if base.stance is None:
        return f"{who}: {base.why} ({base.value:.2f})"
    return f"{who}: {base.stance.position} — {base.stance.justification}"


def _evidence_of(corpus: Corpus, node: str) -> tuple[str, ...]:
    if node in corpus.evidence:
        return (node,)
    return tuple(r.source for r in corpus.relations
                 if r.target == node and r.kind == "supports" and r.source in corpus.evidence)


def _question(corpus: Corpus, step: CruxStep, crux: Crux, evidence: Sequence[str], n: int) -> str:
    node = _node(corpus, step.node)
    thesis = _node(corpus, crux.thesis).heading
    (a, a_many), (b, b_many) = (_historians(corpus, crux.school, step.mine),
                                _historians(corpus, crux.other, step.theirs))
    va, vb = _verb(step.mine, a_many), _verb(step.theirs, b_many)
    ev = "; ".join(f"{_node(corpus, e).heading} [{e}]" for e in evidence[:3])
    gap = crux.other_grounds - crux.grounds
    part = (step.alone - crux.grounds) / gap if gap else 0.0
    weight = (f"Beneath \"{thesis}\", it accounts for about {part:.0%} of what separates "
              f"the two schools' case for it")
    if isinstance(node, Evidence):
        return (f"How much can \"{node.heading}\" ({node.kind.replace('-', ' ')}) carry? "
                f"{a} {va} it; {b} {vb} it. {weight}. What would you need to know about how "
                f"this source was produced to decide between them?")
    first = a.split(" (")[0]
    templates = [
        (f"\"{node.heading}\": {a} {va} it, {b} {vb} it. {weight}. "
         + (f"Does the evidence the text gives for it ({ev}) settle the matter?" if ev else
            "The text cites no evidence record for it: what evidence would settle it?")),
        (f"Suppose {first} came round to {_verb(step.theirs, False, 2)} \"{node.heading}\" "
         f"as {b} {'do' if b_many else 'does'}{' on the strength of ' + ev if ev else ''}. "
         f"{weight}. What is at stake in conceding it, and why might they refuse?"),
        (f"Where exactly do {a} and {b} part ways over \"{node.heading}\" "
         f"({step.mine.position} against {step.theirs.position}): over the facts, over what "
         f"they mean, or over which sources to trust? {weight}."),
    ]
    if node.kind == "causal":
        templates.append(
            f"Is \"{node.heading}\" a cause or a coincidence? {a} {va} it; {b} {vb} it. "
            f"What other explanation would the sceptics offer? {weight}.")
    return templates[n % len(templates)]


def prompts(
    corpus: Corpus, schools: Sequence[str], semantics: Semantics = "df-quad", *, limit: int = 10,
) -> list[Prompt]:
    """Seminar questions from the cruxes of every pair of ``schools``: the pairs take
    turns (so no one pair fills the list), each offering its largest remaining
    recomputed effect; one question per node, varied in form."""
    names = _schools(corpus, schools, 2)
    queues: list[list[tuple[float, CruxStep, Crux]]] = []
    for a, b in combinations(names, 2):
        queue = [(abs(step.alone - crux.grounds), step, crux)
                 for first, second in ((a, b), (b, a))
                 for crux in cruxes(corpus, first, second, semantics) for step in crux.steps]
        queue.sort(key=lambda t: (-t[0], t[1].node, t[2].school))
        if queue:
            queues.append(queue)
    seen: set[str] = set()
    out: list[Prompt] = []
    while queues and len(out) < limit:
        for queue in list(queues):
            while queue and queue[0][1].node in seen:
                queue.pop(0)
            if not queue:
                queues.remove(queue)
                continue
            effect, step, crux = queue.pop(0)
            seen.add(step.node)
            evidence = _evidence_of(corpus, step.node)
            question = _question(corpus, step, crux, evidence, len(out))
            sides = {crux.school: _side(corpus, crux.school, step.mine),
                     crux.other: _side(corpus, crux.other, step.theirs)}
            out.append(Prompt(step.node, crux.thesis, (crux.school, crux.other), question, sides,
                              evidence, effect))
            if len(out) >= limit:
                break
    return out
