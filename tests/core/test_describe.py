"""The words about a step, from one module: every kind of segment in every rendering, and a
rep range that reads the same wherever it is shown or said."""

from __future__ import annotations

import pytest

from backcoach.core import describe
from backcoach.core.durations import Load
from backcoach.core.plan import Kind, Segment, build_plan
from tests.helpers import hold, manual_reps, rest, routine, tempo_reps

PLAN = build_plan(
    routine(
        manual_reps(8, reps_top=12, sets=2, rest=60, load=Load(20, "kg")),
        hold(30, sides=("left", "right"), prep=5),
        tempo_reps(10, tempo=3),
        rest(45),
    )
)


def first(kind: Kind, **where) -> Segment:
    return next(
        s
        for s in PLAN.segments
        if s.kind is kind and all(getattr(s, k) == v for k, v in where.items())
    )


SEGMENTS = {
    "a set of a rep range": first(Kind.WORK, reps=8),
    "a hold on one side": first(Kind.WORK, side="left"),
    "reps at a tempo": first(Kind.WORK, tempo=3),
    "a get-ready": first(Kind.PREP),
    "a side switch": first(Kind.SWITCH),
    "a rest": first(Kind.REST),
}

EXPECTED = {
    "a set of a rep range": (
        "Stiff-legged deadlift, 8–12 reps, 20 kg (set 1 of 2)",
        "Stiff-legged deadlift, 8–12 reps",
        "stiff-legged deadlift, 8 to 12 reps",
        "set 1 of 2 · 8–12 reps · 20 kg",
    ),
    "a hold on one side": (
        "Piriformis stretch, left side, 30s",
        "Piriformis stretch, left side, 30s",
        "piriformis stretch, left side, 30 seconds",
        "Left side",
    ),
    "reps at a tempo": (
        "Prone press-up, 10 reps at 3s each",
        "Prone press-up, 10 reps at 3s each",
        "prone press-up, 10 reps",
        "10 reps, 3s each",
    ),
    "a get-ready": (
        "Get ready: Piriformis stretch, left side",
        "get ready for Piriformis stretch",
        None,
        "Left side",
    ),
    "a side switch": ("Switch to the right side", "switch to the right side", None, "Right side"),
    "a rest": ("Rest 1m", "rest 1m", None, ""),
}


def test_every_kind_has_its_words():
    assert set(describe.LINES) == set(Kind) == set(describe.BRIEFS)
    assert {s.kind for s in SEGMENTS.values()} == set(Kind)


@pytest.mark.parametrize("name", SEGMENTS)
def test_each_kind_in_each_rendering(name):
    segment = SEGMENTS[name]
    line, brief, spoken, detail = EXPECTED[name]
    assert describe.line(segment) == line
    assert describe.brief(segment) == brief
    if spoken is not None:  # only work is said this way (rests and switches have cues of their own)
        assert describe.spoken(segment) == spoken
    assert describe.detail(segment) == detail


@pytest.mark.parametrize(
    ("reps", "top", "shown", "said"),
    [(8, 12, "8–12", "8 to 12"), (10, None, "10", "10"), (10, 10, "10", "10")],
)
def test_a_rep_range_is_shown_with_a_dash_and_said_with_to(reps, top, shown, said):
    assert describe.rep_range(reps, top) == shown
    assert describe.rep_range(reps, top, spoken=True) == said


def test_a_step_line_keeps_the_range():
    (step, *_) = PLAN.routine.steps
    assert describe.step_line(step) == ("Stiff-legged deadlift — 8–12 reps, 2 sets, 20 kg, rest 1m")


@pytest.mark.parametrize(
    ("reps", "planned", "top", "shown"),
    [
        (10, 10, None, "10"),
        (12, 10, None, "12 of 10"),
        (8, 10, None, "8 of 10"),
        (10, 8, 12, "10"),  # anywhere in the range is as planned
        (12, 8, 12, "12"),
        (6, 8, 12, "6 of 8–12"),
        (13, 8, 12, "13 of 8–12"),
        (None, 8, 12, ""),
        (10, None, None, "10"),
    ],
)
def test_the_history_says_reps_against_the_plan(reps, planned, top, shown):
    assert describe.reps_done(reps, planned, top) == shown
