"""Computed acceptability of each claim for a school taken as an audience.

The Schools page shows these labels beside the stances, so a seminar can see
not only what a school says about a claim but what follows, formally, from
everything it accepts and rejects (argmap.audiences; docs/semantics.md).
"""

from __future__ import annotations

from argmap.audiences import school_labels
from argmap.graph import ArgumentGraph


def labels_for(graph: ArgumentGraph, school: str) -> dict[str, str] | None:
    """'IN' / 'OUT' / 'UNDEC' with the reason, per claim, under grounded semantics."""
    if school not in graph.corpus.schools:
        return None
    verdicts = school_labels(graph.corpus, school)
    return {node: f"{v.label} — {v.reason}" for node, v in verdicts.items()}
