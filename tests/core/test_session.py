"""The session engine against a fake clock: no real time passes in these tests."""

from __future__ import annotations

import pytest

from backcoach.core.clock import FakeClock
from backcoach.core.model import RestStep
from backcoach.core.plan import Kind, build_plan
from backcoach.core.session import (
    CountdownTick,
    Finished,
    Halfway,
    Outcome,
    Rep,
    RestStarted,
    SegmentStarted,
    Session,
    SetDone,
    SetRecorded,
    SwitchSides,
)
from tests.helpers import hold, manual_reps, rest, routine, tempo_reps


def play(*steps):
    clock = FakeClock()
    session = Session(build_plan(routine(*steps)), clock)
    session.start()
    return session, clock


def timing(events):
    """The events that mark time; set records are checked on their own."""
    return [e for e in events if not isinstance(e, SetRecorded)]


def names(events):
    return [type(e).__name__ for e in timing(events)]


def test_a_hold_emits_start_halfway_countdown_and_finish_at_exact_times():
    session, clock = play(hold(20, countdown=3))
    clock.advance(100)
    events = session.poll()
    assert [(type(e).__name__, e.at) for e in timing(events)] == [
        ("SegmentStarted", 0),
        ("Halfway", 10),
        ("CountdownTick", 17),
        ("CountdownTick", 18),
        ("CountdownTick", 19),
        ("SetDone", 20),
        ("Finished", 20),
    ]
    assert [e.seconds_left for e in events if isinstance(e, CountdownTick)] == [3, 2, 1]
    assert session.finished and events[-1].completed


def test_each_event_is_emitted_once_however_often_we_poll():
    session, clock = play(hold(12, countdown=2))
    seen = []
    for _ in range(200):
        seen += session.poll()
        clock.advance(0.1)
    assert names(seen) == [
        "SegmentStarted", "Halfway", "CountdownTick", "CountdownTick", "SetDone", "Finished",
    ]  # fmt: skip


def test_a_late_poll_returns_everything_due_in_order_with_due_times():
    session, clock = play(hold(10, countdown=0), RestStep(10, countdown=0), hold(10, countdown=0))
    session.poll()
    clock.advance(25)  # a busy loop: the poll comes 15 s after the rest began
    events = session.poll()
    assert [(type(e).__name__, e.at) for e in timing(events)] == [
        ("Halfway", 5), ("SetDone", 10), ("RestStarted", 10), ("SegmentStarted", 20),
        ("Halfway", 25),
    ]  # fmt: skip
    assert session.state().segment_elapsed == pytest.approx(5)


def test_overshoot_carries_into_the_next_segment():
    session, clock = play(hold(10, countdown=0), hold(10, countdown=0))
    clock.advance(10.7)
    session.poll()
    state = session.state()
    assert state.segment.position == 1 and state.segment_elapsed == pytest.approx(0.7)


def test_pause_shifts_everything_later_by_exactly_its_length():
    session, clock = play(hold(20, countdown=1))
    assert names(session.poll()) == ["SegmentStarted"]
    clock.advance(4)
    session.pause()
    clock.advance(37.5)
    assert session.poll() == []
    assert session.state().paused and session.state().segment_elapsed == pytest.approx(4)
    session.resume()
    clock.advance(16)
    events = session.poll()
    assert [(type(e).__name__, e.at) for e in timing(events)] == [
        ("Halfway", 10), ("CountdownTick", 19), ("SetDone", 20), ("Finished", 20),
    ]  # fmt: skip
    assert clock.now() == pytest.approx(20 + 37.5)


def test_a_paused_session_does_not_move():
    session, clock = play(hold(20))
    session.poll()
    session.toggle_pause()
    before = session.state()
    clock.advance(60)
    assert session.poll() == []
    assert session.state() == before


