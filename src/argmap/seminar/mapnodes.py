"""A seminar's contributions drawn on the map (issue 16): each visible objection,
supporting point, question or suggested source becomes its own node beside the
claim it speaks to, so the class sees where its discussion sits in the argument.

Pure: takes a graphviz.Digraph made by :func:`argmap.drawing.dot.build_dot` and adds to
it; with nothing to add the DOT source is left byte for byte as it was, so the
map of someone who has not joined a seminar is exactly the map as before.

Contributed text is hostile input: labels go through the same escaping helpers
as every other label (:func:`argmap.drawing.dot.html_label`, :func:`argmap.drawing.dot.plain`),
and node ids are built from the contribution's integer id only.  The ids start
with ``contrib-``, not ``n-``, so the map script (static/map.js) never takes a
contribution for a corpus node; the app tells it which claim a click on one
selects (``clickable_map(targets=...)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import graphviz

from argmap.drawing.dot import EDGE_STYLE, GREEN, GREY, VERMILLION, html_label, node_id, plain
from argmap.views import CITES, Selection

if TYPE_CHECKING:  # the store pulls in SQLAlchemy; the map path must not
    from argmap.seminar.store import Item

CONTRIB_PREFIX = "contrib-"
CONTRIB_FILL = "#F1ECFA"  # light lavender: unlike any corpus node fill; black text ~18:1
HEADING = {"objection": "OBJECTION", "support": "SUPPORT", "question": "QUESTION",
           "source": "SOURCE"}
BORDER = {"objection": VERMILLION, "support": GREEN, "question": GREY, "source": GREY}
_QUIET = {"color": GREY, "style": "dotted", "arrowhead": "vee", "arrowsize": "0.6"}
CONTRIB_EDGE: dict[str, dict[str, str]] = {
    "objection": EDGE_STYLE["attacks"], "support": EDGE_STYLE["supports"],
    "question": _QUIET, "source": dict(EDGE_STYLE[CITES]),
}
WORDS = 8


@dataclass(frozen=True)
class MapContribution:
    """What the map needs of a contribution: hashable, so it can key a render cache."""

    id: int
    claim: str
    kind: str
    text: str
    parent: int | None = None
    status: str = "visible"


def from_items(items: Iterable[Item]) -> tuple[MapContribution, ...]:
    """The store's feed items as map contributions, in id order; only visible ones
    (a student's own post the leader hid stays off the map)."""
    return tuple(sorted((MapContribution(i.id, i.claim, i.kind, i.text, i.parent, i.status)
                         for i in items if i.status == "visible"), key=lambda c: c.id))


def contrib_node_id(contribution: int) -> str:
    return f"{CONTRIB_PREFIX}{int(contribution)}"


def first_words(text: str, words: int = WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def shown(sel: Selection, contributions: Sequence[MapContribution]) -> list[MapContribution]:
    """The contributions to draw: visible (not hidden, not withdrawn), of a known kind,
    on a node in the selection."""
    nodes = set(sel.nodes)
    return [c for c in contributions
            if c.status == "visible" and c.kind in HEADING and c.claim in nodes]


def add_contributions(dot: graphviz.Digraph, sel: Selection,
                      contributions: Sequence[MapContribution], *, wrap: int = 30,
                      legend: bool = True) -> int:
    """Add a node per contribution to draw and an edge to what it answers (its parent
    contribution when that is drawn too, else its claim); return how many."""
    drawn = shown(sel, contributions)
    ids = {c.id for c in drawn}
    for c in sorted(drawn, key=lambda c: c.id):
        nid = contrib_node_id(c.id)
        heading = HEADING[c.kind]
        dot.node(nid, id=nid, label=html_label(heading, first_words(c.text), wrap),
                 shape="note", style="filled,dashed", fillcolor=CONTRIB_FILL,
                 color=BORDER[c.kind], fontcolor="#000000",
                 tooltip=plain(f"Seminar {heading.lower()}: {c.text}"),
                 **{"class": f"argmap-contrib argmap-contrib-{c.kind}"})
        target = (contrib_node_id(c.parent) if c.parent is not None and c.parent in ids
                  else node_id(c.claim))
        style = dict(CONTRIB_EDGE[c.kind])
        style["tooltip"] = plain(f"seminar {heading.lower()} on {c.claim}")
        dot.edge(nid, target, id=f"e-{nid}", **style)
    if drawn and legend:
        with dot.subgraph(name="cluster_legend") as leg:
            leg.node("legend_contribution", label="seminar contribution", shape="note",
                     style="filled,dashed", fillcolor=CONTRIB_FILL,
                     **{"class": "argmap-legend"})
    return len(drawn)
