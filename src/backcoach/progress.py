"""What the history says to the person about to train: this week's progress toward each
routine's target, and what they did last time in each exercise.

The rules and the wording are pure (core/weekly.py, core/lasttime.py); this module only
gathers their inputs from the history, in a few indexed reads, practice runs left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from backcoach.core.backcheck import Reading, counts_as_later
from backcoach.core.durations import Load
from backcoach.core.lasttime import DoneSet, compare, day_text, last_time_text
from backcoach.core.model import ExerciseStep, Routine
from backcoach.core.plan import Plan
from backcoach.core.progression import BREAK_AFTER, LastSession, Proposal, propose
from backcoach.core.session import Outcome, SetRecord
from backcoach.core.weekly import Streak, Target, WeekProgress, next_allowed, progress, streak
from backcoach.store import (
    CheckIn,
    History,
    SessionId,
    SessionSummary,
    SetEntry,
    Status,
)

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


WHAT_COUNTS = "A session counts once it is played to the end with at least half its sets done."
"""Said wherever the weekly targets are shown (the store's days_trained applies it)."""


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
    history: History, plan: Plan, records: Mapping[int, SetRecord], before: SessionId | None
) -> list[tuple[str, str]]:
    """(exercise name, comparison) for each counted or loaded exercise of a finished run
    that has a set done, in plan order: its best set against last time's best.

    `before` is the run's own session id (None when it was not recorded), so that the run
    itself is never its own last time; practice runs are left out by the store.
    """
    done: dict[str, list[DoneSet]] = {}
    names: dict[str, str] = {}
    for segment in plan.work_segments():
        exercise = segment.exercise
        if exercise is None or (segment.reps is None and segment.load is None):
            continue
        names.setdefault(exercise.id, segment.name)
        sets = done.setdefault(exercise.id, [])
        record = records.get(segment.position)
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


# -- progression: the load the next session proposes -------------------------------------


def proposals(
    history: History,
    routine: Routine,
    *,
    flare: bool = False,
    today: date | None = None,
    fresh: tuple[Reading, datetime] | None = None,
) -> list[Proposal]:
    """For each step with `progress:`, in routine order: the load the next session lifts,
    and whether it goes up (core/progression.py decides; this only gathers its inputs).

    Read before the run starts, like last time: the routine's latest session within
    BREAK_AFTER that is not practice, not in flare-up mode and not being played, its sets,
    and its check-ins.
    `fresh`: a check-in answered just now and not written yet (the one before this run),
    which is the last session's later check when it has none.
    """
    steps = _progressing_steps(routine)
    if not steps:
        return []
    flare = flare or routine.flare  # the flare-up variant never proposes a heavier load
    today = today or date.today()
    sessions = [
        s
        for s in history.sessions_between(today - BREAK_AFTER, today)
        # A flare-up session's lighter numbers are no base to build on: the last usual one
        # is. Nor is a run stopped before any set was done.
        if s.routine_id == routine.id
        and s.status is not Status.RUNNING
        and not s.flare
        and s.sets_done > 0
    ]
    last = sessions[-1] if sessions else None
    sets = history.sets(last.id) if last is not None else []
    checks = _checks_around(history, last, fresh) if last is not None else (None,) * 4
    # The session before it, for the rule that lowers a load the back disagreed with twice.
    earlier = sessions[-2] if len(sessions) > 1 else None
    earlier_sets = history.sets(earlier.id) if earlier is not None else []
    earlier_checks = _checks_around(history, earlier, None) if earlier is not None else None
    found = []
    for step in steps:
        summary = None if last is None else _last_session(last, step, sets, checks)
        if summary is not None and summary.load is None:
            # Every set of it skipped last time: the load stays the one last lifted.
            summary = replace(summary, load=_last_lifted(history, sessions[:-1], step))
        previous = None
        if earlier is not None and earlier_checks is not None:
            previous = _last_session(earlier, step, earlier_sets, earlier_checks)
        break_since = None
        if summary is None:
            done = history.last_time(step.exercise.id)
            if done is not None and done.started_at.date() < today - BREAK_AFTER:
                break_since = done.started_at
        proposal = propose(step, summary, flare=flare, previous=previous, break_since=break_since)
        if proposal is not None:
            found.append(proposal)
    return found


