"""A run longer than the 30 days before it allowed: the next day, the flow asks how the
back took it, as it does after a session."""

from __future__ import annotations

from backcoach.coach.flow import drive
from backcoach.core.activity import Activity, Sport
from tests.coach import test_flow
from tests.coach.test_flow import CALM, SORE, ScriptedPort, coach_for
from tests.store.builders import at

MONTH_AGO_LONGEST = Activity(Sport.RUN, at(9, 7), 3300.0, 10_000.0)
SPIKE = Activity(Sport.RUN, at(18, 7), 4600.0, 14_000.0)  # Wednesday, 40 % longer
EASY = Activity(Sport.RUN, at(18, 7), 3000.0, 9_000.0)
history = test_flow.history  # the same fixtures: a real history, its diaries closed after
diaries = test_flow.diaries
ASKED = "ask later: How is your back after your 14.00 km run on Wed 18 Nov?"


def test_the_day_after_a_spike_the_back_is_asked_about_once(history):
    history.add_checkin(CALM.back, CALM.leg, CALM.reach, at=at(17, 20))
    history.activities.add([MONTH_AGO_LONGEST, SPIKE])
    asked: list[str] = []
    coach = coach_for(history)
    coach.may_ask_later = lambda key: key not in asked
    coach.remember_later = asked.append

    port = ScriptedPort(readings=[SORE])
    drive(coach.later_check(), port)
    coach.diary.flush()
    assert port.said == [ASKED]
    assert history.latest_checkin().reading == SORE

    again = ScriptedPort(readings=[CALM])
    drive(coach.later_check(), again)
    assert again.said == []  # remembered, and told already since


def test_a_run_within_the_30_day_longest_asks_nothing(history):
    history.activities.add([MONTH_AGO_LONGEST, EASY])
    port = ScriptedPort(readings=[SORE])
    drive(coach_for(history).later_check(), port)
    assert port.said == []


def test_a_check_in_given_since_the_spike_is_its_answer(history):
    history.activities.add([MONTH_AGO_LONGEST, SPIKE])
    history.add_checkin(CALM.back, CALM.leg, CALM.reach, at=at(19, 8))
    port = ScriptedPort(readings=[SORE])
    drive(coach_for(history).later_check(), port)
    assert port.said == []


def test_on_the_day_of_the_run_it_is_too_soon_to_ask(history):
    history.activities.add([MONTH_AGO_LONGEST, SPIKE])
    coach = coach_for(history)
    coach.now = lambda: at(18, 10)  # three hours after the run's end
    port = ScriptedPort(readings=[SORE])
    drive(coach.later_check(), port)
    assert port.said == []
