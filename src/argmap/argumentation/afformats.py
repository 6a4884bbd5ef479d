"""Readers and writers for the instance formats of abstract argumentation.

Three formats are in use in the field, all of them in the ICCMA competitions
(International Competition on Computational Models of Argumentation):

* **ICCMA 2023** ``.af``: a header ``p af N``, then one attack ``i j`` per line
  over the arguments ``1..N``; lines starting with ``#`` are comments.  The
  arguments are named ``"1"`` to ``"N"``.
* **ASPARTIX** ``.apx`` (Egly, Gaggl & Woltran, "ASPARTIX: implementing
  argumentation frameworks using answer-set programming", ICLP 2008; the
  ICCMA 2015-2021 input format): facts ``arg(a).`` and ``att(a,b).``; ``%``
  starts a comment.  Names are ASP constants (``a1``, ``42``) or double-quoted
  strings.  Some collections also use the ``.af`` suffix for this dialect.
* **Trivial Graph Format** ``.tgf``: one argument id per line (anything after
  the id is a label and is ignored), a line ``#``, then one attack ``a b`` per
  line (anything after is an edge label).

Bad input never surfaces as a traceback: every problem is an
:class:`AFFormatError` naming the file, the line (1-based) and, where it
helps, the column.  ``.af`` files are sniffed: a first non-comment line
starting with ``p`` is ICCMA 2023, anything else ASPARTIX.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Literal, TypeAlias

from argmap.argumentation.af import Framework

__all__ = [
    "FORMATS",
    "AFFormatError",
    "Format",
    "detect_format",
    "format_apx",
    "format_framework",
    "format_iccma",
    "format_tgf",
    "parse_apx",
    "parse_framework",
    "parse_iccma",
    "parse_tgf",
    "read_af",
    "write_af",
]

Format: TypeAlias = Literal["iccma", "apx", "tgf"]
FORMATS: Final[tuple[Format, ...]] = ("iccma", "apx", "tgf")
_SUFFIXES: Final[dict[str, Format]] = {".apx": "apx", ".tgf": "tgf"}


class AFFormatError(ValueError):
    """Malformed or unreadable framework file: where, and what is wrong."""

    def __init__(
        self, path: str | os.PathLike[str], line: int | None, message: str, column: int | None = None
    ) -> None:
        self.path = os.fspath(path)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based number, text) of each line, counted as editors do: only "\n" (or
    "\r\n") ends a line, not the Unicode separators ``str.splitlines`` obeys."""
    for number, raw in enumerate(text.split("\n"), 1):
        yield number, raw.removesuffix("\r")


