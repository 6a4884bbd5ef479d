"""Counts that tell an editor how complete a map is.

Missing bibliographic data is reported, never filled in: the chapter does not
give every year or publisher, and a guessed one would be a fabricated fact.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from argmap.citations.chicago import missing_fields
from argmap.core.corpus import Corpus


def corpus_stats(corpus: Corpus) -> dict[str, Any]:
    """Counts by collection and kind, plus what is incomplete."""
    claims_by_section = Counter(c.locator.section for c in corpus.claims.values())
    return {
        "counts": {
            "works": len(corpus.works),
            "sections": len(corpus.sections),
            "claims": len(corpus.claims),
            "evidence": len(corpus.evidence),
            "footnotes": len(corpus.footnotes),
            "sources": len(corpus.sources),
            "people": len(corpus.people),
            "events": len(corpus.events),
            "schools": len(corpus.schools),
            "stances": len(corpus.stances),
            "relations": len(corpus.relations),
        },
        "claims_by_kind": dict(Counter(c.kind for c in corpus.claims.values()).most_common()),
        "claims_by_section": {s: claims_by_section.get(s, 0) for s in corpus.section_order()},
        "evidence_by_kind": dict(Counter(e.kind for e in corpus.evidence.values()).most_common()),
        "relations_by_kind": dict(Counter(r.kind for r in corpus.relations).most_common()),
        "stances_by_school": dict(Counter(s.school for s in corpus.stances).most_common()),
        "stances_by_basis": dict(Counter(s.basis for s in corpus.stances).most_common()),
        "editorial_stances_without_pages": dict(Counter(
            s.school for s in corpus.stances if s.basis == "editorial" and not s.pages
        ).most_common()),
        "stances_by_position": {
            school: dict(Counter(s.position for s in corpus.stances if s.school == school))
            for school in corpus.schools
        },
        "incomplete_sources": {
            sid: missing for sid, src in corpus.sources.items()
            if not src.editorial and (missing := missing_fields(src))
        },
        "incomplete_editorial_sources": {
            sid: missing for sid, src in corpus.sources.items()
            if src.editorial and (missing := missing_fields(src))
        },
        "undated_events": [e.id for e in corpus.events.values() if e.date is None],
    }


def format_stats(stats: dict[str, Any]) -> str:
    """The stats as a short plain-text report."""
    lines = ["Counts:"]
    lines += [f"  {name:<10} {count}" for name, count in stats["counts"].items()]
    for title, key in [("Claims by kind", "claims_by_kind"), ("Claims by section", "claims_by_section"),
                       ("Evidence by kind", "evidence_by_kind"),
                       ("Relations by kind", "relations_by_kind"),
                       ("Stances by school", "stances_by_school"),
                       ("Stances by basis", "stances_by_basis")]:
        lines.append(f"{title}:")
        lines += [f"  {name:<24} {count}" for name, count in stats[key].items()]
    unpaged = stats["editorial_stances_without_pages"]
    lines.append(f"Editorial stances that give no pages ({sum(unpaged.values())}): "
                 "the editor could not cite a page or chapter honestly")
    lines += [f"  {name:<24} {count}" for name, count in unpaged.items()]
    incomplete = stats["incomplete_sources"]
    lines.append(f"Incomplete sources ({len(incomplete)}): the text does not give these fields")
    lines += [f"  {sid}: missing {', '.join(fields)}" for sid, fields in incomplete.items()]
    added = stats["incomplete_editorial_sources"]
    if added:
        lines.append(f"Incomplete sources the editor added ({len(added)}): fields the editor "
                     "left out rather than guess")
        lines += [f"  {sid}: missing {', '.join(fields)}" for sid, fields in added.items()]
    if stats["undated_events"]:
        lines.append("Events the text does not date: " + ", ".join(stats["undated_events"]))
    return "\n".join(lines)
