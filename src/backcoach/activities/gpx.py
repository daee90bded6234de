"""GPX files: one Activity per track with times, read by gpxpy.

Distance is gpxpy's 2D length: a watch and Strava count distance over the ground, and GPS
heights jitter by metres from one point to the next, which 3D would add as climbing never
run. Time is gpxpy's moving time (stops at lights left out), else the track's duration.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime, timedelta, timezone
from statistics import fmean

import gpxpy
import gpxpy.gpx

from backcoach.activities.errors import ActivityFileError
from backcoach.activities.xmlsafe import check_prolog
from backcoach.core.activity import Activity, Sport

NO_TIMES = "no times in this GPX file; backcoach needs when it was"

# <type> as Strava, Garmin Connect and others write it. Strava's older exports write its
# activity type numbers: 1 ride, 4 hike, 9 run, 10 walk.
_TYPES = {
    "running": Sport.RUN,
    "run": Sport.RUN,
    "trail_running": Sport.RUN,
    "treadmill_running": Sport.RUN,
    "virtualrun": Sport.RUN,
    "9": Sport.RUN,
    "cycling": Sport.RIDE,
    "biking": Sport.RIDE,
    "ride": Sport.RIDE,
    "road_biking": Sport.RIDE,
    "mountain_biking": Sport.RIDE,
    "gravel_cycling": Sport.RIDE,
    "ebikeride": Sport.RIDE,
    "virtualride": Sport.RIDE,
    "1": Sport.RIDE,
    "walking": Sport.WALK,
    "walk": Sport.WALK,
    "hiking": Sport.WALK,
    "hike": Sport.WALK,
    "4": Sport.WALK,
    "10": Sport.WALK,
}


def sport_of(kind: str | None) -> Sport:
    return _TYPES.get((kind or "").strip().lower().replace(" ", "_").replace("-", "_"), Sport.OTHER)


def read_gpx(data: bytes, source: str) -> list[Activity]:
    check_prolog(data, "GPX")
    try:
        document = gpxpy.parse(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ActivityFileError("not a GPX file in UTF-8 (GPX files are UTF-8)") from None
    except gpxpy.gpx.GPXException as error:
        raise ActivityFileError(f"not a complete GPX file ({error})") from None
    tracks = [track for track in document.tracks if track.get_points_no()]
    if not tracks:
        raise ActivityFileError("no track in this GPX file (only a route or waypoints)")
    activities = [_activity(track, source) for track in tracks]
    found = [activity for activity in activities if activity is not None]
    if not found:
        raise ActivityFileError(NO_TIMES)
    return found


def _activity(track: gpxpy.gpx.GPXTrack, source: str) -> Activity | None:
    started, ended = track.get_time_bounds()
    if started is None or ended is None:
        return None  # a planned route saved as a track; said once if no track has times
    moving = track.get_moving_data()
    seconds = moving.moving_time if moving.moving_time > 0 else (ended - started).total_seconds()
    climbed = track.get_uphill_downhill().uphill
    has_heights = any(point.elevation is not None for point in _points(track))
    return Activity(
        sport=sport_of(track.type),
        started_at=_plain_offset(started),
        seconds=float(seconds),
        metres=track.length_2d(),
        ascent_m=climbed if has_heights else None,
        heart_rate=_heart_rate(track),
        source=source,
    )


def _points(track: gpxpy.gpx.GPXTrack) -> list[gpxpy.gpx.GPXTrackPoint]:
    return [point for segment in track.segments for point in segment.points]


def _plain_offset(moment: datetime) -> datetime:
    """gpxpy's own tzinfo as a datetime.timezone, which compares and pickles plainly."""
    offset = moment.utcoffset()
    return moment.replace(tzinfo=timezone(offset if offset is not None else timedelta(0)))


def _heart_rate(track: gpxpy.gpx.GPXTrack) -> int | None:
    """The mean of the heart rates Garmin's TrackPointExtension gives (<gpxtpx:hr>)."""
    rates: list[float] = []
    for point in _points(track):
        for extension in point.extensions:
            for element in extension.iter():
                if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "hr":
                    with suppress(ValueError):
                        rates.append(float(element.text or ""))
    return round(fmean(rates)) if rates else None
