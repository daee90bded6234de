"""CSV cells, both ways: quoting as csv.writer does, and reading cells into values with
every problem told, for each mapper's `csv_text` and `from_cells`."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from backcoach.store.times import from_text

T = TypeVar("T")

YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
MOMENT = "a date and time with its UTC offset, like 2026-11-17T18:05:00+01:00, and not after today"
MAX_SET_SECONDS = 24 * 60 * 60
"""No set lasts a day; a bigger number (1e308) is a damaged file, not a long hold."""
MAX_REPS = 10_000
PAIN = "a whole number from 0 to 10"
WHOLE_WORDS = "a whole number from 0 (digits only)"
_WHOLE = re.compile(r"[0-9]+")
SPECIAL = re.compile(r'[,"\r\n]')
"""What makes csv.writer quote a cell."""


FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""A cell a spreadsheet would run as a formula (or one that looks like such a cell after
its escape): OWASP's list of the characters that start one."""


def neutral(text: str) -> str:
    """A text a spreadsheet shows as text: one that begins like a formula gets a leading
    apostrophe, which `restored` takes off again, so the round trip stays exact."""
    return "'" + text if FORMULA.match(text) else text


def restored(text: str) -> str:
    """The text `neutral` was given."""
    return text[1:] if text.startswith("'") and FORMULA.match(text[1:]) else text


def quote(text: str) -> str:
    """A cell as csv.writer writes it (the default dialect, QUOTE_MINIMAL): in quotes, its
    quotes doubled, when it holds a comma, a quote or a line break; as it is otherwise.
    A text that begins like a formula is `neutral` first."""
    text = neutral(text)
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def yes_no(flag: object) -> str:
    return "yes" if flag else "no"


def empty_or(value: object) -> str:
    """A number, or an empty cell for none."""
    return "" if value is None else str(value)


class Cells:
    """One CSV row's cells by column name, read into values; each problem is told to
    `problem` (which knows the file and line) and counted in `problems`."""

    def __init__(self, values: dict[str, str], problem: Callable[[str], None]) -> None:
        self.values = {name: restored(text) for name, text in values.items()}
        self.problems = 0
        self._tell = problem

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def problem(self, message: str) -> None:
        self.problems += 1
        self._tell(message)

    def need(self, name: str) -> str:
        """The cell's text; a problem when it is empty."""
        if not self.values[name].strip():
            self.problem(f"{name} is empty")
        return self.values[name]

    def parse(self, name: str, parse: Callable[[str], T], expected: str) -> T | None:
        text = self.values[name]
        try:
            return parse(text)
        except (ValueError, KeyError):  # DurationError and CheckInError are ValueErrors
            shown = f"'{text}'" if text else "empty"
            self.problem(f"{name} is {shown}; it should be {expected}")
            return None

    def maybe(self, name: str, parse: Callable[[str], T], expected: str) -> T | None:
        """None for an empty cell, else as `parse`."""
        return None if self.values[name] == "" else self.parse(name, parse, expected)


def whole(text: str) -> int:
    if not _WHOLE.fullmatch(text) or len(text) > 9:  # a billion reps is a typo
        raise ValueError(text)
    return int(text)


def counting(text: str) -> int:
    number = whole(text)
    if number < 1:
        raise ValueError(text)
    return number


def seconds(text: str) -> float:
    number = float(text)
    if not math.isfinite(number) or not 0 <= number <= MAX_SET_SECONDS:
        raise ValueError(text)
    return number


def reps(text: str) -> int:
    number = whole(text)
    if number > MAX_REPS:
        raise ValueError(text)
    return number


def past_moment(text: str) -> datetime:
    """A moment as `from_text` reads it, no later than tomorrow here (a clock ahead, a
    flight west): a check-in dated 2099 is a damaged file, and would stretch every chart."""
    moment = from_text(text)
    if moment > datetime.now().astimezone() + timedelta(days=1):
        raise ValueError(text)
    return moment


def yes(text: str) -> bool:
    return YES[text.lower()]
