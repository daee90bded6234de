"""The workout owns the person's intents: each one's events and records reach its
listeners (the recorder first) at once, without waiting for a player to poll."""

from __future__ import annotations

import pytest

from backcoach.core.clock import FakeClock
from backcoach.core.durations import Load
from backcoach.core.plan import build_plan
from backcoach.core.session import Event, Finished, SetRecorded
from backcoach.workout import Workout
from tests.helpers import hold, manual_reps, routine

PLAN = build_plan(routine(manual_reps(10, sets=2, rest=30, load=Load(20, "kg")), hold(30)))


@pytest.fixture
def heard():
    return []


@pytest.fixture
def workout(heard):
    workout = Workout(PLAN, FakeClock())
    workout.subscribe(heard.append)
    workout.start()
    workout.poll()
    heard.clear()
    return workout


def recorded(events: list[Event]) -> list[tuple[int | None, str]]:
    return [
        (e.record.reps, str(e.record.load))
        for e in events
        if isinstance(e, SetRecorded) and e.record is not None
    ]


def test_a_set_done_is_recorded_at_once(workout, heard):
    workout.done(12)
    assert recorded(heard) == [(12, "20 kg")]


def test_a_correction_is_recorded_at_once(workout, heard):
    workout.done(12)
    heard.clear()
    workout.correct(PLAN.work_segments()[0].position, reps=11, load=Load(22.5, "kg"))
    assert recorded(heard) == [(11, "22.5 kg")]


def test_a_skip_is_recorded_as_skipped_at_once(workout, heard):
    workout.next()
    assert [e.record.outcome.value for e in heard if isinstance(e, SetRecorded)] == ["skipped"]


def test_stopping_ends_the_run_at_once(workout, heard):
    workout.done()
    workout.stop()
    assert isinstance(heard[-1], Finished) and not heard[-1].completed


def test_pausing_and_going_on_move_nothing(workout):
    workout.clock.advance(5)
    workout.pause()
    workout.clock.advance(600)
    workout.resume()
    assert workout.active_time() == pytest.approx(5)
    assert workout.extend() is False  # a set of reps waits for Enter: nothing to make longer
