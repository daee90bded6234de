"""'Last time' as one short line: a table of what was done, and what the line says."""

from __future__ import annotations

from datetime import date

import pytest

from backcoach.core.durations import BODYWEIGHT, parse_load
from backcoach.core.lasttime import MAX_BODY, best_set, compare, day_text, last_time_text

TODAY = date(2026, 11, 20)  # a Friday
TUESDAY = date(2026, 11, 17)
KG20, KG22, LB45 = parse_load("20 kg"), parse_load("22.5 kg"), parse_load("45 lb")


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        ([(10, KG20, None), (10, KG20, None), (8, KG20, None)], "10, 10, 8 reps at 20 kg"),
        ([(10, None, None)], "10 reps"),
        ([(1, None, None)], "1 rep"),
        ([(1, None, None), (1, None, None)], "1, 1 reps"),
        ([(12, BODYWEIGHT, None), (12, BODYWEIGHT, None)], "12, 12 reps at bodyweight"),
        ([(10, KG20, None), (8, KG22, None)], "10 at 20 kg, 8 at 22.5 kg"),
        ([(10, KG20, None), (10, KG20, None), (8, KG22, None)], "10, 10 at 20 kg, 8 at 22.5 kg"),
        ([(10, None, None), (8, KG20, None)], "10 with no load, 8 at 20 kg"),
        # sides: the same on both is said once; different ones are said per side
        ([(10, None, "left"), (10, None, "right")], "10 reps each side"),
        (
            [(10, KG20, "left"), (10, KG20, "right"), (10, KG20, "left"), (10, KG20, "right")],
            "10, 10 reps at 20 kg each side",
        ),
        (
            [(10, None, "right"), (8, None, "left"), (10, None, "right")],
            "right 10, 10; left 8 reps",
        ),
        (
            [(10, KG20, "left"), (8, KG20, "right")],
            "left 10; right 8 reps at 20 kg",
        ),
        (
            [(10, KG20, "left"), (8, KG22, "right")],
            "left 10 reps at 20 kg; right 8 reps at 22.5 kg",
        ),
        ([(10, None, "right"), (10, None, "right")], "10, 10 reps, right side"),
        # timed sets with a load: no reps to tell
        ([(None, KG20, None), (None, KG20, None)], "2 sets at 20 kg"),
        ([(None, KG20, None), (None, KG22, None)], "20 kg, 22.5 kg"),
        ([(None, None, "left"), (None, None, "right")], "1 set each side"),
        # a correction that left one set without a count
        ([(10, KG20, None), (None, KG20, None)], "10, - reps at 20 kg"),
        # too long for one line: the range
        (
            [(n, KG20, None) for n in (10, 10, 9, 9, 8, 8, 7, 7, 6, 6, 6, 6)],
            "12 sets of 6-10 reps at 20 kg",
        ),
        (
            [(10, parse_load(f"{20 + n} kg"), None) for n in range(8)],
            "8 sets of 10 reps at 20-27 kg",
        ),
        ([(10, KG20, None)] * 6 + [(10, LB45, None)] * 6, "12 sets of 10 reps"),
        ([(10, BODYWEIGHT, None)] * 12, "12 sets of 10 reps at bodyweight"),
    ],
)
def test_what_was_done_reads_as_one_short_line(sets, expected):
    text = last_time_text(sets, TUESDAY, today=TODAY)
    assert text == f"{expected} · Tue 17 Nov"
    assert len(expected) <= MAX_BODY


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (TODAY, "today"),
        (TUESDAY, "Tue 17 Nov"),
        (date(2026, 1, 1), "Thu 1 Jan"),
        (date(2025, 3, 3), "Mon 3 Mar 2025"),
        (date(2027, 1, 4), "Mon 4 Jan 2027"),  # a clock that was wrong: said as it is
    ],
)
def test_the_day_is_today_or_a_short_date_with_the_year_only_when_another(day, expected):
    assert day_text(day, today=TODAY) == expected


def test_nothing_done_says_nothing():
    assert last_time_text([], TUESDAY, today=TODAY) is None


def test_the_line_never_grows_past_its_limit_whatever_the_sets():
    loads = [None, BODYWEIGHT, KG20, KG22, LB45]
    for count in range(1, 30):
        for sides in ([None], ["left", "right"], ["right", "left", "right"]):
            sets = [
                (count + n if n % 3 else None, loads[n % 5], sides[n % len(sides)])
                for n in range(count)
            ]
            text = last_time_text(sets, TUESDAY, today=TODAY)
            assert text is not None and "\n" not in text
            assert len(text) <= MAX_BODY + len(" · Tue 17 Nov"), text


KG25, LB50 = parse_load("25 kg"), parse_load("50 lb")


@pytest.mark.parametrize(
    ("now", "last", "expected"),
    [
        ([(10, KG22, None)], [(10, KG20, None)], "+2.5 kg"),
        ([(10, KG20, None)], [(10, KG22, None)], "-2.5 kg"),
        ([(12, None, None)], [(10, None, None)], "+2 reps"),
        ([(9, None, None)], [(10, None, None)], "-1 rep"),
        ([(10, KG20, None), (8, KG20, None)], [(10, KG20, None)], "same as last time"),
        ([(10, BODYWEIGHT, None)], [(10, BODYWEIGHT, None)], "same as last time"),
        ([(None, KG20, None)], [(None, KG20, None)], "same as last time"),  # timed, loaded
        ([(10, KG20, None)], [], "first time"),
        # the best set: heaviest load first, then most reps
        ([(12, KG20, None), (8, KG25, None)], [(10, KG20, None), (8, KG22, None)], "+2.5 kg"),
        ([(8, KG20, None), (11, KG20, None)], [(10, KG20, None)], "+1 rep"),
        ([(8, KG25, None)], [(10, KG20, None)], "-2 reps, +5 kg"),
        ([(10, KG20, "left"), (12, KG20, "right")], [(10, KG20, "left")], "+2 reps"),
        # not converted: a guess dressed as a number
        ([(10, LB45, None)], [(10, KG20, None)], "different unit"),
        ([(10, LB50, None)], [(10, BODYWEIGHT, None)], "different unit"),
        ([(10, KG20, None)], [(10, None, None)], "now at 20 kg"),
        ([(10, None, None)], [(10, KG20, None)], "no load now"),
        ([(10, parse_load("20.25 kg"), None)], [(10, KG20, None)], "+0.25 kg"),
    ],
)
def test_this_run_against_last_time(now, last, expected):
    assert compare(now, last) == expected


def test_nothing_done_now_says_nothing():
    assert compare([], [(10, KG20, None)]) is None
    assert best_set([]) is None
