"""Recording and reading back: sessions, sets, corrections, last time, ranges, check-ins."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from backcoach.core.clock import FakeClock
from backcoach.core.durations import parse_load
from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome, Session
from backcoach.store import History, Phase, Reach, Status, plan_fingerprint
from backcoach.store.database import history_path
from backcoach.store.mappers import sets as set_mapper
from tests.helpers import PIRIFORMIS, hold, manual_reps, routine
from tests.store.builders import KATHMANDU, NEWFOUNDLAND, PARIS, at, entry, strength_plan


@pytest.fixture
def history():
    with History() as store:
        yield store


def test_it_lives_in_the_user_folder_and_touches_nothing_until_written(isolated_home):
    history = History()
    assert history.path == isolated_home / "history.sqlite3" == history_path()
    assert history.recent_sessions() == []
    assert history.last_time("x") is None
    assert not history.path.exists() and not isolated_home.exists()
    history.start_session(strength_plan())
    assert history.path.exists()
    assert oct(history.path.stat().st_mode & 0o777) == "0o600"  # pain scores are private


def test_a_session_is_written_at_start_and_each_set_as_it_ends(history):
    plan = strength_plan()
    session = history.start_session(plan, at=at(16, 18, 5))
    reader = History(history.path)  # another process, as it were, reading the file
    (row,) = reader.recent_sessions()
    assert (row.id, row.routine_id, row.routine_source, row.title) == (
        session,
        "test",
        "bundled",
        "Test",
    )
    assert row.started_at.isoformat() == "2026-11-16T18:05:00+01:00"
    assert row.plan_hash == plan_fingerprint(plan)
    assert (row.ended_at, row.sets_done, row.practice) == (None, 0, False)

    history.record_set(session, entry(0), at=at(16, 18, 6))
    history.record_set(session, entry(2, outcome=Outcome.SKIPPED, reps=0), at=at(16, 18, 9))
    (row,) = reader.recent_sessions()
    assert (row.sets_done, row.sets_skipped) == (1, 1)
    assert row.ended_at == at(16, 18, 9)  # while it runs, its end follows its latest set

    history.finish_session(session, at=at(16, 18, 40))
    (row,) = reader.recent_sessions()
    assert row.status is Status.FINISHED
    assert row.duration == timedelta(minutes=35)
    assert [s.position for s in reader.sets(session)] == [0, 2]


def test_the_sessions_own_writer_sees_it_running_and_everyone_else_sees_it_cut_off(history):
    session = history.start_session(strength_plan(), at=at(16))
    history.record_set(session, entry(0), at=at(16, 18, 3))
    assert history.session(session).status is Status.RUNNING
    other = History(history.path).session(session)
    assert other.status is Status.STOPPED
    assert other.ended_at == at(16, 18, 3)  # stopped early at its last set


def test_stopping_early_is_recorded_as_stopped(history):
    session = history.start_session(strength_plan(), at=at(16))
    history.finish_session(session, completed=False, at=at(16, 18, 2))
    history.finish_session(session, at=at(16, 18, 9))  # a second close changes nothing
    assert history.session(session).status is Status.STOPPED
    assert history.session(session).ended_at == at(16, 18, 2)


def test_a_correction_replaces_the_set(history):
    session = history.start_session(strength_plan(), at=at(16))
    history.record_set(session, entry(0, reps=10, load="20 kg"))
    history.record_set(session, entry(0, reps=8, load="17.5 kg"))
    (only,) = history.sets(session)
    assert (only.reps, str(only.load)) == (8, "17.5 kg")
    assert history.session(session).sets_done == 1
    history.record_set(session, entry(0, reps=0, outcome=Outcome.SKIPPED))
    row = history.session(session)
    assert (row.sets_done, row.sets_skipped) == (0, 1)  # the counts follow the correction


def test_a_correction_after_the_finish_is_kept_too(history):
    session = history.start_session(strength_plan(), at=at(16))
    history.record_set(session, entry(0, reps=10), at=at(16, 18, 5))
    history.finish_session(session, at=at(16, 18, 30))
    history.record_set(session, entry(0, reps=9), at=at(16, 18, 31))
    assert history.sets(session)[0].reps == 9
    assert history.session(session).ended_at == at(16, 18, 30)


def test_what_the_session_records_is_what_the_store_keeps(history):
    """The recorder's path: core SetRecords straight into the store."""
    plan = build_plan(
        routine(
            manual_reps(10, sets=2, load=parse_load("20 kg")),
            hold(30, sides=("right", "left", "right")),
        )
    )
    clock = FakeClock()
    run = Session(plan, clock)
    stored = history.start_session(plan)
    run.start()
    clock.advance(25)
    run.done()
    run.adjust(0, reps=8, load=parse_load("15 kg"))
    clock.advance(31)
    run.next()  # skip the second set
    clock.advance(200)
    run.poll()
    for record in run.records.values():
        history.record_set(stored, set_mapper.from_record(record))
    history.finish_session(stored, completed=run.finished)
    sets = history.sets(stored)
    assert [(s.exercise_id, s.side, s.set_number, s.reps, s.outcome.value) for s in sets] == [
        ("stiff-legged-deadlift", None, 1, 8, "done"),
        ("stiff-legged-deadlift", None, 2, 0, "skipped"),
        (PIRIFORMIS.id, "right", 1, None, "done"),
        (PIRIFORMIS.id, "left", 1, None, "done"),
        (PIRIFORMIS.id, "right", 1, None, "done"),
    ]
    assert sets[0].load == parse_load("15 kg") and sets[0].planned_reps == 10
    assert sets[0].seconds == 25.0
    assert history.session(stored).status is Status.FINISHED


