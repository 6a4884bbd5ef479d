"""Text normalisation shared by search and anchor checking.

Transliterated Russian names come with apostrophes (Ol’berg), curly quotes and
diacritics; a reader typing "olberg" or pasting a straight-quoted anchor must
still find them, so both sides are folded the same way before comparing.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, straight quotes, no diacritics, single spaces."""
    text = text.translate(_QUOTES)
    if not text.isascii():  # ASCII has nothing to decompose: most text, once quotes are straight
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text).casefold().strip()


def fold_loose(text: str) -> str:
    """As fold, and without apostrophes, so "olberg" matches "Ol'berg"."""
    return fold(text).replace("'", "").replace('"', "")