def test_sides_emit_switch_sides_and_sets_emit_set_done():
    session, clock = play(hold(10, sides=("left", "right"), switch=5, sets=2, rest=10, countdown=0))
    clock.advance(1000)
    events = session.poll()
    summary = [
        (type(e).__name__, e.at, e.segment.side if e.segment else None) for e in timing(events)
    ]
    assert summary == [
        ("SegmentStarted", 0, "left"), ("Halfway", 5, "left"),
        ("SwitchSides", 10, "right"),
        ("SegmentStarted", 15, "right"), ("Halfway", 20, "right"), ("SetDone", 25, "right"),
        ("RestStarted", 25, None),
        ("SegmentStarted", 35, "left"), ("Halfway", 40, "left"),
        ("SwitchSides", 45, "right"),
        ("SegmentStarted", 50, "right"), ("Halfway", 55, "right"), ("SetDone", 60, "right"),
        ("Finished", 60, "right"),
    ]  # fmt: skip


def test_started_events_say_what_comes_next():
    session, _ = play(hold(10), rest(15), tempo_reps(5, 2))
    (started,) = [e for e in session.poll() if isinstance(e, SegmentStarted)]
    assert started.next.kind is Kind.REST and started.next.seconds == 15


def test_tempo_reps_are_counted_one_cue_per_rep():
    session, clock = play(tempo_reps(reps=4, tempo=3))
    clock.advance(7)
    assert session.state().rep == 3
    clock.advance(100)
    reps = [e for e in session.poll() if isinstance(e, Rep)]
    assert [(e.number, e.of, e.at) for e in reps] == [(1, 4, 0), (2, 4, 3), (3, 4, 6), (4, 4, 9)]


def test_reps_without_tempo_wait_for_done():
    session, clock = play(manual_reps(10, sets=2, rest=30))
    clock.advance(600)
    assert names(session.poll()) == ["SegmentStarted"]
    assert session.next_due() is None and session.state().segment_remaining is None
    session.done()
    events = session.poll()
    assert [(type(e).__name__, e.at) for e in timing(events)] == [
        ("SetDone", 600),
        ("RestStarted", 600),
    ]
    assert session.records[0].outcome is Outcome.DONE and session.records[0].seconds == 600


def test_next_skips_and_records_the_skip():
    session, clock = play(hold(30), hold(30))
    clock.advance(5)
    session.next()
    events = session.poll()
    assert [(type(e).__name__, e.at) for e in timing(events)][-1] == ("SegmentStarted", 5)
    assert session.records[0].outcome is Outcome.SKIPPED
    assert not any(isinstance(e, SetDone) for e in events)


def test_next_on_the_last_segment_finishes_as_not_completed_work():
    session, clock = play(hold(30))
    clock.advance(2)
    session.next()
    events = session.poll()
    assert isinstance(events[-1], Finished) and events[-1].at == 2
    assert session.finished


def test_previous_restarts_after_three_seconds_else_goes_back():
    session, clock = play(hold(30), hold(30))
    clock.advance(31)
    session.poll()
    session.previous()  # 1 s into the second hold: back to the first
    assert session.state().segment.position == 0
    clock.advance(10)
    session.previous()  # 10 s in: restart the same one
    state = session.state()
    assert state.segment.position == 0 and state.segment_elapsed == 0


def test_previous_on_the_first_segment_restarts_it():
    session, clock = play(hold(30))
    clock.advance(1)
    session.previous()
    clock.advance(0)
    assert session.state().segment.position == 0 and session.state().segment_elapsed == 0


def test_restart_replays_the_segments_events():
    session, clock = play(hold(20, countdown=0))
    clock.advance(15)
    assert "Halfway" in names(session.poll())
    session.previous()
    clock.advance(12)
    assert names(session.poll()) == ["SegmentStarted", "Halfway"]


def test_extend_lengthens_a_hold_and_moves_its_countdown():
    session, clock = play(hold(20, countdown=2), hold(10))
    clock.advance(18.5)
    ticks = [e for e in session.poll() if isinstance(e, CountdownTick)]
    assert [t.at for t in ticks] == [18]
    assert session.extend(15)
    clock.advance(100)
    events = session.poll()
    assert [(type(e).__name__, e.at) for e in timing(events)][:3] == [
        ("CountdownTick", 33), ("CountdownTick", 34), ("SetDone", 35),
    ]  # fmt: skip


def test_extend_does_not_apply_to_counted_reps():
    session, _ = play(tempo_reps())
    assert not session.extend()
    session2, _ = play(manual_reps())
    assert not session2.extend()


