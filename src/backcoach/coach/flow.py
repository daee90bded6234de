"""A run of a routine from the check-in before it to the check-in after it, written once
for both players.

The flow is a generator: it yields each thing it needs from the person or the screen (a
request below) and is sent the answer back. It does the rest itself: which questions to
ask, when flare-up mode is offered, which loads are proposed, what is kept in the history
and with which session. A player implements the `Port` (or `ReplyPort`) that answers the
requests, and runs the flow with `drive` (`play --plain`, which blocks on the terminal)
or `drive_replies` (the app, whose screens answer when they are dismissed). Neither
holds a rule of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum
from typing import Protocol, TypeVar

from backcoach.core.activity import Sport, kilometres
from backcoach.core.backcheck import Reading, counts_as_later, flare_reason, is_strength
from backcoach.core.flare import flare_variant
from backcoach.core.plan import Plan, build_plan
from backcoach.core.running import spikes
from backcoach.core.weekly import next_allowed
from backcoach.core.wording import visible
from backcoach.diary import Diary
from backcoach.progress import last_times, proposals
from backcoach.store import History, Phase
from backcoach.workout import Workout

T = TypeVar("T")

NOT_STARTED = "Not started. Nothing was recorded."
NOT_STARTED_KEPT = "Not started. Your check-in is kept in your history."


# -- what the flow asks, and what it is answered ---------------------------------------


@dataclass(frozen=True)
class Answer:
    """A check-in's answers: `reading` None when skipped; `go_on` False when the person
    read the warning signs, one applies, and chose not to start."""

    reading: Reading | None
    go_on: bool = True


class FlareChoice(Enum):
    START = "start"  # this routine anyway
    GENTLER = "gentler"  # flare-up mode on, and the routine's gentler version
    STOP = "stop"  # not today


@dataclass(frozen=True)
class Ended:
    """How a run's playing ended. `present`: the person is still there to be asked (not
    when they quit the app or interrupted the program). `code`: the exit status."""

    started: bool
    present: bool = True
    code: int = 0


@dataclass(frozen=True)
class AskCheckIn:
    """Ask back pain, leg pain and reach; answered with an `Answer`. After a routine,
    `compare` is the reading before it, to say where the symptoms went."""

    title: str
    phase: Phase
    compare: Reading | None = None


@dataclass(frozen=True)
class OfferFlare:
    """The check-in says flare-up mode may suit today; answered with a `FlareChoice`."""

    reason: str


@dataclass(frozen=True)
class AskGoOn:
    """Something the person should know before the start (the routine asks for days
    apart); answered True to go on, False to go back."""

    title: str
    words: str


@dataclass(frozen=True)
class SwitchFlareOn:
    """Switch flare-up mode on (or renew it) and say so."""


@dataclass(frozen=True)
class Show:
    """The run as it will be played, waiting to start (the app shows its player)."""

    workout: Workout


@dataclass(frozen=True)
class Play:
    """Play the run, each new load asked about first; answered with `Ended`."""

    workout: Workout


@dataclass(frozen=True)
class Leave:
    """The run will not be played: say so, and go back."""

    words: str


@dataclass(frozen=True)
class Tell:
    """A note that must not stop the routine (something could not be read)."""

    words: str


Request = AskCheckIn | AskGoOn | OfferFlare | SwitchFlareOn | Show | Play | Leave | Tell
Flow = Generator[Request, object, T]


class Port(Protocol):
    def ask_checkin(self, request: AskCheckIn) -> Answer: ...
    def ask_go_on(self, request: AskGoOn) -> bool: ...
    def offer_flare(self, request: OfferFlare) -> FlareChoice: ...
    def switch_flare_on(self) -> None: ...
    def show(self, workout: Workout) -> None: ...
    def play(self, workout: Workout) -> Ended: ...
    def leave(self, words: str) -> None: ...
    def tell(self, words: str) -> None: ...


class ReplyPort(Protocol):
    """A port that answers when the person does (a screen's dismissal, a run's end):
    each method is given `reply`, to call once with what `Port`'s would return."""

    def ask_checkin(self, request: AskCheckIn, reply: Callable[[Answer], None]) -> None: ...
    def ask_go_on(self, request: AskGoOn, reply: Callable[[bool], None]) -> None: ...
    def offer_flare(self, request: OfferFlare, reply: Callable[[FlareChoice], None]) -> None: ...
    def switch_flare_on(self) -> None: ...
    def show(self, workout: Workout) -> None: ...
    def play(self, workout: Workout, reply: Callable[[Ended], None]) -> None: ...
    def leave(self, words: str) -> None: ...
    def tell(self, words: str) -> None: ...


def _call(port: Port, request: Request) -> object:
    """The port's answer to one request (None for one that needs no answer)."""
    match request:
        case AskCheckIn():
            return port.ask_checkin(request)
        case AskGoOn():
            return port.ask_go_on(request)
        case OfferFlare():
            return port.offer_flare(request)
        case Play(workout):
            return port.play(workout)
        case SwitchFlareOn():
            port.switch_flare_on()
        case Show(workout):
            port.show(workout)
        case Leave(words):
            port.leave(words)
        case Tell(words):
            port.tell(words)
    return None


