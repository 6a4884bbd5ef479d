"""CSL-JSON export and import: valid items, exact date-parts, lossless round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.csl import CSL_TYPES, ET_AL_NOTE, csl_type, from_csl, to_csl, to_csl_list
from argmap.model import Source

MAP_SOURCES = Path(__file__).resolve().parent.parent / "arguments" / "harris-stalin" / "sources.yaml"
RGASPI_NAME = "Rossiiskii Gosudarstvennyi Arkhiv Sotsial’no-Politicheskoi Istorii"

# Sources from the chapter's notes, written as the map's YAML writes them.
RECORDS: list[dict[str, Any]] = [
    {
        "id": "conquest-great-terror",
        "type": "book",
        "title": "The Great Terror",
        "author": [{"family": "Conquest", "given": "Robert"}],
        "publisher-place": "London",
        "publisher": "Macmillan",
        "issued": "1968",
    },
    {
        "id": "getty-naumov-road-to-terror",
        "type": "book",
        "title": "The Road to Terror: Stalin and the Self-Destruction of the Bolsheviks",
        "editor": [
            {"family": "Getty", "given": "J. Arch"},
            {"family": "Naumov", "given": "Oleg V."},
        ],
        "publisher-place": "New Haven, CT",
        "publisher": "Yale University Press",
        "issued": "1999",
    },
    {
        "id": "harris-general-secretary",
        "type": "chapter",
        "title": "Stalin as General Secretary",
        "subtitle": "The Appointments Process and the Nature of Stalin’s Power",
        "author": [{"family": "Harris", "given": "James"}],
        "container-title": "Stalin: A New History",
        "container-editor": [
            {"family": "Davies", "given": "Sarah"},
            {"family": "Harris", "given": "James"},
        ],
        "publisher-place": "Cambridge",
        "publisher": "Cambridge University Press",
        "issued": "2005",
        "page": "63–82",
    },
    {
        "id": "benvenuti-reform-nkvd",
        "type": "article-journal",
        "title": "The “Reform” of the NKVD, 1934",
        "author": [{"family": "Benvenuti", "given": "Francesco"}],
        "container-title": "Europe-Asia Studies",
        "volume": "49",
        "issue": "6",
        "issued": "1997-09",
        "page": "1037–56",
    },
    {
        "id": "pravda-1929-01-24",
        "type": "article-newspaper",
        "container-title": "Pravda",
        "issued": "1929-01-24",
    },
    {
        "id": "rgaspi-558-11-185",
        "type": "manuscript",
        "title": "Stalin’s personal papers",
        "archival": {
            "archive": "RGASPI",
            "archive_name": RGASPI_NAME,
            "place": "Moscow",
            "fond": "558",
            "opis": "11",
            "delo": "185",
        },
    },
    {
        "id": "fitzpatrick-ending-revolution",
        "type": "speech",
        "title": ("Ending the Russian Revolution: Reflections on Soviet History and its Interpreters"),
        "author": [{"family": "Fitzpatrick", "given": "Sheila"}],
        "genre": "lecture",
        "event": "British Academy Elie Kedourie Memorial Lecture",
        "event-place": "Manchester University",
        "event-date": "2008-04-07",
    },
    {
        "id": "stalin-politicheskii-otchet",
        "type": "speech",
        "title": "Politicheskii otchet TsK XVI s’’ezdu VKP(b)",
        "author": [{"family": "Stalin", "given": "I. V."}],
        "event-date": "1930-06-27",
        "container-title": "Sochineniia",
        "volume": "XII",
        "publisher-place": "Moscow",
        "publisher": "Politizdat",
        "issued": "1952",
        "page": "247–56",
        "note": "He delivered the speech on 27 June 1930.",
    },
    {
        "id": "khaustov-lubianka",
        "type": "collection",
        "title": "Lubianka: Stalin i VChK-GPU-OGPU-NKVD, ianvar’ 1922-dekabr’ 1936",
        "title-short": "Lubianka: Stalin",
        "editor": [{"family": "Khaustov", "given": "V. N."}],
        "names_abbreviated": True,
        "publisher-place": "Moscow",
        "publisher": "Materik",
        "issued": "2003",
    },
    {
        "id": "khlevniuk-stalin-i-kaganovich",
        "type": "collection",
        "title": "Stalin i Kaganovich: Perepiska. 1931–1936 gg.",
        "editor": [
            {"family": "Khlevniuk", "given": "O. V."},
            {"literal": "R. U. Devis (R. W. Davies)"},
        ],
        "collection-title": "Dokumenty sovetskoi istorii",
        "original-title": "Сталин и Каганович. Переписка",
    },
    {
        "id": "iagoda-o-perestroika",
        "type": "document",
        "title": "O perestroika operativnoi raboty i raboty s kadrami",
        "author": [{"family": "Iagoda"}],
        "container-title": "Lubianka: Organy VChK-OGPU-NKVD-NKGB-MGB-MVD-KGB",
        "container-editor": [{"family": "Kokurin", "given": "A. I."}],
        "editor": [{"family": "Petrov", "given": "N. V."}],
        "issued": "2003",
        "page": "548–52",
    },
    {
        "id": "caesar-speech",
        "type": "speech",
        "title": "Oratio",
        "author": [{"literal": "Caesar"}],
        "issued": "-0044-03",
    },
]
SOURCES = [Source.model_validate(record) for record in RECORDS]
BY_ID = {source.id: source for source in SOURCES}


def item(source_id: str) -> dict[str, Any]:
    return to_csl(BY_ID[source_id])


def test_every_item_has_id_and_a_valid_csl_type() -> None:
    for csl in to_csl_list(SOURCES):
        assert csl["id"] and csl["type"] in CSL_TYPES


def test_type_mapping() -> None:
    assert {s.id: csl_type(s) for s in SOURCES} == {
        "conquest-great-terror": "book",
        "getty-naumov-road-to-terror": "book",
        "harris-general-secretary": "chapter",
        "benvenuti-reform-nkvd": "article-journal",
        "pravda-1929-01-24": "article-newspaper",
        "rgaspi-558-11-185": "manuscript",
        "fitzpatrick-ending-revolution": "speech",
        "stalin-politicheskii-otchet": "speech",
        "khaustov-lubianka": "book",
        "khlevniuk-stalin-i-kaganovich": "book",
        "iagoda-o-perestroika": "chapter",
        "caesar-speech": "speech",
    }
    assert csl_type(Source(id="d", type="document", title="Spravka")) == "document"


def test_no_empty_fields() -> None:
    def check(value: object) -> None:
        assert value not in (None, "", [], {})
        if isinstance(value, dict):
            for inner in value.values():
                check(inner)
        elif isinstance(value, list):
            for inner in value:
                check(inner)

    for csl in to_csl_list(SOURCES):
        check(csl)


def test_book() -> None:
    assert item("conquest-great-terror") == {
        "id": "conquest-great-terror",
        "type": "book",
        "title": "The Great Terror",
        "author": [{"family": "Conquest", "given": "Robert"}],
        "publisher": "Macmillan",
        "publisher-place": "London",
        "issued": {"date-parts": [[1968]]},
        "custom": {"argmap-type": "book"},
    }


def test_date_parts() -> None:
    assert item("benvenuti-reform-nkvd")["issued"] == {"date-parts": [[1997, 9]]}
    assert item("pravda-1929-01-24")["issued"] == {"date-parts": [[1929, 1, 24]]}
    assert item("fitzpatrick-ending-revolution")["event-date"] == {"date-parts": [[2008, 4, 7]]}
    assert item("caesar-speech")["issued"] == {"date-parts": [[-44, 3]]}


def test_subtitle_is_exported_joined_to_the_title() -> None:
    csl = item("harris-general-secretary")
    assert csl["title"] == (
        "Stalin as General Secretary: The Appointments Process and the Nature of Stalin’s Power"
    )
    del csl["custom"]  # what Zotero gives back: one title, kept whole
    back = from_csl(csl)
    assert (back.title, back.subtitle) == (csl["title"], None)
    assert back.full_title == BY_ID["harris-general-secretary"].full_title


def test_chapter_editors_are_the_volume_editors() -> None:
    csl = item("harris-general-secretary")
    assert csl["editor"] == [
        {"family": "Davies", "given": "Sarah"},
        {"family": "Harris", "given": "James"},
    ]
    assert csl["container-title"] == "Stalin: A New History"
    assert csl["page"] == "63–82"


def test_manuscript_archive_fields() -> None:
    csl = item("rgaspi-558-11-185")
    assert csl["type"] == "manuscript"
    assert csl["archive"] == f"{RGASPI_NAME} (RGASPI)"
    assert csl["archive_location"] == "f. 558, op. 11, d. 185"
    assert csl["archive-place"] == "Moscow"


def test_event_is_written_for_new_and_old_processors() -> None:
    csl = item("fitzpatrick-ending-revolution")
    assert csl["event-title"] == csl["event"] == "British Academy Elie Kedourie Memorial Lecture"
    assert csl["event-place"] == "Manchester University"
    assert csl["genre"] == "lecture"


def test_names_literal_and_et_al() -> None:
    csl = item("khlevniuk-stalin-i-kaganovich")
    assert csl["editor"][1] == {"literal": "R. U. Devis (R. W. Davies)"}
    lubianka = item("khaustov-lubianka")
    assert lubianka["note"] == ET_AL_NOTE
    assert lubianka["title-short"] == "Lubianka: Stalin"
    assert lubianka["custom"]["argmap-names-abbreviated"] is True
    speech = item("stalin-politicheskii-otchet")
    assert speech["note"] == "He delivered the speech on 27 June 1930."


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_round_trip(source: Source) -> None:
    exported = json.loads(json.dumps(to_csl(source), ensure_ascii=False))
    assert from_csl(exported) == source


# What Zotero keeps: everything but our `custom` object.
ZOTERO_CHANGES = {"khaustov-lubianka": "book", "khlevniuk-stalin-i-kaganovich": "book"}


@pytest.mark.parametrize(
    "source",
    [s for s in SOURCES if s.id not in {"iagoda-o-perestroika", "harris-general-secretary"}],
    ids=lambda s: s.id,
)
def test_round_trip_without_custom(source: Source) -> None:
    exported = to_csl(source)
    del exported["custom"]
    expected = source.model_copy(update={"type": ZOTERO_CHANGES.get(source.id, source.type)})
    assert from_csl(exported) == expected


def test_document_with_own_and_volume_editors_without_custom() -> None:
    exported = item("iagoda-o-perestroika")
    del exported["custom"]
    back = from_csl(exported)
    assert back.type == "chapter"
    assert back.container_editor == BY_ID["iagoda-o-perestroika"].container_editor
    assert back.editor == []  # only our custom object can carry a second editor list


def test_zotero_export_imports() -> None:
    zotero = {
        "id": "http://zotero.org/users/123/items/AB12CD34",
        "type": "article-journal",
        "title": "The Political Thought of Joseph Stalin",
        "author": [
            {"family": "Ree", "given": "Erik", "non-dropping-particle": "van"},
            {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
            {"given": "Anonymous"},
        ],
        "container-title": "Kritika",
        "volume": 3,
        "issue": 1,
        "page": "513-545",
        "issued": {"date-parts": [["2002", "5"]]},
        "shortTitle": "Political Thought",
        "DOI": "10.1000/xyz",
        "accessed": {"date-parts": [[2020, 1, 1]]},
    }
    source = from_csl(zotero)
    assert source.id == "ab12cd34"
    assert source.type == "article-journal"
    assert [a.model_dump(exclude_none=True) for a in source.author] == [
        {"family": "van Ree", "given": "Erik"},
        {"family": "King", "given": "Martin Luther, Jr."},
        {"literal": "Anonymous"},
    ]
    assert (source.volume, source.issue, source.page) == ("3", "1", "513-545")
    assert source.issued == "2002-05"
    assert source.short_title == "Political Thought"


def test_import_fallbacks() -> None:
    odd = from_csl(
        {
            "id": "Конквест 1968",
            "type": "interview",
            "title": "Great Terror",
            "author": [{"family": "Conquest"}],
            "issued": {"raw": "1968-05"},
            "archive": "Hoover Institution",
            "archive_location": "Box 4, folder 2",
        }
    )
    assert odd.id == "1968"
    assert odd.type == "document"
    assert odd.issued == "1968-05"
    assert odd.archival is None
    assert odd.note == "Archive: Hoover Institution, Box 4, folder 2"
    unnamed = from_csl({"id": "Каганович", "type": "book", "title": "Pamiatnye zapiski"})
    assert unnamed.id == "pamiatnye-zapiski"
    slashed = from_csl(
        {"id": "x", "type": "manuscript", "archive": "RGASPI", "archive_location": "558/11/185"}
    )
    assert slashed.archival is not None
    assert (slashed.archival.archive, slashed.archival.delo) == ("RGASPI", "185")
    assert from_csl({"id": "y", "type": "book", "issued": {"literal": "Spring 1997"}}).issued is None


def test_an_edited_title_is_taken_whole() -> None:
    csl = item("harris-general-secretary")
    csl["title"] = "Stalin as General Secretary, revised"
    back = from_csl(csl)
    assert (back.title, back.subtitle) == ("Stalin as General Secretary, revised", None)


def test_the_bundled_map_round_trips() -> None:
    if not MAP_SOURCES.exists():
        pytest.skip("no bundled map")
    records = yaml.load(MAP_SOURCES.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["sources"]
    for record in records:
        source = Source.model_validate(record)
        exported = to_csl(source)
        assert exported["type"] in CSL_TYPES
        assert from_csl(json.loads(json.dumps(exported))) == source


def test_subtitle_without_title_round_trips() -> None:
    source = Source(id="x", type="book", subtitle="Only a subtitle")
    exported = to_csl(source)
    assert exported["title"] == "Only a subtitle" and None not in exported["custom"].values()
    assert from_csl(exported) == source
