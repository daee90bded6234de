"""This week's progress toward each routine's target, read from the history."""

from __future__ import annotations

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
