"""DOT source for a selection: how a view looks on paper and on a projector.

Colour follows the Rationale/MindMup teaching convention (support green,
attack red, undercut orange) in the Okabe-Ito colour-blind-safe palette, and
every relation also has its own line style and arrowhead, so a greyscale
printout still reads. All text goes into HTML-like labels after escaping, so
quotes, braces, angle brackets and backslashes in a claim are shown literally
and can never close a label or inject attributes.
"""

from __future__ import annotations

import html
import itertools
import textwrap
from dataclasses import dataclass

import graphviz

from argmap.citations.chicago import archival_reference
from argmap.graph import ArgumentGraph
from argmap.views import CITES, Selection

# Okabe-Ito palette.
GREEN, VERMILLION, ORANGE, BLUE, PURPLE, GREY = (
    "#009E73", "#D55E00", "#E69F00", "#0072B2", "#CC79A7", "#777777"
)
EDGE_STYLE: dict[str, dict[str, str]] = {
    "supports": {"color": GREEN, "style": "solid", "arrowhead": "normal", "penwidth": "1.6"},
    "attacks": {"color": VERMILLION, "style": "dashed", "arrowhead": "tee", "penwidth": "2"},
    "undercuts": {"color": ORANGE, "style": "dotted", "arrowhead": "teeodot", "penwidth": "2"},
    "qualifies": {"color": BLUE, "style": "solid", "arrowhead": "odiamond", "penwidth": "1"},
    "contradicts": {"color": PURPLE, "style": "bold", "arrowhead": "tee", "dir": "both",
                    "arrowtail": "tee"},
    CITES: {"color": GREY, "style": "dotted", "arrowhead": "vee", "arrowsize": "0.6"},
}
EVIDENCE_SHAPE = {
    "archival": "folder", "document-collection": "tab", "intelligence-report": "box3d",
    "testimony": "cds", "speech-or-writing": "note", "memoir": "note",
    "statistic": "parallelogram", "secondary": "component", "press": "box",
}
VERDICT_FILL = {
    "accepts": "#CDEFE3", "rejects": "#F6D0BA", "qualifies": "#FBEAC4",
    "disputed": "#EBD3E3", "no-stance": "#FFFFFF",
    "IN": "#CDEFE3", "OUT": "#F6D0BA", "UNDEC": "#FBEAC4",
    # Graded strength: a sequential blue scale (colour-blind safe, reads in greyscale).
    "very weak": "#FFFFFF", "weak": "#DCEAF5", "middling": "#B3D3EA", "strong": "#7FB3D9",
    "very strong": "#4A90C4",
}
VERDICT_STYLE = {"rejects": "dashed", "no-stance": "dotted", "disputed": "dashed",
                 "OUT": "dashed", "UNDEC": "dotted"}
STANCE_VERDICTS = ("accepts", "rejects", "qualifies", "disputed", "no-stance")
LABEL_VERDICTS = ("IN", "OUT", "UNDEC")
STRENGTH_VERDICTS = ("very weak", "weak", "middling", "strong", "very strong")
HIGHLIGHT = "#0072B2"


@dataclass(frozen=True)
class DotOptions:
    wrap: int = 30
    legend: bool = True
    clusters: bool = True
    rankdir: str = "BT"
    highlight: frozenset[str] = frozenset()


def node_id(corpus_id: str) -> str:
    """The DOT/SVG id of a node: stable, derived from the corpus id."""
    return f"n-{corpus_id}"


def html_label(title: str, body: str, wrap: int) -> str:
    """An escaped HTML-like label: a bold heading line, then wrapped text."""
    lines = textwrap.wrap(" ".join(body.split()), wrap) or [""]
    escaped = "<BR/>".join(_esc(line) for line in lines)
    return f"<<B>{_esc(title)}</B><BR/>{escaped}>"


def _esc(text: str) -> str:
    """HTML-escape, and double each backslash as an entity pair: Graphviz decodes
    entities and then expands escapes like \\N, so one entity pair is one
    literal backslash on the page."""
    escaped = html.escape(text, quote=True).replace("&#x27;", "&#39;")
    return escaped.replace("\\", "&#92;&#92;")


def plain(text: str) -> str:
    """A plain quoted attribute (tooltip): never HTML, and backslashes shown as a
    look-alike, because Graphviz expands \\N, \\G... even in tooltips."""
    text = " ".join(text.split()).replace("\\", "\u29f5")
    if text.startswith("<") and text.endswith(">"):
        text += " "
    return text


