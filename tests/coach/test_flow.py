"""The run flow, once for both players: what it asks, in which order, and what it keeps.

A scripted port answers each request as a person would; the history is a real one in a
temporary folder, so the records are the ones the players would leave.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest

from backcoach.coach.flow import (
    NOT_STARTED,
    NOT_STARTED_KEPT,
    Answer,
    AskCheckIn,
    AskGoOn,
    Coach,
    Ended,
    FlareChoice,
    OfferFlare,
    drive,
    drive_replies,
)
from backcoach.core.backcheck import Reach, Reading
from backcoach.core.clock import FakeClock
from backcoach.core.durations import Load, Progress
from backcoach.core.flare import flare_variant
from backcoach.core.model import Routine
from backcoach.core.plan import Plan, build_plan
from backcoach.core.session import Outcome
from backcoach.diary import Diary
from backcoach.recorder import Recorder
from backcoach.store import History, Status
from backcoach.workout import Workout
from tests.helpers import manual_reps, routine
from tests.store.builders import at, entry

NOW = at(19, 18)  # Thursday evening
STEP = manual_reps(
    8, reps_top=12, sets=2, rest=30, load=Load(20, "kg"), progress=Progress(2.5, "kg")
)
LIFTS = Routine(id="lifts", title="Lifts", steps=routine(STEP).steps, tags=("strength",))

CALM = Reading(2, 1, Reach.BUTTOCK)
SORE = Reading(8, 2, Reach.BUTTOCK)  # high pain before a strength session: flare-up offered
WORSE = Reading(3, 4, Reach.KNEE)


@dataclass
class ScriptedPort:
    """Answers as a person would, from a script, and notes every request in order."""

    readings: list[Answer | Reading | None] = field(default_factory=list)
    flare: FlareChoice = FlareChoice.START
    heavier: bool | None = None  # the answer to a new load, when one is offered
    stop_after: int | None = None  # sets done before stopping early
    present: bool = True
    go_on: bool = True  # the answer when the routine is started sooner than it asks
    said: list[str] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)  # the new loads offered, as said

    def ask_checkin(self, request: AskCheckIn) -> Answer:
        self.said.append(f"ask {request.phase.value}: {request.title}")
        given = self.readings.pop(0) if self.readings else None
        return given if isinstance(given, Answer) else Answer(given)

    def ask_go_on(self, request: AskGoOn) -> bool:
        self.said.append(f"too soon: {request.words}")
        return self.go_on

    def offer_flare(self, request: OfferFlare) -> FlareChoice:
        self.said.append("offer flare-up mode")
        return self.flare

    def switch_flare_on(self) -> None:
        self.said.append("flare-up mode on")

    def show(self, workout: Workout) -> None:
        gentler = " (gentler)" if workout.plan.routine.flare else ""
        self.said.append(f"show {workout.plan.routine.title}{gentler}")

    def play(self, workout: Workout) -> Ended:
        self.offered = [str(p.proposed) for p in workout.changes]
        self.said.append("play")
        if self.heavier is not None and workout.changes:
            workout.answer(self.heavier)
        play_through(workout, self.stop_after)
        return Ended(started=True, present=self.present)

    def leave(self, words: str) -> None:
        self.said.append(f"leave: {words}")

    def tell(self, words: str) -> None:
        self.said.append(f"tell: {words}")


def play_through(workout: Workout, stop_after: int | None) -> None:
    """Every set done as planned (or `stop_after` sets, then stopped), rests waited out."""
    workout.start()
    clock = workout.clock
    assert isinstance(clock, FakeClock)
    done = 0
    while not workout.finished:
        segment = workout.state().segment
        assert segment is not None
        if segment.waits_for_user:
            if done == stop_after:
                workout.stop()
                break
            workout.done()
            done += 1
        else:
            clock.advance(segment.seconds + 1)
        workout.poll()


@pytest.fixture
def history(tmp_path):
    with History(tmp_path / "history.sqlite3") as history:
        yield history


@pytest.fixture(autouse=True)
def diaries():
    """Every diary a test opened is closed after it, its writes done."""
    yield
    while OPEN_DIARIES:
        OPEN_DIARIES.pop().close()


OPEN_DIARIES: list[Diary] = []


def coach_for(history: History, checkins: bool = True) -> Coach:
    diary = Diary(history)
    OPEN_DIARIES.append(diary)

    def new_workout(plan: Plan) -> Workout:
        return Workout(plan, FakeClock(), None, Recorder(diary, plan))

    return Coach(diary, new_workout, lambda: NOW, checkins=checkins)


def tuesdays_session(history: History, later: Reading | None = CALM) -> None:
    """Tuesday's Lifts, every set at the top of the range, with a check before it (CALM)
    and, unless None, one the next morning."""
    plan = build_plan(LIFTS)
    started = at(17, 18)
    history.add_checkin(CALM.back, CALM.leg, CALM.reach.value, at=started - timedelta(minutes=2))
    session = history.start_session(plan, at=started)
    for segment in plan.work_segments():
        history.record_set(session, entry(segment.position, reps=12), at=started)
    history.finish_session(session, at=started + timedelta(minutes=10))
    if later is not None:
        history.add_checkin(later.back, later.leg, later.reach.value, at=at(18, 7, 30))


def run(history: History, port: ScriptedPort, checkins: bool = True) -> Ended:
    coach = coach_for(history, checkins)
    ended = drive(coach.run(coach.new_workout(build_plan(LIFTS))), port)
    coach.diary.flush()  # the check-in after is written on the diary's thread
    return ended


def checkins_kept(history: History) -> list[tuple[str | None, int, bool]]:
    return [
        (None if c.phase is None else c.phase.value, c.back, c.session is not None)
        for c in history.checkins()
        if c.taken_at > at(18, 12)  # this run's, not Tuesday's
    ]


def sessions(history: History) -> list[tuple[str, bool, list[str]]]:
    """This run's sessions: title, completed, the loads of the sets done."""
    found = []
    for summary in history.recent_sessions(10):
        if summary.started_at.date() == at(17).date():
            continue
        sets = history.sets(summary.id)
        loads = [str(s.load) for s in sets if s.outcome is Outcome.DONE]
        found.append((summary.title, summary.status is Status.FINISHED, loads))
    return found


