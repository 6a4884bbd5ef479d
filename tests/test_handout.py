"""A seminar handout of a section, made by the real CLI and read back from the PDF."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from argmap.core.loader import load_corpus
from argmap.drawing.printing import MIN_FONT_PT
from tests.conftest import argmap_exe
from tests.test_render_pages import A4, LETTER, font_sizes, page_sizes

ROOT = Path(__file__).resolve().parent.parent
KASAHARA = "rise-kasahara-confirmed-fears"


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handout") / "rise.pdf"
    result = subprocess.run(
        [*argmap_exe(), "--corpus",
         str(ROOT / "arguments"), "handout", "section:rise-of-stalin", "-o", str(out)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def test_handout_is_a4_with_map_pages_then_the_claims(handout: Path) -> None:
    sizes = page_sizes(handout)
    assert all(size == A4 for size in sizes)
    pages = [p.extract_text() for p in pypdf.PdfReader(handout).pages]
    first_prose = next(i for i, text in enumerate(pages) if "Handout:" in text)
    assert first_prose >= 2  # map pages and a legend page come first
    assert any("Legend" in text for text in pages[:first_prose])
    # about 50 claims with notes and stances: several pages of text, not a poster
    assert 4 <= len(pages) - first_prose <= 40


def test_every_claim_is_there_with_its_place_evidence_notes_and_schools(handout: Path) -> None:
    corpus = load_corpus(ROOT / "arguments")
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(handout).pages)
    claim = corpus.claims[KASAHARA]
    assert claim.heading in text
    assert " ".join(claim.text.split())[:60] in text
    assert f"¶{claim.locator.paragraph}" in text
    for school in corpus.schools.values():
        assert f"{school.name}:" in text
    assert "Evidence (" in text and "Note:" in text
    # the notes are the Chicago notes of the text
    from argmap.citations.notes import formatted_footnotes

    formatted = next(t for n, t in formatted_footnotes(corpus) if n.id in claim.footnotes)
    assert " ".join(formatted.text.split())[:40] in text


def test_no_text_in_the_handout_is_under_8pt(handout: Path) -> None:
    runs = font_sizes(handout)
    assert min(size for _, size in runs) >= MIN_FONT_PT - 0.01


def test_handout_on_letter_and_wrong_output_name(
        cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    out = tmp_path / "abstract.pdf"
    result = cli("handout", "section:abstract", "--paper", "letter", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert all(size == LETTER for size in page_sizes(out))
    wrong = cli("handout", "section:abstract", "-o", str(tmp_path / "x.svg"))
    assert wrong.returncode == 2 and "PDF" in wrong.stderr
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize("view", ["section:dictatorship-and-terror", "section:rise-of-stalin",
                                  "overview", f"trace:{KASAHARA}"])
def test_split_view_keeps_every_node_once_and_every_edge(view: str) -> None:
    from argmap.drawing.handout import PART_NODES, part_selection, split_view
    from argmap.graph import build_graph
    from argmap.views import select

    graph = build_graph(load_corpus(ROOT / "arguments"))
    sel = select(graph, view)
    parts = split_view(graph, sel)
    members = [m for p in parts for m in p.members]
    assert sorted(members) == sorted(sel.nodes)
    drawn = {e for i, p in enumerate(parts, 1)
             for e in part_selection(sel, p, i, len(parts)).edges}
    assert set(sel.edges) <= drawn
    if len(sel.nodes) > PART_NODES:
        assert len(parts) > 1
        assert all(p.size() <= PART_NODES or len(p.members) == 1 for p in parts)


def test_handout_without_a_unicode_font_still_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no TTF on the system the core Helvetica is used; curly quotes and dashes
    are approximated rather than failing the whole handout."""
    import argmap.drawing.handout as handout
    from argmap.drawing.printing import PAPERS
    from argmap.graph import build_graph

    monkeypatch.setattr(handout, "find_fonts", lambda: None)
    data = handout.handout_pdf(build_graph(load_corpus(ROOT / "arguments")), "section:abstract",
                               PAPERS["a4"])
    import io

    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Misperception" in text