def drive(flow: Flow[T], port: Port) -> T:
    """Run `flow` to its end, each request answered by `port`; its result."""
    answer: object = None
    try:
        while True:
            answer = _call(port, flow.send(answer))
    except StopIteration as end:
        result: T = end.value
        return result


def drive_replies(
    flow: Flow[T], port: ReplyPort, done: Callable[[T], None] = lambda _: None
) -> None:
    """Run `flow` as `port` replies: up to its first question now, the rest as each
    answer comes; `done` is given its result. Nothing waits in between, so a question
    is on screen in the same frame as what led to it."""

    def step(answer: object) -> None:
        try:
            request = flow.send(answer)
        except StopIteration as end:
            done(end.value)
            return
        match request:
            case AskCheckIn():
                port.ask_checkin(request, step)
            case AskGoOn():
                port.ask_go_on(request, step)
            case OfferFlare():
                port.offer_flare(request, step)
            case Play(workout):
                port.play(workout, step)
            case SwitchFlareOn():
                port.switch_flare_on()
                step(None)
            case Show(workout):
                port.show(workout)
                step(None)
            case Leave(words):
                port.leave(words)
                step(None)
            case Tell(words):
                port.tell(words)
                step(None)

    step(None)


def _ask(request: AskCheckIn) -> Flow[Answer]:
    answer = yield request
    assert isinstance(answer, Answer), answer
    return answer


def _go_on(request: AskGoOn) -> Flow[bool]:
    go_on = yield request
    assert isinstance(go_on, bool), go_on
    return go_on


def _offer(request: OfferFlare) -> Flow[FlareChoice]:
    choice = yield request
    assert isinstance(choice, FlareChoice), choice
    return choice


def _play(workout: Workout) -> Flow[Ended]:
    ended = yield Play(workout)
    assert isinstance(ended, Ended), ended
    return ended


# -- the flows ------------------------------------------------------------------------


