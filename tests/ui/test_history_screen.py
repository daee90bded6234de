"""The history screen: calendar, sessions newest first, a session's sets, charts, targets.

Every test builds its own history in a temp folder and pins "now" (Thursday 19 November
2026, in Paris), so the calendar and the weekly targets read the same on every run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta

import pytest
from textual.command import CommandList
from textual.widgets import DataTable, Select, Static

from backcoach.core.clock import FakeClock
from backcoach.core.durations import parse_load
from backcoach.core.library import load_library
from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome
from backcoach.core.settings import Settings
from backcoach.store import History
from backcoach.ui.app import BackcoachApp
from backcoach.ui.dialogs.history_dialogs import SessionSets
from backcoach.ui.screens.history import EMPTY, NO_NUMBERS, HistoryScreen
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.widgets.charts import exercise_series, ticks
from tests.helpers import RecordingCues, footer_keys, hold, manual_reps, routine
from tests.store.builders import PARIS, at, entry, strength_plan

NOW = datetime(2026, 11, 19, 12, 0, tzinfo=PARIS)  # a Thursday; the week began Monday 16th


def fill(history: History) -> None:
    """Four sessions: two this week (one of them practice), one stopped early, one older."""
    plan = strength_plan()  # deadlifts 3 × 10 at 20 kg, then a stretch each side

    older = history.start_session(plan, at=at(2, 18, 0))
    for position, reps in ((1, 10), (3, 9), (5, 8)):
        history.record_set(older, entry(position, reps=reps, load="17.5 kg"), at=at(2, 18, 10))
    history.finish_session(older, at=at(2, 18, 30))

    stopped = history.start_session(plan, at=at(10, 7, 30))
    history.record_set(stopped, entry(1, reps=10, load="20 kg"), at=at(10, 7, 35))
    history.finish_session(stopped, completed=False, at=at(10, 7, 40))

    monday = history.start_session(plan, at=at(16, 18, 5))
    history.record_set(monday, entry(1, reps=10), at=at(16, 18, 7))
    history.record_set(monday, entry(3, reps=10, set_number=2), at=at(16, 18, 10))
    history.record_set(monday, entry(5, reps=8, load="22.5 kg", set_number=3), at=at(16, 18, 13))
    for position, side in ((7, "left"), (9, "right")):
        outcome = Outcome.SKIPPED if side == "right" else Outcome.DONE
        history.record_set(
            monday,
            entry(
                position,
                exercise="supine-piriformis-stretch",
                name="Piriformis stretch",
                reps=None,
                load=None,
                side=side,
                outcome=outcome,
            ),
            at=at(16, 18, 20),
        )
    history.finish_session(monday, at=at(16, 18, 36))

    practice = history.start_session(plan, practice=True, at=at(18, 21, 10))
    history.record_set(practice, entry(1, reps=12, load="40 kg"), at=at(18, 21, 11))
    history.finish_session(practice, at=at(18, 21, 12))


@pytest.fixture
def history(tmp_path):
    with History(tmp_path / "history.sqlite3") as store:
        yield store


@pytest.fixture
def filled(history):
    fill(history)
    return history


@pytest.fixture
def app_with():
    def make(history: History, **settings) -> BackcoachApp:
        return BackcoachApp(
            clock_factory=FakeClock,
            cues=RecordingCues(),
            settings=Settings(notice_accepted=True, **{"checkins": False, **settings}),
            save=lambda _: None,
            history=history,
            now=lambda: NOW,
        )

    return make


async def settles(pilot, condition, tries: int = 100) -> bool:
    """Let the app work until `condition` holds (the palette gathers hits on a worker)."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def palette_prompts(app) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_h_opens_the_history_and_esc_or_q_goes_back(app_with, filled):
    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await open_history(pilot)
        await pilot.press("q")  # back to the library, not out of the app
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.is_running


async def test_h_in_the_filter_box_is_a_letter(app_with, filled):
    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"st", "h")  # "sth": the box has focus once typing began
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#filter").value == "sth"


