"""Argdown source in and out, parsed here (no Node.js needed to import).

In: statements ``[Title]: text`` (several lines, until a blank line or a relation),
arguments ``<Title>: text``, untitled statements in relations, relations by
indentation (``+ - _`` and ``<+ <- <_`` point at the element above, ``+> -> _>``
away from it, ``><`` contradicts), premise-conclusion structures ``(1) ... ----
(n) ...`` (with ``--`` inference rules), headings (``#``; several lines until a blank
one) as sections, tags, ``{data}``, YAML front matter (title, author, date) and
comments (``//``, ``/* */``, ``<!-- -->``). Each statement and each argument becomes
a claim titled as in the source; a premise supports its argument and the argument
supports its conclusion; ``_>`` undercuts the argument's inference to its
conclusion. Untitled prose that enters no relation is kept as a comment, as are
tags, data, the premise-conclusion structures and the inference rules.

Out: the work's sections as headings, each claim and piece of evidence as a
statement with its title, its relations beneath it (``+>`` supports, ``->`` attacks
and qualifies, ``><`` contradicts), undercut inferences as small arguments with
``_>``, and each school's stance as a tag. The Argdown CLI accepts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argmap.interchange.graph import Graph, InterchangeError, Link, Node
from argmap.interchange.work import WorkView, provenance

RELATION = re.compile(r"^(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+|$)(.*)$")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
PCS_ITEM = re.compile(r"^\((\d+)\)\s*(.*)$")
SEPARATOR = re.compile(r"^-{2,}\s*$")
TAG = re.compile(r"(?:(?<=\s)|^)#(?:\(([^)]*)\)|([\w][\w-]*))")
MENTION = re.compile(r"@(?:\[([^\]]*)\]|<([^>]*)>)")


@dataclass
class _Item:
    kind: str  # element, relation, pcs, sep, rule, heading
    line: int
    col: int
    indent: int
    op: str = ""
    parts: list[str] = field(default_factory=list)
    top: bool = False

    @property
    def text(self) -> str:
        return " ".join(p.strip() for p in self.parts if p.strip())


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise InterchangeError(str(path), f"byte {exc.start + 1}", "not UTF-8 text",
                               "save the file as UTF-8") from exc


def _strip_comments(file: str, text: str, notes: list[str]) -> str:
    """Comments replaced by spaces (line breaks kept, so positions stay right)."""
    out: list[str] = []
    i, line, col = 0, 1, 1
    n = len(text)
    while i < n:
        two = text[i:i + 2]
        if text[i] == "\\" and i + 1 < n and text[i + 1] != "\n":
            out.append(text[i:i + 2])
            i += 2
            col += 2
            continue
        end_mark = "*/" if two == "/*" else "-->" if text.startswith("<!--", i) else None
        if end_mark:
            end = text.find(end_mark, i + 2)
            if end < 0:
                raise InterchangeError(file, f"{line}:{col}", "comment is never closed",
                                       f"close it with '{end_mark}'; the file may be truncated")
            body = text[i:end + len(end_mark)]
            stripped = body.strip("/*<!-> \n")
            if stripped:
                notes.append(f"comment (line {line}): " + " ".join(stripped.split()))
            out.append("".join("\n" if ch == "\n" else " " for ch in body))
            for ch in body:
                line, col = (line + 1, 1) if ch == "\n" else (line, col + 1)
            i = end + len(end_mark)
            continue
        if two == "//" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            col += end - i
            i = end
            continue
        out.append(text[i])
        line, col = (line + 1, 1) if text[i] == "\n" else (line, col + 1)
        i += 1
    return "".join(out)


def _front_matter(file: str, lines: list[str], g: Graph) -> int:
    """Parse `=== ... ===` at the start; return the index of the first line after it."""
    first = next((i for i, s in enumerate(lines) if s.strip()), None)
    if first is None or lines[first].strip() != "===":
        return 0
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
    if end is None:
        raise InterchangeError(file, f"{first + 1}:1", "front matter '===' is never closed",
                               "end it with a line '==='; the file may be truncated")
    try:
        data = yaml.safe_load("\n".join(lines[first + 1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{first + 2 + mark.line}:{mark.column + 1}" if mark else f"{first + 2}:1"
        raise InterchangeError(file, where, f"front matter is not valid YAML: "
                               f"{getattr(exc, 'problem', None) or exc}") from exc
    if isinstance(data, dict):
        if isinstance(data.get("title"), str):
            g.title = " ".join(data["title"].split())
        author = data.get("author")
        if isinstance(author, str):
            g.authors = [author.strip()]
        elif isinstance(author, list):
            g.authors = [str(a).strip() for a in author if str(a).strip()]
        if data.get("date") is not None:
            g.date = str(data["date"])
        for key in ("subTitle", "subtitle"):
            if isinstance(data.get(key), str):
                g.notes.append(f"subtitle: {' '.join(data[key].split())}")
        other = [k for k in data if k not in ("title", "author", "date", "subTitle", "subtitle")]
        if other:
            g.kept.append("front matter settings (" + ", ".join(map(str, other)) + ") kept as a "
                          "comment in work.yaml")
            g.notes.append("front matter: " + yaml.safe_dump({k: data[k] for k in other},
                                                             sort_keys=False).strip())
    return end + 1


def _items(file: str, lines: list[str], start: int) -> list[_Item]:
    items: list[_Item] = []
    after_blank = True
    in_rule = False
    for index in range(start, len(lines)):
        raw = lines[index].expandtabs(4)
        number = index + 1
        content = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if in_rule:
            if SEPARATOR.match(content):
                in_rule = False
                items.append(_Item("sep", number, indent + 1, indent))
            elif content:
                items[-1].parts.append(content)
            continue
        if not content:
            after_blank = True
            continue
        heading = HEADING.match(content) if indent <= 1 else None
        relation = RELATION.match(content)
        pcs = PCS_ITEM.match(content)
        if heading:
            items.append(_Item("heading", number, indent + 1, indent, parts=[heading.group(2)]))
        elif SEPARATOR.match(content):
            if re.fullmatch(r"--\s*", content):
                in_rule = True
                items.append(_Item("rule", number, indent + 1, indent))
            else:
                items.append(_Item("sep", number, indent + 1, indent))
        elif pcs:
            items.append(_Item("pcs", number, indent + 1, indent, op=pcs.group(1),
                               parts=[pcs.group(2)]))
        elif relation and (not after_blank or indent > 0 or items):
            items.append(_Item("relation", number, indent + 1, indent, op=relation.group(1),
                               parts=[relation.group(2)]))
        elif after_blank or not items or items[-1].kind in ("sep",):
            items.append(_Item("element", number, indent + 1, indent, parts=[content],
                               top=True))
        else:
            items[-1].parts.append(content)
        after_blank = False
    if in_rule:
        raise InterchangeError(file, f"{items[-1].line}:{items[-1].col}",
                               "inference rule '--' is never closed",
                               "end it with a line '--'; the file may be truncated")
    return items


def _clean(text: str, node: Node | None = None) -> str:
    """Plain text: mentions by title, no tags or data, no Markdown emphasis or escapes."""
    tags = [a or b for a, b in TAG.findall(text)]
    if node is not None:
        for tag in tags:
            note = f"tag: #{tag}" if re.fullmatch(r"[\w-]+", tag) else f"tag: #({tag})"
            if note not in node.notes:
                node.notes.append(note)
    text = TAG.sub("", text)
    data = re.search(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*$", text)
    if data:
        if node is not None:
            node.notes.append(f"data: {data.group(0).strip()}")
        text = text[:data.start()]
    text = MENTION.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


class _Parser:
    def __init__(self, file: str, g: Graph) -> None:
        self.file, self.g = file, g
        self.section: str | None = None
        self.untitled = 0
        self.prose: list[tuple[str, str]] = []
        self.pcs: dict[str, list[tuple[str, int]]] = {}
        self.rules: dict[str, list[str]] = {}
        self.in_relation: set[str] = set()

    def where(self, item: _Item) -> str:
        return f"{item.line}:{item.col}"

    def element(self, item: _Item, text: str) -> str:
        """The node an element names or defines; returns its key."""
        if text.startswith("["):
            m = re.match(r"^\[([^\]]+)\](:?)\s*(.*)$", text)
            if m is None:
                raise InterchangeError(self.file, self.where(item), "statement title '[' is "
                                       "never closed", "write [Title]: text; the file may be "
                                       "truncated")
            return self._define("s", m.group(1), m.group(3) if m.group(2) else "", item,
                                bool(m.group(2)), m.group(3))
        if text.startswith("<") and not text.startswith("<!--"):
            m = re.match(r"^<([^>]+)>(:?)\s*(.*)$", text)
            if m is None:
                raise InterchangeError(self.file, self.where(item), "argument title '<' is "
                                       "never closed", "write <Title>: text; the file may be "
                                       "truncated")
            return self._define("a", m.group(1), m.group(3) if m.group(2) else "", item,
                                bool(m.group(2)), m.group(3))
        self.untitled += 1
        key = f"untitled {self.untitled}"
        node = Node(key=key, text="", section=self.section, role="statement")
        node.text = _clean(text, node)
        self.g.add(node)
        return key

    def _define(self, kind: str, title: str, text: str, item: _Item, defines: bool,
                rest: str) -> str:
        title = " ".join(title.split())
        key = f"{kind}:{title}"
        node = self.g.nodes.get(key)
        if node is None:
            node = self.g.add(Node(key=key, text="", title=title, section=self.section,
                                   role="statement" if kind == "s" else "argument"))
        if not defines:
            _clean(rest, node)  # tags after a reference still belong to the node
            return key
        cleaned = _clean(text, node)
        if cleaned and not node.text:
            node.text = cleaned
            if node.section is None:
                node.section = self.section
        elif cleaned and cleaned != node.text:
            node.notes.append(f"also stated as (line {item.line}): {cleaned}")
        return key

    def relate(self, op: str, parent: str, child: str, item: _Item) -> None:
        incoming = op in ("+", "-", "_", "<+", "<-", "<_")
        kind = {"+": "supports", "-": "attacks", "_": "undercuts", "><": "contradicts"}[
            op.strip("<>") or "><"]
        src, dst = (child, parent) if incoming else (parent, child)
        self.g.links.append(Link(kind, src, dst))  # type: ignore[arg-type]
        self.in_relation.update((src, dst))

    def run(self, items: list[_Item]) -> None:
        stack: list[tuple[int, str]] = []
        owner: str | None = None  # the argument a premise-conclusion structure belongs to
        last_top: str | None = None
        for pos, item in enumerate(items):
            if item.kind == "heading":
                self.section = _clean(item.text) or None
                stack, owner, last_top = [], None, None
                continue
            if item.kind in ("pcs", "sep", "rule"):
                if owner is None:
                    if last_top is not None and last_top.startswith("a:") and \
                            last_top not in self.pcs:
                        owner = last_top
                    elif item.kind != "pcs":
                        raise InterchangeError(self.file, self.where(item), "inference line "
                                               "without premises above it",
                                               "an argument's premises come first: (1) ...")
                    else:
                        self.untitled += 1
                        owner = self._define("a", f"Untitled argument {self.untitled}", "", item,
                                             False, "")
                    self.pcs[owner] = []
                if item.kind == "pcs":
                    key = self.element(item, item.text)
                    self.pcs[owner].append((key, item.line))
                    stack = [(item.indent, key)]
                else:
                    if not self.pcs[owner]:
                        raise InterchangeError(self.file, self.where(item), "inference line "
                                               "without premises above it", "(1) ... comes first")
                    if item.kind == "rule" and item.text:
                        self.rules.setdefault(owner, []).append(_clean(item.text))
                    nxt = items[pos + 1] if pos + 1 < len(items) else None
                    if item.kind == "sep" and (nxt is None or nxt.kind != "pcs") and \
                            not (item.parts == [] and self.rules.get(owner) and
                                 nxt is not None and nxt.kind == "pcs"):
                        raise InterchangeError(self.file, self.where(item),
                                               "inference line with no conclusion after it",
                                               "add the conclusion '(n) ...'; the file may be "
                                               "truncated")
                continue
            if item.kind == "relation":
                while stack and stack[-1][0] >= item.indent:
                    stack.pop()
                if not stack:
                    raise InterchangeError(self.file, self.where(item), f"relation '{item.op}' "
                                           "has no statement or argument above it",
                                           "indent it under the element it relates to")
                child = self.element(item, item.text)
                self.relate(item.op, stack[-1][1], child, item)
                stack.append((item.indent, child))
                continue
            key = self.element(item, item.text)
            stack = [(item.indent, key)]
            owner = None
            last_top = key
        self.finish()

    def finish(self) -> None:
        g = self.g
        for arg, steps in self.pcs.items():
            keys = [k for k, _ in steps]
            if len(keys) < 2:
                continue
            *premises, conclusion = keys
            for p in premises:
                g.links.append(Link("supports", p, arg))
            g.links.append(Link("supports", arg, conclusion))
            self.in_relation.update([*keys, arg])
            names = [g.nodes[k].title or g.nodes[k].text for k in keys]
            lines = [f"({i}) {n}" for i, n in enumerate(names, 1)]
            lines.insert(len(lines) - 1, "----" + (f" {'; '.join(self.rules[arg])}"
                                                   if arg in self.rules else ""))
            g.nodes[arg].notes.append("premise-conclusion structure: " + " | ".join(lines))
        if self.pcs:
            g.kept.append(f"{len(self.pcs)} premise-conclusion structure(s): premises support "
                          "the argument, the argument supports its conclusion; the structure "
                          "itself kept as a comment")
        # An undercut attacks an argument's inference to its conclusion.
        resolved: list[Link] = []
        for link in g.links:
            if link.kind != "undercuts" or link.via is not None:
                resolved.append(link)
                continue
            arg = link.target
            outs = [x.target for x in g.links if x.kind == "supports" and x.source == arg]
            if arg.startswith("a:") and outs:
                resolved += [Link("undercuts", link.source, t, via=arg) for t in outs]
            else:
                resolved.append(link)  # the importer writes it as an attack and says so
        g.links = resolved
        # Untitled prose that enters no relation is commentary, not a claim.
        for key in [k for k, n in g.nodes.items() if n.title is None and k not in self.in_relation]:
            node = g.nodes.pop(key)
            if node.text:
                g.notes.append(f"text (section {node.section or 'before the first heading'}): "
                               f"{node.text}")
        prose = sum(1 for n in g.notes if n.startswith("text ("))
        if prose:
            g.kept.append(f"{prose} paragraph(s) of untitled prose outside any relation kept as "
                          "comments in work.yaml")
        tagged = sum(1 for n in g.nodes.values() if any(x.startswith("tag:") for x in n.notes))
        if tagged:
            g.kept.append(f"tags of {tagged} statement(s)/argument(s) kept as comments")
        g.sections = [s for s in g.sections if any(n.section == s for n in g.nodes.values())]


def read(path: Path, data: bytes) -> Graph:
    file = str(path)
    g = Graph(fmt="argdown", file=file)
    text = _decode(path, data)
    lines = text.split("\n")
    start = _front_matter(file, lines, g)
    body = _strip_comments(file, "\n".join(lines[start:]), g.notes)
    body_lines = [""] * start + body.split("\n")
    items = _items(file, body_lines, start)
    _Parser(file, g).run(items)
    if not g.nodes:
        raise InterchangeError(file, f"{len(lines)}:1", "no statements or arguments",
                               "an Argdown map needs at least one [Title]: text")
    return g


# -- export ----------------------------------------------------------------------------------------

_SPECIAL = set("\\#@[]<>{}*_/+-=~^|`$%")


def escape(text: str) -> str:
    """Text on one line, every Argdown-significant character escaped."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in " ".join(text.split()))


