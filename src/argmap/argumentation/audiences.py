"""Schools as audiences: what each interpretive school can formally accept.

The map is a bipolar graph (supports and attacks between claims and evidence).
This module reduces it to a Dung framework (:mod:`argmap.argumentation.af`) and evaluates
that framework once per school, treating the school as an *audience* whose
stances are commitments.  docs/semantics.md, "From the map to a framework",
gives the reasoning and the literature; in short:

* **Arguments** are the claims and the evidence.
* **Attacks** come from ``attacks`` relations, from ``contradicts`` relations
  (both ways) and from ``undercuts``: X undercutting the inference S -> T
  attacks T, the conclusion, and not S, the premise (Pollock 1987; in ASPIC+
  an undercutter attacks the argument whose last inference it denies).
* **Supports** are read as *necessary* support (Nouioua & Risch 2010) where a
  conclusion has a single support: it stands only if what it rests on stands.
  So an attack on a premise propagates to what rests on it *alone*,
  transitively; a conclusion with several independent supports is not defeated
  by the fall of one of them (graded strength, :mod:`argmap.gradual`, weighs
  the rest).  This is
  the "indirect defeat" of Cayrol & Lagasquie-Schiex (2005), called secondary
  attack in their 2013 survey and in Cohen, Gottifredi, García & Simari (2014);
  it is also how ASPIC+ attacks an argument on its sub-arguments (Modgil &
  Prakken 2013).  ``qualifies`` relations carry no attack.
* **Audiences.** A school *accepts* a claim: the claim is given for it, so no
  attack from an argument it does not accept can defeat it, neither directly
  nor through the claim on its way to what rests on it (an attack "fails" for
  that audience, as in Bench-Capon's value-based frameworks, 2003).  A school
  *rejects* a claim: the claim is defeated for it, by a virtual unattacked
  argument (``@school``) that attacks the claim and, by the same propagation,
  what rests on it.  ``qualifies`` and ``disputed`` leave the claim to the map.

Every derived attack keeps its provenance (:class:`DerivedAttack`) so a label
can always be explained in the map's own terms.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, TypeAlias

from argmap.argumentation import af
from argmap.argumentation.af import Framework, Label, Semantics
from argmap.core.corpus import Corpus
from argmap.core.errors import UsageError
from argmap.core.model import Stance

__all__ = [
    "AttackOrigin",
    "Attacker",
    "Audience",
    "DerivedAttack",
    "Provenance",
    "Verdict",
    "audience_framework",
    "framework",
    "label_audience",
    "school_labels",
    "stance_basis",
    "titles",
]

AttackOrigin: TypeAlias = Literal["attacks", "contradicts", "undercuts", "rejects"]
Source: TypeAlias = Literal["commitment", "semantics"]

VIRTUAL_PREFIX: Final = "@"  # ids are slugs [a-z0-9-], so "@school" never collides


@dataclass(frozen=True)
class DerivedAttack:
    """One way an attack ``attacker -> target`` arises from the map.

    ``path`` runs from the node the underlying relation hits (its *landing*) to
    ``target`` along supports; a direct attack has ``path == (target,)``.  For
    an undercut, ``via`` is the premise S of the attacked inference S -> landing.
    For a school's rejection the attacker is the virtual ``@school``.
    """

    attacker: str
    target: str
    origin: AttackOrigin
    path: tuple[str, ...]
    via: str | None = None

    @property
    def landing(self) -> str:
        return self.path[0]

    @property
    def direct(self) -> bool:
        return len(self.path) == 1

    @property
    def kind(self) -> Literal["direct", "supported", "undercut", "commitment"]:
        """How the attack reaches its target, for explanations and JSON."""
        if self.origin == "rejects":
            return "commitment"
        if not self.direct:
            return "supported"
        return "undercut" if self.origin == "undercuts" else "direct"

    def describe(self) -> str:
        """One clause: how ``attacker`` comes to attack ``target``."""
        hit = {
            "attacks": f"{self.attacker} attacks {self.landing}",
            "contradicts": f"{self.attacker} contradicts {self.landing}",
            "undercuts": f"{self.attacker} undercuts the inference {self.via} -> {self.landing}",
            "rejects": f"the school rejects {self.landing}",
        }[self.origin]
        if self.direct:
            return hit
        return f"{hit}, on which {self.target} rests ({' -> '.join(self.path)})"

    def short(self, names: Mapping[str, str] | None = None) -> str:
        """A few words: ``x``, ``x via premise p``, ``x undercuts s->t``; with ``names``,
        nodes are called by their titles (where they have one) instead of their ids."""
        n = names or {}
        who = "rejection" if self.origin == "rejects" else n.get(self.attacker, self.attacker)
        landing = n.get(self.landing, self.landing)
        if self.origin == "undercuts":
            via = n.get(self.via or "", self.via)
            text = f"{who} (undercuts {via}->{landing})"
        elif self.origin == "contradicts":
            text = f"{who} (contradicts)"
        else:
            text = who
        if not self.direct:
            text += f" via {landing}"
        return text

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "attacker": self.attacker, "target": self.target, "origin": self.origin,
            "kind": self.kind, "path": list(self.path),
        }
        if self.via:
            data["via"] = self.via
        return data


Provenance: TypeAlias = dict[tuple[str, str], tuple[DerivedAttack, ...]]


# --------------------------------------------------------------------------- reduction


@dataclass
class _Reduction:
    """The map's attacks, propagated along supports once per corpus."""

    arguments: tuple[str, ...]
    parents: dict[str, list[str]]  # node -> what supports it
    children: dict[str, list[str]]  # node -> what it supports
    derived: list[DerivedAttack]
    _rejections: dict[tuple[str, str], list[DerivedAttack]] = field(default_factory=dict)

    def propagate(
        self, attacker: str, landing: str, origin: AttackOrigin, via: str | None = None
    ) -> list[DerivedAttack]:
        """The attack on ``landing`` and its shortest support path to each dependant."""
        paths: dict[str, tuple[str, ...]] = {landing: (landing,)}
        queue = deque([landing])
        while queue:
            node = queue.popleft()
            for child in self.children.get(node, ()):
                # A conclusion with other, independent support does not fall with one
                # of its premises: the attack travels only to what rests on this node alone.
                if child not in paths and len(self.parents.get(child, ())) == 1:
                    paths[child] = (*paths[node], child)
                    queue.append(child)
        return [DerivedAttack(attacker, node, origin, path, via) for node, path in paths.items()]

    def rejection(self, school: str, claim: str) -> list[DerivedAttack]:
        key = (school, claim)
        if key not in self._rejections:
            self._rejections[key] = self.propagate(VIRTUAL_PREFIX + school, claim, "rejects")
        return self._rejections[key]


