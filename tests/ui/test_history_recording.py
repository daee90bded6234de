"""The TUI keeps every run in the history, through the same workout service as --plain."""

from __future__ import annotations

from backcoach.core.durations import Load
from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome
from backcoach.store import History, Status
from backcoach.ui.screens.finish import FinishScreen
from backcoach.ui.screens.player import PlayerScreen
from tests.helpers import hold, manual_reps, routine


def kept(home):
    history = History(home / "history.sqlite3")
    sessions = history.recent_sessions()
    return [(s, history.sets(s.id)) for s in sessions]


async def test_a_finished_run_is_kept_with_each_set_and_correction(make_app, clock, isolated_home):
    plan = build_plan(routine(manual_reps(10, sets=2, rest=30, load=Load(20.0, "kg"))))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # start
        clock.advance(20)
        await pilot.press("enter")  # set 1 done
        app.screen.workout.correct(0, reps=8)
        clock.advance(31)
        await pilot.pause(0.2)
        await pilot.press("enter")  # set 2 done: the routine ends
        await pilot.pause(0.2)
        assert isinstance(app.screen, FinishScreen)
    ((session, sets),) = kept(isolated_home)
    assert session.status is Status.FINISHED and not session.practice
    assert [(s.set_number, s.reps, str(s.load), s.outcome) for s in sets] == [
        (1, 8, "20 kg", Outcome.DONE),
        (2, 10, "20 kg", Outcome.DONE),
    ]


async def test_quitting_mid_routine_keeps_the_sets_done_as_stopped(make_app, clock, isolated_home):
    app = make_app(build_plan(routine(hold(10, countdown=0), hold(10, countdown=0), hold(10))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        clock.advance(15)
        await pilot.pause(0.2)
        assert isinstance(app.screen, PlayerScreen)
        await pilot.press("q", "y")
    ((session, sets),) = kept(isolated_home)
    assert session.status is Status.STOPPED
    assert [(s.position, s.outcome) for s in sets] == [(0, Outcome.DONE), (1, Outcome.SKIPPED)]


async def test_the_next_run_shows_last_times_numbers_during_the_set(make_app, clock, isolated_home):
    plan = build_plan(routine(manual_reps(10, sets=2, rest=30, load=Load(20.0, "kg"))))
    history = History(isolated_home / "history.sqlite3")
    from backcoach.store import SetEntry

    earlier = history.start_session(plan)
    for position, reps in ((0, 10), (2, 8)):
        segment = plan.segments[position]
        history.record_set(
            earlier,
            SetEntry(
                position=position,
                exercise_id=segment.exercise.id,
                exercise_name=segment.name,
                side=None,
                set_number=segment.set_number,
                set_count=2,
                planned_reps=10,
                reps=reps,
                load=Load(20.0, "kg"),
                seconds=30.0,
                outcome=Outcome.DONE,
            ),
        )
    history.finish_session(earlier)
    history.close()

    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.2)
        last = str(app.screen.query_one("#last").render())
        assert last == "Last time: 10, 8 reps at 20 kg · today"
