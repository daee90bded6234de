"""The session announces every set it records, and every correction, as an event."""

from __future__ import annotations

from backcoach.core.clock import FakeClock
from backcoach.core.durations import Load
from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome, Session, SetRecorded
from tests.helpers import hold, manual_reps, routine


def recorded(events):
    return [e for e in events if isinstance(e, SetRecorded)]


def test_each_side_of_each_set_is_announced_once_when_it_ends():
    clock = FakeClock()
    session = Session(build_plan(routine(hold(10, sides=("left", "right"), sets=2))), clock)
    session.start()
    clock.advance(1000)
    events = recorded(session.poll())
    assert [(e.segment.side, e.segment.set_number, e.at) for e in events] == [
        ("left", 1, 10),
        ("right", 1, 25),
        ("left", 2, 35),
        ("right", 2, 50),
    ]
    assert all(e.record.outcome is Outcome.DONE and not e.corrected for e in events)


def test_a_skipped_set_and_a_stop_mid_set_are_announced_as_skipped():
    clock = FakeClock()
    session = Session(build_plan(routine(manual_reps(10), manual_reps(8), hold(30))), clock)
    session.start()
    clock.advance(20)
    session.next()
    clock.advance(5)
    session.stop()
    events = recorded(session.poll())
    assert [(e.segment.position, e.record.outcome, e.record.reps) for e in events] == [
        (0, Outcome.SKIPPED, 0),
        (1, Outcome.SKIPPED, 0),
    ]


def test_a_correction_is_announced_and_a_skipped_set_with_reps_becomes_done():
    clock = FakeClock()
    session = Session(build_plan(routine(manual_reps(10, sets=2, rest=60))), clock)
    session.start()
    clock.advance(5)
    session.next()
    session.poll()
    session.adjust(0, reps=7, load=Load(20.0, "kg"))
    (event,) = recorded(session.poll())
    assert event.corrected
    assert (event.record.outcome, event.record.reps, str(event.record.load)) == (
        Outcome.DONE,
        7,
        "20 kg",
    )
    assert session.records[0] == event.record


def test_a_corrected_load_carries_forward_to_the_later_sets_of_that_exercise():
    clock = FakeClock()
    plan = build_plan(
        routine(manual_reps(10, sets=3, rest=30, load=Load(20.0, "kg")), hold(10, countdown=0))
    )
    session = Session(plan, clock)
    session.start()
    clock.advance(20)
    session.done()
    session.poll()
    session.adjust(0, load=Load(22.5, "kg"))
    later = plan.segments[2]
    assert str(session.load_for(later)) == "22.5 kg"
    for _ in range(2):
        clock.advance(40)
        session.poll()
        session.done()
    clock.advance(100)
    session.poll()
    loads = [str(session.records[s.position].load) for s in plan.work_segments()[:3]]
    assert loads == ["22.5 kg", "22.5 kg", "22.5 kg"]
    assert session.load_for(plan.work_segments()[3]) is None  # another exercise keeps its own