def test_recent_sessions_newest_first_with_limit_and_since(history):
    ids = []
    for day in (16, 18, 20, 23):
        session = history.start_session(strength_plan(), at=at(day))
        history.finish_session(session, at=at(day, 18, 30))
        ids.append(session)
    assert [s.id for s in history.recent_sessions()] == ids[::-1]
    assert [s.id for s in history.recent_sessions(2)] == ids[:1:-1]
    assert [s.id for s in history.recent_sessions(since=date(2026, 11, 18))] == ids[:0:-1]
    assert len(history.recent_sessions(None)) == 4


def test_dates_are_the_local_dates_the_sessions_happened_on(history):
    # 23:30 in Kathmandu on the 16th is still the 16th there, though UTC says 17:45.
    late = history.start_session(strength_plan(), at=at(16, 23, 30, tz=KATHMANDU))
    # 22:00 in Newfoundland on the 22nd (a Sunday) is already the 23rd in UTC.
    sunday = history.start_session(strength_plan(), at=at(22, 22, 0, tz=NEWFOUNDLAND))
    monday = history.start_session(strength_plan(), at=at(23, 0, 30))
    week = history.sessions_between(date(2026, 11, 16), date(2026, 11, 22))
    assert [s.id for s in week] == [late, sunday]  # oldest first
    assert [s.id for s in history.sessions_between(date(2026, 11, 23), date(2026, 11, 29))] == [
        monday
    ]
    assert history.recent_sessions(since=date(2026, 11, 23))[-1].id == monday
    assert week[0].started_at.isoformat() == "2026-11-16T23:30:00+05:45"


def test_the_days_that_count_toward_a_target_are_those_of_runs_played_to_the_end(history):
    routine_id = strength_plan().routine.id

    def played(moment, finish=True, practice=False):
        session = history.start_session(strength_plan(), practice=practice, at=moment)
        if finish:
            history.finish_session(session, at=moment)

    played(at(16, 23, 30, tz=KATHMANDU))  # 17:45 UTC, but the 16th where it was played
    played(at(18, 7))
    played(at(18, 19))  # a second run that day: the day counts once
    played(at(19), finish=False)  # stopped early (or cut off): does not count
    played(at(20), practice=True)
    played(at(23))  # after the range
    days = history.days_trained(date(2026, 11, 16), date(2026, 11, 22), [routine_id, "core"])
    assert days == {routine_id: [date(2026, 11, 16), date(2026, 11, 18)]}
    assert history.days_trained(date(2026, 11, 16), date(2026, 11, 22), ["core"]) == {}


