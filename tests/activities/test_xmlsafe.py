from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backcoach.activities.xmlsafe import parse_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01T07:30:00Z", datetime(2026, 11, 1, 7, 30, tzinfo=timezone.utc)),
        ("2026-11-01T07:30:00.250Z", datetime(2026, 11, 1, 7, 30, 0, 250_000, timezone.utc)),
        ("2026-11-01T07:30:00", datetime(2026, 11, 1, 7, 30, tzinfo=timezone.utc)),
        (
            " 2026-11-01T13:00:00+05:30 ",
            datetime(2026, 11, 1, 13, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        (
            "2026-11-01T02:30:00-0500",
            datetime(2026, 11, 1, 2, 30, tzinfo=timezone(-timedelta(hours=5))),
        ),
        ("2026-02-30T07:30:00Z", None),
        ("2026-11-01T07:30:00+25:00", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_xml_times_keep_their_offset(text, expected):
    parsed = parse_time(text)
    assert parsed == expected
    if expected is not None and parsed is not None:
        assert parsed.utcoffset() == expected.utcoffset()
