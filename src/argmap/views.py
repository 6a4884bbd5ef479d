"""Views: pure functions from the graph to a selection of nodes and edges.

A map of every claim is unreadable, so every picture is a view; and because a
view leaves things out, it says what it left out and why (Argdown users' most
frequent complaint is nodes silently vanishing). Views hold no layout or
colour decisions beyond the verdict a school gives each claim: that is argmap.drawing.dot.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from argmap.core.errors import UsageError
from argmap.core.model import Claim, Evidence
from argmap.graph import ArgumentGraph, Edge

CITES = "cites"


@dataclass
class Selection:
    """What a view shows, why each node is in, and what it left out."""

    title: str
    nodes: dict[str, str] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    omitted_nodes: dict[str, str] = field(default_factory=dict)
    omitted_edges: list[tuple[Edge, str]] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)
    focus: str | None = None
    school: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    # A drawing hint, not logic: a view that is one wide rank (the overview's section
    # theses side by side) reads better sideways ("LR") than as one row off the screen.
    rankdir: str | None = None

    def add(self, node_id: str, why: str) -> None:
        self.nodes.setdefault(node_id, why)

    def summary(self) -> str:
        """One paragraph for stderr or a caption: counts and reasons for omissions."""
        reasons: dict[str, int] = {}
        for why in self.omitted_nodes.values():
            reasons[why] = reasons.get(why, 0) + 1
        parts = [f"{self.title}: {len(self.nodes)} nodes, {len(self.edges)} edges shown"]
        if self.omitted_nodes:
            detail = "; ".join(f"{n} {why}" for why, n in sorted(reasons.items(), key=lambda x: -x[1]))
            parts.append(f"{len(self.omitted_nodes)} nodes left out ({detail})")
        if self.omitted_edges:
            parts.append(f"{len(self.omitted_edges)} edges lead out of the view")
        return "; ".join(parts)


def select(graph: ArgumentGraph, spec: str) -> Selection:
    """Parse a view spec (overview, section:ID, paragraph:SECTION:N, claim:ID[:DEPTH],
    trace:ID, school:ID, person:ID, event:ID, period:FROM..TO) and run the view."""
    name, _, arg = spec.partition(":")
    views = {
        "overview": lambda: overview(graph),
        "section": lambda: section_view(graph, arg),
        "paragraph": lambda: _paragraph_spec(graph, arg),
        "claim": lambda: _claim_spec(graph, arg),
        "trace": lambda: trace_view(graph, arg),
        "school": lambda: school_view(graph, arg),
        "accept": lambda: acceptance_view(graph, arg),
        "strength": lambda: strength_view(graph, arg),
        "person": lambda: filter_view(graph, person=arg),
        "event": lambda: filter_view(graph, event=arg),
        "period": lambda: _period_spec(graph, arg),
    }
    if name not in views:
        raise UsageError(
            f"unknown view '{_clip(spec)}'; use overview, section:ID, paragraph:SECTION:N, "
            "claim:ID[:DEPTH], trace:ID, "
            "school:ID, accept:SCHOOL, strength:SCHOOL, person:ID, event:ID or period:FROM..TO"
        )
    if name != "overview" and not arg:
        raise UsageError(f"view '{name}' needs an argument, e.g. {name}:ID")
    return views[name]()


def _claim_spec(graph: ArgumentGraph, arg: str) -> Selection:
    claim_id, _, depth = arg.partition(":")
    if depth and not _small_number(depth):
        raise UsageError(f"depth must be a number from 0 to 999, not '{_clip(depth)}'")
    return neighbourhood(graph, claim_id, int(depth) if depth else 1)


def _paragraph_spec(graph: ArgumentGraph, arg: str) -> Selection:
    section, _, number = arg.rpartition(":")
    if not section or not _small_number(number):
        raise UsageError(f"paragraph view needs SECTION:N, not '{_clip(arg)}'")
    return paragraph_view(graph, section, int(number))


def _small_number(text: str) -> bool:
    """ASCII digits, at most three: str.isdigit accepts '²' and 5,000-digit numbers,
    both of which int() rejects."""
    return 1 <= len(text) <= 3 and text.isascii() and text.isdigit()


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _period_spec(graph: ArgumentGraph, arg: str) -> Selection:
    start, _, end = arg.partition("..")
    return filter_view(graph, period=(start, end or start))


def _need(graph: ArgumentGraph, claim_id: str) -> None:
    if claim_id not in graph.corpus.claims and claim_id not in graph.corpus.evidence:
        import difflib

        close = difflib.get_close_matches(claim_id, list(graph.corpus.claims), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise UsageError(f"no claim '{_clip(claim_id)}'{hint}")


def _finish(graph: ArgumentGraph, sel: Selection, out_reason: str) -> Selection:
    """Add the edges among selected nodes, and record what was left out."""
    corpus = graph.corpus
    for rel in corpus.relations:
        edge = (rel.source, rel.target, rel.kind)
        if rel.source in sel.nodes and rel.target in sel.nodes:
            sel.edges.append(edge)
        elif rel.source in sel.nodes or rel.target in sel.nodes:
            other = rel.target if rel.source in sel.nodes else rel.source
            sel.omitted_edges.append((edge, f"'{other}' is outside the view"))
    for node_id, notes in graph.notes_of.items():
        if node_id in sel.nodes:
            for note in notes:
                if note in sel.nodes:
                    sel.edges.append((node_id, note, CITES))
    for note, sources in graph.sources_of_note.items():
        if note in sel.nodes:
            for source in sources:
                if source in sel.nodes:
                    sel.edges.append((note, source, CITES))
    for node_id in (*corpus.claims, *corpus.evidence):
        if node_id not in sel.nodes:
            sel.omitted_nodes[node_id] = out_reason
    return sel


def overview(graph: ArgumentGraph) -> Selection:
    """The main thesis, the section theses and how they connect."""
    works = list(graph.corpus.works.values())
    sel = Selection(f"Overview: the theses of {works[0].title}" if len(works) == 1
                    else "Overview: the theses")
    for claim_id in graph.theses("work"):
        sel.add(claim_id, "the work's main thesis")
    for claim_id in graph.theses("section"):
        sel.add(claim_id, "a section's thesis")
    sel.rankdir = "LR"
    return _finish(graph, sel, "not a thesis (open its section view)")


def section_view(graph: ArgumentGraph, section: str) -> Selection:
    """One section's claims and evidence, with the main thesis for context."""
    corpus = graph.corpus
    order = corpus.section_order()
    if _small_number(section) and 1 <= int(section) <= len(order):
        section = order[int(section) - 1]
    if section not in corpus.sections:
        raise UsageError(f"no section '{_clip(section)}'; sections: {', '.join(order)}")
    title = corpus.sections[section][1].title
    sel = Selection(f"Section: {title}")
    for claim in corpus.claims.values():
        if claim.locator.section == section:
            sel.add(claim.id, f"said in {section} ¶{claim.locator.paragraph}")
    for ev in corpus.evidence.values():
        if ev.locator is not None and ev.locator.section == section:
            sel.add(ev.id, f"evidence in {section} ¶{ev.locator.paragraph}")
        elif ev.locator is None and any(
                t in sel.nodes for t in (*ev.supports, *ev.attacks, *ev.qualifies, *ev.contradicts)):
            sel.add(ev.id, "evidence the text does not locate (added by the map's editor)")
    for claim_id in _main_theses(graph, section):
        sel.add(claim_id, "the work's main thesis (context)")
    return _finish(graph, sel, "in another section")


