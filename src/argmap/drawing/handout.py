"""A seminar handout of one view: the map on A4 or Letter pages, then the claims.

The map pages come from Graphviz (split into parts along the argument, each
laid out and printed at a legible size by argmap.drawing.printing);
the prose pages are typeset with fpdf2 (pure Python) and the two are joined
with pypdf, so a handout needs no browser and no TeX. Every claim of the view
gets its title, its full paraphrase, where it stands in the text (section,
paragraph, anchor), its evidence, its footnotes as Chicago notes and each
school's stance in one line: what a seminar leader reads out or points at.

All text from the map goes through fpdf2's plain-text calls (never markup), so
whatever a claim says is printed as it is written.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pypdf
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from argmap.citations.chicago import FootnoteText
from argmap.citations.notes import formatted_footnotes
from argmap.core.corpus import Corpus
from argmap.core.model import Claim, Footnote
from argmap.drawing.dot import DotOptions, build_dot
from argmap.drawing.printing import FOOTER_PT, MARGIN_PT, Paper, add_drawings, best_drawing, pdf_bytes
from argmap.graph import ArgumentGraph
from argmap.views import Selection, colour_by_school, select

PRINT_WRAP = 24
"""Label width for print: narrower nodes fit more of an argument across a page."""
TITLE_CHARS = 50
"""A printed map's title is wrapped at this width, so a long one (a trace's) does not
widen the drawing beyond the page."""
BODY_PT, SMALL_PT, HEAD_PT, TITLE_PT = 10.0, 9.0, 12.0, 16.0
"""Type sizes of the prose pages; the smallest (SMALL_PT) is above render.MIN_FONT_PT."""

# Unicode fonts looked for on the system (regular, bold, italic); without one the
# core Helvetica is used and characters outside Latin-1 are approximated.
FONT_CANDIDATES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
    ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf"),
    ("arial.ttf", "arialbd.ttf", "ariali.ttf"),
)
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
             Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path("C:/Windows/Fonts"))
ASCII_FALLBACK = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                                "…": "...", "→": "->", "←": "<-", "·": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Fonts:
    """The family to set and whether it can print any character (a TTF) or only Latin-1."""

    family: str
    unicode: bool


@functools.cache
def find_fonts() -> tuple[Path, Path, Path] | None:
    """A regular/bold/italic TTF trio from the usual font folders, or None."""
    for names in FONT_CANDIDATES:
        for folder in FONT_DIRS:
            if not folder.is_dir():
                continue
            found = [next(iter(sorted(folder.rglob(name))), None) for name in names]
            if all(found):
                regular, bold, italic = (p for p in found if p is not None)
                return regular, bold, italic
    return None


class _Doc(FPDF):
    """An fpdf2 document whose pages carry a footer: the caption (one for all pages,
    or one a page) and the page number, counted from `first_page` so numbers run on
    from the pages before it."""

    def __init__(self, paper: Paper, caption: str | list[str], first_page: int = 1) -> None:
        super().__init__(unit="pt", format=(paper.width, paper.height))
        self.captions, self.first_page = caption, first_page
        self.set_margins(MARGIN_PT, MARGIN_PT, MARGIN_PT)
        self.set_auto_page_break(True, MARGIN_PT + FOOTER_PT)
        self.faces = _load_fonts(self)

    def txt(self, text: str) -> str:
        """Text the current font can print."""
        if self.faces.unicode:
            return text
        return text.translate(ASCII_FALLBACK).encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-(MARGIN_PT + FOOTER_PT / 2))
        self.set_font(self.faces.family, "", SMALL_PT)
        self.set_text_color(90, 90, 90)
        number = self.page_no()
        caption = self.captions if isinstance(self.captions, str) else \
            self.captions[min(number, len(self.captions)) - 1]
        self.cell(0, SMALL_PT, self.txt(f"{caption}    p. {self.first_page + number - 1}"),
                  align="C")
        self.set_text_color(0, 0, 0)


def _load_fonts(doc: FPDF) -> Fonts:
    trio = find_fonts()
    if trio is None:
        return Fonts("helvetica", False)
    regular, bold, italic = trio
    doc.add_font("argmap", "", str(regular))
    doc.add_font("argmap", "B", str(bold))
    doc.add_font("argmap", "I", str(italic))
    return Fonts("argmap", True)


def footer_pages(paper: Paper, footers: list[str], first_page: int = 1) -> bytes:
    """Empty pages of `paper` with only their footers: the ground map tiles are laid on."""
    doc = _Doc(paper, footers, first_page)
    for _ in footers:
        doc.add_page()
    return bytes(doc.output())


class _Writer:
    """Paragraph helpers over a _Doc: each writes full-width text and moves down."""

    def __init__(self, doc: _Doc) -> None:
        self.doc = doc

    def para(self, text: str, size: float = BODY_PT, style: str = "", gap: float = 2.0,
             indent: float = 0.0) -> None:
        doc = self.doc
        doc.set_font(doc.faces.family, style, size)
        doc.set_x(doc.l_margin + indent)
        doc.multi_cell(0, size * 1.3, doc.txt(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       align="L")
        doc.ln(gap)

    def labelled(self, label: str, text: str, size: float = SMALL_PT, indent: float = 0.0) -> None:
        """'Label: text' with the label in bold, wrapped as one paragraph."""
        doc = self.doc
        doc.set_x(doc.l_margin + indent)
        doc.set_font(doc.faces.family, "B", size)
        doc.write(size * 1.3, doc.txt(f"{label}: "))
        doc.set_font(doc.faces.family, "", size)
        doc.write(size * 1.3, doc.txt(text))
        doc.ln(size * 1.3 + 1.5)


def claims_in_reading_order(corpus: Corpus, sel: Selection) -> list[Claim]:
    """The view's claims as they come in the text: by section, then paragraph."""
    order = {s: i for i, s in enumerate(corpus.section_order())}
    claims = [corpus.claims[n] for n in sel.nodes if n in corpus.claims]
    return sorted(claims, key=lambda c: (order.get(c.locator.section, len(order)),
                                         c.locator.paragraph))


