"""Runs, rides and walks in the history: kept once, read back as they were, never raising."""

from __future__ import annotations

from datetime import date, timedelta

from backcoach.core.activity import Activity, Effort, Sport
from backcoach.store import History
from tests.store.builders import KATHMANDU, at

RUN = Activity(
    Sport.RUN,
    at(20, 7, 0, KATHMANDU),
    1710.0,
    5000.0,
    ascent_m=42.0,
    heart_rate=151,
    source="morning.fit",
    effort=Effort.EASY,
    shoes="Pegasus",
    note="felt fine",
)
RIDE = Activity(Sport.RIDE, at(21), 3600.0, 30_000.0)


def test_an_activity_reads_back_as_it_was_kept(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    (kept,) = history.activities.add([RUN])
    assert history.activities.listed() == [kept]
    assert kept.activity == RUN
    assert kept.activity.started_at.utcoffset() == timedelta(hours=5, minutes=45)


def test_the_same_activity_twice_is_kept_once(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    assert len(history.activities.add([RUN, RIDE])) == 2
    same_run_in_utc = Activity(Sport.RUN, RUN.started_at.astimezone(), 1700.0, 4990.0)
    assert history.activities.add([same_run_in_utc, RIDE]) == []
    assert [k.activity.sport for k in history.activities.listed()] == [Sport.RUN, Sport.RIDE]


def test_listing_from_a_day_and_up_to_a_moment(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    history.activities.add([RUN, RIDE])
    assert [k.activity for k in history.activities.listed(since=date(2026, 11, 21))] == [RIDE]
    assert [k.activity for k in history.activities.listed(until=at(21))] == [RUN]


def test_an_activity_is_found_by_the_start_of_its_id_and_deleted(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    (kept,) = history.activities.add([RUN])
    assert history.activities.matching(kept.id[:6]) == [kept.id]
    assert history.activities.matching("%") == []  # a wildcard is only a character
    assert history.activities.delete(kept.id)
    assert history.activities.listed() == []
    assert not history.activities.delete(kept.id)


def test_an_unusable_history_keeps_nothing_and_says_so(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    history = History(blocker / "history.sqlite3")
    assert history.activities.add([RUN]) is None
    assert history.activities.listed() == []
    assert history.notice is not None


def test_retired_shoes_are_remembered_whatever_their_case(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    assert history.activities.retire_shoes("Pegasus", at(22))
    assert history.activities.retire_shoes("PEGASUS", at(23))
    assert history.activities.retired_shoes() == ["Pegasus"]
