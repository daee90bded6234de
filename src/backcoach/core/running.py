"""Running load against the back: the single-run spike, the sources' weekly 10 % rule,
the warm-up before a run, and shoes. Pure rules over Activity values.

The spike rule is the best evidence there is (Garmin-RUNSAFE, BJSM 2025): a run longer
than the longest run of the 30 days before it carried more injuries, in bands; the
week-to-week change did not. The weekly rule is the sources' own (no more than 10 % more
a week), shown beside it and named as theirs. Both are about running injuries in
general, not sciatica, and the words say so (docs/SOURCES.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from backcoach.core.activity import Activity, Sport

SPIKE_WINDOW = timedelta(days=30)
"""How far back the longest run is looked for [RUNSAFE]."""

SAFE_GROWTH = 0.10
"""Up to 10 % longer than the 30-day longest is the study's reference band [RUNSAFE];
and no more than 10 % more distance a week is the sources' rule [S0]."""

WARMUP_WINDOW = timedelta(hours=2)
"""A routine tagged before-run, finished this long before a run, warmed it up [app default]."""

WARMUP_TAG = "before-run"

SHOES_KM_LIMIT = 600
"""No source gives a distance for worn-out shoes; this is the app's default [app default]."""


class Band(Enum):
    """How much longer a run is than the longest of the 30 days before it [RUNSAFE]."""

    WITHIN = "within 10 %"
    SMALL = "a small spike"
    MODERATE = "a moderate spike"
    LARGE = "a large spike"

    def against(self, longest: str) -> str:
        """'a small spike: 10–30 % longer than {longest}', or 'within 10 % of {longest}'."""
        if self is Band.WITHIN:
            return f"within 10 % of {longest}"
        return f"{self.value}: {LONGER[self]} than {longest}"

    @property
    def rate_ratio(self) -> str:
        """The injury rate against runs within 10 %, as the study found it."""
        return RATE_RATIOS[self]

    @property
    def is_spike(self) -> bool:
        return self is not Band.WITHIN


LONGER = {
    Band.SMALL: "10–30 % longer",
    Band.MODERATE: "30–100 % longer",
    Band.LARGE: "over 100 % longer",
}

RATE_RATIOS = {
    Band.WITHIN: "the study's reference",
    Band.SMALL: "1.64 times the injury rate (95 % CI 1.31–2.05)",
    Band.MODERATE: "1.52 times the injury rate (95 % CI 1.16–2.00)",
    Band.LARGE: "2.28 times the injury rate (95 % CI 1.50–3.48)",
}


def band(metres: float, longest: float) -> Band:
    """The band of a run of `metres` against a 30-day longest of `longest` (> 0)."""
    growth = round(metres / longest - 1, 9)  # 11 km against 10 is 10 %, not 10.0000001 %
    if growth <= SAFE_GROWTH:
        return Band.WITHIN
    if growth <= 0.30:
        return Band.SMALL
    if growth <= 1.00:
        return Band.MODERATE
    return Band.LARGE


def runs(activities: Iterable[Activity]) -> list[Activity]:
    """The runs with a distance, oldest first."""
    return sorted(
        (a for a in activities if a.sport is Sport.RUN and a.metres),
        key=lambda a: a.started_at,
    )


def longest_before(activities: Iterable[Activity], moment: datetime) -> float | None:
    """The longest run of the 30 days before `moment`; None when there was none."""
    since = moment - SPIKE_WINDOW
    found = [
        a.metres
        for a in runs(activities)
        if a.metres is not None and since <= a.started_at < moment
    ]
    return max(found) if found else None


@dataclass(frozen=True)
class SpikeCheck:
    metres: float
    longest: float | None
    """The longest run of the 30 days before; None when there was none to compare with."""

    @property
    def band(self) -> Band | None:
        return None if not self.longest else band(self.metres, self.longest)

    @property
    def within(self) -> float | None:
        """The longest run that stays within 10 % of the 30-day longest."""
        return None if not self.longest else self.longest * (1 + SAFE_GROWTH)


def spike_check(metres: float, activities: Iterable[Activity], moment: datetime) -> SpikeCheck:
    return SpikeCheck(metres, longest_before(activities, moment))


def spikes(activities: Sequence[Activity]) -> dict[tuple[str, str], Band]:
    """Each run that was a spike against the 30 days before it, by its key."""
    found: dict[tuple[str, str], Band] = {}
    ordered = runs(activities)
    for index, run in enumerate(ordered):
        assert run.metres is not None  # runs() keeps only runs with a distance
        longest = longest_before(ordered[:index], run.started_at)
        if longest and (kind := band(run.metres, longest)).is_spike:
            found[run.key] = kind
    return found


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeeklyRule:
    """The sources' rule: this week's running no more than 10 % over last week's [S0]."""

    this_week: float
    """Metres run this week so far, with the planned run when one is checked."""
    last_week: float

    @property
    def limit(self) -> float | None:
        return None if not self.last_week else self.last_week * (1 + SAFE_GROWTH)

    @property
    def over(self) -> bool:
        return self.limit is not None and self.this_week > self.limit


def weekly_rule(activities: Iterable[Activity], day: date, planned: float = 0.0) -> WeeklyRule:
    """This week's running (Monday to `day`, plus `planned`) against all of last week's."""
    this_monday = week_start(day)
    last_monday = this_monday - timedelta(days=7)
    this_week = last_week = 0.0
    for run in runs(activities):
        assert run.metres is not None
        started = run.started_at.date()
        if this_monday <= started <= day:
            this_week += run.metres
        elif last_monday <= started < this_monday:
            last_week += run.metres
    return WeeklyRule(this_week + planned, last_week)


def warmed_up(run_start: datetime, warmups_ended: Iterable[datetime]) -> bool:
    """A before-run routine finished in the 2 hours before the run started."""
    return any(run_start - WARMUP_WINDOW <= ended <= run_start for ended in warmups_ended)


@dataclass(frozen=True)
class ShoeUse:
    name: str
    metres: float
    runs: int
    retired: bool = False

    def worn(self, limit_km: float) -> bool:
        return self.metres >= limit_km * 1000


def shoe_use(activities: Iterable[Activity], retired: Iterable[str] = ()) -> list[ShoeUse]:
    """Each pair's distance and number of activities, most worn first."""
    gone = {name.casefold() for name in retired}
    metres: dict[str, float] = {}
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for activity in activities:
        if not activity.shoes:
            continue
        key = activity.shoes.casefold()
        names.setdefault(key, activity.shoes)
        metres[key] = metres.get(key, 0.0) + (activity.metres or 0.0)
        counts[key] = counts.get(key, 0) + 1
    return sorted(
        (ShoeUse(names[k], metres[k], counts[k], k in gone) for k in names),
        key=lambda use: (use.retired, -use.metres),
    )
