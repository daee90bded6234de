"""The SQL of the diary of things (ice, heat, a long drive...), and the one mapping between
a row and an entry."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from backcoach.core.things import Thing, Unit, find_thing
from backcoach.store.guard import GuardedDatabase
from backcoach.store.queries import starts_with
from backcoach.store.times import day_window, from_text, to_text, to_utc


@dataclass(frozen=True)
class DiaryEntry:
    id: str
    thing: Thing
    amount: float | None
    at: datetime
    note: str = ""


_COLUMNS = "uuid, thing, name, amount, unit, taken_at, note"


def _from_row(row: tuple[Any, ...]) -> DiaryEntry:
    uid, thing_id, name, amount, unit, taken, note = row
    thing = find_thing(name)
    if thing.id != thing_id:  # renamed since: the id kept is the one to go by
        thing = Thing(thing_id, name, None if unit is None else Unit(unit))
    return DiaryEntry(str(uid), thing, amount, from_text(taken), str(note))


def insert(db: sqlite3.Connection, entry: DiaryEntry) -> bool:
    """Add the entry unless one with its id is here already; True when it was added."""
    cursor = db.execute(
        """insert or ignore into diary_entries (uuid, thing, name, amount, unit, taken_at, taken_utc, note)
        values (?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            entry.id,
            entry.thing.id,
            entry.thing.name,
            entry.amount,
            None if entry.thing.unit is None else entry.thing.unit.value,
            to_text(entry.at),
            to_utc(entry.at),
            entry.note,
        ),
    )
    return cursor.rowcount > 0


def listed(db: sqlite3.Connection, since: date | None) -> list[DiaryEntry]:
    """Oldest first; `since` a local date, inclusive."""
    where, params = "", []
    if since is not None:
        low, _ = day_window(since, since)
        where = "where taken_utc >= ? and substr(taken_at, 1, 10) >= ?"
        params = [low, since.isoformat()]
    rows = db.execute(
        f"select {_COLUMNS} from diary_entries {where} order by taken_utc, id", params
    )
    return [_from_row(row) for row in rows]


def matching(db: sqlite3.Connection, prefix: str) -> list[str]:
    rows = db.execute(
        "select uuid from diary_entries where uuid like ? escape '\\' order by uuid",
        (starts_with(prefix),),
    )
    return [str(row[0]) for row in rows]


def delete(db: sqlite3.Connection, entry_id: str) -> bool:
    return db.execute("delete from diary_entries where uuid = ?", (entry_id,)).rowcount > 0


class ThingDiary:
    """The diary of things in the history's database, through its guard: it never raises,
    and a store that gave up keeps and finds nothing."""

    def __init__(self, db: GuardedDatabase) -> None:
        self._db = db

    def add(
        self, thing: Thing, amount: float | None, at: datetime, note: str = ""
    ) -> DiaryEntry | None:
        """Keep one entry; None when it could not be written."""
        entry = DiaryEntry(str(uuid.uuid4()), thing, amount, at.replace(microsecond=0), note)
        written = self._db.write(lambda db: insert(db, entry))
        return entry if written else None

    def listed(self, since: date | None = None) -> list[DiaryEntry]:
        return self._db.read(lambda db: listed(db, since), [])

    def matching(self, prefix: str) -> list[str]:
        return self._db.read(lambda db: matching(db, prefix), [])

    def delete(self, entry_id: str) -> bool:
        return bool(self._db.write(lambda db: delete(db, entry_id)))
