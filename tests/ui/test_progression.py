"""The proposal on the player's ready screen (Enter takes it, Esc keeps the old load), and
the reps typed before Enter, key by key."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.widgets import Static

from backcoach.core.clock import FakeClock
from backcoach.core.durations import Load, Progress
from backcoach.core.plan import build_plan
from backcoach.core.settings import Settings
from backcoach.store import History
from backcoach.ui.app import BackcoachApp
from tests.helpers import DEADLIFT, RecordingCues, exercise, manual_reps, routine
from tests.store.builders import at, entry

STEP = manual_reps(8, reps_top=12, sets=3, load=Load(20, "kg"), progress=Progress(2.5, "kg"))
PLAN = build_plan(routine(STEP))
NOW = at(19, 18)  # Thursday evening


def last_session(history: History, reps=(12, 12, 12), later=(2, 1, "buttock")) -> None:
    """Tuesday's session of the routine, with a check before it and one the next morning."""
    started = at(17, 18)
    history.add_checkin(2, 1, "buttock", at=started - timedelta(minutes=2))
    session = history.start_session(PLAN, at=started)
    for position, done in zip((s.position for s in PLAN.work_segments()), reps, strict=False):
        history.record_set(session, entry(position, reps=done), at=started)
    history.finish_session(session, at=started + timedelta(minutes=10))
    if later is not None:
        history.add_checkin(*later, at=at(18, 7, 30))


@pytest.fixture
def player(tmp_path):
    history = History(tmp_path / "history.sqlite3")

    def make(checkins: bool = False) -> BackcoachApp:
        return BackcoachApp(
            PLAN,
            clock_factory=FakeClock,
            cues=RecordingCues(),
            settings=Settings(notice_accepted=True, checkins=checkins),
            save=lambda _: None,
            history=history,
            now=lambda: NOW,
        )

    make.history = history  # type: ignore[attr-defined]
    return make


def text(app: BackcoachApp, selector: str, under: int = -1) -> str:
    """What a Static shows on the top screen, or on one under it (`under=-2`)."""
    return str(app.screen_stack[under].query_one(selector, Static).render())


def load_now(app: BackcoachApp) -> Load | None:
    return app.workout.load_for(PLAN.work_segments()[0])


async def test_enter_takes_the_heavier_load_and_starts(player):
    last_session(player.history)
    app = player()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = text(app, "#proposal")
        assert "All sets 12 reps, back the same next morning → 22.5 kg" in shown
        assert "Enter: lift 22.5 kg and start · Esc: keep 20 kg" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.workout.started
        assert load_now(app) == Load(22.5, "kg")
        assert "22.5 kg" in text(app, "#detail")
        assert text(app, "#proposal") == ""


async def test_esc_keeps_the_old_load(player):
    last_session(player.history)
    app = player()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.workout.started
        assert "Keeping 20 kg this time" in text(app, "#proposal")
        assert "Enter: lift" not in text(app, "#proposal")
        await pilot.press("enter")
        await pilot.pause()
        assert app.workout.started and load_now(app) == Load(20, "kg")


async def test_after_a_worse_check_the_screen_says_why_and_nothing_is_offered(player):
    last_session(player.history, later=(2, 4, "knee"))
    app = player()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = text(app, "#proposal")
        assert (
            "Your pain was worse next morning than before the last session: the load waits "
            "at 20 kg" in shown
        )
        assert "Enter: lift" not in shown
        await pilot.press("enter")
        await pilot.pause()
        assert load_now(app) == Load(20, "kg")


SAME = ("2", "enter", "1", "enter", "1", "enter")
WORSE = ("2", "enter", "3", "enter", "1", "enter")  # leg +2: worse, yet no flare-up offer


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        (SAME, "back the same at the next check-in → 22.5 kg"),
        (WORSE, "Your pain was worse at the next check-in"),
    ],
)
async def test_the_later_check_asked_on_opening_decides_the_proposal(player, answers, said):
    last_session(player.history, later=None)
    app = player(checkins=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "no check-in since then" in text(app, "#proposal", under=0)
        await pilot.press(*answers)  # "How is your back after Test on Tue 17 Nov?"
        await pilot.pause()
        await pilot.press("enter")  # its outcome read
        await pilot.press("escape")  # the check-in before this run skipped
        await pilot.pause()
        await pilot.pause()
        assert said in text(app, "#proposal")


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        (SAME, "back the same at the next check-in → 22.5 kg"),
        (WORSE, "Your pain was worse at the next check-in"),
    ],
)
async def test_the_check_in_before_this_run_is_the_last_sessions_later_check(player, answers, said):
    last_session(player.history, later=None)
    app = player(checkins=True)
    (tuesday,) = player.history.recent_sessions(1)
    app.settings.later_check_asked = tuesday.id  # asked once already, and not answered
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*answers)
        await pilot.pause()
        await pilot.pause()
        assert said in text(app, "#proposal")


