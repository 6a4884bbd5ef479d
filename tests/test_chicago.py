"""Chicago notes and bibliography, checked against the chapter's own notes.

Every expected string below was written by hand from the note in the chapter
(Harris, 'Stalin and Stalinism', notes 1-47) restyled to CMOS 17: curly double
quotes with the comma inside, colon before journal pages, CMOS 9.61 page
ranges, day-month-year dates, arabic volume numbers, no "n.d.".

`note` gives one citation as it stands inside a note (no closing period);
`whole` below is a note citing that one source, closed by its period. The end
of the file reads all 47 notes of the bundled map as a copy-editor would.
tests/test_csl.py checks the same forms against a CSL processor.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from argmap.citations.chicago import (
    Markup,
    NoteSequence,
    archival_reference,
    bibliography,
    bibliography_entries,
    footnote,
    format_locator,
    missing_fields,
    note,
    page_range,
    short_title,
)
from argmap.citations.notes import (
    cited_source_ids,
    footnote_listing,
    format_bibliography,
    format_footnotes,
    formatted_footnotes,
)
from argmap.core.corpus import Corpus
from argmap.core.loader import load_corpus
from argmap.core.model import Archival, Citation, Name, Source

RGASPI_NAME = "Rossiiskii Gosudarstvennyi Arkhiv Sotsial’no-Politicheskoi Istorii"


def cite(
    source: Source, locator: str | None = None, label: str = "page", **kw: str | bool
) -> Citation:
    return Citation.model_validate({"source": source.id, "locator": locator, "label": label, **kw})


def whole(
    source: Source,
    citation: Citation | None = None,
    *,
    short: bool = False,
    markup: Markup = "text",
) -> str:
    """The source cited alone in a note, full or short: the note with its closing period."""
    citation = (citation or cite(source)).model_copy(update={"short": short})
    return footnote([(source, citation)], markup=markup)


# ----------------------------------------------------------------- sources

CONQUEST = Source(
    id="conquest-great-terror",
    type="book",
    title="The Great Terror",
    author=[Name(family="Conquest", given="Robert")],
    publisher_place="London",
    publisher="Macmillan",
    issued="1968",
)
FRIEDRICH = Source(
    id="friedrich-brzezinski-totalitarian-dictatorship",
    type="book",
    title="Totalitarian Dictatorship and Autocracy",
    author=[Name(family="Friedrich", given="Carl"), Name(family="Brzezinski", given="Zbigniew")],
    publisher_place="Cambridge, MA",
    publisher="Harvard University Press",
    issued="1956",
)
GETTY = Source(
    id="getty-naumov-road-to-terror",
    type="book",
    title="The Road to Terror: Stalin and the Self-Destruction of the Bolsheviks",
    editor=[Name(family="Getty", given="J. Arch"), Name(family="Naumov", given="Oleg V.")],
    publisher_place="New Haven, CT",
    publisher="Yale University Press",
    issued="1999",
)
HARRIS_CHAPTER = Source(
    id="harris-general-secretary",
    type="chapter",
    title="Stalin as General Secretary",
    subtitle="The Appointments Process and the Nature of Stalin’s Power",
    author=[Name(family="Harris", given="James")],
    container_title="Stalin: A New History",
    container_editor=[Name(family="Davies", given="Sarah"), Name(family="Harris", given="James")],
    publisher_place="Cambridge",
    publisher="Cambridge University Press",
    issued="2005",
    page="63–82",
)
HARRIS_ARTICLE = Source(
    id="harris-encircled-by-enemies",
    type="article-journal",
    title="Encircled by Enemies: Stalin’s Perceptions of the Capitalist World, 1918–1941",
    author=[Name(family="Harris", given="James")],
    container_title="Journal of Strategic Studies",
    volume="30",
    issued="2007",
    page="513–45",
)
BENVENUTI = Source(
    id="benvenuti-reform-nkvd",
    type="article-journal",
    title="The “Reform” of the NKVD, 1934",
    author=[Name(family="Benvenuti", given="Francesco")],
    container_title="Europe-Asia Studies",
    volume="49",
    issue="6",
    issued="1997-09",
    page="1037–56",
)
PRAVDA = Source(
    id="pravda-1929-01-24",
    type="article-newspaper",
    container_title="Pravda",
    issued="1929-01-24",
)
RGASPI_185 = Source(
    id="rgaspi-558-11-185",
    type="manuscript",
    archival=Archival(
        archive="RGASPI",
        archive_name=RGASPI_NAME,
        place="Moscow",
        fond="558",
        opis="11",
        delo="185",
    ),
)
RGASPI_1114 = Source(
    id="rgaspi-558-11-1114",
    type="manuscript",
    title="Stalin’s personal papers",
    archival=Archival(archive="RGASPI", fond="558", opis="11", delo="1114"),
)
FITZPATRICK = Source(
    id="fitzpatrick-ending-revolution",
    type="speech",
    title="Ending the Russian Revolution: Reflections on Soviet History and its Interpreters",
    author=[Name(family="Fitzpatrick", given="Sheila")],
    genre="lecture",
    event="British Academy Elie Kedourie Memorial Lecture",
    event_place="Manchester University",
    event_date="2008-04-07",
)
STALIN_REPORT = Source(
    id="stalin-politicheskii-otchet",
    type="speech",
    title="Politicheskii otchet TsK XVI s’’ezdu VKP(b)",
    author=[Name(family="Stalin", given="I. V.")],
    genre="speech",
    event_date="1930-06-27",
    container_title="Sochineniia",
    volume="XII",
    publisher_place="Moscow",
    publisher="Politizdat",
    issued="1952",
    page="247–56",
)
STALIN_XI = Source(
    id="stalin-sochineniia-11",
    type="book",
    title="Sochineniia",
    author=[Name(family="Stalin", given="I. V.")],
    volume="XI",
)
LUBIANKA = Source(
    id="khaustov-lubianka",
    type="collection",
    title="Lubianka: Stalin i VChK-GPU-OGPU-NKVD, ianvar’ 1922-dekabr’ 1936",
    editor=[Name(family="Khaustov", given="V. N.")],
    names_abbreviated=True,
    publisher_place="Moscow",
    publisher="Materik",
    issued="2003",
)
REIMAN = Source(
    id="reiman-birth-of-stalinism",
    type="book",
    title="The Birth of Stalinism",
    author=[Name(family="Reiman", given="Michal")],
    publisher_place="Bloomington, IN",
    publisher="Indiana University Press",
)
LIH = Source(
    id="lih-letters-to-molotov",
    type="collection",
    title="Stalin’s Letters to Molotov",
    editor=[Name(family="Lih")],
    names_abbreviated=True,
)
KHLEVNIUK = Source(
    id="khlevniuk-stalin-i-kaganovich",
    type="collection",
    title="Stalin i Kaganovich: Perepiska. 1931–1936 gg.",
    editor=[
        Name(family="Khlevniuk", given="O. V."),
        Name(literal="R. U. Devis (R. W. Davies)"),
        Name(family="Kosheleva", given="L. P."),
        Name(literal="E. A. Ris (E. A. Rees)"),
        Name(family="Rogovaia", given="L. A."),
    ],
    publisher_place="Moscow",
    publisher="ROSSPEN",
    issued="2001",
)
KURILOVA = Source(
    id="kurilova-reabilitatsiia",
    type="collection",
    title="Reabilitatsiia: politicheskie protsessy 30-50-kh godov",
    editor=[
        Name(family="Kurilova", given="I. V."),
        Name(family="Mikhailov", given="N. N."),
        Name(family="Naumov", given="V. P."),
    ],
    publisher_place="Moscow",
    publisher="Politizdat",
    issued="1991",
)
IAGODA_LETTER = Source(
    id="iagoda-o-perestroika",
    type="document",
    title="O perestroika operativnoi raboty i raboty s kadrami",
    author=[Name(family="Iagoda")],
    genre="letter to regional NKVD organs",
    event_date="1935-03-11",
    container_title="Lubianka: Organy VChK-OGPU-NKVD-NKGB-MGB-MVD-KGB",
    container_editor=[Name(family="Kokurin", given="A. I."), Name(family="Petrov", given="N. V.")],
    publisher_place="Moscow",
    publisher="Mezhdunarodnyi fond demokratiia",
    issued="2003",
    page="548–52",
)
MOSKOVSKII_TSENTR = Source(
    id="o-dele-moskovskogo-tsentra",
    type="article-journal",
    title="O dele tak nazyvaemogo “Moskovskogo tsentra”",
    container_title="Izvestiia TsK",
    volume="7",
    issued="1989",
    page="69",
)
MOZOKHIN = Source(
    id="mozokhin-iz-istorii",
    type="article-journal",
    title="Iz istorii bor’by organov VChK-OGPU s terrorizmom",
    short_title="Iz istorii bor’by",
    author=[Name(family="Mozokhin", given="O. B.")],
    container_title="Voenno-istoricheskii zhurnal",
    issue="5",
    issued="2002",
)
MITSKEVICH = Source(
    id="mitskevich-ekonomicheskii-krizis",
    type="article-journal",
    title="Ekonomicheskii krizis, Pol’sha i limitrofy",
    author=[Name(family="Mitskevich-Kapsukas", given="V.")],
    container_title="Bolshevik",
    volume="13",
    issued="1930-07-15",
    page="105–24",
)
THURSTON = Source(
    id="thurston-life-and-terror",
    type="book",
    title="Life and Terror in Stalin’s Russia, 1934-1941",
    author=[Name(family="Thurston", given="Robert")],
    publisher_place="New Haven, CT",
    publisher="Yale University Press",
    issued="1996",
)
NEVEZHIN = Source(
    id="nevezhin-zastolnye-rechi",
    type="book",
    title="Zastol’nye rechi Stalina",
    author=[Name(family="Nevezhin", given="Vladimir")],
    publisher_place="Moscow",
    publisher="Airo-XX",
    issued="2003",
)

ALL = [
    CONQUEST, FRIEDRICH, GETTY, HARRIS_CHAPTER, HARRIS_ARTICLE, BENVENUTI, PRAVDA,
    RGASPI_185, RGASPI_1114, FITZPATRICK, STALIN_REPORT, STALIN_XI, LUBIANKA, REIMAN,
    LIH, KHLEVNIUK, KURILOVA, IAGODA_LETTER, MOSKOVSKII_TSENTR, MOZOKHIN, MITSKEVICH,
    THURSTON, NEVEZHIN,
]  # fmt: skip


# ------------------------------------------------------------------ books


def test_book_full_short_and_bibliography() -> None:  # note 1
    assert whole(CONQUEST) == "Robert Conquest, The Great Terror (London: Macmillan, 1968)."
    assert whole(CONQUEST, cite(CONQUEST, "45"), short=True) == "Conquest, Great Terror, 45."
    assert bibliography(CONQUEST) == "Conquest, Robert. The Great Terror. London: Macmillan, 1968."


def test_book_markup() -> None:
    assert whole(CONQUEST, markup="html") == (
        "Robert Conquest, <i>The Great Terror</i> (London: Macmillan, 1968)."
    )
    assert whole(CONQUEST, markup="markdown") == (
        "Robert Conquest, *The Great Terror* (London: Macmillan, 1968)."
    )
    assert bibliography(CONQUEST, markup="html") == (
        "Conquest, Robert. <i>The Great Terror</i>. London: Macmillan, 1968."
    )


def test_two_authors() -> None:  # note 2
    assert whole(FRIEDRICH) == (
        "Carl Friedrich and Zbigniew Brzezinski, Totalitarian Dictatorship and Autocracy"
        " (Cambridge, MA: Harvard University Press, 1956)."
    )
    assert whole(FRIEDRICH, short=True) == (
        "Friedrich and Brzezinski, Totalitarian Dictatorship and Autocracy."
    )
    assert bibliography(FRIEDRICH) == (
        "Friedrich, Carl, and Zbigniew Brzezinski. Totalitarian Dictatorship and Autocracy."
        " Cambridge, MA: Harvard University Press, 1956."
    )


def test_edited_book_with_chicago_page_range() -> None:  # note 32: "50–2" in the chapter
    citation = cite(GETTY, "50–2")
    assert whole(GETTY, citation) == (
        "J. Arch Getty and Oleg V. Naumov, eds., The Road to Terror: Stalin and the"
        " Self-Destruction of the Bolsheviks (New Haven, CT: Yale University Press, 1999), 50–52."
    )
    assert whole(GETTY, citation, short=True) == "Getty and Naumov, Road to Terror, 50–52."
    assert bibliography(GETTY) == (
        "Getty, J. Arch, and Oleg V. Naumov, eds. The Road to Terror: Stalin and the"
        " Self-Destruction of the Bolsheviks. New Haven, CT: Yale University Press, 1999."
    )


def test_three_editors_serial_comma() -> None:  # note 31
    assert whole(KURILOVA, cite(KURILOVA, "442")) == (
        "I. V. Kurilova, N. N. Mikhailov, and V. P. Naumov, eds., Reabilitatsiia: politicheskie"
        " protsessy 30–50-kh godov (Moscow: Politizdat, 1991), 442."
    )
    assert bibliography(KURILOVA).startswith(
        "Kurilova, I. V., N. N. Mikhailov, and V. P. Naumov, eds. Reabilitatsiia"
    )


def test_five_editors_with_literal_names() -> None:  # note 22
    assert whole(KHLEVNIUK, cite(KHLEVNIUK, "274")) == (
        "O. V. Khlevniuk et al., eds., Stalin i Kaganovich: Perepiska. 1931–1936 gg."
        " (Moscow: ROSSPEN, 2001), 274."
    )
    assert whole(KHLEVNIUK, cite(KHLEVNIUK, "278"), short=True) == (
        "Khlevniuk et al., Stalin i Kaganovich, 278."
    )
    assert bibliography(KHLEVNIUK) == (
        "Khlevniuk, O. V., R. U. Devis (R. W. Davies), L. P. Kosheleva, E. A. Ris (E. A. Rees),"
        " and L. A. Rogovaia, eds. Stalin i Kaganovich: Perepiska. 1931–1936 gg."
        " Moscow: ROSSPEN, 2001."
    )


def test_volume_of_collected_works_without_publication_facts() -> None:  # note 27
    # Volume numbers print in arabic numerals, whatever the chapter used.
    assert (
        whole(STALIN_XI, cite(STALIN_XI, "313–17")) == "I. V. Stalin, Sochineniia, vol. 11, 313–17."
    )
    assert whole(STALIN_XI, cite(STALIN_XI, "313–17"), short=True) == (
        "Stalin, Sochineniia, vol. 11, 313–17."
    )
    assert bibliography(STALIN_XI) == "Stalin, I. V. Sochineniia. Vol. 11."
    assert missing_fields(STALIN_XI) == ["publisher-place", "publisher", "issued"]


def test_chapter_and_document_locators() -> None:  # notes 24 and 46
    assert whole(THURSTON, cite(THURSTON, "1", "chapter")) == (
        "Robert Thurston, Life and Terror in Stalin’s Russia, 1934–1941"
        " (New Haven, CT: Yale University Press, 1996), ch. 1."
    )
    assert whole(NEVEZHIN, cite(NEVEZHIN, "108", "document")) == (
        "Vladimir Nevezhin, Zastol’nye rechi Stalina (Moscow: Airo-XX, 2003), doc. 108."
    )


# ------------------------------------------------- collections, et al.


def test_collection_et_al_full_and_short() -> None:  # notes 19, 33
    assert whole(LUBIANKA, cite(LUBIANKA, "804")) == (
        "V. N. Khaustov et al., eds., Lubianka: Stalin i VChK-GPU-OGPU-NKVD,"
        " ianvar’ 1922–dekabr’ 1936 (Moscow: Materik, 2003), 804."
    )
    assert whole(LUBIANKA, cite(LUBIANKA, "569–71"), short=True) == (
        "Khaustov et al., Lubianka, 569–71."
    )
    assert bibliography(LUBIANKA) == (
        "Khaustov, V. N., et al., eds. Lubianka: Stalin i VChK-GPU-OGPU-NKVD,"
        " ianvar’ 1922–dekabr’ 1936. Moscow: Materik, 2003."
    )
    assert missing_fields(LUBIANKA) == ["names"]


def test_the_editors_note_never_prints() -> None:  # notes 7, 23, 27, 36, 40, 42
    remark = "Cited by journal issue only; taken to be the same publication as note 35."
    citation = cite(LUBIANKA, "599–612, 617–19, 626–50", note=remark)
    assert whole(LUBIANKA, citation, short=True) == (
        "Khaustov et al., Lubianka, 599–612, 617–19, 626–50."
    )
    assert remark not in note(LUBIANKA, citation)
    annotated = LUBIANKA.model_copy(update={"note": "Editor's note: probably another edition."})
    assert "Editor" not in note(annotated) and "Editor" not in bibliography(annotated)


def test_what_the_chapter_prints_about_a_locator_is_part_of_it() -> None:  # note 40
    case = Source(
        id="case-trotskyite-zinovievite-centre",
        type="book",
        title="The Case of the Trotskyite-Zinovievite Terrorist Centre",
        publisher="Peoples’ Commissariat of Justice of the USSR",
        publisher_place="Moscow",
        issued="1936",
    )
    citation = cite(case, "88–92 (V. P. Ol’berg), 75, 103 (N. Lur’e)", note="The editor's remark")
    assert whole(case, citation) == (
        "The Case of the Trotskyite-Zinovievite Terrorist Centre (Moscow: Peoples’ Commissariat"
        " of Justice of the USSR, 1936), 88–92 (V. P. Ol’berg), 75, 103 (N. Lur’e)."
    )


def test_short_title_rule() -> None:
    assert short_title(LUBIANKA) == "Lubianka"  # up to the first colon
    assert short_title(GETTY) == "Road to Terror"  # without the initial article
    assert short_title(MOZOKHIN) == "Iz istorii bor’by"  # title-short wins
    assert short_title(PRAVDA) is None
    with_short = LUBIANKA.model_copy(update={"short_title": "Lubianka: Stalin"})
    assert whole(with_short, cite(with_short, "578–79"), short=True) == (
        "Khaustov et al., Lubianka: Stalin, 578–79."
    )


def test_missing_year_is_left_out() -> None:  # notes 26, 45: no "n.d." for what the chapter omits
    assert whole(REIMAN, cite(REIMAN, "appendices", "appendix")) == (
        "Michal Reiman, The Birth of Stalinism (Bloomington, IN: Indiana University Press),"
        " appendices."
    )
    assert bibliography(REIMAN) == (
        "Reiman, Michal. The Birth of Stalinism. Bloomington, IN: Indiana University Press."
    )
    assert missing_fields(REIMAN) == ["issued"]


def test_missing_publication_facts_are_omitted() -> None:  # note 29
    assert whole(LIH, cite(LIH, "223")) == "Lih et al., eds., Stalin’s Letters to Molotov, 223."
    assert (
        whole(LIH, cite(LIH, "263"), short=True) == "Lih et al., Stalin’s Letters to Molotov, 263."
    )
    assert bibliography(LIH) == "Lih et al., eds. Stalin’s Letters to Molotov."
    assert missing_fields(LIH) == ["publisher-place", "publisher", "issued", "names"]


# ------------------------------------------------- chapters and articles


def test_chapter_in_edited_volume() -> None:  # note 7
    expected = (
        "James Harris, “Stalin as General Secretary: The Appointments Process and the Nature of"
        " Stalin’s Power,” in Stalin: A New History, ed. Sarah Davies and James Harris"
        " (Cambridge: Cambridge University Press, 2005), 63–82."
    )
    assert whole(HARRIS_CHAPTER) == expected
    assert whole(HARRIS_CHAPTER, cite(HARRIS_CHAPTER, "70")) == expected.replace("63–82", "70")
    assert whole(HARRIS_CHAPTER, cite(HARRIS_CHAPTER, "70"), short=True) == (
        "Harris, “Stalin as General Secretary,” 70."
    )
    assert bibliography(HARRIS_CHAPTER) == (
        "Harris, James. “Stalin as General Secretary: The Appointments Process and the Nature of"
        " Stalin’s Power.” In Stalin: A New History, edited by Sarah Davies and James Harris,"
        " 63–82. Cambridge: Cambridge University Press, 2005."
    )
    assert "in <i>Stalin: A New History</i>, ed." in whole(HARRIS_CHAPTER, markup="html")
    assert missing_fields(HARRIS_CHAPTER) == []


def test_subtitle_after_a_comma_and_nested_quotes() -> None:  # note 13
    urals = Source(
        id="harris-resisting-plan-urals",
        type="chapter",
        title="Resisting the Plan in the Urals, 1928–1956,",
        subtitle="Or Why Regional Officials Needed “Wreckers” and “Saboteurs”",
        author=[Name(family="Harris", given="James")],
        container_title="Contending with Stalinism",
        container_editor=[Name(family="Viola", given="Lynne")],
        publisher_place="Ithaca, NY",
        publisher="Cornell University Press",
        issued="2002",
        page="201–27",
    )
    assert whole(urals) == (
        "James Harris, “Resisting the Plan in the Urals, 1928–1956, Or Why Regional Officials"
        " Needed ‘Wreckers’ and ‘Saboteurs,’” in Contending with Stalinism, ed. Lynne Viola"
        " (Ithaca, NY: Cornell University Press, 2002), 201–27."
    )
    assert whole(urals, cite(urals, "210"), short=True) == (
        "Harris, “Resisting the Plan in the Urals, 1928–1956,” 210."
    )
    assert bibliography(urals) == (
        "Harris, James. “Resisting the Plan in the Urals, 1928–1956, Or Why Regional Officials"
        " Needed ‘Wreckers’ and ‘Saboteurs.’” In Contending with Stalinism, edited by Lynne"
        " Viola, 201–27. Ithaca, NY: Cornell University Press, 2002."
    )


def test_document_in_published_collection_keeps_its_author_and_date() -> None:  # note 38
    assert whole(IAGODA_LETTER) == (
        "Iagoda, “O perestroika operativnoi raboty i raboty s kadrami” (letter to regional NKVD"
        " organs, 11 March 1935), in Lubianka: Organy VChK-OGPU-NKVD-NKGB-MGB-MVD-KGB,"
        " ed. A. I. Kokurin and N. V. Petrov (Moscow: Mezhdunarodnyi fond demokratiia, 2003),"
        " 548–52."
    )
    assert bibliography(IAGODA_LETTER) == (
        "Iagoda. “O perestroika operativnoi raboty i raboty s kadrami.” Letter to regional NKVD"
        " organs, 11 March 1935. In Lubianka: Organy VChK-OGPU-NKVD-NKGB-MGB-MVD-KGB, edited by"
        " A. I. Kokurin and N. V. Petrov, 548–52. Moscow: Mezhdunarodnyi fond demokratiia, 2003."
    )
    undated = IAGODA_LETTER.model_copy(update={"genre": None, "event_date": None})
    assert whole(undated).startswith(
        "Iagoda, “O perestroika operativnoi raboty i raboty s kadrami,” in Lubianka"
    )


def test_journal_article() -> None:  # notes 4 and 39
    assert whole(HARRIS_ARTICLE) == (
        "James Harris, “Encircled by Enemies: Stalin’s Perceptions of the Capitalist World,"
        " 1918–1941,” Journal of Strategic Studies 30 (2007): 513–45."
    )
    assert whole(HARRIS_ARTICLE, cite(HARRIS_ARTICLE, "535–8"), short=True) == (
        "Harris, “Encircled by Enemies,” 535–38."
    )
    assert bibliography(HARRIS_ARTICLE) == (
        "Harris, James. “Encircled by Enemies: Stalin’s Perceptions of the Capitalist World,"
        " 1918–1941.” Journal of Strategic Studies 30 (2007): 513–45."
    )
    assert whole(HARRIS_ARTICLE, markup="markdown").endswith(
        "*Journal of Strategic Studies* 30 (2007): 513–45."
    )


def test_journal_issue_with_month_and_nested_quotes() -> None:  # note 24
    assert whole(BENVENUTI) == (
        "Francesco Benvenuti, “The ‘Reform’ of the NKVD, 1934,” Europe-Asia Studies 49, no. 6"
        " (September 1997): 1037–56."
    )
    assert bibliography(BENVENUTI) == (
        "Benvenuti, Francesco. “The ‘Reform’ of the NKVD, 1934.” Europe-Asia Studies 49, no. 6"
        " (September 1997): 1037–56."
    )


def test_punctuation_goes_inside_both_quotes() -> None:  # note 25
    assert whole(MOSKOVSKII_TSENTR) == (
        "“O dele tak nazyvaemogo ‘Moskovskogo tsentra,’” Izvestiia TsK 7 (1989): 69."
    )
    assert bibliography(MOSKOVSKII_TSENTR) == (
        "“O dele tak nazyvaemogo ‘Moskovskogo tsentra.’” Izvestiia TsK 7 (1989): 69."
    )


def test_issue_only_day_date_and_missing_pages() -> None:  # notes 17, 18, 24
    assert whole(MOZOKHIN) == (
        "O. B. Mozokhin, “Iz istorii bor’by organov VChK-OGPU s terrorizmom,”"
        " Voenno-istoricheskii zhurnal, no. 5 (2002)."
    )
    assert whole(MOZOKHIN, cite(MOZOKHIN, "19-20"), short=True) == (
        "Mozokhin, “Iz istorii bor’by,” 19–20."
    )
    assert missing_fields(MOZOKHIN) == ["page"]
    assert whole(MITSKEVICH) == (
        "V. Mitskevich-Kapsukas, “Ekonomicheskii krizis, Pol’sha i limitrofy,”"
        " Bolshevik 13 (15 July 1930): 105–24."
    )


def test_question_mark_replaces_comma_and_period() -> None:
    kirov = Source(
        id="who-killed-kirov",
        type="article-journal",
        title="Who Killed Kirov?",
        author=[Name(family="Doe", given="A.")],
        container_title="Slavic Review",
        volume="1",
        issued="2000",
        page="1–10",
    )
    assert whole(kirov) == "A. Doe, “Who Killed Kirov?” Slavic Review 1 (2000): 1–10."
    assert bibliography(kirov) == "Doe, A. “Who Killed Kirov?” Slavic Review 1 (2000): 1–10."


def test_newspaper_issue() -> None:  # note 27
    assert whole(PRAVDA) == "Pravda, 24 January 1929."
    assert whole(PRAVDA, short=True) == "Pravda, 24 January 1929."
    assert whole(PRAVDA, markup="html") == "<i>Pravda</i>, 24 January 1929."
    assert bibliography(PRAVDA) == "Pravda, 24 January 1929."
    assert missing_fields(PRAVDA) == []


# ---------------------------------------------------------------- archives


def test_archival_reference_long_and_slash() -> None:  # notes 21, 29, 30
    assert archival_reference(RGASPI_185, cite(RGASPI_185, "19", "folio")) == (
        "RGASPI, f. 558, op. 11, d. 185, l. 19"
    )
    assert archival_reference(RGASPI_185, cite(RGASPI_185, "19", "folio"), "slash") == (
        "RGASPI 558/11/185/19"
    )
    assert archival_reference(RGASPI_1114, cite(RGASPI_1114, "49-54", "folio")) == (
        "RGASPI, f. 558, op. 11, d. 1114, ll. 49–54"
    )
    assert archival_reference(RGASPI_1114, cite(RGASPI_1114, "49-54"), "slash") == (
        "RGASPI 558/11/1114/49–54"
    )
    assert archival_reference(RGASPI_185) == "RGASPI, f. 558, op. 11, d. 185"
    assert archival_reference(RGASPI_185, style="slash") == "RGASPI 558/11/185"


def test_archival_sheet_verso_and_errors() -> None:
    assert archival_reference(RGASPI_185, cite(RGASPI_185, "19ob", "folio")).endswith("l. 19ob")
    with pytest.raises(ValueError, match="no archival locator"):
        archival_reference(CONQUEST)


def test_archival_notes_and_bibliography() -> None:  # note 9 names the archive in full
    citation = cite(RGASPI_185, "19", "folio")
    assert whole(RGASPI_185, citation) == (
        f"{RGASPI_NAME} (hereafter RGASPI), Moscow, f. 558, op. 11, d. 185, l. 19."
    )
    assert whole(RGASPI_185, citation, short=True) == "RGASPI, f. 558, op. 11, d. 185, l. 19."
    assert bibliography(RGASPI_185) == f"RGASPI, f. 558, op. 11, d. 185. {RGASPI_NAME}, Moscow."
    assert whole(RGASPI_1114, cite(RGASPI_1114, "49")) == (
        "Stalin’s personal papers, RGASPI, f. 558, op. 11, d. 1114, l. 49."
    )
    assert bibliography(RGASPI_1114) == "Stalin’s personal papers. RGASPI, f. 558, op. 11, d. 1114."
    assert missing_fields(RGASPI_185) == []
    assert missing_fields(Source(id="x", type="manuscript", title="Letter")) == ["archival"]


# ------------------------------------------------------------------ speeches


def test_lecture() -> None:  # note 3
    assert whole(FITZPATRICK) == (
        "Sheila Fitzpatrick, “Ending the Russian Revolution: Reflections on Soviet History and its"
        " Interpreters” (British Academy Elie Kedourie Memorial Lecture, Manchester University,"
        " 7 April 2008)."
    )
    assert whole(FITZPATRICK, short=True) == "Fitzpatrick, “Ending the Russian Revolution.”"
    assert bibliography(FITZPATRICK) == (
        "Fitzpatrick, Sheila. “Ending the Russian Revolution: Reflections on Soviet History and its"
        " Interpreters.” British Academy Elie Kedourie Memorial Lecture, Manchester University,"
        " 7 April 2008."
    )
    assert missing_fields(FITZPATRICK) == []


def test_published_speech_with_delivery_date() -> None:  # note 14
    assert whole(STALIN_REPORT) == (
        "I. V. Stalin, “Politicheskii otchet TsK XVI s’’ezdu VKP(b)” (speech, 27 June 1930),"
        " in Sochineniia, vol. 12 (Moscow: Politizdat, 1952), 247–56."
    )
    assert whole(STALIN_REPORT, cite(STALIN_REPORT, "250"), short=True) == (
        "Stalin, “Politicheskii otchet TsK XVI s’’ezdu VKP(b),” 250."
    )
    assert bibliography(STALIN_REPORT) == (
        "Stalin, I. V. “Politicheskii otchet TsK XVI s’’ezdu VKP(b).” Speech, 27 June 1930."
        " In Sochineniia, vol. 12, 247–56. Moscow: Politizdat, 1952."
    )
    assert missing_fields(STALIN_REPORT) == []
    unplaced = Source(id="s", type="speech", title="Speech", author=[Name(family="Stalin")])
    assert missing_fields(unplaced) == ["event-or-container-title", "event-date-or-issued"]


# ------------------------------------------------------------------ escaping


def test_html_escapes_everything_but_the_italics() -> None:
    book = Source(
        id="x",
        type="book",
        title='Terror & Order: <Stalin> and "the Enemy"',
        author=[Name(family="Doe", given="Jane")],
        publisher="Smith & Sons",
        issued="2000",
    )
    assert whole(book, markup="html") == (
        "Jane Doe, <i>Terror &amp; Order: &lt;Stalin&gt; and &quot;the Enemy&quot;</i>"
        " (Smith &amp; Sons, 2000)."
    )
    article = Source(id="y", type="article-journal", title='Why "Enemies" <Mattered> & How')
    assert whole(article, markup="html") == "“Why ‘Enemies’ &lt;Mattered&gt; &amp; How.”"
    assert whole(book) == (
        'Jane Doe, Terror & Order: <Stalin> and "the Enemy" (Smith & Sons, 2000).'
    )


def test_markdown_escapes_emphasis_characters() -> None:
    book = Source(id="x", type="book", title="*Stars* and_bars")
    assert whole(book, markup="markdown") == r"*\*Stars\* and\_bars*."


# ------------------------------------------------------------------ names


def test_four_or_more_authors_shorten_in_notes_only() -> None:
    names = [Name(family=f"F{i}", given=f"G{i}") for i in range(12)]
    many = Source(id="x", type="book", title="T", author=names[:4], issued="2000")
    assert whole(many) == "G0 F0 et al., T (2000)."
    assert bibliography(many) == "F0, G0, G1 F1, G2 F2, and G3 F3. T. 2000."
    eleven = many.model_copy(update={"author": names[:11]})
    assert bibliography(eleven).startswith(
        "F0, G0, G1 F1, G2 F2, G3 F3, G4 F4, G5 F5, G6 F6, et al."
    )


def test_literal_name_prints_as_is() -> None:
    source = Source(id="x", type="book", title="T", author=[Name(literal="Institute of History")])
    assert whole(source) == "Institute of History, T."
    assert bibliography(source) == "Institute of History. T."


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("raw", "chicago"),
    [
        ("3-10", "3–10"),
        ("71-72", "71–72"),
        ("96-117", "96–117"),
        ("50–2", "50–52"),
        ("100-1", "100–101"),
        ("1100-1113", "1100–1113"),
        ("101-108", "101–8"),
        ("808-833", "808–33"),
        ("1103-1104", "1103–4"),
        ("321-328", "321–28"),
        ("498-532", "498–532"),
        ("1087-1089", "1087–89"),
        ("513-545", "513–45"),
        ("161–2", "161–62"),
        ("11564-11615", "11564–615"),
        ("12991-13001", "12991–3001"),
        ("1496-1504", "1496–1504"),
        ("2787-2816", "2787–2816"),
        ("88–92 (V. P. Ol’berg), 75, 103 (N. Lur’e)", "88–92 (V. P. Ol’berg), 75, 103 (N. Lur’e)"),
        ("appendices", "appendices"),
        ("", ""),
    ],
)
def test_page_range(raw: str, chicago: str) -> None:
    assert page_range(raw) == chicago


@pytest.mark.parametrize(
    ("locator", "label", "text"),
    [
        ("12", "folio", "f. 12"),
        ("12-14", "folio", "ff. 12–14"),
        ("3", "section", "sec. 3"),
        ("B", "appendix", "app. B"),
        ("2, 5", "chapter", "chs. 2, 5"),
        ("ch. 3", "chapter", "ch. 3"),
        ("xiv", "page", "xiv"),
    ],
)
def test_format_locator(locator: str, label: str, text: str) -> None:
    assert format_locator(cite(CONQUEST, locator, label)) == text


# ------------------------------------------------------------------ gaps


@pytest.mark.parametrize(
    "kind",
    [
        "book", "chapter", "article-journal", "article-newspaper",
        "manuscript", "speech", "document", "collection",
    ],
)  # fmt: skip
@pytest.mark.parametrize("markup", ["text", "html", "markdown"])
def test_empty_sources_never_print_none(kind: str, markup: Markup) -> None:
    source = Source.model_validate({"id": "x", "type": kind})
    for text in (
        whole(source, markup=markup),
        whole(source, cite(source, "5"), short=True, markup=markup),
        bibliography(source, markup=markup),
    ):
        assert "None" not in text
        assert "n.d." not in text
        assert "()" not in text


def test_every_chapter_source_renders_in_every_form() -> None:
    for source in ALL:
        for short in (False, True):
            text = whole(source, cite(source, "5"), short=short)
            assert text.endswith(".") and "None" not in text and ",," not in text
        assert bibliography(source).endswith(".")


def test_the_bundled_map_renders() -> None:
    path = Path(__file__).resolve().parent.parent / "arguments" / "harris-stalin" / "sources.yaml"
    if not path.exists():
        pytest.skip("no bundled map")
    for record in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["sources"]:
        source = Source.model_validate(record)
        markups: tuple[Markup, ...] = ("text", "html", "markdown")
        for markup in markups:
            full = whole(source, cite(source, "5"), markup=markup)
            short = whole(source, cite(source, "5"), short=True, markup=markup)
            entry = bibliography(source, markup=markup)
            for text in (full, short, entry):
                assert "None" not in text and "()" not in text and ".." not in text


# ------------------------------------------------------- notes in sequence


def test_one_semicolon_between_citations_and_one_period_at_the_end() -> None:  # note 1
    deutscher = CONQUEST.model_copy(
        update={"id": "deutscher", "title": "Stalin: A Political Biography", "issued": "1949"}
    )
    assert note(CONQUEST) == "Robert Conquest, The Great Terror (London: Macmillan, 1968)"
    text = footnote([(deutscher, cite(deutscher)), (CONQUEST, cite(CONQUEST))])
    assert ".;" not in text and text.count(";") == 1 and text.endswith("1968).")
    # A note ending in a quoted title closes inside the quotation marks.
    assert footnote([(HARRIS_CHAPTER, cite(HARRIS_CHAPTER, short=True))]) == (
        "Harris, “Stalin as General Secretary.”"
    )


def test_short_defaults_to_what_the_chapter_did() -> None:  # notes 16, 39
    assert note(HARRIS_ARTICLE, cite(HARRIS_ARTICLE, "535–8", short=True)) == (
        "Harris, “Encircled by Enemies,” 535–38"
    )
    assert note(HARRIS_ARTICLE, cite(HARRIS_ARTICLE, "535–8", short=True), short=False).startswith(
        "James Harris, “Encircled by Enemies: Stalin’s"
    )


def rgaspi_file(fond: str, delo: str) -> Source:
    archival = Archival(archive="RGASPI", archive_name=RGASPI_NAME, place="Moscow", fond=fond,
                        opis="11", delo=delo)
    return Source(id=f"rgaspi-{fond}-11-{delo}", type="manuscript", archival=archival)


def test_sequence_shortens_later_citations_and_names_the_archive_once() -> None:
    rgaspi_1122 = rgaspi_file("558", "1122")
    sequence = NoteSequence([LUBIANKA, RGASPI_185, rgaspi_1122])
    assert sequence.footnote([(LUBIANKA, cite(LUBIANKA, "804"))]).text.startswith(
        "V. N. Khaustov et al., eds., Lubianka: Stalin"
    )
    # Not marked short, but given in full above: short form (CMOS 14.29).
    assert sequence.footnote([(LUBIANKA, cite(LUBIANKA, "569–71"))]).text == (
        "Khaustov et al., Lubianka, 569–71."
    )
    # The first archival citation names the archive, even when marked short ...
    first = sequence.footnote([(rgaspi_1122, cite(rgaspi_1122, "165", "folio", short=True))])
    assert first.text == f"{RGASPI_NAME} (hereafter RGASPI), Moscow, f. 558, op. 11, d. 1122, l. 165."
    # ... and later ones, of any file, use the abbreviation.
    later = sequence.footnote([(RGASPI_185, cite(RGASPI_185, "19", "folio"))])
    assert later.text == "RGASPI, f. 558, op. 11, d. 185, l. 19."
    assert later.citations == ["RGASPI, f. 558, op. 11, d. 185, l. 19"]


GREGORY = Source(
    id="gregory-behind-the-facade",
    type="book",
    title="Behind the Façade of Stalin’s Command Economy",
    short_title="Behind the Façade",
    editor=[Name(family="Gregory", given="Paul R.")],
    publisher="Hoover Institution Press",
    publisher_place="Stanford, CA",
    issued="2001",
)


def _in_gregory(source_id: str, title: str, family: str, given: str, page: str) -> Source:
    return Source(
        id=source_id,
        type="chapter",
        title=title,
        author=[Name(family=family, given=given)],
        container_title=GREGORY.title,
        container_editor=GREGORY.editor,
        publisher=GREGORY.publisher,
        publisher_place="Stanford",
        issued="2001",
        page=page,
    )


def test_a_part_of_a_volume_given_in_full_cites_the_volume_short() -> None:  # notes 12, 23
    belova = _in_gregory("belova", "Economic Crime and Punishment", "Belova", "Eugenia", "131–58")
    rees = _in_gregory("rees", "Leaders and their Institutions", "Rees", "E. A.", "35–60")
    sequence = NoteSequence([GREGORY, belova, rees])
    assert sequence.footnote([(belova, cite(belova))]).text.startswith(
        "Eugenia Belova, “Economic Crime and Punishment,” in Behind the Façade of Stalin’s"
        " Command Economy, ed. Paul R. Gregory (Stanford: Hoover"
    )
    assert sequence.footnote([(rees, cite(rees, "35–60", short=True))]).text == (
        "E. A. Rees, “Leaders and their Institutions,” in Gregory, Behind the Façade, 35–60."
    )
    # Without the volume given in full before, `short` gives the plain short form.
    alone = NoteSequence([GREGORY, rees])
    assert alone.footnote([(rees, cite(rees, "40", short=True))]).text == (
        "Rees, “Leaders and their Institutions,” 40."
    )


def test_a_source_known_only_by_its_short_title() -> None:  # note 42
    correspondence = Source(
        id="stalin-kaganovich-correspondence",
        type="collection",
        short_title="Stalin-Kaganovich Correspondence",
        note="Editor's note: likely the English edition (Yale University Press, 2003).",
    )
    citation = cite(correspondence, "359–60", short=True)
    assert whole(correspondence, citation, short=True) == "Stalin-Kaganovich Correspondence, 359–60."
    assert whole(correspondence, cite(correspondence, "359–60")) == (
        "Stalin-Kaganovich Correspondence, 359–60."
    )
    assert note(correspondence, citation, markup="html") == (
        "<i>Stalin-Kaganovich Correspondence</i>, 359–60"
    )
    assert bibliography(correspondence) == "Stalin-Kaganovich Correspondence."
    assert missing_fields(correspondence) == [
        "author-or-editor", "title", "publisher-place", "publisher", "issued",
    ]  # fmt: skip


# ------------------------------------------------------------ numbers in titles


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        ("Life and Terror in Stalin’s Russia, 1934-1941", "Life and Terror in Stalin’s Russia, 1934–1941"),
        ("politicheskie protsessy 30-50-kh godov", "politicheskie protsessy 30–50-kh godov"),
        ("Stalin i VChK-GPU-OGPU-NKVD, ianvar’ 1922-dekabr’ 1936",
         "Stalin i VChK-GPU-OGPU-NKVD, ianvar’ 1922–dekabr’ 1936"),
        ("Stalinskoe Politburo v 30-e gody", "Stalinskoe Politburo v 30-e gody"),
        ("Politbiuro TsK RKP(b) – VKP(b) i Komintern", "Politbiuro TsK RKP(b) – VKP(b) i Komintern"),
    ],
)
def test_ranges_in_titles_take_en_dashes(title: str, printed: str) -> None:
    book = Source(id="x", type="book", title=title)
    assert note(book) == printed
    assert bibliography(book) == f"{printed}."


@pytest.mark.parametrize(
    ("volume", "printed"), [("XII", "12"), ("xi", "11"), ("IV", "4"), ("3", "3"), ("2a", "2a")]
)
def test_volume_numbers_are_arabic(volume: str, printed: str) -> None:
    book = Source(id="x", type="book", title="Sochineniia", volume=volume)
    assert note(book) == f"Sochineniia, vol. {printed}"


# ------------------------------------------------------------ bibliography list


def test_bibliography_order_dashes_and_no_newspapers() -> None:
    harris_ed = Source(
        id="harris-anatomy",
        type="book",
        title="The Anatomy of Terror: Political Violence under Stalin",
        editor=[Name(family="Harris", given="James")],
        issued="2013",
    )
    van_ree = Source(id="van-ree", type="book", title="The Political Thought of Joseph Stalin",
                     author=[Name(family="van Ree", given="Erik")], issued="2002")
    viola = Source(id="viola", type="book", title="Peasant Rebels under Stalin",
                   author=[Name(family="Viola", given="Lynne")], issued="1999")
    getty_alone = Source(id="getty", type="book", title="Origins of the Great Purges",
                         author=[Name(family="Getty", given="J. Arch")], issued="1985")
    case = Source(id="case", type="book", title="The Case of the Trotskyite-Zinovievite Terrorist Centre")
    entries = bibliography_entries(
        [HARRIS_CHAPTER, PRAVDA, viola, MOSKOVSKII_TSENTR, van_ree, GETTY, HARRIS_ARTICLE,
         harris_ed, case, getty_alone, RGASPI_1114, CONQUEST, REIMAN]
    )  # fmt: skip
    assert [entry.split(".")[0] for entry in entries] == [
        "The Case of the Trotskyite-Zinovievite Terrorist Centre",  # filed under C
        "Conquest, Robert",
        "Getty, J",  # alone before "Getty and Naumov" (CMOS 14.70)
        "Getty, J",
        "Harris, James, ed",  # Anatomy, Encircled, Stalin: by title, ignoring "The"
        "———",
        "———",
        "“O dele tak nazyvaemogo ‘Moskovskogo tsentra",  # filed under O
        "Reiman, Michal",
        "Stalin’s personal papers",
        "van Ree, Erik",  # case-insensitive: before Viola
        "Viola, Lynne",
    ]
    assert entries[5].startswith("———. “Encircled by Enemies")
    assert entries[3].startswith("Getty, J. Arch, and Oleg V. Naumov, eds.")
    assert not any("Pravda" in entry for entry in entries)
    assert bibliography(PRAVDA) == "Pravda, 24 January 1929."  # a single entry still formats


def test_repeated_editor_takes_the_dash_with_ed() -> None:
    first = Source(id="a", type="book", title="Alpha", author=[Name(family="Harris", given="James")])
    edited = Source(id="b", type="book", title="Beta", editor=[Name(family="Harris", given="James")])
    assert bibliography_entries([edited, first], markup="html") == [
        "Harris, James. <i>Alpha</i>.",
        "———, ed. <i>Beta</i>.",
    ]


def test_archival_files_sort_by_number() -> None:
    files = [rgaspi_file(fond, delo) for fond, delo in [("558", "1122"), ("84", "135"), ("558", "185"), ("558", "1114")]]
    assert [e.split(".")[0:4] for e in bibliography_entries(files)] == [
        ["RGASPI, f", " 84, op", " 11, d", " 135"],
        ["RGASPI, f", " 558, op", " 11, d", " 185"],
        ["RGASPI, f", " 558, op", " 11, d", " 1114"],
        ["RGASPI, f", " 558, op", " 11, d", " 1122"],
    ]


# ------------------------------------------------------------ the bundled map
# The chapter's 47 notes as argmap prints them, read as a copy-editor would.

BUNDLED = Path(__file__).resolve().parent.parent / "arguments"


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    if not (BUNDLED / "harris-stalin" / "footnotes.yaml").exists():
        pytest.skip("no bundled map")
    return load_corpus(str(BUNDLED))


@pytest.fixture(scope="module")
def printed(bundled: Corpus) -> dict[int, str]:
    return {n.number: text.text for n, text in formatted_footnotes(bundled)}


EXPECTED_NOTES = {
    1: "Isaac Deutscher, Stalin: A Political Biography (London: Oxford University Press, 1949);"
    " Robert Conquest, The Great Terror (London: Macmillan, 1968); Donald Rayfield, Stalin and"
    " his Hangmen (London: Viking, 2004).",
    9: f"{RGASPI_NAME} (hereafter RGASPI), Moscow, f. 558, op. 11, d. 1122, l. 165.",
    14: "I. V. Stalin, “Politicheskii otchet TsK XVI s’’ezdu VKP(b)” (speech, 27 June 1930), in"
    " Sochineniia, vol. 12 (Moscow: Politizdat, 1952), 247–56.",
    16: "Adibekov et al., Politbiuro TsK RKP(b) – VKP(b) i Komintern, 604–5.",
    21: "RGASPI, f. 558, op. 11, d. 185, l. 19.",
    23: "E. A. Rees, “Leaders and their Institutions,” in Gregory, Behind the Façade, 35–60;"
    " O. V. Khlevniuk et al., eds., Stalinskoe Politburo v 30-e gody (Moscow: AIRO-XX, 1995).",
    24: "Mozokhin, “Iz istorii bor’by,” 19–20; Robert Thurston, Life and Terror in Stalin’s Russia,"
    " 1934–1941 (New Haven, CT: Yale University Press, 1996), ch. 1; Francesco Benvenuti,"
    " “The ‘Reform’ of the NKVD, 1934,” Europe-Asia Studies 49, no. 6 (September 1997): 1037–56.",
    26: "Michal Reiman, The Birth of Stalinism (Bloomington, IN: Indiana University Press),"
    " appendices.",
    27: "Stalin, Sochineniia, vol. 11, 313–17; Pravda, 24 January 1929; Tucker, Stalin in Power, 126.",
    28: "RGASPI, f. 84, op. 1, d. 135, ll. 3–51.",
    29: "RGASPI, f. 558, op. 11, d. 1114, ll. 49–54; Lih et al., eds., Stalin’s Letters to Molotov,"
    " 223, 263.",
    30: "RGASPI, f. 558, op. 11, d. 1114, l. 49.",
    33: "Khaustov et al., Lubianka: Stalin, 569–71.",
    34: "Khaustov et al., Lubianka: Stalin, 578–79.",
    36: "“O dele ‘Leningradskoi zinov’evskoi gruppy,’” 42–43.",
    37: "Khaustov et al., Lubianka: Stalin, 599–612, 617–19, 626–50.",
    38: "Iagoda, “O perestroika operativnoi raboty i raboty s kadrami” (letter to regional NKVD"
    " organs, 11 March 1935), in Lubianka: Organy VChK-OGPU-NKVD-NKGB-MGB-MVD-KGB, ed. A. I."
    " Kokurin and N. V. Petrov (Moscow: Mezhdunarodnyi fond demokratiia, 2003), 548–52.",
    39: "Harris, “Encircled by Enemies,” 535–38.",
    40: "The Case of the Trotskyite-Zinovievite Terrorist Centre (Moscow: Peoples’ Commissariat of"
    " Justice of the USSR, 1936), 88–92 (V. P. Ol’berg), 75, 103 (N. Lur’e).",
    42: "Stalin-Kaganovich Correspondence, 359–60.",
    45: "Jeffrey W. Jones, “Every Family has its Freak: Perceptions of Collaboration in Occupied"
    " Soviet Russia, 1943–1948,” Slavic Review 64 (2005): 747–70; Kees Boterbloem, Life and Death"
    " under Stalin (Montreal: McGill-Queen’s University Press), 48, 58.",
}


@pytest.mark.parametrize("number", sorted(EXPECTED_NOTES))
def test_bundled_note(printed: dict[int, str], number: int) -> None:
    assert printed[number] == EXPECTED_NOTES[number]


def test_all_47_notes_read_cleanly(bundled: Corpus, printed: dict[int, str]) -> None:
    assert sorted(printed) == list(range(1, 48))
    everything = "\n".join(printed.values())
    assert everything.count("(hereafter RGASPI)") == 1
    for number, text in printed.items():
        assert text.endswith(".") and ".;" not in text and ".." not in text, number
        assert "n.d." not in text and "None" not in text and "()" not in text, number
        assert not re.search(r"vol\. [IVXLC]+\b", text), number
        assert not re.search(r"\d-\d", text), number  # ranges take en dashes
    for footnote_ in bundled.footnotes.values():
        for citation in footnote_.citations:
            if citation.note:  # the editor's remarks never print
                assert citation.note not in printed[footnote_.number]


def test_note_42_is_its_own_incomplete_source(bundled: Corpus) -> None:
    from argmap.stats import corpus_stats

    (citation,) = bundled.footnotes["n42"].citations
    assert citation.source == "stalin-kaganovich-correspondence" and citation.short
    source = bundled.sources[citation.source]
    assert source.title is None and source.short_title == "Stalin-Kaganovich Correspondence"
    assert source.note and "Yale University Press, 2003" in source.note  # the editor's, unprinted
    assert (source.publisher, source.issued, source.editor) == (None, None, [])
    assert "title" in corpus_stats(bundled)["incomplete_sources"][source.id]
    russian = bundled.sources["khlevniuk-stalin-i-kaganovich"]
    assert russian.short_title is None and russian.publisher == "ROSSPEN"


def test_listing_keeps_the_editors_remarks_apart(bundled: Corpus) -> None:
    listing = {n["number"]: n for n in footnote_listing(bundled)}
    assert listing[42]["text"] == EXPECTED_NOTES[42]
    assert listing[42]["citations"][0]["note"] == "Stalin-Kaganovich Correspondence, 359–60"
    assert listing[42]["editor_notes"][0]["source"] == "stalin-kaganovich-correspondence"
    text = format_footnotes(bundled)
    assert "\n    editor: Cited only by the English short title" in text


def test_bundled_bibliography(bundled: Corpus) -> None:
    entries = format_bibliography(bundled).splitlines()
    assert len(entries) == len(cited_source_ids(bundled)) - 1  # Pravda is cited in a note only
    assert not any(e.startswith("Pravda") for e in entries)
    firsts = [e.split(",")[0].split(".")[0] for e in entries]
    assert firsts.index("Boterbloem") < firsts.index("The Case of the Trotskyite-Zinovievite Terrorist Centre") < firsts.index("Chuev")
    assert firsts.index("van Ree") < firsts.index("Viola")
    assert firsts.index("Stalin") < firsts.index("Stalin-Kaganovich Correspondence")
    assert "———. Stalin’s Peasants: Resistance" in "\n".join(entries)
    assert "n.d." not in "\n".join(entries)
    assert "Sochineniia. Vol. 11." in "\n".join(entries)


EDITORIAL = """\
sources:
  - {id: ed-book, type: book, title: The Editor's Book, editorial: true, issued: "2010",
     author: [{family: Zed, given: Ann}]}
