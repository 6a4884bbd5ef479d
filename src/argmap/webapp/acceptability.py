"""Computed acceptability of each claim for a school taken as an audience.

The Schools page shows these labels beside the stances, so a seminar can see
not only what a school says about a claim but what follows, formally, from
everything it accepts and rejects (argmap.argumentation.audiences; docs/semantics.md).
"""

from __future__ import annotations

from argmap.argumentation.audiences import school_labels
from argmap.graph import ArgumentGraph


def labels_for(graph: ArgumentGraph, school: str) -> dict[str, str] | None:
    """'IN' / 'OUT' / 'UNDEC' per claim under grounded semantics (the reason is
    shown on click, below the school-coloured map)."""
    if school not in graph.corpus.schools:
        return None
    verdicts = school_labels(graph.corpus, school)
    return {node: v.label for node, v in verdicts.items()}