def build_dot(graph: ArgumentGraph, sel: Selection, opts: DotOptions | None = None) -> graphviz.Digraph:
    """The selection as a graphviz.Digraph (source via .source)."""
    opts = opts or DotOptions()
    dot = graphviz.Digraph("argmap", graph_attr={
        "rankdir": sel.rankdir or opts.rankdir, "fontname": "Helvetica", "newrank": "true",
        "label": _esc(sel.title), "labelloc": "t", "fontsize": "18", "nodesep": "0.35",
        "ranksep": "0.5", "bgcolor": "white", "tooltip": plain(sel.title),
    }, node_attr={"fontname": "Helvetica", "fontsize": "11", "margin": "0.12,0.06"},
        edge_attr={"fontname": "Helvetica", "fontsize": "9"})
    corpus = graph.corpus
    by_section: dict[str, list[str]] = {}
    loose: list[str] = []
    for nid in sel.nodes:
        section = _section_of(graph, nid)
        if opts.clusters and section is not None:
            by_section.setdefault(section, []).append(nid)
        else:
            loose.append(nid)
    for section in corpus.section_order():
        members = by_section.get(section)
        if not members:
            continue
        title = corpus.sections[section][1].title
        with dot.subgraph(name=f"cluster_{section}") as sub:
            sub.attr(label=f"<<I>{_esc(title)}</I>>", style="rounded", color="#BBBBBB",
                     fontcolor="#555555", id=f"section-{section}")
            for nid in members:
                _node(sub, graph, sel, nid, opts)
    for nid in loose:
        _node(dot, graph, sel, nid, opts)
    for source, target, kind in sel.edges:
        style = dict(EDGE_STYLE.get(kind, {}))
        style["tooltip"] = plain(f"{source} {kind} {target}")
        dot.edge(node_id(source), node_id(target), id=f"e-{source}-{kind}-{target}", **style)
    if opts.legend:
        _legend(dot, sel, sideways=(sel.rankdir or opts.rankdir) in ("LR", "RL"))
    return dot


def _section_of(graph: ArgumentGraph, nid: str) -> str | None:
    corpus = graph.corpus
    if nid in corpus.claims:
        return corpus.claims[nid].locator.section
    if nid in corpus.evidence:
        loc = corpus.evidence[nid].locator
        return loc.section if loc is not None else None
    return None


def _node(dot: graphviz.Digraph, graph: ArgumentGraph, sel: Selection, nid: str,
          opts: DotOptions) -> None:
    corpus = graph.corpus
    attrs: dict[str, str] = {"id": node_id(nid), "class": "argmap-node"}
    if nid in corpus.claims:
        claim = corpus.claims[nid]
        loc = claim.locator
        heading = f"{'THESIS' if claim.kind == 'thesis' else claim.kind} · ¶{loc.paragraph}"
        if claim.asserted_by != "author":
            who = claim.asserted_by
            name = (corpus.people[who].name if who in corpus.people
                    else corpus.schools[who].name if who in corpus.schools else who)
            heading += f" · view of {name}"
        attrs.update(label=html_label(_judged(heading, sel, nid), claim.heading, opts.wrap),
                     shape="box", style="rounded,filled", fillcolor="#FFFFFF",
                     tooltip=plain(claim.text))
        if claim.kind == "thesis":
            attrs.update(penwidth="3", fillcolor="#E8F1FA" if claim.scope == "work" else "#F3F7FB")
        if claim.asserted_by != "author":
            attrs["style"] = "rounded,filled,dashed"
        verdict = sel.verdicts.get(nid)
        if verdict is not None:
            attrs["fillcolor"] = VERDICT_FILL[verdict]
            why = sel.reasons.get(nid)
            attrs["tooltip"] = plain(f"{sel.school}: {verdict}" + (f" ({why})" if why else "")
                                     + f" — {claim.text}")
            if verdict in VERDICT_STYLE:
                attrs["style"] = f"rounded,filled,{VERDICT_STYLE[verdict]}"
    elif nid in corpus.evidence:
        ev = corpus.evidence[nid]
        heading = ev.kind.replace("-", " ") + (f" · {ev.date}" if ev.date else "")
        # Evidence keeps its own fill; its score for the school is in its heading.
        attrs.update(label=html_label(_judged(heading, sel, nid), ev.heading, opts.wrap),
                     shape=EVIDENCE_SHAPE[ev.kind], style="filled", fillcolor="#FFF6D5",
                     tooltip=plain(ev.text))
    elif nid in corpus.footnotes:
        note = corpus.footnotes[nid]
        attrs.update(label=html_label(f"note {note.number}", note.commentary or "", opts.wrap),
                     shape="ellipse", style="filled", fillcolor="#EEEEEE",
                     tooltip=plain(f"Footnote {note.number}"))
    elif nid in corpus.sources:
        src = corpus.sources[nid]
        # An archival source shows its file in its archive's own form, whatever the tradition.
        file = archival_reference(src) if src.archival else ""
        title = src.short_title or src.title or file or nid
        who = ", ".join((n.family or n.literal or "") for n in (src.author or src.editor)[:2])
        heading = who or (file if file and file != title else src.type)
        tip = f"{title} — {file}" if file and file != title else title
        attrs.update(label=html_label(heading, title, opts.wrap), shape="box",
                     style="filled", fillcolor="#DCEBF7", tooltip=plain(tip))
    else:
        attrs.update(label=html_label(nid, "", opts.wrap))
    if nid == sel.focus or nid in opts.highlight:
        attrs.update(color=HIGHLIGHT, penwidth="4")
    dot.node(node_id(nid), **attrs)


