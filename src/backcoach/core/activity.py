"""A run, a ride or a walk, as a watch file or the person tells it: the values only.

Readers (activities/) turn FIT, GPX and TCX files into these; the store keeps them; the
running-load rules (core/running.py) read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

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
