from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backcoach.core.backcheck import (
    LATER_CHECK_AFTER,
    CheckInError,
    Reach,
    ReachChange,
    Reading,
    counts_as_later,
    is_strength,
    later_check_from,
    later_check_worse,
    offers_flare,
    parse_reach,
    reach_change,
    reach_sentence,
    session_worse,
    spread,
)
from backcoach.core.model import Routine
from backcoach.store import Reach as StoreReach

N, B, T, K, F = Reach.NONE, Reach.BUTTOCK, Reach.THIGH, Reach.KNEE, Reach.FOOT


def r(back: int, leg: int, reach: Reach = N) -> Reading:
    return Reading(back, leg, reach)


def test_the_store_hands_out_the_same_reach():
    assert StoreReach is Reach


def test_reach_is_ordered_down_the_leg_not_alphabetically():
    assert N < B < T < K < F
    assert sorted([F, N, K, B, T]) == [N, B, T, K, F]
    assert [reach.depth for reach in Reach] == [0, 1, 2, 3, 4]
    assert K.label == "below the knee"


@pytest.mark.parametrize(
    ("text", "reach"),
    [
        ("none", N),
        ("Buttock", B),
        (" thigh ", T),
        ("knee", K),
        ("foot", F),
        ("0", N),
        ("3", K),
        ("4", F),
    ],
)
def test_a_reach_is_named_or_picked_by_its_digit(text, reach):
    assert parse_reach(text) is reach


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ankle", "'ankle' is not a reach; say how far down the leg"),
        ("thig", "'thig' is not a reach (did you mean 'thigh'?)"),
        ("5", "'5' is not a reach"),
        ("", "'' is not a reach"),
    ],
)
def test_an_unknown_reach_says_which_are_allowed(text, message):
    with pytest.raises(CheckInError) as raised:
        parse_reach(text)
    assert message in str(raised.value)
    assert "none, buttock, thigh, knee, foot" in str(raised.value)


@pytest.mark.parametrize(
    ("back", "leg", "message"),
    [
        ("2", "11", "leg pain 11 is outside the scale; give a whole number from 0"),
        ("-1", "0", "back pain '-1' is not a number"),
        ("two", "0", "back pain 'two' is not a number"),
        ("3", "4.5", "leg pain '4.5' is not a number"),
        (11, 0, "back pain 11 is outside the scale"),
        (True, 0, "back pain is a whole number from 0 to 10, not True"),
    ],
)
def test_a_score_outside_0_to_10_is_refused_with_the_scale(back, leg, message):
    with pytest.raises(CheckInError) as raised:
        Reading.parse(back, leg, "none")
    assert message in str(raised.value)


def test_a_reading_made_directly_is_checked_too():
    with pytest.raises(CheckInError):
        Reading(0, 12, N)
    assert Reading.parse(" 7", "0", "2") == Reading(7, 0, T)


@pytest.mark.parametrize(
    ("before", "later", "worse"),
    [
        (r(2, 1, B), r(2, 1, B), False),  # the same
        (r(2, 1, B), r(3, 2, B), False),  # 1 point is no real change
        (r(2, 1, B), r(4, 1, B), True),  # back 2 points higher
        (r(2, 1, B), r(2, 3, B), True),  # leg 2 points higher
        (r(2, 1, B), r(2, 4, K), True),  # the issue's own example
        (r(2, 1, B), r(2, 1, T), True),  # further down, same numbers
        (r(5, 5, K), r(0, 0, B), False),  # better everywhere
        (r(5, 5, K), r(6, 0, N), False),  # back up 1, the rest better
        (r(0, 0, N), r(0, 0, F), True),
    ],
)
def test_a_later_check_is_worse_by_2_points_or_further_down(before, later, worse):
    assert later_check_worse(before, later) is worse


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        (T, K, ReachChange.SPREAD),
        (N, F, ReachChange.SPREAD),
        (K, B, ReachChange.MOVED_UP),
        (B, N, ReachChange.MOVED_UP),
        (T, T, ReachChange.SAME),
        (N, N, ReachChange.SAME),
    ],
)
def test_reach_change(before, after, change):
    assert reach_change(r(3, 3, before), r(3, 3, after)) is change
    assert spread(r(3, 3, before), r(3, 3, after)) is (change is ReachChange.SPREAD)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            T,
            K,
            "Your leg symptoms now reach below the knee, further down than before (the "
            "thigh). Consider leaving out what brought this on, and talk to your "
            "physiotherapist or doctor about it.",
        ),
        (B, N, "Your leg symptoms have moved up and out of the leg: that is usually a good sign."),
        (
            F,
            T,
            "Your leg symptoms have moved up, from the foot to the thigh: that is usually a "
            "good sign.",
        ),
        (K, K, None),
    ],
)
def test_reach_sentences_say_what_happened_calmly(before, after, expected):
    sentence = reach_sentence(r(3, 3, before), r(3, 3, after))
    assert sentence == expected
    for word in ("diagnos", "injur", "damage", "must"):
        assert word not in (sentence or "").lower()


