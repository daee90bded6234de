from __future__ import annotations

from dataclasses import replace
from datetime import timedelta, timezone

import pytest

from backcoach.activities import ActivityFileError, read_activities
from backcoach.core.activity import Sport

from .make import START, Session, fit_bytes, write


def read(tmp_path, data: bytes, name: str = "run.fit"):
    return read_activities(write(tmp_path / name, data, zipped=name.endswith(".gz")))


@pytest.mark.parametrize(
    ("sport", "sub_sport", "expected"),
    [
        ("running", "generic", Sport.RUN),
        ("running", "trail", Sport.RUN),
        ("running", "treadmill", Sport.RUN),
        ("fitness_equipment", "treadmill", Sport.RUN),
        ("cycling", "road", Sport.RIDE),
        ("cycling", "virtual_activity", Sport.RIDE),
        ("cycling", "indoor_cycling", Sport.RIDE),
        ("e_biking", "e_bike_mountain", Sport.RIDE),
        ("fitness_equipment", "indoor_cycling", Sport.RIDE),
        ("walking", "generic", Sport.WALK),
        ("hiking", "generic", Sport.WALK),
        ("swimming", "lap_swimming", Sport.OTHER),
        ("training", "strength_training", Sport.OTHER),
    ],
)
def test_sport_and_sub_sport_map_to_run_ride_walk_or_other(tmp_path, sport, sub_sport, expected):
    (activity,) = read(tmp_path, fit_bytes([Session(sport, sub_sport)]))
    assert activity.sport is expected


def test_the_session_summary_is_kept_as_the_watch_wrote_it(tmp_path):
    session = Session(seconds=1834.5, metres=5012.3, ascent=57, heart_rate=148)
    (activity,) = read(tmp_path, fit_bytes([session]), "Morning_Run.fit")
    assert activity.metres == pytest.approx(5012.3, rel=0.01)
    assert activity.seconds == pytest.approx(1834.5)  # moving (timer) time, not elapsed
    assert activity.ascent_m == 57
    assert activity.heart_rate == 148
    assert activity.source == "Morning_Run.fit"
    assert activity.started_at == START


def test_elapsed_time_stands_in_when_the_timer_time_is_missing(tmp_path):
    session = Session(seconds=600.0, extra={"total_timer_time": None})
    (activity,) = read(tmp_path, fit_bytes([session]))
    assert activity.seconds == pytest.approx(660.0)


def test_unknown_distance_ascent_and_heart_rate_stay_unknown(tmp_path):
    (activity,) = read(tmp_path, fit_bytes([Session(metres=None, ascent=None, heart_rate=None)]))
    assert (activity.metres, activity.ascent_m, activity.heart_rate) == (None, None, None)


def test_the_start_keeps_the_utc_offset_of_the_activity_message(tmp_path):
    (activity,) = read(tmp_path, fit_bytes([Session()], offset_hours=5.5))
    assert activity.started_at.utcoffset() == timedelta(hours=5, minutes=30)
    assert activity.started_at == START  # the same moment, told in local time
    assert activity.started_at.hour == 13


def test_without_a_local_timestamp_the_start_is_in_utc(tmp_path):
    (activity,) = read(tmp_path, fit_bytes([Session()]))
    assert activity.started_at.tzinfo == timezone.utc


def test_a_multisport_file_gives_one_activity_per_sport_and_no_transitions(tmp_path):
    sessions = [
        Session("running", start=START, metres=3000.0),
        Session("transition", start=START + timedelta(minutes=31), metres=50.0),
        Session("cycling", "road", start=START + timedelta(minutes=33), metres=20000.0),
        Session("running", start=START + timedelta(hours=2), metres=5000.0),
    ]
    activities = read(tmp_path, fit_bytes(sessions, offset_hours=1), "brick.fit")
    assert [(a.sport, a.metres) for a in activities] == [
        (Sport.RUN, 3000.0),
        (Sport.RIDE, 20000.0),
        (Sport.RUN, 5000.0),
    ]
    assert len({a.key for a in activities}) == 3


def test_a_gzipped_fit_file_reads_as_the_plain_one(tmp_path):
    data = fit_bytes([Session()])
    (zipped,) = read(tmp_path, data, "run.FIT.gz")
    (plain,) = read(tmp_path, data, "run.fit")
    assert zipped.source == "run.FIT.gz"
    assert replace(zipped, source="run.fit") == plain


def test_a_truncated_file_is_not_a_complete_fit_file_and_nothing_is_kept(tmp_path):
    data = fit_bytes([Session(), Session("cycling", start=START + timedelta(hours=1))])
    with pytest.raises(ActivityFileError, match=r"^not a complete FIT file \(it ends after"):
        read(tmp_path, data[: len(data) // 2])


def test_every_cut_of_a_file_is_refused_in_one_line(tmp_path):
    data = fit_bytes([Session()], records=3, offset_hours=1)
    for length in range(0, len(data), 7):
        with pytest.raises(ActivityFileError) as raised:
            read(tmp_path, data[:length])
        assert "\n" not in str(raised.value)


def test_damaged_bytes_are_refused_by_the_checksum(tmp_path):
    data = bytearray(fit_bytes([Session()]))
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(ActivityFileError, match=r"^not a complete FIT file \(its checksum"):
        read(tmp_path, bytes(data))


def test_a_file_that_is_no_fit_at_all_says_so(tmp_path):
    with pytest.raises(ActivityFileError, match=r"^not a complete FIT file \(it does not start"):
        read(tmp_path, b"<html>not a watch file</html>" * 10)


@pytest.mark.parametrize(
    ("file_type", "message", "said"),
    [
        ("settings", {"mesg_num": 3, "friendly_name": "me", "weight": 70.0}, "a settings file"),
        ("weight", {"mesg_num": 30, "timestamp": START, "weight": 70.5}, "a weight scale file"),
        ("workout", {"mesg_num": 26, "sport": "running", "num_valid_steps": 1}, "a workout file"),
    ],
)
def test_a_fit_file_with_no_activity_says_what_it_is(tmp_path, file_type, message, said):
    data = fit_bytes(file_type=file_type, more=[message])
    with pytest.raises(ActivityFileError) as raised:
        read(tmp_path, data)
    assert str(raised.value) == f"no activity in this file (it is {said})"


def test_an_activity_file_without_a_session_summary_says_so(tmp_path):
    with pytest.raises(ActivityFileError, match="activity file without a session summary"):
        read(tmp_path, fit_bytes([]))


def test_a_file_of_transitions_only_holds_no_activity(tmp_path):
    with pytest.raises(ActivityFileError, match="only transitions or undated sessions"):
        read(tmp_path, fit_bytes([Session("transition")]))
