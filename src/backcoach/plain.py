"""`play --plain`: the session as one line per event, for screen readers, logs and pipes."""

from __future__ import annotations

import contextlib
import queue
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TextIO, TypeVar

from backcoach.coach.flow import (
    Answer,
    AskCheckIn,
    AskGoOn,
    Coach,
    Ended,
    FlareChoice,
    OfferFlare,
    drive,
)
from backcoach.core import describe, safety
from backcoach.core.backcheck import (
    CheckInError,
    Reading,
    checkin_outcome,
    parse_reach,
    parse_score,
)
from backcoach.core.clock import Clock, MonotonicClock
from backcoach.core.durations import format_clock, format_duration
from backcoach.core.flare import FlareMode, badged_title
from backcoach.core.flare_state import start_flare_mode
from backcoach.core.plan import Kind, Plan, Segment
from backcoach.core.progression import Proposal, Verdict
from backcoach.core.session import (
    CountdownTick,
    Event,
    Finished,
    Halfway,
    Outcome,
    Rep,
    RestStarted,
    SegmentStarted,
    SetDone,
    SwitchSides,
    implausible_reps,
)
from backcoach.core.settings import load_settings
from backcoach.core.wording import about, finish_words, one_line, plural, quoted, stop_rules
from backcoach.diary import Diary
from backcoach.recorder import Recorder
from backcoach.store import History, Phase
from backcoach.workout import CueSink, Workout

T = TypeVar("T")

MAX_TYPED_DIGITS = 4
"""Reps typed before Enter: nobody does 10,000 in a set; a longer number is a slip."""

SAFETY_LINE = (
    "Stop at once if pain spreads down a leg, or if you feel numbness or tingling. "
    "Press Ctrl-C to stop."
)


PRACTICE_LINE = (
    "PRACTICE: played at another speed, so it is kept but never counts as last time or "
    "toward a weekly target."
)


