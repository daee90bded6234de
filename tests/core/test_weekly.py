from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.core.weekly import (
    Streak,
    Target,
    WeeklyError,
    next_allowed,
    parse_apart,
    parse_target,
    parse_weekday,
    progress,
    streak,
    week_start,
)

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    LONDON: ZoneInfo | None = ZoneInfo("Europe/London")
except (ImportError, ZoneInfoNotFoundError):  # no tzdata on this machine
    LONDON = None

needs_london = pytest.mark.skipif(LONDON is None, reason="zoneinfo has no Europe/London here")

UTC = timezone.utc
PLUS1 = timezone(timedelta(hours=1))
GMT = timezone(timedelta(0))  # London in winter
BST = timezone(timedelta(hours=1))  # London in summer

MONDAY, SUNDAY = 0, 6


def at(day: str, clock: str = "12:00", tz: timezone = PLUS1) -> datetime:
    """An aware datetime from '2024-03-04' and '23:30'."""
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=tz)


def d(day: str) -> date:
    return date.fromisoformat(day)


# 2024-03-04 is a Monday; 2024-03-10 a Sunday.


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        pytest.param("1 per week", 1, id="one"),
        pytest.param("2 per week", 2, id="two"),
        pytest.param("3 per week", 3, id="three"),
        pytest.param("  14  per   week ", 14, id="upper-bound-with-spaces"),
        pytest.param("2/week", 2, id="short-form"),
        pytest.param("2 / week", 2, id="short-form-spaced"),
    ],
)
def test_targets_that_read(text, per_week):
    assert parse_target(text) == Target(per_week)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("2", id="bare-number"),
        pytest.param("twice a week", id="words"),
        pytest.param("2 per day", id="per-day"),
        pytest.param("2 per weeks", id="plural-week"),
        pytest.param("1.5 per week", id="fraction"),
        pytest.param("0 per week", id="zero"),
        pytest.param("15 per week", id="over-fourteen"),
        pytest.param("-1 per week", id="negative"),
    ],
)
def test_targets_that_do_not_read_say_how_to_write_one(text):
    with pytest.raises(WeeklyError, match=r"like 2 per week \(from 1 to 14\)"):
        parse_target(text)


def test_a_target_reads_back_as_written():
    assert str(parse_target("3/week")) == "3 per week"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        pytest.param("0 days", 0, id="zero"),
        pytest.param("1 day", 1, id="one"),
        pytest.param("2 days", 2, id="two"),
        pytest.param("6 days", 6, id="upper-bound"),
        pytest.param("1 days", 1, id="loose-plural"),
        pytest.param(" 3day ", 3, id="no-space"),
    ],
)
def test_gaps_that_read(text, days):
    assert parse_apart(text) == days


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("1", id="bare-number"),
        pytest.param("1 week", id="weeks"),
        pytest.param("7 days", id="a-week-of-days"),
        pytest.param("one day", id="words"),
    ],
)
def test_gaps_that_do_not_read_say_how_to_write_one(text):
    with pytest.raises(WeeklyError, match=r"like 1 day or 2 days \(from 0 to 6\)"):
        parse_apart(text)


def test_errors_are_value_errors_for_callers_that_catch_those():
    assert issubclass(WeeklyError, ValueError)


@pytest.mark.parametrize(
    ("text", "index"),
    [
        pytest.param("monday", 0, id="monday"),
        pytest.param("Sunday", 6, id="sunday-capital"),
        pytest.param("sat", 5, id="short"),
    ],
)
def test_week_starts_is_a_weekday_name(text, index):
    assert parse_weekday(text) == index


def test_an_unknown_weekday_says_how_to_write_one():
    with pytest.raises(WeeklyError, match="like monday or sunday"):
        parse_weekday("someday")


