"""Writing the history: one function per change, each run inside the caller's transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from backcoach.core.durations import Load
from backcoach.core.session import Outcome
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sessions as session_mapper
from backcoach.store.mappers import sets as set_mapper
from backcoach.store.records import (
    CheckIn,
    RestoreResult,
    SessionDump,
    SessionSummary,
    SetEntry,
    Status,
)
from backcoach.store.times import to_text, to_utc


def insert_session(db: sqlite3.Connection, session: SessionSummary) -> int:
    """Write a session row; returns its rowid (the sets' key, never seen outside the store)."""
    cursor = db.execute(session_mapper.INSERT, session_mapper.stored(session))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def put_set(db: sqlite3.Connection, rowid: int, started_utc: int, entry: SetEntry) -> None:
    """Write a set, replacing the one at the same position (a correction)."""
    db.execute(set_mapper.PUT, set_mapper.stored(rowid, started_utc, entry))
    recount(db, rowid)


def recount(db: sqlite3.Connection, rowid: int) -> None:
    """Bring the session's counts of sets done and skipped up to date (15 rows, one page)."""
    db.execute(
        """update sessions set
            sets_done = (select count(*) from sets
                         where session_id = :session and outcome = 'done'),
            sets_skipped = (select count(*) from sets
                            where session_id = :session and outcome = 'skipped')
        where id = :session""",
        {"session": rowid},
    )


def touch(db: sqlite3.Connection, rowid: int, moment: datetime) -> None:
    """While a session runs, its end is its latest record: where a cut-off session stopped."""
    db.execute(
        "update sessions set ended_at = ?, ended_utc = ? where id = ? and status = 'running'",
        (to_text(moment), to_utc(moment), rowid),
    )


def finish(db: sqlite3.Connection, rowid: int, status: Status, moment: datetime) -> None:
    db.execute(
        """update sessions set status = ?, ended_at = ?, ended_utc = ?
        where id = ? and status = 'running'""",
        (status.value, to_text(moment), to_utc(moment), rowid),
    )


def _relink(db: sqlite3.Connection, checkin: CheckIn) -> None:
    """A check-in already here but left without its session (the session was deleted, and
    is being restored now) goes back with it; one linked elsewhere is left as it is."""
    if checkin.session is None:
        return
    rowid = session_rowid(db, checkin.session)
    if rowid is None:
        return
    db.execute(
        "update checkins set session_id = ?, phase = ? where uuid = ? and session_id is null",
        (rowid, None if checkin.phase is None else checkin.phase.value, checkin.id),
    )


def delete_session(db: sqlite3.Connection, session: str) -> bool:
    """Remove a session and its sets; its check-ins stay in the pain diary, unlinked."""
    rowid = session_rowid(db, session)
    if rowid is None:
        return False
    db.execute("update checkins set session_id = null, phase = null where session_id = ?", (rowid,))
    db.execute("delete from sets where session_id = ?", (rowid,))
    db.execute("delete from sessions where id = ?", (rowid,))
    return True


def edit_set(
    db: sqlite3.Connection, session: str, position: int, reps: int | None, load: Load | None
) -> bool:
    """Correct one set of a past session: reps above 0 make it done, 0 skipped; a load
    replaces the one kept. False when there is no such session or set."""
    rowid = session_rowid(db, session)
    if rowid is None:
        return False
    found = db.execute(
        "select 1 from sets where session_id = ? and position = ?", (rowid, position)
    ).fetchone()
    if found is None:
        return False
    if reps is not None:
        outcome = Outcome.DONE if reps > 0 else Outcome.SKIPPED
        db.execute(
            "update sets set reps = ?, outcome = ? where session_id = ? and position = ?",
            (reps, outcome.value, rowid, position),
        )
    if load is not None:
        db.execute(
            """update sets set load = ?, load_amount = ?, load_unit = ?
            where session_id = ? and position = ?""",
            (str(load), load.amount, load.unit, rowid, position),
        )
    recount(db, rowid)
    return True


def session_rowid(db: sqlite3.Connection, session: str) -> int | None:
    row = db.execute("select id from sessions where uuid = ?", (session,)).fetchone()
    return None if row is None else int(row[0])


def insert_checkin(db: sqlite3.Connection, checkin: CheckIn, session_rowid: int | None) -> None:
    db.execute(checkin_mapper.INSERT, checkin_mapper.stored(checkin, session_rowid))


def restore(
    db: sqlite3.Connection, dumps: Iterable[SessionDump], checkins: Iterable[CheckIn] = ()
) -> RestoreResult:
    """Add sessions with their sets, then check-ins; one already there (by id) is left as it is.

    A session imported as `running` is stored as `stopped`: nothing here is playing it.
    """
    added = skipped = sets = 0
    for dump in dumps:
        session = dump.session
        if session_rowid(db, session.id) is not None:
            skipped += 1
            continue
        if session.status is Status.RUNNING:
            session = replace(session, status=Status.STOPPED)
        rowid = insert_session(db, session)
        started = to_utc(session.started_at)
        db.executemany(
            set_mapper.PUT, (set_mapper.stored(rowid, started, entry) for entry in dump.sets)
        )
        recount(db, rowid)
        added += 1
        sets += len(dump.sets)
    notes = 0
    for checkin in checkins:
        if db.execute("select 1 from checkins where uuid = ?", (checkin.id,)).fetchone():
            _relink(db, checkin)
            continue
        linked = None if checkin.session is None else session_rowid(db, checkin.session)
        insert_checkin(db, checkin, linked)
        notes += 1
    return RestoreResult(added=added, skipped=skipped, sets=sets, checkins=notes)
