"""Problems found in a user's file, each pinned to a line and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core.wording import one_line


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file: where it is (1-based), what is wrong, and how to fix it."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"
    cause: tuple[int, int] | None = field(default=None, compare=False)
    """Where the mistake that led to this one is (a typo'd key behind a missing one):
    the problem is listed right after its cause, whatever its own line."""

    @property
    def order(self) -> tuple[int, int, int, int, int]:
        """Sort key: by line and column, a knock-on problem right after its cause."""
        anchor = self.cause or (self.line, self.column)
        return (*anchor, 0 if self.cause is None else 1, self.line, self.column)

    def __str__(self) -> str:
        """One line, safe to print: a path or message holding an escape code (a file named
        with one, a key the user typed) shows it as text instead of acting on the terminal."""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return one_line(f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ProblemList:
    """Collects every problem in one file so the user sees them all at once."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self.items: list[Problem] = []

    def add(
        self,
        line: int,
        column: int,
        message: str,
        severity: str = "error",
        cause: tuple[int, int] | None = None,
    ) -> None:
        self.items.append(Problem(self.path, line, column, message, severity, cause))

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if p.is_error), key=lambda p: p.order)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: p.order)


def did_you_mean(word: str, choices: Iterable[str], count: int = 3) -> str:
    """' (did you mean x or y?)' for close matches, or '' when nothing is close."""
    close = close_matches(word, choices, count)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


def close_matches(word: str, choices: Iterable[str], count: int = 3) -> list[str]:
    """The choices `word` is most likely a misspelling of, closest first."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=count, cutoff=0.6)
    if not close and len(word) >= 3:  # long misspellings ('reptitions') still share a stem
        close = [c for c in options if c[:3] == word[:3]][:count]
    return close
