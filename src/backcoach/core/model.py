"""The routine model: frozen values that the loader builds and the planner reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core.durations import Load, Progress

SIDES = ("left", "right")


@dataclass(frozen=True)
class Exercise:
    """One movement from the library (or written inline in a routine)."""

    id: str
    name: str
    cues: tuple[str, ...] = ()
    caution: str | None = None
    stop_if: tuple[str, ...] = ()
    picture: str | None = None
    source: str = "bundled"  # bundled, user, or inline


@dataclass(frozen=True)
class Defaults:
    """Settings that apply to every step unless the step says otherwise."""

    prep: int = 0
    rest: int = 0
    countdown: int = 3
    switch: int = 5


@dataclass(frozen=True)
class FlareRule:
    """What a step becomes in flare-up mode: left out, another exercise, or smaller numbers.

    A field left as None keeps the step's own value.
    """

    skip: bool = False
    exercise: Exercise | None = None
    sets: int | None = None
    reps: int | None = None
    duration: int | None = None
    load: Load | None = None


@dataclass(frozen=True)
class ExerciseStep:
    """An exercise done for time or for reps, possibly in sets and on each side."""

    exercise: Exercise
    duration: int | None = None
    reps: int | None = None
    tempo: int | None = None
    sets: int = 1
    sides: tuple[str, ...] = ()
    load: Load | None = None
    rest: int = 0
    prep: int = 0
    switch: int = 5
    countdown: int = 3
    line: int = 0
    reps_top: int | None = None
    """The top of a rep range (reps: 8-12); `reps` is then its bottom."""
    progress: Progress | None = None
    """How much the load goes up once every set reaches the top and the back agrees."""
    flare: FlareRule | None = None  # the gentler version played in flare-up mode

    @property
    def waits_for_user(self) -> bool:
        """Reps without a tempo end when the user says the set is done."""
        return self.reps is not None and self.tempo is None

    @property
    def top_reps(self) -> int | None:
        """The reps that count as the top: a range's top, or the one number given."""
        return self.reps_top if self.reps_top is not None else self.reps


@dataclass(frozen=True)
class RestStep:
    """A rest on its own, between exercises."""

    seconds: int
    countdown: int = 3
    line: int = 0


Step = ExerciseStep | RestStep


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    tags: tuple[str, ...] = ()
    defaults: Defaults = field(default_factory=Defaults)
    path: Path | None = None
    source: str = "bundled"  # bundled or user
    target: int | None = None  # sessions a week to aim for
    apart: int = 0  # whole days to leave between two sessions
    flare: bool = False  # the flare-up variant, made by core.flare.flare_variant