def _title(text: str) -> str:
    return " ".join(text.replace("[", "(").replace("]", ")").replace("<", "(")
                    .replace(">", ")").split())


def _tag(text: str) -> str:
    return " ".join(text.replace("(", " ").replace(")", " ").split())


def write(view: WorkView) -> str:
    """The work as an Argdown document."""
    corpus = view.corpus
    prov = provenance(view)
    roles = prov.get("nodes", {}) if prov.get("format") == "argdown" else {}
    titles: dict[str, str] = {}
    used: set[str] = set()
    for nid in view.nodes:
        node = view.node(nid)
        title = _title(node.title or node.heading) or nid
        if title.casefold() in used:
            title = f"{title} ({nid})"
        used.add(title.casefold())
        titles[nid] = title
    argument = {n for n in view.nodes if roles.get(n, {}).get("role") == "argument"}

    def ref(nid: str) -> str:
        return f"<{titles[nid]}>" if nid in argument else f"[{titles[nid]}]"

    stances: dict[str, list[str]] = {}
    for stance in corpus.stances:
        if stance.claim in titles and stance.school in corpus.schools:
            name = _tag(corpus.schools[stance.school].name)
            stances.setdefault(stance.claim, []).append(f"#({name}: {stance.position})")
    out = ["===", f"title: {_yaml_str(view.work.title)}"]
    authors = [" ".join(x for x in (a.given, a.family) if x) or a.literal or ""
               for a in view.work.author]
    if authors:
        out.append("author: " + _yaml_str(", ".join(a for a in authors if a)))
    out += ["===", ""]
    undercut_supports = {(r.via, r.target) for r in view.relations if r.kind == "undercuts"}
    inferences: dict[tuple[str, str], str] = {}
    for via, target in sorted(x for x in undercut_supports if x[0] is not None):
        assert via is not None
        name = _title(f"{titles[via]} supports {titles[target]}")
        while name.casefold() in used:
            name += " (inference)"
        used.add(name.casefold())
        inferences[(via, target)] = name
    # A claim without a title that takes part in one relation only is written inline,
    # untitled, beneath the other end (as Argdown authors write pros and cons).
    degree: dict[str, int] = {}
    for r in view.relations:
        for end in (r.source, r.target, r.via):
            if end is not None:
                degree[end] = degree.get(end, 0) + 1
    inline: set[str] = set()
    for n in view.nodes:
        if view.node(n).title is not None or degree.get(n) != 1 or n in stances:
            continue
        rel = next(r for r in view.relations if n in (r.source, r.target, r.via))
        other = rel.target if rel.source == n else rel.source
        if rel.kind != "undercuts" and other not in inline:
            inline.add(n)  # the other end stays a titled statement, beneath which n is written

    def statement(nid: str) -> str:
        node = view.node(nid)
        tags = " ".join(stances.get(nid, []))
        kind = f"#({'evidence' if nid in corpus.evidence else 'claim'}: {node.kind})"
        head = "" if nid in inline else f"{ref(nid)}: "
        return f"{head}{escape(node.text)} {kind} {tags}".rstrip()

    for section_id, nodes in view.section_nodes():
        section = corpus.sections[section_id][1]
        out += [f"# {escape(section.title)}", ""]
        for nid in nodes:
            if nid in inline:
                continue
            out.append(statement(nid))
            for r in view.relations:
                if r.kind == "undercuts" and r.source == nid:
                    out.append(f"  _> <{inferences[(r.via or '', r.target)]}>")
                    continue
                if r.kind == "supports" and (r.source, r.target) in inferences:
                    continue
                comment = "  // qualifies" if r.kind == "qualifies" else ""
                if r.source == nid and r.target not in inline:
                    op = {"supports": "+>", "attacks": "->", "qualifies": "->",
                          "contradicts": "><"}[r.kind]
                    out.append(f"  {op} {ref(r.target)}{comment}")
                elif r.source == nid:
                    op = {"supports": "+>", "attacks": "->", "qualifies": "->",
                          "contradicts": "><"}[r.kind]
                    out.append(f"  {op} {statement(r.target)}{comment}")
                elif r.target == nid and r.source in inline:
                    op = {"supports": "<+", "attacks": "<-", "qualifies": "<-",
                          "contradicts": "><"}[r.kind]
                    out.append(f"  {op} {statement(r.source)}{comment}")
            out.append("")
    if inferences:
        out += ["# Inferences undercut", ""]
        for (via, target), name in inferences.items():
            out += [f"<{name}>", "", f"(1) {ref(via)}", "----", f"(2) {ref(target)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _yaml_str(text: str) -> str:
    return yaml.safe_dump(" ".join(text.split()), allow_unicode=True, width=10_000).strip() \
        .removesuffix("...").strip()

