from __future__ import annotations

from backcoach.core.library import load_library
from backcoach.core.plan import Kind, build_plan
from tests.helpers import hold, manual_reps, rest, routine, tempo_reps


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
    assert right_set_two.describe() == "Piriformis stretch, right side, 30s (set 2 of 2)"


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
