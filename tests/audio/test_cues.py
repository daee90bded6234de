"""The exact cue sequence for a routine with prep, sides, sets, tempo reps and rests.

The exercises are made up here, so a review of the bundled library's names and stop
rules never breaks these tests.
"""

from __future__ import annotations

from backcoach.audio.cues import HIGH, LOW, TOP, cue_for
from backcoach.core.clock import FakeClock
from backcoach.core.model import ExerciseStep, RestStep, Routine
from backcoach.core.plan import build_plan
from backcoach.core.session import Session
from tests.helpers import exercise

STRETCH = exercise(
    "test-stretch", "Seated stretch", stop_if=("You feel pinching, tingling or pain",)
)
PRESS = exercise("test-press", "Floor press", stop_if=("Pain spreads down your leg.",))
WALK = exercise("test-walk", "Easy walk")


def cues_of(routine, until=10_000):
    clock = FakeClock()
    session = Session(build_plan(routine), clock)
    session.start()
    clock.advance(until)
    return [cue for cue in map(cue_for, session.poll()) if cue is not None]


def test_cue_sequence_and_times():
    routine = Routine(
        "t",
        "T",
        (
            ExerciseStep(
                STRETCH,
                duration=10,
                sides=("left", "right"),
                prep=3,
                switch=3,
                sets=2,
                rest=5,
                countdown=2,
            ),
            RestStep(4, countdown=0),
            ExerciseStep(PRESS, reps=3, tempo=2, countdown=2),
        ),
    )
    assert [(c.sound, c.at) for c in cues_of(routine)] == [
        ("start", 0), ("tick", 1), ("go", 2),          # prep 3 s
        ("start", 3), ("halfway", 8), ("tick", 11), ("go", 12),   # left hold
        ("halfway", 13), ("tick", 14), ("go", 15),      # switch 3 s (the switch cue)
        ("start", 16), ("halfway", 21), ("tick", 24), ("go", 25),  # right
        ("rest", 26), ("tick", 29), ("go", 30),        # rest 5 s after set 1
        ("start", 31), ("halfway", 36), ("tick", 39), ("go", 40),
        ("halfway", 41), ("tick", 42), ("go", 43),
        ("start", 44), ("halfway", 49), ("tick", 52), ("go", 53),
        ("rest", 54), ("tick", 57), ("go", 58),        # the step's rest also follows its last set
        ("rest", 59),                                  # the rest step, no countdown
        ("start", 63), ("rep", 63), ("rep", 65), ("rep", 67),  # tempo reps
        ("end", 69),
    ]  # fmt: skip


def test_spoken_words_name_the_step_side_and_what_is_next():
    routine = Routine(
        "t",
        "T",
        (
            ExerciseStep(PRESS, reps=10, tempo=3, prep=5, sets=2, rest=60),
            ExerciseStep(STRETCH, duration=30, sides=("left", "right")),
        ),
    )
    speech = [c.speech for c in cues_of(routine) if c.speech]
    assert speech[0] == "Get ready. Next: floor press, 10 reps."
    assert speech[1].startswith("Floor press, 10 reps. Stop if pain spreads down your leg.")
    assert speech[2] == "Rest, 1 minute. Next: floor press, 10 reps."
    assert "Last set." in speech[3]
    assert (
        "Seated stretch, left side, 30 seconds. Stop if you feel pinching, tingling or pain."
        in speech
    )
    assert "Switch sides. Next: seated stretch, right side, 30 seconds." in speech
    assert speech[-1] == "Routine complete. Well done."


def test_step_announcements_outrank_ticks():
    cues = cues_of(Routine("t", "T", (ExerciseStep(WALK, duration=5),)))
    start, tick, end = cues[0], cues[1], cues[-1]
    assert start.priority == HIGH > tick.priority == LOW and end.priority == TOP


def test_a_rep_range_is_said_as_8_to_12_reps():
    routine = Routine("t", "T", (ExerciseStep(PRESS, reps=8, reps_top=12, sets=2, rest=10),))
    said = [c.speech for c in cues_of(routine, until=5) if c.speech]
    assert said[0].startswith("Floor press, 8 to 12 reps.")
    clock = FakeClock()
    session = Session(build_plan(routine), clock)
    session.start()
    session.done()
    clock.advance(1)
    (rest,) = [c for c in map(cue_for, session.poll()) if c is not None and c.sound == "rest"]
    assert rest.speech == "Rest, 10 seconds. Next: floor press, 8 to 12 reps."
