"""`argmap new WORK-ID --from-text FILE`: a work folder from a plain-text chapter.

Checked on the chapter the bundled map was written from (every note must land
in the paragraph the bundled map's editor placed it in, by hand), on a small
synthetic article, and on odd input.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from argmap.core.loader import load_corpus
from argmap.scaffold import TextError, parse_text
from tests.conftest import ARGUMENTS
from tests.conftest import CHAPTER as _CHAPTER

# The chapter's text sits in ../shared beside the project; a worktree elsewhere names it.
CHAPTER = _CHAPTER if _CHAPTER.exists() else Path(os.environ.get("ARGMAP_CHAPTER_TEXT", "/nonexistent"))

CLI = Callable[..., subprocess.CompletedProcess[str]]

ARTICLE = """\
The Long Telegram Revisited

By Jane Roe and John Doe

Abstract: What Kennan wrote, and what Washington read into it.

Keywords: Cold War, Kennan, containment

Kennan's telegram of February 1946 was read as a call to arms.1 It was not meant as one.

It travelled fast in 1946, through 12 offices and 300 copies.2

Origins

Its origins lay in Moscow. Kennan had waited years for such a request.3

The War Department took it up at once. 4

Reception

Forrestal circulated it widely.

Notes

1. George F. Kennan to Secretary of State, 22 February 1946, RG 59, Decimal File 861.00/2-2246, National Archives, College Park, MD.

2. Ibid.

3. Kennan, Memoirs, 292.

4. Henry L. Stimson Diaries, MS 465, Manuscripts and Archives, Yale University Library, New Haven, CT.
"""


def _bundled_places() -> dict[int, tuple[str, int]]:
    data = yaml.safe_load((ARGUMENTS / "harris-stalin" / "footnotes.yaml").read_text("utf-8"))
    return {n["number"]: (n["section"], n["paragraph"]) for n in data["footnotes"]}


def _bundled_sections() -> list[tuple[str, int]]:
    data = yaml.safe_load((ARGUMENTS / "harris-stalin" / "work.yaml").read_text("utf-8"))
    return [(s["id"], s["paragraphs"]) for s in data["works"][0]["sections"]]


@pytest.mark.skipif(not CHAPTER.exists(), reason="the chapter's text is not here")
def test_new_on_the_chapter_validates_beside_the_bundled_map(
    cli: CLI, tmp_path: Path
) -> None:
    corpus = tmp_path / "arguments"
    (corpus / "harris-stalin").mkdir(parents=True)
    for path in (ARGUMENTS / "harris-stalin").glob("*.yaml"):
        (corpus / "harris-stalin" / path.name).write_bytes(path.read_bytes())
    result = cli("new", "harris-text", "--from-text", str(CHAPTER), "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "6 sections, 37 paragraphs, 47 notes" in result.stdout
    assert result.stderr == ""
    assert sorted(p.name for p in corpus.iterdir()) == ["harris-stalin", "harris-text"]
    alone = load_corpus(corpus / "harris-text")
    both = load_corpus(corpus)
    assert len(alone.footnotes) == 47 and len(both.footnotes) == 94
    work = alone.works["harris-text"]
    assert work.title == "Stalin and Stalinism"
    assert work.author == []  # the text prints no author: none is made up
    # Same sections and paragraph counts as the editor of the bundled map found by hand.
    counts = [(s.id.removeprefix("harris-text-"), s.paragraphs) for s in work.sections]
    bundled = _bundled_sections()
    assert [c for _, c in counts] == [c for _, c in bundled]
    # Every note in the section and paragraph the bundled map gives it.
    order = [s.id for s in work.sections]
    bundled_order = [s for s, _ in bundled]
    places = {n.number: (bundled_order[order.index(n.section)], n.paragraph)
              for n in alone.footnotes.values()}
    assert places == _bundled_places()
    # The raw text of each note is kept for the editor, above the record.
    notes_file = (corpus / "harris-text" / "footnotes.yaml").read_text("utf-8")
    assert "# (21) RGASPI, 558/11/185/19." in notes_file
    assert "# (47) Yoram Gorlizki, ‘Ordinary Stalinism" in notes_file
    # One commented stub per paragraph, with its opening words (at most 12).
    claims_file = (corpus / "harris-text" / "claims.yaml").read_text("utf-8")
    stubs = [line for line in claims_file.splitlines() if line.startswith("# ¶")]
    assert len(stubs) == 37
    assert "# ¶1: Violence was in the genetic makeup of Bolshevism. In Lenin’s thought, as …" \
        in stubs
    assert all(len(s.split(":", 1)[1].split("…")[0].split()) <= 12 for s in stubs)
    assert yaml.safe_load(claims_file) == {"claims": []}


@pytest.mark.skipif(not CHAPTER.exists(), reason="the chapter's text is not here")
def test_stub_anchors_are_found_by_check_text(cli: CLI, tmp_path: Path) -> None:
    """Uncommented as they stand (with a text), the stubs validate and their anchors are
    the text's own words."""
    corpus = tmp_path / "maps"
    assert cli("new", "h", "--from-text", str(CHAPTER), "--corpus", str(corpus)).returncode == 0
    claims = corpus / "h" / "claims.yaml"
    lines = []
    for number, line in enumerate(claims.read_text("utf-8").splitlines()):
        if line.startswith("# - id:") or line.startswith("#   "):
            line = line[2:].rstrip("-")
            line = line.replace("title: ", f"title: Stub {number}").replace("text: ", "text: Stub.")
        lines.append(line)
    text = "\n".join(lines).replace("claims: []", "claims:")
    claims.write_text(text, encoding="utf-8")
    result = cli("check-text", str(CHAPTER), "--corpus", str(corpus))
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_on_a_small_article(cli: CLI, tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE.replace("\n", "\r\n"), encoding="utf-8")  # CRLF, as Windows saves it
    corpus = tmp_path / "maps"
    result = cli("new", "roe-telegram", "--from-text", str(text), "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    c = load_corpus(corpus)
    work = c.works["roe-telegram"]
    assert work.title == "The Long Telegram Revisited"
    assert [n.literal for n in work.author] == ["Jane Roe", "John Doe"]
    assert [(s.title, s.paragraphs) for s in work.sections] == [
        ("Abstract", 1), ("Introduction", 2), ("Origins", 2), ("Reception", 1)]
    places = {n.number: (n.section, n.paragraph) for n in c.footnotes.values()}
    assert places == {
        1: ("roe-telegram-introduction", 1),
        2: ("roe-telegram-introduction", 2),  # not "1946" or "12" or "300"
        3: ("roe-telegram-origins", 1),
        4: ("roe-telegram-origins", 2),  # "at once. 4": a marker after a space
    }
    assert "Keywords (as the text gives them): Cold War, Kennan, containment" in (
        corpus / "roe-telegram" / "work.yaml").read_text("utf-8")


def test_never_overwrites(cli: CLI, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "maps"
    (corpus / "roe").mkdir(parents=True)
    (corpus / "roe" / "mine.yaml").write_text("claims: []\n", encoding="utf-8")
    result = cli("new", "roe", "--from-text", str(text), "--corpus", str(corpus))
    assert result.returncode == 2
    assert "already exists" in result.stderr and "never overwrites" in result.stderr
    assert [p.name for p in (corpus / "roe").iterdir()] == ["mine.yaml"]
    assert sorted(p.name for p in corpus.iterdir()) == ["roe"]  # no temporary folder left


def test_refuses_ids_that_would_collide(cli: CLI, tmp_path: Path) -> None:
    """Ids are the new work's own (works are namespaces), but a work's id names it across
    the corpus: a clash is refused before anything is renamed into place."""
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "maps"
    (corpus / "other").mkdir(parents=True)
    (corpus / "other" / "x.yaml").write_text(
        "works:\n  - id: roe\n    title: W\n    sections: [{id: roe-origins, title: O, paragraphs: 1}]\n",
        encoding="utf-8")
    result = cli("new", "roe", "--from-text", str(text), "--corpus", str(corpus))
    assert result.returncode == 1
    assert "roe/work.yaml" in result.stderr and "work id 'roe'" in result.stderr
    assert ".new-" not in result.stderr  # the temporary folder is not what the user sees
    assert sorted(p.name for p in corpus.iterdir()) == ["other"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the text is empty"),
        ("\r\n  \n\n", "the text is empty"),
        ("Only A Heading\n\nAnother Heading\n", "no paragraphs"),
    ],
)
def test_odd_input_gives_a_clear_error(cli: CLI, tmp_path: Path, content: str, message: str) -> None:
    text = tmp_path / "t.txt"
    text.write_text(content, encoding="utf-8")
    result = cli("new", "w", "--from-text", str(text), "--corpus", str(tmp_path / "maps"))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "maps" / "w").exists()


