"""Moments as the store keeps them: local time with its offset, to the second, plus UTC."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

WIDEST_OFFSET = timedelta(hours=24)
"""No UTC offset reaches a day (Python refuses one that does): a local date lies in a window
this much wider on each side in UTC, which is what the index narrows to before the exact test."""


def local(moment: datetime | None = None) -> datetime:
    """An aware moment to the second: now, or a naive one read as local time."""
    if moment is None:
        moment = datetime.now()
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.astimezone()
    return moment.replace(microsecond=0)


def to_text(moment: datetime) -> str:
    """`2026-11-17T18:05:00+01:00`."""
    return local(moment).isoformat()


def to_utc(moment: datetime) -> int:
    """Whole seconds since 1970-01-01 UTC."""
    return math.floor(local(moment).timestamp())


def from_text(text: str) -> datetime:
    """The moment `to_text` wrote; ValueError for anything without a UTC offset."""
    try:
        moment = datetime.fromisoformat(text)  # what the store wrote: the fast path
    except ValueError:
        cleaned = text.strip()
        if cleaned.endswith(("Z", "z")):  # Python 3.10's fromisoformat does not take Z
            cleaned = cleaned[:-1] + "+00:00"
        moment = datetime.fromisoformat(cleaned)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"'{text}' has no UTC offset (write it like 2026-11-17T18:05:00+01:00)")
    return moment


def day_window(first: date, last: date) -> tuple[int, int]:
    """UTC seconds that hold every moment whose local date is in [first, last], wherever."""
    start = datetime.combine(first, time()) - WIDEST_OFFSET
    end = datetime.combine(last + timedelta(days=1), time()) + WIDEST_OFFSET
    epoch = datetime(1970, 1, 1)
    return (
        math.floor((start - epoch).total_seconds()),
        math.ceil((end - epoch).total_seconds()),
    )
