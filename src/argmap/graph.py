"""The argument graph: a corpus indexed for the questions a seminar asks.

Which claims support or attack this one? What evidence does it rest on, which
footnotes cite that evidence, which sources do they cite? And backwards: which
claims rest on this source or this footnote? The graph answers each in O(degree)
from adjacency dicts built once per corpus.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from argmap.core.corpus import Corpus
from argmap.core.model import Relation, RelationKind, Stance

Edge = tuple[str, str, str]  # (source, target, kind)


@dataclass
class ArgumentGraph:
    corpus: Corpus
    outgoing: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    notes_of: dict[str, list[str]] = field(default_factory=dict)
    sources_of_note: dict[str, list[str]] = field(default_factory=dict)
    nodes_citing_note: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notes_citing_source: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    stances_on: dict[str, dict[str, Stance]] = field(default_factory=lambda: defaultdict(dict))
    claims_by_paragraph: dict[tuple[str, int], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _theses: dict[str | None, tuple[str, ...]] = field(default_factory=dict, repr=False,
                                                       compare=False)

    def relations_to(self, node_id: str, *kinds: RelationKind) -> list[Relation]:
        """Relations pointing at node_id, optionally of the given kinds."""
        rels = self.incoming.get(node_id, [])
        return [r for r in rels if not kinds or r.kind in kinds]

    def relations_from(self, node_id: str, *kinds: RelationKind) -> list[Relation]:
        rels = self.outgoing.get(node_id, [])
        return [r for r in rels if not kinds or r.kind in kinds]

    def supporters(self, claim_id: str) -> list[str]:
        return [r.source for r in self.relations_to(claim_id, "supports")]

    def attackers(self, claim_id: str) -> list[str]:
        """Everything that rebuts, contradicts or undercuts a support of the claim."""
        return [r.source for r in self.relations_to(claim_id, "attacks", "contradicts", "undercuts")]

    def evidence_for(self, claim_id: str) -> list[str]:
        return [s for s in self.supporters(claim_id) if s in self.corpus.evidence]

    def footnotes_for(self, node_id: str) -> list[str]:
        return self.notes_of.get(node_id, [])

    def claims_resting_on_source(self, source_id: str) -> list[str]:
        """Every claim or evidence that cites the source through some footnote."""
        found: list[str] = []
        for note in self.notes_citing_source.get(source_id, []):
            for node in self.nodes_citing_note.get(note, []):
                if node not in found:
                    found.append(node)
        return found

    def claims_resting_on_note(self, note_id: str) -> list[str]:
        return list(self.nodes_citing_note.get(note_id, []))

    def neighbours(self, node_id: str) -> set[str]:
        out = {r.target for r in self.outgoing.get(node_id, [])}
        out |= {r.via for r in self.outgoing.get(node_id, []) if r.via}
        inc = {r.source for r in self.incoming.get(node_id, [])}
        return out | inc

    def theses(self, scope: str | None = None) -> list[str]:
        """The claims marked as theses (of one scope); found once per graph, since
        the map page asks on every click and a large map has thousands of claims."""
        if scope not in self._theses:
            self._theses[scope] = tuple(
                c.id for c in self.corpus.claims.values()
                if c.kind == "thesis" and (scope is None or c.scope == scope))
        return list(self._theses[scope])


def build_graph(corpus: Corpus) -> ArgumentGraph:
    """Index a resolved corpus; references are known to be valid."""
    graph = ArgumentGraph(corpus)
    for rel in corpus.relations:
        graph.outgoing[rel.source].append(rel)
        graph.incoming[rel.target].append(rel)
    for nodes in (corpus.claims, corpus.evidence):
        for node_id, node in nodes.items():
            graph.notes_of[node_id] = list(node.footnotes)
            for note in node.footnotes:
                graph.nodes_citing_note[note].append(node_id)
    for claim in corpus.claims.values():
        graph.claims_by_paragraph[(claim.locator.section, claim.locator.paragraph)].append(claim.id)
    for footnote in corpus.footnotes.values():
        sources = list(dict.fromkeys(c.source for c in footnote.citations))
        graph.sources_of_note[footnote.id] = sources
        for source in sources:
            graph.notes_citing_source[source].append(footnote.id)
    for stance in corpus.stances:
        graph.stances_on[stance.claim][stance.school] = stance
    return graph