# --- week boundaries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "week_starts", "expected"),
    [
        pytest.param(
            at("2024-03-04", "00:00"), MONDAY, "2024-03-04", id="monday-midnight-mon-start"
        ),
        pytest.param(at("2024-03-06"), MONDAY, "2024-03-04", id="wednesday-mon-start"),
        pytest.param(at("2024-03-10", "23:59"), MONDAY, "2024-03-04", id="sunday-late-mon-start"),
        pytest.param(at("2024-03-11", "00:00"), MONDAY, "2024-03-11", id="next-monday-mon-start"),
        pytest.param(at("2024-03-10", "00:00"), SUNDAY, "2024-03-10", id="sunday-sun-start"),
        pytest.param(at("2024-03-09", "23:59"), SUNDAY, "2024-03-03", id="saturday-sun-start"),
        pytest.param(at("2024-03-04"), SUNDAY, "2024-03-03", id="monday-sun-start"),
        pytest.param(at("2024-03-06"), 2, "2024-03-06", id="wednesday-wed-start"),
        pytest.param(at("2024-03-05"), 2, "2024-02-28", id="tuesday-wed-start"),
    ],
)
def test_week_boundaries(moment, week_starts, expected):
    assert week_start(moment, week_starts) == d(expected)


@pytest.mark.parametrize(
    ("moment", "week_starts", "expected"),
    [
        # 23:30 on Sunday at +01:00 (22:30 UTC): that Sunday's week.
        pytest.param(at("2024-03-10", "23:30", PLUS1), MONDAY, "2024-03-04", id="sun-2330-plus1"),
        # 00:30 on Monday at +01:00 is still Sunday 23:30 in UTC: local time wins.
        pytest.param(at("2024-03-11", "00:30", PLUS1), MONDAY, "2024-03-11", id="mon-0030-plus1"),
        # 23:30 on Sunday at -05:00 is Monday 04:30 in UTC: still that Sunday's week.
        pytest.param(
            at("2024-03-10", "23:30", timezone(timedelta(hours=-5))),
            MONDAY,
            "2024-03-04",
            id="sun-2330-minus5",
        ),
        pytest.param(
            at("2024-03-10", "23:30", PLUS1), SUNDAY, "2024-03-10", id="sun-2330-sun-start"
        ),
    ],
)
def test_weeks_follow_each_sessions_own_clock(moment, week_starts, expected):
    assert week_start(moment, week_starts) == d(expected)


# Clocks in London went forward at 01:00 GMT on Sunday 31 March 2024.
DST_CASES = [
    pytest.param("2024-03-30", "23:30", "2024-03-25", id="saturday-before-change"),
    pytest.param("2024-03-31", "00:30", "2024-03-25", id="sunday-before-change"),
    pytest.param("2024-03-31", "23:30", "2024-03-25", id="sunday-after-change"),
    # BST: 00:30 Monday local is 23:30 Sunday in UTC.
    pytest.param("2024-04-01", "00:30", "2024-04-01", id="monday-just-after-midnight"),
]


@needs_london
@pytest.mark.parametrize(("day", "clock", "expected"), DST_CASES)
def test_a_dst_change_moves_no_session_to_another_week_zoneinfo(day, clock, expected):
    moment = datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=LONDON)
    assert week_start(moment) == d(expected)


@pytest.mark.parametrize(("day", "clock", "expected"), DST_CASES)
def test_a_dst_change_moves_no_session_to_another_week_fixed_offsets(day, clock, expected):
    before_change = (day, clock) < ("2024-03-31", "01:00")
    moment = at(day, clock, GMT if before_change else BST)
    assert week_start(moment) == d(expected)


@needs_london
def test_sessions_either_side_of_a_dst_change_count_in_their_own_weeks():
    london = LONDON
    assert london is not None
    starts = [
        datetime(2024, 3, 27, 18, 0, tzinfo=london),  # Wed, GMT
        datetime(2024, 3, 31, 23, 30, tzinfo=london),  # Sun, BST; 22:30 UTC
        datetime(2024, 4, 1, 0, 30, tzinfo=london),  # Mon, BST; still Sunday in UTC
    ]
    now = datetime(2024, 4, 1, 9, 0, tzinfo=london)
    assert progress(starts, Target(2), now).done == 1
    assert streak(starts, Target(2), now) == Streak(1, 0, d("2024-03-25"))