def _content_lines(text: str, comment: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, stripped text) of lines that are neither blank nor comments."""
    for number, raw in _lines(text):
        line = raw.strip()
        if line and not line.startswith(comment):
            yield number, line


# --------------------------------------------------------------------------- ICCMA 2023


def _header_size(path: str, number: int, line: str) -> int:
    parts = line.split()
    if len(parts) != 3 or parts[:2] != ["p", "af"]:
        raise AFFormatError(path, number, f"expected the header 'p af N', found {line!r}")
    if not parts[2].isdecimal():
        raise AFFormatError(path, number, f"the number of arguments must be a whole number, not {parts[2]!r}")
    return int(parts[2])


def _attack_ids(path: str, number: int, line: str, n: int) -> tuple[int, int]:
    parts = line.split()
    if len(parts) != 2:
        raise AFFormatError(path, number, f"expected an attack 'i j', found {line!r}")
    ids = []
    for part in parts:
        if not part.isdecimal():  # isdigit() also passes '²', which int() refuses
            raise AFFormatError(path, number, f"argument ids are whole numbers, not {part!r}")
        value = int(part)
        if not 1 <= value <= n:
            raise AFFormatError(path, number, f"argument {value} is outside 1..{n} declared by the header")
        ids.append(value - 1)
    return ids[0], ids[1]


_ICCMA_BODY = re.compile(r"(?:[ \t]*(?:[0-9]+[ \t]+[0-9]+[ \t]*)?\r?\n)*"
                         r"(?:[ \t]*(?:[0-9]+[ \t]+[0-9]+[ \t]*)?\r?)?")
"""Attack lines of two ASCII ids, and blank lines: nothing else."""


def _iccma_fast(text: str) -> Framework | None:
    """A well-formed ICCMA file at close to read-and-split speed: one check of the
    whole body and one split, instead of a check per line. None for anything else
    (comments, a stray field, an id out of range, other whitespace...): the
    line-by-line reader then parses it or says where it is wrong."""
    if "#" in text:
        return None
    head, _, body = text.lstrip(" \t\r\n").partition("\n")
    header = head.split()
    if len(header) != 3 or header[:2] != ["p", "af"] or not (header[2].isascii()
                                                               and header[2].isdigit()):
        return None
    if _ICCMA_BODY.fullmatch(body) is None:
        return None
    n = int(header[2])
    ids = list(map(int, body.split()))
    if ids and (min(ids) < 1 or max(ids) > n):
        return None
    return Framework.from_checked_indices(
        [str(i) for i in range(1, n + 1)],
        [(a - 1, b - 1) for a, b in zip(ids[0::2], ids[1::2], strict=True)])


def parse_iccma(text: str, path: str = "<string>") -> Framework:
    """Parse the ICCMA 2023 format; arguments are named "1".."N"."""
    fast = _iccma_fast(text)
    if fast is not None:
        return fast
    n = -1
    attacks: list[tuple[int, int]] = []
    for number, line in _content_lines(text, "#"):
        if n < 0:
            n = _header_size(path, number, line)
        elif line.startswith("p"):
            raise AFFormatError(path, number, "a second 'p af' header")
        else:
            attacks.append(_attack_ids(path, number, line, n))
    if n < 0:
        raise AFFormatError(path, None, "no 'p af N' header: not an ICCMA 2023 file")
    return Framework.from_indices([str(i) for i in range(1, n + 1)], attacks)


def format_iccma(fw: Framework) -> str:
    """The ICCMA 2023 text of ``fw``.

    Arguments are numbered 1..N in the framework's order, except that a
    framework whose arguments already are "1".."N" keeps their numbers.  Other
    names are not kept: the format has none.
    """
    names = fw.arguments
    n = len(names)
    if set(names) == {str(i) for i in range(1, n + 1)}:
        number = {name: int(name) for name in names}
    else:
        number = {name: i for i, name in enumerate(names, 1)}
    lines = [f"p af {n}"]
    lines += [f"{number[a]} {number[b]}" for a, b in fw.attacks]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- ASPARTIX


_NAME: Final = r'(?:"(?:[^"\\]|\\.)*"|[^\s,()."%]+)'
_FACT: Final = re.compile(rf"(arg|att)\s*\(\s*({_NAME})\s*(?:,\s*({_NAME})\s*)?\)\s*\.")
_BARE: Final = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")


def _unquote(name: str) -> str:
    if name.startswith('"'):
        return re.sub(r"\\(.)", r"\1", name[1:-1])
    return name


def _skip_space(raw: str, pos: int) -> int:
    while pos < len(raw) and raw[pos].isspace():
        pos += 1
    return pos


def _apx_facts(path: str, number: int, raw: str) -> Iterator[tuple[str, str | None, int]]:
    """(first name, second name or None for arg/1, column) of each fact on one line."""
    pos = _skip_space(raw, 0)
    while pos < len(raw) and raw[pos] != "%":
        match = _FACT.match(raw, pos)
        if match is None:
            found = raw[pos:].split("%", 1)[0].strip()
            raise AFFormatError(path, number, f"expected arg(a). or att(a,b)., found {found!r}", pos + 1)
        predicate, first, second = match[1], match[2], match[3]
        if (predicate == "arg") != (second is None):
            arity = "one name" if predicate == "arg" else "two names"
            raise AFFormatError(path, number, f"{predicate}(...) takes {arity}", pos + 1)
        yield _unquote(first), None if second is None else _unquote(second), pos + 1
        pos = _skip_space(raw, match.end())


def parse_apx(text: str, path: str = "<string>") -> Framework:
    """Parse ASPARTIX facts; every attacked or attacking argument must be declared."""
    args: list[str] = []
    attacks: list[tuple[str, str, int, int]] = []
    for number, raw in _lines(text):
        for first, second, column in _apx_facts(path, number, raw):
            if second is None:
                args.append(first)
            else:
                attacks.append((first, second, number, column))
    declared = set(args)
    for src, dst, number, column in attacks:
        for name in (src, dst):
            if name not in declared:
                raise AFFormatError(
                    path, number, f"att({src},{dst}) names {name!r}, never declared by arg(...)", column
                )
    return Framework(args, [(s, d) for s, d, _, _ in attacks])


def _apx_name(name: str) -> str:
    if "\n" in name or "\r" in name:
        raise ValueError(f"argument {name!r} contains a line break: no ASPARTIX name can")
    if _BARE.fullmatch(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_apx(fw: Framework) -> str:
    """ASPARTIX facts for ``fw``; names that are not plain ASP constants are
    quoted, names with line breaks refused (ValueError)."""
    lines = [f"arg({_apx_name(a)})." for a in fw.arguments]
    lines += [f"att({_apx_name(a)},{_apx_name(b)})." for a, b in fw.attacks]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- TGF


def parse_tgf(text: str, path: str = "<string>") -> Framework:
    """Parse Trivial Graph Format: node ids, ``#``, then ``a b`` edges (labels ignored)."""
    args: dict[str, int] = {}
    attacks: list[tuple[str, str]] = []
    in_edges = False
    for number, raw in _lines(text):
        line = raw.strip()
        if not line:
            continue
        if line == "#":
            if in_edges:
                raise AFFormatError(path, number, "a second '#' separator")
            in_edges = True
            continue
        parts = line.split()
        if not in_edges:
            if parts[0] in args:
                raise AFFormatError(
                    path, number, f"node {parts[0]!r} already declared on line {args[parts[0]]}"
                )
            args[parts[0]] = number
            continue
        if len(parts) < 2:
            raise AFFormatError(path, number, f"expected an edge 'a b', found {line!r}")
        for name in parts[:2]:
            if name not in args:
                raise AFFormatError(path, number, f"edge names node {name!r}, not declared before '#'")
        attacks.append((parts[0], parts[1]))
    return Framework(args, attacks)


