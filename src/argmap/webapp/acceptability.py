"""HOOK: computed acceptability labels per school (audience).

Another part of argmap (argmap.af, audiences) computes which claims each school
would accept under formal argumentation semantics. The app does not depend on
it yet: `labels_for` returns None and the Schools page shows no "computed"
column. To plug it in, make `labels_for` return {claim_id: "IN" | "OUT" |
"UNDEC"} for the school, and the column appears in the comparison table and
the caption of the school-coloured map.
"""

from __future__ import annotations

from argmap.graph import ArgumentGraph


def labels_for(graph: ArgumentGraph, school: str) -> dict[str, str] | None:
    """Computed acceptability of each claim for the school's audience, or None."""
    return None
