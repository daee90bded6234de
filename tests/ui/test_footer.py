"""The footer keeps the keys a person needs to leave, get help or pause at every size, and
drops the others whole rather than cutting one in half at the right edge."""

from __future__ import annotations

import pytest

from backcoach.ui.keys import LIBRARY_KEYS, PLAYER_KEYS, bindings
from backcoach.ui.screens.finish import FinishScreen
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen
from backcoach.ui.widgets.footer import KeysFooter
from tests.helpers import screen_text

SIZES = [(100, 30), (60, 20), (40, 12)]


def footer_line(app) -> str:
    """The footer's row as the terminal shows it."""
    return screen_text(app, through=False).splitlines()[-1]


def shown_keys(app) -> list:
    return [key for key in app.screen.query_one(KeysFooter).query("FooterKey") if key.display]


def assert_no_key_is_cut(app) -> None:
    width = app.size.width
    line = footer_line(app)
    for key in shown_keys(app):
        assert key.region.right <= width
        assert key.description in line


def assert_footer_keeps(app, *labels: str) -> None:
    """The footer shows `labels` with help and quit, and cuts no key at the edge."""
    line = footer_line(app)
    for label in (*labels, "? Help", "q Quit"):
        assert label in line
    assert_no_key_is_cut(app)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_library_footer_keeps_help_and_quit(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert_footer_keeps(app, "Start")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_player_footer_keeps_pause_help_and_quit(make_app, plan_of, size):
    app = make_app(plan_of("desk-break"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        line = footer_line(app)
        assert "Start" in line and "? Help" in line and "q Quit" in line
        await pilot.press("enter")  # started: Space pauses
        await pilot.pause()
        assert_footer_keeps(app, "space Pause")
        await pilot.press("space")
        await pilot.pause()
        assert_footer_keeps(app, "space Resume")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_finish_footer_keeps_help_and_quit(make_app, plan_of, size):
    app = make_app(plan_of("desk-break"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        while not isinstance(app.screen, FinishScreen):
            await pilot.press("n")
        await pilot.pause()
        line = footer_line(app)
        assert "Done" in line and "? Help" in line and "q Quit" in line


async def test_lesser_keys_are_dropped_whole_and_come_back_when_there_is_room(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert "Edit" not in footer_line(app)
        assert_no_key_is_cut(app)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert "e Edit" in footer_line(app) and "palette" in footer_line(app)


@pytest.mark.parametrize("table", [PLAYER_KEYS, LIBRARY_KEYS], ids=["player", "library"])
def test_the_essential_keys_are_bound_first_and_help_keeps_the_table_order(table):
    essential = [key for key in table if key.keys and key.essential]
    bound = bindings(table)
    assert [(b.key, b.action) for b in bound[: len(essential)]] == [  # type: ignore[union-attr]
        (key.keys, key.action) for key in essential
    ]
