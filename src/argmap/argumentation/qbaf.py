"""Quantitative bipolar argumentation frameworks (QBAFs) and gradual semantics.

A QBAF gives every argument a *base score* in [0, 1] (how credible it is on its
own) and has two relations, attack and support, here each edge carrying a
weight in (0, 1] (Baroni, Rago & Toni, "From fine-grained properties to broad
principles for gradual argumentation: a principled spectrum", International
Journal of Approximate Reasoning 105, 2019).  A *gradual semantics* turns that
into a final *strength* in [0, 1] per argument.  Two are implemented:

* **DF-QuAD** (Rago, Toni, Aurisicchio & Baroni, "Discontinuity-free decision
  support with quantitative argumentation debates", KR 2016).  Attackers and
  supporters are each aggregated by the probabilistic sum
  ``F(v1..vn) = 1 - prod(1 - w_i * v_i)`` (0 when there are none; with all
  weights 1 this is the published DF-QuAD), and the two aggregates ``va``,
  ``vs`` move the base score ``v0`` towards 0 or 1 in proportion to their
  difference: ``v0 - v0 * (va - vs)`` if ``va >= vs``, else
  ``v0 + (1 - v0) * (vs - va)``.  An attacker and a supporter of equal strength
  cancel exactly.
* **Quadratic energy** (Potyka, "Continuous dynamical systems for weighted
  bipolar argumentation", KR 2018).  The *energy* of an argument is
  ``E = sum(w * s(supporter)) - sum(w * s(attacker))``; with the influence
  ``h(x) = max(x, 0)**2 / (1 + max(x, 0)**2)`` its strength is
  ``s = v0 - v0 * h(-E) + (1 - v0) * h(E)``.  Unlike DF-QuAD, ten weak attackers
  add up: energy is a sum, not a saturating product.

Both are *directional*: an argument's strength depends only on the arguments
that reach it.  That is what makes the computation exact and fast.  The graph
(attack and support edges alike) is split into strongly connected components
(Tarjan, iteratively), which are evaluated in topological order, every
component after those that feed it.  A component of one argument (no
self-loops are allowed) is evaluated once, from its parents' final strengths,
so an acyclic QBAF costs one linear pass, exactly the recursive definition.
Only cyclic components are iterated, with everything upstream of them fixed:

* DF-QuAD by the synchronous (Jacobi) update ``s <- f(s)`` from the base scores
  until no strength moves by ``tol``.  Jacobi rather than Gauss-Seidel because
  its result cannot depend on the order in which arguments happen to be listed.
  Discrete DF-QuAD need not converge on cycles (a mutual attack between two
  arguments of base score 1 flips between (1, 1) and (0, 0) forever, cf.
  Mossakowski & Neuhaus, "Modular semantics and characteristics for bipolar
  weighted argumentation graphs", arXiv, 2018).  Then
  ``converged`` is False and the values are the mean of the last two iterates,
  the centre of a two-cycle; the iteration stops early once it has settled on
  such a two-cycle.
* Quadratic energy as Potyka does: the continuous system ``ds/dt = f(s) - s``
  is integrated from the base scores with the classical Runge-Kutta method
  (RK4) until ``max |f(s) - s| < tol``.  Its fixed points are the strengths.
  The step is 1 unless a smaller one is given or needed for RK4 to be stable
  (see ``_qe_step_size``); Potyka plots trajectories with 0.1, but the step
  changes only how soon the fixed point is reached, not which.

``Strengths.converged`` says whether every cyclic component met ``tol``;
``iterations`` is the largest number of sweeps (DF-QuAD) or RK4 steps
(quadratic energy) any one component took, 0 for an acyclic QBAF.

:func:`attribution` is removal-based (Yin, Potyka & Toni, "Argument
attribution explanations in quantitative bipolar argumentation frameworks",
ECAI 2023): how much the target's strength owes to an argument is the drop in
that strength when the argument and its edges are removed.

The module is pure Python; of argmap it uses only the shared component finder
(argmap.argumentation.components), so it can be tested and reused on its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

from argmap.argumentation.components import strongly_connected

__all__ = [
    "DEFAULT_STEP",
    "QBAF",
    "SEMANTICS",
    "Edge",
    "Semantics",
    "Strengths",
    "attribution",
    "df_quad",
    "quadratic_energy",
    "strengths",
]

Semantics: TypeAlias = Literal["df-quad", "quadratic-energy"]
SEMANTICS: Final[tuple[Semantics, ...]] = ("df-quad", "quadratic-energy")

# An edge as given to QBAF.build: (source, target) with weight 1, or (source, target, weight).
Edge: TypeAlias = tuple[str, str] | tuple[str, str, float]
# One argument's incoming edges: ((source, weight), ...).
Parents: TypeAlias = tuple[tuple[str, float], ...]

# The steepest slope of the quadratic influence h(x) = x^2 / (1 + x^2), reached at
# x = 1/sqrt(3).  It bounds how fast a strength can react to its parents, which is
# what caps the RK4 step (see _qe_step_size).
_H_SLOPE: Final = 3 * math.sqrt(3) / 8
# RK4 is stable on the disc of centre -c and radius c for c up to about 1.39; 2.7 is
# the corresponding bound on step * (1 + Lipschitz constant), with a little margin.
_RK4_REACH: Final = 2.7
# Default RK4 step.  Potyka's examples use 0.1, to draw the trajectories.  Only the
# end point matters here, and every step RK4 is stable with has the same fixed
# points: on random cyclic QBAFs steps 1 and 0.1 end within 1e-9 of each other,
# step 1 in a quarter of the steps or fewer.  Where 1 is
# not stable, _qe_step_size takes less.
DEFAULT_STEP: Final = 1.0


# --------------------------------------------------------------------------- validation


def _number(value: object, what: str) -> float:
    """``value`` as a float; a ValueError, not a TypeError, for anything else,
    so that callers validating user data catch one exception type."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, not {value!r}")
    return float(value)