def _reduce(corpus: Corpus) -> _Reduction:
    arguments = (*corpus.claims, *corpus.evidence)
    known = set(arguments)
    parents: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for rel in corpus.relations:
        if rel.kind == "supports" and rel.source in known and rel.target in known:
            children[rel.source].append(rel.target)
            parents[rel.target].append(rel.source)
    red = _Reduction(arguments, dict(parents), dict(children), [])
    for rel in corpus.relations:
        if rel.source not in known or rel.target not in known:
            continue
        if rel.kind == "attacks":
            red.derived += red.propagate(rel.source, rel.target, "attacks")
        elif rel.kind == "contradicts":
            red.derived += red.propagate(rel.source, rel.target, "contradicts")
            red.derived += red.propagate(rel.target, rel.source, "contradicts")
        elif rel.kind == "undercuts":
            red.derived += red.propagate(rel.source, rel.target, "undercuts", rel.via)
    return red


_CACHE: dict[int, tuple[Corpus, _Reduction]] = {}


def _reduction(corpus: Corpus) -> _Reduction:
    hit = _CACHE.get(id(corpus))
    if hit is not None and hit[0] is corpus:
        return hit[1]
    red = _reduce(corpus)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(corpus)] = (corpus, red)
    return red


def _assemble(
    arguments: Sequence[str], derivations: Iterable[DerivedAttack]
) -> tuple[Framework, Provenance]:
    grouped: dict[tuple[str, str], list[DerivedAttack]] = defaultdict(list)
    for d in derivations:
        grouped[(d.attacker, d.target)].append(d)
    prov: Provenance = {
        pair: tuple(sorted(ds, key=lambda d: (len(d.path), d.origin, d.landing)))
        for pair, ds in grouped.items()
    }
    return Framework(arguments, prov), prov


