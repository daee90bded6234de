"""Weekly targets, the `apart` gap and the forgiving streak: pure rules over session times.

A routine may say how often it should be done (`target: 2 per week`) and how far apart
(`apart: 1 day`). These functions answer what the library shows: this week's progress,
the first day a new session may happen, and how many weeks in a row the target was met.

Everything here is a function of plain values. The caller passes `now` (an aware datetime)
and the start times of one routine's sessions (aware datetimes, practice runs already left
out); nothing reads a clock, a file or the database.

Days are the user's days: each session belongs to the calendar date on its own clock (its
local time, with the offset it was recorded with), so a session at 23:30 on a Sunday is a
Sunday session wherever UTC is, and a change to or from summer time moves no session to
another day. A session is never placed on a day later than today (the local date of `now`):
after a flight west, or with a clock that was wrong, it counts for today instead of for a
day that has not come yet here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from backcoach.core.wording import quoted

MIN_PER_WEEK = 1
MAX_PER_WEEK = 14
"""Twice a day, every day: more is almost always a typo (and twice a day is why a week's
sessions are counted one by one, not as days)."""

MIN_APART_DAYS = 0
MAX_APART_DAYS = 6
"""A gap of a week or more would make any weekly target of two or more impossible."""

# Written in the dialect Python and JSON Schema (ECMA-262) share, like the duration and load
# patterns, so the schema can be built from the same constants the parser uses. Lower case
# only: a pattern without flags reads the same in both, and the schema and parser agree.
TARGET_PATTERN = r"^\s*([0-9]+)\s*(?:per\s+week|/\s*week)\s*$"
"""How often per week: "2 per week", or the short "2/week"."""

APART_PATTERN = r"^\s*([0-9]+)\s*days?\s*$"
"""Days between sessions: "1 day", "2 days", "0 days" ("1 days" and "2 day" are let pass)."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Index = `date.weekday()`; what `week_starts` is written as."""

_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Fixed English names: `strftime("%a")` follows the process locale, and the rest of the
app's wording is English."""

_TARGET = re.compile(TARGET_PATTERN)
_APART = re.compile(APART_PATTERN)

_TARGET_HOW = f"write how often per week, like 2 per week (from {MIN_PER_WEEK} to {MAX_PER_WEEK})"
_APART_HOW = f"write the days between sessions, like 1 day or 2 days (from {MIN_APART_DAYS} to {MAX_APART_DAYS})"


class WeeklyError(ValueError):
    """A target, gap or weekday that cannot be read; the message says how to write it."""


@dataclass(frozen=True)
class Target:
    """How many sessions a week a routine asks for."""

    per_week: int

    def __str__(self) -> str:
        return f"{self.per_week} per week"


@dataclass(frozen=True)
class WeekProgress:
    """This week's sessions against the target, and a short line for the library."""

    done: int
    """Sessions in the current week (each start counts, two on one day count two)."""
    target: int
    week: date
    """The local date the current week began."""
    last: date | None
    """Local date of the most recent session ever (not only this week); None without any."""
    text: str
    """E.g. "1 of 2 this week · last Tue", "2 of 2 this week ✓", "0 of 2 this week"."""

    @property
    def met(self) -> bool:
        return self.done >= self.target


@dataclass(frozen=True)
class Streak:
    """Weeks in a row that met the target; see `streak` for the rule."""

    weeks: int
    """Weeks that met the target in the streak; forgiven weeks are not counted."""
    forgiven: int
    """Missed weeks inside the streak that were forgiven."""
    since: date | None
    """Local date the streak's first week began; None when there is no streak."""


def parse_target(text: str) -> Target:
    """A Target from "2 per week" or "2/week", 1 to 14 a week."""
    match = _TARGET.match(text)
    if match is None:
        raise WeeklyError(f"{quoted(text.strip())} is not a target; {_TARGET_HOW}")
    count = int(match[1])
    if not MIN_PER_WEEK <= count <= MAX_PER_WEEK:
        raise WeeklyError(f"{quoted(text.strip())} is out of range; {_TARGET_HOW}")
    return Target(count)


def parse_apart(text: str) -> int:
    """Whole days from "1 day", "2 days" or "0 days", 0 to 6; see `next_allowed`."""
    match = _APART.match(text)
    if match is None:
        raise WeeklyError(f"{quoted(text.strip())} is not a gap between sessions; {_APART_HOW}")
    days = int(match[1])
    if not MIN_APART_DAYS <= days <= MAX_APART_DAYS:
        raise WeeklyError(f"{quoted(text.strip())} is out of range; {_APART_HOW}")
    return days


def parse_weekday(text: str) -> int:
    """The `week_starts` setting: "monday" or "mon" (any case) -> 0 … "sunday" -> 6."""
    word = text.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return index
    raise WeeklyError(f"{quoted(text.strip())} is not a weekday; write one like monday or sunday")


