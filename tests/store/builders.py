"""Small builders for the store's tests: plans, set entries, moments in given offsets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from backcoach.core.durations import parse_load
from backcoach.core.plan import Plan, build_plan
from backcoach.core.session import Outcome
from backcoach.store import SetEntry
from tests.helpers import DEADLIFT, hold, manual_reps, routine

PARIS = timezone(timedelta(hours=1))
KATHMANDU = timezone(timedelta(hours=5, minutes=45))
NEWFOUNDLAND = timezone(timedelta(hours=-3, minutes=-30))


def at(day: int, hour: int = 18, minute: int = 0, tz: timezone = PARIS) -> datetime:
    """A moment in November 2026 (day 16 is a Monday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


def strength_plan(reps: int = 10, load: str = "20 kg") -> Plan:
    return build_plan(
        routine(
            manual_reps(reps, sets=3, load=parse_load(load), rest=60),
            hold(30, sides=("left", "right")),
        )
    )


def entry(
    position: int,
    *,
    exercise: str = DEADLIFT.id,
    name: str = DEADLIFT.name,
    reps: int | None = 10,
    load: str | None = "20 kg",
    outcome: Outcome = Outcome.DONE,
    side: str | None = None,
    set_number: int = 1,
    seconds: float = 30.0,
) -> SetEntry:
    return SetEntry(
        position=position,
        exercise_id=exercise,
        exercise_name=name,
        side=side,
        set_number=set_number,
        set_count=3,
        planned_reps=10 if reps is not None else None,
        reps=reps,
        load=None if load is None else parse_load(load),
        seconds=seconds,
        outcome=outcome,
    )
