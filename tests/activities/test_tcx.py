from __future__ import annotations

from datetime import timedelta

import pytest

from backcoach.activities import ActivityFileError, read_activities
from backcoach.core.activity import Sport

from .make import BILLION_LAUGHS, EXTERNAL_ENTITY, START, Lap, tcx_text, write


def read(tmp_path, text: str, name: str = "run.tcx"):
    return read_activities(write(tmp_path / name, text, zipped=name.lower().endswith(".gz")))


@pytest.mark.parametrize(
    ("sport", "expected"),
    [
        ("Running", Sport.RUN),
        ("Biking", Sport.RIDE),
        ("Other", Sport.OTHER),
        ("Rowing", Sport.OTHER),
    ],
)
def test_the_activity_sport_maps(tmp_path, sport, expected):
    (activity,) = read(tmp_path, tcx_text([(sport, [Lap()])]))
    assert activity.sport is expected


def test_laps_are_summed_and_heart_rate_weighted_by_lap_time(tmp_path):
    laps = [
        Lap(seconds=600.0, metres=2000.0, heart_rate=140, start="2026-11-01T08:30:00+01:00"),
        Lap(seconds=1200.0, metres=3500.5, heart_rate=170, start="2026-11-01T08:40:00+01:00"),
    ]
    (activity,) = read(tmp_path, tcx_text([("Running", laps)]), "tempo.tcx")
    assert activity.seconds == pytest.approx(1800.0)
    assert activity.metres == pytest.approx(5500.5, rel=0.01)
    assert activity.heart_rate == 160  # (140 * 600 + 170 * 1200) / 1800
    assert activity.started_at == START
    assert activity.started_at.utcoffset() == timedelta(hours=1)
    assert activity.source == "tempo.tcx"


def test_laps_without_distance_or_heart_rate_leave_them_unknown(tmp_path):
    (activity,) = read(tmp_path, tcx_text([("Running", [Lap(metres=None, heart_rate=None)])]))
    assert (activity.metres, activity.heart_rate) == (None, None)


def test_a_multisport_session_gives_one_activity_per_sport(tmp_path):
    later = "2026-11-01T09:00:00Z"
    text = tcx_text([("Biking", [Lap()]), ("Running", [Lap(start=later)])], multisport=True)
    activities = read(tmp_path, text, "brick.tcx.gz")
    assert [a.sport for a in activities] == [Sport.RIDE, Sport.RUN]


def test_a_tcx_with_no_activity_says_so(tmp_path):
    with pytest.raises(ActivityFileError, match="no activity in this TCX file"):
        read(tmp_path, tcx_text([]))


@pytest.mark.parametrize("bomb", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entities_are_refused(tmp_path, bomb):
    with pytest.raises(ActivityFileError) as raised:
        read(tmp_path, bomb.format(root="TrainingCenterDatabase"))
    assert str(raised.value).startswith("refused: it declares a DTD or entities")


def test_broken_xml_is_not_a_complete_tcx_file(tmp_path):
    with pytest.raises(ActivityFileError, match=r"^not a complete TCX file \(XML error"):
        read(tmp_path, tcx_text([("Running", [Lap()])])[:-40])
