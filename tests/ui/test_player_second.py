"""The player sleeps until the shown second changes, then wakes on its timer.

The fake clock never moves on its own: each test advances it to the moment the player
asked to be woken and calls what the timer calls, so no test waits on real time.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static

from backcoach.core.plan import build_plan
from backcoach.ui.screens.player import SETTLE
from backcoach.ui.widgets.bigclock import BigClock
from tests.helpers import hold, manual_reps, routine, tempo_reps


def digits(player) -> str:
    return player.query_one("#timer", BigClock).value


def done_clock(player) -> str:
    """'0:07' from '0:07 done · 4:53 to go'."""
    return str(player.query_one("#times", Static).render()).split(" done", 1)[0]


async def fire(pilot, player, clock, seconds: float) -> None:
    """Let `seconds` of routine time pass, then fire the timer as Textual would."""
    clock.advance(seconds)
    player.second_reached()
    await pilot.pause()


async def wake(pilot, player, clock) -> None:
    """Fire the timer when it is set to: the wait the player asked for, and a hair more."""
    await fire(pilot, player, clock, player.refresh_due + SETTLE)


async def test_the_countdown_flips_when_the_timer_fires_on_the_boundary(make_app, clock):
    app = make_app(build_plan(routine(hold(30, countdown=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        assert player.refresh_timer is None  # the ready screen waits for Enter, not a timer
        await pilot.press("enter")
        assert digits(player) == "0:30" and done_clock(player) == "0:00"
        assert player.refresh_timer is not None and player.refresh_due == 1.0
        await fire(pilot, player, clock, 0.999)  # a timer that fired a little early
        assert digits(player) == "0:30" and done_clock(player) == "0:00"
        assert player.refresh_due == pytest.approx(0.001)
        await wake(pilot, player, clock)
        assert digits(player) == "0:29" and done_clock(player) == "0:01"
        assert player.refresh_due == pytest.approx(1.0, abs=2 * SETTLE)
        await fire(pilot, player, clock, 5.3)  # a timer that fired late: the seconds stay put
        assert digits(player) == "0:24" and player.refresh_due == pytest.approx(0.7 - SETTLE)


async def test_pausing_stops_the_timer_and_resuming_keeps_the_seconds_where_they_were(
    make_app, clock
):
    app = make_app(build_plan(routine(hold(30, countdown=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        clock.advance(2.4)
        await pilot.press("space")
        assert player.workout.paused and player.refresh_timer is None
        assert player.refresh_due is None
        clock.advance(100)
        await pilot.press("space")
        assert digits(player) == "0:28" and player.refresh_due == pytest.approx(0.6)
        await wake(pilot, player, clock)
        assert digits(player) == "0:27"


async def test_a_set_of_reps_counts_up_a_second_at_a_time(make_app, clock):
    app = make_app(build_plan(routine(manual_reps(10))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        for shown in ("0:01", "0:02", "0:03"):
            assert player.refresh_due == pytest.approx(1.0, abs=2 * SETTLE)
            await wake(pilot, player, clock)
            assert digits(player) == shown


async def test_tempo_reps_change_number_on_the_tempo(make_app, clock, cues):
    app = make_app(build_plan(routine(tempo_reps(4, tempo=3, countdown=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        assert digits(player) == "1"
        for _ in range(3):
            await wake(pilot, player, clock)
        assert digits(player) == "2"
        assert [c.sound for c in cues.played].count("rep") == 2


async def test_a_cue_between_two_seconds_is_woken_for_and_heard_on_time(make_app, clock, cues):
    # 25 s: halfway falls at 12.5 s, half a second from the nearest flip of the digits
    app = make_app(build_plan(routine(hold(25, countdown=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await fire(pilot, player, clock, 12.0)
        assert "halfway" not in [c.sound for c in cues.played]
        assert player.refresh_due == pytest.approx(0.5)
        await wake(pilot, player, clock)
        assert cues.played[-1].sound == "halfway" and cues.played[-1].at == 12.5
        assert digits(player) == "0:13"


async def test_a_dialog_stops_the_timer_and_closing_it_sets_it_where_the_seconds_were(
    make_app, clock
):
    app = make_app(build_plan(routine(hold(30, countdown=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        clock.advance(1.5)
        await pilot.press("question_mark")
        assert app.screen is not player
        assert player.workout.paused and player.refresh_timer is None
        clock.advance(100)
        await pilot.press("escape")
        assert app.screen is player and not player.workout.paused
        assert player.refresh_timer is not None and player.refresh_due == pytest.approx(0.5)
        await pilot.press("space", "question_mark", "escape")  # paused by the person first
        assert player.workout.paused and player.refresh_timer is None


async def test_a_paused_player_still_fits_a_resized_terminal(make_app, clock):
    app = make_app(build_plan(routine(hold(30, countdown=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "space")
        assert not player.has_class("band-s")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert player.has_class("band-s") and player.refresh_timer is None


async def test_a_second_that_moves_only_the_clock_redraws_only_the_clock_and_the_times(
    make_app, clock, monkeypatch
):
    from backcoach.ui.widgets.player_blocks import Words

    redrawn: list[str] = []
    watch = Words.watch_words

    def counted(self, old, new):
        redrawn.append(self.id)
        watch(self, old, new)

    monkeypatch.setattr(Words, "watch_words", counted)
    app = make_app(build_plan(routine(hold(30, countdown=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        redrawn.clear()
        await wake(pilot, player, clock)
        assert digits(player) == "0:29"
        assert redrawn == ["times"]  # the banner, the name, next and the rest stay as drawn
        await pilot.press("space")
        assert "phase" in redrawn  # the banner says PAUSED