def test_extend_a_rest():
    session, clock = play(hold(10, countdown=0), rest(30), hold(10))
    clock.advance(15)
    session.poll()
    session.extend()
    assert session.state().segment_length == 45


def test_stop_finishes_early_and_keeps_what_was_done():
    session, clock = play(hold(10, countdown=0), hold(10, countdown=0))
    clock.advance(14)
    session.poll()
    session.stop()
    (finished,) = timing(session.poll())
    assert isinstance(finished, Finished) and not finished.completed and finished.at == 14
    assert session.records[0].outcome is Outcome.DONE
    assert session.records[1].outcome is Outcome.SKIPPED


def test_intents_after_finish_are_ignored():
    session, clock = play(hold(5))
    clock.advance(10)
    session.poll()
    for intent in (session.next, session.previous, session.done, session.pause, session.stop):
        intent()
    assert session.poll() == [] and session.finished


def test_state_reports_progress_and_remaining():
    session, clock = play(hold(30), rest(30), hold(40))
    clock.advance(45)
    state = session.state()
    assert state.segment.kind is Kind.REST
    assert state.segment_remaining == pytest.approx(15)
    assert state.remaining_total == pytest.approx(55)
    assert state.progress == pytest.approx(45 / 100)


def test_adjust_corrects_reps_and_load():
    from backcoach.core.durations import Load

    session, _ = play(manual_reps(10))
    session.done()
    session.adjust(0, reps=8, load=Load(22.5, "kg"))
    assert (session.records[0].reps, str(session.records[0].load)) == (8, "22.5 kg")


def test_rest_started_and_switch_sides_are_their_own_events():
    session, clock = play(hold(10, sides=("left", "right"), switch=3, rest=5, sets=2))
    clock.advance(500)
    events = session.poll()
    assert sum(isinstance(e, SwitchSides) for e in events) == 2
    assert sum(isinstance(e, RestStarted) for e in events) == 1
    assert sum(isinstance(e, Halfway) for e in events) == 4


def test_shorten_takes_time_off_a_rest_and_moves_what_follows():
    session, clock = play(hold(10, countdown=0), rest(60), hold(10, countdown=0))
    clock.advance(15)
    session.poll()
    assert session.shorten(15)
    assert session.state().segment_length == 45
    clock.advance(40)  # 55 s in: the shortened rest ended at 55
    started = [e for e in session.poll() if isinstance(e, SegmentStarted)]
    assert [e.at for e in started] == [55]


def test_shorten_below_what_has_passed_ends_it_now():
    session, clock = play(rest(30), hold(10, countdown=0))
    clock.advance(20)
    session.poll()
    assert session.shorten(15)
    state = session.state()
    assert state.segment is not None and state.segment.kind is Kind.WORK
    assert state.segment_elapsed == 0  # the hold begins now, at 20 s


def test_shorten_does_not_apply_to_counted_reps():
    session, _ = play(manual_reps())
    assert not session.shorten()


def test_skip_exercise_skips_every_set_side_and_rest_of_the_step():
    session, clock = play(
        hold(10, sides=("left", "right"), sets=2, rest=20, countdown=0), hold(5, countdown=0)
    )
    clock.advance(3)
    session.poll()
    session.skip_exercise()
    events = session.poll()
    skipped = [e.record for e in events if isinstance(e, SetRecorded)]
    assert [(r.segment.side, r.segment.set_number, r.outcome) for r in skipped] == [
        ("left", 1, Outcome.SKIPPED),
        ("right", 1, Outcome.SKIPPED),
        ("left", 2, Outcome.SKIPPED),
        ("right", 2, Outcome.SKIPPED),
    ]
    state = session.state()
    assert state.segment is not None and state.segment.step_index == 1  # the next exercise
    assert [type(e).__name__ for e in timing(events)] == ["SegmentStarted"]  # no cue burst


def test_skip_exercise_on_the_last_step_finishes():
    session, _ = play(manual_reps(sets=3))
    session.skip_exercise()
    events = session.poll()
    assert isinstance(events[-1], Finished) and events[-1].sets_done == 0
