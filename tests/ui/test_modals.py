"""The first-start notice and help on small terminals: nothing accepted unseen."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from backcoach.ui.dialogs.modals import HelpScreen, NoticeScreen
from backcoach.ui.screens.library import LibraryScreen
from tests.helpers import footer_keys


def rows_on_screen(body: VerticalScroll) -> range:
    top = round(body.scroll_y)
    return range(top, top + body.scrollable_content_region.height)


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20), (40, 12)])
async def test_enter_reads_the_notice_on_until_all_of_it_was_on_screen_then_accepts(make_app, size):
    app = make_app(accepted=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        notice = app.screen
        assert isinstance(notice, NoticeScreen)
        body = notice.query_one("#read-body", VerticalScroll)
        seen = set(rows_on_screen(body))
        presses = 0
        while isinstance(app.screen, NoticeScreen):
            assert presses < 40, "Enter never accepted the notice"
            if len(seen) < body.virtual_size.height:
                assert footer_keys(notice)["enter"] == "Read on"
                assert "More below" in str(notice.query_one("#read-hint").render())
            else:
                assert footer_keys(notice)["enter"] == "Accept"
                assert "Enter: I have read this" in str(notice.query_one("#read-hint").render())
            assert not app.saved
            await pilot.press("enter")
            await pilot.pause()
            presses += 1
            if isinstance(app.screen, NoticeScreen):
                seen |= set(rows_on_screen(body))
        assert seen == set(range(body.virtual_size.height))  # every row, the warning signs too
        assert isinstance(app.screen, LibraryScreen)
    assert app.saved[-1].notice_accepted
    assert (presses == 1) == (size == (100, 30))  # all of it fits at 100x30: Enter at once


async def test_jumping_to_the_end_of_the_notice_still_reads_on_from_the_first_row_missed(
    make_app,
):
    app = make_app(accepted=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        notice = app.screen
        body = notice.query_one("#read-body", VerticalScroll)
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert footer_keys(notice)["enter"] == "Read on"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        assert 0 < body.scroll_y < body.max_scroll_y  # back to what was skipped


async def test_at_40x12_q_quits_the_unread_notice_and_question_mark_opens_help(make_app):
    app = make_app(accepted=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
    assert app.return_code == 0 and not app.saved


async def test_help_at_40x12_scrolls_to_the_warning_signs_and_its_footer_names_its_keys(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert footer_keys(help_screen) == {"escape": "Close"}
        body = help_screen.query_one(".dialog-body", VerticalScroll)
        signs = help_screen.query_one(".red-flags")
        seen = set(rows_on_screen(body))
        await pilot.press("down")
        assert body.scroll_y == 1  # a row at a time with the arrows
        # Then a page at a time, unanimated: a page never jumps past a row unseen, and each
        # key costs the test a tenth of a second, too much for 190 rows one at a time.
        app.animation_level = "none"
        for _ in range(200):
            seen |= set(rows_on_screen(body))
            if body.scroll_y >= body.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        top = signs.virtual_region.y  # the signs' rows within the scrolled text
        assert set(range(top, top + signs.virtual_region.height)) <= seen
