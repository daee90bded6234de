"""What the history says to the person about to train: this week's progress toward each
routine's target, and what they did last time in each exercise.

The rules and the wording are pure (core/weekly.py, core/lasttime.py); this module only
gathers their inputs from the history, in a few indexed reads, practice runs left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from backcoach.core.lasttime import DoneSet, compare, day_text, last_time_text
from backcoach.core.model import Routine
from backcoach.core.plan import Plan
from backcoach.core.session import Outcome, Session
from backcoach.core.weekly import Streak, Target, WeekProgress, next_allowed, progress, streak
from backcoach.store import History, SessionId

NOON = time(12)
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
    days = history.days_trained(
        today - timedelta(weeks=LOOKBACK_WEEKS), today, [r.id for r in targeted]
    )
    status = {}
    for routine in targeted:
        assert routine.target is not None
        target = Target(routine.target)
        # The weekly rules read only each start's local date; noon on that date stands in.
        mine = [datetime.combine(day, NOON, now.tzinfo) for day in days.get(routine.id, [])]
        status[routine.id] = RoutineWeek(
            routine,
            progress(mine, target, now, week_starts),
            streak(mine, target, now, week_starts),
            next_allowed(mine, routine.apart, now) if routine.apart else None,
            today,
        )
    return status


def last_times(history: History, plan: Plan, today: date | None = None) -> dict[str, str]:
    """What was done last time for each counted or loaded exercise of the plan, by id.

    Read once, before the session starts, so that no read of the history ever waits in
    the middle of a routine; the session about to be played has no sets yet, so this is
    exactly `last_time(id, before=<this session>)`. Practice runs are left out by the store.
    """
    today = today or date.today()
    wanted = {
        segment.exercise.id
        for segment in plan.work_segments()
        if segment.exercise is not None and (segment.reps is not None or segment.load is not None)
    }
    found: dict[str, str] = {}
    for exercise_id in sorted(wanted):
        last = history.last_time(exercise_id)
        if last is None:
            continue
        done = [(s.reps, s.load, s.side) for s in last.sets if s.outcome is Outcome.DONE]
        text = last_time_text(done, last.started_at.date(), today=today)
        if text is not None:
            found[exercise_id] = text
    return found


def week_labels(status: dict[str, RoutineWeek]) -> dict[str, tuple[str, str]]:
    """By routine id: the library's short label ('1 of 2 this week', with ✓ once met) and
    the preview's full line ('1 of 2 this week · last Tue · next from Thu 19 Nov')."""
    return {
        routine_id: (
            f"{week.progress.done} of {week.progress.target} this week"
            + (" ✓" if week.progress.met else ""),
            week.text,
        )
        for routine_id, week in status.items()
    }


def against_last_time(
    history: History, session: Session, before: SessionId | None
) -> list[tuple[str, str]]:
    """(exercise name, comparison) for each counted or loaded exercise of a finished run
    that has a set done, in plan order: its best set against last time's best.

    `before` is the run's own session id (None when it was not recorded), so that the run
    itself is never its own last time; practice runs are left out by the store.
    """
    done: dict[str, list[DoneSet]] = {}
    names: dict[str, str] = {}
    for segment in session.plan.work_segments():
        exercise = segment.exercise
        if exercise is None or (segment.reps is None and segment.load is None):
            continue
        names.setdefault(exercise.id, segment.name)
        sets = done.setdefault(exercise.id, [])
        record = session.records.get(segment.position)
        if record is not None and record.outcome is Outcome.DONE:
            sets.append((record.reps, record.load, segment.side))
    lines = []
    for exercise_id, sets in done.items():
        if not sets:
            continue
        last = history.last_time(exercise_id, before=before)
        last_sets: list[DoneSet] = []
        if last is not None:
            last_sets = [(s.reps, s.load, s.side) for s in last.sets if s.outcome is Outcome.DONE]
        text = compare(sets, last_sets)
        if text is not None:
            lines.append((names[exercise_id], text))
    return lines