def week_start(moment: datetime, week_starts: int = 0) -> date:
    """The local date on which the week holding `moment` began.

    The week is taken on `moment`'s own clock: 23:30 on a Sunday at +01:00 is in the week
    of that Sunday, although it is already Monday in UTC. `week_starts` is a weekday index
    (0 Monday … 6 Sunday, as `date.weekday()`).
    """
    return _week_of(_local_date(moment), week_starts)


def progress(
    starts: Iterable[datetime], target: Target, now: datetime, week_starts: int = 0
) -> WeekProgress:
    """This week's progress toward `target`, with the text the library shows.

    The text stays calm: the count, a tick once the target is met, and while it is not,
    when the last session was if that was within the past six days (where a weekday name
    cannot be mistaken: "today", else "last Tue"). Nothing is said about older sessions.
    """
    today = _local_date(now)
    week = _week_of(today, week_starts)
    days = _session_days(starts, today)
    done = sum(1 for day in days if _week_of(day, week_starts) == week)
    last = max(days, default=None)
    text = f"{done} of {target.per_week} this week"
    if done >= target.per_week:
        text += " ✓"
    elif last is not None and (today - last).days <= 6:
        text += " · today" if last == today else f" · last {_SHORT_DAYS[last.weekday()]}"
    return WeekProgress(done, target.per_week, week, last, text)


def next_allowed(starts: Iterable[datetime], apart_days: int, now: datetime) -> date | None:
    """The first local date a new session may happen, or None when nothing blocks today.

    Rule: "apart: N days" means at least N whole days without a session between two
    sessions. With apart: 1 day, Monday then Wednesday is fine, Monday then Tuesday is
    not (and neither is a second session on Monday); with apart: 2 days, Monday then
    Thursday is the soonest. apart: 0 days asks for no gap, so nothing is ever blocked.
    Only calendar dates count, not hours: a session late on Monday evening still leaves
    Wednesday morning free.
    """
    if apart_days <= 0:
        return None
    today = _local_date(now)
    last = max(_session_days(starts, today), default=None)
    if last is None:
        return None
    allowed = last + timedelta(days=apart_days + 1)
    return allowed if allowed > today else None


def streak(
    starts: Iterable[datetime], target: Target, now: datetime, week_starts: int = 0
) -> Streak:
    """The forgiving streak.

    Rule, as a user reads it: "Your streak counts the weeks in a row, back from last week,
    in which you met your target. One missed week is forgiven, but not two within any four
    weeks in a row: counting back, the streak stops at the second. A forgiven week keeps
    the streak going but does not add to it. This week joins the streak as soon as you
    meet its target, and never ends it."

    Precisely: weeks are walked back from the last completed week. A missed week is one
    with fewer sessions than the target; two missed weeks are "within four weeks" when
    they are at most three weeks apart (weeks 1 and 4 are; weeks 1 and 5 are not, so two
    misses with three good weeks between are both forgiven). Because the walk goes back
    from now, the newer of two close misses stays forgiven and the streak stops at the
    older one: met, missed, met, missed, met counts 2 (the last three weeks), not 0 or 1.
    This keeps the streak a function of the recent weeks alone. The streak starts at its
    earliest week that met the target, so misses before that are not part of it (nor
    counted as forgiven). The current week is added when it has met the target already;
    when it has not, it is left out, as if it had not begun. With no completed week yet
    (history shorter than a week) the streak is 1 when this week's target is met, else 0.
    """
    today = _local_date(now)
    current = _week_of(today, week_starts)
    per_week = Counter(_week_of(day, week_starts) for day in _session_days(starts, today))
    if not per_week:
        return Streak(0, 0, None)
    first = min(per_week)
    one_week = timedelta(days=7)

    met = 0
    since: date | None = None
    misses: list[date] = []  # newest first; those older than `since` are dropped below
    week = current - one_week
    while week >= first:
        if per_week[week] >= target.per_week:
            met += 1
            since = week
        else:
            if misses and (misses[-1] - week).days <= 3 * 7:
                break
            misses.append(week)
        week -= one_week

    if per_week[current] >= target.per_week:
        met += 1
        since = since or current
    if since is None:
        return Streak(0, 0, None)
    forgiven = sum(1 for miss in misses if miss > since)
    return Streak(met, forgiven, since)


def _local_date(moment: datetime) -> date:
    """The date on `moment`'s own clock; a naive datetime is refused, not guessed at.

    A naive time from the store would most likely be UTC, and read as local it would put a
    late-evening session on the wrong day without a word.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no UTC offset; pass an aware datetime")
    return moment.date()


def _session_days(starts: Iterable[datetime], today: date) -> list[date]:
    """Each session's local date, never later than today (see the module docstring)."""
    return [min(_local_date(start), today) for start in starts]


def _week_of(day: date, week_starts: int) -> date:
    if not 0 <= week_starts <= 6:
        raise ValueError(f"week_starts must be a weekday index from 0 to 6, not {week_starts}")
    return day - timedelta(days=(day.weekday() - week_starts) % 7)