def framework(corpus: Corpus) -> tuple[Framework, Provenance]:
    """The map as a Dung framework, with how each attack was derived.

    Arguments are the claims and the evidence; attacks come from ``attacks``,
    ``contradicts`` (both ways) and ``undercuts`` relations, each propagated
    along supports to every node resting on the node it hits (necessary
    support).  ``provenance[(a, b)]`` lists the derivations of ``a -> b``,
    shortest first.
    """
    red = _reduction(corpus)
    return _assemble(red.arguments, red.derived)


# --------------------------------------------------------------------------- audiences


@dataclass(frozen=True)
class Audience:
    """A school read as an audience: the claims it takes as given or as defeated."""

    school: str
    accepts: frozenset[str]
    rejects: frozenset[str]

    @classmethod
    def of(cls, corpus: Corpus, school: str) -> Audience:
        _need_school(corpus, school)
        mine = [s for s in corpus.stances if s.school == school]
        return cls(
            school,
            frozenset(s.claim for s in mine if s.position == "accepts"),
            frozenset(s.claim for s in mine if s.position == "rejects"),
        )

    def also_accepting(self, nodes: Iterable[str]) -> Audience:
        """The same audience, persuaded to accept ``nodes`` (dropping any rejection)."""
        extra = frozenset(nodes)
        return replace(self, accepts=self.accepts | extra, rejects=self.rejects - extra)

    @property
    def virtual(self) -> str:
        return VIRTUAL_PREFIX + self.school


def _need_school(corpus: Corpus, school: str) -> None:
    if school not in corpus.schools:
        raise UsageError(f"no school '{school}'; schools: {', '.join(corpus.schools)}")


def _survives(d: DerivedAttack, accepts: frozenset[str]) -> bool:
    """An attack fails for an audience when it passes through a claim the audience accepts,
    unless the attacker is itself accepted (then the audience holds both: a real conflict)."""
    if d.attacker in accepts:
        return True
    return not any(node in accepts for node in d.path)


def audience_framework(corpus: Corpus, audience: Audience) -> tuple[Framework, Provenance]:
    """The framework as ``audience`` sees it.

    Rejections add the virtual argument ``@school``, which attacks each rejected
    claim and (propagated) what rests on it; then every derivation passing
    through an accepted claim from an attacker the audience does not accept is
    dropped.  The virtual argument comes last in the argument list.
    """
    red = _reduction(corpus)
    derivations: list[DerivedAttack] = list(red.derived)
    arguments: list[str] = list(red.arguments)
    rejected = [c for c in red.arguments if c in audience.rejects]
    if rejected:
        arguments.append(audience.virtual)
        for claim in rejected:
            derivations += red.rejection(audience.school, claim)
    accepts = audience.accepts
    kept = derivations if not accepts else [d for d in derivations if _survives(d, accepts)]
    return _assemble(arguments, kept)


