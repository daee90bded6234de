"""Check-ins in the app, typed key by key: before a routine, after it, and the day after."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.containers import VerticalScroll

from backcoach.core.backcheck import Reach
from backcoach.core.model import Routine
from backcoach.core.plan import build_plan
from backcoach.store import History, Phase
from backcoach.ui.dialogs.checkin import (
    RED_FLAG_QUESTIONS,
    CheckInScreen,
    FlareOfferScreen,
    RedFlagChecklist,
    RedFlagScreen,
)
from backcoach.ui.screens.finish import FinishScreen
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen
from tests.helpers import footer_keys, manual_reps, routine, settle
from tests.store.builders import entry, strength_plan


def one_set() -> Routine:
    return routine(manual_reps(10), title="One set")


def a_strength_routine() -> Routine:
    base = one_set()
    return Routine(id="lifts", title="Lifts", steps=base.steps, tags=("strength",))


def stored(app) -> list[tuple]:
    return [
        (c.phase, c.back, c.leg, c.reach, c.session is not None) for c in app.history.checkins()
    ]


def problem(app) -> str:
    return str(app.screen.query_one("#checkin-problem").render())


async def answer(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_the_check_in_sits_over_the_waiting_player_and_is_kept_with_the_session(make_app):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert isinstance(app.screen_stack[-2], PlayerScreen)
        await answer(pilot, "3", "enter", "2", "enter", "right", "right", "enter")
        assert isinstance(app.screen, PlayerScreen)
        assert not app.workout.started
        await answer(pilot, "enter")  # start: the session row, then its before check
        assert app.workout.started
        await answer(pilot, "q", "y")
    assert stored(app) == [(Phase.BEFORE, 3, 2, Reach.THIGH, True)]


async def test_esc_skips_the_whole_check_in_with_one_key(make_app):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "4", "enter", "escape")
        assert isinstance(app.screen, PlayerScreen)
        await answer(pilot, "enter", "q", "y")
    assert stored(app) == []


async def test_a_score_outside_0_to_10_says_so_and_backspace_corrects_it(make_app):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "enter")
        assert problem(app) == "Type your back pain from 0 to 10, then Enter; Esc skips."
        await answer(pilot, "1", "1", "enter")
        assert problem(app).startswith("Back pain 11 is outside the scale")
        assert app.screen.field == 0
        await answer(pilot, "backspace", "enter")
        assert problem(app) == "" and app.screen.field == 1
        await answer(pilot, "backspace")  # on an empty answer: back to the question before
        assert app.screen.field == 0 and app.screen.typed == ["1", ""]


async def test_the_reach_takes_arrows_and_digits_and_refuses_5(make_app):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "0", "enter", "0", "enter")
        await answer(pilot, "enter")
        assert problem(app).startswith("Pick how far down the leg")
        await answer(pilot, "down", "down", "down", "up")
        assert app.screen.reach is Reach.THIGH
        await answer(pilot, "5")
        assert problem(app) == "The reach is 0 (none) to 4 (the foot)."
        await answer(pilot, "4")
        assert app.screen.reach is Reach.FOOT
        await answer(pilot, "left", "left", "left", "left", "left")
        assert app.screen.reach is Reach.NONE
        await answer(pilot, "3", "enter")
        assert isinstance(app.screen, PlayerScreen)
        await answer(pilot, "enter", "q", "y")
    assert stored(app) == [(Phase.BEFORE, 0, 0, Reach.KNEE, True)]


async def test_any_yes_on_the_red_flag_checklist_shows_the_red_flags_before_anything_starts(
    make_app,
):
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "enter")  # the first routine in the library
        assert isinstance(app.screen, CheckInScreen)
        await answer(pilot, "r")
        assert isinstance(app.screen, RedFlagChecklist)
        await answer(pilot, "n", "n")
        assert "3 of 7" in str(app.screen.query_one("#checklist-question").render())
        await answer(pilot, "y")
        assert isinstance(app.screen, RedFlagScreen)
        text = str(app.screen.query_one(".red-flags").render())
        assert "Get emergency help now" in text
        await answer(pilot, "escape")  # don't start: back to the library, nothing started
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.workout is None


async def test_reading_the_red_flags_returns_to_the_check_in(make_app):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "r", "y")
        assert isinstance(app.screen, RedFlagScreen)
        # At 100x30 the list runs past the screen: Enter reads on, then "I have read this".
        assert footer_keys(app.screen)["enter"] == "Read on"
        await answer(pilot, "enter")
        assert footer_keys(app.screen)["enter"] == "I have read this"
        await answer(pilot, "enter")
        assert isinstance(app.screen, CheckInScreen)
        await answer(pilot, "r", *["n"] * 7)  # none of them: back to the check-in
        assert isinstance(app.screen, CheckInScreen)


async def test_at_40x12_the_red_flags_are_read_through_before_enter_accepts_them(make_app):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(40, 12)) as pilot:
        await answer(pilot, "r")
        checklist = app.screen
        assert isinstance(checklist, RedFlagChecklist)
        for _ in RED_FLAG_QUESTIONS:  # each question and its keys fit on the screen
            for part in ("#checklist-question", ".dialog-hint"):
                region = checklist.query_one(part).region
                assert region.height and region.bottom <= 11, part
            if checklist.index < len(RED_FLAG_QUESTIONS) - 1:
                await answer(pilot, "n")
        await answer(pilot, "y")
        flags = app.screen
        assert isinstance(flags, RedFlagScreen)
        body = flags.query_one("#read-body", VerticalScroll)
        presses = 0
        while isinstance(app.screen, RedFlagScreen):
            assert presses < 40
            await answer(pilot, "enter")
            presses += 1
        assert presses > 5  # a page at a time, down to the end
        assert body.scroll_y == body.max_scroll_y
        assert isinstance(app.screen, CheckInScreen)


async def test_high_pain_before_a_strength_session_offers_flare_up_mode_first(make_app):
    app = make_app(build_plan(a_strength_routine()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "8", "enter", "1", "enter", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FlareOfferScreen)
        assert "Your back pain is 8 out of 10 before a strength session" in app.screen.reason
        await answer(pilot, "s")  # start anyway
        assert isinstance(app.screen, PlayerScreen)


async def test_going_back_from_the_flare_offer_leaves_the_routine_unstarted(make_app, clock):
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(_start(a_strength_routine()))
        await pilot.pause()
        await answer(pilot, "9", "enter", "0", "enter", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FlareOfferScreen)
        await answer(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.workout is None
    # The answers are kept on their own: the run never started.
    assert stored(app) == [(None, 9, 0, Reach.NONE, False)]


def _start(routine: Routine):
    from backcoach.ui.messages import StartRequested

    return StartRequested(routine)


async def test_after_the_routine_it_asks_again_and_says_where_the_symptoms_went(make_app, clock):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "2", "enter", "3", "enter", "3", "enter")  # below the knee
        await answer(pilot, "enter")  # start
        clock.advance(20)
        await answer(pilot, "enter")  # the one set done: the routine ends
        await pilot.pause(0.2)
        assert isinstance(app.screen, CheckInScreen)
        assert isinstance(app.screen_stack[-2], FinishScreen)
        await answer(pilot, "2", "enter", "1", "enter", "1", "enter")
        said = problem(app)
        assert said.startswith("Kept: back 2, leg 1, reaching the buttock.")
        assert "moved up, from below the knee to the buttock: that is usually a good sign" in said
        await answer(pilot, "enter")
        assert isinstance(app.screen, FinishScreen)
    assert stored(app) == [
        (Phase.BEFORE, 2, 3, Reach.KNEE, True),
        (Phase.AFTER, 2, 1, Reach.BUTTOCK, True),
    ]


async def test_the_app_asks_once_on_a_later_day_for_the_sessions_later_check(
    make_app, isolated_home
):
    history = History(isolated_home / "history.sqlite3")
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    history.add_checkin(2, 1, "buttock", at=yesterday - timedelta(minutes=5))
    session = history.start_session(strength_plan(), at=yesterday)
    history.record_set(session, entry(0), at=yesterday + timedelta(minutes=2))
    history.finish_session(session, at=yesterday + timedelta(minutes=30))
    history.close()

    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.heading.startswith("How is your back after Test on ")
        await answer(pilot, "2", "enter", "4", "enter", "3", "enter")
        said = problem(app)
        assert (
            "Worse than before the session (leg pain 1 → 4, reach the buttock → below the knee)."
            in said
        )
        assert "further down than before" in said
        await answer(pilot, "enter")
        assert isinstance(app.screen, LibraryScreen)
    assert app.settings.later_check_asked == session
    assert app.saved  # remembered, so that it is asked once
    (_, later) = app.history.checkins()
    assert (later.phase, later.session, later.leg) == (Phase.LATER, session, 4)

    again = make_app(checkins=True)
    again.settings.later_check_asked = "someone-else"
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, LibraryScreen)  # it has its later check now


async def test_skipping_the_later_check_means_it_is_not_asked_again(make_app, isolated_home):
    _awaiting_a_later_check(isolated_home)
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()  # asked just after the library's first frame
        assert isinstance(app.screen, CheckInScreen)
        await answer(pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)
    again = make_app(checkins=True)
    again.settings.later_check_asked = app.settings.later_check_asked
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, LibraryScreen)


async def test_check_ins_turned_off_never_ask(make_app):
    app = make_app(build_plan(one_set()), checkins=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_the_check_in_fits_a_small_terminal(make_app):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await answer(pilot, "1", "1", "enter")
        screen = app.screen
        for part in ("#checkin-fields", "#checkin-problem", "#checkin-hint"):
            region = screen.query_one(part).region
            assert region.height and region.bottom <= 20 and region.right <= 60, part
        assert "outside the scale" in problem(app)


# -- the history screen ------------------------------------------------------------------


async def test_the_history_charts_pain_over_the_weeks_and_marks_sessions_where_it_spread(
    make_app, isolated_home
):
    from textual.widgets import DataTable, Select

    from backcoach.ui.dialogs.history_dialogs import SessionSets
    from backcoach.ui.screens.history import HistoryScreen
    from backcoach.ui.widgets.charts import PAIN_KEY

    history = History(isolated_home / "history.sqlite3")
    start = datetime.now().astimezone() - timedelta(days=20)
    for day in range(0, 20, 2):
        history.add_checkin(day % 7, 3, "thigh", at=start + timedelta(days=day))
    session = history.start_session(strength_plan(), at=start + timedelta(days=5))
    history.add_checkin(
        2, 3, "thigh", session=session, phase="before", at=start + timedelta(days=5)
    )
    history.record_set(session, entry(0), at=start + timedelta(days=5, minutes=10))
    history.finish_session(session, at=start + timedelta(days=5, minutes=30))
    history.add_checkin(
        2, 5, "knee", session=session, phase="after", at=start + timedelta(days=5, minutes=31)
    )
    history.close()

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await answer(pilot, "h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.query_one("#exercise", Select).value == PAIN_KEY  # the check-ins first
        assert "upright line is a session" in str(screen.query_one("#chart-note").render())
        table = screen.query_one("#sessions", DataTable)
        assert "symptoms spread" in str(table.get_row_at(0)[-1])
        await answer(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, SessionSets)
        shown = str(dialog.query_one("#session-checkins").render())
        assert "Check-in after (" in shown and "back 2, leg 5, reaching below the knee" in shown
        await answer(pilot, "escape", "c", "right")  # on to the exercises: the other chart
        assert screen.query_one("#exercise", Select).value != PAIN_KEY
        assert "heaviest load" in str(screen.query_one("#chart-note").render())


async def test_the_palette_turns_check_ins_off_and_on_and_saves_it(make_app):
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        prompts = [command.title for command in app.get_system_commands(app.screen)]
        assert "Settings: turn check-ins off" in prompts
        app.action_toggle_checkins_setting()
        assert app.settings.checkins is False and app.saved[-1].checkins is False
        prompts = [command.title for command in app.get_system_commands(app.screen)]
        assert "Settings: turn check-ins on" in prompts
        await answer(pilot, "enter")  # a routine starts without a check-in now
        assert isinstance(app.screen, PlayerScreen)


def test_snapshot_of_a_check_in_with_a_wrong_answer(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.press("5", "enter", "1", "1", "enter")
        await pilot.pause()

    app = make_app(build_plan(one_set()), checkins=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_f_on_the_flare_offer_plays_the_gentler_version_with_the_check_in_carried_over(
    make_app,
):
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(_start(a_strength_routine()))
        await pilot.pause()
        await answer(pilot, "7", "enter", "2", "enter", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FlareOfferScreen)
        await answer(pilot, "f")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.workout.plan.routine.flare and app.flare_mode is not None
        assert len([s for s in app.screen_stack if isinstance(s, PlayerScreen)]) == 1
        await answer(pilot, "enter", "q", "y")  # start the gentler run, then stop it
    assert stored(app) == [(Phase.BEFORE, 7, 2, Reach.THIGH, True)]
    (played,) = app.history.recent_sessions()
    assert played.flare


async def test_opened_on_a_routine_the_flare_offer_says_how_to_have_the_gentler_one(make_app):
    app = make_app(build_plan(a_strength_routine()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "7", "enter", "0", "enter", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FlareOfferScreen)
        assert app.screen.gentler == "backcoach play ROUTINE --flare plays them."
        await answer(pilot, "f")  # not offered here: nothing happens
        assert isinstance(app.screen, FlareOfferScreen)
        await answer(pilot, "escape")
        await pilot.pause()
    assert app.return_code == 0


async def test_on_a_first_start_the_notice_comes_first_and_the_later_check_after_it(
    make_app, isolated_home
):
    from backcoach.ui.dialogs.modals import NoticeScreen

    _awaiting_a_later_check(isolated_home)
    app = make_app(accepted=False, checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.heading.startswith("How is your back after Test on ")


async def test_a_run_stopped_before_any_set_is_not_asked_about_later(make_app, isolated_home):
    history = History(isolated_home / "history.sqlite3")
    two_days_ago = datetime.now().astimezone() - timedelta(days=2)
    real = history.start_session(strength_plan(), at=two_days_ago)
    history.record_set(real, entry(0), at=two_days_ago + timedelta(minutes=2))
    history.finish_session(real, at=two_days_ago + timedelta(minutes=30))
    aborted = history.start_session(strength_plan(), at=two_days_ago + timedelta(days=1))
    history.finish_session(aborted, completed=False, at=two_days_ago + timedelta(days=1, seconds=3))
    history.close()
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)  # about the session that had sets
        assert app.screen.heading.endswith(f"on {two_days_ago:%a %d %b}?")
        await answer(pilot, "escape")
    assert app.settings.later_check_asked == real


def _awaiting_a_later_check(home) -> str:
    history = History(home / "history.sqlite3")
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    session = history.start_session(strength_plan(), at=yesterday)
    history.record_set(session, entry(0), at=yesterday + timedelta(minutes=2))
    history.finish_session(session, at=yesterday + timedelta(minutes=30))
    history.close()
    return session


@pytest.mark.parametrize("leave", ["exit", "ctrl+q"])
async def test_quitting_while_the_later_check_is_up_leaves_it_to_be_asked_next_time(
    make_app, isolated_home, leave
):
    _awaiting_a_later_check(isolated_home)
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        if leave == "exit":
            app.exit()
        else:
            await pilot.press(leave)
        await pilot.pause()
    assert not app.settings.later_check_asked  # nothing remembered as asked
    assert app.history.checkins() == []

    again = make_app(checkins=True)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, CheckInScreen)  # asked again
        assert again.screen.heading.startswith("How is your back after Test on ")


async def test_the_later_check_is_asked_once_in_a_run_however_often_the_app_looks(
    make_app, isolated_home
):
    _awaiting_a_later_check(isolated_home)
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.ask_later()  # as after the notice, say
        await pilot.pause()
        assert sum(isinstance(s, CheckInScreen) for s in app.screen_stack) == 1


# -- footers: only keys that work ------------------------------------------------------


async def test_the_footer_under_the_later_check_in_names_its_own_keys_not_the_librarys(
    make_app, isolated_home
):
    _awaiting_a_later_check(isolated_home)
    app = make_app(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: bool(footer_keys(app.screen)))  # drawn after its mount
        checkin = app.screen
        assert isinstance(checkin, CheckInScreen)
        assert footer_keys(checkin) == {
            "enter": "Next",
            "escape": "Skip",
            "r": "Red flags",
            "question_mark": "Help",
        }
        footer = str(checkin.query_one("Footer").render()) + " ".join(
            str(key.render()) for key in checkin.query("FooterKey")
        )
        assert "History" not in footer and "Flare" not in footer
        await answer(pilot, "2", "enter", "1", "enter", "1", "enter")
        assert footer_keys(checkin) == {"enter": "Done", "r": "Red flags", "question_mark": "Help"}
        await answer(pilot, "enter")
        assert isinstance(app.screen, LibraryScreen)
        assert footer_keys(app.screen)["h"] == "History"  # the library's own, back again


async def test_every_screen_of_the_check_in_over_the_player_names_only_its_own_keys(make_app):
    app = make_app(build_plan(a_strength_routine()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert set(footer_keys(app.screen)) == {"enter", "escape", "r", "question_mark"}
        await answer(pilot, "r")
        assert footer_keys(app.screen) == {"y": "Yes", "n": "No", "escape": "Back"}
        await answer(pilot, "y")
        assert footer_keys(app.screen) == {"enter": "Read on", "escape": "Don't start"}
        await answer(pilot, "enter", "enter")
        await answer(pilot, "7", "enter", "0", "enter", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FlareOfferScreen)
        assert set(footer_keys(app.screen)) == {"s", "escape"}  # no f here: it is not offered


async def test_starting_sooner_than_the_routine_asks_says_so_first(make_app, isolated_home):
    from dataclasses import replace

    from backcoach.ui.dialogs.checkin import GoOnScreen

    lifts = replace(a_strength_routine(), apart=1)
    history = History(isolated_home / "history.sqlite3")
    earlier = datetime.now().astimezone() - timedelta(minutes=90)
    session = history.start_session(build_plan(lifts), at=earlier)
    history.record_set(session, entry(0), at=earlier + timedelta(minutes=2))
    history.finish_session(session, at=earlier + timedelta(minutes=10))
    history.close()
    app = make_app(build_plan(lifts), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GoOnScreen)
        assert "You did Lifts today, and it asks for 1 day in between" in app.screen.words
        assert footer_keys(app.screen) == {"enter": "Start anyway", "escape": "Go back"}
        await answer(pilot, "enter")
        assert isinstance(app.screen, CheckInScreen)  # then the usual check-in


@pytest.mark.parametrize("leave", ["ctrl+q", "ctrl+c"])
async def test_leaving_while_a_kept_check_in_is_still_shown_keeps_it(make_app, clock, leave):
    app = make_app(build_plan(one_set()), checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer(pilot, "2", "enter", "3", "enter", "3", "enter")
        await answer(pilot, "enter")  # start
        clock.advance(20)
        await answer(pilot, "enter")  # the one set done: the routine ends
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await answer(pilot, "4", "enter", "2", "enter", "1", "enter")
        assert problem(app).startswith("Kept: back 4, leg 2")
        await pilot.press(leave)  # before Enter closes it
        await settle(pilot, lambda: not app.is_running)
    assert stored(app)[-1] == (Phase.AFTER, 4, 2, Reach.BUTTOCK, True)
