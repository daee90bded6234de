"""A run, a ride or a walk, as a watch file or the person tells it: the values only.

Readers (activities/) turn FIT, GPX and TCX files into these; the store keeps them; the
running-load rules (core/running.py) read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

from backcoach.core.durations import DurationError, parse_duration
from backcoach.core.wording import quoted

UTC = timezone.utc


class Sport(Enum):
    RUN = "run"
    RIDE = "ride"
    WALK = "walk"
    OTHER = "other"


class Effort(Enum):
    """How hard a run felt, as the person logs it; sprints are what the sources warn of."""

    EASY = "easy"
    STEADY = "steady"
    HARD = "hard"
    INTERVALS = "intervals"
    SPRINTS = "sprints"


@dataclass(frozen=True)
class Activity:
    sport: Sport
    started_at: datetime
    """Aware, in the UTC offset the file (or the person) gave it."""
    seconds: float
    """Moving time where the file knows it, else the elapsed time."""
    metres: float | None
    """None when the file has no distance (a treadmill run without a foot pod)."""
    ascent_m: float | None = None
    heart_rate: int | None = None
    """Average beats per minute, where known."""
    source: str = ""
    """The file's name (without its folder); empty when logged by hand."""
    effort: Effort | None = None
    shoes: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """The same activity read twice (the same file, or a GPX and a FIT of one run)
        has the same sport and the same start to the second, whatever offset each gave."""
        return self.sport.value, self.started_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ActivityInputError(ValueError):
    """A distance or a time that cannot be read; the message says how to write it."""


_DISTANCE = re.compile(r"^\s*([0-9]{1,6}(?:\.[0-9]{1,3})?)\s*(km|mi|m)\s*$", re.IGNORECASE)
_METRES_IN = {"km": 1000.0, "mi": 1609.344, "m": 1.0}
MAX_METRES = 1_000_000
"""Further than any single run, ride or walk a person logs by hand (1,000 km)."""


def parse_distance(text: str) -> float:
    """Metres from "5km", "3.1 mi" or "800m"."""
    match = _DISTANCE.match(text)
    if match is None:
        raise ActivityInputError(
            f"{quoted(text.strip())} is not a distance; write it with its unit, like 5km, "
            "3.1mi or 800m"
        )
    metres = float(match.group(1)) * _METRES_IN[match.group(2).lower()]
    if not 0 < metres <= MAX_METRES:
        raise ActivityInputError(
            f"{quoted(text.strip())} is not a distance one activity covers; check the number"
        )
    return metres


_CLOCK = re.compile(r"^\s*(?:([0-9]{1,3}):)?([0-9]{1,3}):([0-5][0-9])\s*$")
MAX_ACTIVITY_SECONDS = 7 * 24 * 3600


def parse_time(text: str) -> float:
    """Seconds from "28:30", "1:02:03", or a duration like "45m" or "1h30m"."""
    match = _CLOCK.match(text)
    if match is not None:
        hours, minutes, seconds = (int(group or 0) for group in match.groups())
        if hours and minutes > 59:
            match = None
        else:
            total = float(hours * 3600 + minutes * 60 + seconds)
    if match is None:
        try:
            total = float(parse_duration(text))
        except DurationError:
            raise ActivityInputError(
                f"{quoted(text.strip())} is not a time; write it as minutes and seconds like "
                "28:30, hours like 1:02:03, or 45m"
            ) from None
    if not 0 < total <= MAX_ACTIVITY_SECONDS:
        raise ActivityInputError(
            f"{quoted(text.strip())} is not how long one activity lasts; check the number"
        )
    return total


def pace(activity: Activity) -> str:
    """Minutes per km for a run or a walk, km/h for a ride; empty without a distance."""
    if not activity.metres or not activity.seconds:
        return ""
    if activity.sport is Sport.RIDE:
        return f"{activity.metres / activity.seconds * 3.6:.1f} km/h"
    per_km = round(activity.seconds / (activity.metres / 1000))
    return f"{per_km // 60}:{per_km % 60:02d} /km"


def kilometres(metres: float | None) -> str:
    return "" if metres is None else f"{metres / 1000:.2f} km"
