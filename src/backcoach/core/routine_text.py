"""Short descriptions of a routine for lists and menus."""

from __future__ import annotations

from backcoach.core.durations import format_clock
from backcoach.core.model import Routine
from backcoach.core.plan import build_plan


def routine_label(routine: Routine) -> str:
    """'strength · ~15:50 · strength' — id, time and tags."""
    plan = build_plan(routine)
    time = ("~" if plan.is_estimate else "") + format_clock(plan.total)
    return " · ".join(filter(None, [routine.id, time, ", ".join(routine.tags)]))
