"""What the history says about runs: which were warmed up, which were spikes, and this
week's warm-ups, for `activity list`, `history` and the screens. The rules are pure
(core/running.py); this module gathers their inputs from the history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from backcoach.core.activity import Sport
from backcoach.core.model import Routine
from backcoach.core.running import WARMUP_TAG, Band, spikes, warmed_up
from backcoach.core.wording import plural
from backcoach.store import History, Status
from backcoach.store.activities import KeptActivity


@dataclass(frozen=True)
class RunMarks:
    """What backcoach notes beside an activity: for a run, whether it was warmed up and
    whether it was a spike against the 30 days before it."""

    kept: KeptActivity
    warmed_up: bool | None  # None for a ride or a walk
    spike: Band | None


def warmup_ids(routines: Iterable[Routine]) -> set[str]:
    return {routine.id for routine in routines if WARMUP_TAG in routine.tags}


def warmups_ended(
    history: History, routines: Iterable[Routine], starts: Sequence[datetime]
) -> list[datetime]:
    """When each finished (not practice) session of a before-run routine ended, over the
    days the runs starting at `starts` began."""
    if not starts:
        return []
    tagged = warmup_ids(routines)
    first = min(starts).date() - timedelta(days=1)
    return [
        session.ended_at
        for session in history.sessions_between(first, max(starts).date())
        if session.routine_id in tagged
        and session.status is Status.FINISHED
        and session.ended_at is not None
    ]


def marked(
    history: History, routines: Iterable[Routine], every: Sequence[KeptActivity]
) -> list[RunMarks]:
    """Each activity with its marks, in the order given. Spikes are judged against all of
    `every`, so give it the whole history (or at least 30 days before the first shown)."""
    activities = [kept.activity for kept in every]
    starts = [a.started_at for a in activities if a.sport is Sport.RUN]
    ended = warmups_ended(history, routines, starts)
    banded = spikes(activities)
    return [
        RunMarks(
            kept,
            warmed_up(kept.activity.started_at, ended)
            if kept.activity.sport is Sport.RUN
            else None,
            banded.get(kept.activity.key),
        )
        for kept in every
    ]


def warmup_counts(marks: Iterable[RunMarks], today: date) -> tuple[int, int] | None:
    """This week's runs warmed up, and all this week's runs (from Monday); None without one."""
    monday = today - timedelta(days=today.weekday())
    this_week = [
        m
        for m in marks
        if m.kept.activity.sport is Sport.RUN
        and monday <= m.kept.activity.started_at.date() <= today
    ]
    if not this_week:
        return None
    return sum(1 for m in this_week if m.warmed_up), len(this_week)


def warmup_week_line(marks: Iterable[RunMarks], today: date) -> str | None:
    """'Warm-up before 3 of 4 runs this week.'; None without a run this week."""
    counts = warmup_counts(marks, today)
    if counts is None:
        return None
    return f"Warm-up before {counts[0]} of {plural(counts[1], 'run')} this week."


def week_counts(
    history: History, routines: Iterable[Routine], today: date
) -> tuple[int, int] | None:
    """This week's warmed-up runs and runs, read from the history."""
    every = history.activities.listed(since=today - timedelta(days=7))
    runs = [k for k in every if k.activity.sport is Sport.RUN]
    return warmup_counts(marked(history, routines, runs), today) if runs else None


def week_line(history: History, routines: Iterable[Routine], today: date) -> str | None:
    """The warm-up line for this week, read from the history."""
    counts = week_counts(history, routines, today)
    if counts is None:
        return None
    return f"Warm-up before {counts[0]} of {plural(counts[1], 'run')} this week."
