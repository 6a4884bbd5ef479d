"""Kialo's text export in and out.

The format: an optional ``Discussion Title: ...`` line and a blank line, then one
line per claim numbered by its place in the tree (``1.`` the thesis, ``1.1. Pro: ...``,
``1.2.3. Con: ...``); a claim's text may run over several lines; a claim that only
points to another is ``1.2.1. Pro: -> See 1.1.``. In: the thesis becomes a thesis
claim of the work, Pro supports its parent, Con attacks it, a link is one more
relation of the claim it points to, and a child without Pro/Con (a thesis of a
multi-thesis discussion) is kept without a relation (reported). Out: the map as a
tree hung from the work's theses (or from the claims that argue for nothing);
a claim reached twice is written once and linked the second time.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.interchange.graph import Graph, InterchangeError, Link, Node
from argmap.interchange.work import WorkView

LINE = re.compile(r"^(1\.(?:\d+\.)*)\s+(?:(Pro|Con):\s*)?(.*)$")
SEE = re.compile(r"^->\s*See\s+((?:\d+\.)+)\s*$")
STUB = re.compile(r"^1(?:\.\d*)*\.?\s*(?:P|Pr|Pro|C|Co|Con)?:?\s*$")
"""A claim number with no text after it: what a file cut inside a line leaves."""
TITLE = re.compile(r"^\s*Discussion Title:\s*(.*)$")


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(str(path), f"byte {exc.start + 1}", "not UTF-8 text",
                               "save the file as UTF-8") from exc


def _clean(text: str) -> str:
    text = re.sub(r"\\([\[\]()*_#>-])", r"\1", text)
    return re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", text)


def read(path: Path, data: bytes) -> Graph:
    file = str(path)
    lines = _decode(path, data).splitlines()
    g = Graph(fmt="kialo", file=file)
    entries: list[tuple[int, str, str | None, list[str]]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        title = TITLE.match(line)
        if title and not entries and g.title is None:
            g.title = title.group(1).strip() or None
            continue
        m = LINE.match(line.strip())
        if STUB.match(line.strip()):
            raise InterchangeError(file, f"{number}:1", f"'{line.strip()}' is a claim number "
                                   "with no claim", "the file may be truncated; export it again")
        if m:
            entries.append((number, m.group(1), m.group(2), [m.group(3)]))
        elif entries:
            entries[-1][3].append(line.strip())
        else:
            raise InterchangeError(file, f"{number}:1", "expected the thesis line '1. ...'",
                                   "a Kialo export starts with 'Discussion Title:' or '1. thesis'")
    if not entries:
        raise InterchangeError(file, f"{len(lines) + 1}:1", "no claims",
                               "a Kialo export has at least the thesis line '1. ...'")
    first = entries[0]
    if first[1] != "1." or first[2] is not None:
        raise InterchangeError(file, f"{first[0]}:1", f"the first claim is '{first[1]}', not the "
                               "thesis '1.'", "the file may be cut at the start")
    links: list[tuple[int, str, str, str | None]] = []
    seen: set[str] = set()
    for number, key, stance, parts in entries:
        if key in seen:
            raise InterchangeError(file, f"{number}:1", f"claim {key} appears twice",
                                   "each number names one claim")
        seen.add(key)
        text = _clean(" ".join(p for p in parts if p)).strip()
        parent = key[: key[:-1].rfind(".") + 1] if key.count(".") > 1 else None
        if key != "1." and (parent is None or parent not in seen):
            raise InterchangeError(file, f"{number}:1", f"claim {key} has no parent "
                                   f"{parent or '1.'} before it", "the file may be truncated or "
                                   "reordered; every claim comes after its parent")
        see = SEE.match(text)
        if see:
            links.append((number, key, see.group(1), stance))
            continue
        if not text:
            raise InterchangeError(file, f"{number}:1", f"claim {key} has no text",
                                   "the file may be truncated")
        node = g.add(Node(key=key, text=text, role="claim"))
        if key == "1.":
            node.kind, node.scope = "thesis", "work"
            if g.title and len(g.title.split()) <= 10 and len(g.title) <= 70:
                node.title = g.title
        if parent is not None:
            _relate(g, key, parent, stance)
    for number, key, ref, stance in links:
        parent = key[: key[:-1].rfind(".") + 1]
        if ref not in g.nodes:
            raise InterchangeError(file, f"{number}:1", f"claim {key} links to {ref}, which is not "
                                   "in the file", "the file may be truncated")
        target = parent if parent in g.nodes else None
        if target is None:
            g.lost.append(f"link {key} -> {ref}: its parent is itself a link")
            continue
        _relate(g, ref, target, stance)
        g.nodes[ref].notes.append(f"also listed at {key} under {target}")
    return g


def _relate(g: Graph, key: str, parent: str, stance: str | None) -> None:
    if stance == "Pro":
        g.links.append(Link("supports", key, parent))
    elif stance == "Con":
        g.links.append(Link("attacks", key, parent))
    elif parent in g.nodes:
        g.nodes[key].notes.append(f"listed under {parent} without Pro or Con")
        g.kept.append(f"{key}: under {parent} without Pro or Con; no relation")


def write(view: WorkView) -> str:
    """The work as a Kialo text export."""
    corpus = view.corpus
    children: dict[str, list[tuple[str, str]]] = {n: [] for n in view.nodes}
    for r in view.relations:
        stance = "Pro" if r.kind == "supports" else "Con"
        target = r.via if r.kind == "undercuts" and r.via else r.target
        if (r.source, stance) not in children[target]:
            children[target].append((r.source, stance))
    has_out = {r.source for r in view.relations}
    theses = [n for n in view.nodes if n in corpus.claims and corpus.claims[n].kind == "thesis"
              and corpus.claims[n].scope == "work"]
    roots = theses or [n for n in view.nodes if n not in has_out and children[n]]
    roots = roots or view.nodes[:1]
    out = [f"Discussion Title: {_one(view.work.title)}", ""]
    number: dict[str, str] = {}

    def emit(node: str, key: str, stance: str | None) -> None:
        prefix = f"{key} " + (f"{stance}: " if stance else "")
        if node in number:
            out.append(f"{prefix}-> See {number[node]}")
            return
        number[node] = key
        out.append(prefix + _one(view.node(node).text))
        for i, (child, st) in enumerate(children[node], 1):
            emit(child, f"{key}{i}.", st)

    if len(roots) == 1:
        emit(roots[0], "1.", None)
    else:
        out.append(f"1. {_one(view.work.title)}")
        for i, root in enumerate(roots, 1):
            emit(root, f"1.{i}.", None)
    k = len(roots) if len(roots) > 1 else len(children[roots[0]])
    while len(number) < len(view.nodes):
        # What the roots do not reach: claims arguing for nothing first, then the rest
        # (a cycle of attacks has no such claim), each as one more top-level entry.
        rest = [n for n in view.nodes if n not in number]
        free = [n for n in rest if not any(r.source == n and r.target not in number
                                           for r in view.relations)]
        k += 1
        emit((free or rest)[0], f"1.{k}.", None)
    return "\n".join(out) + "\n"


def _one(text: str) -> str:
    return " ".join(text.split())
