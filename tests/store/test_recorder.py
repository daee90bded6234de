"""The recorder keeps a run in the history as it happens, through the workout's events."""

from __future__ import annotations

from backcoach.core.clock import FakeClock
from backcoach.core.durations import Load
from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome
from backcoach.diary import Diary
from backcoach.recorder import Recorder
from backcoach.store import History, Status
from backcoach.workout import Workout
from tests.helpers import hold, manual_reps, routine


def run(tmp_path, *steps, practice=False):
    plan = build_plan(routine(*steps))
    clock = FakeClock()
    workout = Workout(plan, clock)
    told: list[str] = []
    diary = Diary(History(tmp_path / "history.sqlite3"), on_notice=told.append)
    recorder = Recorder(diary, plan, practice=practice)
    workout.subscribe(recorder)
    workout.start()
    recorder.started()
    return workout, clock, recorder, told


def test_a_finished_run_is_kept_with_every_set_and_each_correction(tmp_path):
    workout, clock, recorder, told = run(tmp_path, manual_reps(10, sets=2, rest=30))
    clock.advance(20)
    workout.done()
    workout.poll()
    workout.correct(0, reps=8, load=Load(20.0, "kg"))
    clock.advance(60)
    workout.poll()
    workout.done()
    workout.poll()
    recorder.close()

    history = History(tmp_path / "history.sqlite3")
    (session,) = history.recent_sessions()
    assert session.status is Status.FINISHED and not session.practice
    assert (session.sets_done, session.sets_skipped) == (2, 0)
    sets = history.sets(session.id)
    assert [(s.set_number, s.reps, str(s.load), s.outcome) for s in sets] == [
        (1, 8, "20 kg", Outcome.DONE),
        (2, 10, "20 kg", Outcome.DONE),  # the corrected load carried forward
    ]
    assert told == []


def test_a_stopped_run_keeps_the_sets_done_and_reads_as_stopped(tmp_path):
    workout, clock, recorder, _ = run(tmp_path, hold(10, countdown=0), hold(10), hold(10))
    clock.advance(15)
    workout.stop()
    recorder.close()

    history = History(tmp_path / "history.sqlite3")
    (session,) = history.recent_sessions()
    assert session.status is Status.STOPPED
    assert [(s.position, s.outcome) for s in history.sets(session.id)] == [
        (0, Outcome.DONE),
        (1, Outcome.SKIPPED),
    ]


def test_practice_runs_are_kept_but_marked(tmp_path):
    workout, clock, recorder, _ = run(tmp_path, hold(10), practice=True)
    clock.advance(20)
    workout.poll()
    recorder.close()
    (session,) = History(tmp_path / "history.sqlite3").recent_sessions()
    assert session.practice


def test_an_unusable_history_plays_on_and_says_so_once(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    plan = build_plan(routine(hold(10), hold(10)))
    clock = FakeClock()
    told: list[str] = []
    recorder = Recorder(Diary(History(blocker / "history.sqlite3"), on_notice=told.append), plan)
    workout = Workout(plan, clock, recorder=recorder)
    workout.start()
    clock.advance(100)
    workout.poll()
    recorder.close()
    assert workout.finished
    assert len(told) == 1 and "not being saved" in told[0]
