"""Keeps a run in the history store as it happens, without ever holding the routine up.

The recorder listens to the workout's events: the session row is written when the run
starts, each set the moment the session records or corrects it, and the row is closed at
the finish or when the user stops. Writes go through one thread of its own, which owns
the database connection: a write that waits on another copy of the app (SQLite's busy
timeout) delays the history, never the countdown.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from datetime import datetime

from backcoach.core.backcheck import Reading
from backcoach.core.plan import Plan
from backcoach.core.session import Event, Finished, SetRecorded
from backcoach.store import History, Phase, SessionId, SetEntry
from backcoach.store.mappers import sets as set_mapper

Notice = Callable[[str], None]

CLOSE_TIMEOUT = 3.0
"""How long closing waits for the last writes (the finish) to reach the disk."""


class Recorder:
    def __init__(
        self,
        history: History,
        plan: Plan,
        *,
        practice: bool = False,
        on_notice: Notice | None = None,
    ) -> None:
        self.history = history
        self.plan = plan
        self.practice = practice
        self._on_notice = on_notice or (lambda message: None)
        self._told: set[str] = set()
        self._session: SessionId | None = None
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="backcoach-history", daemon=True)
        self._thread.start()
        self._closed = False
        self._started = False
        self._waiting: list[Callable[[], None]] = []

    # -- called from the player's thread -------------------------------------------

    def started(self) -> None:
        """The run began: its session row is written now, before any set."""
        self._started = True
        self._submit(self._start)
        self._flush_waiting()

    def forget_waiting(self) -> None:
        """Drop the check-ins held for a start that will not come: another run keeps them."""
        self._waiting.clear()

    def _flush_waiting(self) -> None:
        for write in self._waiting:
            self._submit(write)
        self._waiting.clear()

    def __call__(self, event: Event) -> None:
        """A workout listener: keeps each recorded set, and closes the session at the end."""
        if isinstance(event, SetRecorded) and event.record is not None:
            entry = set_mapper.from_record(event.record)
            self._submit(lambda: self._record(entry))
        elif isinstance(event, Finished):
            completed = event.completed
            self._submit(lambda: self._finish(completed))

    def checkin(self, reading: Reading, phase: Phase, at: datetime | None = None) -> None:
        """Keep a check-in with this run's session, once its row is written.

        A before check is answered before the run starts: it waits for the start (or,
        should the run never start, is kept on its own when the recorder closes).
        `at`: when the answers were given.
        """
        moment = at or datetime.now().astimezone()

        def write() -> None:
            self.history.add_checkin(
                reading.back,
                reading.leg,
                reading.reach,
                session=self._session,
                phase=phase if self._session is not None else None,
                at=moment,
            )

        if self._started:
            self._submit(write)
        else:
            self._waiting.append(write)

    def close(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """Let queued writes finish (up to `timeout` seconds), then stop the thread."""
        if self._closed:
            return
        self._flush_waiting()  # a run that never started: its check-in is kept on its own
        self._closed = True
        self._jobs.put(None)
        self._thread.join(timeout)

    @property
    def session(self) -> SessionId | None:
        return self._session

    # -- the history thread --------------------------------------------------------

    def _submit(self, job: Callable[[], None]) -> None:
        if not self._closed:
            self._jobs.put(job)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                self.history.close()
                return
            try:
                job()
            except Exception as error:  # the store promises not to raise; be sure of it
                self._tell(f"History is not being saved ({error}); the routine plays on.")
            for notice in self.history.notices:
                self._tell(notice)

    def _start(self) -> None:
        self._session = self.history.start_session(self.plan, practice=self.practice)

    def _record(self, entry: SetEntry) -> None:
        if self._session is not None:
            self.history.record_set(self._session, entry)

    def _finish(self, completed: bool) -> None:
        if self._session is not None:
            self.history.finish_session(self._session, completed=completed)

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            self._on_notice(message)