@dataclass
class Coach:
    """What a run's flow works with: the diary (the history, and the one way to write to
    it), how the player builds a run of a plan (its clock, cues and recorder), the wall
    clock, and whether check-ins are wanted."""

    diary: Diary
    new_workout: Callable[[Plan], Workout]
    now: Callable[[], datetime]
    checkins: bool = True
    may_ask_later: Callable[[str], bool] = lambda _: True
    """Whether the later check of a session (or of a spike run: an activity's id) may be
    asked (not when asked already); its True is a promise that it is asked now."""
    remember_later: Callable[[str], None] = lambda _: None
    """Keep that a session's (or a run's) later check was asked (answered or skipped)."""

    @property
    def history(self) -> History:
        return self.diary.history

    def run(self, first: Workout, later_check_first: bool = False) -> Flow[Ended]:
        """Check-in before -> flare-up offer -> maybe the gentler version -> the loads
        proposed from the fresh check -> the run, recorded -> check-in after. With
        `later_check_first`, the last session's later check comes before all of it."""
        workout = first
        yield from self._prepare(workout, None)
        yield Show(workout)
        if later_check_first:
            yield from self.later_check()
        too_soon = self._too_soon(workout)
        if too_soon is not None and not (yield from _go_on(too_soon)):
            workout.close()
            yield Leave(NOT_STARTED)
            return Ended(started=False)
        reading: Reading | None = None
        taken = self.now()
        if self.checkins:
            answer = yield from _ask(AskCheckIn(_titled("Check-in before", workout), Phase.BEFORE))
            if not answer.go_on:
                workout.close()
                yield Leave(NOT_STARTED)
                return Ended(started=False)
            reading, taken = answer.reading, self.now()
        if reading is not None:
            last = self.history.latest_checkin()
            routine = workout.plan.routine
            reason = flare_reason(
                reading, None if last is None else last.reading, is_strength(routine)
            )
            choice = FlareChoice.START
            if reason is not None and not routine.flare:  # not when it is the gentler one
                choice = yield from _offer(OfferFlare(reason))
            if choice is FlareChoice.STOP:
                workout.close()
                # No session, but the answers are kept: they are part of the pain diary.
                self.diary.checkin(reading, at=taken)
                yield Leave(NOT_STARTED_KEPT)
                return Ended(started=False)
            if choice is FlareChoice.GENTLER:
                yield SwitchFlareOn()
                workout.close()
                workout = self.new_workout(build_plan(flare_variant(routine)))
                yield from self._prepare(workout, None)
                yield Show(workout)
        # Answered a day (or 8 hours) after the last session, the check is its later check.
        yield from self._prepare(workout, None if reading is None else (reading, taken))
        if reading is not None:
            workout.keep_checkin(reading, Phase.BEFORE, taken)
        ended = yield from _play(workout)
        workout.close()  # the finish (or the stop) reaches the history before what follows
        if ended.started and ended.present and self.checkins:
            yield from self._after(workout, reading)
        return ended

    def _too_soon(self, workout: Workout) -> AskGoOn | None:
        """The routine asks for days apart, and its last session was too recent."""
        routine = workout.plan.routine
        if not routine.apart or workout.practice:
            return None
        now = self.now()
        today = now.date()
        days = self.history.days_trained(
            today - timedelta(days=routine.apart + 1), today, [routine.id]
        ).get(routine.id, [])
        starts = [datetime.combine(day, time(12), now.tzinfo) for day in days]
        allowed = next_allowed(starts, routine.apart, now)
        if allowed is None:
            return None
        last = max(days)
        when = "today" if last == today else f"on {last:%a %d %b}"
        gap = f"{routine.apart} day{'s' if routine.apart != 1 else ''}"
        return AskGoOn(
            "Sooner than the routine asks",
            f"You did {_one_line(routine.title)} {when}, and it asks for {gap} in between "
            f"to recover: the next one is due from {allowed:%a %d %b}. Go on anyway only "
            "if your back feels ready.",
        )

    def _prepare(self, workout: Workout, fresh: tuple[Reading, datetime] | None) -> Flow[None]:
        """What was done last time, and the load each progressing exercise lifts this run,
        read from the history; a slip there is told, and the routine plays on."""
        try:
            workout.last_times = last_times(self.history, workout.plan)
        except Exception as error:  # the store never raises; be sure a read cannot stop a run
            yield Tell(f"Last time could not be read ({error}); the routine plays on.")
        try:
            found = proposals(
                self.history, workout.plan.routine, today=self.now().date(), fresh=fresh
            )
        except Exception as error:  # progression is advice, never a reason to stop
            yield Tell(f"The next load could not be worked out ({error}); the routine plays on.")
        else:
            workout.offer(found)

    def _after(self, workout: Workout, before: Reading | None) -> Flow[None]:
        """Ask after the routine, keep it with the session, comparing with the check before."""
        session = workout.session_id
        if before is None and session is not None:
            found = self.history.checks_around(session)[0]
            before = None if found is None else found.reading
        answer = yield from _ask(
            AskCheckIn(_titled("Check-in after", workout), Phase.AFTER, before)
        )
        after = answer.reading
        if after is None:
            return
        self.diary.checkin(after, session=session, phase=Phase.AFTER)

    def later_check(self) -> Flow[None]:
        """On a later day than the last session with no later check yet, ask how the back
        is now (once for each session: see `may_ask_later`)."""
        if not self.checkins:
            return
        now = self.now()
        found = self.history.session_to_check(now)
        if found is None or found[1] is not Phase.LATER:
            yield from self._after_a_spike(now)
            return
        session = found[0]
        if session.started_at.date() >= now.date() or not self.may_ask_later(session.id):
            yield from self._after_a_spike(now)
            return
        before = self.history.checks_around(session.id)[0]
        title = (
            f"How is your back after {_one_line(session.title)} on {session.started_at:%a %d %b}?"
        )
        compare = None if before is None else before.reading
        answer = yield from _ask(AskCheckIn(title, Phase.LATER, compare))
        # Asked means answered or skipped: quitting while it is up leaves it to be asked
        # next time, so it is remembered only now.
        self.remember_later(session.id)
        if answer.reading is not None:
            self.diary.checkin(answer.reading, session=session.id, phase=Phase.LATER)

    def _after_a_spike(self, now: datetime) -> Flow[None]:
        """The latest activity was a run longer than the 30 days before it allowed: on a
        later day, ask how the back took it, as after a session (once; see
        `may_ask_later`). Kept as a check-in of its own, at its time."""
        recent = self.history.activities.listed(since=now.date() - timedelta(days=31))
        if not recent or recent[-1].activity.sport is not Sport.RUN:
            return
        last = recent[-1]
        run = last.activity
        ended = run.started_at + timedelta(seconds=run.seconds)
        if run.key not in spikes([k.activity for k in recent]):
            return
        if not counts_as_later(ended, now):
            return
        latest = self.history.latest_checkin()
        if latest is not None and latest.taken_at >= ended:
            return  # already told how the back is since
        if not self.may_ask_later(last.id):
            return
        title = f"How is your back after your {kilometres(run.metres)} run on {run.started_at:%a %d %b}?"
        before = None if latest is None else latest.reading
        answer = yield from _ask(AskCheckIn(title, Phase.LATER, before))
        self.remember_later(last.id)
        if answer.reading is not None:
            self.diary.checkin(answer.reading)


def _titled(words: str, workout: Workout) -> str:
    return f"{words} {_one_line(workout.plan.routine.title)}"


def _one_line(text: str) -> str:
    """A title in a heading: control characters shown, line breaks as spaces."""
    return visible(text).replace("\n", " ")