def test_exercise_days_sum_up_each_exercise_of_each_session_for_the_charts(history):
    morning = history.start_session(strength_plan(), at=at(18, 7))
    history.record_set(morning, entry(0, reps=8, load="20 kg"))
    history.record_set(morning, entry(2, reps=10, load="45 lb"))
    history.record_set(morning, entry(4, reps=12, load="25 kg", outcome=Outcome.SKIPPED))
    evening = history.start_session(strength_plan(), at=at(18, 19))
    history.record_set(evening, entry(0, reps=6, load="22.5 kg"))
    practice = history.start_session(strength_plan(), practice=True, at=at(19))
    history.record_set(practice, entry(0, reps=3))
    first, second = history.exercise_days(date(2026, 11, 16))
    assert (first.day, first.reps) == (date(2026, 11, 18), 10)
    assert sorted(str(load) for load in first.loads) == ["20 kg", "45 lb"]
    assert (second.day, second.reps, [str(x) for x in second.loads]) == (
        date(2026, 11, 18),
        6,
        ["22.5 kg"],
    )
    assert history.exercise_days(date(2026, 11, 19)) == []


def test_practice_runs_are_kept_but_left_out_of_ranges_and_last_time(history):
    real = history.start_session(strength_plan(), at=at(16))
    history.record_set(real, entry(0, reps=10))
    practice = history.start_session(strength_plan(), practice=True, at=at(17))
    history.record_set(practice, entry(0, reps=3))
    assert [s.practice for s in history.recent_sessions()] == [True, False]
    assert [s.id for s in history.sessions_between(date(2026, 11, 16), date(2026, 11, 22))] == [
        real
    ]
    both = history.sessions_between(date(2026, 11, 16), date(2026, 11, 22), include_practice=True)
    assert len(both) == 2
    assert history.last_time("stiff-legged-deadlift").session == real


def test_last_time_is_the_latest_session_where_the_exercise_was_done(history):
    first = history.start_session(strength_plan(), at=at(16))
    history.record_set(first, entry(0, reps=10, load="20 kg"))
    history.record_set(first, entry(2, reps=9, load="20 kg", set_number=2))
    history.record_set(first, entry(6, exercise=PIRIFORMIS.id, reps=None, load=None, side="left"))
    skipped = history.start_session(strength_plan(), at=at(18))
    history.record_set(skipped, entry(0, outcome=Outcome.SKIPPED, reps=0))
    current = history.start_session(strength_plan(), at=at(20))
    history.record_set(current, entry(0, reps=12, load="22.5 kg"))

    last = history.last_time("stiff-legged-deadlift", before=current)
    assert last is not None
    assert last.session == first and last.started_at == at(16)
    assert [(s.reps, str(s.load), s.set_number) for s in last.sets] == [
        (10, "20 kg", 1),
        (9, "20 kg", 2),
    ]
    assert history.last_time("stiff-legged-deadlift").session == current
    assert history.last_time("stiff-legged-deadlift", before=first) is None
    assert history.last_time(PIRIFORMIS.id).sets[0].side == "left"
    assert history.last_time("never-done") is None


def test_sessions_recorded_elsewhere_cannot_be_written_through_this_store(history):
    session = History(history.path).start_session(strength_plan())
    history.record_set(session, entry(0))
    history.finish_session(session)
    assert history.sets(session) == []
    assert history.session(session).status is Status.STOPPED


def test_checkins_are_kept_in_time_order_and_linked_to_their_session(history):
    session = history.start_session(strength_plan(), at=at(16))
    after = history.add_checkin(
        2, 1, "buttock", note="tight, better", session=session, phase="after", at=at(16, 19)
    )
    before = history.add_checkin(
        4, 3, Reach.THIGH, session=session, phase=Phase.BEFORE, at=at(16, 17, 55)
    )
    later = history.add_checkin(1, 0, "none", at=at(18, 8, tz=KATHMANDU))
    assert history.checkins() == [before, after, later]
    assert history.checkins()[1].note == "tight, better"
    assert history.checkins()[1].session == session
    assert history.checkins(since=date(2026, 11, 17)) == [later]
    assert history.checkins()[2].taken_at.isoformat() == "2026-11-18T08:00:00+05:45"


