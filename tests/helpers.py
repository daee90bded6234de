"""Small builders shared by the tests."""

from __future__ import annotations

from backcoach.core.model import Exercise, ExerciseStep, RestStep, Routine

PIRIFORMIS = Exercise("supine-piriformis-stretch", "Piriformis stretch")
PRESS_UP = Exercise("prone-press-up", "Prone press-up")
DEADLIFT = Exercise("stiff-legged-deadlift", "Stiff-legged deadlift")


def routine(*steps, title: str = "Test") -> Routine:
    return Routine(id="test", title=title, steps=tuple(steps))


def hold(seconds=30, **kwargs) -> ExerciseStep:
    return ExerciseStep(PIRIFORMIS, duration=seconds, **kwargs)


def tempo_reps(reps=10, tempo=3, **kwargs) -> ExerciseStep:
    return ExerciseStep(PRESS_UP, reps=reps, tempo=tempo, **kwargs)


def manual_reps(reps=10, **kwargs) -> ExerciseStep:
    return ExerciseStep(DEADLIFT, reps=reps, **kwargs)


def rest(seconds) -> RestStep:
    return RestStep(seconds)
