"""Keeps a run in the history as it happens, without ever holding the routine up.

The recorder listens to the workout's events and hands them to the diary: the session
row is written when the run starts, each set the moment the session records or corrects
it, and the row is closed at the finish or when the user stops. The diary writes on its
own thread, so a slow disk delays the history, never the countdown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from backcoach.core.backcheck import Reading
from backcoach.core.plan import Plan
from backcoach.core.session import Event, Finished, SetRecorded
from backcoach.diary import WAIT, Diary, PendingSession
from backcoach.store import Phase, SessionId
from backcoach.store.mappers import sets as set_mapper


class Recorder:
    def __init__(self, diary: Diary, plan: Plan, *, practice: bool = False) -> None:
        self.diary = diary
        self.plan = plan
        self.practice = practice
        self._session: PendingSession | None = None
        self._closed = False
        self._waiting: list[Callable[[], None]] = []

    # -- called from the player's thread -------------------------------------------

    def started(self) -> None:
        """The run began: its session row is written now, before any set."""
        if self._closed or self._session is not None:
            return
        self._session = self.diary.start_session(self.plan, practice=self.practice)
        self._flush_waiting()

    def forget_waiting(self) -> None:
        """Drop the check-ins held for a start that will not come: another run keeps them."""
        self._waiting.clear()

    def _flush_waiting(self) -> None:
        for write in self._waiting:
            write()
        self._waiting.clear()

    def __call__(self, event: Event) -> None:
        """A workout listener: keeps each recorded set, and closes the session at the end."""
        if self._closed or self._session is None:
            return
        if isinstance(event, SetRecorded) and event.record is not None:
            self.diary.record_set(self._session, set_mapper.from_record(event.record))
        elif isinstance(event, Finished):
            self.diary.finish_session(self._session, completed=event.completed)

    def checkin(self, reading: Reading, phase: Phase, at: datetime | None = None) -> None:
        """Keep a check-in with this run's session, once its row is written.

        A before check is answered before the run starts: it waits for the start (or,
        should the run never start, is kept on its own when the recorder closes).
        `at`: when the answers were given.
        """
        moment = at or datetime.now().astimezone()

        def write() -> None:
            self.diary.checkin(reading, at=moment, session=self._session, phase=phase)

        if self._session is not None or self._closed:
            write()
        else:
            self._waiting.append(write)

    def close(self, timeout: float = WAIT) -> None:
        """Hand over what waits, then let the run's writes reach the disk (up to
        `timeout` seconds); the diary itself goes on for whatever comes next."""
        if self._closed:
            return
        self._flush_waiting()  # a run that never started: its check-in is kept on its own
        self._closed = True
        self.diary.flush(timeout)

    @property
    def session(self) -> SessionId | None:
        return None if self._session is None else self._session.id
