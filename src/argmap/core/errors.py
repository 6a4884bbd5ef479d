"""Problems a user can cause, as one exception family.

Every problem carries file, line and column (1-based) and a hint, so the CLI
and the app can print `file:line:col: message (hint)` and editors can jump to
it. A map is always checked as a whole: problems are collected, never raised
one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a map, located in the file a user edits."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ArgmapError(Exception):
    """Base of every error a user (not a bug) can cause."""


class MapError(ArgmapError):
    """The map has problems; all of them are in `problems`, sorted."""

    def __init__(self, problems: list[Problem], *, ordered: bool = False) -> None:
        # ordered: the loader has put the causes (files that could not be read) first.
        self.problems = list(problems) if ordered else sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(ArgmapError):
    """A command was asked for something that does not exist (exit code 2)."""
