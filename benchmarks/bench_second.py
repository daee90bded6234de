"""Issue 11: how late the shown second flips, measured through the app's own refresh path.

The real app runs headless (Textual's run_test) against the real monotonic clock. A 75 s
hold counts down, a set of reps counts up for 20 s until Enter, and tempo reps change
number every 3 s. Every time the player's timer text changes within a segment, the true
boundary of that second is worked out from the session (the segment's start in active
time plus the whole seconds shown), and compared with two moments:

- drawn: the player has put the new text into its widgets (the end of its refresh);
- frame: Textual has composed the next frame for the terminal (what a person sees).

Cues are measured the same way: the active time at which each reached the cue player,
minus the time it was due.

    .venv/bin/python benchmarks/bench_second.py            # about 2 minutes
    .venv/bin/python benchmarks/bench_second.py --busy     # the same with every core kept busy
    .venv/bin/python benchmarks/bench_second.py --short    # about 30 s, for a quick look
    .venv/bin/python benchmarks/bench_second.py --smoke    # about 7 s, a check that it runs
"""

from __future__ import annotations

import asyncio
import gc
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("BACKCOACH_HOME", tempfile.mkdtemp())  # never the user's history

from common import cores_kept_busy, median, percentile, row, sized

from backcoach.audio.cues import Cue
from backcoach.core.clock import MonotonicClock
from backcoach.core.model import Exercise, ExerciseStep, Routine
from backcoach.core.plan import build_plan
from backcoach.core.session import State
from backcoach.core.settings import Settings
from backcoach.ui.app import BackcoachApp
from backcoach.ui.screens.player import PlayerScreen

HOLD = Exercise("bench-hold", "Bench hold")
REPS = Exercise("bench-reps", "Bench reps")


