"""Plays a plan against a clock: a state machine that says what is due, and when.

Time is always computed, never counted: the session keeps the active (unpaused) time at
which the current segment started, and derives everything else from the clock. Callers
poll as often or as seldom as they like; an event that fell due between polls is
returned, once and in order, at the next poll, stamped with the time it was due.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from backcoach.core.clock import Clock
from backcoach.core.durations import Load
from backcoach.core.plan import Kind, Plan, Segment

RESTART_THRESHOLD = 3.0
"""'previous' restarts the current segment after this many seconds, else goes back one."""

EXTEND_SECONDS = 15

PLAUSIBLE_FACTOR = 3
PLAUSIBLE_MAX_REPS = 100
"""[app default] Reps typed above 3 times the plan's top, or above 100, are asked about
before they are kept: 9999 is a slip of the finger, and would count as the top."""


def implausible_reps(segment: Segment, reps: int) -> bool:
    """Reps typed for a set that are more likely a typo than a set: ask before keeping."""
    planned = segment.reps_top or segment.reps or 0
    return reps > PLAUSIBLE_MAX_REPS or (planned > 0 and reps > PLAUSIBLE_FACTOR * planned)


# -- events ----------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    at: float  # active seconds from the routine's start at which the event was due
    segment: Segment  # the segment it belongs to (Finished: the plan's last)


@dataclass(frozen=True)
class Started(Event):
    """A segment began; `next` is what follows it, for 'Next: …'."""

    next: Segment | None = None


@dataclass(frozen=True)
class SegmentStarted(Started):
    """A prep or work segment began."""


@dataclass(frozen=True)
class SwitchSides(Started):
    """Time to change sides."""


@dataclass(frozen=True)
class RestStarted(Started):
    """A rest began."""


@dataclass(frozen=True)
class CountdownTick(Event):
    seconds_left: int = 0


@dataclass(frozen=True)
class Halfway(Event):
    pass


@dataclass(frozen=True)
class Rep(Event):
    number: int = 0
    of: int = 0


@dataclass(frozen=True)
class SetDone(Event):
    pass


@dataclass(frozen=True)
class SetRecorded(Event):
    """A work segment ended, done or skipped, or its record was corrected afterwards.

    Whoever keeps history listens for this rather than reading `Session.records`: the
    record here is the one that now stands for `segment` (a later one replaces it).
    """

    record: SetRecord | None = None
    corrected: bool = False


@dataclass(frozen=True)
class Finished(Event):
    completed: bool = True  # False when the user stopped early
    # The work sets done, of all in the plan: the spoken end is told by them (finish_words),
    # so that whoever says it need not reach back into the session.
    sets_done: int = 0
    sets_total: int = 0


# -- records for the finish screen -----------------------------------------


class Outcome(str, Enum):
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class SetRecord:
    """What the user actually did in one work segment."""

    segment: Segment
    outcome: Outcome
    seconds: float
    reps: int | None
    load: Load | None


@dataclass(frozen=True)
class State:
    """Everything a screen needs to draw the session at one moment."""

    started: bool
    paused: bool
    finished: bool
    segment: Segment | None
    next: Segment | None
    elapsed: float  # active time since the start
    segment_elapsed: float
    segment_length: float  # with any +15 s added
    remaining_total: float  # planned time still to go, an estimate where reps wait
    rep: int | None  # for tempo reps: the rep in progress, 1-based

    @property
    def segment_remaining(self) -> float | None:
        if self.segment is None or self.segment.waits_for_user:
            return None
        return max(0.0, self.segment_length - self.segment_elapsed)

    @property
    def progress(self) -> float:
        whole = self.elapsed + self.remaining_total
        return 1.0 if whole <= 0 or self.finished else min(1.0, self.elapsed / whole)


@dataclass
class _Current:
    index: int
    start: float
    length: float
    pending: list[Event] = field(default_factory=list)


class Session:
    def __init__(self, plan: Plan, clock: Clock) -> None:
        if not plan.segments:
            raise ValueError("the plan has no segments")
        self.plan = plan
        self.clock = clock
        self._banked = 0.0
        self._resumed_at: float | None = None
        self._current: _Current | None = None
        self._outbox: list[Event] = []
        self._finished = False
        self.records: dict[int, SetRecord] = {}
        self._loads: dict[str, Load] = {}  # exercise id -> load the user corrected to

    # -- time --------------------------------------------------------------

    def active_time(self) -> float:
        if self._resumed_at is None:
            return self._banked
        return self._banked + (self.clock.now() - self._resumed_at)

    @property
    def started(self) -> bool:
        return self._current is not None or self._finished

    @property
    def paused(self) -> bool:
        return self.started and not self._finished and self._resumed_at is None

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def current(self) -> Segment | None:
        """The segment being played, as of the last look at the clock; no events move."""
        return None if self._current is None else self.plan.segments[self._current.index]

    # -- intents -----------------------------------------------------------

    def start(self) -> None:
        if self.started:
            return
        self._resumed_at = self.clock.now()
        self._enter(0, 0.0)

    def pause(self) -> None:
        if self.paused or not self.started or self._finished:
            return
        self._advance()
        self._banked = self.active_time()
        self._resumed_at = None

    def resume(self) -> None:
        if self.paused:
            self._resumed_at = self.clock.now()

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def next(self) -> None:
        """Skip to the next segment now; work left unfinished is recorded as skipped."""
        now = self._catch_up()
        if now is not None:
            self._leave(now, Outcome.SKIPPED)

    def done(self, reps: int | None = None) -> None:
        """The user says this segment is finished: a set done, or a rest cut short.

        `reps`: how many the user says they did in a counted set; None takes the plan (the
        bottom of a range, so that only a number the user gives can reach its top). Zero
        records the set as skipped, with no reps.
        """
        now = self._catch_up()
        if now is not None:
            self._leave(now, Outcome.DONE, reps)

    def previous(self) -> None:
        now = self._catch_up()
        current = self._current
        if now is None or current is None:
            return
        into = now - current.start
        target = (
            current.index if into > RESTART_THRESHOLD or current.index == 0 else current.index - 1
        )
        self._enter(target, now)

    def extend(self, seconds: float = EXTEND_SECONDS) -> bool:
        """Lengthen the current hold, rest, switch or prep; False where that makes no sense."""
        return self._resize(seconds)

    def shorten(self, seconds: float = EXTEND_SECONDS) -> bool:
        """Take time off the current hold, rest, switch or prep (never below what has
        passed: it then ends now); False where that makes no sense, as for `extend`."""
        return self._resize(-seconds)

    def _resize(self, seconds: float) -> bool:
        now = self._catch_up()
        current = self._current
        if now is None or current is None:
            return False
        segment = self.plan.segments[current.index]
        if segment.waits_for_user or segment.reps is not None:
            return False
        current.length = max(now - current.start, current.length + seconds)
        current.pending = [
            e for e in self._schedule(segment, current.start, current.length) if e.at > now
        ]
        self._advance()  # cut to nothing: it ends now, and what follows begins
        return True

    def skip_exercise(self) -> None:
        """Skip what is left of the current step (its sets, sides and rests) and begin the
        next; each set left is recorded as skipped."""
        now = self._catch_up()
        current = self._current
        if now is None or current is None:
            return
        segments = self.plan.segments
        step = segments[current.index].step_index
        self._record(current, now, Outcome.SKIPPED)
        index = current.index + 1
        while index < len(segments) and segments[index].step_index == step:
            self._record(_Current(index, now, 0.0), now, Outcome.SKIPPED)
            index += 1
        if index < len(segments):
            self._enter(index, now)
        else:
            self._current = None
            self._finish(now, completed=True)

    def stop(self) -> None:
        if self._finished or not self.started:
            return
        now = self._advance()
        if self._current is not None:
            self._record(self._current, now, Outcome.SKIPPED)
            self._current = None
        self._finish(now, completed=False)

    def adjust(self, segment_index: int, reps: int | None = None, load: Load | None = None) -> None:
        """Correct what was really done in a set (reps or load).

        Reps above zero mean the set was done, even if it had been skipped; none (0) mean
        it was not, whatever the set ended as.
        """
        record = self.records.get(segment_index)
        if record is None:
            return
        outcome = record.outcome if reps is None else Outcome.DONE if reps else Outcome.SKIPPED
        record = replace(
            record,
            outcome=outcome,
            reps=record.reps if reps is None else reps,
            load=record.load if load is None else load,
        )
        exercise = record.segment.exercise
        if load is not None and exercise is not None:
            self._loads[exercise.id] = load
        self.records[segment_index] = record
        self._outbox.append(SetRecorded(self.active_time(), record.segment, record, corrected=True))

    def use_load(self, exercise_id: str, load: Load) -> None:
        """Play every set of the exercise at `load` from now on (a heavier load the user
        accepted before the run); later sets carry it as they carry a corrected load."""
        self._loads[exercise_id] = load

    # -- reading -----------------------------------------------------------

    def load_for(self, segment: Segment) -> Load | None:
        """The load for a set: the plan's, unless the user corrected an earlier set of the
        same exercise in this run, in which case the corrected load carries forward."""
        exercise = segment.exercise
        if exercise is not None and exercise.id in self._loads:
            return self._loads[exercise.id]
        return segment.load

    def poll(self) -> list[Event]:
        """Every event due by now, in order, each exactly once."""
        if self.started and not self._finished:
            self._advance()
        events, self._outbox = self._outbox, []
        return events

    def next_due(self) -> float | None:
        """Active time of the next thing that will happen on its own, or None if waiting."""
        current = self._current
        if current is None or self._finished:
            return None
        times = [e.at for e in current.pending]
        segment = self.plan.segments[current.index]
        if not segment.waits_for_user:
            times.append(current.start + current.length)
        return min(times) if times else None

    def state(self) -> State:
        """The session as of now; events that fell due wait in order for the next poll."""
        if self._live():
            self._advance()
        now = self.active_time()
        current = self._current
        if current is None:
            return State(self.started, self.paused, self._finished, None, None, now, 0, 0, 0, None)
        segment = self.plan.segments[current.index]
        into = max(0.0, now - current.start)
        later = self.plan.total - (segment.offset + segment.seconds)  # planned time after this one
        if segment.waits_for_user:
            left_here = max(0.0, segment.seconds - into)
        else:
            left_here = max(0.0, current.length - into)
        rep = None
        if segment.kind is Kind.WORK and segment.tempo and segment.reps:
            rep = min(segment.reps, int(into // segment.tempo) + 1)
        return State(
            started=True,
            paused=self.paused,
            finished=False,
            segment=segment,
            next=self._following(current.index),
            elapsed=now,
            segment_elapsed=into,
            segment_length=current.length,
            remaining_total=left_here + later,
            rep=rep,
        )

    # -- machinery ---------------------------------------------------------

    def _live(self) -> bool:
        return self.started and not self._finished

    def _catch_up(self) -> float | None:
        """Emit what is due and return the time, or None when there is nothing to act on."""
        if not self._live():
            return None
        now = self._advance()
        return None if self._current is None else now

    def _following(self, index: int) -> Segment | None:
        return self.plan.segments[index + 1] if index + 1 < len(self.plan.segments) else None

    def _advance(self) -> float:
        """Emit what fell due up to now, crossing segment ends at their exact times."""
        now = self.active_time()
        while self._current is not None:
            current = self._current
            while current.pending and current.pending[0].at <= now:
                self._outbox.append(current.pending.pop(0))
            segment = self.plan.segments[current.index]
            end = current.start + current.length
            if segment.waits_for_user or now < end:
                break
            self._leave(end, Outcome.DONE)
        return now

    def _leave(self, at: float, outcome: Outcome, reps: int | None = None) -> None:
        """End the current segment at `at` and begin the next (or finish)."""
        current = self._current
        assert current is not None
        segment = self.plan.segments[current.index]
        if reps is not None and segment.reps is not None and reps <= 0:
            outcome = Outcome.SKIPPED
        # Events still pending in a segment that is cut short are dropped, not replayed.
        self._record(current, at, outcome, reps)
        if segment.kind is Kind.WORK and segment.ends_set and outcome is Outcome.DONE:
            self._outbox.append(SetDone(at, segment))
        if current.index + 1 < len(self.plan.segments):
            self._enter(current.index + 1, at)
        else:
            self._current = None
            self._finish(at, completed=True)

    def _record(
        self, current: _Current, at: float, outcome: Outcome, done_reps: int | None = None
    ) -> None:
        segment = self.plan.segments[current.index]
        if segment.kind is not Kind.WORK:
            return
        reps = segment.reps
        if outcome is Outcome.DONE and done_reps is not None and segment.reps is not None:
            reps = done_reps
        elif outcome is Outcome.SKIPPED and segment.tempo and segment.reps:
            reps = min(segment.reps, int((at - current.start) // segment.tempo))
        elif outcome is Outcome.SKIPPED:
            reps = None if segment.reps is None else 0
        record = SetRecord(segment, outcome, at - current.start, reps, self.load_for(segment))
        self.records[segment.position] = record
        self._outbox.append(SetRecorded(at, segment, record))

    def _enter(self, index: int, at: float) -> None:
        segment = self.plan.segments[index]
        self.records.pop(index, None)
        current = _Current(index, at, float(segment.seconds))
        current.pending = self._schedule(segment, at, current.length)
        self._current = current

    def _finish(self, at: float, completed: bool) -> None:
        self._finished = True
        self._banked = at
        self._resumed_at = None
        last = self.plan.segments[-1]
        done = sum(1 for record in self.records.values() if record.outcome is Outcome.DONE)
        total = len(self.plan.work_segments())
        self._outbox.append(Finished(at, last, completed, done, total))

    def _schedule(self, segment: Segment, start: float, length: float) -> list[Event]:
        following = self._following(segment.position)
        starter = {Kind.SWITCH: SwitchSides, Kind.REST: RestStarted}.get(
            segment.kind, SegmentStarted
        )
        events: list[Event] = [starter(start, segment, following)]
        if segment.kind is Kind.WORK and segment.tempo and segment.reps:
            events += [
                Rep(start + (n - 1) * segment.tempo, segment, n, segment.reps)
                for n in range(1, segment.reps + 1)
            ]
        if segment.waits_for_user:
            return events
        if segment.has_halfway:
            events.append(Halfway(start + length / 2, segment))
        for left in range(segment.countdown, 0, -1):
            if length - left > 0:
                events.append(CountdownTick(start + length - left, segment, left))
        events.sort(key=lambda e: e.at)  # stable: the start stays first among equals
        return events