def test_bad_id_missing_file_and_binary(cli: CLI, tmp_path: Path) -> None:
    result = cli("new", "Bad Id", "--from-text", "x.txt", "--corpus", str(tmp_path))
    assert result.returncode == 2 and "not a slug" in result.stderr
    result = cli("new", "w", "--from-text", str(tmp_path / "nope.txt"), "--corpus", str(tmp_path))
    assert result.returncode == 2 and "no such text file" in result.stderr
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00abc")
    result = cli("new", "w", "--from-text", str(binary), "--corpus", str(tmp_path))
    assert result.returncode == 2 and "not UTF-8" in result.stderr


def test_control_characters_and_line_separators_do_not_break_the_files(
    cli: CLI, tmp_path: Path
) -> None:
    text = tmp_path / "t.txt"
    text.write_text("A Title\x0c\n\nA paragraph\u2028with a separator and \x1b[31m escape.1\n\n"
                    "Notes\n\n(1) A note\u2029 split\x85 oddly.\n", encoding="utf-8")
    result = cli("new", "w", "--from-text", str(text), "--corpus", str(tmp_path / "m"))
    assert result.returncode == 0, result.stderr
    c = load_corpus(tmp_path / "m")
    assert c.works["w"].title == "A Title" and len(c.footnotes) == 1


def test_no_notes_and_no_headings() -> None:
    parsed = parse_text("One paragraph with no notes at all, in 1946.\n\nA second one.\n")
    assert parsed.title is None
    assert [(s.title, len(s.paragraphs)) for s in parsed.sections] == [("Introduction", 2)]
    assert parsed.notes == [] and parsed.unplaced == []


def test_a_note_without_marker_is_reported_not_dropped(cli: CLI, tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("A paragraph that cites.1\n\nAnother, with no marker.\n\nNotes\n\n"
                    "(1) First.\n\n(2) Second, never marked.\n", encoding="utf-8")
    result = cli("new", "w", "--from-text", str(text), "--corpus", str(tmp_path / "m"))
    assert result.returncode == 0, result.stderr
    assert "note 2: no marker found" in result.stderr
    c = load_corpus(tmp_path / "m")
    assert sorted(n.number for n in c.footnotes.values()) == [1, 2]
    assert "NOT FOUND" in (tmp_path / "m" / "w" / "footnotes.yaml").read_text("utf-8")


def test_empty_text_error_from_the_library() -> None:
    with pytest.raises(TextError, match="empty"):
        parse_text("")