def test_naive_times_are_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="aware"):
        week_start(datetime(2024, 3, 4, 12, 0))


@pytest.mark.parametrize("week_starts", [-1, 7])
def test_week_starts_out_of_range_is_refused(week_starts):
    with pytest.raises(ValueError, match="0 to 6"):
        week_start(at("2024-03-04"), week_starts)


# --- apart -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sessions", "apart", "today", "expected"),
    [
        pytest.param([], 1, "2024-03-05", None, id="no-sessions"),
        pytest.param(["2024-03-04"], 0, "2024-03-04", None, id="zero-days-same-day-ok"),
        pytest.param(["2024-03-04"], 1, "2024-03-04", "2024-03-06", id="one-day-today"),
        pytest.param(["2024-03-04"], 1, "2024-03-05", "2024-03-06", id="mon-then-tue-too-soon"),
        pytest.param(["2024-03-04"], 1, "2024-03-06", None, id="mon-then-wed-fine"),
        pytest.param(["2024-03-04"], 2, "2024-03-06", "2024-03-07", id="two-days-mon-then-thu"),
        pytest.param(["2024-03-04"], 2, "2024-03-07", None, id="two-days-thu-fine"),
        pytest.param(["2024-03-04"], 6, "2024-03-05", "2024-03-11", id="six-days"),
        pytest.param(["2024-03-01", "2024-03-04"], 1, "2024-03-05", "2024-03-06", id="last-counts"),
        pytest.param(["2024-03-04", "2024-03-01"], 1, "2024-03-05", "2024-03-06", id="any-order"),
        pytest.param(["2024-03-01"], 3, "2024-03-10", None, id="long-ago"),
    ],
)
def test_apart_rule(sessions, apart, today, expected):
    starts = [at(day, "18:00") for day in sessions]
    result = next_allowed(starts, apart, at(today, "08:00"))
    assert result == (d(expected) if expected else None)


def test_apart_counts_days_not_hours():
    late_monday = at("2024-03-04", "23:30")
    early_wednesday = at("2024-03-06", "00:05")
    assert next_allowed([late_monday], 1, early_wednesday) is None


def test_apart_uses_each_sessions_local_day_across_zones():
    # Sunday 23:30 at +01:00 is Sunday; "now" in UTC on Tuesday morning: Tuesday is free.
    sunday_late = at("2024-03-10", "23:30", PLUS1)
    assert next_allowed([sunday_late], 1, at("2024-03-12", "06:00", UTC)) is None
    assert next_allowed([sunday_late], 1, at("2024-03-11", "06:00", UTC)) == d("2024-03-12")


def test_a_session_dated_after_today_counts_for_today():
    # Flown west: the session's own date is Monday, but here it is still Sunday.
    session = at("2024-03-11", "01:00", timezone(timedelta(hours=9)))
    now = at("2024-03-10", "20:00", timezone(timedelta(hours=-5)))
    assert next_allowed([session], 1, now) == d("2024-03-12")
    assert progress([session], Target(2), now).done == 1


