"""One run of a routine, shared by the TUI and `play --plain` so that the two never drift.

A Workout owns the session, the cues and the history recorder: it turns what the session
says into cues, then tells everyone who subscribed (the recorder, the screen, the plain
printer). The players only poll it, send it the user's intents, and draw.

The session is the workout's own: a player reads the run through `state()` and the few
read-only views below, so that no intent can reach the session without its events and
records leaving at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from backcoach.audio.cues import Cue, cue_for
from backcoach.core.clock import Clock
from backcoach.core.plan import Plan, Segment
from backcoach.core.progression import Proposal, Verdict
from backcoach.core.session import Event, Session, SetRecord, State

if TYPE_CHECKING:  # the history (and sqlite3) loads only when a run is recorded
    from datetime import datetime

    from backcoach.core.backcheck import Reading
    from backcoach.core.durations import Load
    from backcoach.recorder import Recorder
    from backcoach.store import Phase, SessionId

Listener = Callable[[Event], None]


class CueSink(Protocol):
    def play(self, cue: Cue) -> None: ...


class Workout:
    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        cues: CueSink | None = None,
        recorder: Recorder | None = None,
    ) -> None:
        self.plan = plan
        self.clock = clock
        self._session = Session(plan, clock)
        self.cues = cues
        self.recorder = recorder
        self.last_times: dict[str, str] = {}
        """Exercise id -> what was done last time, read before the run starts."""
        self.proposals: list[Proposal] = []
        """The load each progressing exercise lifts this time, and why; read before the run."""
        self._answered: set[str] = set()  # exercises whose new load was taken or kept
        self._listeners: list[Listener] = []
        if recorder is not None:
            self.subscribe(recorder)

    # -- what the players read: values, never the session itself -------------------

    def state(self) -> State:
        """The run at this moment (a frozen value): segment, next, times, paused, finished."""
        return self._session.state()

    @property
    def started(self) -> bool:
        return self._session.started

    @property
    def paused(self) -> bool:
        return self._session.paused

    @property
    def finished(self) -> bool:
        return self._session.finished

    @property
    def records(self) -> Mapping[int, SetRecord]:
        """What each finished set recorded, by segment position (a read-only view)."""
        return MappingProxyType(self._session.records)

    def load_for(self, segment: Segment) -> Load | None:
        """The load this run lifts for `segment` (an accepted proposal counts)."""
        return self._session.load_for(segment)

    def next_due(self) -> float | None:
        """Active time at which something next happens by itself (None: waits for the person)."""
        return self._session.next_due()

    def active_time(self) -> float:
        """Seconds of the run played so far, pauses left out."""
        return self._session.active_time()

    # -- progression ---------------------------------------------------------------

    def offer(self, proposals: list[Proposal]) -> None:
        """Take the proposals read before the run. Each exercise starts at the load last
        used (a new load accepted once is the one to build on), except in flare-up mode,
        whose lighter numbers stand; a heavier or lighter one waits for `answer`."""
        if self._session.started:
            return  # read too late for this run: the loads it started with stand
        self.proposals = list(proposals)
        for proposal in self.proposals:
            if proposal.verdict is not Verdict.FLARE:
                self._session.use_load(proposal.exercise_id, proposal.current)

    @property
    def changes(self) -> list[Proposal]:
        """The new loads (heavier or lighter) proposed and not yet answered, in routine
        order; none once the run starts."""
        if self._session.started:
            return []
        return [
            p
            for p in self.proposals
            if p.proposed is not None and p.exercise_id not in self._answered
        ]

    def answer(self, accept: bool, exercise_id: str | None = None) -> None:
        """Take (or keep the old load instead of) the new load of one exercise, or of
        every one still asked about when `exercise_id` is None."""
        for proposal in self.changes:
            if exercise_id is not None and proposal.exercise_id != exercise_id:
                continue
            if accept and proposal.proposed is not None:
                self._session.use_load(proposal.exercise_id, proposal.proposed)
            self._answered.add(proposal.exercise_id)

    def start(self) -> None:
        """Begin the run (once); the recorder writes the session's row now."""
        if self._session.started:
            return
        self._session.start()
        if self.recorder is not None:
            self.recorder.started()

    def keep_checkin(self, reading: Reading, phase: Phase, at: datetime) -> None:
        """Keep a check-in with this run's session; one answered before the start waits
        for it (and is kept on its own should the run never start)."""
        if self.recorder is not None:
            self.recorder.checkin(reading, phase, at)

    @property
    def practice(self) -> bool:
        """Played at another speed: kept, but marked practice (never last time or a target)."""
        return self.recorder is not None and self.recorder.practice

    @property
    def session_id(self) -> SessionId | None:
        """The run's session in the history, once its row is written (None if not kept)."""
        return None if self.recorder is None else self.recorder.session

    def close(self) -> None:
        """The player is done with this run: the history's last writes reach the disk."""
        if self.recorder is not None:
            self.recorder.close()

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` with every event, in order, after its cue has been handed over."""
        self._listeners.append(listener)

    def poll(self) -> list[Event]:
        """Every event due by now: each is cued, then passed to the listeners, then returned."""
        events = self._session.poll()
        for event in events:
            cue = cue_for(event)
            if cue is not None and self.cues is not None:
                self.cues.play(cue)
            for listener in self._listeners:
                listener(event)
        return events

    # -- the person's intents: each reaches the session, and its events and records
    # reach the listeners (the recorder first) at once, never at a player's next poll.

    def done(self, reps: int | None = None) -> list[Event]:
        """The set (or the get-ready, the switch, the rest) is over; `reps`: done, if typed."""
        self._session.done(reps)
        return self.poll()

    def next(self) -> list[Event]:
        """Skip to the next segment; a set skipped is kept as skipped."""
        self._session.next()
        return self.poll()

    def previous(self) -> list[Event]:
        self._session.previous()
        return self.poll()

    def pause(self) -> list[Event]:
        self._session.pause()
        return self.poll()

    def resume(self) -> list[Event]:
        self._session.resume()
        return self.poll()

    def extend(self) -> bool:
        """More time for the current hold or rest; False when nothing can be extended."""
        extended = self._session.extend()
        self.poll()
        return extended

    def shorten(self) -> bool:
        """Less time for the current hold or rest; False when nothing can be shortened."""
        shortened = self._session.shorten()
        self.poll()
        return shortened

    def skip_exercise(self) -> list[Event]:
        """Skip the rest of the current exercise: its sets (kept as skipped) and rests."""
        self._session.skip_exercise()
        return self.poll()

    def correct(self, position: int, reps: int | None = None, load: Load | None = None) -> None:
        """Change what a finished set records; the history has it at once."""
        self._session.adjust(position, reps=reps, load=load)
        self.poll()

    def stop(self) -> list[Event]:
        """End the run early; returns the events that closed it (the last is Finished)."""
        self._session.stop()
        return self.poll()
