"""Load and reps over time, per exercise: the numbers from the history, and their plot.

This module never imports plotext: `draw` is handed the plot object of a textual-plotext
widget, which the history screen imports when it opens.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import Any

from backcoach.core.activity import Activity, Sport
from backcoach.core.durations import Load
from backcoach.core.wording import one_line
from backcoach.store import CheckIn, ExerciseDay
from backcoach.ui.widgets.calendar import MONTHS

TO_KG = {"kg": 1.0, "lb": 0.45359237}
STEPS = (1, 2, 2.5, 5)
"""Tick steps, times a power of ten: loads in 0.5, 1, 2.5, 5, 10 … reps in whole numbers."""


@dataclass(frozen=True)
class Point:
    """One session's numbers for one exercise: the sets done, not the ones skipped."""

    day: date
    reps: int | None  # the most reps in one set; None when no set counted reps
    loads: tuple[Load, ...]  # every load with an amount (bodyweight has none)


@dataclass
class ExerciseSeries:
    key: str  # the exercise id; an exercise written inline in a routine has none: its name
    name: str
    points: list[Point] = field(default_factory=list)

    @property
    def unit(self) -> str | None:
        """The unit of the latest load: the one the chart speaks."""
        for point in reversed(self.points):
            for load in point.loads:
                if load.unit in TO_KG:
                    return load.unit
        return None

    def loads(self) -> list[tuple[date, float]]:
        """The heaviest load of each session that had one, in `unit`."""
        unit = self.unit
        if unit is None:
            return []
        found = []
        for point in self.points:
            amounts = [
                load.amount * TO_KG[load.unit] / TO_KG[unit]
                for load in point.loads
                if load.amount is not None and load.unit in TO_KG
            ]
            if amounts:
                found.append((point.day, round(max(amounts), 2)))
        return found

    def reps(self) -> list[tuple[date, float]]:
        return [(p.day, float(p.reps)) for p in self.points if p.reps is not None]


def exercise_series(days: Iterable[ExerciseDay]) -> list[ExerciseSeries]:
    """Every exercise with reps or a load, oldest point first; the exercises done most
    recently first. `days` come from the store, practice runs already left out."""
    series: dict[str, ExerciseSeries] = {}
    latest: dict[str, tuple[date, int]] = {}
    for order, done in enumerate(days):
        if done.reps is None and not done.loads:
            continue  # a timed hold without a load: nothing to chart
        key = done.exercise_id
        item = series.setdefault(key, ExerciseSeries(key, ""))
        item.name = one_line(done.exercise_name)  # its latest name
        item.points.append(Point(done.day, done.reps, done.loads))
        latest[key] = (done.day, order)
    return sorted(series.values(), key=lambda s: (latest[s.key], s.name), reverse=True)


def ticks(low: float, high: float, most: int, whole: bool = False) -> list[float]:
    """At most `most` evenly spaced round values that cover low..high."""
    most = max(most, 2)
    if high <= low:  # one value: a little room either side, so the line is not on an edge
        room = 1.0 if whole else max(abs(low) * 0.1, 0.5)
        low, high = low - room, high + room
    power = 10 ** math.floor(math.log10(high - low))
    for scale in (power / 10, power, power * 10):
        for step in STEPS:
            size = step * scale
            if whole and size < 1:
                continue
            first, last = math.floor(low / size), math.ceil(high / size)
            if last - first + 1 <= most:
                return [round(i * size, 2) for i in range(first, last + 1)]
    return [low, high]


def number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def day_label(day: date, today: date) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year % 100:02d}"