def stamp(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"[{hours}:{minutes:02d}:{secs:02d}]" if hours else f"[{minutes:02d}:{secs:02d}]"


def describe_event(event: Event) -> str | None:
    """The text of one plain line, without its time stamp."""
    segment = event.segment
    if isinstance(event, (SegmentStarted, SwitchSides, RestStarted)):
        text = describe.line(segment)
        if segment.kind is Kind.PREP:
            text += f" ({format_duration(segment.seconds)})"
        if event.next is not None:
            text += f". Next: {describe.brief(event.next)}"
        if segment.waits_for_user:
            text += ". Press Enter when the set is done" + _typing_hint(segment)
        elif segment.kind is Kind.REST:
            text += ". Enter ends it early"
        rules = stop_rules(segment.exercise.stop_if) if segment.exercise else ""
        if segment.kind is Kind.WORK and segment.first_in_step and rules:
            text += ". " + rules.removesuffix(".")
        return text
    if isinstance(event, CountdownTick):
        return f"  {event.seconds_left}"
    if isinstance(event, Halfway):
        return "  halfway"
    if isinstance(event, Rep):
        return f"  rep {event.number} of {event.of}"
    if isinstance(event, SetDone):
        if segment.set_count > 1:
            return f"  set {segment.set_number} of {segment.set_count} done"
        return "  done"
    if isinstance(event, Finished):
        return None  # the summary says it
    return None


def _typing_hint(segment: Segment) -> str:
    """How to record the reps really done: a number typed before Enter."""
    if segment.reps_top is not None and segment.reps_top != segment.reps:
        return f" (type the reps you did first; Enter alone records {segment.reps})"
    return " (type the reps first if you did a different number)"


def read_reps(line: str) -> int | str | None:
    """What a line typed during a set of reps says: None for a bare Enter (the plan), the
    number typed, or the reason it is not one."""
    text = line.strip()
    if not text:
        return None
    if text.isdecimal() and text.isascii() and len(text) <= MAX_TYPED_DIGITS:
        return int(text)
    return f"{quoted(text)} is not a number of reps; type one such as 12, or just press Enter"


class PlainPlayer:
    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        out: TextIO,
        cues: CueSink | None = None,
        lines: queue.Queue[str | None] | None = None,
        *,
        last_times: Mapping[str, str] | None = None,
        recorder: Recorder | None = None,
        proposals: Sequence[Proposal] = (),
        workout: Workout | None = None,
    ) -> None:
        """`last_times`: exercise id -> what was done last time (see `last_times`);
        `workout`: the run to play, as the run flow built it (else one is built here)."""
        self.plan = plan
        self.clock = clock
        if workout is None:
            workout = Workout(plan, clock, cues, recorder)
            workout.offer(list(proposals))
        self.workout = workout
        self.workout.subscribe(self.emit)
        self.out = out
        self.lines = lines if lines is not None else queue.Queue()
        self.stdin_closed = False
        self.last_times = last_times if last_times is not None else workout.last_times
        self._unsure: int | None = None
        """Reps typed that looked like a slip (9999), waiting for y to be kept."""
        self.finished: Finished | None = None
        """How the run ended, once it has: the summary tells a stop from a finish by it."""

    def write(self, text: str) -> None:
        self.out.write(one_line(text) + "\n")
        self.out.flush()

    def emit(self, event: Event) -> None:
        if isinstance(event, Finished):
            self.finished = event
        load = self.workout.load_for(event.segment)
        if isinstance(event, SegmentStarted) and load != event.segment.load:
            # A new load accepted (or last time's carried forward) is the one to say.
            event = replace(event, segment=event.segment._replace(load=load))
        text = describe_event(event)
        if isinstance(event, SetDone) and event.segment.waits_for_user:
            text = f"{text}, {self._reps_done(event.segment)}"
        if text is not None:
            self.write(f"{stamp(event.at)} {text}")
        last = self._last_time(event)
        if last is not None:
            self.write(f"{stamp(event.at)}   Last time: {last}")

    def _reps_done(self, segment: Segment) -> str:
        record = self.workout.records.get(segment.position)
        reps = record.reps if record is not None else segment.reps
        return plural(reps or 0, "rep")

    def _last_time(self, event: Event) -> str | None:
        """What was done last time, at the first set of each counted or loaded exercise."""
        segment = event.segment
        if (
            type(event) is not SegmentStarted
            or segment.kind is not Kind.WORK
            or not segment.first_in_step
            or (segment.reps is None and segment.load is None)
            or segment.exercise is None
        ):
            return None
        return self.last_times.get(segment.exercise.id)

    def run(self) -> int:
        routine = self.plan.routine
        try:
            self.write(
                f"{badged_title(routine)}: "
                f"{about(format_clock(self.plan.total), self.plan.is_estimate)}."
            )
            if self.workout.practice:
                self.write(PRACTICE_LINE)
            self.write(SAFETY_LINE)
            self._offer_loads()
            self.workout.start()
            while True:
                self.workout.poll()
                if self.workout.finished:
                    break
                self._wait()
        except KeyboardInterrupt:
            self.workout.stop()  # closes the session as stopped; its sets are kept
            self.write(self.summary())
            return 130
        except Stopped as stop:
            self.workout.stop()
            self.write(self.summary())
            return 128 + stop.signal
        self.write(self.summary())
        return 0

    def _offer_loads(self) -> None:
        """Say what each exercise lifts today and why; ask about each new load in turn."""
        names = {s.exercise.id: s.name for s in self.plan.work_segments() if s.exercise}
        for proposal in self.workout.proposals:
            if proposal.verdict is not Verdict.FIRST:
                self.write(f"{names.get(proposal.exercise_id, '')}: {proposal.reason}.")
        for proposal in self.workout.changes:
            name = names.get(proposal.exercise_id, "")
            self.workout.answer(self._ask_load(name, proposal), proposal.exercise_id)

    def _ask_load(self, name: str, proposal: Proposal) -> bool:
        """y (or Enter) takes the new load for this exercise, n keeps the old one."""
        old, new = proposal.current, proposal.proposed
        question = f"{name}: lift {new} today? y or Enter: yes; n: keep {old}"
        while not self.stdin_closed:
            self.write(question)
            line = self.lines.get()
            if line is None:
                self.stdin_closed = True
                break
            word = line.strip().lower()
            if word in ("", "y", "yes", "n", "no"):
                accepted = word in ("", "y", "yes")
                self.write(f"Today: {name} at {new}." if accepted else f"Keeping {old}.")
                return accepted
        self.write(f"No answer: keeping {old}.")
        return False

    def _wait(self) -> None:
        """Sleep until the next thing is due, waking early for Enter."""
        due = self.workout.next_due()
        state = self.workout.state()
        if due is None and self.stdin_closed and state.segment is not None:
            # Nobody can press Enter (stdin is closed or at its end): the set runs its estimate.
            remaining = max(0.0, state.segment.seconds - state.segment_elapsed)
            if remaining <= 0:
                self.workout.done()
                return
            due = self.workout.active_time() + remaining
        timeout = (
            None
            if due is None
            else max(0.0, self.clock.wall_seconds(due - self.workout.active_time()))
        )
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return
        if line is None:
            self.stdin_closed = True
            return
        current = self.workout.state().segment
        if current is None:
            return
        if not current.waits_for_user:
            if current.kind is not Kind.WORK and not line.strip():
                self.workout.done()  # Enter ends a rest, get-ready or switch early, as in the app
            return
        unsure, self._unsure = self._unsure, None
        if unsure is not None and line.strip().lower() in ("y", "yes"):
            self.workout.done(unsure)  # confirmed: a big set, kept as typed
            return
        reps = read_reps(line)
        if isinstance(reps, str):
            self.write(f"{stamp(self.workout.active_time())}   {reps}")
            return
        if reps is not None and implausible_reps(current, reps):
            self._unsure = reps
            planned = describe.rep_range(current.reps or 0, current.reps_top)
            self.write(
                f"{stamp(self.workout.active_time())}   {reps} reps, for a set of {planned}? "
                f"Type y and Enter to keep {reps}, or type the reps you did"
            )
            return
        self.workout.done(reps)
        if reps == 0:
            self.write(f"{stamp(self.workout.active_time())}   no reps: the set is kept as skipped")

    def summary(self) -> str:
        records = self.workout.records.values()
        done = sum(r.outcome is Outcome.DONE for r in records)
        skipped = sum(r.outcome is Outcome.SKIPPED for r in records)
        total = len(self.plan.work_segments())
        state = self.workout.state()
        completed = self.finished is not None and self.finished.completed
        status = finish_words(done, total, completed).status
        text = f"{stamp(state.elapsed)} {status}: {self.plan.routine.title}, {done} of {total} sets done"
        if skipped and not completed:  # a finished routine's status already counts its skips
            text += f", {skipped} skipped"
        practice = " (practice)" if self.workout.practice else ""
        return text + f", in {format_clock(state.elapsed)}{practice}."


