"""Durations and loads as people write them ("1m30s", "20 kg"), and times as people read them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backcoach.core.wording import plural, quoted

MAX_SECONDS = 4 * 60 * 60
"""Longer than any sensible single step; a bigger number is almost always a typo."""

# Each pattern is written once, in the dialect Python and JSON Schema (ECMA-262) share, and
# the schema is built from it: the loader and the editor can never disagree.
DURATION_PATTERN = (
    r"^\s*(?=[0-9])(?:([0-9]+)\s*|(?:([0-9]+)\s*h\s*)?(?:([0-9]+)\s*m\s*)?(?:([0-9]+)\s*s\s*)?)$"
)
"""A bare number of seconds, or hours, minutes and seconds: 45, 45s, 1m30s, 1h.

Every run of spaces has exactly one place in the pattern that can take it, so a matcher
never tries the ways of sharing a long run between several: a quoted string of a million
spaces is refused in linear time, by Python and by an editor's JSON Schema checker alike.
"""

MAX_DIGITS = 9
"""More digits than any duration or load needs; int() refuses past 4,300 of them."""

MAX_LOAD = 1000
"""Kilograms or pounds; a bigger number is a typo (and a big enough one is infinite)."""

BODYWEIGHT_WORD = "bodyweight"
LOAD_UNITS = ("kg", "lb", "lbs")
LOAD_PATTERN = r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(" + "|".join(LOAD_UNITS) + r")\s*$"
"""An amount and a unit, matched without regard to case: 20 kg, 22.5 KG, 45 lb."""

_DURATION = re.compile(DURATION_PATTERN)
_LOAD = re.compile(LOAD_PATTERN, re.IGNORECASE)


class DurationError(ValueError):
    """A duration or load that cannot be read; the message says how to write it."""


def parse_duration(text: str) -> int:
    """Whole seconds from "45s", "1m30s", "5m", "1h" or a bare number of seconds."""
    match = _DURATION.match(text)
    if match is None:
        raise DurationError(
            f"{quoted(text.strip())} is not a duration; write seconds like 45s, minutes like 1m30s, or a number"
        )
    if any(len(group) > MAX_DIGITS for group in match.groups() if group):
        raise DurationError(
            f"{quoted(text.strip())} is far longer than {MAX_SECONDS // 3600} hours; check the number"
        )
    bare, hours, minutes, seconds = (int(group or 0) for group in match.groups())
    return bare + hours * 3600 + minutes * 60 + seconds


def format_clock(seconds: float) -> str:
    """M:SS, or H:MM:SS from an hour up; rounds down so a countdown never shows 0:00 early."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_countdown(seconds: float) -> str:
    """Like format_clock, but rounds up: 4.2 s left reads 0:05 until it really is 4."""
    whole = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    return format_clock(max(0, whole))


def format_duration(seconds: int) -> str:
    """Short human form for plans and speech: 45s, 1m30s, 2m."""
    minutes, secs = divmod(int(seconds), 60)
    if minutes and secs:
        return f"{minutes}m{secs:02d}s"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"


def spoken_duration(seconds: int) -> str:
    """For speech: "30 seconds", "1 minute 30 seconds"."""
    minutes, secs = divmod(int(seconds), 60)
    words = []
    if minutes:
        words.append(plural(minutes, "minute"))
    if secs or not minutes:
        words.append(plural(secs, "second"))
    return " ".join(words)


@dataclass(frozen=True)
class Load:
    """What the user lifts: an amount with a unit, or their own body weight."""

    amount: float | None
    unit: str

    def __str__(self) -> str:
        if self.amount is None:
            return self.unit
        amount = int(self.amount) if self.amount == int(self.amount) else self.amount
        return f"{amount} {self.unit}"


BODYWEIGHT = Load(None, "bodyweight")


def parse_load(text: str) -> Load:
    """A Load from "20 kg", "45 lb" or "bodyweight"."""
    if text.strip().lower() == BODYWEIGHT_WORD:
        return BODYWEIGHT
    match = _LOAD.match(text)
    if match is None:
        raise DurationError(
            f"{quoted(text.strip())} is not a load; write it like 20 kg, 45 lb or bodyweight"
        )
    amount, unit = float(match[1]), match[2].lower()
    unit = "lb" if unit == "lbs" else unit
    if amount > MAX_LOAD:
        raise DurationError(
            f"a load of {quoted(match[1])} {unit} is more than {MAX_LOAD} {unit}; check the number"
        )
    return Load(amount, unit)


# -- rep ranges and load steps (progression) -------------------------------------------------

REPS_RANGE_PATTERN = r"^\s*([0-9]{1,9})\s*[-–]\s*([0-9]{1,9})\s*$"
"""A rep range such as 8-12 (an en dash is read too: people paste them from documents)."""

PROGRESS_UNITS = ("kg", "lb", "lbs", "%")
PROGRESS_PATTERN = r"^\s*([0-9]{1,9}(?:\.[0-9]{1,9})?)\s*(" + "|".join(PROGRESS_UNITS) + r")\s*$"
"""How much a load goes up by: 2.5 kg, 5 lb or 5 %; the unit matched without regard to case."""

MAX_PROGRESS_PERCENT = 50
"""A bigger step at once is a typo; the sourced advice is 2 to 10 %."""

_REPS_RANGE = re.compile(REPS_RANGE_PATTERN)
_PROGRESS = re.compile(PROGRESS_PATTERN, re.IGNORECASE)


def parse_reps_range(text: str) -> tuple[int, int]:
    """(low, high) from "8-12"; DurationError when it is not a range (order is not checked)."""
    match = _REPS_RANGE.match(text)
    if match is None:
        raise DurationError(
            f"{quoted(text.strip())} is not a number of reps; write 10, or a range such as 8-12"
        )
    return int(match[1]), int(match[2])


@dataclass(frozen=True)
class Progress:
    """The step a load goes up by when the back agrees: an amount of kg or lb, or a percent."""

    amount: float
    unit: str  # kg, lb or %

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def __str__(self) -> str:
        amount = int(self.amount) if self.amount == int(self.amount) else self.amount
        return f"{amount}%" if self.is_percent else f"{amount} {self.unit}"


def parse_progress(text: str) -> Progress:
    """A Progress from "2.5 kg", "5 lb" or "5%"; DurationError saying how to write it."""
    match = _PROGRESS.match(text)
    if match is None:
        raise DurationError(
            f"{quoted(text.strip())} is not a load step; write it like 2.5 kg, 5 lb or 5%"
        )
    amount, unit = float(match[1]), match[2].lower()
    unit = "lb" if unit == "lbs" else unit
    if amount <= 0:
        raise DurationError(
            f"a load step of {quoted(text.strip())} adds nothing; make it more than 0"
        )
    if unit == "%" and amount > MAX_PROGRESS_PERCENT:
        raise DurationError(
            f"a load step of {quoted(text.strip())} is over {MAX_PROGRESS_PERCENT}%; "
            "the usual step is 2 to 10%"
        )
    if unit != "%" and amount > MAX_LOAD:
        raise DurationError(
            f"a load step of {quoted(text.strip())} is more than {MAX_LOAD} {unit}; check the number"
        )
    return Progress(amount, unit)
