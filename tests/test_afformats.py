"""Reading and writing ICCMA 2023 .af, ASPARTIX .apx and TGF framework files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argumentation.af import Framework
from argmap.argumentation.afformats import (
    AFFormatError,
    Format,
    detect_format,
    format_apx,
    format_iccma,
    format_tgf,
    parse_apx,
    parse_framework,
    parse_iccma,
    parse_tgf,
    read_af,
    write_af,
)

ICCMA = """\
# reinstatement, ICCMA 2023 style
p af 3
1 2
# a comment between attacks
2 3

"""

APX = """\
% reinstatement, ASPARTIX style
arg(a). arg(b).
arg(c).
att(a,b).  att(b,c). % trailing comment
"""

TGF = """\
a first argument
b
c
#
a b attacks
b c
"""


def attacks(f: Framework) -> set[tuple[str, str]]:
    return set(f.attacks)


# --------------------------------------------------------------------------- good input


def test_iccma_reinstatement() -> None:
    f = parse_iccma(ICCMA)
    assert f.arguments == ("1", "2", "3")
    assert attacks(f) == {("1", "2"), ("2", "3")}


def test_iccma_header_only_and_empty() -> None:
    assert len(parse_iccma("p af 4\n")) == 4
    assert len(parse_iccma("p af 0\n")) == 0


def test_apx_reinstatement() -> None:
    f = parse_apx(APX)
    assert f.arguments == ("a", "b", "c")
    assert attacks(f) == {("a", "b"), ("b", "c")}


def test_apx_quoted_names_and_spacing() -> None:
    f = parse_apx('arg( "Kirov, 1934" ) .\narg(x1).\natt(x1 , "Kirov, 1934").\n')
    assert f.arguments == ("Kirov, 1934", "x1")
    assert attacks(f) == {("x1", "Kirov, 1934")}


def test_tgf_reinstatement_ignores_labels() -> None:
    f = parse_tgf(TGF)
    assert f.arguments == ("a", "b", "c")
    assert attacks(f) == {("a", "b"), ("b", "c")}


def test_tgf_without_edges() -> None:
    assert parse_tgf("a\nb\n").arguments == ("a", "b")


# --------------------------------------------------------------------------- bad input: file, line, message


@pytest.mark.parametrize(
    ("fmt", "text", "line", "message"),
    [
        ("iccma", "1 2\n", 1, "expected the header 'p af N'"),
        ("iccma", "p af three\n", 1, "whole number"),
        ("iccma", "p af 2\n1 2\n\n2 3\n", 4, "argument 3 is outside 1..2"),
        ("iccma", "p af 2\n1 0\n", 2, "argument 0 is outside 1..2"),
        ("iccma", "p af 2\n1 2 3\n", 2, "expected an attack 'i j'"),
        ("iccma", "p af 2\n1 b\n", 2, "whole numbers, not 'b'"),
        ("iccma", "p af 2\np af 2\n", 2, "a second 'p af' header"),
        ("iccma", "# nothing\n", None, "no 'p af N' header"),
        ("apx", "arg(a).\natt(a,b).\n", 2, "'b', never declared"),
        ("apx", "arg(a).\narg(b)\n", 2, "expected arg(a). or att(a,b)."),
        ("apx", "arg(a). junk\n", 1, "found 'junk'"),
        ("apx", "arg(a,b).\n", 1, "arg(...) takes one name"),
        ("apx", "att(a).\n", 1, "att(...) takes two names"),
        ("tgf", "a\n#\na\n", 3, "expected an edge 'a b'"),
        ("tgf", "a\n#\na z\n", 3, "node 'z', not declared"),
        ("tgf", "a\n#\n#\n", 3, "a second '#'"),
        ("tgf", "a\nb\na\n#\n", 3, "node 'a' already declared on line 1"),
    ],
)
def test_malformed_input_names_file_and_line(fmt: Format, text: str, line: int | None, message: str) -> None:
    with pytest.raises(AFFormatError) as caught:
        parse_framework(text, fmt, "bad.file")
    err = caught.value
    assert err.path == "bad.file" and err.line == line
    assert message in err.message
    assert str(err).startswith("bad.file:" + (f"{line}:" if line is not None else " "))


def test_apx_error_has_a_column() -> None:
    with pytest.raises(AFFormatError) as caught:
        parse_apx("arg(a).  arg(b) oops\n", "x.apx")
    assert (caught.value.line, caught.value.column) == (1, 10)
    assert str(caught.value).startswith("x.apx:1:10: ")


def test_unreadable_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(AFFormatError, match="cannot read"):
        read_af(tmp_path / "missing.af")
    binary = tmp_path / "bad.apx"
    binary.write_bytes(b"arg(a).\narg(\xff).\n")
    with pytest.raises(AFFormatError, match="not UTF-8") as caught:
        read_af(binary)
    assert caught.value.line == 2


def test_writers_refuse_names_their_format_cannot_hold() -> None:
    with pytest.raises(ValueError, match="TGF node id"):
        format_tgf(Framework(["a b"], []))
    with pytest.raises(ValueError, match="line break"):
        format_apx(Framework(["a\nb"], []))


def test_only_newlines_end_lines() -> None:
    f = Framework(["a\u2028b", "c"], [("c", "a\u2028b")])
    assert parse_apx(format_apx(f)) == f
    with pytest.raises(AFFormatError) as caught:
        parse_iccma("p af 1\r\n\u2028\r\n1 2\r\n")
    assert caught.value.line == 3


# --------------------------------------------------------------------------- files and detection


def test_detects_format_by_suffix_and_content(tmp_path: Path) -> None:
    assert detect_format("x.af", ICCMA) == "iccma"
    assert detect_format("x.af", APX) == "apx"  # the ASPARTIX dialect also uses .af
    assert detect_format("x.apx", APX) == "apx"
    assert detect_format("x.tgf", TGF) == "tgf"
    assert detect_format("x.txt", TGF) == "tgf"
    with pytest.raises(AFFormatError, match="cannot tell the format"):
        detect_format("x.txt", "hello\n")
    for name, text in (("r.af", ICCMA), ("r.apx", APX), ("r.tgf", TGF), ("old.af", APX)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert read_af(path).n_attacks == 2


def test_write_then_read_each_format(tmp_path: Path) -> None:
    f = Framework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "c")])
    for suffix in (".apx", ".tgf"):
        write_af(f, tmp_path / f"f{suffix}")
        assert read_af(tmp_path / f"f{suffix}") == f
    write_af(f, tmp_path / "f.af")
    numbered = read_af(tmp_path / "f.af")
    assert attacks(numbered) == {("1", "2"), ("2", "3"), ("3", "3")}


def test_iccma_writer_keeps_numeric_names() -> None:
    f = Framework(["2", "1"], [("2", "1")])
    assert format_iccma(f) == "p af 2\n2 1\n"


# --------------------------------------------------------------------------- round trips

_names = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), min_size=1, max_size=8),
)


@st.composite
def named_frameworks(draw: st.DrawFn, names: st.SearchStrategy[str] = _names) -> Framework:
    args = draw(st.lists(names, min_size=0, max_size=8, unique=True))
    if not args:
        return Framework()
    pick = st.sampled_from(args)
    return Framework(args, draw(st.lists(st.tuples(pick, pick), max_size=16)))


@settings(max_examples=80, deadline=None)
@given(named_frameworks())
def test_apx_round_trip_keeps_any_name(f: Framework) -> None:
    assert parse_apx(format_apx(f)) == f


@settings(max_examples=80, deadline=None)
@given(named_frameworks(st.from_regex(r"[A-Za-z0-9_.\-]{1,8}", fullmatch=True)))
def test_tgf_round_trip(f: Framework) -> None:
    assert parse_tgf(format_tgf(f)) == f


@settings(max_examples=80, deadline=None)
@given(named_frameworks())
def test_iccma_round_trip_keeps_the_structure(f: Framework) -> None:
    back = parse_iccma(format_iccma(f))
    number = {name: str(i) for i, name in enumerate(f.arguments, 1)}
    assert len(back) == len(f)
    assert attacks(back) == {(number[a], number[b]) for a, b in f.attacks}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["iccma", "apx", "tgf"]))
def test_arbitrary_text_never_crashes(text: str, fmt: Format) -> None:
    try:
        parse_framework(text, fmt, "fuzz")
    except AFFormatError as err:
        assert str(err).startswith("fuzz")


def _slow_iccma(text: str) -> Framework:
    """The line-by-line reader alone (the fast path turned off)."""
    import argmap.argumentation.afformats as formats

    fast = formats._iccma_fast
    formats._iccma_fast = lambda _text: None  # type: ignore[assignment]
    try:
        return formats.parse_iccma(text)
    finally:
        formats._iccma_fast = fast


_ICCMA_PIECES = st.sampled_from(["1", "2", "3", "0", "4", "12", "01", "²", "١", "x", "p", "af",
                                 "#", " ", "  ", "\t", "\r", "\u00a0", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 5), st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=12),
       st.lists(_ICCMA_PIECES, max_size=12), st.integers(0, 12))
def test_the_fast_iccma_reader_agrees_with_the_line_reader(
        n: int, attacks: list[tuple[int, int]], noise: list[str], at: int) -> None:
    """Well-formed or not: what the fast path accepts, the line reader reads the same;
    what it refuses goes to the line reader, whose answer (or located error) stands."""
    from argmap.argumentation.afformats import AFFormatError, _iccma_fast, parse_iccma

    lines = [f"p af {n}", *(f"{a} {b}" for a, b in attacks)]
    text = "\n".join(lines)
    text = text[:at] + "".join(noise) + text[at:]
    fast = _iccma_fast(text)
    try:
        slow: Framework | str = _slow_iccma(text)
    except AFFormatError as exc:
        slow = str(exc)
    if fast is not None:
        assert isinstance(slow, Framework)
        assert fast.arguments == slow.arguments and fast.attacks == slow.attacks
    try:
        whole: Framework | str = parse_iccma(text)
    except AFFormatError as exc:
        whole = str(exc)
    if isinstance(slow, Framework):
        assert isinstance(whole, Framework)
        assert whole.arguments == slow.arguments and whole.attacks == slow.attacks
    else:
        assert whole == slow


def test_a_superscript_digit_is_an_error_not_a_crash() -> None:
    from argmap.argumentation.afformats import AFFormatError, parse_iccma

    with pytest.raises(AFFormatError, match="whole numbers"):
        parse_iccma("p af 3\n1 \u00b2\n")