def _base_score(value: object, argument: str) -> float:
    v = _number(value, f"base score of {argument!r}")
    if not 0.0 <= v <= 1.0:  # also rejects NaN
        raise ValueError(f"base score of {argument!r} must lie in [0, 1], not {v!r}")
    return v


def _weight(value: object, source: str, target: str, kind: str) -> float:
    w = _number(value, f"weight of {kind} {source!r} -> {target!r}")
    if not 0.0 < w <= 1.0:
        raise ValueError(f"weight of {kind} {source!r} -> {target!r} must lie in (0, 1], not {w!r}")
    return w


def _check_parents(
    relation: Mapping[str, Iterable[tuple[str, float]]] | None,
    known: Mapping[str, float],
    kind: str,
) -> dict[str, Parents]:
    """Normalise one relation to a tuple of (source, weight) per argument.

    Every argument gets an entry (empty when it has no such parents), so that
    ``q.attackers[a]`` never raises for a known ``a``.
    """
    found: dict[str, Parents] = dict.fromkeys(known, ())
    for target, edges in (relation or {}).items():
        if target not in known:
            raise ValueError(f"{kind} target {target!r} is not an argument")
        seen: set[str] = set()
        clean: list[tuple[str, float]] = []
        for source, weight in edges:
            if source not in known:
                raise ValueError(f"{kind} {source!r} -> {target!r} names unknown argument {source!r}")
            if source == target:
                raise ValueError(f"{kind} {source!r} -> {target!r} is a self-loop")
            if source in seen:
                raise ValueError(f"{kind} {source!r} -> {target!r} is given twice")
            seen.add(source)
            clean.append((source, _weight(weight, source, target, kind)))
        found[target] = tuple(clean)
    return found


def _collect(edges: Iterable[Edge], known: Mapping[str, float], kind: str) -> dict[str, Parents]:
    """Group ``edges`` by target for :meth:`QBAF.build`.

    An edge repeated with the same weight is kept once (as :mod:`argmap.af`
    drops repeated attacks); repeated with another weight it is ambiguous.
    """
    by_target: dict[str, dict[str, float]] = {}
    for edge in edges:
        if len(edge) == 2:
            source, target = edge[0], edge[1]
            weight: object = 1.0
        elif len(edge) == 3:
            source, target, weight = edge[0], edge[1], edge[2]
        else:
            raise ValueError(f"{kind} must be (source, target) or (source, target, weight), not {edge!r}")
        for name in (source, target):
            if name not in known:
                raise ValueError(f"{kind} {source!r} -> {target!r} names unknown argument {name!r}")
        if source == target:
            raise ValueError(f"{kind} {source!r} -> {target!r} is a self-loop")
        w = _weight(weight, source, target, kind)
        sources = by_target.setdefault(target, {})
        if sources.get(source, w) != w:
            raise ValueError(f"{kind} {source!r} -> {target!r} is given twice with different weights")
        sources[source] = w
    return {t: tuple(sources.items()) for t, sources in by_target.items()}