def where(corpus: Corpus, claim: Claim) -> str:
    """'The Rise of Stalin ¶4, at “anchor words”'."""
    loc = claim.locator
    section = corpus.sections[loc.section][1].title if loc.section in corpus.sections \
        else loc.section
    text = f"{section} ¶{loc.paragraph}"
    return text + (f", at “{loc.anchor}”" if loc.anchor else "")


STANCE_CHARS = 100
"""A stance line's length at SMALL_PT across an A4 or Letter page: one line each."""


def stance_lines(corpus: Corpus, node_id: str) -> list[tuple[str, str]]:
    """Each school's stance on a node in one line, (school, 'rejects — why… (editor)'),
    the reason cut to fit; the schools without a stance together in a last line."""
    stances = {s.school: s for s in corpus.stances if s.claim == node_id}
    lines: list[tuple[str, str]] = []
    silent = []
    for school in corpus.schools.values():
        stance = stances.get(school.id)
        if stance is None:
            silent.append(school.name)
            continue
        basis = " (the text)" if stance.basis == "chapter" else " (editor)"
        room = STANCE_CHARS - len(school.name) - len(stance.position) - len(basis) - 5
        why = " ".join(stance.justification.split())
        if len(why) > room:
            why = why[: max(0, room - 1)].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
        lines.append((school.name, f"{stance.position} — {why}{basis}"))
    if silent:
        lines.append(("No stance recorded", ", ".join(silent)))
    return lines


def _relations(graph: ArgumentGraph, claim: Claim) -> list[str]:
    """What the claim does to other claims, by title: 'supports «X»; attacks «Y»'."""
    corpus = graph.corpus
    out = []
    for rel in graph.relations_from(claim.id):
        target = corpus.claims.get(rel.target) or corpus.evidence.get(rel.target)
        if target is not None:
            out.append(f"{rel.kind} “{target.heading}”")
    return out


def _notes(graph: ArgumentGraph, ids: Iterable[str],
           notes: dict[str, tuple[Footnote, FootnoteText]]) -> list[str]:
    seen: list[str] = []
    for note_id in ids:
        if note_id in notes and note_id not in seen:
            seen.append(note_id)
    return [f"{notes[n][0].number}. {notes[n][1].text}" for n in
            sorted(seen, key=lambda n: notes[n][0].number)]


