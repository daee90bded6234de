"""What the history says about what goes with better or worse mornings, for `insights`
and the screens: each thing's days (diary entries, runs and rides, routines played)
against the next-morning check-ins. The statistics are pure (core/insights.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from backcoach.core.insights import Insight, Morning, insight, next_mornings
from backcoach.core.things import BUILT_IN
from backcoach.store import History, Status

WARNED = {thing.name for thing in BUILT_IN if thing.warned}


def insights(history: History) -> list[Insight]:
    """One insight per thing that happened at least once, the ones with enough days first,
    biggest back difference first."""
    mornings = next_mornings(
        (check.taken_at, Morning(check.back, check.leg)) for check in history.checkins()
    )
    days: dict[str, set[date]] = defaultdict(set)
    for entry in history.things.listed():
        days[entry.thing.name].add(entry.at.date())
    for kept in history.activities.listed():
        days[kept.activity.sport.value].add(kept.activity.started_at.date())
    if mornings:
        first, last = min(mornings), max(mornings)
        for session in history.sessions_between(first, last):
            if session.status is Status.FINISHED:
                days[session.title].add(session.started_at.date())
    found = [insight(thing, had, mornings) for thing, had in days.items()]
    return sorted(
        found,
        key=lambda i: (not i.enough, -abs(i.back.mean) if i.back else 0.0, i.thing.casefold()),
    )