def test_spread_needs_both_checks():
    assert not spread(None, r(0, 0, F))
    assert not spread(r(0, 0, N), None)


@pytest.mark.parametrize(
    ("reading", "last", "strength", "offered"),
    [
        (r(7, 0), None, True, True),  # back 7 before strength
        (r(0, 7), None, True, True),  # leg 7 before strength
        (r(6, 6), None, True, False),
        (r(9, 9), None, False, False),  # high, but not a strength session, no last check
        (r(5, 0), r(2, 0), False, True),  # 3 points worse than last, any routine
        (r(0, 4), r(0, 1), True, True),
        (r(4, 0), r(2, 0), True, False),  # 2 worse is not enough
        (r(1, 1), r(8, 8), True, False),  # much better
        (r(6, 6, F), r(6, 6, N), True, False),  # reach alone does not offer it
    ],
)
def test_flare_up_mode_is_offered_at_7_before_strength_or_3_points_worse(
    reading, last, strength, offered
):
    assert offers_flare(reading, last, strength) is offered


@pytest.mark.parametrize(
    ("tags", "strength"),
    [(("strength",), True), (("core", "strength"), True), (("core",), False), ((), False)],
)
def test_a_strength_session_is_a_routine_tagged_strength(tags, strength):
    assert is_strength(Routine(id="x", title="X", steps=(), tags=tags)) is strength


@pytest.mark.parametrize(
    ("before", "after", "later", "worse"),
    [
        (r(2, 1, B), r(2, 1, B), r(2, 2, B), False),
        (r(2, 1, B), r(2, 1, B), r(2, 4, K), True),  # the next morning was worse
        (r(2, 1, B), r(4, 1, B), None, True),  # straight after was worse
        (r(2, 1, B), None, None, False),  # nothing after: nothing known to be worse
        (None, r(9, 9, F), r(9, 9, F), False),  # nothing before to compare with
    ],
)
def test_a_session_is_worse_when_either_check_after_it_is(before, after, later, worse):
    assert session_worse(before, after, later) is worse


# -- which check-in is a session's later check --------------------------------------------

ENDED = datetime(2026, 12, 7, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("taken", "later"),
    [
        (ENDED + timedelta(seconds=15), False),  # typed straight after: the after check
        (ENDED + timedelta(minutes=10), False),
        (ENDED + timedelta(hours=7, minutes=59), False),
        (ENDED + timedelta(hours=8), True),  # that evening
        (ENDED.replace(day=8, hour=0, minute=1), True),  # past midnight: a later day
        (ENDED.replace(day=8, hour=7), True),  # the next morning
    ],
)
def test_a_later_check_comes_on_a_later_day_or_8_hours_after(taken, later):
    assert counts_as_later(ENDED, taken) is later


def test_a_late_session_gets_its_later_check_from_midnight():
    late = ENDED.replace(hour=21)
    assert later_check_from(late) == late.replace(day=8, hour=0, minute=0)
    assert later_check_from(ENDED) == ENDED + LATER_CHECK_AFTER
    assert counts_as_later(late, later_check_from(late))
    assert counts_as_later(ENDED, later_check_from(ENDED))