def loads_now(history: History, routine: Routine, today: date | None = None) -> dict[str, Load]:
    """By exercise id, the load each weighted exercise of the routine is lifted at now (the
    one last lifted, built on): what a session added after the fact was done with."""
    return {p.exercise_id: p.current for p in proposals(history, routine, today=today)}


def _progressing_steps(routine: Routine) -> list[ExerciseStep]:
    """Steps of reps at a weight, one per exercise (the first with a load step, else the
    first): a load step raises the load, and any of them may be lowered."""
    steps: dict[str, ExerciseStep] = {}
    for step in routine.steps:
        if not isinstance(step, ExerciseStep) or step.reps is None:
            continue
        if step.load is None or step.load.amount is None:
            continue
        known = steps.get(step.exercise.id)
        if known is None or (known.progress is None and step.progress is not None):
            steps[step.exercise.id] = step
    return list(steps.values())


def _last_lifted(
    history: History, earlier: list[SessionSummary], step: ExerciseStep
) -> Load | None:
    """The load of the latest set of the step's exercise done in these sessions (oldest
    first), read back one session at a time; None if none was done."""
    for session in reversed(earlier):
        done = [
            s
            for s in history.sets(session.id)
            if s.exercise_id == step.exercise.id and s.outcome is Outcome.DONE
        ]
        if done:
            return done[-1].load
    return None


Checks = tuple[Reading | None, Reading | None, Reading | None, datetime | None]


def _last_session(
    session: SessionSummary, step: ExerciseStep, sets: list[SetEntry], checks: Checks
) -> LastSession:
    mine = [s for s in sets if s.exercise_id == step.exercise.id]
    done = [s for s in mine if s.outcome is Outcome.DONE]
    before, after, later, later_at = checks
    return LastSession(
        started_at=session.started_at,
        reps=tuple(s.reps for s in done),
        skipped=len(mine) - len(done),
        load=done[-1].load if done else None,
        before=before,
        after=after,
        later=later,
        later_at=later_at,
    )


def _checks_around(
    history: History, session: SessionSummary, fresh: tuple[Reading, datetime] | None
) -> Checks:
    """The session's before, after and later checks as the store links them; with no
    later check linked, the first check-in that counts as later (core.backcheck's rule: a
    later day, or hours after) stands in for it: the before-check of the next run, say, or
    `fresh`, answered just now. One taken sooner says nothing of how the back took it."""
    before, after, later = history.checks_around(session.id)
    later_reading, later_at = (later.reading, later.taken_at) if later else (None, None)
    if later is None:
        ended = session.ended_at or session.started_at
        following = [
            c
            for c in history.checkins(since=ended.date())
            if counts_as_later(ended, c.taken_at) and c.session != session.id
        ]
        if following:
            later_reading, later_at = following[0].reading, following[0].taken_at
        elif fresh is not None and counts_as_later(ended, fresh[1]):
            later_reading, later_at = fresh
    return (
        _reading(before),
        _reading(after),
        later_reading,
        later_at,
    )


def _reading(check: CheckIn | None) -> Reading | None:
    return None if check is None else Reading(check.back, check.leg, check.reach)


def proposal_lines(found: list[Proposal], routine: Routine) -> list[str]:
    """'Stiff-legged deadlift: All sets 12 reps, back the same next morning → 22.5 kg'."""
    names = {
        step.exercise.id: step.exercise.name
        for step in routine.steps
        if isinstance(step, ExerciseStep)
    }
    return [f"{names.get(p.exercise_id, p.exercise_id)}: {p.reason}" for p in found]
