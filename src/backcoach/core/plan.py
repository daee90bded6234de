"""A routine expanded into a flat timeline of segments: prep, work, switch and rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any, NamedTuple

from backcoach.core.durations import Load, format_clock
from backcoach.core.model import Exercise, ExerciseStep, RestStep, Routine
from backcoach.core.wording import estimated

SECONDS_PER_REP_ESTIMATE = 4
"""For reps without a tempo: about 3 s a rep plus a moment to settle; shown as an estimate."""

HALFWAY_MIN_SECONDS = 10
"""Shorter holds get no halfway cue: it would crowd the countdown ticks."""

MAX_SEGMENTS = 10_000
"""The most segments a plan may have: fifty times the longest bundled routine, and still
quick to expand, show and play. The loader refuses a routine over it, step by step."""

MAX_TOTAL_SECONDS = 12 * 60 * 60
"""The longest a routine may last: no session of exercises goes on for half a day."""


class PlanTooLarge(ValueError):
    """A routine over MAX_SEGMENTS or MAX_TOTAL_SECONDS; the loader never lets one through."""


class Kind(str, Enum):
    PREP = "prep"
    WORK = "work"
    SWITCH = "switch"
    REST = "rest"


class Segment(NamedTuple):
    """One stretch of the timeline with a single thing to do.

    A NamedTuple rather than a frozen dataclass: just as immutable, and a 5,000-step
    routine expands into tens of thousands of these, several times faster to build.
    """

    position: int  # where it stands in the plan, from 0
    kind: Kind
    seconds: int  # planned length; an estimate when waits_for_user
    offset: int  # planned start, in seconds from the routine's start
    step_index: int
    exercise: Exercise | None = None
    side: str | None = None
    set_number: int = 1
    set_count: int = 1
    reps: int | None = None
    tempo: int | None = None
    load: Load | None = None
    countdown: int = 0
    waits_for_user: bool = False
    ends_set: bool = False
    first_in_step: bool = False
    reps_top: int | None = None  # the top of a rep range; `reps` is then its bottom

    @property
    def name(self) -> str:
        if self.kind is Kind.REST:
            return "Rest"
        assert self.exercise is not None
        return self.exercise.name

    @property
    def is_hold(self) -> bool:
        return self.kind is Kind.WORK and self.reps is None

    @property
    def has_halfway(self) -> bool:
        return self.is_hold and self.seconds >= HALFWAY_MIN_SECONDS


@dataclass(frozen=True)
class Plan:
    routine: Routine
    segments: tuple[Segment, ...]

    @cached_property  # a plan never changes, and sessions ask for this ten times a second
    def total(self) -> int:
        return sum(s.seconds for s in self.segments)

    @cached_property
    def is_estimate(self) -> bool:
        return any(s.waits_for_user for s in self.segments)

    def short_total(self) -> str:
        """'15:50', or '~15:50' when sets of reps make it an estimate."""
        return estimated(format_clock(self.total), self.is_estimate)

    def work_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.kind is Kind.WORK]


def step_segments(step: ExerciseStep | RestStep) -> int:
    """How many segments a step expands into, counted without expanding it (at most; the
    routine's trailing rests are dropped)."""
    if isinstance(step, RestStep):
        return 1 if step.seconds > 0 else 0
    sides = max(1, len(step.sides))
    per_set = sides + (sides - 1) * (step.switch > 0) + (step.rest > 0)
    return (step.prep > 0) + step.sets * per_set


def step_seconds(step: ExerciseStep | RestStep) -> int:
    """How long a step lasts as planned, counted without expanding it."""
    if isinstance(step, RestStep):
        return max(0, step.seconds)
    sides = max(1, len(step.sides))
    per_set = sides * _work_seconds(step) + (sides - 1) * max(0, step.switch) + max(0, step.rest)
    return max(0, step.prep) + step.sets * per_set


def check_size(routine: Routine) -> None:
    """Raise PlanTooLarge when the routine would expand past the caps."""
    segments = sum(step_segments(step) for step in routine.steps)
    seconds = sum(step_seconds(step) for step in routine.steps)
    if segments > MAX_SEGMENTS or seconds > MAX_TOTAL_SECONDS:
        raise PlanTooLarge(
            f"the routine would have {segments:,} parts lasting {format_clock(seconds)}; "
            f"the most is {MAX_SEGMENTS:,} parts and {MAX_TOTAL_SECONDS // 3600} hours"
        )


def build_plan(routine: Routine) -> Plan:
    """The routine's timeline; PlanTooLarge (before anything is expanded) past the caps."""
    check_size(routine)
    segments: list[Segment] = []
    offset = 0

    def add(kind: Kind, seconds: int, step_index: int, **details: Any) -> None:
        nonlocal offset
        if seconds <= 0:
            return
        segments.append(Segment(len(segments), kind, seconds, offset, step_index, **details))
        offset += seconds

    for step_index, step in enumerate(routine.steps):
        if isinstance(step, RestStep):
            add(Kind.REST, step.seconds, step_index, countdown=step.countdown)
            continue
        _expand_step(step, step_index, add)
    while segments and segments[-1].kind is Kind.REST:  # no rest after the routine's last set
        segments.pop()
    return Plan(routine, tuple(segments))


def _expand_step(step: ExerciseStep, step_index: int, add: Callable[..., None]) -> None:
    sides: tuple[str | None, ...] = step.sides or (None,)
    add(
        Kind.PREP,
        step.prep,
        step_index,
        exercise=step.exercise,
        side=sides[0],
        countdown=step.countdown,
    )
    for set_number in range(1, step.sets + 1):
        for side_number, side in enumerate(sides):
            if side_number:
                add(
                    Kind.SWITCH,
                    step.switch,
                    step_index,
                    exercise=step.exercise,
                    side=side,
                    countdown=step.countdown,
                )
            add(
                Kind.WORK,
                _work_seconds(step),
                step_index,
                exercise=step.exercise,
                side=side,
                set_number=set_number,
                set_count=step.sets,
                reps=step.reps,
                tempo=step.tempo,
                load=step.load,
                countdown=0 if step.reps else step.countdown,
                waits_for_user=step.waits_for_user,
                ends_set=side_number == len(sides) - 1,
                first_in_step=set_number == 1 and side_number == 0,
                reps_top=step.reps_top,
            )
        add(Kind.REST, step.rest, step_index, countdown=step.countdown)


def _work_seconds(step: ExerciseStep) -> int:
    if step.duration is not None:
        return step.duration
    assert step.reps is not None
    # A range is planned at its middle (rounded up): most sets land inside it, and the
    # time is an estimate either way.
    reps = (step.reps + step.reps_top + 1) // 2 if step.reps_top else step.reps
    return reps * (step.tempo or SECONDS_PER_REP_ESTIMATE)
