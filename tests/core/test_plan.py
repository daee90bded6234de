from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.core import describe
from backcoach.core.library import load_library
from backcoach.core.model import ExerciseStep, RestStep
from backcoach.core.plan import (
    MAX_SEGMENTS,
    MAX_TOTAL_SECONDS,
    Kind,
    PlanTooLarge,
    build_plan,
    step_seconds,
    step_segments,
)
from tests.helpers import PIRIFORMIS, hold, manual_reps, rest, routine, tempo_reps


def kinds(plan):
    return [(s.kind.value, s.side, s.set_number) for s in plan.segments]


def test_the_issue_example_totals_three_minutes():
    # 2 sets of a 30 s hold on both sides, 5 s switch, 10 s rest; then 10 reps at 3 s.
    plan = build_plan(
        routine(hold(30, sets=2, sides=("left", "right"), switch=5, rest=10), tempo_reps(10, 3))
    )
    assert plan.total == 180
    assert kinds(plan) == [
        ("work", "left", 1), ("switch", "right", 1), ("work", "right", 1), ("rest", None, 1),
        ("work", "left", 2), ("switch", "right", 1), ("work", "right", 2), ("rest", None, 1),
        ("work", None, 1),
    ]  # fmt: skip


def test_offsets_are_the_running_sum_of_lengths():
    plan = build_plan(routine(hold(20, prep=5, sets=3, rest=10), rest(30), tempo_reps(5, 2)))
    offset = 0
    for segment in plan.segments:
        assert segment.offset == offset
        offset += segment.seconds
    assert plan.total == offset


def test_no_rest_after_the_routines_last_set():
    plan = build_plan(routine(hold(30, sets=2, rest=15), rest(60)))
    assert plan.segments[-1].kind is Kind.WORK
    assert plan.total == 75


def test_prep_comes_once_before_the_first_set_and_names_the_first_side():
    plan = build_plan(routine(hold(30, prep=5, sets=2, sides=("right", "left", "right"), rest=10)))
    assert plan.segments[0].kind is Kind.PREP and plan.segments[0].side == "right"
    assert sum(s.kind is Kind.PREP for s in plan.segments) == 1
    assert [s.side for s in plan.work_segments()] == ["right", "left", "right"] * 2


def test_reps_without_tempo_are_an_estimate_marked_as_such():
    plan = build_plan(routine(manual_reps(10)))
    (segment,) = plan.segments
    assert segment.waits_for_user and plan.is_estimate and segment.seconds > 0
    assert not build_plan(routine(tempo_reps())).is_estimate


def test_only_the_last_side_of_a_set_ends_it():
    plan = build_plan(routine(hold(10, sides=("left", "right"), sets=2)))
    assert [s.ends_set for s in plan.work_segments()] == [False, True, False, True]


def test_describe_reads_like_a_sentence():
    plan = build_plan(routine(hold(30, sets=2, sides=("left", "right"))))
    right_set_two = plan.work_segments()[3]
    assert describe.line(right_set_two) == "Piriformis stretch, right side, 30s (set 2 of 2)"


def test_every_bundled_routine_plans_to_a_sensible_length():
    library = load_library()
    ids = {e.id for e in library.entries}
    assert ids == {
        "pre-run-warmup",
        "core",
        "stretch-and-extend",
        "strength",
        "desk-break",
        "ice-heat",
    }
    for entry in library.entries:
        assert entry.routine is not None, entry.loaded.problems.items
        assert 60 <= build_plan(entry.routine).total <= 45 * 60


# -- the caps -------------------------------------------------------------------------------

_sides = st.sampled_from([(), ("left",), ("left", "right"), ("right", "left", "right")])
_steps = st.lists(
    st.one_of(
        st.builds(
            ExerciseStep,
            exercise=st.just(PIRIFORMIS),
            duration=st.one_of(st.none(), st.integers(1, 60)),
            reps=st.integers(1, 12),
            tempo=st.one_of(st.none(), st.integers(1, 5)),
            sets=st.integers(1, 5),
            sides=_sides,
            rest=st.integers(0, 30),
            prep=st.integers(0, 10),
            switch=st.integers(0, 10),
        ),
        st.builds(RestStep, st.integers(1, 60)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(steps=_steps)
def test_counting_a_step_gives_what_expanding_it_gives(steps):
    """The loader's caps count segments and seconds per step without expanding; the count
    must be exactly the expansion (an exercise is appended so no trailing rest is dropped)."""
    closing = ExerciseStep(PIRIFORMIS, duration=1, prep=0)
    plan = build_plan(routine(*steps, closing))
    assert len(plan.segments) == sum(step_segments(s) for s in steps) + 1
    assert plan.total == sum(step_seconds(s) for s in steps) + 1


def test_build_plan_refuses_a_routine_past_the_caps_before_expanding_it():
    # Expanded, this would be a trillion segments: the refusal has to come first.
    with pytest.raises(PlanTooLarge):
        build_plan(routine(hold(30, sets=10**12)))
    with pytest.raises(PlanTooLarge):
        build_plan(routine(*[hold(4 * 3600)] * 4))


def test_a_plan_at_the_caps_is_built():
    at_segments = build_plan(routine(hold(1, sets=MAX_SEGMENTS)))
    assert len(at_segments.segments) == MAX_SEGMENTS
    at_time = build_plan(routine(*[hold(4 * 3600)] * 3))
    assert at_time.total == MAX_TOTAL_SECONDS
