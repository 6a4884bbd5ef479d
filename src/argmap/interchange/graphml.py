"""GraphML for Gephi, yEd and networkx: one node per claim and piece of evidence, one
edge per relation, with the attributes a network view colours and sizes by.

Node attributes: label (the title, or the text's first words), title (empty if
none), text, collection (claim or evidence), kind, section (its title),
section_id, paragraph, and for each school with a stance in the work
``stance_<school>`` (accepts, rejects, qualifies, disputed, or empty) and
``strength_<school>`` (its graded strength, DF-QuAD, as ``argmap strength``
computes it). Edge attributes: relation (supports, attacks, qualifies,
contradicts, undercuts) and, for an undercut, ``via``: the supporter whose
inference to the target it attacks.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from argmap.argumentation.gradual import school_strengths
from argmap.core.model import _UNSHOWABLE
from argmap.interchange.work import WorkView

NS = "http://graphml.graphdrawing.org/xmlns"


def _text(value: object) -> str:
    return _UNSHOWABLE.sub("", str(value))


def write(view: WorkView) -> bytes:
    corpus = view.corpus
    inside = set(view.nodes)
    schools = [s for s in corpus.schools
               if any(st.school == s and st.claim in inside for st in corpus.stances)]
    positions = {(st.school, st.claim): st.position for st in corpus.stances}
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    keys: list[tuple[str, str, str, str]] = [
        ("label", "node", "string", "label"), ("title", "node", "string", "title"),
        ("text", "node", "string", "text"),
        ("collection", "node", "string", "collection"), ("kind", "node", "string", "kind"),
        ("section", "node", "string", "section"), ("section_id", "node", "string", "section_id"),
        ("paragraph", "node", "int", "paragraph"),
    ]
    for s in schools:
        keys.append((f"stance_{s}", "node", "string", f"stance_{s}"))
        keys.append((f"strength_{s}", "node", "double", f"strength_{s}"))
    keys += [("relation", "edge", "string", "relation"), ("via", "edge", "string", "via")]
    for kid, domain, kind, name in keys:
        ET.SubElement(root, f"{{{NS}}}key", {"id": kid, "for": domain, "attr.name": name,
                                             "attr.type": kind})
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": view.work.id, "edgedefault": "directed"})
    strengths = {s: school_strengths(corpus, s).strength for s in schools}

    def data(parent: ET.Element, key: str, value: object) -> None:
        ET.SubElement(parent, f"{{{NS}}}data", {"key": key}).text = _text(value)

    for nid in view.nodes:
        rec = view.node(nid)
        el = ET.SubElement(graph, f"{{{NS}}}node", {"id": nid})
        data(el, "label", rec.heading)
        data(el, "title", rec.title or "")
        data(el, "text", rec.text)
        data(el, "collection", "claim" if nid in corpus.claims else "evidence")
        data(el, "kind", rec.kind)
        data(el, "section", corpus.sections[rec.locator.section][1].title)
        data(el, "section_id", rec.locator.section)
        data(el, "paragraph", rec.locator.paragraph)
        for s in schools:
            data(el, f"stance_{s}", positions.get((s, nid), ""))
            data(el, f"strength_{s}", f"{strengths[s][nid]:.4f}")
    for number, r in enumerate(view.relations, 1):
        el = ET.SubElement(graph, f"{{{NS}}}edge", {"id": f"e{number}", "source": r.source,
                                                     "target": r.target})
        data(el, "relation", r.kind)
        if r.via:
            data(el, "via", r.via)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"