def draw(plt: Any, series: ExerciseSeries, width: int, height: int, *, today: date) -> None:
    """Load (above) and reps (below) of `series` over time, on plotext's `plt`."""
    plt.clear_figure()
    panels = [
        (f"Heaviest load, {series.unit}", series.loads(), False),
        ("Most reps in a set", series.reps(), True),
    ]
    panels = [panel for panel in panels if panel[1]]
    if not panels:
        return
    days = sorted({day for _, points, _ in panels for day, _ in points})
    first = days[0]
    plt.subplots(len(panels), 1)
    rows = max(height // len(panels) - 4, 2)  # less the title, frame and dates
    span = (days[-1] - first).days
    # Dates evenly spaced along the axis, as many as fit with room between (7 columns each).
    labels = max(min(span + 1, (width - 8) // 10), 1)
    chosen = sorted({round(i * span / max(labels - 1, 1)) for i in range(labels)})
    for number_, (title, points, whole) in enumerate(panels, start=1):
        plot = plt.subplot(number_, 1)
        xs = [(day - first).days for day, _ in points]
        ys = [value for _, value in points]
        plot.plot(xs, ys, marker="hd")
        if len(xs) == 1:
            plot.scatter(xs, ys, marker="●")
        plot.title(title)
        values = ticks(min(ys), max(ys), rows // 2 + 1, whole)
        plot.yticks(values, [number(v) for v in values])
        if len(values) > 1:
            plot.ylim(values[0], values[-1])
        last = number_ == len(panels)
        plot.xticks(
            chosen,
            [day_label(first + timedelta(days=x), today) if last else "" for x in chosen],
        )
        margin = max(span / 40, 0.5)
        plot.xlim(-margin, span + margin)


# -- pain over the weeks -------------------------------------------------------------

PAIN_KEY = "\x00pain"
"""The chart's choice for the check-ins: no exercise id or name can hold a NUL."""
PAIN_NAME = "Back and leg pain (check-ins)"
LOAD_KEY = "\x00load"
LOAD_NAME = "Runs and rides a week, and pain"
REACH_LABELS = ("none", "buttock", "thigh", "knee", "foot")


@dataclass(frozen=True)
class PainPoint:
    """One check-in, where the chart needs it: its day, to the hour, and its answers."""

    at: datetime
    back: int
    leg: int
    reach: int  # 0 none to 4 the foot


def pain_points(checkins: Iterable[CheckIn]) -> list[PainPoint]:
    """Every check-in (before, after, later, or on its own), oldest first."""
    return [
        PainPoint(checkin.taken_at, checkin.back, checkin.leg, checkin.reach.depth)
        for checkin in checkins
    ]


def draw_pain(
    plt: Any,
    points: list[PainPoint],
    sessions: Iterable[datetime],
    width: int,
    height: int,
    *,
    today: date,
    flare: Iterable[datetime] = (),
) -> None:
    """Back and leg pain (above) and the leg reach (below) over time, each session a
    dotted line across both, so a change can be read against what was done that day.
    Sessions played in flare-up mode (`flare`, also among `sessions`) carry an F on top of
    the pain panel: a mark, not a colour, so it reads without colour too."""
    plt.clear_figure()
    if not points:
        return
    first = points[0].at.date()
    last = max(points[-1].at.date(), first)
    span = (last - first).days

    def x(moment: datetime) -> float:
        return (moment.date() - first).days + moment.hour / 24 + moment.minute / 1440

    xs = [x(point.at) for point in points]
    days = [x(moment) for moment in sessions if first <= moment.date() <= last]
    gentler = [x(moment) for moment in flare if first <= moment.date() <= last]
    labels = max(min(span + 1, (width - 8) // 10), 1)
    chosen = sorted({round(i * span / max(labels - 1, 1)) for i in range(labels)})
    margin = max(span / 40, 0.5)
    plt.subplots(2, 1)
    panels = (
        (
            "Pain 0-10: back ●, leg ◆, F flare-up mode",
            [p.back for p in points],
            [p.leg for p in points],
        ),
        ("How far down the leg", [p.reach for p in points], None),
    )
    for number_, (title, ys, more) in enumerate(panels, start=1):
        plot = plt.subplot(number_, 1)
        for day in days:
            plot.vline(day, "gray")
        plot.plot(xs, ys, marker="●")
        if more is not None:
            plot.plot(xs, more, marker="◆")
            if gentler:
                plot.scatter(gentler, [10] * len(gentler), marker="F")
            plot.yticks([0, 2, 4, 6, 8, 10], ["0", "2", "4", "6", "8", "10"])
            plot.ylim(0, 10)
        else:
            plot.yticks(list(range(5)), list(REACH_LABELS))
            plot.ylim(0, 4)
        plot.title(title)
        final = number_ == len(panels)
        plot.xticks(
            chosen,
            [day_label(first + timedelta(days=d), today) if final else "" for d in chosen],
        )
        plot.xlim(-margin, span + 1 + margin)


@dataclass(frozen=True)
class LoadWeek:
    """One week of running and riding, and how the back and leg were that week."""

    monday: date
    run_km: float
    ride_km: float
    back: float | None  # the week's mean check-in; None without one
    leg: float | None


def load_weeks(
    activities: Iterable[Activity], checkins: Iterable[CheckIn], today: date, weeks: int
) -> list[LoadWeek]:
    """The last `weeks` weeks, Monday to Sunday, the current one last, from the first with
    a run, a ride or a check-in (at least four)."""
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    km: dict[tuple[date, Sport], float] = {}
    for activity in activities:
        monday = activity.started_at.date() - timedelta(days=activity.started_at.weekday())
        if monday >= first and activity.metres:
            km[monday, activity.sport] = (
                km.get((monday, activity.sport), 0.0) + activity.metres / 1000
            )
    pains: dict[date, list[CheckIn]] = {}
    for check in checkins:
        monday = check.taken_at.date() - timedelta(days=check.taken_at.weekday())
        pains.setdefault(monday, []).append(check)
    rows = []
    for index in range(weeks):
        monday = first + timedelta(weeks=index)
        checks = pains.get(monday, [])
        rows.append(
            LoadWeek(
                monday,
                km.get((monday, Sport.RUN), 0.0),
                km.get((monday, Sport.RIDE), 0.0),
                fmean(c.back for c in checks) if checks else None,
                fmean(c.leg for c in checks) if checks else None,
            )
        )
    while len(rows) > 4 and not (rows[0].run_km or rows[0].ride_km or rows[0].back is not None):
        rows.pop(0)
    return rows


def draw_load(plt: Any, weeks: list[LoadWeek], width: int, height: int, *, today: date) -> None:
    """Weekly km run (●) and ridden (◆) above; the week's mean back (●) and leg (◆) pain
    below, on the same weeks, so a week of more running can be read against the back."""
    plt.clear_figure()
    if not weeks:
        return
    xs = list(range(len(weeks)))
    labels = max(min(len(weeks), (width - 8) // 8), 1)
    chosen = sorted({round(i * (len(weeks) - 1) / max(labels - 1, 1)) for i in range(labels)})
    plt.subplots(2, 1)
    top = plt.subplot(1, 1)
    top.plot(xs, [w.run_km for w in weeks], marker="●")
    top.plot(xs, [w.ride_km for w in weeks], marker="◆")
    top.title("km a week: run ●, ride ◆")
    top.xticks(chosen, ["" for _ in chosen])
    bottom = plt.subplot(2, 1)
    for values, marker in (([w.back for w in weeks], "●"), ([w.leg for w in weeks], "◆")):
        known = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        if known:
            bottom.plot([x for x, _ in known], [v for _, v in known], marker=marker)
    bottom.title("Pain that week, 0-10: back ●, leg ◆")
    bottom.yticks([0, 2, 4, 6, 8, 10], ["0", "2", "4", "6", "8", "10"])
    bottom.ylim(0, 10)
    bottom.xticks(chosen, [day_label(weeks[i].monday, today) for i in chosen])
    for panel in (top, bottom):
        panel.xlim(-0.5, len(weeks) - 0.5)
