"""The SQL of runs, rides and walks, and the one mapping between a row and an Activity."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from backcoach.core.activity import Activity, Effort, Sport
from backcoach.store.guard import GuardedDatabase
from backcoach.store.queries import starts_with
from backcoach.store.times import day_window, from_text, to_text, to_utc


@dataclass(frozen=True)
class KeptActivity:
    """An activity as the history holds it: with the id that names it."""

    id: str
    activity: Activity


_COLUMNS = (
    "uuid, sport, started_at, seconds, metres, ascent_m, heart_rate, source, effort, shoes, note"
)


def _from_row(row: tuple[Any, ...]) -> KeptActivity:
    (uid, sport, started, seconds, metres, ascent, heart, source, effort, shoes, note) = row
    return KeptActivity(
        str(uid),
        Activity(
            sport=Sport(sport),
            started_at=from_text(str(started)),
            seconds=float(seconds),
            metres=None if metres is None else float(metres),
            ascent_m=None if ascent is None else float(ascent),
            heart_rate=None if heart is None else int(heart),
            source=str(source),
            effort=None if effort is None else Effort(effort),
            shoes=str(shoes),
            note=str(note),
        ),
    )


def insert(db: sqlite3.Connection, activities: Iterable[Activity]) -> list[KeptActivity]:
    """Add each activity not held yet (by sport and start); returns those added."""
    return insert_kept(db, (KeptActivity(str(uuid.uuid4()), a) for a in activities))


def insert_kept(db: sqlite3.Connection, activities: Iterable[KeptActivity]) -> list[KeptActivity]:
    """Add each activity, with its id, not held yet (by id, or by sport and start)."""
    added = []
    for kept in activities:
        activity = kept.activity
        cursor = db.execute(
            """insert or ignore into activities (uuid, sport, started_at, started_utc, seconds,
                metres, ascent_m, heart_rate, source, effort, shoes, note)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                kept.id,
                activity.sport.value,
                to_text(activity.started_at),
                to_utc(activity.started_at),
                activity.seconds,
                activity.metres,
                activity.ascent_m,
                activity.heart_rate,
                activity.source,
                None if activity.effort is None else activity.effort.value,
                activity.shoes,
                activity.note,
            ),
        )
        if cursor.rowcount:
            added.append(kept)
    return added


@dataclass(frozen=True)
class FileSeen:
    """A watch file as it was when imported: read again only once it has changed."""

    path: str
    size: int
    mtime_ns: int
    activities: int


def remember_files(db: sqlite3.Connection, files: Iterable[FileSeen]) -> None:
    db.executemany(
        "insert or replace into imported_files values (?, ?, ?, ?)",
        [(f.path, f.size, f.mtime_ns, f.activities) for f in files],
    )


def files_seen(db: sqlite3.Connection) -> dict[str, FileSeen]:
    rows = db.execute("select path, size, mtime_ns, activities from imported_files")
    return {str(row[0]): FileSeen(str(row[0]), row[1], row[2], row[3]) for row in rows}


def listed(
    db: sqlite3.Connection, since: date | None = None, until: datetime | None = None
) -> list[KeptActivity]:
    """Oldest first; `since` a local date, inclusive; `until` a moment, exclusive."""
    where, params = [], []
    if since is not None:
        low, _ = day_window(since, since)
        where.append("started_utc >= ? and substr(started_at, 1, 10) >= ?")
        params += [low, since.isoformat()]
    if until is not None:
        where.append("started_utc < ?")
        params.append(to_utc(until))
    clause = f"where {' and '.join(where)}" if where else ""
    rows = db.execute(
        f"select {_COLUMNS} from activities {clause} order by started_utc, id", params
    )
    return [_from_row(row) for row in rows]


def matching(db: sqlite3.Connection, prefix: str) -> list[str]:
    """The ids that start with `prefix` (as `activity list` shows them, shortened)."""
    rows = db.execute(
        "select uuid from activities where uuid like ? escape '\\' order by uuid",
        (starts_with(prefix),),
    )
    return [str(row[0]) for row in rows]


def delete(db: sqlite3.Connection, activity_id: str) -> bool:
    return db.execute("delete from activities where uuid = ?", (activity_id,)).rowcount > 0


def retire(db: sqlite3.Connection, name: str, moment: datetime) -> bool:
    db.execute(
        "insert or ignore into retired_shoes (name, retired_at) values (?, ?)",
        (name, to_text(moment)),
    )
    return True


def retired(db: sqlite3.Connection) -> list[str]:
    return [str(row[0]) for row in db.execute("select name from retired_shoes order by name")]


class ActivityStore:
    """Runs, rides and walks in the history's database, through its guard: like the rest of
    the history, it never raises, and a store that gave up keeps and finds nothing."""

    def __init__(self, db: GuardedDatabase) -> None:
        self._db = db

    def add(
        self, activities: Iterable[Activity], files: Iterable[FileSeen] = ()
    ) -> list[KeptActivity] | None:
        """Keep those not held yet, and the files they came from, in one transaction; None
        when nothing could be written."""
        wanted, seen = list(activities), list(files)

        def write(db: sqlite3.Connection) -> list[KeptActivity]:
            remember_files(db, seen)
            return insert(db, wanted)

        return self._db.write(write)

    def files_seen(self) -> dict[str, FileSeen]:
        """The watch files imported before, by their full path."""
        return self._db.read(files_seen, {})

    def listed(
        self, since: date | None = None, until: datetime | None = None
    ) -> list[KeptActivity]:
        return self._db.read(lambda db: listed(db, since, until), [])

    def matching(self, prefix: str) -> list[str]:
        return self._db.read(lambda db: matching(db, prefix), [])

    def delete(self, activity_id: str) -> bool:
        return bool(self._db.write(lambda db: delete(db, activity_id)))

    def retire_shoes(self, name: str, moment: datetime) -> bool:
        """Mark a pair retired: it stays in the list, no longer warned about."""
        return self._db.write(lambda db: retire(db, name, moment)) is not None

    def retired_shoes(self) -> list[str]:
        return self._db.read(retired, [])
