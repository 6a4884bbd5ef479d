"""A stop-gap reader for abstract-framework files, for `argmap af solve`.

Stands in until ``argmap.afformats`` (being written alongside :mod:`argmap.af`)
lands; then the CLI should read through that module and this file can go.

Formats, chosen by content rather than suffix (``.af`` is used for two):

* ASPARTIX / ICCMA 2015-21 ``.apx`` (and ``.af`` in that dialect): ``arg(a).``
  and ``att(a,b).`` facts, ``%`` comments;
* ICCMA 2023 ``.af``: a ``p af N`` header, then ``i j`` attack lines over the
  arguments 1..N, ``#`` comments;
* Trivial Graph Format ``.tgf``: argument lines, ``#``, then ``a b`` attack lines.

Every mistake is a :class:`~argmap.errors.Problem` at file:line:col; all of
them are reported at once as a :class:`~argmap.errors.MapError`.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.af import Framework
from argmap.errors import MapError, Problem, UsageError

_FACT = re.compile(r"^(arg|att)\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)\s*\.$")


def read_framework(path: Path) -> Framework:
    """Read an .apx, .af or .tgf file; MapError listing every malformed line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
    lines = text.splitlines()
    first = next((ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    if path.suffix == ".tgf":
        return _tgf(str(path), lines)
    if first.startswith("p "):
        return _iccma23(str(path), lines)
    return _apx(str(path), lines)


def _column(raw: str) -> int:
    return len(raw) - len(raw.lstrip()) + 1


def _apx(name: str, lines: list[str]) -> Framework:
    args: list[str] = []
    attacks: list[tuple[str, str, int, int]] = []
    problems: list[Problem] = []
    for no, raw in enumerate(lines, 1):
        line = raw.split("%", 1)[0].strip()
        if not line:
            continue
        match = _FACT.match(line)
        if not match or (match[1] == "arg") != (match[3] is None):
            problems.append(Problem(name, no, _column(raw), f"cannot read {line!r}",
                                    "expected arg(a). or att(a,b)."))
        elif match[1] == "arg":
            args.append(match[2])
        else:
            attacks.append((match[2], match[3], no, _column(raw)))
    return _build(name, args, attacks, problems)


def _iccma23(name: str, lines: list[str]) -> Framework:
    problems: list[Problem] = []
    n = -1
    attacks: list[tuple[str, str, int, int]] = []
    for no, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if n < 0:
            if len(parts) == 3 and parts[:2] == ["p", "af"] and parts[2].isdigit():
                n = int(parts[2])
            else:
                problems.append(Problem(name, no, _column(raw), f"bad header {line!r}",
                                        "expected 'p af N'"))
                n = 0
        elif len(parts) == 2 and all(p.isdigit() for p in parts):
            attacks.append((parts[0], parts[1], no, _column(raw)))
        else:
            problems.append(Problem(name, no, _column(raw), f"cannot read {line!r}",
                                    "expected an attack 'i j' between argument numbers"))
    return _build(name, [str(i) for i in range(1, max(n, 0) + 1)], attacks, problems)


def _tgf(name: str, lines: list[str]) -> Framework:
    args: list[str] = []
    attacks: list[tuple[str, str, int, int]] = []
    problems: list[Problem] = []
    edges = False
    for no, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if line == "#":
            if edges:
                problems.append(Problem(name, no, _column(raw), "a second '#' separator"))
            edges = True
        elif not edges:
            args.append(line.split()[0])
        else:
            parts = line.split()
            if len(parts) < 2:
                problems.append(Problem(name, no, _column(raw), f"cannot read {line!r}",
                                        "expected an attack 'a b'"))
            else:
                attacks.append((parts[0], parts[1], no, _column(raw)))
    return _build(name, args, attacks, problems)


def _build(
    name: str, args: list[str], attacks: list[tuple[str, str, int, int]], problems: list[Problem]
) -> Framework:
    known = set(args)
    for src, dst, no, col in attacks:
        for arg in (src, dst):
            if arg not in known:
                problems.append(Problem(name, no, col, f"attack names unknown argument {arg!r}",
                                        "declare every argument before use"))
    if problems:
        raise MapError(problems)
    return Framework(args, [(s, d) for s, d, _, _ in attacks])