# --------------------------------------------------------------------------- the framework


@dataclass(frozen=True, repr=False)
class QBAF:
    """A quantitative bipolar argumentation framework, immutable.

    ``attackers[a]`` and ``supporters[a]`` list a's parents with their edge
    weights; every argument has an entry.  Build one with :meth:`build`;
    constructing directly validates and normalises in the same way.  The
    derived graph (integer adjacency lists, strongly connected components) is
    computed on first use and cached, and :meth:`with_base` shares it, so
    re-evaluating under changed base scores skips the graph work.
    """

    arguments: tuple[str, ...]
    base: Mapping[str, float]
    attackers: Mapping[str, Parents]
    supporters: Mapping[str, Parents]
    _graph: _Graph | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        arguments = tuple(self.arguments)
        if len(set(arguments)) != len(arguments):
            raise ValueError("argument names must be distinct")
        if not all(isinstance(a, str) for a in arguments):
            raise ValueError("argument names must be strings")
        names = set(arguments)
        extra = [a for a in self.base if a not in names]
        if extra:
            raise ValueError(f"base scores for unknown arguments {extra[:5]}")
        missing = [a for a in arguments if a not in self.base]
        if missing:
            raise ValueError(f"no base score for {missing[:5]}")
        base = {a: _base_score(self.base[a], a) for a in arguments}
        object.__setattr__(self, "arguments", arguments)
        object.__setattr__(self, "base", MappingProxyType(base))
        object.__setattr__(
            self, "attackers", MappingProxyType(_check_parents(self.attackers, base, "attack"))
        )
        object.__setattr__(
            self, "supporters", MappingProxyType(_check_parents(self.supporters, base, "support"))
        )

    @classmethod
    def build(
        cls, base: Mapping[str, float], attacks: Iterable[Edge] = (), supports: Iterable[Edge] = ()
    ) -> QBAF:
        """A QBAF from base scores and edge lists; arguments in the order of ``base``.

        An edge is ``(source, target)`` (weight 1) or ``(source, target,
        weight)``.  ValueError unless every base score is in [0, 1], every
        weight in (0, 1], every edge joins two known, distinct arguments and no
        edge is given twice with different weights.  An argument may both attack
        and support another; both edges then count.
        """
        known = {a: _base_score(v, a) for a, v in base.items()}
        if not all(isinstance(a, str) for a in known):
            raise ValueError("argument names must be strings")
        # _collect has checked every edge as the constructor would, so the framework is
        # assembled without checking it again (a third of building 15,000 arguments).
        attackers: dict[str, Parents] = dict.fromkeys(known, ())
        attackers.update(_collect(attacks, known, "attack"))
        supporters: dict[str, Parents] = dict.fromkeys(known, ())
        supporters.update(_collect(supports, known, "support"))
        return cls._trusted(tuple(known), known, attackers, supporters)

    @classmethod
    def _trusted(
        cls,
        arguments: tuple[str, ...],
        base: Mapping[str, float],
        attackers: Mapping[str, Parents],
        supporters: Mapping[str, Parents],
        graph: _Graph | None = None,
    ) -> QBAF:
        """Assemble from parts already known to be valid, skipping validation:
        the copies below are made often (once per argument in attribution)."""
        q = cls.__new__(cls)
        object.__setattr__(q, "arguments", arguments)
        object.__setattr__(q, "base", MappingProxyType(dict(base)))
        object.__setattr__(q, "attackers", MappingProxyType(dict(attackers)))
        object.__setattr__(q, "supporters", MappingProxyType(dict(supporters)))
        object.__setattr__(q, "_graph", graph)
        return q

    def __hash__(self) -> int:
        return hash(
            (
                self.arguments,
                tuple(self.base[a] for a in self.arguments),
                tuple(self.attackers[a] for a in self.arguments),
                tuple(self.supporters[a] for a in self.arguments),
            )
        )

    def __len__(self) -> int:
        return len(self.arguments)

    def __repr__(self) -> str:
        n_att = sum(map(len, self.attackers.values()))
        n_sup = sum(map(len, self.supporters.values()))
        return f"QBAF({len(self.arguments)} arguments, {n_att} attacks, {n_sup} supports)"

    def __contains__(self, argument: object) -> bool:
        return argument in self.base

    def _known(self, argument: str) -> None:
        if argument not in self.base:
            raise ValueError(f"unknown argument {argument!r}")

    # -- derived frameworks -------------------------------------------------------

    def reweighted(
        self, attack_scale: Mapping[str, float], support_scale: Mapping[str, float]
    ) -> QBAF:
        """A copy whose edges into each argument ``t`` have their weights multiplied by
        ``attack_scale[t]`` (attacks) and ``support_scale[t]`` (supports), each in
        (0, 1], 1 where not given.  The topology is unchanged, so the cached
        components are shared: this is how one map is weighed by several audiences
        without redoing the graph work."""
        for scale in (*attack_scale.values(), *support_scale.values()):
            if not 0.0 < scale <= 1.0:
                raise ValueError(f"a weight scale must lie in (0, 1], not {scale!r}")

        def scaled(parents: Mapping[str, Parents], by: Mapping[str, float]) -> dict[str, Parents]:
            out: dict[str, Parents] = {}
            for a in self.arguments:
                k = by.get(a, 1.0)
                out[a] = parents[a] if k == 1.0 else tuple((p, w * k) for p, w in parents[a])
            return out

        attackers, supporters = scaled(self.attackers, attack_scale), scaled(self.supporters,
                                                                             support_scale)
        graph = self._structure().rescaled(
            [attack_scale.get(a, 1.0) for a in self.arguments],
            [support_scale.get(a, 1.0) for a in self.arguments],
        )
        return QBAF._trusted(self.arguments, self.base, attackers, supporters, graph)

    def with_base(self, changes: Mapping[str, float]) -> QBAF:
        """A copy with some base scores changed; the graph and its cached
        decomposition are shared, so this costs O(|arguments|)."""
        base = dict(self.base)
        for a, v in changes.items():
            self._known(a)
            base[a] = _base_score(v, a)
        return QBAF._trusted(self.arguments, base, self.attackers, self.supporters, self._graph)

    def without(self, nodes: Iterable[str]) -> QBAF:
        """The QBAF with ``nodes`` and every edge touching them removed."""
        gone = set(nodes)
        for a in gone:
            self._known(a)
        return self._keep([a for a in self.arguments if a not in gone])

    def _keep(self, kept: Sequence[str]) -> QBAF:
        keep = set(kept)

        def inside(parents: Parents) -> Parents:
            return tuple(p for p in parents if p[0] in keep)

        return QBAF._trusted(
            tuple(kept),
            {a: self.base[a] for a in kept},
            {a: inside(self.attackers[a]) for a in kept},
            {a: inside(self.supporters[a]) for a in kept},
        )

    def ancestors(self, node: str) -> frozenset[str]:
        """The arguments with a path of attacks and supports to ``node``
        (``node`` itself only if it lies on a cycle)."""
        self._known(node)
        return frozenset(self._reaching(node))

    def _reaching(self, node: str) -> set[str]:
        """Walk the edges backwards from ``node``, by name: no need to build
        the integer graph for a QBAF that may be evaluated only once (as in
        attribution, which restricts once per removed argument)."""
        att, sup = self.attackers, self.supporters
        seen: set[str] = set()
        stack = [node]
        while stack:
            v = stack.pop()
            for parents in (att[v], sup[v]):
                for b, _ in parents:
                    if b not in seen:
                        seen.add(b)
                        stack.append(b)
        return seen

    def restrict_to_ancestors(self, node: str) -> QBAF:
        """``node`` and the arguments that reach it, with the edges among them.

        Both semantics are directional, so ``node``'s strength is the same here
        as in the whole QBAF; evaluating this smaller QBAF is the cheap way to
        ask about one argument.
        """
        self._known(node)
        keep = self._reaching(node)
        keep.add(node)
        return self._keep([a for a in self.arguments if a in keep])

    def __reduce__(self) -> tuple[type[QBAF], tuple[object, ...]]:
        """Pickle (and deep-copy) through the constructor: mapping proxies
        cannot be pickled, and caches such as Streamlit's pickle their values."""
        return (
            QBAF,
            (self.arguments, dict(self.base), dict(self.attackers), dict(self.supporters)),
        )

    # -- the derived graph ------------------------------------------------------

    def _structure(self) -> _Graph:
        """The integer-indexed graph behind the semantics (computed once)."""
        g = self._graph
        if g is None:
            g = _Graph.of(self)
            object.__setattr__(self, "_graph", g)
        return g

    def descendant_counts(self) -> dict[str, int]:
        """How many other arguments each argument reaches along attacks and supports
        (how much of the map rests on it). One search per argument is quadratic
        (minutes at 10,000 claims), so each strongly connected component's reach is
        the union, as a bit set, of its successors' (components come in topological
        order, so successors are done first when walked backwards)."""
        g = self._structure()
        succ: list[list[int]] = [[] for _ in g.names]
        for parents in (g.att, g.sup):
            for t, ps in enumerate(parents):
                for j, _ in ps:
                    succ[j].append(t)
        comp_of = [0] * len(g.names)
        for k, comp in enumerate(g.components):
            for v in comp:
                comp_of[v] = k
        full = [0] * len(g.components)  # the component's members and everything they reach
        for k in range(len(g.components) - 1, -1, -1):
            mask = 0
            for v in g.components[k]:
                mask |= 1 << v
                for w in succ[v]:
                    if comp_of[w] != k:
                        mask |= full[comp_of[w]]
            full[k] = mask
        return {n: full[comp_of[i]].bit_count() - 1 for i, n in enumerate(g.names)}

    def is_acyclic(self) -> bool:
        """True when no argument reaches itself (so strengths need no iteration)."""
        return not any(self._structure().cyclic)


