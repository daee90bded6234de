"""Pictures of the main screens at 100×30, with a fake clock so every run draws the same."""

from __future__ import annotations

from backcoach.core.plan import build_plan
from tests.helpers import hold, manual_reps, rest, routine

SIZE = (100, 30)


def test_library(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_player_work(snap_compare, make_app, plan_of, clock):
    async def run_before(pilot):
        await pilot.press("enter")
        clock.advance(16)  # prep 5 s, then 11 s into the first stretch
        pilot.app.screen.refresh_state()
        await pilot.pause()

    assert snap_compare(
        make_app(plan_of("stretch-and-extend")), terminal_size=SIZE, run_before=run_before
    )


def test_player_rest(snap_compare, make_app, clock):
    plan = build_plan(routine(hold(30, sets=2, rest=45), rest(60)))

    async def run_before(pilot):
        await pilot.press("enter")
        clock.advance(40)
        pilot.app.screen.refresh_state()
        await pilot.pause()

    assert snap_compare(make_app(plan), terminal_size=SIZE, run_before=run_before)


def test_player_reps(snap_compare, make_app, plan_of, clock):
    async def run_before(pilot):
        await pilot.press("enter")
        clock.advance(25)  # prep 10 s, then 15 s into the first set of deadlifts
        pilot.app.screen.refresh_state()
        await pilot.pause()

    assert snap_compare(make_app(plan_of("strength")), terminal_size=SIZE, run_before=run_before)


def test_player_paused(snap_compare, make_app, plan_of, clock):
    async def run_before(pilot):
        await pilot.press("enter")
        clock.advance(8)
        await pilot.press("space")

    assert snap_compare(
        make_app(plan_of("pre-run-warmup")), terminal_size=SIZE, run_before=run_before
    )


def test_finish(snap_compare, make_app, clock):
    plan = build_plan(routine(manual_reps(10, sets=2, rest=30), hold(20)))

    async def run_before(pilot):
        await pilot.press("enter", "enter", "n", "n", "n")
        clock.advance(20)
        pilot.app.screen.refresh_state()
        await pilot.pause()

    assert snap_compare(make_app(plan), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.press("question_mark")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_player_small_terminal(snap_compare, make_app, plan_of, clock):
    async def run_before(pilot):
        await pilot.press("enter")
        clock.advance(16)
        pilot.app.screen.refresh_state()
        await pilot.pause()

    assert snap_compare(
        make_app(plan_of("stretch-and-extend")), terminal_size=(40, 12), run_before=run_before
    )