def _main_theses(graph: ArgumentGraph, section: str) -> list[str]:
    """The main thesis of the work the section belongs to (never another work's)."""
    corpus = graph.corpus
    work = corpus.sections[section][0]
    own = {s.id for s in work.sections}
    return [c for c in graph.theses("work") if corpus.claims[c].locator.section in own]


def paragraph_view(graph: ArgumentGraph, section: str, paragraph: int) -> Selection:
    """One paragraph's claims and evidence with their immediate neighbours.

    A seminar walking the text reads one paragraph at a time; the whole
    section's map for each step buries the handful of nodes that paragraph
    contributes, so this view shows them and what they touch, one step out.
    """
    corpus = graph.corpus
    if section not in corpus.sections:
        raise UsageError(f"no section '{section}'; sections: {', '.join(corpus.section_order())}")
    total = corpus.sections[section][1].paragraphs
    if not 1 <= paragraph <= total:
        raise UsageError(f"section '{section}' has paragraphs 1 to {total}, not {paragraph}")
    title = corpus.sections[section][1].title
    sel = Selection(f"{title}, paragraph {paragraph}")
    nodes: list[Claim | Evidence] = [*corpus.claims.values(), *corpus.evidence.values()]
    own = [n.id for n in nodes
           if n.locator is not None and n.locator.section == section
           and n.locator.paragraph == paragraph]
    for node in own:
        sel.add(node, f"said in {section} ¶{paragraph}")
    for node in own:
        for other in sorted(graph.neighbours(node)):
            if other in corpus.claims or other in corpus.evidence:
                sel.add(other, "one step from the paragraph")
    if not own:
        for claim_id in _main_theses(graph, section):
            sel.add(claim_id, "the work's main thesis (the paragraph maps nothing)")
    return _finish(graph, sel, "neither in the paragraph nor next to it")


