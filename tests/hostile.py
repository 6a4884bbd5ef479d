"""A hostile copy of the bundled map: every text-bearing field of every record kind
carries DOT, HTML/SVG, Markdown, LaTeX, spreadsheet-formula and terminal payloads.

The payloads are all characters that validation allows (a control character such
as ESC is refused by the loader, see test_hardening_loader), so the copy loads and
every later stage must show them as text.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments"

RTL = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows on a terminal
ISOLATE = "\u2066"  # LEFT-TO-RIGHT ISOLATE
PAYLOAD = (
    '=HYPERLINK("http://evil.example/f","c") "];evil[label="INJECTED"];evil -> x // '
    "<script>alert(1)</script><svg onload=alert(2)><img src=x onerror=alert(3)> &amp; &lt; "
    "![px](http://evil.example/px.png) **bold** _it_ [link](http://evil.example) "
    "<http://evil.example> # head :red[red] $\\color{red}{TEX}$ $$TEXBLOCK$$ ~~strike~~ "
    f"`code` | pipe | \\ back {RTL}RTL {ISOLATE}ISO"
)
# Titles are at most 10 words and 70 characters, and unique in a section or work.
SHORT = '=1+2 "];evil[x] <b>*B*</b> $T$ ![i](http://e.x/i.png)' + RTL
TEXT_FIELDS = {
    "text", "name", "summary", "justification", "description", "note", "commentary",
    "family", "given", "literal", "publisher", "publisher-place", "container-title",
    "collection-title", "subtitle", "title-short", "volume", "issue", "genre", "event",
    "event-place", "role", "archive", "archive_name", "place", "fond", "opis", "delo",
    "pages", "page", "original-title",
}
SHORT_FIELDS = {"title"}
NEEDLE = "INJECTED"


def _poison(value: Any, counter: itertools.count[int], key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, counter, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, counter, key) for v in value]
    if isinstance(value, str) and key in SHORT_FIELDS:
        return f"{SHORT} {next(counter)}"
    if isinstance(value, str) and key in TEXT_FIELDS:
        return f"{PAYLOAD} {value}"
    if isinstance(value, str) and key == "author" and value:  # evidence: who produced it
        return f"{PAYLOAD} {value}"
    if isinstance(value, str) and key == "locator":  # a citation's pages or folio
        return f"{value} {PAYLOAD}"
    return value


def hostile_copy(dest: Path) -> Path:
    """Write the poisoned map into dest (a new folder) and return it."""
    counter = itertools.count(1)
    for path in sorted(BUNDLED.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = dest / path.relative_to(BUNDLED)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            yaml.safe_dump(_poison(data, counter), allow_unicode=True, sort_keys=False, width=10_000),
            encoding="utf-8",
        )
    return dest
