"""GPX files: one Activity per track with times; gpxpy measures each track.

The XML is parsed once, after xmlsafe has refused any DTD (so no entity bomb and nothing
fetched), and each track's points become gpxpy's own track objects, whose geometry gives
the figures.
gpxpy's parser is not used: it reads point by point through a generic field table (five
times slower than building the points from the parsed tree: an hour's run at one point a
second took it 0.2 s of CPU) and, with lxml installed, parses with lxml's defaults.

Distance is gpxpy's 2D length: a watch and Strava count distance over the ground, and GPS
heights jitter by metres from one point to the next, which 3D would add as distance never
run. Time is gpxpy's moving time (stops at lights left out), else the track's duration.
"""

from __future__ import annotations

from datetime import datetime
from statistics import fmean
from xml.etree.ElementTree import Element

import gpxpy.gpx

from backcoach.activities.errors import ActivityFileError
from backcoach.activities.xmlsafe import local_name, parse, parse_time
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
    key = (kind or "").strip().lower().replace(" ", "_").replace("-", "_")
    return _TYPES.get(key, Sport.OTHER)


def read_gpx(data: bytes, source: str) -> list[Activity]:
    root = parse(data, "GPX")
    if local_name(root) != "gpx":
        raise ActivityFileError(f"not a GPX file (its root element is <{local_name(root)}>)")
    tracks = [_track(element) for element in root if local_name(element) == "trk"]
    tracks = [track for track in tracks if track[0].get_points_no()]
    if not tracks:
        raise ActivityFileError("no track in this GPX file (only a route or waypoints)")
    found = [_activity(track, rates, source) for track, rates in tracks]
    activities = [activity for activity in found if activity is not None]
    if not activities:
        raise ActivityFileError(NO_TIMES)
    return activities


def _track(element: Element) -> tuple[gpxpy.gpx.GPXTrack, list[float]]:
    """gpxpy's track of the element's points, and the heart rates Garmin's
    TrackPointExtension gives (<gpxtpx:hr>)."""
    track = gpxpy.gpx.GPXTrack()
    rates: list[float] = []
    for child in element:
        name = local_name(child)
        if name == "type":
            track.type = (child.text or "").strip() or None  # type: ignore[assignment]
        elif name == "trkseg":
            segment = gpxpy.gpx.GPXTrackSegment()
            segment.points = [
                _point(point, rates) for point in child if local_name(point) == "trkpt"
            ]
            track.segments.append(segment)
    return track, rates


def _point(element: Element, rates: list[float]) -> gpxpy.gpx.GPXTrackPoint:
    try:
        latitude = float(element.get("lat", ""))
        longitude = float(element.get("lon", ""))
    except ValueError:
        raise ActivityFileError("a track point without a latitude or longitude") from None
    elevation: float | None = None
    time: datetime | None = None
    for child in element:
        tag = child.tag  # local_name() inlined: this runs for every point's every child
        name = tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""
        if name == "ele":
            elevation = _number(child.text)
        elif name == "time":
            time = parse_time(child.text)
        elif name == "extensions":
            for inner in child.iter():
                if local_name(inner) == "hr" and (rate := _number(inner.text)) is not None:
                    rates.append(rate)
    return gpxpy.gpx.GPXTrackPoint(latitude, longitude, elevation=elevation, time=time)


def _activity(track: gpxpy.gpx.GPXTrack, rates: list[float], source: str) -> Activity | None:
    started, ended = track.get_time_bounds()
    if started is None or ended is None:
        return None  # a planned route saved as a track; said once if no track has times
    moving = track.get_moving_data()
    seconds = moving.moving_time if moving.moving_time > 0 else (ended - started).total_seconds()
    has_heights = any(
        point.elevation is not None for segment in track.segments for point in segment.points
    )
    return Activity(
        sport=sport_of(track.type),
        started_at=started,
        seconds=float(seconds),
        metres=track.length_2d(),
        ascent_m=track.get_uphill_downhill().uphill if has_heights else None,
        heart_rate=round(fmean(rates)) if rates else None,
        source=source,
    )


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None