# --------------------------------------------------------------------------- the graph


class _Graph:
    """The QBAF's edges as integer adjacency lists, and its evaluation order.

    ``components`` are the strongly connected components in topological order
    (every component after the components with an edge into it); a component is
    ``cyclic`` iff it has more than one argument, self-loops being excluded.
    """

    __slots__ = ("att", "components", "cyclic", "index", "names", "sup")

    def __init__(
        self, names: tuple[str, ...], att: list[list[tuple[int, float]]], sup: list[list[tuple[int, float]]]
    ) -> None:
        self.names = names
        self.index = {a: i for i, a in enumerate(names)}
        self.att = att
        self.sup = sup
        children: list[list[int]] = [[] for _ in names]
        for t, parents in enumerate(att):
            for j, _ in parents:
                children[j].append(t)
        for t, parents in enumerate(sup):
            for j, _ in parents:
                children[j].append(t)
        self.components = _tarjan(children)
        self.cyclic = [len(c) > 1 for c in self.components]

    def rescaled(self, att_scale: Sequence[float], sup_scale: Sequence[float]) -> _Graph:
        """The same graph with each argument's incoming weights scaled; the
        components are shared, not recomputed."""
        g = _Graph.__new__(_Graph)
        g.names, g.index, g.components, g.cyclic = self.names, self.index, self.components, self.cyclic
        g.att = [[(j, w * att_scale[t]) for j, w in ps] if att_scale[t] != 1.0 else ps
                 for t, ps in enumerate(self.att)]
        g.sup = [[(j, w * sup_scale[t]) for j, w in ps] if sup_scale[t] != 1.0 else ps
                 for t, ps in enumerate(self.sup)]
        return g

    @classmethod
    def of(cls, q: QBAF) -> _Graph:
        index = {a: i for i, a in enumerate(q.arguments)}
        att = [[(index[s], w) for s, w in q.attackers[a]] for a in q.arguments]
        sup = [[(index[s], w) for s, w in q.supporters[a]] for a in q.arguments]
        return cls(q.arguments, att, sup)