def write_claim(out: _Writer, graph: ArgumentGraph, claim: Claim, number: int,
                notes: dict[str, tuple[Footnote, FootnoteText]], map_page: int | None = None,
                ) -> None:
    """One claim of the handout: heading, text, place (in the text and on the map),
    evidence, notes, the schools' stances."""
    corpus = graph.corpus
    kind = "THESIS" if claim.kind == "thesis" else claim.kind
    out.para(f"{number}. {claim.heading}", HEAD_PT, "B", gap=1)
    voice = ""
    if claim.asserted_by != "author":
        who = corpus.people.get(claim.asserted_by) or corpus.schools.get(claim.asserted_by)
        voice = f" · a view the text reports: {who.name if who else claim.asserted_by}"
    on_map = f" · map p. {map_page}" if map_page else ""
    out.para(f"{kind}{voice} · {where(corpus, claim)}{on_map}", SMALL_PT, "I", gap=1)
    out.para(" ".join(claim.text.split()), BODY_PT, gap=2)
    relations = _relations(graph, claim)
    if relations:
        out.labelled("In the argument", "; ".join(relations))
    if claim.editor_note is not None:
        out.labelled("Editor's note", " ".join(claim.editor_note.text.split()))
    evidence = [corpus.evidence[e] for e in graph.evidence_for(claim.id) if e in corpus.evidence]
    for ev in evidence:
        dated = f", {ev.date}" if ev.date else ""
        out.labelled(f"Evidence ({ev.kind.replace('-', ' ')}{dated})",
                     f"{ev.heading}. {' '.join(ev.text.split())}")
    note_ids = [*claim.footnotes, *(n for ev in evidence for n in ev.footnotes)]
    for line in _notes(graph, note_ids, notes):
        out.labelled("Note", line)
    for school, line in stance_lines(corpus, claim.id):
        out.labelled(school, line, indent=8.0)
    out.doc.ln(6)


def prose_pdf(graph: ArgumentGraph, sel: Selection, paper: Paper, first_page: int,
              map_pages: dict[str, int] | None = None) -> bytes:
    """The handout's text pages: a heading, what the view leaves out, then every claim."""
    corpus = graph.corpus
    doc = _Doc(paper, f"Handout: {sel.title}", first_page)
    doc.add_page()
    out = _Writer(doc)
    out.para(sel.title, TITLE_PT, "B", gap=4)
    for work in corpus.works.values():
        authors = ", ".join(" ".join(x for x in (n.given, n.family or n.literal) if x)
                            for n in work.author)
        out.para(f"From {authors + ', ' if authors else ''}“{work.title}”"
                 + (f", in {work.container_title}" if work.container_title else "") + ".",
                 BODY_PT, "I")
    out.para(sel.summary() + ".", SMALL_PT, gap=4)
    out.para("The claims of the map in the order of the text. Claim texts are the map "
             "editor's paraphrase; only the anchors quote the text. Notes are the text's own, "
             "in Chicago style; a school's stance is attributed to the text or to the map's "
             "editor.", SMALL_PT, "I", gap=8)
    notes = {note.id: (note, text) for note, text in formatted_footnotes(corpus)}
    for number, claim in enumerate(claims_in_reading_order(corpus, sel), 1):
        write_claim(out, graph, claim, number, notes, (map_pages or {}).get(claim.id))
    return bytes(doc.output())


def handout_pdf(graph: ArgumentGraph, view: str, paper: Paper,
                school: str | None = None, wrap: int = PRINT_WRAP) -> bytes:
    """The whole handout of a view: map pages, legend, then the claims."""
    sel = select(graph, view)
    if school:
        colour_by_school(graph, sel, school)
    writer = pypdf.PdfWriter()
    map_pages = add_map(writer, graph, sel, paper, wrap)
    prose = prose_pdf(graph, sel, paper, len(writer.pages) + 1, map_pages)
    for page in pypdf.PdfReader(io.BytesIO(prose)).pages:
        writer.add_page(page)
    return pdf_bytes(writer)


