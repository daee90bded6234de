"""When the player next needs to refresh, worked out from the session against a fake clock."""

from __future__ import annotations

import pytest

from backcoach.core.clock import FakeClock
from backcoach.core.durations import format_clock, format_countdown
from backcoach.core.plan import build_plan
from backcoach.core.session import Session
from backcoach.core.ticks import until_next_whole, until_shown_change
from tests.helpers import hold, manual_reps, rest, routine, tempo_reps


def play(*steps, started=True):
    clock = FakeClock()
    session = Session(build_plan(routine(*steps)), clock)
    if started:
        session.start()
    return session, clock


def wait_of(session):
    return until_shown_change(session.state(), session.next_due())


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, 1.0), (0.25, 0.75), (2.999, 0.001), (3.0, 1.0), (-4.3, 0.3), (-4.0, 1.0)],
)
def test_the_next_whole_number_is_a_full_second_away_once_on_one(value, expected):
    assert until_next_whole(value) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("steps", "into", "expected"),
    [
        # a 30 s hold without cues in the way: the countdown flips on each whole second
        ((hold(30, countdown=0),), 0.0, 1.0),
        ((hold(30, countdown=0),), 0.4, 0.6),
        ((hold(30, countdown=0),), 7.0, 1.0),
        # a 25 s hold: halfway falls at 12.5 s, between two seconds, and is woken for
        ((hold(25, countdown=0),), 12.2, 0.3),
        ((hold(25, countdown=0),), 12.5, 0.5),
        # a rest counts down like a hold
        ((hold(5, countdown=0), rest(20), hold(5)), 5.75, 0.25),
        # a set of reps that waits for Enter counts up, a second at a time, for as long as it takes
        ((manual_reps(10),), 0.5, 0.5),
        ((manual_reps(10),), 250.0, 1.0),
        # tempo reps: the rep number changes every tempo seconds, on a second
        ((tempo_reps(5, tempo=3),), 2.5, 0.5),
        ((tempo_reps(5, tempo=3),), 3.0, 1.0),
    ],
)
def test_the_wait_reaches_the_next_change_of_what_is_shown(steps, into, expected):
    session, clock = play(*steps)
    clock.advance(into)
    assert wait_of(session) == pytest.approx(expected)


@pytest.mark.parametrize(
    "steps",
    [(hold(30),), (manual_reps(8),), (tempo_reps(4, tempo=2),), (hold(5), rest(10), hold(5))],
)
def test_nothing_shown_changes_before_the_wait_is_over_and_something_does_at_its_end(steps):
    """The player's digits, counted up or down, and its 'done' clock, walked second by second."""

    def shown(session):
        state = session.state()
        remaining = state.segment_remaining
        digits = (
            format_clock(state.segment_elapsed)
            if remaining is None
            else format_countdown(remaining)
        )
        return (state.segment, state.rep, digits, format_clock(state.elapsed))

    session, clock = play(*steps)
    clock.advance(0.37)  # off the whole seconds, as a real start would be
    for _ in range(25):
        wait = wait_of(session)
        if wait is None:
            break
        before = shown(session)
        clock.advance(wait - 0.001)
        assert shown(session) == before
        clock.advance(0.001 + 1e-9)  # the player wakes a hair late too, past float rounding
        assert shown(session) != before


def test_a_segment_entered_off_the_second_flips_on_its_own_seconds_and_on_the_clocks():
    """Enter ends a set 0.4 s into a second: the rest's countdown and the routine's clock
    flip at different moments, and each is woken for."""
    session, clock = play(manual_reps(5), rest(10), hold(10))
    clock.advance(6.4)
    session.done()
    assert wait_of(session) == pytest.approx(0.6)  # the routine's clock reaches 7
    clock.advance(0.6)
    assert wait_of(session) == pytest.approx(0.4)  # the rest has 9 s left at 7.4
    clock.advance(0.4)
    assert wait_of(session) == pytest.approx(0.6)


def test_ready_paused_and_finished_sessions_never_wake_the_player():
    session, clock = play(hold(10), started=False)
    assert wait_of(session) is None
    clock.advance(50)
    assert wait_of(session) is None  # the ready screen stays as it is however long it waits
    session.start()
    clock.advance(3.3)
    session.pause()
    assert wait_of(session) is None
    clock.advance(100)
    assert wait_of(session) is None
    session.resume()
    assert wait_of(session) == pytest.approx(0.7)  # the pause moved nothing
    session.stop()
    assert wait_of(session) is None


def test_skipping_and_adding_time_keep_the_wait_on_the_new_segments_seconds():
    session, clock = play(hold(20, countdown=0), hold(20, countdown=0))
    clock.advance(4.25)
    session.next()  # the second hold starts at 4.25
    clock.advance(0.5)
    # the routine's clock reaches 5 after 0.25 s; the new hold's 19 s are 0.75 s away
    assert wait_of(session) == pytest.approx(0.25)
    clock.advance(0.25)
    assert wait_of(session) == pytest.approx(0.25)
    session.extend()
    assert wait_of(session) == pytest.approx(0.25)
