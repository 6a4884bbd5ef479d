"""Names for what a map refers to by id: whose view a claim reports, on what an
editorial item rests. Front ends show these names, never the raw ids."""

from __future__ import annotations

from argmap.core.corpus import Corpus
from argmap.core.model import Evidence

__all__ = ["editorial_basis", "voice_name"]


def voice_name(corpus: Corpus, who: str) -> str:
    """The person's, group's or school's name for an `asserted_by` id ('Revisionist
    school', not 'revisionist'); the id itself only if nothing has it."""
    if who in corpus.people:
        return corpus.people[who].name
    if who in corpus.schools:
        return corpus.schools[who].name
    return who


def editorial_basis(corpus: Corpus, evidence: Evidence) -> str:
    """'Kennan, Memoirs, 292': the source (short title) and pages that evidence the text
    does not locate rests on; empty when it has none."""
    if evidence.source is None:
        return ""
    source = corpus.sources.get(evidence.source)
    title = (source.short_title or source.full_title or source.id) if source else evidence.source
    names = (source.author or source.editor) if source else []
    lead = (names[0].family or names[0].literal or "") if names else ""
    return ", ".join(part for part in (lead, title, evidence.pages or "") if part)
