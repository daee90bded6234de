"""Clocks: the session asks one for the time instead of counting ticks."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Routine time, which may run faster than real time for demos and tests."""

    speed: float

    def now(self) -> float:
        """Seconds of routine time from an arbitrary origin; never goes backwards."""
        ...

    def wall_seconds(self, routine_seconds: float) -> float:
        """How long to really wait for this much routine time to pass."""
        ...


class MonotonicClock:
    """Real time from time.monotonic(), optionally run faster for demos and tests."""

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be more than zero")
        self.speed = speed
        self._origin = time.monotonic()

    def now(self) -> float:
        return (time.monotonic() - self._origin) * self.speed

    def wall_seconds(self, routine_seconds: float) -> float:
        """How long to really wait for this much routine time to pass."""
        return routine_seconds / self.speed


class FakeClock:
    """A clock that moves only when a test tells it to."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self.speed = 1.0

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds

    def wall_seconds(self, routine_seconds: float) -> float:
        return routine_seconds
