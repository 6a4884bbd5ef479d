"""Finding claims by what they say and by what they rest on.

A seminar asks "where does the map talk about Kasahara?"; the answer may sit in
a claim's text, its anchor, the people or events it names, or in the evidence
behind it. Every word of the query must match somewhere (AND), after folding
case, quotes and diacritics.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from argmap.cache.filecache import derived
from argmap.core.corpus import Corpus
from argmap.core.model import Claim
from argmap.textmatch import fold_loose


@dataclass
class Hit:
    claim: Claim
    matched: list[str] = field(default_factory=list)
    voice: str | None = None  # whose view, when the claim reports someone else's

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.claim.id,
            "title": self.claim.heading,
            "text": self.claim.text,
            "reported_view_of": self.voice,
            "kind": self.claim.kind,
            "section": self.claim.locator.section,
            "paragraph": self.claim.locator.paragraph,
            "matched": self.matched,
        }


FIELDS = ("text", "anchor", "people", "events", "evidence")
"""Where a claim can match, in the order a hit reports them."""

Index = list[tuple[str, tuple[str, ...]]]
_last: tuple[Corpus, Index] | None = None


def search_index(corpus: Corpus) -> Index:
    """Each claim's FIELDS, folded, in the corpus's order. Folding is most of a
    search, so the index is built once per corpus (and kept beside the load cache's
    entry for the next command on the same unchanged corpus)."""
    global _last
    if _last is None or _last[0] is not corpus:
        _last = (corpus, derived(corpus.derived_key, "search-index", list,
                                 lambda: _build_index(corpus)))
    return _last[1]


def _build_index(corpus: Corpus) -> Index:
    evidence_for: dict[str, list[str]] = {}
    for ev in corpus.evidence.values():
        blob = fold_loose(" ".join([ev.text, ev.author or "", (ev.locator.anchor if ev.locator else "") or "",
                                    *_names(corpus, ev.people, ev.events)]))
        for target in ev.supports + ev.attacks + ev.qualifies + ev.contradicts:
            evidence_for.setdefault(target, []).append(blob)
    return [(claim.id, (
        fold_loose(f"{claim.title or ''} {claim.text}"),
        fold_loose(claim.locator.anchor or ""),
        fold_loose(" ".join(_names(corpus, claim.people, []))),
        fold_loose(" ".join(_names(corpus, [], claim.events))),
        " ".join(evidence_for.get(claim.id, [])),
    )) for claim in corpus.claims.values()]


SEARCHES_KEPT = 32
"""Searches kept (see search_claims), over all corpora; the oldest goes first."""
_searches: OrderedDict[tuple[int, tuple[str, ...]], tuple[weakref.ref[Corpus], tuple[Hit, ...]]] = (
    OrderedDict())
_SEARCHES_LOCK = threading.Lock()  # the app's sessions search from threads of their own


def search_claims(corpus: Corpus, query: str) -> list[Hit]:
    """Claims matching every word of query, in reading order.

    The last SEARCHES_KEPT searches are kept, per corpus object and folded words:
    the Search page runs its query again on every rerun (a click on "Show 50
    more", on a result), and on 10,000 claims a common word took 0.1-0.35 s each
    time. The hits are shared with later callers, who must not change them."""
    words = tuple(fold_loose(query).split())
    if not words:
        return []
    key = (id(corpus), words)
    with _SEARCHES_LOCK:
        kept = _searches.get(key)
        if kept is not None and kept[0]() is corpus:
            _searches.move_to_end(key)
            return list(kept[1])
    hits = _search(corpus, words)
    with _SEARCHES_LOCK:
        _searches[key] = (weakref.ref(corpus), hits)
        _searches.move_to_end(key)
        while len(_searches) > SEARCHES_KEPT:
            _searches.popitem(last=False)
    return list(hits)


def _search(corpus: Corpus, words: tuple[str, ...]) -> tuple[Hit, ...]:
    order = {sid: i for i, sid in enumerate(corpus.section_order())}
    hits = []
    for claim_id, values in search_index(corpus):
        if all(any(w in value for value in values) for w in words):
            matched = [name for name, value in zip(FIELDS, values, strict=True)
                       if any(w in value for w in words)]
            claim = corpus.claims[claim_id]
            hits.append(Hit(claim, matched, _voice(corpus, claim)))
    hits.sort(key=lambda h: (order.get(h.claim.locator.section, 99), h.claim.locator.paragraph))
    return tuple(hits)


def _voice(corpus: Corpus, claim: Claim) -> str | None:
    """The name of whoever holds a reported view; None for the author's own claims."""
    who = claim.asserted_by
    if who == "author":
        return None
    if who in corpus.people:
        return corpus.people[who].name
    return corpus.schools[who].name if who in corpus.schools else who


def _names(corpus: Corpus, people: list[str], events: list[str]) -> list[str]:
    names = [corpus.people[p].name for p in people if p in corpus.people] + people
    names += [corpus.events[e].name for e in events if e in corpus.events] + events
    return names
