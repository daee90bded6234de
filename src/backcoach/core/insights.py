"""What went with a better or worse next morning, in one person's own data, with honest
uncertainty. Pure functions over days; nothing here reads the history.

For a thing (ice, a long drive, a run), each day is a day with it or without it, and its
outcome is the first check-in of the next calendar day: the next-morning check the
sources point to, since pain eased while running can come back hours later [S4]. The
difference of the mean next-morning pain after days with it and days without it is
shown with a 95 % interval from Welch's t (the two kinds of day need not vary alike), and
called clear only when the interval leaves out zero and the difference is at least one
point. This is what happened to go together, not proof: an experiment (blocks of days in
a balanced random order) is the stronger test.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import NormalDist, fmean, variance

MIN_DAYS = 5
"""Fewer days than this on either side: not enough to say anything."""

CLEAR_POINTS = 1.0
"""A difference smaller than one point on the 0-10 scale is not called clear."""


@dataclass(frozen=True)
class Morning:
    back: int
    leg: int


def next_mornings(checks: Iterable[tuple[datetime, Morning]]) -> dict[date, Morning]:
    """Day -> the first check-in of the day after it."""
    first: dict[date, tuple[datetime, Morning]] = {}
    for moment, morning in checks:
        day = moment.date() - timedelta(days=1)
        if day not in first or moment < first[day][0]:
            first[day] = (moment, morning)
    return {day: morning for day, (_, morning) in first.items()}


@dataclass(frozen=True)
class Difference:
    """Mean next-morning pain after days with a thing, minus after days without it."""

    mean: float
    low: float
    high: float
    error: float = 0.0
    """The difference's standard error."""

    @property
    def clear(self) -> bool:
        """The interval leaves out zero, and the difference is at least a point."""
        return (self.low > 0 or self.high < 0) and abs(self.mean) >= CLEAR_POINTS


@dataclass(frozen=True)
class Insight:
    thing: str
    days_with: int
    days_without: int
    back: Difference | None
    leg: Difference | None
    """None when there are fewer than MIN_DAYS on a side."""

    @property
    def enough(self) -> bool:
        return self.back is not None


def difference(with_it: Sequence[float], without: Sequence[float]) -> Difference | None:
    """The difference of means with a 95 % Welch interval; None below MIN_DAYS a side."""
    if len(with_it) < MIN_DAYS or len(without) < MIN_DAYS:
        return None
    mean = fmean(with_it) - fmean(without)
    var_a, var_b = variance(with_it) / len(with_it), variance(without) / len(without)
    spread = math.sqrt(var_a + var_b)
    if spread == 0:
        return Difference(mean, mean, mean)
    # Welch-Satterthwaite: the degrees of freedom of two samples that vary unalike.
    df = (var_a + var_b) ** 2 / (var_a**2 / (len(with_it) - 1) + var_b**2 / (len(without) - 1))
    margin = t_quantile(0.975, df) * spread
    return Difference(mean, mean - margin, mean + margin, spread)


def t_quantile(p: float, df: float) -> float:
    """Student's t quantile by the Cornish-Fisher expansion (Hill 1970), with no
    dependency: within 0.004 of the exact value at 3 degrees of freedom, 0.001 from 5."""
    z = NormalDist().inv_cdf(p)
    df = max(df, 3.0)
    terms = (
        (z**3 + z) / 4,
        (5 * z**5 + 16 * z**3 + 3 * z) / 96,
        (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384,
        (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160,
    )
    return z + sum(term / df ** (power + 1) for power, term in enumerate(terms))


def insight(thing: str, days_with: set[date], mornings: Mapping[date, Morning]) -> Insight:
    """Days with `thing` against all the other days that have a next-morning check."""
    having = [m for day, m in mornings.items() if day in days_with]
    lacking = [m for day, m in mornings.items() if day not in days_with]
    return Insight(
        thing,
        len(having),
        len(lacking),
        difference([m.back for m in having], [m.back for m in lacking]),
        difference([m.leg for m in having], [m.leg for m in lacking]),
    )


def words(found: Insight, warned: bool = False) -> str:
    """One insight in plain words; `warned`: the sources warn against the thing, so no
    difference is ever a reason to do more of it."""
    if not found.enough:
        return (
            f"{found.thing}: not enough days yet ({found.days_with} with, "
            f"{found.days_without} without; {MIN_DAYS} of each are needed)."
        )
    parts = []
    for label, diff in (("back", found.back), ("leg", found.leg)):
        assert diff is not None
        if abs(diff.mean) < 0.05:
            change = "about the same"
        else:
            change = f"{abs(diff.mean):.1f} points {'lower' if diff.mean < 0 else 'higher'}"
        parts.append(
            f"{label} pain next morning {change} (likely between {diff.low:+.1f} and "
            f"{diff.high:+.1f})"
        )
    said = (
        f"After days with {found.thing}: {parts[0]}; {parts[1]}. "
        f"{found.days_with} days with, {found.days_without} without."
    )
    if warned:
        said += " The sources warn against it: whatever this shows, it is no reason to do more."
    return said