def test_a_checkin_links_to_a_session_recorded_by_another_process(history):
    elsewhere = History(history.path).start_session(strength_plan(), at=at(16))
    history.add_checkin(3, 3, "knee", session=elsewhere, phase="later")
    history.add_checkin(3, 3, "knee", session="not-a-session")
    assert [c.session for c in history.checkins()] == [elsewhere, None]


@pytest.mark.parametrize(
    ("back", "leg", "reach", "phase"),
    [(11, 0, "none", None), (0, -1, "none", None), (0, 0, "ankle", None), (0, 0, "none", "during")],
)
def test_a_checkin_out_of_range_is_refused(history, back, leg, reach, phase):
    with pytest.raises(ValueError):
        history.add_checkin(back, leg, reach, phase=phase)
    assert history.checkins() == []


def test_a_disabled_store_records_nothing_and_says_nothing(isolated_home):
    history = History(enabled=False)
    session = history.start_session(strength_plan())
    history.record_set(session, entry(0))
    history.finish_session(session)
    history.add_checkin(1, 1, "none")
    assert history.recent_sessions() == [] and history.notice is None
    assert not isolated_home.exists()


def test_the_fingerprint_follows_the_work_not_the_words():
    base = strength_plan()
    assert plan_fingerprint(base) == plan_fingerprint(strength_plan())
    assert len(plan_fingerprint(base)) == 64
    assert plan_fingerprint(base) != plan_fingerprint(strength_plan(reps=8))
    assert plan_fingerprint(base) != plan_fingerprint(strength_plan(load="22.5 kg"))
    renamed = dataclasses.replace(PIRIFORMIS, name="Figure-four stretch", cues=("Breathe",))
    steps = list(base.routine.steps)
    steps[1] = dataclasses.replace(steps[1], exercise=renamed, countdown=5)
    retitled = dataclasses.replace(base.routine, title="Other", steps=tuple(steps))
    assert plan_fingerprint(build_plan(retitled)) == plan_fingerprint(base)


def test_the_fingerprint_is_pinned():
    """The same plan must hash the same on every machine and every release, forever."""
    plan = build_plan(routine(manual_reps(10, sets=2, load=parse_load("20 kg"), rest=60)))
    assert (
        plan_fingerprint(plan) == "6e8d046b8c434487505485717fc50fd913413d76eebaab0d0bda5e983a86b94a"
    )


def test_times_keep_their_offset(history):
    session = history.start_session(strength_plan(), at=at(16, 18, 5, tz=NEWFOUNDLAND))
    history.finish_session(session, at=at(16, 22, 50, tz=PARIS))  # 15 minutes later
    row = history.session(session)
    assert row.started_at.isoformat() == "2026-11-16T18:05:00-03:30"
    assert row.ended_at.isoformat() == "2026-11-16T22:50:00+01:00"
    assert row.duration == timedelta(minutes=15)


def test_a_deleted_session_keeps_its_checkins_and_a_restore_links_them_again(tmp_path):

    history = History(tmp_path / "history.sqlite3")
    plan = strength_plan()
    session = history.start_session(plan, at=at(17))
    history.add_checkin(2, 1, "buttock", session=session, phase=Phase.BEFORE, at=at(17))
    history.record_set(session, entry(0), at=at(17, 18, 2))
    history.finish_session(session, at=at(17, 18, 30))

    removed = history.delete_session(session)
    assert removed is not None and removed.session.id == session
    assert history.recent_sessions() == []
    (kept,) = history.checkins()
    assert (kept.session, kept.phase) == (None, None)  # still in the pain diary

    history.restore([removed], removed.checkins)
    (back,) = history.checkins()
    assert (back.session, back.phase) == (session, Phase.BEFORE)
    assert [s.position for s in history.sets(session)] == [0]


def test_a_session_being_played_is_neither_deleted_nor_edited(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    session = history.start_session(strength_plan(), at=at(17))
    history.record_set(session, entry(0), at=at(17, 18, 2))
    assert history.delete_session(session) is None
    assert not history.edit_set(session, 0, reps=3)
    assert history.sets(session)[0].reps == 10