def _tarjan(children: Sequence[Sequence[int]]) -> list[list[int]]:
    """Strongly connected components in topological order (sources first), each
    listed root first."""
    return [comp[::-1] for comp in strongly_connected(children)]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Strengths:
    """The strength of every argument under one semantics.

    ``converged`` is False when some cyclic component did not settle within
    ``max_iter``: the values are then the best estimate, not a fixed point, and
    should be presented as such.  ``iterations`` is the most sweeps or RK4 steps
    any one component needed (0: acyclic, computed in one pass).
    """

    semantics: Semantics
    values: Mapping[str, float]
    converged: bool
    iterations: int


# Solves one cyclic component in place: (members, graph, base scores, strengths so
# far) -> (converged, iterations).
_Solver: TypeAlias = Callable[[list[int], _Graph, list[float], list[float]], tuple[bool, int]]

# Per member of a cyclic component: base score, energy from outside parents
# (fixed), inside parents as (local index, +weight for support / -weight for attack).
_QERows: TypeAlias = list[tuple[float, float, list[tuple[int, float]]]]


def _check_budget(tol: float, max_iter: int) -> None:
    if not tol > 0:
        raise ValueError(f"tol must be positive, not {tol!r}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be at least 1, not {max_iter!r}")


def _evaluate(
    q: QBAF,
    semantics: Semantics,
    single: Callable[[float, list[tuple[int, float]], list[tuple[int, float]], list[float]], float],
    cyclic: _Solver,
) -> Strengths:
    """Evaluate component by component in topological order.

    ``single`` gives an acyclic argument's strength from its parents' final
    strengths; ``cyclic`` solves one cyclic component in place given the final
    strengths of everything upstream and reports (converged, iterations).
    """
    g = q._structure()
    base = [q.base[a] for a in g.names]
    s = base[:]
    converged, iterations = True, 0
    att, sup = g.att, g.sup
    for comp, is_cyclic in zip(g.components, g.cyclic, strict=True):
        if not is_cyclic:
            i = comp[0]
            if att[i] or sup[i]:
                s[i] = single(base[i], att[i], sup[i], s)
            continue
        ok, steps = cyclic(comp, g, base, s)
        converged = converged and ok
        iterations = max(iterations, steps)
    return Strengths(semantics, dict(zip(g.names, s, strict=True)), converged, iterations)


