"""Small builders shared by the tests."""

from __future__ import annotations

from collections.abc import Callable
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


def routine(*steps: ExerciseStep | RestStep, title: str = "Test") -> Routine:
    return Routine(id="test", title=title, steps=tuple(steps))


def hold(seconds: int = 30, **kwargs: Any) -> ExerciseStep:
    return ExerciseStep(PIRIFORMIS, duration=seconds, **kwargs)


def tempo_reps(reps: int = 10, tempo: int = 3, **kwargs: Any) -> ExerciseStep:
    return ExerciseStep(PRESS_UP, reps=reps, tempo=tempo, **kwargs)


def manual_reps(reps: int = 10, **kwargs: Any) -> ExerciseStep:
    return ExerciseStep(DEADLIFT, reps=reps, **kwargs)


def rest(seconds: int) -> RestStep:
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


# -- what a Textual screen shows ------------------------------------------------------------
# Textual has no public call for a screen's text. These are the one place the suite reaches
# into it (the compositor that export_screenshot also uses), so that a Textual release that
# moves it breaks one helper, not the tests that read the screen.


def screen_text(app: Any, through: bool = True) -> str:
    """What the terminal shows, row by row; with `through`, any screen seen through the one
    on top is composed in, as export_screenshot composes it."""
    stack = app._background_screens if through else None
    update = app.screen._compositor.render_update(full=True, screen_stack=stack)
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def footer_keys(screen: Any) -> dict[str, str]:
    """The footer's keys and their words, as a person reads them (queried by the widget's
    type name: Textual does not export FooterKey)."""
    return {key.key: key.description for key in screen.query("FooterKey")}


def notified(app: Any) -> list[str]:
    """Every toast the app shows from now on, recorded at App.notify, the public call that
    every notification (a screen's or a widget's too) goes through."""
    messages: list[str] = []
    notify = app.notify

    def record(message: Any, *args: Any, **kwargs: Any) -> Any:
        messages.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = record
    return messages


async def settle(pilot: Any, ready: Callable[[], bool], seconds: float = 5.0) -> None:
    """Pause until `ready()` holds, for at most `seconds`: work the app defers past a
    refresh (the library reads the history after its first frame) can take more than one
    pause on a busy machine. The caller's assertion then says what never came."""
    await pilot.pause()
    for _ in range(int(seconds / 0.02)):
        if ready():
            return
        await pilot.pause(0.02)
