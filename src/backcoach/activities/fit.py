"""FIT activity files: one Activity per session message, read by Garmin's FIT SDK.

The session message is the watch's own summary (moving and elapsed time, distance, ascent,
average heart rate), so nothing is recomputed from the records. The activity message's
local_timestamp, where the watch wrote it, gives the UTC offset the run started in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone

from garmin_fit_sdk import Decoder, Stream

from backcoach.activities import fitframes
from backcoach.activities.errors import ActivityFileError
from backcoach.core.activity import Activity, Sport

_FILE_ID, _SESSION, _ACTIVITY = 0, 18, 34
_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=timezone.utc)

_SPORTS = {
    "running": Sport.RUN,
    "cycling": Sport.RIDE,
    "e_biking": Sport.RIDE,
    "walking": Sport.WALK,
    "hiking": Sport.WALK,
}
# Where the sport is generic (fitness equipment, training), the sub-sport says what it was.
_SUB_SPORTS = {
    "treadmill": Sport.RUN,
    "trail": Sport.RUN,
    "track": Sport.RUN,
    "street": Sport.RUN,
    "indoor_running": Sport.RUN,
    "indoor_cycling": Sport.RIDE,
    "spin": Sport.RIDE,
    "e_bike_fitness": Sport.RIDE,
    "e_bike_mountain": Sport.RIDE,
    "indoor_walking": Sport.WALK,
    "casual_walking": Sport.WALK,
    "speed_walking": Sport.WALK,
}

# file_id.type as a person says it: "it is a weight scale file".
_FILE_TYPES = {
    "weight": "weight scale",
    "monitoring_a": "daily monitoring",
    "monitoring_b": "daily monitoring",
    "monitoring_daily": "daily monitoring",
    "exd_configuration": "data screen settings",
    "mfg_range_min": "maker's own",
    "mfg_range_max": "maker's own",
}


def read_fit(data: bytes, source: str) -> list[Activity]:
    fitframes.check_crc(data)
    summary = fitframes.keep_messages(data, frozenset({_FILE_ID, _SESSION, _ACTIVITY}))
    messages, errors = Decoder(Stream.from_byte_array(bytearray(summary))).read(
        expand_components=False, merge_heart_rates=False
    )
    if errors:
        raise ActivityFileError(f"not a complete FIT file ({errors[0]})")
    sessions: Sequence[Mapping[str, object]] = messages.get("session_mesgs", [])
    if not sessions:
        raise ActivityFileError(f"no activity in this file ({_what_file(messages)})")
    offset = _utc_offset(messages.get("activity_mesgs", []))
    found = [
        _activity(session, offset, source)
        for session in sessions
        if session.get("sport") != "transition"  # the minute between swim and bike is no sport
    ]
    activities = [activity for activity in found if activity is not None]
    if not activities:
        raise ActivityFileError("no activity in this file (only transitions or undated sessions)")
    return activities


def sport_of(sport: object, sub_sport: object) -> Sport:
    if sport in _SPORTS:
        return _SPORTS[str(sport)]
    if sub_sport in _SUB_SPORTS:
        return _SUB_SPORTS[str(sub_sport)]
    return Sport.OTHER


def _activity(session: Mapping[str, object], offset: timezone, source: str) -> Activity | None:
    elapsed = _number(session.get("total_elapsed_time"))
    timer = _number(session.get("total_timer_time"))
    started = session.get("start_time")
    if not isinstance(started, datetime):
        ended = session.get("timestamp")
        if not isinstance(ended, datetime) or elapsed is None:
            return None  # a session that cannot say when it was is no activity to keep
        started = ended - timedelta(seconds=elapsed)
    ascent = _number(session.get("total_ascent"))
    heart_rate = _number(session.get("avg_heart_rate"))
    return Activity(
        sport=sport_of(session.get("sport"), session.get("sub_sport")),
        started_at=started.astimezone(offset),
        seconds=timer if timer is not None else elapsed or 0.0,
        metres=_number(session.get("total_distance")),
        ascent_m=ascent,
        heart_rate=round(heart_rate) if heart_rate else None,
        source=source,
    )


def _utc_offset(activities: Sequence[Mapping[str, object]]) -> timezone:
    """local_timestamp minus timestamp, to the quarter hour (every real offset is one)."""
    for message in activities:
        local = message.get("local_timestamp")
        utc = message.get("timestamp")
        if isinstance(local, int) and isinstance(utc, datetime):
            seconds = local - (utc - _FIT_EPOCH).total_seconds()
            quarters = round(seconds / 900)
            if abs(quarters) <= 14 * 4:
                return timezone(timedelta(minutes=15 * quarters))
    return timezone.utc


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _what_file(messages: Mapping[str, object]) -> str:
    file_ids = messages.get("file_id_mesgs")
    first = file_ids[0] if isinstance(file_ids, list) and file_ids else {}
    kind = first.get("type") if isinstance(first, dict) else None
    if kind == "activity":
        return "it is an activity file without a session summary"
    if kind is None:
        return "it does not say what kind of file it is"
    if isinstance(kind, int):
        return f"it is a FIT file of type {kind}"
    name = _FILE_TYPES.get(str(kind), str(kind).replace("_", " "))
    article = "an" if name[0] in "aeiou" else "a"
    return f"it is {article} {name} file"