def containing_view(graph: ArgumentGraph, spec: str, node_id: str,
                    run: Callable[[str], Selection] | None = None) -> str:
    """A view spec that shows node_id: spec itself when it does, else the nearest kin.

    Opening a claim from search, a timeline or a link must show it on the map;
    a view that lacks it gives way to the claim's own paragraph (in a paragraph
    view), its neighbourhood or trace (in those views), else its section.
    `run` selects a view (default: select on graph), so a caller that keeps
    selections can pass its own.
    """
    corpus = graph.corpus
    node = corpus.claims.get(node_id) or corpus.evidence.get(node_id)
    if node is None:
        return spec
    try:
        if node_id in (run(spec) if run is not None else select(graph, spec)).nodes:
            return spec
    except UsageError:
        pass
    kind = spec.partition(":")[0]
    if node.locator is None:  # evidence the text does not locate: shown with what it bears on
        targets = [t for t in (*node.supports, *node.attacks, *node.qualifies, *node.contradicts)
                   if t in corpus.claims]
        return f"claim:{targets[0]}" if targets else spec
    if kind == "paragraph":
        return f"paragraph:{node.locator.section}:{node.locator.paragraph}"
    if kind == "claim" or (kind == "trace" and node_id in corpus.claims):
        return f"{kind}:{node_id}"
    return f"section:{node.locator.section}"


def neighbourhood(graph: ArgumentGraph, claim_id: str, depth: int = 1) -> Selection:
    """A claim and everything within `depth` relations of it, either direction."""
    _need(graph, claim_id)
    sel = Selection(f"Around {claim_id} (depth {depth})", focus=claim_id)
    sel.add(claim_id, "the focus")
    frontier = deque([(claim_id, 0)])
    while frontier:
        node, dist = frontier.popleft()
        for other in graph.neighbours(node):
            if other in sel.nodes:
                continue
            if dist + 1 > depth:
                sel.omitted_nodes.setdefault(other, f"more than {depth} steps from the focus")
                continue
            sel.add(other, f"{dist + 1} step(s) from the focus")
            frontier.append((other, dist + 1))
    for note in graph.footnotes_for(claim_id):
        sel.add(note, "a footnote of the focus")
    finished = _finish(graph, sel, f"more than {depth} steps from the focus")
    return finished


def trace_view(graph: ArgumentGraph, claim_id: str) -> Selection:
    """The claim, what supports it (transitively), their evidence, notes and sources."""
    _need(graph, claim_id)
    sel = Selection(f"Trace of {claim_id}: claim -> evidence -> footnotes -> sources",
                    focus=claim_id)
    sel.add(claim_id, "the claim traced")
    stack = [claim_id]
    while stack:
        node = stack.pop()
        for rel in graph.relations_to(node, "supports"):
            if rel.source not in sel.nodes:
                kind = "evidence" if rel.source in graph.corpus.evidence else "claim"
                sel.add(rel.source, f"{kind} supporting {node}")
                stack.append(rel.source)
    for node in list(sel.nodes):
        for note in graph.footnotes_for(node):
            sel.add(note, f"footnote cited by {node}")
            for source in graph.sources_of_note.get(note, []):
                sel.add(source, f"source cited in note {graph.corpus.footnotes[note].number}")
    return _finish(graph, sel, "not on a support path to the claim (attackers are in claim view)")


def school_view(graph: ArgumentGraph, school: str) -> Selection:
    """The contested claims and theses, coloured by one school's stances."""
    corpus = graph.corpus
    if school not in corpus.schools:
        raise UsageError(f"no school '{school}'; schools: {', '.join(corpus.schools)}")
    sel = Selection(f"As the {corpus.schools[school].name} sees it", school=school)
    for claim_id in graph.theses():
        sel.add(claim_id, "a thesis")
    for claim_id in graph.stances_on:
        sel.add(claim_id, "a school takes a position on it")
    colour_by_school(graph, sel, school)
    return _finish(graph, sel, "no school takes a position on it")