def add_map(writer: pypdf.PdfWriter, graph: ArgumentGraph, sel: Selection, paper: Paper,
            wrap: int = PRINT_WRAP, legend: bool = True) -> dict[str, int]:
    """A view's map pages: the view split along its argument into parts of about a
    page each (split_view), each part laid out on its own and printed at a legible
    size, then the legend (on the last page when it fits). Returns the page (1-based) on which
    each node's part begins, for cross-references from the text."""
    parts = fitted_parts(graph, sel, paper, wrap)
    items = []
    for number, part in enumerate(parts, 1):
        sub = part_selection(sel, part, number, len(parts))
        items.append((map_layouts(graph, sub, wrap),
                      f"part {number} of {len(parts)}" if len(parts) > 1 else ""))
    if legend:
        items.append(([legend_layout(graph, sel)], "legend"))
    starts = add_drawings(writer, items, paper, f"Map: {sel.title}")
    pages = {node: start for part, start in zip(parts, starts, strict=False)
             for node in part.members}
    return pages


def map_pdf(graph: ArgumentGraph, sel: Selection, paper: Paper, wrap: int = PRINT_WRAP,
            legend: bool = True) -> bytes:
    """A view's map alone as a printable PDF (what `argmap render -o x.pdf` writes)."""
    writer = pypdf.PdfWriter()
    add_map(writer, graph, sel, paper, wrap, legend)
    return pdf_bytes(writer)


def map_layouts(graph: ArgumentGraph, sel: Selection, wrap: int = PRINT_WRAP) -> list[str]:
    """Candidate print layouts of a view, without the legend: reasons below their
    claim (the screen's layout) and the claim on the left with reasons to its right."""
    titled = dataclasses.replace(sel, title="\n".join(textwrap.wrap(sel.title, TITLE_CHARS)))
    return [str(build_dot(graph, titled, DotOptions(wrap=wrap, legend=False,
                                                    rankdir=rankdir)).source)
            for rankdir in ("BT", "RL")]


def legend_layout(graph: ArgumentGraph, sel: Selection) -> str:
    """The legend alone, as a column (left to right ranks), for the last map page."""
    only = Selection(title="\n".join(textwrap.wrap(sel.title, TITLE_CHARS)),
                     verdicts=dict(sel.verdicts), school=sel.school, scores=dict(sel.scores))
    source: str = build_dot(graph, only, DotOptions(legend=True, rankdir="LR")).source
    return source


# --- Splitting a large view into parts that each fit a page -----------------------

PART_NODES = 16
"""About as many nodes as one A4 page holds at a legible size."""


@dataclass
class Part:
    """Nodes a page is about (`members`) and the nodes they argue for, shown again
    for orientation (`context`: the thesis above a branch, say)."""

    members: list[str]
    context: list[str]

    def size(self) -> int:
        return len(self.members) + len([c for c in self.context if c not in self.members])


def _neighbours(sel: Selection) -> dict[str, set[str]]:
    adjacent: dict[str, set[str]] = {n: set() for n in sel.nodes}
    for source, target, _ in sel.edges:
        if source in adjacent and target in adjacent:
            adjacent[source].add(target)
            adjacent[target].add(source)
    return adjacent


def _components(nodes: set[str], adjacent: dict[str, set[str]]) -> list[list[str]]:
    """Connected groups of `nodes`, each in the view's order."""
    order = {n: i for i, n in enumerate(adjacent)}
    seen: set[str] = set()
    groups = []
    for start in sorted(nodes, key=order.__getitem__):
        if start in seen:
            continue
        seen.add(start)
        stack, group = [start], []
        while stack:
            node = stack.pop()
            group.append(node)
            for other in adjacent[node] & nodes:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        groups.append(sorted(group, key=order.__getitem__))
    return groups


