"""What the history says back: this week's progress in the library, and each exercise of a
finished run against last time on the finish screen."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from backcoach.core.clock import FakeClock
from backcoach.core.durations import Load
from backcoach.core.library import load_library
from backcoach.core.plan import build_plan
from backcoach.core.settings import Settings
from backcoach.store import History
from backcoach.ui.app import BackcoachApp
from backcoach.ui.screens.finish import FinishScreen
from backcoach.ui.screens.library import LibraryScreen
from tests.helpers import RecordingCues, manual_reps, routine, settle
from tests.store.builders import at, entry
from tests.ui.test_history_screen import NOW, fill


@pytest.fixture
def app_with():
    def make(history: History) -> BackcoachApp:
        return BackcoachApp(
            clock_factory=FakeClock,
            cues=RecordingCues(),
            settings=Settings(notice_accepted=True, checkins=False),
            save=lambda _: None,
            history=history,
            now=lambda: NOW,
        )

    return make


TARGETS = {"strength": 2, "core": 3, "stretch-and-extend": 2}  # the bundled ones with a target

QUICK = """\
title: "Quick [b]lift"
tags: [strength]
target: 2 per week
steps:
  - exercise: stiff-legged-deadlift
    reps: 2
    load: 20 kg
"""


def prompt_of(screen: LibraryScreen, option_id: str) -> str:
    options = screen.query_one("#routines", OptionList)
    return str(options.get_option(option_id).prompt)


def preview(screen) -> str:
    return str(screen.query_one("#preview", Static).render())


def highlight(screen: LibraryScreen, option_id: str) -> None:
    options = screen.query_one("#routines", OptionList)
    options.highlighted = options.get_option_index(option_id)


async def test_the_library_shows_this_weeks_progress(app_with, tmp_path):
    with History(tmp_path / "history.sqlite3") as history:
        fill(history)
        strength = load_library().find("strength").routine
        session = history.start_session(build_plan(strength), at=at(17, 18, 0))
        history.finish_session(session, at=at(17, 18, 40))
        app = app_with(history)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot, lambda: "this week" in prompt_of(app.screen, "bundled:core"))
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            assert prompt_of(screen, "bundled:strength").endswith(" · 1 of 2 this week")
            assert prompt_of(screen, "bundled:core").endswith(" · 0 of 3 this week")
            assert "this week" not in prompt_of(screen, "bundled:pre-run-warmup")
            highlight(screen, "bundled:strength")
            await pilot.pause()
            assert "1 of 2 this week · last Tue" in preview(screen)
            highlight(screen, "bundled:pre-run-warmup")
            await pilot.pause()
            assert "this week" not in preview(screen)


@pytest.mark.parametrize("enabled", [True, False])
async def test_an_empty_or_disabled_history_shows_none_done(app_with, tmp_path, enabled):
    history = History(tmp_path / "history.sqlite3", enabled=enabled)
    app = app_with(history)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, lambda: "this week" in prompt_of(app.screen, "bundled:core"))
        for routine_id, target in TARGETS.items():
            label = prompt_of(app.screen, f"bundled:{routine_id}")
            assert label.endswith(f" · 0 of {target} this week")
    assert not (tmp_path / "history.sqlite3").exists()  # reading created nothing


async def test_the_first_frame_does_not_read_the_history(app_with, tmp_path):
    history = History(tmp_path / "history.sqlite3")
    app = app_with(history)
    reads = []
    shown_at_read = []
    original = app.weekly_labels

    def counted():
        options = app.screen.query_one("#routines", OptionList)
        shown_at_read.append(options.option_count > 0)
        reads.append(1)
        return original()

    app.weekly_labels = counted  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, lambda: bool(reads))
        assert reads == [1]  # once; a resume before it has nothing to redo
        assert shown_at_read == [True]  # after the list was filled and drawn
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot, lambda: len(reads) == 2)
        assert isinstance(app.screen, LibraryScreen)
        assert reads == [1, 1]  # shown again: read again


async def test_after_a_routine_the_library_counts_it(make_app, isolated_home, clock):
    routines = isolated_home / "routines"
    routines.mkdir(parents=True)
    (routines / "quick.yaml").write_text(QUICK, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, lambda: "this week" in prompt_of(app.screen, "user:quick"))
        screen = app.screen
        assert prompt_of(screen, "user:quick").endswith(" · 0 of 2 this week")
        assert "Quick [b]lift" in prompt_of(screen, "user:quick")  # text, not markup
        highlight(screen, "user:quick")
        await pilot.press("enter")  # the player
        await pilot.press("enter")  # start
        clock.advance(30)
        await pilot.pause(0.2)
        await pilot.press("enter")  # the set is done: the routine ends
        await pilot.pause(0.2)
        assert isinstance(app.screen, FinishScreen)
        assert "Stiff-legged deadlift: first time" in finish_lines(app.screen)
        await pilot.press("enter")
        await settle(pilot, lambda: "1 of 2" in prompt_of(app.screen, "user:quick"))
        assert isinstance(app.screen, LibraryScreen)
        assert prompt_of(app.screen, "user:quick").endswith(" · 1 of 2 this week")
        highlight(app.screen, "user:quick")
        await pilot.pause()
        assert "1 of 2 this week · today" in preview(app.screen)


def finish_lines(screen) -> str:
    return str(screen.query_one("#finish-compared", Static).render())


def earlier_run(home, reps: int, load: str) -> None:
    plan = build_plan(routine(manual_reps(10, sets=2, rest=30, load=Load(20.0, "kg"))))
    history = History(home / "history.sqlite3")
    earlier = history.start_session(plan)
    history.record_set(earlier, entry(0, reps=reps, load=load))
    history.finish_session(earlier)
    history.close()


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (None, "first time"),
        ((10, "20 kg"), "+2 reps"),
        ((12, "20 kg"), "same as last time"),
        ((12, "17.5 kg"), "+2.5 kg"),
        ((12, "45 lb"), "different unit"),
    ],
)
async def test_the_finish_screen_compares_each_exercise_with_last_time(
    make_app, clock, isolated_home, last, expected
):
    if last is not None:
        earlier_run(isolated_home, *last)
    plan = build_plan(routine(manual_reps(10, sets=2, rest=30, load=Load(20.0, "kg"))))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # start
        clock.advance(20)
        await pilot.press("enter")  # set 1 done
        app.screen.workout.correct(0, reps=12)
        clock.advance(31)
        await pilot.pause(0.2)
        await pilot.press("enter")  # set 2 done: the routine ends
        await pilot.pause(0.2)
        assert isinstance(app.screen, FinishScreen)
        lines = finish_lines(app.screen).splitlines()
        assert lines == ["Against last time", f"Stiff-legged deadlift: {expected}"]


async def test_a_practice_run_is_not_last_time(make_app, clock, isolated_home):
    plan = build_plan(routine(manual_reps(10, load=Load(20.0, "kg"))))
    history = History(isolated_home / "history.sqlite3")
    practice = history.start_session(plan, practice=True)
    history.record_set(practice, entry(0, reps=30, load="40 kg"))
    history.finish_session(practice)
    history.close()
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(20)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, FinishScreen)
        assert finish_lines(app.screen).splitlines()[1] == "Stiff-legged deadlift: first time"


async def test_the_preview_says_what_the_next_session_lifts(app_with, tmp_path):
    with History(tmp_path / "history.sqlite3") as history:
        strength = load_library().find("strength").routine
        plan = build_plan(strength)
        started = at(17, 18)
        history.add_checkin(2, 1, "buttock", at=at(17, 17, 55))
        session = history.start_session(plan, at=started)
        for segment in plan.work_segments():
            if segment.reps is not None:
                history.record_set(
                    session,
                    entry(
                        segment.position,
                        exercise=segment.exercise.id,
                        name=segment.name,
                        reps=12,
                        load=str(segment.load) if segment.load else None,
                    ),
                    at=started,
                )
        history.finish_session(session, at=at(17, 18, 40))
        history.add_checkin(2, 1, "buttock", at=at(18, 7, 30))
        app = app_with(history)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: "this week" in prompt_of(app.screen, "bundled:core"))
            highlight(app.screen, "bundled:strength")
            await pilot.pause()
            shown = preview(app.screen)
            assert "Stiff-legged deadlift — 8–12 reps, 3 sets" in shown
            assert "Next session's load" in shown
            assert (
                "Stiff-legged deadlift: All sets 12 reps, back the same next morning → 21 kg"
                in (shown)
            )


async def test_the_warm_up_says_how_many_of_this_weeks_runs_it_warmed_up(app_with, tmp_path):
    from datetime import timedelta

    from backcoach.core.activity import Activity, Sport

    with History(tmp_path / "history.sqlite3") as history:
        warmup = load_library().find("pre-run-warmup").routine
        session = history.start_session(build_plan(warmup), at=at(17, 7, 0))
        history.finish_session(session, at=at(17, 7, 10))
        history.activities.add(
            [
                Activity(Sport.RUN, at(17, 7, 20), 1800, 5000),  # warmed up
                Activity(Sport.RUN, at(18, 7, 20), 1800, 5000),  # not
                Activity(Sport.RIDE, at(18, 17, 0), 3600, 30000),  # a ride is no run
                Activity(Sport.RUN, at(17, 7, 20) - timedelta(days=7), 1800, 5000),  # last week
            ]
        )
        app = app_with(history)
        async with app.run_test(size=(120, 30)) as pilot:
            key = "bundled:pre-run-warmup"
            await settle(pilot, lambda: "run" in prompt_of(app.screen, key))
            assert prompt_of(app.screen, key).endswith(" · before 1 of 2 runs")
            highlight(app.screen, key)
            await pilot.pause()
            assert "Warm-up before 1 of 2 runs this week." in preview(app.screen)
