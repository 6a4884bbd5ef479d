"""Printing a view: A4 or Letter pages with no text under 8 pt.

Graphviz lays the view out once and draws it as one large PDF page; that page
becomes a form XObject, and each printed page shows one tile of it through a
clip, scaled to the largest size at which it fits one page or, for a large view,
to the smallest legible size. Page breaks are moved back to pass between nodes,
and a node a break cannot avoid starts the next page whole. Of several layouts
(top-down, left-right) the one needing the fewest pages is printed.

pypdf and fpdf2 are imported here only, so the app never loads them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import pygraphviz
import pypdf
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

from argmap.core.errors import UsageError

MIN_FONT_PT = 8.0
"""Nothing on a printed page is smaller than this (a seminar handout must be read
at arm's length); a view too large for one page at this size is split across pages."""
MARGIN_PT = 36.0
FOOTER_PT = 20.0
SEARCH_SHARE = 0.35
"""How far back from a page's edge a cut may move to pass between nodes rather than
through one (as a share of the page)."""

Span = tuple[float, float]


@dataclass(frozen=True)
class Paper:
    """A page size in PostScript points (1/72 in)."""

    name: str
    width: float
    height: float


PAPERS = {"a4": Paper("A4", 595.28, 841.89), "letter": Paper("Letter", 612.0, 792.0)}


@dataclass(frozen=True)
class Tiling:
    """How a drawing goes onto pages: the scale, then the column spans (left to right)
    and row spans (from the top) of the drawing, in the drawing's points."""

    scale: float
    cols: list[Span]
    rows: list[Span]
    tiles: list[tuple[int, int]]
    """The (row, column) tiles printed: those showing some node whole (a tile that
    would show only the middle of long edges is left out)."""

    @property
    def pages(self) -> int:
        return len(self.tiles)


@dataclass
class Drawing:
    """A laid-out DOT graph and what tiling needs: its size (the layout's bounding
    box, in points), the smallest font drawn, and where its nodes are (x spans from
    the left; y spans from the top)."""

    graph: pygraphviz.AGraph
    width: float
    height: float
    min_font: float
    x_spans: list[Span]
    y_spans: list[Span]

    def pdf(self) -> tuple[bytes, float, float]:
        """The drawing as a one-page PDF, and where the bounding box's corner is on it
        (Graphviz adds a margin around the drawing)."""
        data: bytes = self.graph.draw(format="pdf")
        box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
        return data, (float(box.width) - self.width) / 2, (float(box.height) - self.height) / 2


def paper_for(name: str) -> Paper:
    """The paper a user names (a4 or letter, any case)."""
    paper = PAPERS.get(name.lower())
    if paper is None:
        raise UsageError(f"unknown paper '{name}'; use a4 or letter")
    return paper


def printable_area(paper: Paper) -> tuple[float, float]:
    """Inside the margins, above the footer line."""
    return paper.width - 2 * MARGIN_PT, paper.height - 2 * MARGIN_PT - FOOTER_PT


def cut(length: float, room: float, spans: Sequence[Span]) -> list[Span]:
    """Split [0, length] into pieces of at most `room`, each cut placed where it crosses
    the fewest nodes (looking back up to SEARCH_SHARE of a page); a node a cut does
    cross starts the next piece whole, so every node is shown uncut on some page."""
    pieces: list[Span] = []
    start = 0.0
    while length - start > room:
        best_end, best_cross = start + room, len(spans) + 1
        end = start + room
        while end >= start + room * (1 - SEARCH_SHARE):
            crossing = sum(1 for lo, hi in spans if lo < end < hi)
            if crossing < best_cross:
                best_end, best_cross = end, crossing
            end -= 2.0
        pieces.append((start, best_end))
        crossed = [lo for lo, hi in spans if lo < best_end < hi and lo > start]
        start = max(min(crossed, default=best_end) - 4.0, start + room * 0.25)
    pieces.append((start, length))
    return pieces


def plan_tiling(drawing: Drawing, paper: Paper) -> Tiling:
    """The largest scale (at most 1) at which the drawing fits one page with no text
    under MIN_FONT_PT; when none does, the smallest legible scale and pages cut
    between nodes."""
    area_w, area_h = printable_area(paper)
    min_font = drawing.min_font
    legible = min(1.0, MIN_FONT_PT / min_font) if min_font > 0 else 1.0
    fit = min(1.0, area_w / drawing.width, area_h / drawing.height)
    if fit >= legible:
        return Tiling(fit, [(0.0, drawing.width)], [(0.0, drawing.height)], [(0, 0)])
    cols = cut(drawing.width, area_w / legible, drawing.x_spans)
    rows = cut(drawing.height, area_h / legible, drawing.y_spans)
    return Tiling(legible, cols, rows, shown_tiles(cols, rows, drawing))


def shown_tiles(cols: list[Span], rows: list[Span], drawing: Drawing) -> list[tuple[int, int]]:
    """The tiles, row by row, that show at least one node whole. Cutting starts each
    page with any node the previous cut went through, so every node is whole on
    some kept tile."""
    boxes = list(zip(drawing.x_spans, drawing.y_spans, strict=True))
    kept = []
    for r, (top, bottom) in enumerate(rows):
        for c, (left, right) in enumerate(cols):
            if any(left <= x0 and x1 <= right and top <= y0 and y1 <= bottom
                   for (x0, x1), (y0, y1) in boxes):
                kept.append((r, c))
    return kept or [(0, 0)]


def smallest_font(dot_source: str) -> float:
    """The smallest font size a layout of this source draws (read from its SVG, so
    xlabels and cluster titles count)."""
    graph = pygraphviz.AGraph(string=dot_source)
    graph.layout(prog="dot")
    svg: bytes = graph.draw(format="svg")
    return min((float(s) for s in re.findall(rb'font-size="([0-9.]+)"', svg)), default=0.0)


def lay_out(dot_source: str, min_font: float, stagger: int = 1) -> Drawing:
    """Lay out with dot; with `stagger` > 1 the arguments for one claim are spread
    over that many ranks (edge lengths 1, 2, ... in turn), so a claim with many
    reasons makes a narrower, taller drawing (Graphviz's `unflatten` idea)."""
    graph = pygraphviz.AGraph(string=dot_source)
    if stagger > 1:
        count: dict[str, int] = {}
        for edge in graph.edges():
            head = str(edge[1])
            count[head] = count.get(head, 0) + 1
            edge.attr["minlen"] = str(1 + (count[head] - 1) % stagger)
    graph.layout(prog="dot")
    x0, y0, x1, y1 = (float(v) for v in re.split(r"[ ,]+", str(graph.graph_attr["bb"]).strip()))
    width, height = x1 - x0, y1 - y0
    x_spans, y_spans = [], []
    for node in graph.nodes():
        pos = node.attr.get("pos")
        if not pos:
            continue
        x, y = (float(v) for v in str(pos).split(",")[:2])
        half_w = float(node.attr.get("width") or 0) * 36
        half_h = float(node.attr.get("height") or 0) * 36
        x_spans.append((x - x0 - half_w, x - x0 + half_w))
        top = height - (y - y0)
        y_spans.append((top - half_h, top + half_h))
    return Drawing(graph, width, height, min_font, x_spans, y_spans)


STAGGERS = (1, 2, 3, 4)


def best_drawing(candidates: Sequence[str], paper: Paper) -> tuple[Drawing, Tiling]:
    """Of several layouts of one view (top-down, left-right; each also with its
    reasons staggered over 2 to 4 ranks), the one needing the fewest pages at a
    legible size; ties go to the larger print, then to the earlier candidate."""
    if not candidates:
        raise UsageError("nothing to print")
    min_font = smallest_font(candidates[0])
    best: tuple[Drawing, Tiling] | None = None
    for source in candidates:
        for stagger in STAGGERS:
            drawing = lay_out(source, min_font, stagger)
            tiling = plan_tiling(drawing, paper)
            if best is None or (tiling.pages, -tiling.scale) < (best[1].pages, -best[1].scale):
                best = drawing, tiling
    assert best is not None
    return best


GAP_PT = 18.0
"""Space between two small drawings sharing a page."""


@dataclass(frozen=True)
class Placement:
    """One drawing's tile on a page, `down` points below the top of the printable area."""

    item: int
    tile: tuple[int, int]
    down: float


def plan_pages(tiled: Sequence[tuple[Drawing, Tiling]], paper: Paper) -> list[list[Placement]]:
    """Pages for the drawings in order: a drawing that fits one page goes below the
    one before it when there is room, so small parts of a map share a page; a larger
    one gets its tiles, one a page."""
    area_h = printable_area(paper)[1]
    pages: list[list[Placement]] = []
    room = -1.0  # height left on the last page, when it may take another drawing
    for item, (drawing, tiling) in enumerate(tiled):
        if tiling.pages > 1:
            pages += [[Placement(item, tile, 0.0)] for tile in tiling.tiles]
            room = -1.0
            continue
        height = drawing.height * tiling.scale
        if pages and height + GAP_PT <= room:
            pages[-1].append(Placement(item, (0, 0), area_h - room + GAP_PT))
            room -= height + GAP_PT
        else:
            pages.append([Placement(item, (0, 0), 0.0)])
            room = area_h - height
    return pages


def add_drawings(writer: pypdf.PdfWriter, items: Sequence[tuple[Sequence[str], str]],
                 paper: Paper, caption: str) -> list[int]:
    """Append drawings to `writer`: each item is (candidate layouts, label), the best
    layout of each is printed (best_drawing), small ones sharing pages (plan_pages).
    Each drawing is stored once (a form XObject) and each page shows its tile through
    a clip, so a many-page map stays small and quick to write. Returns the page
    number (1-based) on which each item begins."""
    from argmap.drawing.handout import footer_pages

    tiled = [best_drawing(candidates, paper) for candidates, _ in items]
    plan = plan_pages(tiled, paper)
    first_page = len(writer.pages) + 1
    footers = []
    for placements in plan:
        labels = [items[p.item][1] for p in placements if items[p.item][1]]
        where = f" — {', '.join(labels)}" if labels else ""
        only = placements[0]
        tiling = tiled[only.item][1]
        if tiling.pages > 1:
            r, c = only.tile
            where += (f" (page {tiling.tiles.index(only.tile) + 1} of {tiling.pages}"
                      + (f": row {r + 1}, column {c + 1})" if len(tiling.cols) > 1 else ")"))
        footers.append(caption + where)
    grounds = pypdf.PdfReader(io.BytesIO(footer_pages(paper, footers, first_page)))
    forms: dict[int, tuple[IndirectObject, float, float]] = {}
    starts: dict[int, int] = {}
    for number, (placements, ground) in enumerate(zip(plan, grounds.pages, strict=True)):
        writer.add_page(ground)
        page = writer.pages[-1]
        for place in placements:
            starts.setdefault(place.item, first_page + number)
            if place.item not in forms:
                pdf, dx, dy = tiled[place.item][0].pdf()
                forms[place.item] = _form_xobject(pdf, writer), dx, dy
            form, dx, dy = forms[place.item]
            _place(page, writer, tiled[place.item], place, paper, (form, dx, dy))
    return [starts[i] for i in range(len(items))]


def _place(page: pypdf.PageObject, writer: pypdf.PdfWriter, tiled: tuple[Drawing, Tiling],
           place: Placement, paper: Paper, form: tuple[IndirectObject, float, float]) -> None:
    """Draw one tile of a drawing on a page: scaled, clipped to the tile, centred
    across the page when the drawing is one column wide."""
    drawing, tiling = tiled
    xobject, dx, dy = form
    area_w = printable_area(paper)[0]
    s = tiling.scale
    r, c = place.tile
    (x0, x1), (t0, t1) = tiling.cols[c], tiling.rows[r]
    y0, y1 = drawing.height - t1, drawing.height - t0
    if len(tiling.cols) == 1:  # show Graphviz's margin too, as far as the page allows:
        extra = min(dx, max(0.0, (area_w / s - (x1 - x0)) / 2))  # a long title may run into it
        x0, x1 = x0 - extra, x1 + extra
    left = MARGIN_PT + max(0.0, (area_w - (x1 - x0) * s) / 2) if len(tiling.cols) == 1 \
        else MARGIN_PT
    top = paper.height - MARGIN_PT - place.down
    e, f = left - (x0 + dx) * s, top - (y1 + dy) * s
    name = f"/ArgmapMap{int(xobject.idnum)}"
    ops = (f"q {s:.5f} 0 0 {s:.5f} {e:.3f} {f:.3f} cm {x0 + dx:.3f} {y0 + dy:.3f} "
           f"{x1 - x0:.3f} {y1 - y0:.3f} re W n {name} Do Q")
    _append(page, writer, ops.encode("ascii"), xobject, name)


def _form_xobject(pdf: bytes, writer: pypdf.PdfWriter) -> IndirectObject:
    """A one-page PDF as a form XObject in `writer` (its resources copied)."""
    source = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    box = source.mediabox
    form = DecodedStreamObject()
    contents = source[NameObject("/Contents")].get_object()
    parts = list(contents) if isinstance(contents, ArrayObject) else [contents]
    streams = [cast(StreamObject, cast(PdfObject, part).get_object()) for part in parts]
    form.set_data(b"\n".join(stream.get_data() for stream in streams))
    resources = cast(DictionaryObject, source[NameObject("/Resources")].get_object())
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                          FloatObject(box.width), FloatObject(box.height)]),
        NameObject("/Resources"): resources.clone(writer),
    })
    ref: IndirectObject = writer._add_object(form)
    return ref


def _append(page: pypdf.PageObject, writer: pypdf.PdfWriter, ops: bytes,
            form: IndirectObject, name: str) -> None:
    """Add content drawn over the page and register the map XObject in its resources."""
    resources = cast(DictionaryObject, page[NameObject("/Resources")].get_object())
    found = resources.get(NameObject("/XObject"))
    xobjects = cast(DictionaryObject, found.get_object()) if found is not None \
        else DictionaryObject()
    xobjects[NameObject(name)] = form
    resources[NameObject("/XObject")] = xobjects
    stream = DecodedStreamObject()
    stream.set_data(ops)
    contents = page[NameObject("/Contents")]
    existing = cast(PdfObject, contents.get_object())
    parts = list(existing) if isinstance(existing, ArrayObject) else [
        contents if isinstance(contents, IndirectObject) else writer._add_object(existing)]
    page[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(stream)])


def add_drawing(writer: pypdf.PdfWriter, candidates: Sequence[str], paper: Paper,
                caption: str) -> int:
    """Append the best layout of one drawing to `writer`; returns its first page."""
    return add_drawings(writer, [(candidates, "")], paper, caption)[0]


def pdf_bytes(writer: pypdf.PdfWriter) -> bytes:
    """The writer's document as bytes."""
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
