"""This week's progress toward each routine's target, read from the history."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from backcoach.core.plan import build_plan
from backcoach.progress import weekly_status
from backcoach.store import History
from tests.helpers import hold, routine

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 19, 18, 0, tzinfo=ZONE)  # a Thursday


def targeted(routine_id: str, target: int | None, apart: int = 0):
    from dataclasses import replace

    return replace(routine(hold(10)), id=routine_id, target=target, apart=apart)


def play(history: History, plan, at: datetime, practice: bool = False) -> None:
    session = history.start_session(plan, practice=practice, at=at)
    history.finish_session(session, at=at + timedelta(minutes=20))


def test_sessions_this_week_count_and_practice_runs_do_not(tmp_path):
    strength = targeted("strength", 2, apart=1)
    plan = build_plan(strength)
    history = History(tmp_path / "history.sqlite3")
    play(history, plan, NOW - timedelta(days=10))  # last week
    play(history, plan, NOW - timedelta(hours=3))  # today
    play(history, plan, NOW - timedelta(days=1), practice=True)

    (week,) = weekly_status(history, [strength, targeted("other", None)], NOW).values()

    assert (week.progress.done, week.progress.target) == (1, 2)
    assert week.next_allowed == NOW.date() + timedelta(days=2)  # one whole day between
    assert week.text == "1 of 2 this week · today · next from Sat 21 Nov"


def test_a_routine_without_sessions_reads_zero_and_no_target_means_no_line(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    status = weekly_status(history, [targeted("core", 3), targeted("free", None)], NOW)
    assert list(status) == ["core"]
    assert status["core"].text == "0 of 3 this week"


def test_a_load_after_a_long_break_starts_again_and_says_why(tmp_path):
    from backcoach.core.durations import Load, Progress
    from backcoach.core.progression import Verdict
    from backcoach.progress import proposals
    from tests.helpers import manual_reps
    from tests.store.builders import entry

    lift = routine(manual_reps(8, reps_top=12, load=Load(20, "kg"), progress=Progress(2.5, "kg")))
    plan = build_plan(lift)
    long_ago = datetime(2026, 9, 1, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    with History(tmp_path / "history.sqlite3") as history:
        session = history.start_session(plan, at=long_ago)
        history.record_set(session, entry(0, reps=12, load="25 kg"), at=long_ago)
        history.finish_session(session, at=long_ago + timedelta(minutes=5))
        (found,) = proposals(history, lift, today=long_ago.date() + timedelta(weeks=10))
    assert found.verdict is Verdict.BREAK and found.current == Load(20, "kg")
    assert found.reason.startswith("Last done on Tue 01 Sep 2026, more than 8 weeks ago")


def test_a_run_with_fewer_than_half_its_sets_done_does_not_count(tmp_path):
    from backcoach.core.session import Outcome
    from tests.store.builders import entry

    four = replace(targeted("core", 3), steps=routine(hold(10, sets=4)).steps)
    plan = build_plan(four)
    positions = [s.position for s in plan.work_segments()]
    history = History(tmp_path / "history.sqlite3")
    for day, done in ((1, 1), (2, 2)):  # Tuesday one set of four, Wednesday two
        at = NOW - timedelta(days=day)
        session = history.start_session(plan, at=at)
        for index, position in enumerate(positions):
            outcome = Outcome.DONE if index < done else Outcome.SKIPPED
            history.record_set(session, entry(position, reps=None, outcome=outcome), at=at)
        history.finish_session(session, at=at + timedelta(minutes=5))
    (week,) = weekly_status(history, [four], NOW).values()
    assert week.progress.done == 1  # Wednesday's half counts; Tuesday's skipped run does not
