"""This week's progress toward each routine's target, read from the history.

The rules themselves are pure (core/weekly.py); this module only gathers their inputs:
the start times of the sessions that count (practice runs left out) for every routine
that has a `target:`, in one read of the recent history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from backcoach.core.lasttime import day_text
from backcoach.core.model import Routine
from backcoach.core.weekly import Streak, Target, WeekProgress, next_allowed, progress, streak
from backcoach.store import History

LOOKBACK_WEEKS = 53
"""How far back a streak is counted: a year of weeks, read through the start-time index."""


@dataclass(frozen=True)
class RoutineWeek:
    """Where one routine with a target stands this week."""

    routine: Routine
    progress: WeekProgress
    streak: Streak
    next_allowed: date | None  # set when `apart` asks for a gap that today falls inside
    today: date

    @property
    def text(self) -> str:
        """'1 of 2 this week · last Tue · 3-week streak · next from Thu 19 Nov'."""
        parts = [self.progress.text]
        if self.streak.weeks >= 2:
            parts.append(f"{self.streak.weeks}-week streak")
        if self.next_allowed is not None:
            parts.append(f"next from {day_text(self.next_allowed, today=self.today)}")
        return " · ".join(parts)


def weekly_status(
    history: History, routines: Iterable[Routine], now: datetime, week_starts: int = 0
) -> dict[str, RoutineWeek]:
    """For each routine with a target, by id: this week's progress, streak and next date."""
    targeted = [r for r in routines if r.target]
    if not targeted:
        return {}
    today = now.date()
    starts: dict[str, list[datetime]] = defaultdict(list)
    for session in history.sessions_between(today - timedelta(weeks=LOOKBACK_WEEKS), today):
        starts[session.routine_id].append(session.started_at)
    status = {}
    for routine in targeted:
        assert routine.target is not None
        target = Target(routine.target)
        mine = starts.get(routine.id, [])
        status[routine.id] = RoutineWeek(
            routine,
            progress(mine, target, now, week_starts),
            streak(mine, target, now, week_starts),
            next_allowed(mine, routine.apart, now) if routine.apart else None,
            today,
        )
    return status
