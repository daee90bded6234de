"""A trial on oneself: two things (or a thing against nothing) on blocks of days, in a
random order balanced so that every pair of blocks holds one of each (AB or BA, as the
n-of-1 trials of PREEMPT did), with the next-morning check-in as the outcome.

Pure: the schedule comes from the experiment's seed, and the result from the mornings
given; the store keeps the experiment, the check-ins keep the outcomes.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import NormalDist

from backcoach.core.backcheck import REAL_CHANGE
from backcoach.core.insights import MIN_DAYS, Difference, Morning, difference

NOTHING = "nothing"
"""The other arm of a thing tried against doing without it."""


@dataclass(frozen=True)
class Experiment:
    id: str
    a: str
    b: str
    start: date
    days: int
    block: int
    seed: int
    stopped: date | None = None

    @property
    def end(self) -> date:
        """The last day of the schedule (or the day it was stopped)."""
        last = self.start + timedelta(days=self.days - 1)
        return last if self.stopped is None else min(last, self.stopped)

    def schedule(self) -> list[str]:
        """The arm of each day from the start: blocks of `block` days, each pair of blocks
        in a random order (AB or BA) drawn from the seed."""
        draw = random.Random(self.seed)
        arms: list[str] = []
        while len(arms) < self.days:
            pair = [self.a, self.b] if draw.random() < 0.5 else [self.b, self.a]
            for arm in pair:
                arms.extend([arm] * self.block)
        return arms[: self.days]

    def arm_on(self, day: date) -> str | None:
        """What the day is for; None outside the experiment's days."""
        offset = (day - self.start).days
        if offset < 0 or day > self.end:
            return None
        return self.schedule()[offset]


class ExperimentError(ValueError):
    """An experiment that cannot be set up as asked; the message says why."""


def check_design(a: str, b: str, days: int, block: int) -> None:
    if a.casefold() == b.casefold():
        raise ExperimentError("the two things to compare must differ")
    if not 1 <= block <= 7:
        raise ExperimentError("--block is 1 to 7 days")
    if days % block or not 2 * block <= days <= 120:
        raise ExperimentError(
            f"--days must be a whole number of blocks of {block}, at least two blocks and at "
            "most 120 days"
        )


@dataclass(frozen=True)
class Outcome:
    """The mornings after each arm's days, and the days whose check-in is missing."""

    a: list[Morning]
    b: list[Morning]
    missing: int
    to_come: int


def outcomes(experiment: Experiment, mornings: Mapping[date, Morning], today: date) -> Outcome:
    """Each day of the experiment whose next morning has come: its check, or missing."""
    a: list[Morning] = []
    b: list[Morning] = []
    missing = to_come = 0
    for offset, arm in enumerate(experiment.schedule()):
        day = experiment.start + timedelta(days=offset)
        if day > experiment.end:
            break
        if day >= today:  # its next morning is not over yet
            to_come += 1
            continue
        found = mornings.get(day)
        if found is None:
            missing += 1
        else:
            (a if arm == experiment.a else b).append(found)
    return Outcome(a, b, missing, to_come)


@dataclass(frozen=True)
class Result:
    """Pain after A's days minus after B's: below zero, A went with less pain."""

    days_a: int
    days_b: int
    missing: int
    back: Difference | None
    leg: Difference | None
    back_a_better: float | None
    """The chance that A's mornings are at least a point less painful than B's."""
    back_b_better: float | None

    @property
    def enough(self) -> bool:
        return self.back is not None

    def more_needed(self) -> int:
        """Days still needed on the side that has fewest."""
        return max(0, MIN_DAYS - min(self.days_a, self.days_b))

    @property
    def real(self) -> bool:
        """The back difference reaches the 2-point change the check-in rules call real."""
        return self.back is not None and abs(self.back.mean) >= REAL_CHANGE


def result(outcome: Outcome) -> Result:
    backs_a, backs_b = [m.back for m in outcome.a], [m.back for m in outcome.b]
    back = difference(backs_a, backs_b)
    leg = difference([m.leg for m in outcome.a], [m.leg for m in outcome.b])
    a_better = b_better = None
    if back is not None:
        # A normal curve around the difference, as wide as its standard error: the chances
        # are an approximation, said as "about" where they are shown.
        curve = NormalDist(back.mean, back.error or 1e-9)
        a_better, b_better = curve.cdf(-1.0), 1 - curve.cdf(1.0)
    return Result(len(backs_a), len(backs_b), outcome.missing, back, leg, a_better, b_better)