def acceptance_view(graph: ArgumentGraph, school: str) -> Selection:
    """The school view coloured by computed acceptability (IN/OUT/UNDEC), with reasons.

    Where `school:` shows what a school says of each claim, this shows what
    follows formally from all it accepts and rejects (argmap.argumentation.audiences).
    """
    from argmap.argumentation.audiences import school_labels

    sel = school_view(graph, school)
    sel.title = f"What stands for the {graph.corpus.schools[school].name} (grounded semantics)"
    verdicts = school_labels(graph.corpus, school)
    for node in sel.nodes:
        if node in verdicts:
            sel.verdicts[node] = verdicts[node].label
            sel.reasons[node] = verdicts[node].reason
    return sel


STRENGTH_BANDS: tuple[tuple[float, str], ...] = (
    (0.2, "very weak"), (0.4, "weak"), (0.6, "middling"), (0.8, "strong"), (1.01, "very strong"),
)


def strength_band(value: float) -> str:
    """One of five named bands, so a map can be coloured (and read in greyscale) by strength."""
    return next(name for limit, name in STRENGTH_BANDS if value < limit)


def strength_view(graph: ArgumentGraph, school: str) -> Selection:
    """The school view coloured by graded strength (QBAF, DF-QuAD), with each
    node's strength and base score (argmap.argumentation.gradual)."""
    from argmap.argumentation.gradual import school_strengths

    sel = school_view(graph, school)
    sel.title = f"How strong each claim is for the {graph.corpus.schools[school].name} (DF-QuAD)"
    result = school_strengths(graph.corpus, school)
    for node in sel.nodes:
        if node in result.strength:
            value = result.strength[node]
            base = result.bases[node]
            sel.verdicts[node] = strength_band(value)
            sel.scores[node] = value
            sel.reasons[node] = f"strength {value:.2f}; base {base.value:.2f} from {base.why}"
    return sel


def colour_by_school(graph: ArgumentGraph, sel: Selection, school: str) -> Selection:
    """Mark each claim in the selection with the school's position (or none)."""
    sel.school = school
    for node in sel.nodes:
        if node in graph.corpus.claims:
            stance = graph.stances_on.get(node, {}).get(school)
            sel.verdicts[node] = stance.position if stance else "no-stance"
    return sel


def filter_view(
    graph: ArgumentGraph,
    *,
    person: str | None = None,
    event: str | None = None,
    period: tuple[str, str] | None = None,
) -> Selection:
    """Claims and evidence about a person, an event, or overlapping a period."""
    corpus = graph.corpus
    if person is not None and person not in corpus.people:
        raise UsageError(f"no person '{person}'")
    if event is not None and event not in corpus.events:
        raise UsageError(f"no event '{event}'")
    label = person or event or (f"{period[0]}..{period[1]}" if period else "everything")
    sel = Selection(f"Filtered: {label}")
    for node in (*corpus.claims.values(), *corpus.evidence.values()):
        if person is not None and person not in node.people:
            continue
        if event is not None and event not in node.events:
            continue
        if period is not None and not _overlaps(_node_period(graph, node.id), period):
            continue
        sel.add(node.id, f"matches {label}")
    return _finish(graph, sel, f"does not match {label}")


def _node_period(graph: ArgumentGraph, node_id: str) -> tuple[str, str] | None:
    corpus = graph.corpus
    if node_id in corpus.claims:
        claim = corpus.claims[node_id]
        if claim.period is not None:
            return claim.period.start, claim.period.end or claim.period.start
        dates = [corpus.events[e].date for e in claim.events if corpus.events[e].date]
        if dates:
            return min(d for d in dates if d), max(d for d in dates if d)
        return None
    ev = corpus.evidence[node_id]
    return (ev.date, ev.date) if ev.date else None


def _overlaps(span: tuple[str, str] | None, period: tuple[str, str]) -> bool:
    """Partial dates cover their whole year or month: 1934 overlaps 1934-12-01."""
    if span is None:
        return False
    return _earliest(span[0]) <= _latest(period[1]) and _latest(span[1]) >= _earliest(period[0])


def _earliest(date: str) -> str:
    return date + "-01-01"[len(date) - 4:] if len(date) < 10 else date


def _latest(date: str) -> str:
    return date + "-12-31"[len(date) - 4:] if len(date) < 10 else date