def format_tgf(fw: Framework) -> str:
    """TGF text for ``fw``; ids cannot contain whitespace or be ``#`` (ValueError)."""
    for name in fw.arguments:
        if not name or name == "#" or any(ch.isspace() for ch in name):
            raise ValueError(f"argument {name!r} cannot be a TGF node id")
    lines = [*fw.arguments, "#", *(f"{a} {b}" for a, b in fw.attacks)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- files


_PARSERS: Final = {"iccma": parse_iccma, "apx": parse_apx, "tgf": parse_tgf}
_FORMATTERS: Final = {"iccma": format_iccma, "apx": format_apx, "tgf": format_tgf}


def detect_format(path: str | os.PathLike[str], text: str) -> Format:
    """The format of a file, from its suffix, or from its content for ``.af``
    and unknown suffixes."""
    suffix = Path(path).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    first = next((line for _, line in _content_lines(text, "#") if not line.startswith("%")), "")
    if first.startswith("p ") or first == "p":
        return "iccma"
    if first.startswith(("arg", "att")) or suffix == ".af":
        return "apx"
    if any(line.strip() == "#" for _, line in _lines(text)):
        return "tgf"
    raise AFFormatError(path, None, "cannot tell the format: use .af, .apx or .tgf, or name the format")


def parse_framework(text: str, fmt: Format, path: str = "<string>") -> Framework:
    """Parse ``text`` in format ``fmt``."""
    if fmt not in _PARSERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    return _PARSERS[fmt](text, path)


def format_framework(fw: Framework, fmt: Format) -> str:
    """The text of ``fw`` in format ``fmt``."""
    if fmt not in _FORMATTERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    return _FORMATTERS[fmt](fw)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise AFFormatError(path, None, f"cannot read: {err.strerror or err}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise AFFormatError(path, line, f"not UTF-8 text (byte {data[err.start]:#04x})") from None


def read_af(path: str | os.PathLike[str], fmt: Format | None = None) -> Framework:
    """Read a framework file; the format is detected unless given."""
    path = Path(path)
    text = _read_text(path)
    return parse_framework(text, fmt or detect_format(path, text), str(path))


def write_af(fw: Framework, path: str | os.PathLike[str], fmt: Format | None = None) -> None:
    """Write ``fw``; the format follows the suffix (``.af`` = ICCMA 2023) unless given."""
    path = Path(path)
    if fmt is None:
        fmt = _SUFFIXES.get(path.suffix.lower(), "iccma")
    path.write_text(format_framework(fw, fmt), encoding="utf-8")
