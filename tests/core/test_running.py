"""Running load against the back: the single-run spike, the weekly rule, the warm-up, shoes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backcoach.core.activity import (
    Activity,
    ActivityInputError,
    Sport,
    pace,
    parse_distance,
    parse_time,
)
from backcoach.core.running import (
    Band,
    band,
    longest_before,
    shoe_use,
    spike_check,
    spikes,
    warmed_up,
    weekly_rule,
)

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 10, 7, 0, tzinfo=PARIS)  # a Thursday


def run(days_ago: float, km: float, shoes: str = "", sport: Sport = Sport.RUN) -> Activity:
    return Activity(sport, NOW - timedelta(days=days_ago), km * 330, km * 1000, shoes=shoes)


@pytest.mark.parametrize(
    ("km", "expected"),
    [
        (10.0, Band.WITHIN),
        (11.0, Band.WITHIN),  # exactly 10 % longer is the study's reference band
        (11.1, Band.SMALL),
        (13.0, Band.SMALL),
        (13.1, Band.MODERATE),
        (20.0, Band.MODERATE),
        (20.1, Band.LARGE),
    ],
)
def test_the_spike_bands_follow_the_study(km, expected):
    assert band(km * 1000, 10_000) is expected


def test_the_longest_run_counts_only_runs_of_the_30_days_before():
    history = [
        run(31, 20),  # too long ago
        run(20, 10),
        run(3, 8),
        run(2, 30, sport=Sport.RIDE),  # rides are not runs
        run(-1, 40),  # after the moment asked about
    ]
    assert longest_before(history, NOW) == 10_000
    assert longest_before([], NOW) is None


def test_a_planned_run_is_checked_against_that_longest():
    found = spike_check(14_000, [run(5, 10)], NOW)
    assert found.band is Band.MODERATE
    assert found.within == pytest.approx(11_000)
    assert spike_check(5_000, [], NOW).band is None


def test_each_past_run_is_judged_against_the_30_days_before_it():
    history = [run(20, 10), run(10, 12), run(5, 12.5), run(1, 30)]
    found = spikes(history)
    assert found == {history[1].key: Band.SMALL, history[3].key: Band.LARGE}


def test_the_weekly_rule_compares_this_week_with_all_of_last_week():
    history = [run(9, 10), run(6, 10), run(2, 5), run(1, 6)]  # last week 20, this week 11
    rule = weekly_rule(history, NOW.date(), planned=12_000)
    assert (rule.this_week, rule.last_week) == (23_000, 20_000)
    assert rule.limit == pytest.approx(22_000) and rule.over
    assert not weekly_rule(history, NOW.date()).over
    assert weekly_rule([], NOW.date(), planned=5000).limit is None


def test_a_run_is_warmed_up_by_a_routine_finished_in_the_two_hours_before():
    start = NOW
    assert warmed_up(start, [start - timedelta(minutes=10)])
    assert warmed_up(start, [start - timedelta(hours=2)])
    assert not warmed_up(start, [start - timedelta(hours=2, minutes=1)])
    assert not warmed_up(start, [start + timedelta(minutes=1)])  # after it began
    assert not warmed_up(start, [])


def test_each_pair_of_shoes_adds_up_and_retired_ones_go_last():
    history = [run(3, 10, "Old"), run(2, 5, "new"), run(1, 7, "New"), run(1, 4)]
    used = shoe_use(history, retired=["old"])
    assert [(u.name, u.metres, u.runs, u.retired) for u in used] == [
        ("new", 12_000, 2, False),
        ("Old", 10_000, 1, True),
    ]
    assert used[0].worn(12) and not used[0].worn(13)


@pytest.mark.parametrize(
    ("text", "metres"), [("5km", 5000), ("3.1 mi", 3.1 * 1609.344), ("800m", 800), ("10KM", 10_000)]
)
def test_distances_are_read_with_their_unit(text, metres):
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize("text", ["5", "five km", "0km", "2000km", "-3km", "5 miles"])
def test_a_distance_that_cannot_be_read_says_how_to_write_it(text):
    with pytest.raises(ActivityInputError, match=r"km|check the number"):
        parse_distance(text)


@pytest.mark.parametrize(
    ("text", "seconds"), [("28:30", 1710), ("1:02:03", 3723), ("45m", 2700), ("1h30m", 5400)]
)
def test_times_are_read_as_clocks_or_durations(text, seconds):
    assert parse_time(text) == seconds


@pytest.mark.parametrize("text", ["28:75", "1:75:00", "soon", "0:00"])
def test_a_time_that_cannot_be_read_says_how_to_write_it(text):
    with pytest.raises(ActivityInputError):
        parse_time(text)


def test_pace_for_runs_and_speed_for_rides():
    assert pace(Activity(Sport.RUN, NOW, 1710, 5000)) == "5:42 /km"
    assert pace(Activity(Sport.RIDE, NOW, 3600, 30_000)) == "30.0 km/h"
    assert pace(Activity(Sport.RUN, NOW, 1710, None)) == ""


def test_one_activity_read_twice_in_two_offsets_is_the_same():
    utc = NOW.astimezone(timezone.utc)
    assert Activity(Sport.RUN, NOW, 1, 1).key == Activity(Sport.RUN, utc, 2, 2).key
    assert Activity(Sport.RUN, NOW, 1, 1).key != Activity(Sport.RIDE, NOW, 1, 1).key