"""


def test_sources_lists_the_chapters_and_all_adds_the_editors(
    cli: Callable[..., subprocess.CompletedProcess[str]], corpus_dir: Callable[..., Path]
) -> None:
    folder = corpus_dir({"editorial.yaml": EDITORIAL})
    plain = cli("--corpus", str(folder), "sources")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout == "Doe, Jane. A Book. X: P, 1999.\n"
    every = cli("--corpus", str(folder), "sources", "--all")
    assert every.stdout.splitlines() == [
        "Bibliography", "", "Doe, Jane. A Book. X: P, 1999.", "",
        "Added by the map's editor (not cited in the text)", "", "Zed, Ann. The Editor's Book. 2010.",
    ]  # fmt: skip
    csl = json.loads(cli("--corpus", str(folder), "sources", "--csl").stdout)
    assert [item["id"] for item in csl] == ["src-a"]
    csl_all = json.loads(cli("--corpus", str(folder), "sources", "--csl", "--all").stdout)
    assert [item["id"] for item in csl_all] == ["src-a", "ed-book"]


@pytest.mark.parametrize("folder", [BUNDLED, BUNDLED.parent / "tests" / "data" / "coldwar"])
def test_notes_written_alone_read_as_in_the_whole_list(folder: Path) -> None:
    """A trace formats only its own notes; the others are read, not written, and each
    note still comes out exactly as in the full list (short forms, 'hereafter')."""
    from argmap.citations.notes import formatted_footnotes
    from argmap.core.loader import load_corpus

    corpus = load_corpus(folder)
    whole = {note.id: text for note, text in formatted_footnotes(corpus)}
    for note_id, text in whole.items():
        alone = formatted_footnotes(corpus, only={note_id})
        assert [(n.id, t) for n, t in alone] == [(note_id, text)]
    picked = set(list(whole)[5::7])
    assert {n.id: t for n, t in formatted_footnotes(corpus, only=picked)} == \
        {k: v for k, v in whole.items() if k in picked}