# --- progress -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sessions", "per_week", "now", "week_starts", "done", "text"),
    [
        pytest.param([], 2, "2024-03-06", MONDAY, 0, "0 of 2 this week", id="nothing-yet"),
        pytest.param(
            ["2024-03-05"],
            2,
            "2024-03-07",
            MONDAY,
            1,
            "1 of 2 this week · last Tue",
            id="one-of-two",
        ),
        pytest.param(
            ["2024-03-07"], 2, "2024-03-07", MONDAY, 1, "1 of 2 this week · today", id="one-today"
        ),
        pytest.param(
            ["2024-03-04", "2024-03-06"], 2, "2024-03-07", MONDAY, 2, "2 of 2 this week ✓", id="met"
        ),
        pytest.param(
            ["2024-03-04", "2024-03-05", "2024-03-06"],
            2,
            "2024-03-07",
            MONDAY,
            3,
            "3 of 2 this week ✓",
            id="over-target",
        ),
        pytest.param(
            ["2024-03-04", "2024-03-04"],
            2,
            "2024-03-05",
            MONDAY,
            2,
            "2 of 2 this week ✓",
            id="twice-a-day-counts-two",
        ),
        pytest.param(
            ["2024-03-08"],
            2,
            "2024-03-12",
            MONDAY,
            0,
            "0 of 2 this week · last Fri",
            id="last-week-recent",
        ),
        pytest.param(
            ["2024-03-05"],
            2,
            "2024-03-11",
            MONDAY,
            0,
            "0 of 2 this week · last Tue",
            id="six-days-ago",
        ),
        pytest.param(
            ["2024-03-04"],
            2,
            "2024-03-11",
            MONDAY,
            0,
            "0 of 2 this week",
            id="a-week-ago-not-mentioned",
        ),
        pytest.param(
            ["2024-03-10"],
            1,
            "2024-03-11",
            MONDAY,
            0,
            "0 of 1 this week · last Sun",
            id="sunday-was-last-week",
        ),
        pytest.param(
            ["2024-03-10"],
            1,
            "2024-03-11",
            SUNDAY,
            1,
            "1 of 1 this week ✓",
            id="sunday-start-same-week",
        ),
    ],
)
def test_progress(sessions, per_week, now, week_starts, done, text):
    result = progress(
        [at(day, "07:00") for day in sessions], Target(per_week), at(now, "20:00"), week_starts
    )
    assert (result.done, result.target, result.text) == (done, per_week, text)
    assert result.met == (done >= per_week)
    assert result.last == (max(d(day) for day in sessions) if sessions else None)


def test_progress_reports_the_week_it_counted():
    assert progress([], Target(1), at("2024-03-06"), SUNDAY).week == d("2024-03-03")


# --- streak -------------------------------------------------------------------------------

# A week pattern is written oldest first, one letter per week, the last letter being the
# current (unfinished) week: "x" met the target, "." missed it, "-" a week with no sessions
# before the first session ever. "Now" is the Thursday of the last week; target 2 per week.
CURRENT_WEEK = d("2024-06-03")  # a Monday


def sessions_for(pattern: str, per_week: int = 2) -> list[datetime]:
    weeks = len(pattern)
    starts = []
    for index, mark in enumerate(pattern):
        monday = CURRENT_WEEK - timedelta(weeks=weeks - 1 - index)
        count = {"x": per_week, ".": per_week - 1, "-": 0}[mark]
        # Mondays and Wednesdays: the current week's sessions are before "now" (Thursday).
        starts += [
            datetime.combine(monday + timedelta(days=2 * n), datetime.min.time()).replace(
                hour=18, tzinfo=PLUS1
            )
            for n in range(count)
        ]
    return starts


NOW = datetime.combine(CURRENT_WEEK + timedelta(days=3), datetime.min.time()).replace(
    hour=12, tzinfo=PLUS1
)


@pytest.mark.parametrize(
    ("pattern", "weeks", "forgiven"),
    [
        pytest.param("", 0, 0, id="no-history"),
        pytest.param(".", 0, 0, id="first-week-in-progress-not-met"),
        pytest.param("x", 1, 0, id="first-week-already-met"),
        pytest.param("xxx.", 3, 0, id="current-week-in-progress-never-breaks"),
        pytest.param("xxxx", 4, 0, id="current-week-met-counts"),
        pytest.param("xx.x.", 3, 1, id="single-miss-forgiven"),
        pytest.param("xx.xx", 4, 1, id="single-miss-forgiven-current-met"),
        pytest.param("xxx..", 3, 1, id="last-completed-week-missed-is-forgiven"),
        pytest.param("xx...", 0, 0, id="two-misses-in-a-row-break"),
        pytest.param("xxx.x.x", 2, 1, id="misses-two-apart-stop-at-the-older-miss"),
        pytest.param("xx.xx.x", 3, 1, id="misses-three-apart-stop-at-the-older-miss"),
        pytest.param("xx.xxx.x", 6, 2, id="misses-four-apart-both-forgiven"),
        pytest.param("x.xxx.xxx.x", 8, 3, id="a-miss-every-fourth-week-all-forgiven"),
        pytest.param("xxxx..xxx.", 3, 0, id="older-streak-does-not-count"),
        pytest.param("..xxx.", 3, 0, id="misses-before-the-start-not-forgiven"),
        pytest.param("---xx.", 2, 0, id="weeks-before-history"),
        pytest.param("x---------x.", 1, 0, id="long-break"),
    ],
)
def test_streak_rule(pattern, weeks, forgiven):
    result = streak(sessions_for(pattern), Target(2), NOW)
    assert (result.weeks, result.forgiven) == (weeks, forgiven)
    assert (result.since is None) == (weeks == 0)


