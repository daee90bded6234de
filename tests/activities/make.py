"""Activity files made by the tests, with known distances and times: FIT through the FIT
SDK's own encoder, GPX through gpxpy, TCX from text. Nothing binary is checked in."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import gpxpy.geo
import gpxpy.gpx
from garmin_fit_sdk import Encoder, Profile

MESG = Profile["mesg_num"]
START = datetime(2026, 11, 1, 7, 30, tzinfo=timezone.utc)
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=timezone.utc)


@dataclass
class Session:
    sport: str = "running"
    sub_sport: str = "generic"
    seconds: float = 1800.0
    """Timer (moving) time; elapsed is a minute longer."""
    metres: float | None = 5000.0
    ascent: int | None = 42
    heart_rate: int | None = 150
    start: datetime = START
    extra: dict[str, Any] = field(default_factory=dict)


def fit_bytes(
    sessions: list[Session] | None = None,
    *,
    file_type: str = "activity",
    offset_hours: float | None = None,
    records: int = 60,
    more: list[dict[str, Any]] | None = None,
) -> bytes:
    """A FIT file: file_id, `records` per-second records per session, a lap and a session
    message each, and an activity message with local_timestamp when `offset_hours` is given."""
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": file_type,
            "manufacturer": "development",
            "product": 1,
            "serial_number": 1234,
            "time_created": START,
        }
    )
    for message in more or []:
        encoder.write_mesg(message)
    end = START
    for session in sessions or []:
        step = session.seconds / max(records, 1)
        for index in range(records):
            encoder.write_mesg(
                {
                    "mesg_num": MESG["RECORD"],
                    "timestamp": session.start + timedelta(seconds=step * index),
                    "distance": (session.metres or 0.0) * index / records,
                    "heart_rate": session.heart_rate or 100,
                    "altitude": 100.0 + index % 7,
                    "speed": 3.0,
                    "cadence": 85,
                    "position_lat": 600_000_000 + index * 1000,
                    "position_long": 120_000_000 + index * 1000,
                }
            )
        end = session.start + timedelta(seconds=session.seconds + 60)
        summary: dict[str, Any] = {
            "timestamp": end,
            "start_time": session.start,
            "total_timer_time": session.seconds,
            "total_elapsed_time": session.seconds + 60,
            "total_distance": session.metres,
            "sport": session.sport,
            "sub_sport": session.sub_sport,
            "total_ascent": session.ascent,
            "avg_heart_rate": session.heart_rate,
            **session.extra,
        }
        summary = {key: value for key, value in summary.items() if value is not None}
        encoder.write_mesg({"mesg_num": MESG["LAP"], "event": "lap", **summary})
        encoder.write_mesg(
            {"mesg_num": MESG["SESSION"], "first_lap_index": 0, "num_laps": 1, **summary}
        )
    if offset_hours is not None:
        local = int((end - FIT_EPOCH).total_seconds() + offset_hours * 3600)
        encoder.write_mesg(
            {
                "mesg_num": MESG["ACTIVITY"],
                "timestamp": end,
                "local_timestamp": local,
                "num_sessions": len(sessions or []),
                "type": "manual",
                "event": "activity",
                "event_type": "stop",
            }
        )
    return bytes(encoder.close())


@dataclass
class Track:
    type: str | None = "running"
    metres: float = 5000.0
    seconds: float = 1500.0
    points: int = 501
    start: datetime | None = START
    stop_seconds: float = 0.0
    """A pause halfway, standing still: moving time leaves it out."""
    heart_rate: int | None = None
    elevation: bool = True


def gpx_text(tracks: list[Track]) -> str:
    """A GPX whose tracks run due north at an even pace over exactly `metres` (on gpxpy's
    Earth), each point `seconds / (points - 1)` after the last."""
    document = gpxpy.gpx.GPX()
    document.nsmap["gpxtpx"] = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
    for track in tracks:
        made = gpxpy.gpx.GPXTrack()
        made.type = track.type
        segment = gpxpy.gpx.GPXTrackSegment()
        made.segments.append(segment)
        legs = track.points - 1
        for index in range(track.points):
            time = None
            if track.start is not None:
                time = track.start + timedelta(seconds=track.seconds * index / legs)
                if index > legs // 2:
                    time += timedelta(seconds=track.stop_seconds)
            point = gpxpy.gpx.GPXTrackPoint(
                latitude=45.0 + track.metres * index / legs / gpxpy.geo.ONE_DEGREE,
                longitude=7.0,
                elevation=300.0 + (index % 2) if track.elevation else None,
                time=time,
            )
            if track.heart_rate is not None:
                point.extensions.append(_heart_rate_element(track.heart_rate + index % 3 - 1))
            segment.points.append(point)
            if index == legs // 2 and track.stop_seconds:
                standing = gpxpy.gpx.GPXTrackPoint(
                    latitude=point.latitude,
                    longitude=7.0,
                    elevation=point.elevation,
                    time=(time or START) + timedelta(seconds=track.stop_seconds),
                )
                segment.points.append(standing)
        document.tracks.append(made)
    return document.to_xml()


def _heart_rate_element(rate: int) -> Any:
    import xml.etree.ElementTree as ElementTree

    namespace = "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}"
    extension = ElementTree.Element(namespace + "TrackPointExtension")
    ElementTree.SubElement(extension, namespace + "hr").text = str(rate)
    return extension


@dataclass
class Lap:
    seconds: float = 600.0
    metres: float | None = 2000.0
    heart_rate: int | None = 150
    start: str = "2026-11-01T07:30:00Z"


def tcx_text(activities: list[tuple[str, list[Lap]]], *, multisport: bool = False) -> str:
    def activity(sport: str, laps: list[Lap]) -> str:
        body = "".join(_lap(lap) for lap in laps)
        first = laps[0].start if laps else "2026-11-01T07:30:00Z"
        return f'<Activity Sport="{sport}"><Id>{first}</Id>{body}</Activity>'

    inner = "".join(activity(sport, laps) for sport, laps in activities)
    if multisport:
        inner = f"<MultiSportSession><FirstSport>{inner}</FirstSport></MultiSportSession>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f"<Activities>{inner}</Activities></TrainingCenterDatabase>"
    )


def _lap(lap: Lap) -> str:
    parts = [
        f'<Lap StartTime="{lap.start}">',
        f"<TotalTimeSeconds>{lap.seconds}</TotalTimeSeconds>",
    ]
    if lap.metres is not None:
        parts.append(f"<DistanceMeters>{lap.metres}</DistanceMeters>")
    if lap.heart_rate is not None:
        parts.append(f"<AverageHeartRateBpm><Value>{lap.heart_rate}</Value></AverageHeartRateBpm>")
    parts.append("<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod></Lap>")
    return "".join(parts)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<{root}><name>&lol9;</name></{root}>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE {root} [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<{root}><name>&secret;</name></{root}>
"""


def write(path: Path, data: bytes | str, *, zipped: bool = False) -> Path:
    raw = data.encode() if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(raw) if zipped else raw)
    return path
