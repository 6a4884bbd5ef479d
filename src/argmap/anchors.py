"""Checking that every anchor can be found in a copy of the text.

Anchors are how a reader finds the passage a claim paraphrases; one that is not
in the text (a typo, a silently "improved" quotation) sends the reader nowhere.
Whitespace, quote style and case are forgiven; words are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argmap.core.corpus import Corpus
from argmap.core.errors import Problem
from argmap.core.model import Locator
from argmap.core.yamlfile import locate
from argmap.textmatch import fold


@dataclass(frozen=True)
class AnchorCheck:
    checked: int
    missing: list[Problem]


def check_anchors(corpus: Corpus, text: str) -> AnchorCheck:
    """Every anchor of claims, evidence and stances, looked up in the text."""
    haystack = fold(text)
    missing: list[Problem] = []
    checked = 0
    cache: dict[Path, object] = {}
    for owner, locator in _anchored(corpus):
        assert locator.anchor is not None
        checked += 1
        if fold(locator.anchor) in haystack:
            continue
        origin = corpus.origins[owner]
        line, col = locate(origin.path, (*origin.loc, "locator", "anchor"), cache=cache)  # type: ignore[arg-type]
        missing.append(Problem(
            origin.display, line, col, f"anchor of '{owner}' is not in the text: {locator.anchor!r}",
            "copy the phrase exactly from the text (at most 12 words)",
        ))
    return AnchorCheck(checked, sorted(missing))


def _anchored(corpus: Corpus) -> list[tuple[str, Locator]]:
    found: list[tuple[str, Locator]] = []
    for claim in corpus.claims.values():
        if claim.locator.anchor:
            found.append((claim.id, claim.locator))
    for ev in corpus.evidence.values():
        if ev.locator is not None and ev.locator.anchor:
            found.append((ev.id, ev.locator))
    for stance in corpus.stances:
        if stance.locator is not None and stance.locator.anchor:
            found.append((f"{stance.school}:{stance.claim}", stance.locator))
    return found