def bench_routine(hold_seconds: int, count_up_seconds: int, tempo: int) -> Routine:
    steps = (
        ExerciseStep(HOLD, duration=hold_seconds),
        ExerciseStep(REPS, reps=10, countdown=0),
        ExerciseStep(REPS, reps=max(2, count_up_seconds // tempo), tempo=tempo),
    )
    return Routine(id="bench", title="Bench", steps=steps)


def shown_and_boundary(state: State) -> tuple[str, float] | None:
    """What the big timer shows, and the active time at which it started showing it."""
    segment = state.segment
    if not state.started or state.paused or segment is None:
        return None
    start = state.elapsed - state.segment_elapsed
    if state.rep is not None and segment.tempo:
        return f"rep {state.rep}", start + (state.rep - 1) * segment.tempo
    remaining = state.segment_remaining
    if remaining is None:
        whole = math.floor(state.segment_elapsed)
        return f"up {whole}", start + whole
    left = math.ceil(remaining)
    return f"down {left}", start + state.segment_length - left


class TimedCues:
    """A silent cue player that notes how late each cue reached it."""

    voice = False
    muted = False
    has_voice = False

    def __init__(self) -> None:
        self.workout = None
        self.late: list[float] = []

    def play(self, cue: Cue) -> None:
        if self.workout is not None:
            self.late.append(self.workout.active_time() - cue.at)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def close(self, linger: float = 0.0) -> None:
        pass


class Watch:
    """Hooks around the player's draw and the app's frame output; production code runs."""

    def __init__(self) -> None:
        self.drawn: list[float] = []
        self.framed: list[float] = []
        self.draws = 0
        self.frames = 0
        self._last: tuple[int, str] | None = None
        self._awaiting_frame: tuple[float, str] | None = None  # a change not yet on a frame
        self.worst: list[tuple[float, str]] = []  # frame lateness and what flipped
        self.workout = None

    def install(self) -> None:
        watch = self
        draw = PlayerScreen._draw
        display = BackcoachApp._display

        def timed_draw(player: PlayerScreen, state: State) -> None:
            draw(player, state)
            watch.draws += 1
            shown = shown_and_boundary(state)
            segment = state.segment
            if shown is None or segment is None:
                return
            text, boundary = shown
            key = (segment.position, text)
            previous, watch._last = watch._last, key
            if previous is None or previous[0] != segment.position or previous == key:
                return  # a new segment starts on a key or an end, not on a second
            watch.drawn.append(player.workout.active_time() - boundary)
            watch._awaiting_frame = boundary, text

        def timed_display(app: BackcoachApp, screen, renderable) -> None:
            display(app, screen, renderable)
            if renderable is None or not isinstance(screen, PlayerScreen):
                return
            watch.frames += 1
            if watch._awaiting_frame is not None:
                boundary, text = watch._awaiting_frame
                late = screen.workout.active_time() - boundary
                watch.framed.append(late)
                watch.worst.append((late, text))
                watch._awaiting_frame = None

        PlayerScreen._draw = timed_draw  # type: ignore[method-assign]
        BackcoachApp._display = timed_display  # type: ignore[method-assign]


async def play(
    hold_seconds: int, count_up_seconds: int, tempo: int, watch: Watch, cues: TimedCues
) -> float:
    plan = build_plan(bench_routine(hold_seconds, count_up_seconds, tempo))
    # As cli.py launches the app: the collector paused until the first frame, then
    # resumed by the app with what the start-up built frozen out of its walks.
    gc.disable()
    app = BackcoachApp(
        plan,
        sound=True,  # the silent cue player stands in for the real one
        clock_factory=MonotonicClock,
        cues=cues,
        settings=Settings(notice_accepted=True, checkins=False),
        save=lambda settings: None,
    )
    started = time.monotonic()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        cues.workout = player.workout
        await pilot.press("enter")
        while app.screen is player and not player.workout.finished:
            state = player.workout.state()
            segment = state.segment
            if segment and segment.waits_for_user and state.segment_elapsed > count_up_seconds:
                await pilot.press("enter")
            await asyncio.sleep(0.25)
    return time.monotonic() - started


def report(name: str, late: list[float], goal: str = "") -> None:
    ms = [value * 1000 for value in late]
    if not ms:  # a run too short for any (a smoke run on a slow machine)
        row(f"{name} (0 flips)", "none", goal)
        return
    row(
        f"{name} ({len(ms)} flips)",
        f"p50 {median(ms):.1f} / p99 {percentile(ms, 0.99):.1f} / max {max(ms):.1f} ms",
        goal,
    )


def main() -> None:
    short = "--short" in sys.argv
    hold_seconds, count_up_seconds, tempo = sized((15, 6, 3) if short else (75, 20, 3), (2, 1, 1))
    watch, cues = Watch(), TimedCues()
    watch.install()
    if "--busy" in sys.argv:
        with cores_kept_busy():
            took = asyncio.run(play(hold_seconds, count_up_seconds, tempo, watch, cues))
    else:
        took = asyncio.run(play(hold_seconds, count_up_seconds, tempo, watch, cues))
    load = "every core kept busy" if "--busy" in sys.argv else "no extra load"
    print(
        f"The shown second (issue 11): {took:.0f} s of a real run, {load}, {os.cpu_count()} cores"
    )
    report("shown second drawn, after its true boundary", watch.drawn)
    report("shown second on a frame, after its true boundary", watch.framed, "goal p99 <= 20 ms")
    report("cue handed to the cue player, after it fell due", cues.late, "cues and digits agree")
    early = [value for value in watch.drawn if value < 0]
    row("seconds shown before their boundary", str(len(early)), "goal 0")
    worst = ", ".join(f"{text} {late * 1000:.0f} ms" for late, text in sorted(watch.worst)[-3:])
    print(f"  the three latest frames, by what they showed: {worst}")
    row("player refreshes, per second of the run", f"{watch.draws / took:.2f}")
    row("frames the player sent, per second of the run", f"{watch.frames / took:.2f}")


if __name__ == "__main__":
    main()
