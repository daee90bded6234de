"""TCX files: one Activity per <Activity>, from its laps (XML vetted by defusedxml).

TCX knows three sports (Running, Biking, Other), so a walk reads as other. Laps carry the
watch's own totals: their TotalTimeSeconds and DistanceMeters are summed, and their average
heart rates weighted by each lap's time. TCX has no total ascent.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from backcoach.activities.errors import ActivityFileError
from backcoach.activities.xmlsafe import local_name, parse, parse_time
from backcoach.core.activity import Activity, Sport

_SPORTS = {"running": Sport.RUN, "biking": Sport.RIDE}


def read_tcx(data: bytes, source: str) -> list[Activity]:
    root = parse(data, "TCX")
    activities = [element for element in root.iter() if local_name(element) == "Activity"]
    if not activities:
        raise ActivityFileError("no activity in this TCX file (a course or a workout?)")
    return [_activity(element, source) for element in activities]


def _activity(element: Element, source: str) -> Activity:
    laps = [child for child in element if local_name(child) == "Lap"]
    if not laps:
        raise ActivityFileError("an activity without laps in this TCX file")
    started = parse_time(laps[0].get("StartTime"))
    if started is None:
        started = parse_time(_text(element, "Id"))
    if started is None:
        raise ActivityFileError("no start time in this TCX file; backcoach needs when it was")
    seconds = 0.0
    metres: float | None = None
    weighted = 0.0
    timed = 0.0
    for lap in laps:
        lap_seconds = _number(_text(lap, "TotalTimeSeconds")) or 0.0
        seconds += lap_seconds
        distance = _number(_text(lap, "DistanceMeters"))
        if distance is not None:
            metres = (metres or 0.0) + distance
        rate = _number(_text(lap, "AverageHeartRateBpm", "Value"))
        if rate is not None and lap_seconds > 0:
            weighted += rate * lap_seconds
            timed += lap_seconds
    return Activity(
        sport=_SPORTS.get((element.get("Sport") or "").strip().lower(), Sport.OTHER),
        started_at=started,
        seconds=seconds,
        metres=metres,
        heart_rate=round(weighted / timed) if timed else None,
        source=source,
    )


def _text(element: Element, *path: str) -> str | None:
    """The text at a path of local names, whatever namespace prefix the file used."""
    current: Element | None = element
    for step in path:
        current = next(
            (child for child in (() if current is None else current) if local_name(child) == step),
            None,
        )
    return None if current is None else current.text


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None
