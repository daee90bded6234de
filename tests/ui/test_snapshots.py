"""Pictures of the main screens at 100×30, with a fake clock so every run draws the same.

The player's pictures, at four sizes and in four states, are in test_player_layout.py."""

from __future__ import annotations

from backcoach.core.plan import build_plan
from tests.helpers import hold, manual_reps, routine

SIZE = (100, 30)


def test_library(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


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