# --------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Attacker:
    """An attacker of a node, its label and how its attack was derived."""

    node: str
    label: Label
    how: tuple[DerivedAttack, ...]

    @property
    def virtual(self) -> bool:
        return self.node.startswith(VIRTUAL_PREFIX)

    def short(self, names: Mapping[str, str] | None = None) -> str:
        """The attacker in a few words; a school's rejection names every rejected premise.
        With ``names``, nodes are called by their titles instead of their ids."""
        n = names or {}
        if not self.how:
            return n.get(self.node, self.node)
        if self.virtual:
            landings = list(dict.fromkeys(n.get(d.landing, d.landing) for d in self.how))
            more = f" and {len(landings) - 4} more" if len(landings) > 4 else ""
            return f"the school's rejection of {', '.join(landings[:4])}{more}"
        more = f" (+{len(self.how) - 1} more)" if len(self.how) > 1 else ""
        return self.how[0].short(names) + more

    def to_json(self) -> dict[str, Any]:
        return {"node": self.node, "label": self.label, "how": [d.to_json() for d in self.how]}


@dataclass(frozen=True)
class Verdict:
    """A node's label for one audience, and why."""

    node: str
    label: Label
    source: Source
    reason: str
    attackers: tuple[Attacker, ...] = ()
    stance: Stance | None = None
    dropped: tuple[str, ...] = ()  # attackers that fail against this audience's commitment

    def _with(self, label: Label) -> tuple[str, ...]:
        return tuple(a.node for a in self.attackers if a.label == label)

    @property
    def in_attackers(self) -> tuple[str, ...]:
        return self._with(af.IN)

    @property
    def out_attackers(self) -> tuple[str, ...]:
        return self._with(af.OUT)

    @property
    def undec_attackers(self) -> tuple[str, ...]:
        return self._with(af.UNDEC)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "node": self.node, "label": self.label, "source": self.source, "reason": self.reason,
            "attackers": [a.to_json() for a in self.attackers],
        }
        if self.stance is not None:
            data["stance"] = {
                "position": self.stance.position, "justification": self.stance.justification,
                "basis": self.stance.basis, "where": stance_basis(self.stance),
            }
        if self.dropped:
            data["dropped_attackers"] = list(self.dropped)
        return data


def stance_basis(stance: Stance) -> str:
    """Where a stance comes from: ``chapter, dict ¶3, note n12`` or ``editorial, source, pp.``."""
    parts: list[str] = [stance.basis]
    if stance.locator is not None:
        parts.append(f"{stance.locator.section} ¶{stance.locator.paragraph}")
    if stance.footnote:
        parts.append(f"note {stance.footnote}")
    if stance.source:
        parts.append(stance.source + (f", {stance.pages}" if stance.pages else ""))
    return ", ".join(parts)


def _combined(fw: Framework, semantics: Semantics) -> tuple[dict[str, Label], str]:
    """One label per argument: grounded, or the sceptical reading of the other semantics.

    Under complete, preferred or stable semantics a node is IN (OUT) when it is
    IN (OUT) in every labelling, UNDEC otherwise; the note says how many
    labellings there were.
    """
    if semantics == "grounded":
        return dict(af.grounded(fw)), ""
    if semantics not in af.SEMANTICS:
        expected = ", ".join(af.SEMANTICS)
        raise UsageError(f"unknown semantics '{semantics}'; expected one of {expected}")
    labs = list(af.labellings(fw, semantics))
    if not labs:
        return {a: af.UNDEC for a in fw.arguments}, f"no {semantics} labelling exists"
    result: dict[str, Label] = {}
    for a in fw.arguments:
        seen = {lab[a] for lab in labs}
        result[a] = seen.pop() if len(seen) == 1 else af.UNDEC
    return result, f"{len(labs)} {semantics} labelling(s)"


def _attackers(
    fw: Framework, prov: Provenance, labels: Mapping[str, Label], node: str
) -> tuple[Attacker, ...]:
    return tuple(
        Attacker(b, labels[b], prov.get((b, node), ())) for b in fw.attackers(node)
    )


def _names(attackers: Iterable[Attacker], names: Mapping[str, str]) -> str:
    return ", ".join(a.short(names) for a in attackers)