# --------------------------------------------------------------------------- DF-QuAD


def _dfquad_combine(v0: float, va: float, vs: float) -> float:
    """DF-QuAD's combination: move v0 towards 0 (attack wins) or 1 (support wins)."""
    if va >= vs:
        return v0 - v0 * (va - vs)
    return v0 + (1.0 - v0) * (vs - va)


def _not_aggregate(parents: Sequence[tuple[int, float]], s: Sequence[float]) -> float:
    """``1 - F`` for DF-QuAD's aggregation F = 1 - prod(1 - w * v): the
    probability that no parent 'fires'; 1 when there are no parents."""
    p = 1.0
    for j, w in parents:
        p *= 1.0 - w * s[j]
    return p


def _dfquad_single(
    v0: float, att: list[tuple[int, float]], sup: list[tuple[int, float]], s: list[float]
) -> float:
    return _dfquad_combine(v0, 1.0 - _not_aggregate(att, s), 1.0 - _not_aggregate(sup, s))


def _split_parents(
    comp: list[int], g: _Graph, s: list[float]
) -> tuple[list[float], list[float], list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
    """For DF-QuAD in a cyclic component: each member's product over outside
    attackers and over outside supporters (fixed while iterating), and its
    inside parents renumbered to local indices."""
    local = {v: k for k, v in enumerate(comp)}
    out_a: list[float] = []
    out_s: list[float] = []
    in_a: list[list[tuple[int, float]]] = []
    in_s: list[list[tuple[int, float]]] = []
    for v in comp:
        for parents, outs, ins in ((g.att[v], out_a, in_a), (g.sup[v], out_s, in_s)):
            p = 1.0
            inner: list[tuple[int, float]] = []
            for j, w in parents:
                k = local.get(j)
                if k is None:
                    p *= 1.0 - w * s[j]
                else:
                    inner.append((k, w))
            outs.append(p)
            ins.append(inner)
    return out_a, out_s, in_a, in_s


_DFRows: TypeAlias = list[tuple[float, float, float, list[tuple[int, float]], list[tuple[int, float]]]]


def _dfquad_sweep(rows: _DFRows, cur: list[float]) -> list[float]:
    """One synchronous DF-QuAD update of a cyclic component; the hot loop."""
    new = []
    for v0, pa, ps, inside_att, inside_sup in rows:
        for k, w in inside_att:
            pa *= 1.0 - w * cur[k]
        for k, w in inside_sup:
            ps *= 1.0 - w * cur[k]
        d = ps - pa  # = va - vs, as va = 1 - pa and vs = 1 - ps
        new.append(v0 - v0 * d if d >= 0.0 else v0 - (1.0 - v0) * d)
    return new


def _max_gap(xs: list[float], ys: list[float]) -> float:
    return max(abs(x - y) for x, y in zip(xs, ys, strict=True))


def _dfquad_cyclic(tol: float, max_iter: int) -> _Solver:
    def solve(comp: list[int], g: _Graph, base: list[float], s: list[float]) -> tuple[bool, int]:
        out_a, out_s, in_a, in_s = _split_parents(comp, g, s)
        rows = list(zip([base[v] for v in comp], out_a, out_s, in_a, in_s, strict=True))
        prev = cur = [base[v] for v in comp]
        converged = False
        steps = 0
        while steps < max_iter:
            steps += 1
            two_back, prev, cur = prev, cur, _dfquad_sweep(rows, cur)
            if _max_gap(cur, prev) < tol:
                converged = True
                break
            if _max_gap(cur, two_back) < tol * 1e-3:
                break  # back where it was two sweeps ago: a two-cycle, which only flips on
        final = cur if converged else [(x + y) / 2.0 for x, y in zip(cur, prev, strict=True)]
        for v, x in zip(comp, final, strict=True):
            s[v] = x
        return converged, steps

    return solve


def df_quad(q: QBAF, *, tol: float = 1e-9, max_iter: int = 1000) -> Strengths:
    """Strengths under DF-QuAD (Rago et al. 2016), weighted.

    Exact in one linear pass on acyclic QBAFs; cyclic components are iterated
    synchronously from the base scores (see the module docstring), at most
    ``max_iter`` sweeps each, until no strength moves by ``tol``.
    """
    _check_budget(tol, max_iter)
    return _evaluate(q, "df-quad", _dfquad_single, _dfquad_cyclic(tol, max_iter))


# --------------------------------------------------------------------------- quadratic energy


def _qe_value(v0: float, energy: float) -> float:
    """Potyka's quadratic-energy influence: v0 - v0*h(-E) + (1 - v0)*h(E)."""
    if energy > 0.0:
        e2 = energy * energy
        return v0 + (1.0 - v0) * e2 / (1.0 + e2)
    if energy < 0.0:
        e2 = energy * energy
        return v0 - v0 * e2 / (1.0 + e2)
    return v0


def _energy(att: Sequence[tuple[int, float]], sup: Sequence[tuple[int, float]], s: Sequence[float]) -> float:
    e = 0.0
    for j, w in sup:
        e += w * s[j]
    for j, w in att:
        e -= w * s[j]
    return e


def _qe_single(
    v0: float, att: list[tuple[int, float]], sup: list[tuple[int, float]], s: list[float]
) -> float:
    return _qe_value(v0, _energy(att, sup, s))


def _qe_step_size(step: float, rows: _QERows) -> float:
    """The RK4 step actually used for one component: ``step``, reduced where
    the component is so densely connected that RK4 could go unstable.

    The Jacobian of ``f(s) - s`` has its eigenvalues in Gershgorin discs of
    centre -1 and radius at most L = max h' * (largest total inside weight into
    one argument); RK4 is stable on them when step * (1 + L) <= 2.7.  The
    fixed points do not depend on the step, only whether it reaches them.
    """
    heaviest = max((sum(abs(w) for _, w in ins) for _, _, ins in rows), default=0.0)
    return min(step, _RK4_REACH / (1.0 + _H_SLOPE * heaviest))


def _qe_rows(comp: list[int], g: _Graph, base: list[float], s: list[float]) -> _QERows:
    local = {v: k for k, v in enumerate(comp)}
    rows: _QERows = []
    for v in comp:
        outside = 0.0
        inside: list[tuple[int, float]] = []
        for parents, sign in ((g.sup[v], 1.0), (g.att[v], -1.0)):
            for j, w in parents:
                k = local.get(j)
                if k is None:
                    outside += sign * w * s[j]
                else:
                    inside.append((k, sign * w))
        rows.append((base[v], outside, inside))
    return rows


def _qe_update(rows: _QERows, x: list[float]) -> list[float]:
    """f(x): every member's quadratic-energy strength given the members' x."""
    return [_qe_value(v0, e + sum(w * x[k] for k, w in inside)) for v0, e, inside in rows]


def _qe_derivative(rows: _QERows, x: list[float]) -> list[float]:
    """f(x) - x, the right-hand side of Potyka's system; the hot loop, so
    :func:`_qe_value` is inlined."""
    out = []
    for (v0, e, inside), xi in zip(rows, x, strict=True):
        for k, w in inside:
            e += w * x[k]
        if e > 0.0:
            e2 = e * e
            out.append(v0 + (1.0 - v0) * e2 / (1.0 + e2) - xi)
        elif e < 0.0:
            e2 = e * e
            out.append(v0 - v0 * e2 / (1.0 + e2) - xi)
        else:
            out.append(v0 - xi)
    return out


def _qe_cyclic(tol: float, max_iter: int, step: float) -> _Solver:
    def solve(comp: list[int], g: _Graph, base: list[float], s: list[float]) -> tuple[bool, int]:
        rows = _qe_rows(comp, g, base, s)
        h = _qe_step_size(step, rows)
        half, sixth = h / 2.0, h / 6.0
        x = [base[v] for v in comp]
        steps = 0
        converged = False
        while True:
            k1 = _qe_derivative(rows, x)
            if max(map(abs, k1)) < tol:
                converged = True
                break
            if steps == max_iter:
                break
            steps += 1
            k2 = _qe_derivative(rows, [a + half * b for a, b in zip(x, k1, strict=True)])
            k3 = _qe_derivative(rows, [a + half * b for a, b in zip(x, k2, strict=True)])
            k4 = _qe_derivative(rows, [a + h * b for a, b in zip(x, k3, strict=True)])
            x = [a + sixth * (b + 2.0 * (c + d) + e) for a, b, c, d, e in zip(x, k1, k2, k3, k4, strict=True)]
        # f(x) rather than x: within tol of it, and in [0, 1] by construction even
        # if a Runge-Kutta stage overshot.
        for v, value in zip(comp, _qe_update(rows, x), strict=True):
            s[v] = value
        return converged, steps

    return solve


def quadratic_energy(
    q: QBAF, *, tol: float = 1e-9, max_iter: int = 10000, step: float = DEFAULT_STEP
) -> Strengths:
    """Strengths under Potyka's (2018) quadratic energy model, weighted.

    Exact in one linear pass on acyclic QBAFs; each cyclic component's
    continuous system ``ds/dt = f(s) - s`` is integrated with RK4 from the base
    scores, at most ``max_iter`` steps of size ``step`` (smaller where needed
    for stability, see :func:`_qe_step_size`), until ``max |f(s) - s| < tol``.
    """
    _check_budget(tol, max_iter)
    if not step > 0:
        raise ValueError(f"step must be positive, not {step!r}")
    return _evaluate(q, "quadratic-energy", _qe_single, _qe_cyclic(tol, max_iter, step))


# --------------------------------------------------------------------------- entry points


def strengths(q: QBAF, semantics: Semantics = "df-quad") -> Strengths:
    """Strengths under ``semantics`` with the default tolerances."""
    if semantics == "df-quad":
        return df_quad(q)
    if semantics == "quadratic-energy":
        return quadratic_energy(q)
    raise ValueError(f"unknown semantics {semantics!r}; expected one of {', '.join(SEMANTICS)}")


def attribution(q: QBAF, target: str, semantics: Semantics = "df-quad") -> dict[str, float]:
    """Removal-based attribution (Yin, Potyka & Toni 2023) for ``target``.

    For every other argument x that reaches ``target``: ``strength(target) -
    strength(target with x removed)``.  Positive means x helps the target,
    negative that it harms it.  Arguments that do not reach the target have
    attribution 0 by directionality and are left out.  The scores need not add
    up to anything: removing two arguments is not removing each in turn.

    Each removal is evaluated on the target's ancestors only, so the cost is
    that of one evaluation of the ancestor QBAF per ancestor.
    """
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; expected one of {', '.join(SEMANTICS)}")
    sub = q.restrict_to_ancestors(target)
    full = strengths(sub, semantics).values[target]
    result: dict[str, float] = {}
    for x in sub.arguments:
        if x == target:
            continue
        reduced = sub.without([x]).restrict_to_ancestors(target)
        result[x] = full - strengths(reduced, semantics).values[target]
    return result
