"""Small builders shared by the tests."""

from __future__ import annotations

from typing import Any

from backcoach.audio.cues import Cue
from backcoach.audio.output import CueOutput
from backcoach.core.model import Exercise, ExerciseStep, RestStep, Routine

PIRIFORMIS = Exercise("supine-piriformis-stretch", "Piriformis stretch")
PRESS_UP = Exercise("prone-press-up", "Prone press-up")
DEADLIFT = Exercise("stiff-legged-deadlift", "Stiff-legged deadlift")


def exercise(
    exercise_id: str = "test-exercise", name: str = "Test exercise", **kwargs: Any
) -> Exercise:
    """A made-up exercise, so that tests never depend on the bundled library's wording."""
    return Exercise(exercise_id, name, **kwargs)


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


class RecordingCues:
    """Stands in for the cue player: remembers what it was asked to play."""

    def __init__(self, has_voice: bool = False) -> None:
        self.played: list[Cue] = []
        self.muted = False
        self.voice = has_voice
        self.closed = False
        self.linger: float | None = None
        self._has_voice = has_voice

    @property
    def has_voice(self) -> bool:
        return self._has_voice

    def play(self, cue: Cue) -> None:
        if not self.muted and not self.closed:
            self.played.append(cue)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def close(self, linger: float = 0.0) -> None:
        self.closed = True
        self.linger = linger


_: type[CueOutput] = RecordingCues  # mypy checks that the stand-in keeps up with the real one
