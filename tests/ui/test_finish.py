"""The finish screen says what happened: every set done, some, none, or stopped early.

The words themselves are core.wording.finish_words's, tested in tests/core."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from backcoach.core.plan import build_plan
from backcoach.ui.screens.finish import FinishScreen
from tests.helpers import hold, manual_reps, routine


@pytest.mark.parametrize(
    ("keys", "words"),
    [
        (("enter", "enter", "enter"), "Well done.  Test: 2 of 2 sets"),
        (("enter", "n", "enter"), "Finished, with 1 set skipped.  Test: 1 of 2 sets"),
        (("enter", "n", "n"), "Every set was skipped"),
    ],
    ids=["all done", "partly done", "none done"],
)
async def test_the_finish_screen_never_praises_what_was_not_done(make_app, keys, words):
    app = make_app(build_plan(routine(manual_reps(10), manual_reps(8))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        title = str(app.screen.query_one("#finish-title", Static).render())
        assert title.startswith(words)
        assert ("Well done" in title) == (words.startswith("Well done"))


async def test_a_hold_skipped_at_once_is_not_praised(make_app, clock):
    app = make_app(build_plan(routine(hold(30), hold(30))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n", "n")
        await pilot.pause()
        title = str(app.screen.query_one("#finish-title", Static).render())
        assert "Well done" not in title and "0 of 2 sets" in title


async def test_a_practice_run_says_practice_while_it_plays_and_at_the_end(make_app):
    app = make_app(build_plan(routine(manual_reps(10))))
    app.practice = True  # as `play --speed 2` makes it
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "PRACTICE" in str(app.screen.query_one("#phase", Static).render())
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        title = str(app.screen.query_one("#finish-title", Static).render())
        assert "PRACTICE: kept, but not counted as last time or toward a target" in title


async def test_a_usual_run_says_nothing_of_practice(make_app):
    app = make_app(build_plan(routine(manual_reps(10))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "PRACTICE" not in str(app.screen.query_one("#phase", Static).render())
