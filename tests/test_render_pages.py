"""Printable PDFs of a view: A4 or Letter pages, nothing under 8 pt, nodes never cut."""

from __future__ import annotations

import io
import math
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from argmap.drawing.printing import MIN_FONT_PT, PAPERS, cut

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in pypdf.PdfReader(pdf).pages]


def font_sizes(pdf: Path) -> list[tuple[str, float]]:
    """Every text run with its size as printed. Text on the page itself (footers,
    prose) is measured through pypdf's text visitor; a map tile is a form XObject
    drawn under a scaling `cm`, so its text size is the size Graphviz set (in its
    `Tm`) times that scale, read from the page's own operators."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                      tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        runs.append((text, size * math.sqrt(abs(a * d - b * c))))

    for page in pypdf.PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        pattern = rb"q ([0-9.]+) 0 0 \1 [-0-9.]+ [-0-9.]+ cm [^Q]*(/ArgmapMap\d+) Do"
        for scale, name in re.findall(pattern, data):
            form = page["/Resources"]["/XObject"][name.decode()].get_object()
            sizes = re.findall(rb"([0-9.]+) 0 0 -\1 [-0-9.]+ [-0-9.]+ Tm", form.get_data())
            assert sizes, "the map tile has no text"
            runs += [("map tile", float(scale) * float(size)) for size in sizes]
    return runs


def test_cut_moves_page_breaks_between_nodes() -> None:
    nodes = [(90.0, 130.0), (180.0, 220.0)]
    pieces = cut(300.0, 100.0, nodes)
    assert pieces[0][1] <= 90.0  # the first node is not cut by the first page break
    assert all(not (lo < end < hi) for _, end in pieces[:-1] for lo, hi in nodes)
    assert pieces[-1][1] == 300.0


def test_cut_starts_the_next_page_with_a_node_it_could_not_avoid() -> None:
    wide = [(50.0, 260.0)]
    pieces = cut(300.0, 100.0, wide)
    assert pieces[0] == (0.0, 100.0)
    assert pieces[1][0] <= 50.0 + 25.0  # moves on by at least a quarter page, never back


def test_render_pdf_is_a4_pages_with_no_text_under_8pt(
        cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    out = tmp_path / "rise.pdf"
    result = cli("render", "section:rise-of-stalin", "-o", str(out))
    assert result.returncode == 0, result.stderr
    sizes = page_sizes(out)
    assert len(sizes) > 1  # a section is too large for one legible page
    assert all(size == A4 for size in sizes)
    runs = font_sizes(out)
    assert any(text == "map tile" for text, _ in runs)
    assert "Kasahara letter" in "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    smallest = min(size for _, size in runs)
    assert smallest >= MIN_FONT_PT - 0.01, smallest


def test_render_pdf_on_letter_and_a_small_view_on_one_page(
        cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    out = tmp_path / "abstract.pdf"
    result = cli("render", "section:abstract", "--paper", "letter", "--no-legend", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert page_sizes(out) == [LETTER]


def test_render_poster_keeps_one_page_as_large_as_the_drawing(
        cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    out = tmp_path / "poster.pdf"
    result = cli("render", "section:rise-of-stalin", "--paper", "poster", "-o", str(out))
    assert result.returncode == 0, result.stderr
    (width, _height), = page_sizes(out)
    assert width > PAPERS["a4"].width * 3


def test_pages_look_like_pages(tmp_path: Path,
                               cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    """pdfinfo (poppler) reads the file as A4: the PDF is well formed for other tools too."""
    import shutil

    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    out = tmp_path / "terror.pdf"
    assert cli("render", "section:dictatorship-and-terror", "-o", str(out)).returncode == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    assert pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
