"""Archival locators of every tradition, as the field cites them.

An archive's own arrangement decides how its files are cited, so each tradition
has its parts (`argmap.core.model`: Russian fond/opis/delo, US record group or
manuscript collection, British department/series/piece, German
Bestand/Signatur, a generic collection/box/folder/item) and its order:

- Russian, British and German archives are cited by the archive's abbreviation
  and then the file: "RGASPI, f. 558, op. 11, d. 185", "TNA, FO 371/56763",
  "BArch, R 43/1309". The depository comes first.
- US record groups and manuscript collections, and any other collection, are
  cited file first, then the depository and its place (CMOS 14.222-14.232):
  "RG 59, Decimal File 861.00/2-2246, National Archives, College Park, MD";
  "Henry L. Stimson Diaries, MS 465, Manuscripts and Archives, Yale University
  Library, New Haven, CT".

Within the file the parts go from the general to the specific, as the
Russian form does (record group before entry, collection before box and
folder), the same in every tradition.

`location` is the file's own reference without the archive: what CSL-JSON
calls `archive_location`, and what the Chicago forms of `argmap.citations.chicago` build on.
"""

from __future__ import annotations

from argmap.core.model import (
    Archival,
    ArchivalLocator,
    BritishArchival,
    GenericArchival,
    GermanArchival,
    UsArchival,
)

__all__ = ["depository_first", "location", "slash_path"]


def _parts(*pairs: tuple[str, str | None]) -> str:
    """'box 3, folder 2': each part with its label, those not given left out."""
    return ", ".join(f"{label} {value}".strip() for label, value in pairs if value)


def _us(archival: UsArchival) -> str:
    if archival.record_group is not None:
        head = [("RG", archival.record_group), ("", archival.record_group_title),
                ("entry", archival.entry)]
    else:
        head = [("", archival.collection), ("", archival.collection_number)]
    return _parts(*head, ("series", archival.series), ("", archival.file),
                  ("box", archival.box), ("folder", archival.folder))


def _british(archival: BritishArchival) -> str:
    piece = f"{archival.department} {archival.series}/{archival.piece}"
    return f"{piece}/{archival.item}" if archival.item else piece


def location(archival: ArchivalLocator) -> str:
    """The file within the archive: 'f. 558, op. 11, d. 185', 'FO 371/56763', 'R 43/1309',
    'RG 59, Decimal File 861.00/2-2246', 'Henry L. Stimson Diaries, MS 465'."""
    if isinstance(archival, Archival):
        return f"f. {archival.fond}, op. {archival.opis}, d. {archival.delo}"
    if isinstance(archival, UsArchival):
        return _us(archival)
    if isinstance(archival, BritishArchival):
        return _british(archival)
    if isinstance(archival, GermanArchival):
        return f"{archival.bestand}/{archival.signatur}"
    assert isinstance(archival, GenericArchival)
    return _parts(("", archival.collection), ("box", archival.box), ("folder", archival.folder),
                  ("item", archival.item))


def depository_first(archival: ArchivalLocator) -> bool:
    """Whether notes name the archive before the file ('TNA, FO 371/…') or after it."""
    return isinstance(archival, Archival | BritishArchival | GermanArchival)


def slash_path(archival: ArchivalLocator, sheet: str = "") -> str | None:
    """The compact form some texts use ('RGASPI 558/11/185/19', 'TNA FO 371/56763',
    'BArch R 43/1309'); None for the traditions that have none."""
    if isinstance(archival, Archival):
        path = f"{archival.fond}/{archival.opis}/{archival.delo}"
        return f"{archival.archive} {path}/{sheet}" if sheet else f"{archival.archive} {path}"
    if isinstance(archival, BritishArchival | GermanArchival):
        return f"{archival.archive} {location(archival)}"
    return None
