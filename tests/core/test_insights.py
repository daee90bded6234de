"""What went with a better or worse next morning: the numbers, and an honest interval.

The method is tested by simulation: a person with a real effect is found to have it, and a
person with none is almost never told of a clear one."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import pytest

from backcoach.core.insights import (
    MIN_DAYS,
    Morning,
    difference,
    insight,
    next_mornings,
    t_quantile,
    words,
)

UTC = timezone.utc
START = date(2026, 9, 1)


@pytest.mark.parametrize(
    ("df", "exact", "within"),
    [
        (3, 3.182, 0.004),
        (5, 2.571, 0.001),
        (10, 2.228, 0.001),
        (20, 2.086, 0.001),
        (60, 2.000, 0.001),
    ],
)
def test_the_t_quantile_matches_the_tables(df, exact, within):
    assert t_quantile(0.975, df) == pytest.approx(exact, abs=within)


def test_the_outcome_of_a_day_is_the_first_check_in_of_the_next():
    checks = [
        (datetime(2026, 9, 2, 20, tzinfo=UTC), Morning(5, 5)),
        (datetime(2026, 9, 2, 7, tzinfo=UTC), Morning(2, 1)),
        (datetime(2026, 9, 4, 8, tzinfo=UTC), Morning(3, 3)),
    ]
    assert next_mornings(checks) == {
        date(2026, 9, 1): Morning(2, 1),
        date(2026, 9, 3): Morning(3, 3),
    }


def simulated(
    effect: float, days: int, rng: random.Random
) -> tuple[set[date], dict[date, Morning]]:
    """A person who did the thing every other day; it lowers next-morning pain by `effect`."""
    having, mornings = set(), {}
    for offset in range(days):
        day = START + timedelta(days=offset)
        with_it = offset % 2 == 0
        if with_it:
            having.add(day)
        back = 5 - (effect if with_it else 0) + rng.gauss(0, 1.5)
        mornings[day] = Morning(round(back), round(back))
    return having, mornings


def clear_rate(effect: float, days: int, runs: int = 400) -> float:
    rng = random.Random(20261207)
    found = 0
    for _ in range(runs):
        having, mornings = simulated(effect, days, rng)
        result = insight("ice", having, mornings).back
        found += result is not None and result.clear and result.mean < 0
    return found / runs


def test_a_real_effect_of_two_points_is_found_in_nine_runs_of_ten():
    assert clear_rate(effect=2.0, days=28) >= 0.90


def test_no_effect_is_called_clear_in_at_most_one_run_in_twenty():
    rng = random.Random(7)
    wrong = 0
    for _ in range(400):
        having, mornings = simulated(0.0, 28, rng)
        result = insight("ice", having, mornings).back
        wrong += result is not None and result.clear
    assert wrong / 400 <= 0.05


def test_too_few_days_is_not_enough_every_time():
    rng = random.Random(3)
    for days in range(0, 2 * MIN_DAYS - 1):
        having, mornings = simulated(2.0, days, rng)
        found = insight("ice", having, mornings)
        assert not found.enough and found.back is None
        assert "not enough days yet" in words(found)


def test_the_words_say_how_sure_and_how_many_days():
    found = insight(
        "ice",
        {START + timedelta(days=d) for d in range(6)},
        {START + timedelta(days=d): Morning(2 if d < 6 else 4, 3) for d in range(12)},
    )
    assert words(found) == (
        "After days with ice: back pain next morning 2.0 points lower (likely between "
        "-2.0 and -2.0); leg pain next morning about the same (likely between +0.0 and "
        "+0.0). 6 days with, 6 without."
    )
    assert words(found, warned=True).endswith("it is no reason to do more.")


def test_a_difference_needs_five_days_a_side():
    assert difference([1, 2, 3, 4], [1, 2, 3, 4, 5]) is None
    assert difference([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) is not None
