"""One run of a routine, shared by the TUI and `play --plain` so that the two never drift.

A Workout owns the session and turns what the session says into cues, then tells anyone
who subscribed (the screen, the plain printer, and later the history recorder). The
players only poll it, send it the user's intents, and draw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from backcoach.audio.cues import Cue, cue_for
from backcoach.core.clock import Clock
from backcoach.core.plan import Plan
from backcoach.core.session import Event, Session

Listener = Callable[[Event], None]


class CueSink(Protocol):
    def play(self, cue: Cue) -> None: ...


class Workout:
    def __init__(self, plan: Plan, clock: Clock, cues: CueSink | None = None) -> None:
        self.plan = plan
        self.clock = clock
        self.session = Session(plan, clock)
        self.cues = cues
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` with every event, in order, after its cue has been handed over."""
        self._listeners.append(listener)

    def poll(self) -> list[Event]:
        """Every event due by now: each is cued, then passed to the listeners, then returned."""
        events = self.session.poll()
        for event in events:
            cue = cue_for(event)
            if cue is not None and self.cues is not None:
                self.cues.play(cue)
            for listener in self._listeners:
                listener(event)
        return events

    def stop(self) -> list[Event]:
        """End the run early; returns the events that closed it (the last is Finished)."""
        self.session.stop()
        return self.poll()
