"""SessionSummary: one run of a routine. Its row, its CSV cells, its JSON (with its sets and
check-ins)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from backcoach.store.mappers import Row
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sets as set_mapper
from backcoach.store.mappers.cells import MOMENT, Cells, past_moment, quote, yes, yes_no
from backcoach.store.mappers.jsontext import array, string, template
from backcoach.store.records import SessionDump, SessionId, SessionSummary, Status
from backcoach.store.times import from_text, to_text, to_utc

NAMES = (
    "uuid",
    "routine_id",
    "routine_source",
    "title",
    "plan_hash",
    "started_at",
    "ended_at",
    "status",
    "practice",
    "sets_done",
    "sets_skipped",
    "flare",
)
STATUS = NAMES.index("status")


def columns(table: str = "") -> str:
    """The row's columns for a select, each prefixed with `table.` when given."""
    return ", ".join(f"{table}.{name}" if table else name for name in NAMES)


COLUMNS = columns()

INSERT = """insert into sessions (uuid, routine_id, routine_source, title, plan_hash,
    started_at, started_utc, ended_at, ended_utc, status, practice, flare)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
"""Write a session row: the parameters are `stored()`."""

_STATUSES = {status.value: status for status in Status}


def settled(row: Row, live: Collection[str]) -> Row:
    """The row as it reads: one stored as running that nobody here is playing was cut off
    (a crash, a kill, a power cut), and reads as stopped (see History)."""
    if row[STATUS] != Status.RUNNING.value or row[0] in live:
        return row
    return (*row[:STATUS], Status.STOPPED.value, *row[STATUS + 1 :])


def from_row(row: Row, live: Collection[str]) -> SessionSummary:
    (
        uuid,
        routine,
        source,
        title,
        plan_hash,
        started,
        ended,
        status,
        practice,
        done,
        skipped,
        flare,
    ) = settled(row, live)
    return SessionSummary(
        SessionId(uuid),
        routine,
        source,
        title,
        plan_hash,
        from_text(started),
        None if ended is None else from_text(ended),
        _STATUSES.get(status) or Status(status),  # an unknown one: ValueError
        bool(practice),
        done,
        skipped,
        bool(flare),
    )


def to_row(session: SessionSummary) -> Row:
    ended = session.ended_at
    return (
        session.id,
        session.routine_id,
        session.routine_source,
        session.title,
        session.plan_hash,
        to_text(session.started_at),
        None if ended is None else to_text(ended),
        session.status.value,
        int(session.practice),
        session.sets_done,
        session.sets_skipped,
        int(session.flare),
    )


def stored(session: SessionSummary) -> tuple[Any, ...]:
    """INSERT's parameters: times as text in their own offset, and in UTC seconds."""
    ended = session.ended_at
    return (
        session.id,
        session.routine_id,
        session.routine_source,
        session.title,
        session.plan_hash,
        to_text(session.started_at),
        to_utc(session.started_at),
        None if ended is None else to_text(ended),
        None if ended is None else to_utc(ended),
        session.status.value,
        int(session.practice),
        int(session.flare),
    )


def dump_rows(dump: SessionDump) -> tuple[Row, list[Row], list[Row]]:
    """A session read as records, back to its rows (to write it the way an export does)."""
    return (
        to_row(dump.session),
        [set_mapper.to_row(entry) for entry in dump.sets],
        [checkin_mapper.to_row(checkin) for checkin in dump.checkins],
    )


# -- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "session",
    "started_at",
    "ended_at",
    "status",
    "routine",
    "routine_source",
    "title",
    "plan_hash",
    "practice",
)
LATER_CSV_COLUMNS = ("flare",)
"""Session columns added after the first exports, at the end so that the others keep their
places; an older export lacks them, and their cells read as empty (flare: no)."""


def csv_text(row: Row) -> str:
    """The CSV_COLUMNS cells, joined as in a CSV line."""
    uuid, routine, source, title, plan_hash, started, ended, status, practice = row[:9]
    return ",".join(
        (
            quote(uuid),
            quote(started),
            "" if ended is None else quote(ended),
            status,
            quote(routine),
            quote(source),
            quote(title),
            quote(plan_hash),
            yes_no(practice),
        )
    )


def csv_later(row: Row) -> str:
    """The LATER_CSV_COLUMNS cell."""
    return yes_no(row[11])


def from_cells(cells: Cells) -> SessionSummary | None:
    """The session in a row's cells (its counts of sets left at 0), or None (each problem
    told)."""
    count = cells.problems
    session = cells.need("session")
    started = cells.parse("started_at", past_moment, MOMENT)
    ended = cells.maybe("ended_at", past_moment, MOMENT)
    status = cells.parse("status", Status, "running, finished or stopped")
    routine = cells.need("routine")
    source = cells.need("routine_source")
    practice = cells.parse("practice", yes, "yes or no")
    flare = cells.maybe("flare", yes, "yes or no, or empty")
    if cells.problems > count or started is None or status is None or practice is None:
        return None
    return SessionSummary(
        id=SessionId(session),
        routine_id=routine,
        routine_source=source,
        title=cells["title"],
        plan_hash=cells["plan_hash"],
        started_at=started,
        ended_at=ended,
        status=status,
        practice=practice,
        flare=bool(flare),
    )


# -- JSON ---------------------------------------------------------------------------------

JSON_KEYS = (
    "kind",
    "id",
    "routine",
    "routine_source",
    "title",
    "plan_hash",
    "started_at",
    "ended_at",
    "status",
    "practice",
    "flare",
    "sets",
    "checkins",
    "symptoms_spread",
)


def as_json(row: Row, sets: Sequence[Row], checkins: Sequence[Row], spread: bool) -> dict[str, Any]:
    """One session with its sets and check-ins, in the shape README.md's "History" section
    documents. `spread`: its leg symptoms reached further down after it than before."""
    uuid, routine, source, title, plan_hash, started, ended, status, practice = row[:9]
    return dict(
        zip(
            JSON_KEYS,
            (
                "session",
                uuid,
                routine,
                source,
                title,
                plan_hash,
                started,
                ended,
                status,
                bool(practice),
                bool(row[11]),
                [set_mapper.as_json(entry) for entry in sets],
                [checkin_mapper.as_json(checkin) for checkin in checkins],
                spread,
            ),
            strict=True,
        )
    )


def json_text(row: Row, sets: list[Row], checkins: Sequence[Row], spread: bool, level: int) -> str:
    """`indented(as_json(...), level)`, from templates."""
    uuid, routine, source, title, plan_hash, started, ended, status, practice = row[:9]
    inner = level + 2
    return template(JSON_KEYS, level) % (
        '"session"',
        string(uuid),
        string(routine),
        string(source),
        string(title),
        string(plan_hash),
        string(started),
        "null" if ended is None else string(ended),
        string(status),
        "true" if practice else "false",
        "true" if row[11] else "false",
        array(set_mapper.json_texts(sets, inner), level + 1),
        array([checkin_mapper.json_text(checkin, inner) for checkin in checkins], level + 1),
        "true" if spread else "false",
    )
