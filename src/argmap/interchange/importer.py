"""From a neutral Graph to a new work folder that validates: ids, sections, records.

Every generated id is prefixed with the new work's id (``semmelweis-c12``), so an
import cannot collide with the bundled map. A node of another tool has no place in
a text: it gets no anchor, a locator naming its section (one per heading, or one for
the whole source) and its order there, and an editor's note saying where it came
from. The folder is written beside its target under a temporary name, checked with
the real loader (alone and with the rest of the corpus), and only then renamed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.core.errors import MapError, UsageError
from argmap.core.loader import corpus_path, load_corpus
from argmap.core.model import _UNSHOWABLE, DATE_RE, MAX_TITLE_CHARS, MAX_TITLE_WORDS
from argmap.interchange.graph import Graph, InterchangeError, Link, Node

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ID = 80
PROVENANCE = "interchange.json"
"""Beside the YAML files: what the source called each node and how its scheme nodes
grouped premises. The loader reads only YAML; export uses it to give the source's
own ids and groupings back, and ignores whatever of it no longer matches the map."""


@dataclass
class ImportReport:
    work: str
    folder: Path
    fmt: str
    file: str
    claims: int = 0
    evidence: int = 0
    sections: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"work": self.work, "folder": str(self.folder), "format": self.fmt,
                "file": self.file, "claims": self.claims, "evidence": self.evidence,
                "sections": self.sections, "relations": self.relations,
                "kept_as_comments": self.kept, "not_kept": self.lost}


def format_report(report: ImportReport) -> str:
    rel = ", ".join(f"{n} {k}" for k, n in sorted(report.relations.items())) or "no relations"
    lines = [f"imported {report.file} ({report.fmt}) as work '{report.work}' in {report.folder}: "
             f"{report.claims} claims, {report.evidence} evidence, {report.sections} section(s), "
             f"{rel}"]
    if report.kept:
        lines.append(f"kept as comments in the YAML ({len(report.kept)}):")
        lines += [f"  - {line}" for line in report.kept]
    if report.lost:
        lines.append(f"not kept ({len(report.lost)}):")
        lines += [f"  - {line}" for line in report.lost]
    return "\n".join(lines)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def make_id(work: str, local: str) -> str:
    """``work-local``, a valid slug of at most 80 characters (long ones end in a hash)."""
    full = f"{work}-{_slug(local)}"
    if len(full) <= MAX_ID:
        return full
    digest = hashlib.sha1(full.encode()).hexdigest()[:6]
    return f"{full[: MAX_ID - 7].rstrip('-')}-{digest}"


def clean_text(text: str) -> tuple[str, bool]:
    """The text as the source gives it (spacing too, so a round trip keeps it), with the
    characters the model refuses removed; blank text counts as none."""
    cleaned = _UNSHOWABLE.sub("", text.replace("\r\n", "\n"))
    return (cleaned if cleaned.strip() else ""), cleaned != text.replace("\r\n", "\n")


def fit_title(title: str) -> str:
    """A title within the model's limits: whole words, ending in '…' when cut."""
    title = " ".join(title.split())
    words = title.split()
    if len(words) <= MAX_TITLE_WORDS and len(title) <= MAX_TITLE_CHARS:
        return title
    while words and (len(words) > MAX_TITLE_WORDS or len(" ".join(words)) + 1 > MAX_TITLE_CHARS):
        words.pop()
    return (" ".join(words) or title[: MAX_TITLE_CHARS - 1]) + "…"


