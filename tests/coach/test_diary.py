"""The diary: the one way sessions, sets and check-ins reach the history, on its own
thread, in the order they were asked for, with one way of failing."""

from __future__ import annotations

import threading

import pytest

from backcoach.core.backcheck import Reach, Reading
from backcoach.diary import Diary, PendingSession
from backcoach.store import History, Phase, Status
from tests.store.builders import at, entry, strength_plan

CALM = Reading(2, 1, Reach.BUTTOCK)
SORE = Reading(6, 3, Reach.KNEE)


@pytest.fixture
def history(tmp_path):
    with History(tmp_path / "history.sqlite3") as history:
        yield history


def test_a_run_and_its_checks_are_kept_in_the_order_asked(history):
    diary = Diary(history)
    plan = strength_plan()
    diary.checkin(CALM, at=at(20, 17, 58))  # before the row exists: kept on its own
    session = diary.start_session(plan)
    diary.checkin(CALM, at=at(20, 17, 59), session=session, phase=Phase.BEFORE)
    diary.record_set(session, entry(0, reps=9))
    diary.finish_session(session, completed=False)
    diary.checkin(SORE, at=at(20, 18, 30), session=session, phase=Phase.AFTER)
    diary.close()

    assert session.id is not None
    (kept,) = history.recent_sessions()
    assert (kept.id, kept.status, kept.sets_done) == (session.id, Status.STOPPED, 1)
    checks = [(c.reading, c.session, c.phase) for c in history.checkins()]
    assert checks == [
        (CALM, None, None),
        (CALM, session.id, Phase.BEFORE),
        (SORE, session.id, Phase.AFTER),
    ]


def test_a_check_for_a_session_never_written_is_kept_on_its_own(history):
    diary = Diary(history)
    diary.checkin(SORE, at=at(20), session=PendingSession(), phase=Phase.AFTER)
    diary.close()
    (check,) = history.checkins()
    assert (check.reading, check.session, check.phase) == (SORE, None, None)


def test_a_failing_write_is_told_once_and_the_next_ones_are_kept(history, monkeypatch):
    told: list[str] = []
    diary = Diary(history, on_notice=told.append)
    keep = history.add_checkin

    def fails_twice(*args, **kwargs):
        if len(calls) < 2:
            calls.append(args)
            raise RuntimeError("disk on fire")
        return keep(*args, **kwargs)

    calls: list[object] = []
    monkeypatch.setattr(history, "add_checkin", fails_twice)
    for _ in range(3):
        diary.checkin(CALM, at=at(20))
    diary.close()
    assert told == ["History is not being saved (disk on fire); the routine plays on."]
    assert len(history.checkins()) == 1


def test_a_slow_write_holds_no_one_up_and_flush_says_when_it_is_done(history, monkeypatch):
    diary = Diary(history)
    release = threading.Event()
    keep = history.add_checkin

    def slow(*args, **kwargs):
        release.wait(5)
        return keep(*args, **kwargs)

    monkeypatch.setattr(history, "add_checkin", slow)
    diary.checkin(CALM, at=at(20))  # returns at once, though the write waits
    assert diary.flush(timeout=0.05) is False
    release.set()
    assert diary.flush() is True
    assert len(history.checkins()) == 1
    diary.close()


def test_a_closed_diary_keeps_nothing_more(history):
    diary = Diary(history)
    diary.checkin(CALM, at=at(20))
    diary.close()
    diary.checkin(SORE, at=at(21))
    assert diary.flush() is True
    assert [c.reading for c in history.checkins()] == [CALM]


def test_what_a_locked_history_held_back_is_written_once_the_lock_goes(tmp_path, monkeypatch):
    import sqlite3

    from backcoach import diary as diary_module

    monkeypatch.setattr(diary_module, "RETRY", 0.05)
    path = tmp_path / "history.sqlite3"
    History(path).start_session(strength_plan())  # the file, with its tables
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin immediate")
    told: list[str] = []
    diary = Diary(History(path, busy_timeout_ms=20), on_notice=told.append)
    session = diary.start_session(strength_plan())
    diary.record_set(session, entry(0, reps=9))
    diary.finish_session(session, completed=True)
    assert diary.flush()
    assert "written as soon as it lets go" in told[0]
    holder.execute("rollback")
    holder.close()
    for _ in range(100):  # no new write comes: the diary tries again by itself
        if not diary.history.behind:
            break
        threading.Event().wait(0.05)
    kept = History(path).session(session.id)
    assert kept is not None and kept.status is Status.FINISHED and kept.sets_done == 1
    diary.close()