def _split(nodes: set[str], context: set[str], sel: Selection,
           adjacent: dict[str, set[str]], limit: int) -> list[Part]:
    """A branch small enough is one part; a larger one loses its hub (the node most
    argued for within it) to a part of its own and is split below it, the hub shown
    again above each piece."""
    shown = sorted(context & set().union(*(adjacent[n] for n in nodes)))
    if len(nodes) + len(shown) <= limit:
        return [Part(sorted(nodes, key=list(adjacent).index), shown)]
    incoming = {n: sum(1 for s, t, _ in sel.edges if t == n and s in nodes) for n in nodes}
    hub = max(sorted(nodes, key=list(adjacent).index), key=lambda n: (incoming[n],
                                                                       len(adjacent[n])))
    parts = [Part([hub], [c for c in shown if c in adjacent[hub]])]
    for group in _components(nodes - {hub}, adjacent):
        parts += _split(set(group), context | {hub}, sel, adjacent, limit)
    return parts


def split_view(graph: ArgumentGraph, sel: Selection, limit: int = PART_NODES) -> list[Part]:
    """The view cut into parts of about `limit` nodes along its argument: the theses
    first, then each branch beneath them (split again below its hub when too big),
    small neighbouring branches put together. No edge is lost: a branch's edges to
    the claims it argues for are drawn with those claims shown again as context."""
    if len(sel.nodes) <= limit:
        return [Part(list(sel.nodes), [])]
    adjacent = _neighbours(sel)
    theses = {n for n in sel.nodes if n in graph.corpus.claims
              and graph.corpus.claims[n].kind == "thesis"}
    parts = [Part(sorted(theses, key=list(adjacent).index), [])] if theses else []
    for group in _components(set(sel.nodes) - theses, adjacent):
        parts += _split(set(group), theses, sel, adjacent, limit)
    return _pack(parts, limit)


def _pack(parts: list[Part], limit: int) -> list[Part]:
    """Put neighbouring small parts together while they stay within `limit` nodes."""
    packed: list[Part] = []
    for part in parts:
        if packed:
            last = packed[-1]
            merged = Part(last.members + part.members,
                          [c for c in dict.fromkeys(last.context + part.context)
                           if c not in last.members and c not in part.members])
            if merged.size() <= limit:
                packed[-1] = merged
                continue
        packed.append(part)
    return packed


def part_selection(sel: Selection, part: Part, number: int, total: int) -> Selection:
    """A part as a view of its own: its nodes and context, the edges among them,
    the school's colours carried over."""
    nodes = [*part.members, *(c for c in part.context if c not in part.members)]
    keep = set(nodes)
    title = sel.title if total == 1 else f"{sel.title} — part {number} of {total}"
    sub = Selection(title=title, focus=sel.focus if sel.focus in keep else None,
                    school=sel.school)
    for node in nodes:
        sub.add(node, sel.nodes.get(node, "context"))
    sub.edges = [e for e in sel.edges if e[0] in keep and e[1] in keep]
    sub.verdicts = {n: v for n, v in sel.verdicts.items() if n in keep}
    sub.reasons = {n: v for n, v in sel.reasons.items() if n in keep}
    sub.scores = {n: v for n, v in sel.scores.items() if n in keep}
    return sub


def fitted_parts(graph: ArgumentGraph, sel: Selection, paper: Paper,
                 wrap: int = PRINT_WRAP) -> list[Part]:
    """split_view's parts, each that still needs more than one page at a legible size
    split again with a smaller limit (a part spilling a few nodes onto a second page
    reads worse than two parts on a page each)."""
    adjacent = _neighbours(sel)
    return [piece for part in split_view(graph, sel)
            for piece in _refit(graph, sel, part, paper, wrap, adjacent)]


def _refit(graph: ArgumentGraph, sel: Selection, part: Part, paper: Paper, wrap: int,
           adjacent: dict[str, set[str]]) -> list[Part]:
    if len(part.members) <= 3:
        return [part]
    _, tiling = best_drawing(map_layouts(graph, part_selection(sel, part, 1, 1), wrap), paper)
    if tiling.pages == 1:
        return [part]
    limit = max(3, part.size() * 2 // 3)
    smaller = _pack(_split(set(part.members), set(part.context), sel, adjacent, limit), limit)
    if len(smaller) < 2:
        return [part]
    return [piece for p in smaller for piece in _refit(graph, sel, p, paper, wrap, adjacent)]