CASES = {
    "no check-ins": (
        dict(checkins=False),
        ["show Lifts", "play"],
        [],
        [("Lifts", True, ["20 kg", "20 kg"])],
    ),
    "a calm check-in": (
        dict(readings=[CALM, CALM]),
        [
            "show Lifts",
            "ask before: Check-in before Lifts",
            "play",
            "ask after: Check-in after Lifts",
        ],
        [("before", 2, True), ("after", 2, True)],
        [("Lifts", True, ["20 kg", "20 kg"])],
    ),
    "flare-up mode offered and taken": (
        dict(readings=[SORE, CALM], flare=FlareChoice.GENTLER),
        [
            "show Lifts",
            "ask before: Check-in before Lifts",
            "offer flare-up mode",
            "flare-up mode on",
            "show Lifts (gentler)",
            "play",
            "ask after: Check-in after Lifts",
        ],
        [("before", 8, True), ("after", 2, True)],
        None,  # the gentler version's own sets
    ),
    "flare-up mode offered, started anyway": (
        dict(readings=[SORE, CALM], flare=FlareChoice.START),
        [
            "show Lifts",
            "ask before: Check-in before Lifts",
            "offer flare-up mode",
            "play",
            "ask after: Check-in after Lifts",
        ],
        [("before", 8, True), ("after", 2, True)],
        [("Lifts", True, ["20 kg", "20 kg"])],
    ),
    "flare-up mode offered, not today": (
        dict(readings=[SORE], flare=FlareChoice.STOP),
        [
            "show Lifts",
            "ask before: Check-in before Lifts",
            "offer flare-up mode",
            f"leave: {NOT_STARTED_KEPT}",
        ],
        [(None, 8, False)],  # the answers are kept in the diary, with no session
        [],
    ),
    "a warning sign applies": (
        dict(readings=[Answer(None, go_on=False)]),
        ["show Lifts", "ask before: Check-in before Lifts", f"leave: {NOT_STARTED}"],
        [],
        [],
    ),
    "stopped early": (
        dict(readings=[CALM, WORSE], stop_after=1),
        [
            "show Lifts",
            "ask before: Check-in before Lifts",
            "play",
            "ask after: Check-in after Lifts",
        ],
        [("before", 2, True), ("after", 3, True)],
        [("Lifts", False, ["20 kg"])],
    ),
    "quit during the run": (
        dict(readings=[CALM], present=False),
        ["show Lifts", "ask before: Check-in before Lifts", "play"],
        [("before", 2, True)],
        [("Lifts", True, ["20 kg", "20 kg"])],
    ),
}


@pytest.mark.parametrize(("script", "said", "kept", "played"), CASES.values(), ids=CASES.keys())
def test_the_flow_asks_in_order_and_keeps_what_was_done(history, script, said, kept, played):
    checkins = script.pop("checkins", True)
    port = ScriptedPort(**script)
    ended = run(history, port, checkins)
    assert port.said == said
    assert checkins_kept(history) == kept
    if played is not None:
        assert sessions(history) == played
    assert ended.started == ("play" in said)


def test_the_gentler_version_is_played_and_recorded(history):
    port = ScriptedPort(readings=[SORE, CALM], flare=FlareChoice.GENTLER)
    run(history, port)
    (played,) = history.recent_sessions(1)
    assert played.flare and played.title == "Lifts"
    assert played.sets_done == len(build_plan(flare_variant(LIFTS)).work_segments())


