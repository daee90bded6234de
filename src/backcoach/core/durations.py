"""Durations and loads as people write them ("1m30s", "20 kg"), and times as people read them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backcoach.core.wording import plural

MAX_SECONDS = 4 * 60 * 60
"""Longer than any sensible single step; a bigger number is almost always a typo."""

_DURATION = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m)?\s*(?:(?P<s>\d+)\s*s)?\s*$")
_LOAD = re.compile(r"^\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>kg|lb|lbs)\s*$", re.IGNORECASE)


class DurationError(ValueError):
    """A duration or load that cannot be read; the message says how to write it."""


def parse_duration(text: str) -> int:
    """Whole seconds from "45s", "1m30s", "5m", "1h" or a bare number of seconds."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    match = _DURATION.match(text)
    if not text or match is None or not any(match.groupdict().values()):
        raise DurationError(
            f"'{text}' is not a duration; write seconds like 45s, minutes like 1m30s, or a number"
        )
    parts = {key: int(value or 0) for key, value in match.groupdict().items()}
    return parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


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
    if text.strip().lower() == "bodyweight":
        return BODYWEIGHT
    match = _LOAD.match(text)
    if match is None:
        raise DurationError(f"'{text}' is not a load; write it like 20 kg, 45 lb or bodyweight")
    unit = match["unit"].lower()
    return Load(float(match["amount"]), "lb" if unit == "lbs" else unit)
