"""AIF JSON (AIFdb, AraucariaDB), xAIF, OVA and SADFace in; AIF JSON out.

In: I-nodes become claims; an RA's premises each support its conclusion; a CA's
premise attacks its conclusion, or, when the conclusion is an RA, undercuts that
inference; MA (rephrase), PA (preference) and the dialogue nodes L, YA, TA are kept
as comments where they touch an I-node and listed in the report. Out: claims and
evidence as I-nodes, supports as RA, attacks, contradictions and qualifications as
CA (the argmap relation in the CA's metadata), undercuts as CA on the RA, and every
record's own fields with its footnote and source trail in the node's ``argmap``
metadata, so argmap -> AIF -> argmap loses nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from argmap.core.corpus import Corpus
from argmap.core.model import dump
from argmap.interchange.graph import Graph, InterchangeError, Link, Node, Scheme
from argmap.interchange.work import WorkView, provenance

SCHEME_TYPES = {"RA", "CA", "MA", "PA"}
DIALOGUE_TYPES = {"L", "YA", "TA"}


def load_json(path: Path, data: bytes) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(str(path), f"byte {exc.start + 1}", "not UTF-8 text",
                               "save the file as UTF-8") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(str(path), f"{exc.lineno}:{exc.colno}", f"not valid JSON: {exc.msg}",
                               "the file may be truncated; export it again") from exc
    except RecursionError as exc:
        raise InterchangeError(str(path), "", "JSON nested too deeply") from exc


def detect_json(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    if isinstance(obj.get("AIF"), dict):
        return "xaif"
    nodes = obj.get("nodes")
    if isinstance(obj.get("metadata"), dict) and "core" in obj["metadata"]:
        return "sadface"
    if isinstance(nodes, list) and nodes and isinstance(nodes[0], dict):
        if "nodeID" in nodes[0]:
            return "aif"
        if "id" in nodes[0] and nodes[0].get("type") in ("atom", "scheme"):
            return "sadface"
        if "id" in nodes[0]:
            return "ova"
    if isinstance(nodes, list) and "edges" in obj:
        return "aif"
    return None


def _list(file: str, obj: Any, key: str, where: str = "") -> list[Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, list):
        raise InterchangeError(file, where, f"no '{key}' list",
                               "an AIF file is an object with 'nodes' and 'edges' lists")
    return value


def _field(file: str, item: Any, key: str, what: str, index: int) -> str:
    if not isinstance(item, dict):
        raise InterchangeError(file, f"{what} #{index + 1}", f"{what} is not an object")
    value = item.get(key)
    if value is None or isinstance(value, (dict, list)):
        ident = item.get("nodeID") or item.get("edgeID") or item.get("id")
        name = f"{what} {ident}" if ident is not None else f"{what} #{index + 1}"
        raise InterchangeError(file, name, f"missing '{key}'",
                               "the file may be truncated or not this format")
    return str(value)


def read(path: Path, data: bytes, fmt: str | None = None) -> Graph:
    obj = load_json(path, data)
    kind = fmt or detect_json(obj)
    file = str(path)
    if kind is None:
        raise InterchangeError(file, "", "not an AIF, xAIF, OVA or SADFace graph",
                               "give --format, or check that the file is an argument graph")
    if kind == "xaif":
        inner = obj.get("AIF") if isinstance(obj, dict) else None
        if not isinstance(inner, dict):
            raise InterchangeError(file, "", "no 'AIF' object", "an xAIF file holds {\"AIF\": {...}}")
        return _from_aif(file, inner, "xaif")
    if kind == "ova":
        if isinstance(obj, dict) and isinstance(obj.get("AIF"), dict):
            return _from_aif(file, obj["AIF"], "ova")
        return _from_ova(file, obj)
    if kind == "sadface":
        return _from_sadface(file, obj)
    return _from_aif(file, obj, "aif")


def _from_aif(file: str, obj: Any, fmt: str) -> Graph:
    nodes: list[tuple[str, str, str, dict[str, Any]]] = []
    for i, n in enumerate(_list(file, obj, "nodes")):
        nid = _field(file, n, "nodeID", "node", i)
        ntype = _field(file, n, "type", "node", i)
        text = n.get("text")
        nodes.append((nid, ntype, str(text) if isinstance(text, str) else "", n))
    edges = []
    for i, e in enumerate(_list(file, obj, "edges")):
        edges.append((_field(file, e, "fromID", "edge", i), _field(file, e, "toID", "edge", i),
                      str(e.get("edgeID", i + 1))))
    g = _assemble(file, fmt, nodes, edges)
    meta = obj.get("argmap") if isinstance(obj, dict) else None
    if isinstance(meta, dict) and isinstance(meta.get("work"), dict):
        g.restored_work = meta["work"]
        for rec in meta.get("sources", []) or []:
            if isinstance(rec, dict) and "id" in rec:
                g.trail.setdefault("sources", {})[str(rec["id"])] = rec
    return g


def _from_ova(file: str, obj: Any) -> Graph:
    nodes = []
    for i, n in enumerate(_list(file, obj, "nodes")):
        nid = _field(file, n, "id", "node", i)
        nodes.append((nid, _field(file, n, "type", "node", i), str(n.get("text") or ""), n))
    edges = []
    for i, e in enumerate(_list(file, obj, "edges")):
        if not isinstance(e, dict):
            raise InterchangeError(file, f"edge #{i + 1}", "edge is not an object")
        ends = []
        for side in ("from", "to"):
            end = e.get(side)
            value = end.get("id") if isinstance(end, dict) else end
            if value is None:
                raise InterchangeError(file, f"edge #{i + 1}", f"missing '{side}'",
                                       "the file may be truncated")
            ends.append(str(value))
        edges.append((ends[0], ends[1], str(i + 1)))
    g = _assemble(file, "ova", nodes, edges)
    analysis = obj.get("analysis") if isinstance(obj, dict) else None
    if isinstance(analysis, dict) and isinstance(analysis.get("documentTitle"), str):
        g.title = analysis["documentTitle"] or None
    return g


SADFACE = {"support": "RA", "attack": "CA", "rephrase": "MA", "preference": "PA"}


def _from_sadface(file: str, obj: Any) -> Graph:
    nodes = []
    for i, n in enumerate(_list(file, obj, "nodes")):
        nid = _field(file, n, "id", "node", i)
        kind = _field(file, n, "type", "node", i)
        if kind == "atom":
            nodes.append((nid, "I", str(n.get("text") or ""), n))
        else:
            name = str(n.get("name") or "")
            nodes.append((nid, SADFACE.get(name.lower(), name or "scheme"), name, n))
    edges = []
    for i, e in enumerate(_list(file, obj, "edges")):
        edges.append((_field(file, e, "source_id", "edge", i),
                      _field(file, e, "target_id", "edge", i), str(e.get("id", i + 1))))
    g = _assemble(file, "sadface", nodes, edges)
    core = (obj.get("metadata") or {}).get("core") if isinstance(obj, dict) else None
    if isinstance(core, dict):
        if isinstance(core.get("title"), str) and core["title"].strip():
            g.title = core["title"]
        for key in ("description", "notes"):
            if isinstance(core.get(key), str) and core[key].strip():
                g.notes.append(f"{key}: {core[key]}")
    return g


def _assemble(file: str, fmt: str, nodes: list[tuple[str, str, str, dict[str, Any]]],
              edges: list[tuple[str, str, str]]) -> Graph:
    g = Graph(fmt=fmt, file=file)
    types: dict[str, str] = {}
    texts: dict[str, str] = {}
    metas: dict[str, dict[str, Any]] = {}
    for nid, ntype, text, raw in nodes:
        if nid in types:
            raise InterchangeError(file, f"node {nid}", "node id used twice",
                                   "each nodeID must be unique")
        types[nid], texts[nid] = ntype, text
        meta = raw.get("argmap")
        if isinstance(meta, dict):
            metas[nid] = meta
    ins: dict[str, list[str]] = {n: [] for n in types}
    outs: dict[str, list[str]] = {n: [] for n in types}
    for src, dst, eid in edges:
        for end in (src, dst):
            if end not in types:
                raise InterchangeError(file, f"edge {eid}", f"refers to node {end}, which the file "
                                       "does not define", "the file may be truncated")
        outs[src].append(dst)
        ins[dst].append(src)
    for nid, ntype, text, raw in nodes:
        if ntype != "I":
            continue
        meta = metas.get(nid)
        node = Node(key=nid, text=text, role="I-node")
        if meta is not None and isinstance(meta.get("record"), dict):
            node.restored = meta
            node.text = str(meta["record"].get("text") or text)
            for key in ("footnotes", "sources", "people", "events"):
                for rec in meta.get(key, []) or []:
                    if isinstance(rec, dict) and "id" in rec:
                        g.trail.setdefault(key, {})[str(rec["id"])] = rec
        elif raw.get("majorClaim") is True:
            node.kind, node.scope = "thesis", "work"
        g.add(node)
    counts: dict[str, int] = {}
    for nid, ntype, _text, raw in nodes:
        if ntype == "I":
            continue
        counts[ntype] = counts.get(ntype, 0) + 1
        premises, conclusions = ins[nid], outs[nid]
        label = str(raw.get("scheme") or texts[nid] or ntype)
        if ntype in ("RA", "CA"):
            g.schemes.append(Scheme(nid, ntype, texts[nid], premises, conclusions))
            own = isinstance(metas.get(nid), dict)
            if not own and label not in ("RA", "CA", "Default Inference", "Default Conflict", ""):
                for c in conclusions:
                    if c in g.nodes:
                        g.nodes[c].notes.append(f"{ntype} {nid} scheme: {label}")
                g.kept.append(f"{ntype} {nid}: scheme name '{label}' kept as a comment")
            relation = (metas.get(nid) or {}).get("relation")
            for p in premises:
                for c in conclusions:
                    _scheme_link(g, types, ins, outs, ntype, nid, p, c, relation)
        elif ntype == "MA":
            for p in premises:
                for c in conclusions:
                    if p in g.nodes and c in g.nodes:
                        g.nodes[p].notes.append(f"rephrases {c} (AIF MA {nid})")
                        g.nodes[c].notes.append(f"rephrased by {p} (AIF MA {nid})")
            g.kept.append(f"MA {nid} (rephrase): kept as comments on both statements")
        elif ntype == "YA":
            speakers = [texts[p] for p in premises if types.get(p) == "L"]
            for c in conclusions:
                if c in g.nodes and speakers:
                    g.nodes[c].notes.append(f"locution ({texts[nid] or 'YA'}): {speakers[0]}")
        elif ntype in DIALOGUE_TYPES:
            continue
        else:
            g.lost.append(f"{ntype} {nid}: this kind of scheme node has no argmap counterpart")
    dialogue = {t: n for t, n in counts.items() if t in DIALOGUE_TYPES}
    if dialogue:
        g.kept.append("dialogue nodes (" + ", ".join(f"{n} {t}" for t, n in sorted(dialogue.items()))
                      + "): locutions kept as comments on the statements they anchor; turns (TA) "
                      "not kept")
    if g.restored_work is None and not g.nodes:
        raise InterchangeError(file, "", "the graph has no I-nodes (statements)",
                               "an argument map needs at least one statement")
    return g


def _scheme_link(g: Graph, types: dict[str, str], ins: dict[str, list[str]],
                 outs: dict[str, list[str]], ntype: str, nid: str, p: str, c: str,
                 relation: Any) -> None:
    if p not in g.nodes:
        if ntype == "RA" and types.get(p) == "CA":
            return  # a CA attacking this inference: read as an undercut from the CA's side
        if types.get(p) not in DIALOGUE_TYPES:
            g.lost.append(f"{ntype} {nid}: its premise {p} is a {types.get(p)} node, not a statement")
        return
    if c in g.nodes:
        if ntype == "RA":
            g.links.append(Link("supports", p, c))
        else:
            g.links.append(Link("contradicts" if relation == "contradicts" else
                                "qualifies" if relation == "qualifies" else "attacks", p, c))
        return
    if ntype == "CA" and types.get(c) == "RA":
        for q in ins[c]:
            for d in outs[c]:
                if q in g.nodes and d in g.nodes:
                    g.links.append(Link("undercuts", p, d, via=q))
        return
    g.lost.append(f"{ntype} {nid}: {p} -> {c} ({types.get(c)} node) has no argmap counterpart")


# -- export ----------------------------------------------------------------------------------------


def _trail(corpus: Corpus, record: Any) -> dict[str, list[dict[str, Any]]]:
    notes = [corpus.footnotes[f] for f in record.footnotes if f in corpus.footnotes]
    source_ids = {c.source for n in notes for c in n.citations}
    if record.editor_note is not None and record.editor_note.source:
        source_ids.add(record.editor_note.source)
    people = set(record.people)
    asserted = getattr(record, "asserted_by", "author")
    if asserted != "author" and asserted in corpus.people:
        people.add(asserted)
    events = [corpus.events[e] for e in record.events if e in corpus.events]
    for event in events:
        people.update(event.people)
    source_ids.update(w for p in people if p in corpus.people for w in corpus.people[p].works)
    return {
        "footnotes": [dump(n) for n in notes],
        "sources": [dump(corpus.sources[s]) for s in sorted(source_ids) if s in corpus.sources],
        "people": [dump(corpus.people[p]) for p in sorted(people) if p in corpus.people],
        "events": [dump(e) for e in events],
    }


RELATION_KEYS = ("supports", "attacks", "qualifies", "contradicts", "undercuts")


def write(view: WorkView) -> dict[str, Any]:
    """The work as AIF JSON (nodes, edges, locutions) with argmap metadata."""
    corpus = view.corpus
    prov = provenance(view)
    names = prov.get("nodes", {}) if prov.get("format") in ("aif", "xaif", "ova", "sadface") else {}
    ids: dict[str, str] = {}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for nid in view.nodes:
        record = corpus.claims.get(nid) or corpus.evidence[nid]
        aif_id = str(names.get(nid, {}).get("id", nid))
        ids[nid] = aif_id
        data = dump(record)
        for key in RELATION_KEYS:
            data.pop(key, None)
        section = corpus.sections[record.locator.section][1] if record.locator else None
        nodes.append({"nodeID": aif_id, "text": record.text, "type": "I",
                      "argmap": {"collection": "claims" if nid in corpus.claims else "evidence",
                                 "record": data,
                                 "section": dump(section) if section is not None else None,
                                 **_trail(corpus, record)}})
    taken = {n["nodeID"] for n in nodes}
    counter = 0

    def fresh(prefix: str) -> str:
        nonlocal counter
        counter += 1
        while f"{prefix}{counter}" in taken:
            counter += 1
        taken.add(f"{prefix}{counter}")
        return f"{prefix}{counter}"

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": src, "toID": dst,
                      "formEdgeID": None})

    supports = [r for r in view.relations if r.kind == "supports"]
    ra_of: dict[tuple[str, str], str] = {}
    left = set((r.source, r.target) for r in supports)
    for scheme in prov.get("schemes", []) if names else []:
        if scheme.get("type") != "RA":
            continue
        pairs = {(p, c) for p in scheme.get("premises", []) for c in scheme.get("conclusions", [])}
        if pairs and pairs <= left and str(scheme["id"]) not in taken:
            taken.add(str(scheme["id"]))
            nodes.append({"nodeID": str(scheme["id"]), "text": scheme.get("text") or "RA",
                          "type": "RA"})
            for p in scheme["premises"]:
                edge(ids[p], str(scheme["id"]))
            for c in scheme["conclusions"]:
                edge(str(scheme["id"]), ids[c])
            for pair in pairs:
                ra_of[pair] = str(scheme["id"])
            left -= pairs
    for r in supports:
        if (r.source, r.target) not in left:
            continue
        ra = fresh("ra")
        nodes.append({"nodeID": ra, "text": "Default Inference", "type": "RA"})
        edge(ids[r.source], ra)
        edge(ra, ids[r.target])
        ra_of[(r.source, r.target)] = ra
    for r in view.relations:
        if r.kind == "supports":
            continue
        ca = fresh("ca")
        text = {"attacks": "Default Conflict", "contradicts": "Contradiction",
                "qualifies": "Qualification", "undercuts": "Undercut"}[r.kind]
        nodes.append({"nodeID": ca, "text": text, "type": "CA", "argmap": {"relation": r.kind}})
        edge(ids[r.source], ca)
        if r.kind == "undercuts" and (r.via or "", r.target) in ra_of:
            edge(ca, ra_of[(r.via or "", r.target)])
        else:
            edge(ca, ids[r.target])
    work = dump(view.work)
    work.pop("sections", None)
    further = [dump(corpus.sources[s]) for s in view.work.further_reading if s in corpus.sources]
    return {"nodes": nodes, "edges": edges, "locutions": [], "participants": [],
            "argmap": {"format": 1, "work": work, "sources": further}}
