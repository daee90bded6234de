"""The one way what the person did reaches the history: sessions, sets, check-ins.

Every write goes through one thread of the diary's own, in the order it was asked for,
with one failure behaviour: a write that fails is told once, in words, and nothing else
stops (the store already moves a broken database aside rather than raise). A write that
waits on another copy of the app (SQLite's busy timeout) delays the history, never the
countdown or a screen.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from backcoach.core.backcheck import Reading
from backcoach.core.plan import Plan
from backcoach.store import History, Phase, SessionId, SetEntry
from backcoach.store.database import BUSY_TIMEOUT_MS

Notice = Callable[[str], None]

RETRY = 5.0
"""How often what a locked database held back is tried again while nothing else is written."""

WAIT = BUSY_TIMEOUT_MS / 1000 + 1
"""How long flushing or closing waits for the writes asked for so far to reach the disk:
longer than a write waits for another program's lock, so a busy history is waited out."""


@dataclass
class PendingSession:
    """A session whose row the diary's thread writes: its id is known once written, and
    stays None if the history could not keep it."""

    id: SessionId | None = None


SessionRef = SessionId | PendingSession | None


class Diary:
    def __init__(self, history: History, on_notice: Notice | None = None) -> None:
        self.history = history
        self._on_notice = on_notice or (lambda message: None)
        self._told: set[str] = set()
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="backcoach-diary", daemon=True)
        self._thread.start()

    # -- what can be kept --------------------------------------------------------

    def start_session(self, plan: Plan, *, practice: bool = False) -> PendingSession:
        """Write the session row of a run beginning now, before any of its sets."""
        pending = PendingSession()

        def write() -> None:
            pending.id = self.history.start_session(plan, practice=practice)

        self._submit(write)
        return pending

    def record_set(self, session: PendingSession, entry: SetEntry) -> None:
        """Keep a finished (or corrected) set the moment it is known."""

        def write() -> None:
            if session.id is not None:
                self.history.record_set(session.id, entry)

        self._submit(write)

    def finish_session(self, session: PendingSession, *, completed: bool) -> None:
        def write() -> None:
            if session.id is not None:
                self.history.finish_session(session.id, completed=completed)

        self._submit(write)

    def checkin(
        self,
        reading: Reading,
        *,
        at: datetime | None = None,
        session: SessionRef = None,
        phase: Phase | None = None,
        note: str = "",
    ) -> None:
        """Keep how the back and leg felt at `at` (now by default). With a session, it is
        that session's check of `phase`; a session that could not be kept leaves the
        check-in on its own, never lost."""
        moment = at or datetime.now().astimezone()

        def write() -> None:
            found = session.id if isinstance(session, PendingSession) else session
            self.history.add_checkin(
                reading.back,
                reading.leg,
                reading.reach,
                note=note,
                at=moment,
                session=found,
                phase=phase if found is not None else None,
            )

        self._submit(write)

    # -- lifetime ----------------------------------------------------------------

    def flush(self, timeout: float = WAIT) -> bool:
        """Wait (up to `timeout` seconds) until every write asked for so far is done;
        False if they are still going."""
        if self._closed:
            return not self._thread.is_alive()
        written = threading.Event()
        self._jobs.put(written.set)
        return written.wait(timeout)

    def close(self, timeout: float | None = WAIT) -> None:
        """Let the writes asked for finish (up to `timeout` seconds; None: however long
        the store's own busy timeout makes them), then let go of the history. Later
        writes are not kept: a closed diary is the end of the program."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        self._thread.join(timeout)

    # -- the diary's thread ------------------------------------------------------

    def _submit(self, job: Callable[[], None]) -> None:
        if not self._closed:
            self._jobs.put(job)

    def _run(self) -> None:
        while True:
            try:
                job = self._jobs.get(timeout=RETRY if self.history.behind else None)
            except queue.Empty:  # nothing new to write: try again what a lock held back
                self.history.catch_up()
                continue
            if job is None:
                self.history.catch_up()  # what a locked database held back, one last time
                self.history.close()
                return
            try:
                job()
            except Exception as error:  # the store promises not to raise; be sure of it
                self._tell(f"History is not being saved ({error}); the routine plays on.")
            for notice in self.history.notices:
                self._tell(notice)

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            self._on_notice(message)
