"""Text from a map or a command line, made safe to print to a terminal.

A map's text, a file name or a key may hold ESC (an OSC or CSI sequence can
retitle the window, hide text or write a hyperlink), other C0/C1 controls, or a
bidi override such as U+202E that reverses what follows on screen. Human-readable
output shows each as a visible escape (``\\x1b``, ``\\u202e``) instead; JSON
output is left exact, since json.dumps already escapes the controls and a
program reading it wants the text as written.
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO, TextIO

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
# Controls other than tab and line feed, C1 controls, bidi controls, noncharacters.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_NONCHARACTERS}]")
_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_NONCHARACTERS}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text with every control a terminal would obey shown as an escape; tabs and
    line breaks stay, so multi-line output keeps its shape."""
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """Like printable, and line breaks and tabs escaped too: for a message that must
    stay one `file:line:col: message` line whatever a key or file name holds."""
    return _UNSAFE_IN_LINE.sub(_visible, text)


class PrintableStream(io.TextIOBase):
    """A text stream that passes everything written through `printable`.

    The CLI wraps stdout and stderr in it once, so every command's human output
    is neutralised in one place; `raw` is the stream underneath, for JSON.
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8") or "utf-8"

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def buffer(self) -> BinaryIO:
        """The raw byte stream, for binary output (which is not text to neutralise)."""
        return self.raw.buffer