# -- check-ins -----------------------------------------------------------------------

SKIP_WORDS = frozenset({"", "s", "skip", "q"})
REACH_PROMPT = (
    "How far down the leg do the symptoms reach? "
    "0 none, 1 buttock, 2 thigh, 3 below the knee, 4 foot: "
)


class NotStarting(Exception):
    """The person read the warning signs, one of them applies, and chose not to start."""


class CheckInAsker:
    """Asks the check-in's three questions on a terminal, one typed answer each.

    An empty answer (or `s`, or Esc then Enter) skips the whole check-in; a wrong one
    says why and asks again; `r` shows the warning signs first (NotStarting when one
    applies and the person stops there). Answers come from the same queue of stdin lines
    that the player reads Enter from, so nothing typed is lost between the two.
    """

    def __init__(self, lines: queue.Queue[str | None], out: TextIO) -> None:
        self.lines = lines
        self.out = out

    def ask(self, heading: str) -> Reading | None:
        self.say(f"{heading} Press Enter on an empty line to skip, r for the warning signs.")
        back = self._answer(
            "Back pain now, 0 (none) to 10 (the worst imaginable): ",
            lambda text: parse_score(text, "back"),
        )
        leg = (
            None
            if back is None
            else self._answer("Leg pain now, 0 to 10: ", lambda text: parse_score(text, "leg"))
        )
        reach = None if leg is None else self._answer(REACH_PROMPT, parse_reach)
        if back is None or leg is None or reach is None:
            self.say("Check-in skipped.")
            return None
        return Reading(back, leg, reach)

    def _answer(self, prompt: str, parse: Callable[[str], T]) -> T | None:
        while True:
            self.out.write(prompt)
            self.out.flush()
            line = self.lines.get()
            if line is None:  # stdin ended: nobody is there to answer
                self.out.write("\n")
                return None
            text = line.strip()
            if "\x1b" in text or text.lower() in SKIP_WORDS:
                return None
            if text.lower() == "r":
                self.red_flags()
                continue
            try:
                return parse(text)
            except CheckInError as error:
                self.say(f"  {error}")

    def red_flags(self) -> None:
        """The warning signs; raises NotStarting when one applies and the person stops."""
        self.out.write("\n" + safety.red_flag_text() + "\n\n")
        answer = self._line("Does any of these apply to you now? y or n: ")
        if answer not in ("y", "yes"):
            return
        self.say(
            "Then please stop and read the list again: what you said can be a sign that "
            "needs a doctor's care, not exercise."
        )
        if self._line("Type 'read' and Enter if you have read it and still want to go on: ") != (
            "read"
        ):
            raise NotStarting

    def _line(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.lines.get()
        return "" if line is None else line.strip().lower()

    def say(self, text: str) -> None:
        self.out.write(one_line(text) + "\n")
        self.out.flush()


class PlainPort:
    """The run flow's questions asked on a terminal, and its run played there."""

    def __init__(
        self,
        lines: queue.Queue[str | None],
        asker: CheckInAsker | None,
        make_player: Callable[[Workout], PlainPlayer],
        flare_days: int,
    ) -> None:
        self.lines = lines
        self.asker = asker
        self.make_player = make_player
        self.flare_days = flare_days

    def ask_checkin(self, request: AskCheckIn) -> Answer:
        if self.asker is None:
            return Answer(None)
        try:
            reading = self.asker.ask(f"{request.title}: how do your back and leg feel now?")
        except NotStarting:
            if request.phase is Phase.BEFORE:
                return Answer(None, go_on=False)
            return Answer(None)  # the routine is over: the warning signs were what mattered
        if reading is not None and request.phase is not Phase.BEFORE:
            later = request.phase is Phase.LATER
            self.asker.say(checkin_outcome(reading, request.compare, later))
        return Answer(reading)

    def ask_go_on(self, request: AskGoOn) -> bool:
        self.say(f"{request.title}: {request.words}")
        if self.asker is None:
            return True  # nobody at a terminal to answer: said, and the routine plays
        self.say("Press Enter to go on, or type q and Enter to stop here.")
        line = self.lines.get()
        return line is not None and "\x1b" not in line and line.strip().lower() not in ("q", "n")

    def offer_flare(self, request: OfferFlare) -> FlareChoice:
        self.say(request.reason)
        self.say(FLARE_HINT)
        line = self.lines.get()
        if line is None or "\x1b" in line or line.strip().lower() in ("q", "n"):
            return FlareChoice.STOP
        # Enter, pressed out of habit, takes the gentler way, as in the app.
        return FlareChoice.START if line.strip().lower() == "s" else FlareChoice.GENTLER

    def switch_flare_on(self) -> None:
        now = datetime.now().astimezone()
        try:
            mode = start_flare_mode(now, self.flare_days)
        except OSError as error:
            self.say(f"Flare-up mode could not be kept for the next days ({error.strerror}).")
            mode = FlareMode(now, self.flare_days)
        self.say(f"Flare-up mode is on {mode.until_text()}: this is the gentler version.")

    def show(self, workout: Workout) -> None:
        """Nothing to show: the run's first line is printed as it starts."""

    def play(self, workout: Workout) -> Ended:
        player = self.make_player(workout)
        _stop_on_signals()
        try:
            code = player.run()
        finally:
            workout.close()  # the finish (or the stop) reaches the history before we leave
        return Ended(started=workout.started, present=code == 0, code=code)

    def leave(self, words: str) -> None:
        self.say(words)

    def tell(self, words: str) -> None:
        _tell(words)

    def say(self, text: str) -> None:
        if self.asker is not None:
            self.asker.say(text)
        else:
            _tell(text)


FLARE_HINT = (
    "Flare-up mode plays gentler versions of the routines for a few days. Press Enter (or "
    "f) for the gentler version (flare-up mode on), type s and Enter to start this routine "
    "anyway, or q and Enter to stop here."
)


def _read_lines(stream: TextIO | None, lines: queue.Queue[str | None]) -> None:
    """Hand each line typed on stdin to the player; None once no more can come.

    `stream` is None when the program was started with stdin closed (`<&-`).
    """
    try:
        if stream is not None:
            for line in stream:
                lines.put(line)
    except Exception:  # a stdin that cannot be read is a stdin that has ended
        pass
    finally:
        lines.put(None)


def _tell(message: str) -> None:
    """A note on stderr for the person at the terminal; a lost note must not stop a routine."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(one_line(message), file=sys.stderr, flush=True)


def _bell() -> None:
    try:
        if sys.stderr is not None and sys.stderr.isatty():
            sys.stderr.write("\a")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


class Stopped(Exception):
    """The process was asked to stop by a signal (a closed terminal, `kill`)."""

    def __init__(self, signal: int) -> None:
        super().__init__(signal)
        self.signal = signal


def _stop_on(signum: int, frame: object) -> None:
    raise Stopped(signum)


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP end the routine as Ctrl-C does: the session is closed as stopped,
    with every set kept, and the summary is printed."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _stop_on)
    # Ctrl-C always stops with a summary, even when started from a script that ignores
    # SIGINT for its background jobs (Python would then never raise KeyboardInterrupt).
    signal.signal(signal.SIGINT, signal.default_int_handler)


def run_plain(plan: Plan, sound: bool, speed: float) -> int:
    settings = load_settings()
    for problem in settings.problems:
        _tell(f"backcoach: {problem}")
    # Notices (a history moved aside, one that cannot be written) arrive from the diary's
    # thread, each once.
    diary = Diary(History(), on_notice=_tell)
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(sys.stdin, lines), daemon=True).start()
    asking = settings.checkins and _on_terminal()
    asker = CheckInAsker(lines, _conversation()) if asking else None
    cues = None
    if sound and settings.sound:
        from backcoach.audio.player import CuePlayer

        def unavailable(reason: str) -> None:
            _tell(f"Sound is unavailable: {reason}. Carrying on without it.")

        cues = CuePlayer(voice=settings.voice, on_unavailable=unavailable, bell=_bell)

    def new_workout(plan: Plan) -> Workout:
        recorder = Recorder(diary, plan, practice=speed != 1)
        return Workout(plan, MonotonicClock(speed), cues, recorder)

    def new_player(workout: Workout) -> PlainPlayer:
        return PlainPlayer(workout.plan, workout.clock, sys.stdout, lines=lines, workout=workout)

    coach = Coach(diary, new_workout, lambda: datetime.now().astimezone(), checkins=asking)
    port = PlainPort(lines, asker, new_player, settings.flare_days)
    try:
        ended = drive(coach.run(new_workout(plan)), port)
    finally:
        if cues is not None:
            cues.close(linger=1.5)  # let the end-of-routine cue be heard
        diary.close()
    return ended.code


def _conversation() -> TextIO:
    """Where the questions go: stdout on a terminal; stderr when stdout is a file or a
    pipe, so the person at the keyboard still sees them and the event log stays clean."""
    try:
        return sys.stdout if sys.stdout.isatty() else sys.stderr
    except (ValueError, OSError, AttributeError):
        return sys.stderr


def _on_terminal() -> bool:
    """Check-ins are asked only of a person at a terminal, never of a pipe or a file."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # a closed stdin
        return False
