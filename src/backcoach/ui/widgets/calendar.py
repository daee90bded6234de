"""The last weeks at a glance, and this week's targets: drawn as Content from plain values.

A calendar of weeks as columns (the current one last, highlighted), days as rows from the
`week_starts` setting; and for each routine with a `target:`, this week's progress and
streak. Practice runs are shown (○) but never counted, as the weekly targets count them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from textual.content import Content

from backcoach.core.activity import Activity, Sport
from backcoach.core.lasttime import DAYS
from backcoach.core.weekly import week_start
from backcoach.progress import WHAT_COUNTS, RoutineWeek
from backcoach.store import SessionSummary
from backcoach.ui.text import join, lines, one_line, plain

WEEKS = 12
"""Weeks the calendar shows, the current one last."""
CALENDAR_ROWS = 10
"""The calendar's height: months, week dates, seven days, the legend."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
THIS_WEEK = "bold reverse"
"""The current week's date; reverse stays visible under NO_COLOR, where backgrounds go."""


@dataclass
class Day:
    sessions: int = 0  # sessions that count (not practice)
    practice: int = 0
    moved: str = ""
    """The day's running, riding or walking: its mark (r, c or w), the run's first."""


SPORT_MARKS = {Sport.RUN: "r", Sport.RIDE: "c", Sport.WALK: "w"}


def calendar_days(
    sessions: list[SessionSummary], today: date, activities: Iterable[Activity] = ()
) -> dict[date, Day]:
    """Sessions per local date; a session dated after today (a clock that was wrong, a
    flight west) counts for today, as the weekly targets count it. A day with a run, a
    ride or a walk carries its mark, a run's before a ride's before a walk's."""
    days: dict[date, Day] = {}
    for session in sessions:
        day = days.setdefault(min(session.started_at.date(), today), Day())
        if session.practice:
            day.practice += 1
        else:
            day.sessions += 1
    order = list(SPORT_MARKS.values())
    for activity in activities:
        mark = SPORT_MARKS.get(activity.sport)
        if mark is None:
            continue
        day = days.setdefault(min(activity.started_at.date(), today), Day())
        if not day.moved or order.index(mark) < order.index(day.moved):
            day.moved = mark
    return days


def calendar(days: dict[date, Day], now: datetime, week_starts: int, weeks: int = WEEKS) -> Content:
    """Weeks as columns, the current one last and highlighted; a day with sessions is ●
    (or their number, from 2), one with only practice runs ○, one without anything ·."""
    today = now.date()
    first = week_start(now, week_starts) - timedelta(weeks=weeks - 1)
    starts = [first + timedelta(weeks=i) for i in range(weeks)]
    months: list[str | tuple[str, str]] = ["    "]
    previous = None
    for start in starts:
        label = MONTHS[start.month - 1] if start.month != previous else ""
        months.append(f"{label:<3}")
        previous = start.month
    dates: list[str | tuple[str, str]] = ["    "]
    for start in starts:
        dates.append((f"{start.day:>3}", THIS_WEEK if start == starts[-1] else "dim"))
    rows = [join(*months).rstrip(), join(*dates)]
    for offset in range(7):
        row: list[str | tuple[str, str]] = [DAYS[(week_starts + offset) % 7] + " "]
        for start in starts:
            day = start + timedelta(days=offset)
            cell, style = _cell(days.get(day), day, today)
            if start == starts[-1]:
                style = f"{style} bold on $primary 30%".strip()
            row.append((cell, style))
        rows.append(join(*row))
    legend = join(
        ("●", "bold"),
        " session ",
        "○",
        " practice ",
        "r",
        " run ",
        "c",
        " ride ",
        ("  ", THIS_WEEK),
        " now",
    )
    return lines([*rows, legend])


def _cell(day: Day | None, when: date, today: date) -> tuple[str, str]:
    if when > today:
        return "   ", ""
    underline = " underline" if when == today else ""
    moved = f" {day.moved}" if day is not None and day.moved else "  "
    if day is None or (day.sessions == 0 and day.practice == 0):
        return f"{moved}{'·' if not moved.strip() else ' '}", (
            "dim" if not moved.strip() else ""
        ) + underline
    if day.sessions == 0:
        return f"{moved}○", underline.strip()
    mark = "●" if day.sessions == 1 else str(min(day.sessions, 9))
    return f"{moved}{mark}", "bold $success" + underline


# -- weekly targets ------------------------------------------------------------


def targets_text(weeks: list[RoutineWeek]) -> Content:
    rows = [plain("Weekly targets", "bold")]
    if not weeks:
        rows.append(
            plain("No routine has a weekly target. A routine can ask for one: target: 2 per week")
        )
    for week in weeks:
        done, target = week.progress.done, week.progress.target
        meter = "▰" * min(done, target) + "▱" * max(target - done, 0)
        text = week.text
        if week.streak.weeks >= 2 and week.streak.forgiven:
            text += f" ({week.streak.forgiven} missed forgiven)"
        rows.append(plain(one_line(week.routine.title), "bold"))
        rows.append(join((meter, "$success" if week.progress.met else ""), " ", one_line(text)))
    if weeks:
        rows.append(plain(WHAT_COUNTS, "dim"))
    return lines(rows)