def _judged(heading: str, sel: Selection, nid: str) -> str:
    """A node's heading with the school's score (or verdict) on it, in a school's view.

    In the heading, not beside the node: Graphviz put an outside label at whichever
    corner was free, so between two neighbours a seminar could not tell whose number
    it was, and an arrowhead could cover it."""
    verdict = sel.verdicts.get(nid)
    if verdict is None:
        return heading
    return f"{heading} · {sel.scores[nid]:.2f}" if nid in sel.scores else f"{heading} · {verdict}"


def _legend(dot: graphviz.Digraph, sel: Selection, *, sideways: bool = False) -> None:
    """The key as a cluster of sample nodes and edges. In a sideways (LR) view the
    sample shapes are chained by invisible edges so they still form a row rather
    than one tall column."""
    with dot.subgraph(name="cluster_legend") as leg:
        leg.attr(label="<<B>Legend</B>>", style="rounded", color="#999999", id="legend",
                 **{"class": "argmap-legend"})
        # Marked so the app can hide it and show a compact key beside the map instead.
        leg.attr("node", **{"class": "argmap-legend"})
        leg.attr("edge", **{"class": "argmap-legend"})
        leg.node("legend_claim", label="claim", shape="box", style="rounded")
        leg.node("legend_thesis", label="thesis", shape="box", style="rounded,filled",
                 penwidth="3", fillcolor="#E8F1FA")
        leg.node("legend_view", label="reported view", shape="box", style="rounded,dashed")
        leg.node("legend_evidence", label="evidence", shape="folder", style="filled",
                 fillcolor="#FFF6D5")
        leg.node("legend_note", label="footnote", shape="ellipse", style="filled",
                 fillcolor="#EEEEEE")
        leg.node("legend_source", label="source", shape="box", style="filled",
                 fillcolor="#DCEBF7")
        if sideways:
            shapes = ["legend_claim", "legend_thesis", "legend_view", "legend_evidence",
                      "legend_note", "legend_source"]
            for a, b in itertools.pairwise(shapes):
                leg.edge(a, b, style="invis")
        for kind in ("supports", "attacks", "undercuts", "qualifies", "contradicts", CITES):
            a, b = f"legend_{kind}_a", f"legend_{kind}_b"
            leg.node(a, label="", shape="point", width="0.05")
            leg.node(b, label=kind, shape="plaintext")
            leg.edge(a, b, **EDGE_STYLE[kind])
        if sel.school:
            shown = set(sel.verdicts.values())
            kinds = (LABEL_VERDICTS if shown & set(LABEL_VERDICTS) else
                     STRENGTH_VERDICTS if shown & set(STRENGTH_VERDICTS) else STANCE_VERDICTS)
            for verdict in kinds:
                leg.node(f"legend_v_{verdict}", label=verdict, shape="box",
                         **{"class": "argmap-legend argmap-legend-verdict"},
                         style=f"rounded,filled,{VERDICT_STYLE.get(verdict, 'solid')}",
                         fillcolor=VERDICT_FILL[verdict])
