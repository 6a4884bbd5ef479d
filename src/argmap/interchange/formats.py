"""Choosing a reader by --format or by the file, and the exports by name."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.core.errors import UsageError
from argmap.interchange import aif, argdown, graphml, kialo
from argmap.interchange.graph import Graph, InterchangeError
from argmap.interchange.work import WorkView

IMPORT_FORMATS = ("aif", "xaif", "ova", "sadface", "argdown", "kialo")
EXPORT_FORMATS = ("aif", "argdown", "graphml", "kialo")
MAX_BYTES = 32 * 1024 * 1024


def detect(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".argdown", ".ad"):
        return "argdown"
    head = data.lstrip()[:1]
    if suffix == ".json" or head in (b"{", b"["):
        try:
            obj = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return "aif"  # the AIF reader reports where the JSON breaks
        found = aif.detect_json(obj)
        if found is None:
            raise InterchangeError(str(path), "", "a JSON file, but not an AIF, xAIF, OVA or "
                                   "SADFace graph", "give --format if it is one of them")
        return found
    text = data.decode("utf-8-sig", errors="replace").lstrip()
    if text.startswith("Discussion Title:") or text.startswith("1. "):
        return "kialo"
    if suffix == ".txt":
        return "kialo"
    if suffix in (".md", ".txt", "") or "[" in text or "<" in text:
        return "argdown"
    raise UsageError(f"cannot tell the format of {path}; give --format "
                     f"({'|'.join(IMPORT_FORMATS)})")


def read_file(path: Path, fmt: str | None = None) -> Graph:
    """The file as a neutral graph; every problem an InterchangeError naming the file."""
    try:
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"{path} is larger than {MAX_BYTES // 2**20} MB; refused")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    chosen = fmt or detect(path, data)
    if chosen == "argdown":
        return argdown.read(path, data)
    if chosen == "kialo":
        return kialo.read(path, data)
    if chosen in ("aif", "xaif", "ova", "sadface"):
        return aif.read(path, data, chosen)
    raise UsageError(f"unknown format '{chosen}'; expected one of {', '.join(IMPORT_FORMATS)}")


def export(view: WorkView, fmt: str) -> bytes:
    """One work in an exchange format, as the bytes of a file."""
    if fmt == "aif":
        return (json.dumps(aif.write(view), ensure_ascii=False, indent=1) + "\n").encode()
    if fmt == "argdown":
        return argdown.write(view).encode()
    if fmt == "graphml":
        return graphml.write(view)
    if fmt == "kialo":
        return kialo.write(view).encode()
    raise UsageError(f"unknown export format '{fmt}'; expected one of {', '.join(EXPORT_FORMATS)}")


SUFFIX = {"aif": ".json", "argdown": ".argdown", "graphml": ".graphml", "kialo": ".txt"}
MIME = {"aif": "application/json", "argdown": "text/plain", "graphml": "application/xml",
        "kialo": "text/plain"}
