"""Problems found in a user's file, each pinned to a line and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
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

    def add(self, line: int, column: int, message: str, severity: str = "error") -> None:
        self.items.append(Problem(self.path, line, column, message, severity))

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if p.is_error), key=lambda p: (p.line, p.column))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.line, p.column))


def did_you_mean(word: str, choices: Iterable[str], count: int = 3) -> str:
    """' (did you mean x or y?)' for close matches, or '' when nothing is close."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=count, cutoff=0.6)
    if not close and len(word) >= 3:  # long misspellings ('reptitions') still share a stem
        close = [c for c in options if c[:3] == word[:3]][:count]
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"
