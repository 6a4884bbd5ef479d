"""Search folding: the ASCII fast path folds exactly as the full Unicode path."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from argmap.textmatch import _QUOTES, fold, fold_loose


def reference(text: str) -> str:
    """fold without the fast path: always decompose and drop combining marks."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).casefold().strip()


@pytest.mark.parametrize("text", [
    "Ol\u2019berg", "Ol'berg", "  Stalin\tand\nStalinism  ", "Kasahara \u2014 1931",
    "Ezhov", "\u0415\u0436\u043e\u0432", "Bukharin\u00a0trial", "Cr\u00e8me ANGSTR\u00d6M",
    "\ufb01le", "STRASSE stra\u00dfe", "", "\u201cquoted\u201d",
])
def test_fold_matches_the_full_path(text: str) -> None:
    assert fold(text) == reference(text)


def test_fold_matches_the_full_path_on_random_text() -> None:
    rng = random.Random(14)
    pool = ("abcXYZ 019\t\n'\"-\u2018\u2019\u201c\u201d\u2013\u2014\u00a0"
            "\u00e9\u00c5\u00df\u0301\u0416\u0451\ufb01\u2160\u00bd")
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        assert fold(text) == reference(text), repr(text)


def test_loose_fold_drops_apostrophes() -> None:
    assert fold_loose("Ol\u2019berg") == "olberg"