async def test_a_first_session_shows_no_proposal(player):
    app = player()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert text(app, "#proposal") == ""


async def test_digits_typed_before_enter_are_the_reps_done(player):
    app = player()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # start: the first set of the range waits
        await pilot.pause()
        workout = app.workout
        assert "Type the reps you did, then Enter (Enter alone: 8)" in text(app, "#hint")
        await pilot.press("1", "3")
        await pilot.pause()
        assert text(app, "#hint") == "Reps done: 13 · Enter records it, Backspace edits"
        await pilot.press("backspace", "2")
        await pilot.pause()
        assert text(app, "#hint").startswith("Reps done: 12 ")
        await pilot.press("enter")  # set 1: 12
        await pilot.press("enter")  # set 2: Enter alone, the bottom of the range
        await pilot.press("1", "0", "escape", "9", "enter")  # set 3: Esc cleared the 10
        await pilot.pause()
        records = workout.records
        assert [records[s.position].reps for s in PLAN.work_segments()] == [12, 8, 9]


async def test_digits_mean_nothing_outside_a_set_of_reps(player):
    app = player()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "2")  # the ready screen: no set to count yet
        await pilot.pause()
        assert "Reps done" not in text(app, "#hint")
        await pilot.press("enter", "space", "1")  # paused: the digit waits for the resume
        await pilot.pause()
        assert "Reps done" not in text(app, "#hint")


async def test_a_proposal_fits_a_small_terminal(player):
    last_session(player.history)
    app = player()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        proposal = app.screen.query_one("#proposal", Static)
        assert proposal.region.height >= 2 and proposal.region.bottom <= 24
        assert DEADLIFT.name in text(app, "#proposal")


async def test_a_heavier_load_waiting_for_enter_is_shown_even_at_40x12(player):
    last_session(player.history)
    app = player()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        proposal = app.screen.query_one("#proposal", Static)
        assert not proposal.has_class("dropped") and proposal.region.height >= 3
        assert proposal.region.bottom <= 11  # above the footer
        assert "Enter: lift 22.5 kg and start" in text(app, "#proposal")


LEG_CURL = exercise("lying-leg-curl", "Lying leg curl")
CURL = manual_reps(8, reps_top=12, load=Load(15, "kg"), progress=Progress(2.5, "kg"))
TWO = build_plan(
    routine(
        manual_reps(8, reps_top=12, load=Load(20, "kg"), progress=Progress(2.5, "kg")),
        replace(CURL, exercise=LEG_CURL),
    )
)


async def test_each_new_load_is_answered_on_its_own_before_the_start(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    started = at(17, 18)
    history.add_checkin(2, 1, "buttock", at=started - timedelta(minutes=2))
    session = history.start_session(TWO, at=started)
    for segment in TWO.work_segments():
        history.record_set(
            session,
            entry(
                segment.position,
                reps=12,
                exercise=segment.exercise.id,
                name=segment.name,
                load=str(segment.load),
            ),
            at=started,
        )
    history.finish_session(session, at=started + timedelta(minutes=10))
    history.add_checkin(2, 1, "buttock", at=at(18, 7, 30))
    app = BackcoachApp(
        TWO,
        clock_factory=FakeClock,
        cues=RecordingCues(),
        settings=Settings(notice_accepted=True, checkins=False),
        save=lambda _: None,
        history=history,
        now=lambda: NOW,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Stiff-legged deadlift: Enter: lift 22.5 kg · Esc: keep 20 kg" in text(
            app, "#proposal"
        )
        await pilot.press("enter")  # the deadlift's taken: the curl's is asked next
        await pilot.pause()
        assert not app.workout.started
        assert "Enter: lift 17.5 kg and start · Esc: keep 15 kg" in text(app, "#proposal")
        await pilot.press("escape")  # the curl keeps 15 kg
        await pilot.pause()
        assert "Keeping 15 kg this time" in text(app, "#proposal")
        await pilot.press("enter")
        await pilot.pause()
        workout = app.workout
        deadlift, curl = TWO.work_segments()
        assert workout.started
        assert (workout.load_for(deadlift), workout.load_for(curl)) == (
            Load(22.5, "kg"),
            Load(15, "kg"),
        )


async def test_reps_that_look_like_a_slip_are_asked_about_before_they_are_kept(player):
    from backcoach.ui.dialogs.modals import ConfirmRepsScreen

    app = player()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # start
        await pilot.pause()
        first = PLAN.work_segments()[0]
        await pilot.press("9", "9", "9", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmRepsScreen)
        await pilot.press("n")  # a slip: typed again
        await pilot.pause()
        assert first.position not in app.workout.records
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        assert app.workout.records[first.position].reps == 12
        second = PLAN.work_segments()[1]
        await pilot.press("4", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmRepsScreen)
        await pilot.press("y")  # a big set, really done
        await pilot.pause()
        assert app.workout.records[second.position].reps == 40
