from __future__ import annotations

from datetime import timedelta

import pytest

from backcoach.activities import ActivityFileError, read_activities
from backcoach.core.activity import Sport

from .make import BILLION_LAUGHS, EXTERNAL_ENTITY, START, Track, gpx_text, write


def read(tmp_path, text: str, name: str = "run.gpx"):
    return read_activities(write(tmp_path / name, text, zipped=name.lower().endswith(".gz")))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("running", Sport.RUN),
        ("Running", Sport.RUN),
        ("trail_running", Sport.RUN),
        ("9", Sport.RUN),
        ("cycling", Sport.RIDE),
        ("road_biking", Sport.RIDE),
        ("1", Sport.RIDE),
        ("walking", Sport.WALK),
        ("hiking", Sport.WALK),
        ("kayaking", Sport.OTHER),
        (None, Sport.OTHER),
    ],
)
def test_the_track_type_maps_to_a_sport(tmp_path, kind, expected):
    (activity,) = read(tmp_path, gpx_text([Track(type=kind)]))
    assert activity.sport is expected


def test_distance_is_the_2d_length_within_one_percent(tmp_path):
    (activity,) = read(tmp_path, gpx_text([Track(metres=8000.0, seconds=2400.0)]), "long.gpx")
    assert activity.metres == pytest.approx(8000.0, rel=0.01)
    assert activity.seconds == pytest.approx(2400.0, rel=0.01)
    assert activity.started_at == START
    assert activity.source == "long.gpx"
    assert activity.ascent_m is not None


def test_moving_time_leaves_out_a_stop(tmp_path):
    track = Track(metres=5000.0, seconds=1500.0, stop_seconds=600.0)
    (activity,) = read(tmp_path, gpx_text([track]))
    assert activity.seconds == pytest.approx(1500.0, rel=0.01)


def test_heart_rate_is_the_mean_of_the_track_points(tmp_path):
    (activity,) = read(tmp_path, gpx_text([Track(heart_rate=140)]))
    assert activity.heart_rate == 140


def test_without_heights_and_heart_rates_they_are_unknown(tmp_path):
    (activity,) = read(tmp_path, gpx_text([Track(elevation=False)]))
    assert (activity.ascent_m, activity.heart_rate) == (None, None)


def test_each_track_is_an_activity(tmp_path):
    tracks = [Track("running"), Track("cycling", start=START + timedelta(hours=3))]
    activities = read(tmp_path, gpx_text(tracks))
    assert [a.sport for a in activities] == [Sport.RUN, Sport.RIDE]


def test_a_gzipped_gpx_reads(tmp_path):
    (activity,) = read(tmp_path, gpx_text([Track()]), "export.GPX.GZ")
    assert activity.metres == pytest.approx(5000.0, rel=0.01)


def test_a_gpx_without_times_says_backcoach_needs_when_it_was(tmp_path):
    with pytest.raises(ActivityFileError) as raised:
        read(tmp_path, gpx_text([Track(start=None)]))
    assert str(raised.value) == "no times in this GPX file; backcoach needs when it was"


def test_a_gpx_with_only_a_route_says_so(tmp_path):
    text = '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="1" lon="2"/></rte></gpx>'
    with pytest.raises(ActivityFileError, match="no track in this GPX file"):
        read(tmp_path, text)


@pytest.mark.parametrize("bomb", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entities_are_refused_before_anything_expands(tmp_path, bomb):
    with pytest.raises(ActivityFileError) as raised:
        read(tmp_path, bomb.format(root="gpx"))
    assert str(raised.value).startswith("refused: it declares a DTD or entities")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "text", ["", "<gpx", "<gpx version='1.1'><trk><trkseg>", "\xff\xfe nonsense", "<notgpx/>"]
)
def test_broken_xml_is_one_line(tmp_path, text):
    with pytest.raises(ActivityFileError) as raised:
        read(tmp_path, text)
    assert "\n" not in str(raised.value)


def test_a_gpx_1_0_file_reads_too(tmp_path):
    text = (
        '<?xml version="1.0"?><gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0">'
        "<trk><type>Run</type><trkseg>"
        '<trkpt lat="45.0" lon="7.0"><time>2026-11-01T07:30:00Z</time></trkpt>'
        '<trkpt lat="45.009" lon="7.0"><time>2026-11-01T07:35:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    )
    (activity,) = read(tmp_path, text)
    assert activity.sport is Sport.RUN
    assert activity.metres == pytest.approx(1000.0, rel=0.01)
    assert activity.seconds == pytest.approx(300.0)