@pytest.mark.parametrize("accept", [True, False])
def test_a_heavier_load_offered_and_answered(history, accept):
    tuesdays_session(history, later=CALM)
    port = ScriptedPort(readings=[CALM, CALM], heavier=accept)
    run(history, port)
    assert port.offered == ["22.5 kg"]
    load = "22.5 kg" if accept else "20 kg"
    assert sessions(history) == [("Lifts", True, [load, load])]


def test_a_worse_check_before_the_run_is_the_later_check_and_holds_the_load(history):
    tuesdays_session(history, later=None)  # no check since Tuesday: this one is its later check
    port = ScriptedPort(readings=[WORSE, CALM], heavier=True)
    run(history, port)
    assert port.offered == []  # nothing heavier to answer
    assert sessions(history) == [("Lifts", True, ["20 kg", "20 kg"])]


def test_a_calm_check_before_the_run_lets_the_load_rise(history):
    tuesdays_session(history, later=None)
    port = ScriptedPort(readings=[CALM, CALM], heavier=True)
    run(history, port)
    assert port.offered == ["22.5 kg"]


def test_the_later_check_comes_first_once_and_is_remembered(history):
    tuesdays_session(history, later=None)
    remembered = []
    coach = coach_for(history)
    coach.may_ask_later = lambda session: session not in remembered
    coach.remember_later = remembered.append
    port = ScriptedPort(readings=[CALM, None, CALM])
    drive(coach.run(coach.new_workout(build_plan(LIFTS)), later_check_first=True), port)
    assert port.said[:3] == [
        "show Lifts",
        "ask later: How is your back after Lifts on Tue 17 Nov?",
        "ask before: Check-in before Lifts",
    ]
    assert len(remembered) == 1
    port = ScriptedPort()
    drive(coach.later_check(), port)
    assert port.said == []  # remembered: not asked again


class Replying:
    """The same script as a port that replies later, as the app's screens do."""

    def __init__(self, script: ScriptedPort) -> None:
        self.script = script
        self.waiting: list = []

    def ask_checkin(self, request, reply):
        self.waiting.append(lambda: reply(self.script.ask_checkin(request)))

    def ask_go_on(self, request, reply):
        self.waiting.append(lambda: reply(self.script.ask_go_on(request)))

    def offer_flare(self, request, reply):
        self.waiting.append(lambda: reply(self.script.offer_flare(request)))

    def play(self, workout, reply):
        self.waiting.append(lambda: reply(self.script.play(workout)))

    def switch_flare_on(self):
        self.script.switch_flare_on()

    def show(self, workout):
        self.script.show(workout)

    def leave(self, words):
        self.script.leave(words)

    def tell(self, words):
        self.script.tell(words)


def test_a_port_that_replies_later_follows_the_same_flow(history):
    script = ScriptedPort(readings=[SORE, CALM], flare=FlareChoice.GENTLER)
    port = Replying(script)
    ended = []
    coach = coach_for(history)
    drive_replies(coach.run(coach.new_workout(build_plan(LIFTS))), port, ended.append)
    assert script.said == ["show Lifts"]  # waiting for the check-in's answer
    while port.waiting:
        port.waiting.pop(0)()
    assert script.said == CASES["flare-up mode offered and taken"][1]
    assert ended == [Ended(started=True)]


APART = replace(LIFTS, apart=1)


@pytest.mark.parametrize("go_on", [True, False])
def test_a_routine_started_sooner_than_it_asks_says_so_first(history, go_on):
    plan = build_plan(APART)
    this_morning = NOW.replace(hour=8)
    session = history.start_session(plan, at=this_morning)
    for segment in plan.work_segments():
        history.record_set(session, entry(segment.position, reps=12), at=this_morning)
    history.finish_session(session, at=this_morning + timedelta(minutes=20))
    port = ScriptedPort(readings=[CALM, CALM], go_on=go_on)
    coach = coach_for(history)
    drive(coach.run(coach.new_workout(plan)), port)
    assert port.said[1] == (
        "too soon: You did Lifts today, and it asks for 1 day in between to recover: the "
        "next one is due from Sat 21 Nov. Go on anyway only if your back feels ready."
    )
    if go_on:
        assert port.said[2:4] == ["ask before: Check-in before Lifts", "play"]
    else:
        assert port.said[2:] == [f"leave: {NOT_STARTED}"]


def test_a_run_skipped_through_does_not_make_the_next_one_too_soon(history):
    plan = build_plan(APART)
    this_morning = NOW.replace(hour=8)
    session = history.start_session(plan, at=this_morning)
    for segment in plan.work_segments():
        history.record_set(
            session, entry(segment.position, outcome=Outcome.SKIPPED), at=this_morning
        )
    history.finish_session(session, at=this_morning + timedelta(minutes=1))
    port = ScriptedPort(readings=[CALM, CALM])
    coach = coach_for(history)
    drive(coach.run(coach.new_workout(plan)), port)
    assert not any(said.startswith("too soon") for said in port.said)
