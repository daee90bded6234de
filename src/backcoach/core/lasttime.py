"""'Last time' for an exercise, as one short line: what was done, and on which day.

One function, shared by `play --plain` and the player screen, so the two always say it
the same way. It takes plain values — each set that was done, as (reps, load, side), in
the order they were done, and the local date of that session — never a store record:

    sets = [(s.reps, s.load, s.side) for s in found.sets if s.outcome is Outcome.DONE]
    last_time_text(sets, found.started_at.date(), today=date.today())

The wording, shortest that says it all:

    10, 10, 8 reps at 20 kg · Tue 17 Nov        one load for every set
    10, 10 at 20 kg, 8 at 22.5 kg · Tue 17 Nov  loads that changed: each run of sets with its own
    10, 10 reps each side · today               both sides the same
    right 10, 10; left 8 reps · Mon 9 Nov       sides that differ
    2 sets at 20 kg · Tue 17 Nov                timed sets with a load: no reps to tell
    8 sets of 6-10 reps at 20 kg · Mon 3 Mar 2025  too long for one line: the range instead
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from backcoach.core.durations import Load
from backcoach.core.wording import plural

DoneSet = tuple[int | None, Load | None, str | None]
"""One set that was done: reps (None for a timed set), load (None without one), side."""

MAX_BODY = 48
"""Longer than this, the sets are summed up as a range: 'Last time: ', the sets and the day
must fit one line of an 80-column terminal, with room for the plain player's time stamp."""

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Fixed English names: strftime follows the process locale, and the app speaks English.

_Run = list[tuple[int | None, Load | None]]


def last_time_text(sets: Sequence[DoneSet], day: date, *, today: date) -> str | None:
    """'10, 10, 8 reps at 20 kg · Tue 17 Nov', or None when no set was done.

    Without a 'Last time: ' in front, so that each screen can label it its own way.
    """
    if not sets:
        return None
    return f"{_body(sets)} · {day_text(day, today=today)}"


def day_text(day: date, *, today: date) -> str:
    """'today', 'Tue 17 Nov', or 'Mon 3 Mar 2025' for a day in another year."""
    if day == today:
        return "today"
    text = f"{DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def _body(sets: Sequence[DoneSet]) -> str:
    sides: dict[str | None, _Run] = {}
    for reps, load, side in sets:
        sides.setdefault(side, []).append((reps, load))
    runs = list(sides.values())
    if len(runs) == 1:
        (side,) = sides
        text = _run(runs[0]) + ("" if side is None else f", {side} side")
    elif all(run == runs[0] for run in runs):
        text = f"{_run(runs[0])} each side"
    else:
        loads = {load for _, load, _ in sets}
        counted = all(reps is not None for reps, _, _ in sets)
        if counted and len(loads) == 1:  # one load for all: said once, at the end
            text = "; ".join(f"{_side(side)} {_numbers(run)}" for side, run in sides.items())
            text += " reps" + _at(loads.pop())
        else:
            text = "; ".join(f"{_side(side)} {_run(run)}" for side, run in sides.items())
    return text if len(text) <= MAX_BODY else _summary(sets)


def _run(run: _Run) -> str:
    """One side's sets, or all of them: '10, 10, 8 reps at 20 kg', '10 at 20 kg, 8 at 22.5 kg'."""
    loads = {load for _, load in run}
    if all(reps is None for reps, _ in run):  # timed sets: the load is all there is to tell
        if len(loads) == 1:
            return plural(len(run), "set") + _at(loads.pop())
        return ", ".join("no load" if load is None else str(load) for _, load in run)
    if len(loads) == 1:
        word = " rep" if run == [(1, run[0][1])] else " reps"
        return _numbers(run) + word + _at(loads.pop())
    pieces: list[tuple[list[int | None], Load | None]] = []  # consecutive sets of one load
    for reps, load in run:
        if pieces and pieces[-1][1] == load:
            pieces[-1][0].append(reps)
        else:
            pieces.append(([reps], load))
    return ", ".join(
        ", ".join(_count(reps) for reps in counts) + (_at(load) or " with no load")
        for counts, load in pieces
    )


def _side(side: str | None) -> str:
    return side or "no side"


def _numbers(run: _Run) -> str:
    return ", ".join(_count(reps) for reps, _ in run)


def _count(reps: int | None) -> str:
    return "-" if reps is None else str(reps)


def _at(load: Load | None) -> str:
    return "" if load is None else f" at {load}"


def _summary(sets: Sequence[DoneSet]) -> str:
    """'8 sets of 6-10 reps at 20-25 kg': for more sets than one line holds."""
    text = plural(len(sets), "set")
    counts = sorted(reps for reps, _, _ in sets if reps is not None)
    if counts:
        low, high = counts[0], counts[-1]
        text += f" of {low} reps" if low == high else f" of {low}-{high} reps"
    loads = {load for _, load, _ in sets if load is not None}
    units = {load.unit for load in loads}
    if len(units) == 1 and None not in {load.amount for load in loads}:
        ordered = sorted(loads, key=lambda load: load.amount or 0.0)
        low_load, high_load = ordered[0], ordered[-1]
        if low_load == high_load:
            text += _at(low_load)
        else:
            text += f" at {str(low_load).removesuffix(' ' + low_load.unit)}-{high_load}"
    elif len(loads) == 1:  # bodyweight
        text += _at(loads.pop())
    return text


# -- this run against last time ------------------------------------------------------


def best_set(sets: Sequence[DoneSet]) -> DoneSet | None:
    """The heaviest set, then the one with most reps; None when no set was done.

    Loads are ranked by amount within their unit; bodyweight and no load rank lowest.
    """
    if not sets:
        return None
    return max(sets, key=lambda s: ((s[1].amount or 0.0) if s[1] else 0.0, s[0] or 0))


def compare(now_sets: Sequence[DoneSet], last_sets: Sequence[DoneSet]) -> str | None:
    """This run's best set against last time's: '+2.5 kg', '+2 reps', '-1 rep, +2.5 kg',
    'same as last time', 'first time' or 'different unit'; None when nothing was done now.

    Both sequences hold only done sets. Loads in different units are not converted: the
    numbers would look precise and be a guess ('different unit' says what happened).
    """
    best = best_set(now_sets)
    if best is None:
        return None
    before = best_set(last_sets)
    if before is None:
        return "first time"
    reps, load, _ = best
    last_reps, last_load, _ = before
    parts: list[str] = []
    if load != last_load:
        if load is None or last_load is None:
            parts.append("no load now" if load is None else f"now at {load}")
        elif load.unit != last_load.unit:
            return "different unit"
        else:
            parts.append(_signed(load.amount or 0.0, last_load.amount or 0.0, load.unit))
    if reps is not None and last_reps is not None and reps != last_reps:
        difference = reps - last_reps
        parts.insert(0, f"{difference:+d} {'rep' if abs(difference) == 1 else 'reps'}")
    return ", ".join(parts) if parts else "same as last time"


def _signed(amount: float, before: float, unit: str) -> str:
    difference = round(amount - before, 3)
    text = f"{difference:+.3f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"
