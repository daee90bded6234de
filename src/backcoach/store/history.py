"""The history store: every session and every set, kept across runs, and read back.

One `History` per process, handed to whoever records or reads. It never stops a routine:

- Nothing touches the disk until it is used; reading a history that does not exist yet
  creates nothing.
- A damaged database is moved aside (`history.sqlite3.corrupt-<time>`, with its -wal and
  -shm) and a fresh one started; sessions this process is recording are written again
  into the fresh one from memory, sets and all.
- Anything else that goes wrong (a read-only folder, a full disk, a lock held past the
  busy timeout) turns the store off: writes do nothing, reads find nothing.
- Either way `notice` says so once, in words for the user, and no method raises.

Durability: `start_session` writes the session row at once, `record_set` writes each set
in a transaction of its own the moment it ends, `finish_session` closes the row. Commits
are fsynced (see database.py), so a crash, kill -9 or power cut loses at most the set in
progress.

Stopped early: while a session runs its row says `running`, and its end time follows its
latest set. A session is only ever playing in the process that started it, so a reader
reports a `running` row as `running` only when it is one of its own sessions still
playing; any other one was cut off, and reads as `stopped` with its end at its last set.
Nothing is rewritten to say so: the row stays as the crash left it. (A second copy of the
app playing at this very moment also reads as stopped early, until it finishes and writes
its real status: a rare case, and no information is lost.)
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from types import TracebackType

from backcoach.core.durations import Load
from backcoach.core.plan import Plan
from backcoach.store import activities as activity_sql
from backcoach.store import export, queries, writes
from backcoach.store import things as thing_sql
from backcoach.store.activities import ActivityStore, KeptActivity
from backcoach.store.database import BUSY_TIMEOUT_MS
from backcoach.store.experiments import ExperimentStore
from backcoach.store.export import LooseCheckIn, SessionRows
from backcoach.store.fingerprint import plan_fingerprint
from backcoach.store.guard import GuardedDatabase, transaction
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sessions as session_mapper
from backcoach.store.mappers import sets as set_mapper
from backcoach.store.records import (
    CheckIn,
    ExerciseDay,
    LastTime,
    Phase,
    Reach,
    RestoreResult,
    SessionDump,
    SessionId,
    SessionSummary,
    SetEntry,
    Status,
)
from backcoach.store.things import DiaryEntry, ThingDiary
from backcoach.store.times import local, to_utc


@dataclass
class _Mine:
    """A session this process started: kept in memory so a fresh database can get it back."""

    session: SessionSummary
    rowid: int | None = None  # in the database file now open; None until written
    sets: dict[int, SetEntry] = field(default_factory=dict)
    lost: bool = False  # its file was moved aside: write it again into the fresh one
    behind: bool = False  # a write of it found the database locked: written with the next

    @property
    def running(self) -> bool:
        return self.session.status is Status.RUNNING


class History:
    def __init__(
        self,
        path: Path | None = None,
        *,
        enabled: bool = True,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        """`path` defaults to history.sqlite3 in the user folder, found on first use.

        `enabled=False` makes a store that records nothing and finds nothing.
        """
        self._mine: dict[SessionId, _Mine] = {}
        self._db = GuardedDatabase(
            path,
            enabled=enabled,
            busy_timeout_ms=busy_timeout_ms,
            after_move=self._mark_lost,
            on_open=self._write_again,
        )
        self._lock = self._db.lock
        self._checkins_behind: list[CheckIn] = []

    # -- the store itself --------------------------------------------------

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def enabled(self) -> bool:
        """False once the store has given up; True until then (nothing tried is nothing failed)."""
        return self._db.enabled

    @property
    def notice(self) -> str | None:
        """What the user should be told about the history, once; None while all is well."""
        return self._db.notice

    @property
    def notices(self) -> tuple[str, ...]:
        """The same, one message each, in the order they arose."""
        return self._db.notices

    def close(self) -> None:
        """Let go of the database; a later call opens it again."""
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing -----------------------------------------------------------

    def start_session(
        self, plan: Plan, *, practice: bool = False, at: datetime | None = None
    ) -> SessionId:
        """Write the session's row now; returns its id (a real one even when nothing is saved).

        `practice`: played at a speed other than 1; kept, but not counted anywhere.
        """
        routine = plan.routine
        mine = _Mine(
            SessionSummary(
                id=SessionId(str(uuid.uuid4())),
                routine_id=routine.id,
                routine_source=routine.source,
                title=routine.title,
                plan_hash=plan_fingerprint(plan),
                started_at=local(at),
                ended_at=None,
                status=Status.RUNNING,
                practice=practice,
                flare=routine.flare,
            )
        )
        with self._lock:
            self._mine[mine.session.id] = mine

            def write(db: sqlite3.Connection) -> None:
                mine.rowid = writes.insert_session(db, mine.session)

            self._write(write, mine)
        return mine.session.id

    def record_set(
        self, session: SessionId, entry: SetEntry, *, at: datetime | None = None
    ) -> None:
        """Write one set the moment it ends; the same position again replaces it (a correction).

        Only for sessions this History started; anything else is ignored.
        """
        with self._lock:
            mine = self._mine.get(session)
            if mine is None:
                return
            moment = local(at)
            mine.sets[entry.position] = entry
            if mine.running:
                mine.session = replace(mine.session, ended_at=moment)

            def write(db: sqlite3.Connection) -> None:
                if mine.rowid is not None:
                    writes.put_set(db, mine.rowid, to_utc(mine.session.started_at), entry)
                    writes.touch(db, mine.rowid, moment)

            self._write(write, mine)

    def finish_session(
        self, session: SessionId, *, completed: bool = True, at: datetime | None = None
    ) -> None:
        """Close the session: `finished`, or `stopped` when the user stopped it early."""
        with self._lock:
            mine = self._mine.get(session)
            if mine is None or not mine.running:
                return
            status = Status.FINISHED if completed else Status.STOPPED
            moment = local(at)
            mine.session = replace(mine.session, status=status, ended_at=moment)

            def write(db: sqlite3.Connection) -> None:
                if mine.rowid is not None:
                    writes.finish(db, mine.rowid, status, moment)

            self._write(write, mine)

    def add_checkin(
        self,
        back: int,
        leg: int,
        reach: Reach | str,
        *,
        note: str = "",
        session: SessionId | None = None,
        phase: Phase | str | None = None,
        at: datetime | None = None,
    ) -> CheckIn:
        """Write a check-in; ValueError for a score outside 0-10 or an unknown reach or phase.

        A session this history does not hold is not linked (the check-in is kept).
        """
        for label, score in (("back", back), ("leg", leg)):
            if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
                raise ValueError(f"{label} pain is a whole number from 0 to 10, not {score!r}")
        checkin = CheckIn(
            id=str(uuid.uuid4()),
            taken_at=local(at),
            back=back,
            leg=leg,
            reach=Reach(reach),
            note=note,
            session=session,
            phase=None if phase is None else Phase(phase),
        )

        def write(db: sqlite3.Connection) -> None:
            self._insert_checkin(db, checkin)

        with self._lock:
            self._write(write)
            if self._db.behind:
                self._checkins_behind.append(checkin)
        return checkin

    def _insert_checkin(self, db: sqlite3.Connection, checkin: CheckIn) -> None:
        rowid = None
        if checkin.session is not None:
            mine = self._mine.get(checkin.session)
            rowid = mine.rowid if mine is not None else writes.session_rowid(db, checkin.session)
        writes.insert_checkin(db, checkin, rowid)

    def catch_up(self) -> bool:
        """Write what a locked database held back; True when nothing is left behind."""
        with self._lock:
            if self._db.enabled and self.behind:
                self._write(lambda db: None)
            return not self.behind

    @property
    def behind(self) -> bool:
        """Something a locked database held back is waiting in memory to be written."""
        return bool(self._checkins_behind) or any(m.behind for m in self._mine.values())

    def _write(
        self, change: Callable[[sqlite3.Connection], None], mine: _Mine | None = None
    ) -> None:
        """`change`, after whatever a locked database held back (its own session first:
        a set cannot be written before its session's row)."""
        catching_up = [m for m in self._mine.values() if m.behind]
        checkins = list(self._checkins_behind)

        def write(db: sqlite3.Connection) -> None:
            for held in catching_up:
                self._write_whole(db, held)
            for checkin in checkins:
                self._insert_checkin(db, checkin)
            change(db)

        self._db.write(write)
        if self._db.behind:
            if mine is not None:
                mine.behind = True
            return
        if self._db.enabled:
            for held in catching_up:
                held.behind = False
            del self._checkins_behind[: len(checkins)]

    def _write_whole(self, db: sqlite3.Connection, mine: _Mine) -> None:
        """A session as this process holds it: its row, every set, and how it ended."""
        if mine.rowid is None:
            mine.rowid = writes.insert_session(db, mine.session)
        started = to_utc(mine.session.started_at)
        for entry in mine.sets.values():
            writes.put_set(db, mine.rowid, started, entry)
        ended = mine.session.ended_at
        if ended is not None:
            if mine.running:
                writes.touch(db, mine.rowid, ended)
            else:
                writes.finish(db, mine.rowid, mine.session.status, ended)

    # -- correcting the history ------------------------------------------------------

    def add_session(
        self,
        plan: Plan,
        at: datetime,
        *,
        practice: bool = False,
        loads: dict[str, Load] | None = None,
    ) -> SessionId | None:
        """A session done away from the app, every set as planned, in one transaction;
        its id, or None when nothing could be written. `loads`: by exercise id, the load
        lifted now where it differs from the plan's (the one last lifted, built on)."""
        routine = plan.routine
        started = local(at)
        summary = SessionSummary(
            id=SessionId(str(uuid.uuid4())),
            routine_id=routine.id,
            routine_source=routine.source,
            title=routine.title,
            plan_hash=plan_fingerprint(plan),
            started_at=started,
            ended_at=min(started + timedelta(seconds=plan.total), local(None)),
            status=Status.FINISHED,
            practice=practice,
            flare=routine.flare,
        )
        chosen = loads or {}
        sets = tuple(
            set_mapper.as_planned(
                segment, chosen.get(segment.exercise.id if segment.exercise else "")
            )
            for segment in plan.work_segments()
        )
        result = self.restore([SessionDump(summary, sets)])
        return summary.id if result.added else None

    def session_dump(self, session: SessionId) -> SessionDump | None:
        """One session with its sets and check-ins, as export writes it."""
        live = self._live()
        return self._db.read(lambda db: _dump_one(db, live, session), None)

    def delete_session(self, session: SessionId) -> SessionDump | None:
        """Remove a session and its sets in one transaction; what was removed, or None
        when there is no such session or it may be being played (here, or by another
        copy of backcoach). Its check-ins stay in the pain diary."""
        live = self._live()
        now = local(None)

        def delete(db: sqlite3.Connection) -> SessionDump | None:
            found = _dump_one(db, live, session)
            if found is None or session in live or queries.may_be_playing(db, session, now):
                return None
            writes.delete_session(db, session)
            return found

        with self._lock:
            return self._db.write(delete)

    def edit_set(
        self,
        session: SessionId,
        position: int,
        *,
        reps: int | None = None,
        load: Load | None = None,
    ) -> bool:
        """Correct one set of a past session (reps above 0: done; 0: skipped); False when
        there is no such session or set, or nothing could be written."""
        if session in self._live():
            return False
        now = local(None)

        def edit(db: sqlite3.Connection) -> bool:
            if queries.may_be_playing(db, session, now):
                return False
            return writes.edit_set(db, session, position, reps, load)

        with self._lock:
            return bool(self._db.write(edit))

    def find_sessions(self, prefix: str) -> list[SessionId]:
        """The sessions whose id begins with `prefix` (the first characters are enough)."""
        found: list[str] = self._db.read(lambda db: queries.ids_starting(db, prefix), [])
        return [SessionId(session) for session in found]

    def restore(
        self,
        dumps: Iterable[SessionDump],
        checkins: Iterable[CheckIn] = (),
        activities: Iterable[KeptActivity] = (),
        entries: Iterable[DiaryEntry] = (),
    ) -> RestoreResult:
        """Add sessions and check-ins (from an export) in one transaction: all, or none.

        A session or check-in whose id is already here is skipped, never duplicated or
        merged; a check-in is linked to its session by the session's id.
        `saved` is False when nothing could be written (the notice says why).
        """
        batch, notes, moved, things = list(dumps), list(checkins), list(activities), list(entries)

        def write(db: sqlite3.Connection) -> RestoreResult:
            result = writes.restore(db, batch, notes)
            added = activity_sql.insert_kept(db, moved)
            kept = sum(thing_sql.insert(db, entry) for entry in things)
            return replace(result, activities=len(added), entries=kept)

        with self._lock:
            result = self._db.write(write)
        return result if result is not None else RestoreResult(0, 0, 0, saved=False)

    # -- reading -----------------------------------------------------------

    def recent_sessions(
        self, limit: int | None = 20, *, since: date | None = None
    ) -> list[SessionSummary]:
        """Newest first, practice included (marked); `since` a local date, inclusive."""
        return self._db.read(lambda db: queries.recent(db, self._live(), limit, since), [])

    def sessions_between(
        self, first: date, last: date, *, include_practice: bool = False
    ) -> list[SessionSummary]:
        """Oldest first: sessions started on local dates first..last, inclusive."""
        return self._db.read(
            lambda db: queries.between(db, self._live(), first, last, include_practice), []
        )

    def days_trained(
        self, first: date, last: date, routine_ids: Iterable[str]
    ) -> dict[str, list[date]]:
        """By routine id, oldest first: each local date in first..last on which the routine
        was played to the end with at least half its sets done, not as practice. What
        counts toward a weekly target: a run stopped early or skipped through does not, and
        a day counts once however many runs it had."""
        wanted = sorted(set(routine_ids))
        return self._db.read(lambda db: queries.days_trained(db, first, last, wanted), {})

    def exercise_days(self, since: date) -> list[ExerciseDay]:
        """Oldest first: each exercise done in each non-practice session since `since`."""
        return self._db.read(partial(queries.exercise_days, since=since), [])

    def session(self, session: SessionId) -> SessionSummary | None:
        return self._db.read(lambda db: queries.one(db, self._live(), session), None)

    def sets(self, session: SessionId) -> list[SetEntry]:
        """The session's sets in plan order."""
        return self._db.read(lambda db: queries.sets(db, session), [])

    def last_time(self, exercise_id: str, *, before: SessionId | None = None) -> LastTime | None:
        """The exercise's sets in the latest non-practice session where one was done.

        `before`: only sessions that started before this one (typically the one playing).
        """
        return self._db.read(lambda db: queries.last_time(db, exercise_id, before), None)

    def checkins(self, *, since: date | None = None) -> list[CheckIn]:
        """Oldest first; `since` a local date, inclusive."""
        return self._db.read(lambda db: queries.checkins(db, since), [])

    def session_checkins(self, session: SessionId) -> list[CheckIn]:
        """The check-ins linked to a session (before, after, later), oldest first."""
        return self._db.read(lambda db: queries.session_checkins(db, session), [])

    def checks_around(
        self, session: SessionId
    ) -> tuple[CheckIn | None, CheckIn | None, CheckIn | None]:
        """The session's before, after and later checks; before falls back to the latest
        check-in taken by the session's start (see queries.checks_around)."""
        nothing: tuple[CheckIn | None, CheckIn | None, CheckIn | None] = (None, None, None)
        return self._db.read(lambda db: queries.checks_around(db, session), nothing)

    def latest_checkin(self) -> CheckIn | None:
        return self._db.read(queries.latest_checkin, None)

    def session_to_check(self, now: datetime | None = None) -> tuple[SessionSummary, Phase] | None:
        """The session a check-in taken `now` belongs to, and whether as its after or its
        later check; None when it belongs to none (see queries.session_to_check).

        A later check shows how the back took the session once the warmth of exercise has
        worn off (docs/SOURCES.md), so it must come on a later day or hours after it.
        """
        moment = local(now)
        return self._db.read(lambda db: queries.session_to_check(db, self._live(), moment), None)

    def spread_sessions(self, sessions: Iterable[SessionId]) -> set[SessionId]:
        """Those of `sessions` after which the leg symptoms reached further down than before."""
        wanted = list(sessions)
        found: set[str] = self._db.read(lambda db: queries.spread_sessions(db, wanted), set())
        return {SessionId(session) for session in found}

    def dump(self, *, since: date | None = None) -> Iterator[SessionDump]:
        """Every session with its sets and check-ins, oldest first, one at a time.

        `since`: only sessions started on that local date or later.
        """
        live = self._live()
        entries = self._db.stream(partial(export.rows, live=live, since=since))
        for entry in entries:
            if isinstance(entry, SessionRows):
                yield SessionDump(
                    session_mapper.from_row(entry.row, live),
                    tuple(set_mapper.from_row(row) for row in entry.sets),
                    tuple(checkin_mapper.from_row(row) for row in entry.checkins),
                )

    def export(self, *, since: date | None = None) -> Iterator[SessionRows | LooseCheckIn]:
        """The whole history as rows, oldest first, read in one pass and one transaction
        while the caller writes it out (see store/export.py); what CSV and JSON exports
        render through the mappers (the sets' rows hold only what those read). `since`:
        from that local date on."""
        return self._db.stream(partial(export.rows, live=self._live(), since=since, text=True))

    @property
    def activities(self) -> ActivityStore:
        """Runs, rides and walks, kept in the same database and by the same guard."""
        return ActivityStore(self._db)

    @property
    def experiments(self) -> ExperimentStore:
        """Trials on oneself, in the same database."""
        return ExperimentStore(self._db)

    @property
    def things(self) -> ThingDiary:
        """The diary of things done or endured for the back, in the same database."""
        return ThingDiary(self._db)

    # -- machinery ---------------------------------------------------------

    def _live(self) -> frozenset[str]:
        return frozenset(key for key, mine in self._mine.items() if mine.running)

    def _mark_lost(self) -> None:
        """The database file was moved aside: every session written to it must be written again."""
        for mine in self._mine.values():
            if mine.rowid is not None:
                mine.rowid, mine.lost = None, True

    def _write_again(self, db: sqlite3.Connection) -> None:
        """Into a fresh database: this process's sessions whose file was moved aside."""
        lost = [mine for mine in self._mine.values() if mine.lost]
        if not lost:
            return

        def write(db: sqlite3.Connection) -> None:
            for mine in lost:
                mine.rowid = writes.insert_session(db, mine.session)
                for entry in mine.sets.values():
                    writes.put_set(db, mine.rowid, to_utc(mine.session.started_at), entry)
                mine.lost = False

        transaction(db, write, immediate=True)


def _dump_one(db: sqlite3.Connection, live: frozenset[str], session: str) -> SessionDump | None:
    summary = queries.one(db, live, session)
    if summary is None:
        return None
    return SessionDump(
        summary, tuple(queries.sets(db, session)), tuple(queries.session_checkins(db, session))
    )
