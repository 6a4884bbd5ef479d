"""Chicago notes and bibliography, checked against the chapter's own notes.

Every expected string below was written by hand from the note in the chapter
(Harris, 'Stalin and Stalinism', notes 1-46) restyled to CMOS 17: curly double
quotes with the comma inside, colon before journal pages, CMOS 9.61 page
ranges, day-month-year dates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from argmap.chicago import (
    Markup,
    archival_reference,
    bibliography,
    format_locator,
    missing_fields,
    note,
    page_range,
    short_title,
)
from argmap.model import Archival, Citation, Name, Source

RGASPI_NAME = "Rossiiskii Gosudarstvennyi Arkhiv Sotsial’no-Politicheskoi Istorii"


def cite(source: Source, locator: str | None = None, label: str = "page", **kw: str) -> Citation:
    return Citation.model_validate({"source": source.id, "locator": locator, "label": label, **kw})


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
    short_title="Stalin-Kaganovich Correspondence",
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
    assert note(CONQUEST) == "Robert Conquest, The Great Terror (London: Macmillan, 1968)."
    assert note(CONQUEST, cite(CONQUEST, "45"), short=True) == "Conquest, Great Terror, 45."
    assert bibliography(CONQUEST) == "Conquest, Robert. The Great Terror. London: Macmillan, 1968."


def test_book_markup() -> None:
    assert note(CONQUEST, markup="html") == (
        "Robert Conquest, <i>The Great Terror</i> (London: Macmillan, 1968)."
    )
    assert note(CONQUEST, markup="markdown") == (
        "Robert Conquest, *The Great Terror* (London: Macmillan, 1968)."
    )
    assert bibliography(CONQUEST, markup="html") == (
        "Conquest, Robert. <i>The Great Terror</i>. London: Macmillan, 1968."
    )


def test_two_authors() -> None:  # note 2
    assert note(FRIEDRICH) == (
        "Carl Friedrich and Zbigniew Brzezinski, Totalitarian Dictatorship and Autocracy"
        " (Cambridge, MA: Harvard University Press, 1956)."
    )
    assert note(FRIEDRICH, short=True) == (
        "Friedrich and Brzezinski, Totalitarian Dictatorship and Autocracy."
    )
    assert bibliography(FRIEDRICH) == (
        "Friedrich, Carl, and Zbigniew Brzezinski. Totalitarian Dictatorship and Autocracy."
        " Cambridge, MA: Harvard University Press, 1956."
    )


def test_edited_book_with_chicago_page_range() -> None:  # note 32: "50–2" in the chapter
    citation = cite(GETTY, "50–2")
    assert note(GETTY, citation) == (
        "J. Arch Getty and Oleg V. Naumov, eds., The Road to Terror: Stalin and the"
        " Self-Destruction of the Bolsheviks (New Haven, CT: Yale University Press, 1999), 50–52."
    )
    assert note(GETTY, citation, short=True) == "Getty and Naumov, Road to Terror, 50–52."
    assert bibliography(GETTY) == (
        "Getty, J. Arch, and Oleg V. Naumov, eds. The Road to Terror: Stalin and the"
        " Self-Destruction of the Bolsheviks. New Haven, CT: Yale University Press, 1999."
    )


def test_three_editors_serial_comma() -> None:  # note 31
    assert note(KURILOVA, cite(KURILOVA, "442")) == (
        "I. V. Kurilova, N. N. Mikhailov, and V. P. Naumov, eds., Reabilitatsiia: politicheskie"
        " protsessy 30-50-kh godov (Moscow: Politizdat, 1991), 442."
    )
    assert bibliography(KURILOVA).startswith(
        "Kurilova, I. V., N. N. Mikhailov, and V. P. Naumov, eds. Reabilitatsiia"
    )


def test_five_editors_with_literal_names() -> None:  # notes 22 and 42
    assert note(KHLEVNIUK, cite(KHLEVNIUK, "274")) == (
        "O. V. Khlevniuk et al., eds., Stalin i Kaganovich: Perepiska. 1931–1936 gg."
        " (Moscow: ROSSPEN, 2001), 274."
    )
    assert note(KHLEVNIUK, cite(KHLEVNIUK, "359–60"), short=True) == (
        "Khlevniuk et al., Stalin-Kaganovich Correspondence, 359–60."
    )
    assert bibliography(KHLEVNIUK) == (
        "Khlevniuk, O. V., R. U. Devis (R. W. Davies), L. P. Kosheleva, E. A. Ris (E. A. Rees),"
        " and L. A. Rogovaia, eds. Stalin i Kaganovich: Perepiska. 1931–1936 gg."
        " Moscow: ROSSPEN, 2001."
    )


def test_volume_of_collected_works_without_publication_facts() -> None:  # note 27
    assert (
        note(STALIN_XI, cite(STALIN_XI, "313–17")) == "I. V. Stalin, Sochineniia, vol. XI, 313–17."
    )
    assert note(STALIN_XI, cite(STALIN_XI, "313–17"), short=True) == (
        "Stalin, Sochineniia, vol. XI, 313–17."
    )
    assert bibliography(STALIN_XI) == "Stalin, I. V. Sochineniia. Vol. XI."
    assert missing_fields(STALIN_XI) == ["publisher-place", "publisher", "issued"]


def test_chapter_and_document_locators() -> None:  # notes 24 and 46
    assert note(THURSTON, cite(THURSTON, "1", "chapter")) == (
        "Robert Thurston, Life and Terror in Stalin’s Russia, 1934-1941"
        " (New Haven, CT: Yale University Press, 1996), ch. 1."
    )
    assert note(NEVEZHIN, cite(NEVEZHIN, "108", "document")) == (
        "Vladimir Nevezhin, Zastol’nye rechi Stalina (Moscow: Airo-XX, 2003), doc. 108."
    )


# ------------------------------------------------- collections, et al.


def test_collection_et_al_full_and_short() -> None:  # notes 19, 33
    assert note(LUBIANKA, cite(LUBIANKA, "804")) == (
        "V. N. Khaustov et al., eds., Lubianka: Stalin i VChK-GPU-OGPU-NKVD,"
        " ianvar’ 1922-dekabr’ 1936 (Moscow: Materik, 2003), 804."
    )
    assert note(LUBIANKA, cite(LUBIANKA, "569–71"), short=True) == (
        "Khaustov et al., Lubianka, 569–71."
    )
    assert bibliography(LUBIANKA) == (
        "Khaustov, V. N., et al., eds. Lubianka: Stalin i VChK-GPU-OGPU-NKVD,"
        " ianvar’ 1922-dekabr’ 1936. Moscow: Materik, 2003."
    )
    assert missing_fields(LUBIANKA) == ["names"]


def test_citation_note_follows_as_a_sentence() -> None:  # note 37
    citation = cite(LUBIANKA, "599–612, 617–19, 626–50", note="Kamenev denied any involvement")
    assert note(LUBIANKA, citation, short=True) == (
        "Khaustov et al., Lubianka, 599–612, 617–19, 626–50. Kamenev denied any involvement."
    )


def test_short_title_rule() -> None:
    assert short_title(LUBIANKA) == "Lubianka"  # up to the first colon
    assert short_title(GETTY) == "Road to Terror"  # without the initial article
    assert short_title(KHLEVNIUK) == "Stalin-Kaganovich Correspondence"  # title-short wins
    assert short_title(PRAVDA) is None
    with_short = LUBIANKA.model_copy(update={"short_title": "Lubianka: Stalin"})
    assert note(with_short, cite(with_short, "578–79"), short=True) == (
        "Khaustov et al., Lubianka: Stalin, 578–79."
    )


def test_missing_year_prints_nd() -> None:  # note 26
    assert note(REIMAN, cite(REIMAN, "appendices", "appendix")) == (
        "Michal Reiman, The Birth of Stalinism (Bloomington, IN: Indiana University Press, n.d.),"
        " appendices."
    )
    assert bibliography(REIMAN) == (
        "Reiman, Michal. The Birth of Stalinism. Bloomington, IN: Indiana University Press, n.d."
    )
    assert missing_fields(REIMAN) == ["issued"]


def test_missing_publication_facts_are_omitted() -> None:  # note 29
    assert note(LIH, cite(LIH, "223")) == "Lih et al., eds., Stalin’s Letters to Molotov, 223."
    assert (
        note(LIH, cite(LIH, "263"), short=True) == "Lih et al., Stalin’s Letters to Molotov, 263."
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
    assert note(HARRIS_CHAPTER) == expected
    assert note(HARRIS_CHAPTER, cite(HARRIS_CHAPTER, "70")) == expected.replace("63–82", "70")
    assert note(HARRIS_CHAPTER, cite(HARRIS_CHAPTER, "70"), short=True) == (
        "Harris, “Stalin as General Secretary,” 70."
    )
    assert bibliography(HARRIS_CHAPTER) == (
        "Harris, James. “Stalin as General Secretary: The Appointments Process and the Nature of"
        " Stalin’s Power.” In Stalin: A New History, edited by Sarah Davies and James Harris,"
        " 63–82. Cambridge: Cambridge University Press, 2005."
    )
    assert "in <i>Stalin: A New History</i>, ed." in note(HARRIS_CHAPTER, markup="html")
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
    assert note(urals) == (
        "James Harris, “Resisting the Plan in the Urals, 1928–1956, Or Why Regional Officials"
        " Needed ‘Wreckers’ and ‘Saboteurs,’” in Contending with Stalinism, ed. Lynne Viola"
        " (Ithaca, NY: Cornell University Press, 2002), 201–27."
    )
    assert note(urals, cite(urals, "210"), short=True) == (
        "Harris, “Resisting the Plan in the Urals, 1928–1956,” 210."
    )
    assert bibliography(urals) == (
        "Harris, James. “Resisting the Plan in the Urals, 1928–1956, Or Why Regional Officials"
        " Needed ‘Wreckers’ and ‘Saboteurs.’” In Contending with Stalinism, edited by Lynne"
        " Viola, 201–27. Ithaca, NY: Cornell University Press, 2002."
    )


def test_document_in_published_collection() -> None:  # note 38
    assert note(IAGODA_LETTER) == (
        "Iagoda, “O perestroika operativnoi raboty i raboty s kadrami,” in Lubianka: Organy"
        " VChK-OGPU-NKVD-NKGB-MGB-MVD-KGB, ed. A. I. Kokurin and N. V. Petrov"
        " (Moscow: Mezhdunarodnyi fond demokratiia, 2003), 548–52."
    )


def test_journal_article() -> None:  # notes 4 and 39
    assert note(HARRIS_ARTICLE) == (
        "James Harris, “Encircled by Enemies: Stalin’s Perceptions of the Capitalist World,"
        " 1918–1941,” Journal of Strategic Studies 30 (2007): 513–45."
    )
    assert note(HARRIS_ARTICLE, cite(HARRIS_ARTICLE, "535–8"), short=True) == (
        "Harris, “Encircled by Enemies,” 535–38."
    )
    assert bibliography(HARRIS_ARTICLE) == (
        "Harris, James. “Encircled by Enemies: Stalin’s Perceptions of the Capitalist World,"
        " 1918–1941.” Journal of Strategic Studies 30 (2007): 513–45."
    )
    assert note(HARRIS_ARTICLE, markup="markdown").endswith(
        "*Journal of Strategic Studies* 30 (2007): 513–45."
    )


def test_journal_issue_with_month_and_nested_quotes() -> None:  # note 24
    assert note(BENVENUTI) == (
        "Francesco Benvenuti, “The ‘Reform’ of the NKVD, 1934,” Europe-Asia Studies 49, no. 6"
        " (September 1997): 1037–56."
    )
    assert bibliography(BENVENUTI) == (
        "Benvenuti, Francesco. “The ‘Reform’ of the NKVD, 1934.” Europe-Asia Studies 49, no. 6"
        " (September 1997): 1037–56."
    )


def test_punctuation_goes_inside_both_quotes() -> None:  # note 25
    assert note(MOSKOVSKII_TSENTR) == (
        "“O dele tak nazyvaemogo ‘Moskovskogo tsentra,’” Izvestiia TsK 7 (1989): 69."
    )
    assert bibliography(MOSKOVSKII_TSENTR) == (
        "“O dele tak nazyvaemogo ‘Moskovskogo tsentra.’” Izvestiia TsK 7 (1989): 69."
    )


def test_issue_only_day_date_and_missing_pages() -> None:  # notes 17, 18, 24
    assert note(MOZOKHIN) == (
        "O. B. Mozokhin, “Iz istorii bor’by organov VChK-OGPU s terrorizmom,”"
        " Voenno-istoricheskii zhurnal, no. 5 (2002)."
    )
    assert note(MOZOKHIN, cite(MOZOKHIN, "19-20"), short=True) == (
        "Mozokhin, “Iz istorii bor’by,” 19–20."
    )
    assert missing_fields(MOZOKHIN) == ["page"]
    assert note(MITSKEVICH) == (
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
    assert note(kirov) == "A. Doe, “Who Killed Kirov?” Slavic Review 1 (2000): 1–10."
    assert bibliography(kirov) == "Doe, A. “Who Killed Kirov?” Slavic Review 1 (2000): 1–10."


def test_newspaper_issue() -> None:  # note 27
    assert note(PRAVDA) == "Pravda, 24 January 1929."
    assert note(PRAVDA, short=True) == "Pravda, 24 January 1929."
    assert note(PRAVDA, markup="html") == "<i>Pravda</i>, 24 January 1929."
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
    assert note(RGASPI_185, citation) == (
        f"{RGASPI_NAME} (hereafter RGASPI), Moscow, f. 558, op. 11, d. 185, l. 19."
    )
    assert note(RGASPI_185, citation, short=True) == "RGASPI, f. 558, op. 11, d. 185, l. 19."
    assert bibliography(RGASPI_185) == f"RGASPI, f. 558, op. 11, d. 185. {RGASPI_NAME}, Moscow."
    assert note(RGASPI_1114, cite(RGASPI_1114, "49")) == (
        "Stalin’s personal papers, RGASPI, f. 558, op. 11, d. 1114, l. 49."
    )
    assert bibliography(RGASPI_1114) == "Stalin’s personal papers. RGASPI, f. 558, op. 11, d. 1114."
    assert missing_fields(RGASPI_185) == []
    assert missing_fields(Source(id="x", type="manuscript", title="Letter")) == ["archival"]


# ------------------------------------------------------------------ speeches


def test_lecture() -> None:  # note 3
    assert note(FITZPATRICK) == (
        "Sheila Fitzpatrick, “Ending the Russian Revolution: Reflections on Soviet History and its"
        " Interpreters” (British Academy Elie Kedourie Memorial Lecture, Manchester University,"
        " 7 April 2008)."
    )
    assert note(FITZPATRICK, short=True) == "Fitzpatrick, “Ending the Russian Revolution.”"
    assert bibliography(FITZPATRICK) == (
        "Fitzpatrick, Sheila. “Ending the Russian Revolution: Reflections on Soviet History and its"
        " Interpreters.” British Academy Elie Kedourie Memorial Lecture, Manchester University,"
        " 7 April 2008."
    )
    assert missing_fields(FITZPATRICK) == []


def test_published_speech_with_delivery_date() -> None:  # note 14
    assert note(STALIN_REPORT) == (
        "I. V. Stalin, “Politicheskii otchet TsK XVI s’’ezdu VKP(b)” (speech, 27 June 1930),"
        " in Sochineniia, vol. XII (Moscow: Politizdat, 1952), 247–56."
    )
    assert note(STALIN_REPORT, cite(STALIN_REPORT, "250"), short=True) == (
        "Stalin, “Politicheskii otchet TsK XVI s’’ezdu VKP(b),” 250."
    )
    assert bibliography(STALIN_REPORT) == (
        "Stalin, I. V. “Politicheskii otchet TsK XVI s’’ezdu VKP(b).” Speech, 27 June 1930."
        " In Sochineniia, vol. XII, 247–56. Moscow: Politizdat, 1952."
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
    assert note(book, markup="html") == (
        "Jane Doe, <i>Terror &amp; Order: &lt;Stalin&gt; and &quot;the Enemy&quot;</i>"
        " (Smith &amp; Sons, 2000)."
    )
    article = Source(id="y", type="article-journal", title='Why "Enemies" <Mattered> & How')
    assert note(article, markup="html") == "“Why ‘Enemies’ &lt;Mattered&gt; &amp; How.”"
    assert note(book) == (
        'Jane Doe, Terror & Order: <Stalin> and "the Enemy" (Smith & Sons, 2000).'
    )


def test_markdown_escapes_emphasis_characters() -> None:
    book = Source(id="x", type="book", title="*Stars* and_bars")
    assert note(book, markup="markdown") == r"*\*Stars\* and\_bars*."


# ------------------------------------------------------------------ names


def test_four_or_more_authors_shorten_in_notes_only() -> None:
    names = [Name(family=f"F{i}", given=f"G{i}") for i in range(12)]
    many = Source(id="x", type="book", title="T", author=names[:4], issued="2000")
    assert note(many) == "G0 F0 et al., T (2000)."
    assert bibliography(many) == "F0, G0, G1 F1, G2 F2, and G3 F3. T. 2000."
    eleven = many.model_copy(update={"author": names[:11]})
    assert bibliography(eleven).startswith(
        "F0, G0, G1 F1, G2 F2, G3 F3, G4 F4, G5 F5, G6 F6, et al."
    )


def test_literal_name_prints_as_is() -> None:
    source = Source(id="x", type="book", title="T", author=[Name(literal="Institute of History")])
    assert note(source) == "Institute of History, T."
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
        note(source, markup=markup),
        note(source, cite(source, "5"), short=True, markup=markup),
        bibliography(source, markup=markup),
    ):
        assert "None" not in text
        assert "n.d." not in text
        assert "()" not in text


def test_every_chapter_source_renders_in_every_form() -> None:
    for source in ALL:
        for short in (False, True):
            text = note(source, cite(source, "5"), short=short)
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
            full = note(source, cite(source, "5"), markup=markup)
            short = note(source, cite(source, "5"), short=True, markup=markup)
            entry = bibliography(source, markup=markup)
            for text in (full, short, entry):
                assert "None" not in text and "()" not in text and ".." not in text