def _reason(
    label: Label,
    attackers: tuple[Attacker, ...],
    stance: Stance | None,
    dropped: tuple[str, ...],
    note: str,
    names: Mapping[str, str],
) -> tuple[Source, str]:
    ins = [a for a in attackers if a.label == af.IN]
    undecs = [a for a in attackers if a.label == af.UNDEC]
    outs = [a for a in attackers if a.label == af.OUT]
    position = stance.position if stance is not None else None
    if stance is not None and position == "rejects" and label == af.OUT:
        others = [a for a in ins if not a.virtual]
        extra = f"; also attacked by IN {_names(others, names)}" if others else ""
        return "commitment", f"rejected by the school ({stance_basis(stance)}){extra}"
    if stance is not None and position == "accepts" and label == af.IN:
        held = f"; holds against {', '.join(names.get(d, d) for d in dropped)}" if dropped else ""
        return "commitment", f"accepted by the school ({stance_basis(stance)}){held}"
    if label == af.IN:
        text = f"every attacker is OUT: {_names(outs, names)}" if outs else "unattacked"
    elif label == af.OUT:
        text = f"attacked by IN {_names(ins, names)}" if ins else "OUT in every labelling"
    elif ins or not undecs:
        text = f"neither IN nor OUT in every labelling ({note})" if note else "undecided"
    else:
        text = f"no attacker is IN, but {_names(undecs, names)} undecided"
    if position == "accepts":
        text += "; accepted by the school, but it also accepts its attacker"
    elif position in ("qualifies", "disputed"):
        text += f"; the school {position} it"
    if note and label != af.UNDEC:
        text += f" ({note})"
    return "semantics", text


def titles(corpus: Corpus) -> dict[str, str]:
    """Reasons name claims by title, as a reader knows them, in quotation marks;
    a node without a title keeps its id (not a made-up name)."""
    return {n.id: f"“{n.title}”" for n in (*corpus.claims.values(), *corpus.evidence.values())
            if n.title}


def label_audience(
    corpus: Corpus, audience: Audience, semantics: Semantics = "grounded"
) -> dict[str, Verdict]:
    """Every claim's and evidence's verdict for ``audience`` (claims first)."""
    fw, prov = audience_framework(corpus, audience)
    labels, note = _combined(fw, semantics)
    base_fw, _ = framework(corpus)
    stances = {s.claim: s for s in corpus.stances if s.school == audience.school}
    names = titles(corpus)
    out: dict[str, Verdict] = {}
    for node in _reduction(corpus).arguments:
        attackers = _attackers(fw, prov, labels, node)
        stance = stances.get(node)
        dropped: tuple[str, ...] = ()
        if node in audience.accepts:
            now = {a.node for a in attackers}
            dropped = tuple(b for b in base_fw.attackers(node) if b not in now)
        source, reason = _reason(labels[node], attackers, stance, dropped, note, names)
        out[node] = Verdict(node, labels[node], source, reason, attackers, stance, dropped)
    return out


_LABELS: dict[int, tuple[Corpus, dict[tuple[str, str], dict[str, Verdict]]]] = {}


def school_labels(
    corpus: Corpus, school: str, semantics: Semantics = "grounded"
) -> dict[str, Verdict]:
    """Every claim's (and evidence's) verdict for ``school`` read as an audience.

    Computed once per corpus, school and semantics (the Schools page and the
    accept: view ask on every rerun); each caller gets its own copy of the dict."""
    hit = _LABELS.get(id(corpus))
    if hit is None or hit[0] is not corpus:
        if len(_LABELS) > 16:
            _LABELS.clear()
        hit = _LABELS[id(corpus)] = (corpus, {})
    key = (school, semantics)
    if key not in hit[1]:
        hit[1][key] = label_audience(corpus, Audience.of(corpus, school), semantics)
    return dict(hit[1][key])