class _Builder:
    def __init__(self, graph: Graph, work: str) -> None:
        self.g, self.work = graph, work
        self.kept: list[str] = list(graph.kept)
        self.lost: list[str] = list(graph.lost)
        self.ids: dict[str, str] = {}
        self.records: dict[str, dict[str, Any]] = {}
        self.collection: dict[str, str] = {}
        self.comments: dict[str, list[str]] = {}
        self.section_ids: dict[str, str] = {}
        self.sections: list[dict[str, Any]] = []

    # ids -----------------------------------------------------------------
    def restored_id(self, orig: str) -> str:
        return make_id(self.work, orig)

    def build(self) -> None:
        g = self.g
        restored = [n for n in g.nodes.values() if n.restored is not None]
        plain = [n for n in g.nodes.values() if n.restored is None]
        for node in restored:
            assert node.restored is not None
            self.ids[node.key] = self.restored_id(str(node.restored["record"]["id"]))
        for number, node in enumerate(plain, 1):
            self.ids[node.key] = make_id(self.work, f"c{number}")
        self._sections(restored, plain)
        for node in restored:
            self._restore(node)
        counters: dict[str, int] = {}
        titles: dict[tuple[str, str], str] = {}
        for node in plain:
            self._plain(node, counters, titles)
        self._links()

    def _sections(self, restored: list[Node], plain: list[Node]) -> None:
        used_titles: set[str] = set()
        for node in restored:
            assert node.restored is not None
            sec = node.restored.get("section") or {}
            orig = str(sec.get("id", "imported"))
            if orig in self.section_ids:
                continue
            sid = self.restored_id(orig)
            self.section_ids[orig] = sid
            title = str(sec.get("title") or orig)
            self.sections.append({"id": sid, "title": title,
                                  "paragraphs": int(sec.get("paragraphs") or 1)})
            used_titles.add(title.casefold())
        order = [s for s in self.g.sections if any(n.section == s for n in plain)]
        if any(n.section is None for n in plain):
            order.insert(0, "")
        for number, name in enumerate(order, 1):
            title = name or self.g.title or Path(self.g.file).stem or "Imported map"
            title = " ".join(title.split())
            base, k = title, 2
            while title.casefold() in used_titles:
                title, k = f"{base} ({k})", k + 1
            used_titles.add(title.casefold())
            count = sum(1 for n in plain if (n.section or "") == name)
            sid = make_id(self.work, f"s{number}")
            self.section_ids["\0" + name] = sid
            self.sections.append({"id": sid, "title": title, "paragraphs": count})

    def _plain(self, node: Node, counters: dict[str, int],
               titles: dict[tuple[str, str], str]) -> None:
        sid = self.section_ids["\0" + (node.section or "")]
        counters[sid] = counters.get(sid, 0) + 1
        cid = self.ids[node.key]
        text, changed = clean_text(node.text)
        if changed:
            self.kept.append(f"{node.key}: control characters removed from the text")
        title = None
        if node.title:
            raw = " ".join(clean_text(node.title)[0].split())
            title = fit_title(raw) if raw else None
            if title and title != raw:
                self.comments.setdefault(cid, []).append(f"title in the source: {raw}")
                self.kept.append(f"{node.key}: title shortened to {MAX_TITLE_WORDS} words / "
                                 f"{MAX_TITLE_CHARS} characters (full title kept as a comment)")
            if title:
                base, k = title, 2
                while (sid, title.casefold()) in titles:
                    title, k = fit_title(f"{base} ({k})"), k + 1
                titles[(sid, title.casefold())] = cid
        if not text:
            text = title or node.key
            self.kept.append(f"{node.key}: no text in the source; its title or id stands in")
        record: dict[str, Any] = {"id": cid}
        if title:
            record["title"] = title
        record["text"] = text
        record["kind"] = node.kind
        if node.scope:
            record["scope"] = node.scope
        record["locator"] = {"section": sid, "paragraph": counters[sid]}
        record["editor_note"] = {"text": f"Imported from {Path(self.g.file).name} ({self.g.fmt} "
                                         f"{node.role} {node.key}); it has no place in a text."}
        self.records[cid] = record
        self.collection[cid] = "claims"
        if node.notes:
            self.comments.setdefault(cid, []).extend(node.notes)

    def _restore(self, node: Node) -> None:
        assert node.restored is not None
        meta = node.restored
        record = {k: v for k, v in dict(meta["record"]).items()
                  if k not in ("supports", "attacks", "qualifies", "contradicts", "undercuts")}
        nid = self.ids[node.key]
        record["id"] = nid
        loc = dict(record.get("locator") or {})
        orig_sec = str((meta.get("section") or {}).get("id", loc.get("section", "imported")))
        loc["section"] = self.section_ids.get(orig_sec, self.restored_id(orig_sec))
        loc.setdefault("paragraph", 1)
        record["locator"] = loc
        for key in ("people", "events", "footnotes"):
            if key in record:
                record[key] = [self.restored_id(str(x)) for x in record[key]]
        if record.get("asserted_by") not in (None, "author"):
            who = str(record["asserted_by"])
            if who in self.g.trail.get("people", {}):
                record["asserted_by"] = self.restored_id(who)
            else:
                self.lost.append(f"{node.key}: asserted by '{who}', which the file does not "
                                 "define; read as the author's")
                record.pop("asserted_by")
        note = record.get("editor_note")
        if isinstance(note, dict) and note.get("source"):
            note["source"] = self.restored_id(str(note["source"]))
        self.records[nid] = record
        self.collection[nid] = "evidence" if meta.get("collection") == "evidence" else "claims"
        if node.notes:
            self.comments.setdefault(nid, []).extend(node.notes)

    def _links(self) -> None:
        supports: set[tuple[str, str]] = set()
        pending_undercuts: list[Link] = []
        for link in self.g.links:
            src, dst = self.ids.get(link.source), self.ids.get(link.target)
            if src is None or dst is None:
                self.lost.append(f"{link.kind} {link.source} -> {link.target}: an end is not a "
                                 "statement")
                continue
            if link.kind == "undercuts":
                pending_undercuts.append(link)
                continue
            if src == dst:
                self.lost.append(f"{link.kind} from {link.source} to itself")
                continue
            if self.collection.get(dst) != "claims":
                self.lost.append(f"{link.kind} {link.source} -> {link.target}: evidence cannot "
                                 "be argued for or against in argmap")
                continue
            targets = self.records[src].setdefault(link.kind, [])
            if dst not in targets:
                targets.append(dst)
            if link.kind == "supports":
                supports.add((src, dst))
        for link in pending_undercuts:
            src, dst, via = self.ids[link.source], self.ids[link.target], \
                self.ids.get(link.via or "")
            if via is not None and (via, dst) in supports:
                edge = {"source": via, "target": dst}
                if edge not in self.records[src].setdefault("undercuts", []):
                    self.records[src]["undercuts"].append(edge)
            elif src != dst and self.collection.get(dst) == "claims":
                self.records[src].setdefault("attacks", [])
                if dst not in self.records[src]["attacks"]:
                    self.records[src]["attacks"].append(dst)
                self.kept.append(f"undercut {link.source} -> {link.target}: no support of "
                                 f"{link.target} to undercut; written as an attack")
        for record in self.records.values():
            for key in ("supports", "attacks", "qualifies", "contradicts", "undercuts"):
                if key in record and not record[key]:
                    del record[key]

    # trail and work --------------------------------------------------------
    def trail(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        t = self.g.trail
        people = t.get("people", {})
        sources = t.get("sources", {})
        for orig, src in sources.items():
            rec = dict(src)
            rec["id"] = self.restored_id(orig)
            out.setdefault("sources", []).append(rec)
        for orig, person in people.items():
            rec = dict(person)
            rec["id"] = self.restored_id(orig)
            works = [w for w in rec.get("works", []) if w in sources]
            if len(works) != len(rec.get("works", [])):
                self.lost.append(f"person {orig}: works not in the file dropped")
            if works:
                rec["works"] = [self.restored_id(w) for w in works]
            else:
                rec.pop("works", None)
            out.setdefault("people", []).append(rec)
        for orig, event in t.get("events", {}).items():
            rec = dict(event)
            rec["id"] = self.restored_id(orig)
            rec["people"] = [self.restored_id(p) for p in rec.get("people", []) if p in people]
            if not rec["people"]:
                rec.pop("people")
            out.setdefault("events", []).append(rec)
        for orig, note in t.get("footnotes", {}).items():
            rec = dict(note)
            rec["id"] = self.restored_id(orig)
            rec["work"] = self.work
            rec["section"] = self.section_ids.get(str(rec.get("section")),
                                                  self.restored_id(str(rec.get("section"))))
            rec["citations"] = [{**c, "source": self.restored_id(str(c["source"]))}
                                for c in rec.get("citations", [])]
            out.setdefault("footnotes", []).append(rec)
        return out

    def work_record(self) -> dict[str, Any]:
        g = self.g
        if g.restored_work:
            kept = {k: v for k, v in g.restored_work.items() if k not in ("id", "sections",
                                                                          "further_reading",
                                                                          "debates")}
            rec: dict[str, Any] = {"id": self.work, **kept, "sections": self.sections}
            if g.restored_work.get("debates"):
                # The debates' records and their schools do not travel in the file.
                self.lost.append("the debates the work engages (their schools are not in the file)")
            further = [s for s in g.restored_work.get("further_reading", [])
                       if s in g.trail.get("sources", {})]
            if len(further) != len(g.restored_work.get("further_reading", [])):
                self.lost.append("further reading whose sources the file does not give")
            if further:
                rec["further_reading"] = [self.restored_id(s) for s in further]
            return rec
        rec = {"id": self.work,
               "title": " ".join((g.title or Path(g.file).stem).split())}
        if g.authors:
            rec["author"] = [{"literal": a} for a in g.authors]
        note = f"Imported from {Path(g.file).name} ({g.fmt}) with argmap import."
        if g.date and DATE_RE.match(g.date):
            rec["issued"] = g.date
        elif g.date:
            note += f" The source gives the date '{g.date}'."
        rec["note"] = note
        rec["sections"] = self.sections
        return rec


def _dump_records(key: str, records: list[dict[str, Any]],
                  comments: dict[str, list[str]] | None = None) -> str:
    out = [f"{key}:"]
    for rec in records:
        for comment in (comments or {}).get(str(rec.get("id")), []):
            for line in comment.splitlines() or [""]:
                out.append(f"  # {_UNSHOWABLE.sub('', line)}".rstrip())
        text = yaml.safe_dump([rec], allow_unicode=True, sort_keys=False, width=100)
        out += ["  " + line if line else line for line in text.splitlines()]
    return "\n".join(out) + "\n"


HEADER = "# yaml-language-server: $schema=../../docs/argmap.schema.json\n"


def render_files(graph: Graph, work: str) -> tuple[dict[str, str], ImportReport, dict[str, Any]]:
    """The YAML files of the new work (name -> text), the report and the provenance."""
    b = _Builder(graph, work)
    b.build()
    trail = b.trail()
    work_rec = b.work_record()
    files: dict[str, str] = {}
    head = HEADER + f"# Imported from {Path(graph.file).name} ({graph.fmt}) by `argmap import`.\n"
    notes = "".join(f"# {_UNSHOWABLE.sub('', line)}\n".replace("# \n", "#\n")
                    for n in graph.notes for line in n.splitlines())
    files["work.yaml"] = head + notes + _dump_records("works", [work_rec])
    by_section: dict[str, list[str]] = {}
    for rid, rec in b.records.items():
        by_section.setdefault(rec["locator"]["section"], []).append(rid)
    claims = [b.records[r] for s in b.sections for r in by_section.get(s["id"], [])
              if b.collection[r] == "claims"]
    evidence = [b.records[r] for s in b.sections for r in by_section.get(s["id"], [])
                if b.collection[r] == "evidence"]
    body = head
    if claims:
        body += _dump_records("claims", claims, b.comments)
    if evidence:
        body += _dump_records("evidence", evidence, b.comments)
    files["claims.yaml"] = body
    if trail:
        files["trail.yaml"] = head + "".join(
            _dump_records(k, trail[k]) for k in ("footnotes", "sources", "people", "events")
            if k in trail)
    relations: dict[str, int] = {}
    for rec in b.records.values():
        for kind in ("supports", "attacks", "qualifies", "contradicts", "undercuts"):
            if rec.get(kind):
                relations[kind] = relations.get(kind, 0) + len(rec[kind])
    report = ImportReport(work, Path(), graph.fmt, graph.file, len(claims), len(evidence),
                          len(b.sections), relations, b.kept, b.lost)
    provenance = {
        "format": graph.fmt, "file": Path(graph.file).name,
        "nodes": {b.ids[n.key]: {"id": n.key, "role": n.role} for n in graph.nodes.values()},
        "schemes": [{"id": s.id, "type": s.type, "text": s.text,
                     "premises": [b.ids[p] for p in s.premises if p in b.ids],
                     "conclusions": [b.ids[c] for c in s.conclusions if c in b.ids]}
                    for s in graph.schemes],
    }
    return files, report, provenance


def write_work(graph: Graph, work: str, corpus: str | os.PathLike[str] | None) -> ImportReport:
    """Write the graph as work folder `corpus/work`, atomically, after the loader accepts it."""
    if not ID_RE.match(work) or len(work) > 40:
        raise UsageError(f"work id '{work}' is not a slug: use lower-case letters, digits and "
                         "hyphens, at most 40 characters (e.g. semmelweis)")
    root = corpus_path(corpus)
    if root.exists() and not root.is_dir():
        raise UsageError(f"corpus {root} is a file; import writes a folder into a map folder")
    target = root / work
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists; import never overwrites: choose another "
                         "--work id or remove the folder")
    existing: set[str] | None = None
    if root.is_dir():
        try:
            before = load_corpus(root)
            existing = set(before.origins) | set(before.sections) | set(before.works)
        except (MapError, UsageError):
            existing = None  # the corpus has problems of its own; the new work is checked alone
        if work in (existing or set()):
            raise UsageError(f"id '{work}' is already used in {root}; choose another --work id")
    files, report, provenance = render_files(graph, work)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{work}.importing-", dir=root))
    except OSError as exc:
        raise UsageError(f"cannot write into {root}: {exc.strerror or exc}") from exc
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        (tmp / PROVENANCE).write_text(json.dumps(provenance, ensure_ascii=False, indent=1),
                                      encoding="utf-8")
        load_corpus(tmp)  # the new work alone
        if existing is not None:
            load_corpus(root, staged=[tmp])  # and beside the rest (id collisions)
        if target.exists():
            raise UsageError(f"{target} appeared during the import; nothing was written")
        os.rename(tmp, target)
    except MapError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise InterchangeError(graph.file, "", "the imported work does not validate: "
                               + "; ".join(str(p) for p in exc.problems[:5]),
                               "nothing was written; please report this with the file") from exc
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(f"cannot write the work into {root}: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.folder = target
    return report