def test_streak_since_is_the_first_met_week_of_the_streak():
    result = streak(sessions_for("..xx.xx."), Target(2), NOW)
    assert result == Streak(4, 1, CURRENT_WEEK - timedelta(weeks=5))


def test_a_sunday_session_late_in_the_evening_keeps_the_sunday_week():
    # Target 1: the only session of the week before is Sunday 23:30 at +01:00 (Monday in UTC).
    starts = [at("2024-03-03", "18:00"), at("2024-03-10", "23:30", PLUS1)]
    result = streak(starts, Target(1), at("2024-03-13"))
    assert result == Streak(2, 0, d("2024-02-26"))


def test_week_starts_changes_which_weeks_met():
    # Saturday and Sunday of one weekend: one week from Monday, two half weeks from Sunday.
    starts = [at("2024-03-09"), at("2024-03-10")]
    now = at("2024-03-13")
    assert streak(starts, Target(2), now, MONDAY).weeks == 1
    assert streak(starts, Target(2), now, SUNDAY).weeks == 0
    assert streak(starts, Target(1), now, SUNDAY) == Streak(2, 0, d("2024-03-03"))


# --- properties -----------------------------------------------------------------------------

offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)
moments = st.builds(
    lambda day, minute, tz: (
        datetime.combine(day, datetime.min.time()).replace(tzinfo=tz) + timedelta(minutes=minute)
    ),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 6, 30)),
    st.integers(min_value=0, max_value=24 * 60 - 1),
    offsets,
)
targets = st.integers(min_value=1, max_value=4).map(Target)
week_starts_ = st.integers(min_value=0, max_value=6)


@given(moments, week_starts_)
def test_week_start_is_the_named_weekday_within_the_past_week(moment, week_starts):
    start = week_start(moment, week_starts)
    assert start.weekday() == week_starts
    assert 0 <= (moment.date() - start).days <= 6


@given(st.lists(moments, max_size=30), targets, moments, week_starts_)
def test_streak_never_exceeds_the_weeks_spanned_or_the_sessions(starts, target, now, week_starts):
    result = streak(starts, target, now, week_starts)
    if not starts:
        assert result == Streak(0, 0, None)
        return
    first = min(week_start(s, week_starts) for s in starts)
    current = week_start(now, week_starts)
    spanned = (current - min(first, current)).days // 7 + 1
    assert 0 <= result.weeks <= spanned
    assert result.weeks * target.per_week <= len(starts)
    assert result.weeks + result.forgiven <= spanned


@given(st.lists(moments, max_size=20), moments, targets, moments, week_starts_)
def test_one_more_session_never_lowers_progress_or_streak(starts, extra, target, now, week_starts):
    before_progress = progress(starts, target, now, week_starts)
    after_progress = progress([*starts, extra], target, now, week_starts)
    assert after_progress.done >= before_progress.done
    assert (
        streak([*starts, extra], target, now, week_starts).weeks
        >= streak(starts, target, now, week_starts).weeks
    )


@given(st.lists(moments, max_size=10), st.integers(min_value=0, max_value=6), moments)
def test_next_allowed_is_later_than_today_and_within_the_gap(starts, apart, now):
    result = next_allowed(starts, apart, now)
    if result is not None:
        assert now.date() < result <= now.date() + timedelta(days=apart + 1)