async def test_the_command_palette_opens_the_history_from_the_library(app_with, filled):
    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"history")
        assert await settles(pilot, lambda: "History" in palette_prompts(app)[0])
        await pilot.press("enter")
        assert await settles(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_sessions_newest_first_with_their_counts_and_marks(app_with, filled):
    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        assert table.has_focus
        assert rows(table) == [
            ["Wed 18 Nov 21:10", "Test", "2:00", "1", "0", "practice"],
            ["Mon 16 Nov 18:05", "Test", "31:00", "4", "1", ""],
            ["Tue 10 Nov 07:30", "Test", "10:00", "1", "0", "stopped early"],
            ["Mon 2 Nov 18:00", "Test", "30:00", "3", "0", ""],
        ]


async def test_enter_on_a_session_shows_all_its_sets(app_with, filled):
    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SessionSets)
        assert "Test" in text(dialog, ".dialog-title")
        assert rows(dialog.query_one("#sets", DataTable)) == [
            ["Stiff-legged deadlift", "", "1/3", "10", "20 kg", "0:30", "done"],
            ["Stiff-legged deadlift", "", "2/3", "10", "20 kg", "0:30", "done"],
            ["Stiff-legged deadlift", "", "3/3", "8 of 10", "22.5 kg", "0:30", "done"],
            ["Piriformis stretch", "left", "1/3", "", "", "0:30", "done"],
            ["Piriformis stretch", "right", "1/3", "", "", "0:30", "skipped"],
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # the session stopped early says so
        await pilot.pause()
        words = [str(s.render()) for s in app.screen.query(Static)]
        assert any("Stopped early" in w for w in words)


async def test_a_chart_for_each_exercise_with_loads_or_reps(app_with, filled):
    from textual_plotext import PlotextPlot

    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        select = screen.query_one("#exercise", Select)
        assert select.value == "stiff-legged-deadlift"  # the hold without a load is not charted
        assert [s.key for s in screen.series] == ["stiff-legged-deadlift"]
        # Practice runs are left out: 40 kg on Wednesday never reaches the chart.
        assert screen.series[0].loads() == [
            (at(2).date(), 17.5),
            (at(10).date(), 20.0),
            (at(16).date(), 22.5),
        ]
        assert screen.series[0].reps() == [
            (at(2).date(), 10),
            (at(10).date(), 10),
            (at(16).date(), 10),
        ]
        plot = screen.query_one("#chart", PlotextPlot)
        assert plot.size.height > 5
        assert "Heaviest load, kg" in plot.plt.build()
        await pilot.press("c", "right")  # one exercise only: → stays on it, and nothing breaks
        await pilot.pause()
        assert select.has_focus and select.value == "stiff-legged-deadlift"


async def test_the_arrows_step_through_the_exercises(app_with, history):
    plan = build_plan(routine(manual_reps(10, load=parse_load("20 kg")), hold(30), title="Two"))
    session = history.start_session(plan, at=at(16))
    history.record_set(session, entry(1), at=at(16, 18, 1))
    history.record_set(
        session, entry(2, exercise="curl", name="Curl-up", load=None, reps=6), at=at(16, 18, 2)
    )
    history.finish_session(session, at=at(16, 18, 5))
    app = app_with(history)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        select = screen.query_one("#exercise", Select)
        first = select.value
        await pilot.press("c", "right")
        await pilot.pause()
        assert select.value != first
        await pilot.press("left")
        await pilot.pause()
        assert select.value == first


def test_plotext_is_imported_when_the_history_opens_not_before(tmp_path):
    script = textwrap.dedent(
        """
        import asyncio, sys
        from pathlib import Path
        from backcoach.core.settings import Settings
        from backcoach.store import History
        from backcoach.ui.app import BackcoachApp
        from tests.store.builders import at, entry, strength_plan

        history = History(Path(sys.argv[1]))
        session = history.start_session(strength_plan(), at=at(16))
        history.record_set(session, entry(1), at=at(16, 18, 2))
        history.finish_session(session, at=at(16, 18, 9))

        def loaded():
            return sorted(name for name in ("plotext", "textual_plotext") if name in sys.modules)

        async def main():
            app = BackcoachApp(
                sound=False, settings=Settings(notice_accepted=True, checkins=False),
                save=lambda _: None,
                history=history,
            )
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                print("library", loaded())
                await pilot.press("h")
                await pilot.pause()
                print("history", loaded(), type(app.screen).__name__)

        asyncio.run(main())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "history.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "library []",
        "history ['plotext', 'textual_plotext'] HistoryScreen",
    ]


@pytest.mark.parametrize("enabled", [True, False])
async def test_an_empty_or_disabled_history_says_so(app_with, tmp_path, enabled):
    history = History(tmp_path / "history.sqlite3", enabled=enabled)
    app = app_with(history)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert text(screen, "#no-sessions").startswith(EMPTY)
        assert text(screen, "#no-numbers") == NO_NUMBERS
        assert not screen.query("#sessions") and not screen.query("#exercise")
        assert "Posterior-chain strength" in text(screen, "#targets")
        assert "0 of 2 this week" in text(screen, "#targets")
        await pilot.press("c", "s", "enter", "left", "right", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    assert not (tmp_path / "history.sqlite3").exists()  # reading created nothing


@pytest.mark.parametrize("title", ["Rehab [new", "Stretch [/b] oops", "[@click=app.quit]x[/]"])
async def test_titles_and_names_are_text_not_markup(app_with, history, title):
    plan = build_plan(routine(manual_reps(10, load=parse_load("20 kg")), title=title))
    session = history.start_session(plan, at=at(16))
    history.record_set(session, entry(0, name="Press [/] up"), at=at(16, 18, 2))
    history.finish_session(session, at=at(16, 18, 9))
    app = app_with(history)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        assert rows(screen.query_one("#sessions", DataTable))[0][1] == title
        assert text(screen, "#exercise SelectCurrent #label") == "Press [/] up"
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert text(dialog, ".dialog-title") == title
        assert rows(dialog.query_one("#sets", DataTable))[0][0] == "Press [/] up"


async def test_the_weekly_targets_and_the_calendar(app_with, filled):
    strength = load_library().find("strength").routine
    session = filled.start_session(build_plan(strength), at=at(17, 18, 0))
    filled.finish_session(session, at=at(17, 18, 40))
    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        targets = text(screen, "#targets")
        assert "Posterior-chain strength" in targets
        assert "1 of 2 this week · last Tue" in targets
        assert "next from Thu" not in targets  # apart: 1 day, and today is Thursday
        calendar = text(screen, "#calendar").splitlines()
        assert calendar[1].split()[-1] == "16"  # the current week began Monday 16 Nov
        days = {line[:3]: line[4:] for line in calendar[2:9]}
        assert list(days) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        assert days["Mon"].split()[-1] == "●" and days["Tue"].split()[-1] == "●"
        assert days["Wed"].split()[-1] == "○"  # practice only
        assert days["Thu"].split()[-1] == "·"  # today, nothing yet
        assert days["Fri"].strip().endswith("·") and days["Fri"].rstrip() != days["Fri"]  # future
        assert days["Tue"].split()[-2] == "●"  # stopped early still counts as a session


async def test_week_starts_comes_from_the_settings(app_with, filled):
    app = app_with(filled, week_starts="sunday")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        calendar = text(screen, "#calendar").splitlines()
        assert calendar[2].startswith("Sun") and calendar[8].startswith("Sat")
        assert calendar[1].split()[-1] == "15"


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (160, 45), (60, 20)])
async def test_every_size_draws_and_every_key_works(app_with, filled, size):
    app = app_with(filled)
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot)
        if size == (80, 24):  # the first view holds the calendar and ten sessions
            assert screen.query_one("#sessions").region.height >= 10
            assert screen.query_one("#calendar").region.y == 1
        await pilot.press("c", "right", "left", "s", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionSets)
        await pilot.press("escape", "tab", "tab", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_at_160_by_45_the_sessions_and_the_chart_sit_side_by_side(app_with, filled):
    app = app_with(filled)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_history(pilot)
        sessions, chart = screen.query_one("#sessions-pane"), screen.query_one("#chart-pane")
        assert screen.has_class("wide")
        assert sessions.region.y == chart.region.y and sessions.region.right <= chart.region.x
        assert chart.region.bottom <= 44  # all on one screen, above the footer


def test_ticks_are_round_and_cover_the_values():
    assert ticks(17.5, 22.5, 4) == [17.5, 20.0, 22.5]
    assert ticks(8, 12, 5, whole=True) == [8, 9, 10, 11, 12]
    assert ticks(8, 8, 5, whole=True) == [7, 8, 9]
    assert ticks(0, 200, 5) == [0, 50, 100, 150, 200]


def test_an_exercise_in_pounds_and_kilos_is_charted_in_the_latest_unit(history):
    plan = strength_plan()
    for day, load in ((2, "45 lb"), (9, "25 kg")):
        session = history.start_session(plan, at=at(day))
        history.record_set(session, entry(1, load=load), at=at(day, 18, 1))
        history.finish_session(session, at=at(day, 18, 2))
    (series,) = exercise_series(history.exercise_days(at(1).date()))
    assert series.unit == "kg"
    assert series.loads() == [(at(2).date(), 20.41), (at(9).date(), 25.0)]


def test_snapshot(snap_compare, app_with, filled):
    async def run_before(pilot):
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(app_with(filled), terminal_size=(100, 30), run_before=run_before)


def test_the_pain_chart_marks_sessions_played_in_flare_up_mode_with_an_f():
    import re

    import plotext

    from backcoach.ui.widgets.charts import PainPoint, draw_pain

    start = datetime(2026, 11, 1, 9, tzinfo=PARIS)
    points = [PainPoint(start + timedelta(days=d), 3, 2, 1) for d in range(0, 10, 2)]
    usual, gentler = start + timedelta(days=3), start + timedelta(days=6)
    draw_pain(plotext, points, [usual, gentler], 80, 24, today=date(2026, 11, 12), flare=[gentler])
    plotext.main()
    plotext.plotsize(80, 24)
    drawn = re.sub(r"\x1b\[[0-9;]*m", "", plotext.build())
    plotext.clear_figure()
    top = next(line for line in drawn.splitlines() if line.startswith("10┤"))
    assert top.count("F") == 1  # one session in flare-up mode, the other not marked
    assert "F flare-up mode" in drawn


# -- correcting the history ----------------------------------------------------------------


async def test_d_deletes_the_highlighted_session_after_y_and_u_brings_it_back(
    app_with, filled, isolated_home
):
    from backcoach.ui.dialogs.modals import YesNoScreen

    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        newest = screen.sessions[0]
        assert footer_keys(screen)["d"] == "Delete" and "u" not in footer_keys(screen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, YesNoScreen)
        await pilot.press("enter")  # Enter, out of habit, never deletes
        await pilot.pause()
        assert filled.session(newest.id) is not None
        await pilot.press("d", "y")
        await settles(pilot, lambda: filled.session(newest.id) is None)
        assert filled.session(newest.id) is None
        assert rows(screen.query_one("#sessions", DataTable))[0][0] != rows_of_newest(newest)
        assert (isolated_home / "deleted-sessions.csv").exists()
        assert footer_keys(screen)["u"] == "Undo delete"
        await pilot.press("u")
        await settles(pilot, lambda: filled.session(newest.id) is not None)
        assert filled.session(newest.id) is not None
        assert len(screen.sessions) == 4


def rows_of_newest(session) -> str:
    return f"{session.started_at:%a} {session.started_at.day} {session.started_at:%b %H:%M}"


async def test_a_adds_a_session_done_away_from_the_app(app_with, history):
    from backcoach.ui.dialogs.history_dialogs import AddSessionScreen

    app = app_with(history)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddSessionScreen)
        dialog.query_one("#add-routine", Select).value = next(
            i for i, r in enumerate(dialog.routines) if r.id == "strength"
        )
        field = dialog.query_one("#add-at")
        field.value = "2099-01-01 10:00"
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "in the future" in text(dialog, "#add-error")
        field.value = "2026-11-18 07:30"
        await pilot.press("enter")
        await settles(pilot, lambda: bool(history.recent_sessions()))
        (added,) = history.recent_sessions()
        assert added.routine_id == "strength" and added.started_at.hour == 7
        assert screen.sessions and screen.sessions[0].id == added.id


async def test_e_in_a_session_corrects_the_highlighted_set(app_with, filled):
    from backcoach.ui.dialogs.modals import AdjustSetScreen

    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        monday = next(s for s in screen.sessions if s.started_at.day == 16)
        table = screen.query_one("#sessions", DataTable)
        table.move_cursor(row=screen.sessions.index(monday))
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SessionSets)
        assert footer_keys(dialog)["e"] == "Correct the set"
        dialog.query_one("#sets", DataTable).move_cursor(row=2)  # the third set: 8 at 22.5 kg
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AdjustSetScreen)
        app.screen.query_one("#reps").value = "10"
        app.screen.query_one("#reps").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert filled.sets(monday.id)[2].reps == 10
        assert rows(dialog.query_one("#sets", DataTable))[2][3] == "10"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_runs_and_rides_are_marked_in_the_calendar_and_charted_with_pain(app_with, filled):
    from textual_plotext import PlotextPlot

    from backcoach.core.activity import Activity, Sport

    filled.activities.add(
        [
            Activity(Sport.RUN, at(16, 7), 1800, 6000),  # Monday: a run and a session
            Activity(Sport.RIDE, at(18, 17), 3600, 30000),  # Wednesday: a ride and practice
            Activity(Sport.RIDE, at(13, 17), 3600, 25000),  # last Friday: only a ride
            Activity(Sport.RUN, at(13, 7), 1800, 5000),  # and a run, whose mark comes first
        ]
    )
    filled.add_checkin(3, 1, "buttock", at=at(17, 8))
    app = app_with(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        calendar = text(screen, "#calendar").splitlines()
        days = {line[:3]: line[4:] for line in calendar[2:9]}
        assert days["Mon"].split()[-2:] == ["r●"] or days["Mon"].rstrip().endswith("r●")
        assert days["Wed"].rstrip().endswith("c○")
        assert days["Fri"].split()[-1] == "r"  # last week's column: a run, no session
        assert "r run" in calendar[-1] and "c ride" in calendar[-1]
        week = screen.load[-1]
        assert (week.run_km, week.ride_km, week.back) == (6.0, 30.0, 3.0)
        select = screen.query_one("#exercise", Select)
        select.value = "\x00load"
        await pilot.pause()
        plot = screen.query_one("#chart", PlotextPlot)
        assert "km a week: run ●, ride ◆" in plot.plt.build()
