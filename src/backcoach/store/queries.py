"""Reading the history: SQL in, frozen records out (through store/mappers/). Every query
here uses an index.

`live` is the set of sessions the calling process is still playing: a session whose row
still says `running` but which nobody here is playing was cut off (see History).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import date, datetime

from backcoach.core.backcheck import counts_as_later
from backcoach.core.durations import Load
from backcoach.core.plan import MAX_TOTAL_SECONDS
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sessions as session_mapper
from backcoach.store.mappers import sets as set_mapper
from backcoach.store.records import (
    CheckIn,
    ExerciseDay,
    LastTime,
    Phase,
    SessionId,
    SessionSummary,
    SetEntry,
    Status,
)
from backcoach.store.times import day_window, from_text

_SUMMARY = f"select {session_mapper.columns('s')} from sessions s"
_CHECKIN = checkin_mapper.SELECT


def recent(
    db: sqlite3.Connection, live: Collection[str], limit: int | None, since: date | None
) -> list[SessionSummary]:
    """Newest first, from the start-time index; `since` is a local date, inclusive."""
    where, params = "", []
    if since is not None:
        low, _ = day_window(since, since)
        where = "where s.started_utc >= ? and substr(s.started_at, 1, 10) >= ?"
        params = [low, since.isoformat()]
    rows = db.execute(
        f"{_SUMMARY} {where} order by s.started_utc desc, s.id desc limit ?",
        [*params, -1 if limit is None else limit],
    )
    return [session_mapper.from_row(row, live) for row in rows]


def between(
    db: sqlite3.Connection, live: Collection[str], first: date, last: date, practice: bool
) -> list[SessionSummary]:
    """Oldest first: sessions whose local start date lies in [first, last]."""
    low, high = day_window(first, last)
    rows = db.execute(
        f"""{_SUMMARY}
        where s.started_utc between ? and ?
          and substr(s.started_at, 1, 10) between ? and ?
          {"" if practice else "and s.practice = 0"}
        order by s.started_utc, s.id""",
        (low, high, first.isoformat(), last.isoformat()),
    )
    return [session_mapper.from_row(row, live) for row in rows]


def days_trained(
    db: sqlite3.Connection, first: date, last: date, routine_ids: Collection[str]
) -> dict[str, list[date]]:
    """For each routine, oldest first, each local date in [first, last] on which it was
    played to the end with at least half its sets done (practice runs left out: a run
    skipped through is no session); a date once, however many sessions it had.

    Only the two columns the weekly rules need: a year of history is a few thousand rows,
    and building a SessionSummary for each was most of the library's first frame.
    """
    if not routine_ids:
        return {}
    low, high = day_window(first, last)
    marks = ", ".join("?" * len(routine_ids))
    rows = db.execute(
        f"""select distinct routine_id, substr(started_at, 1, 10) as day from sessions
        where started_utc between ? and ? and practice = 0 and status = 'finished'
          and sets_done >= sets_skipped
          and routine_id in ({marks}) and day between ? and ?
        order by routine_id, day""",
        (low, high, *routine_ids, first.isoformat(), last.isoformat()),
    )
    found: dict[str, list[date]] = {}
    for routine_id, day in rows:
        found.setdefault(routine_id, []).append(date.fromisoformat(day))
    return found


def exercise_days(db: sqlite3.Connection, since: date) -> list[ExerciseDay]:
    """Oldest first: each exercise done in each non-practice session since `since` (local).

    Summed up in SQL, one row per session, exercise and load unit, so that a year of
    charts never builds every set: the history screen opens as fast with ten years as
    with ten sessions.
    """
    low, _ = day_window(since, since)
    rows = db.execute(
        """select s.id, s.started_at, st.exercise_id, max(st.exercise_name), max(st.reps),
               st.load_unit, max(st.load_amount)
        from sessions s cross join sets st on st.session_id = s.id
        where s.started_utc >= ? and substr(s.started_at, 1, 10) >= ? and s.practice = 0
          and st.outcome = 'done'
        group by s.started_utc, s.id, st.exercise_id, st.load_unit
        order by s.started_utc, s.id, st.exercise_id""",
        (low, since.isoformat()),
    )
    found: list[ExerciseDay] = []
    previous = None
    for session, started_at, exercise, name, reps, unit, amount in rows:
        load = (Load(amount, unit),) if unit is not None and amount is not None else ()
        if (session, exercise) == previous:  # the same exercise in another unit
            last = found[-1]
            most = max((r for r in (last.reps, reps) if r is not None), default=None)
            found[-1] = ExerciseDay(last.day, exercise, name, most, last.loads + load)
        else:
            day = date.fromisoformat(started_at[:10])
            found.append(ExerciseDay(day, exercise, name, reps, load))
        previous = (session, exercise)
    return found


def one(db: sqlite3.Connection, live: Collection[str], session: str) -> SessionSummary | None:
    row = db.execute(f"{_SUMMARY} where s.uuid = ?", (session,)).fetchone()
    return None if row is None else session_mapper.from_row(row, live)


def sets(db: sqlite3.Connection, session: str) -> list[SetEntry]:
    rows = db.execute(
        f"""select {set_mapper.COLUMNS} from sets
        where session_id = (select id from sessions where uuid = ?) order by position""",
        (session,),
    )
    return [set_mapper.from_row(row) for row in rows]


def last_time(db: sqlite3.Connection, exercise_id: str, before: str | None) -> LastTime | None:
    """The exercise's sets in the latest non-practice session before `before` where one was done.

    Walks the partial index (exercise, session start) backwards from `before`; practice
    sessions met on the way are stepped over. `cross join` fixes the join order so that
    SQLite never starts from the sessions table.
    """
    bound, params = "", [exercise_id]
    if before is not None:
        anchor = db.execute(
            "select started_utc, id from sessions where uuid = ?", (before,)
        ).fetchone()
        if anchor is not None:
            bound = "and (st.session_utc, st.session_id) < (?, ?)"
            params += list(anchor)
    found = db.execute(
        f"""select s.id, s.uuid, s.started_at
        from sets st cross join sessions s on s.id = st.session_id
        where st.exercise_id = ? and st.outcome = 'done' and s.practice = 0 {bound}
        order by st.session_utc desc, st.session_id desc limit 1""",
        params,
    ).fetchone()
    if found is None:
        return None
    rowid, uuid, started_at = found
    rows = db.execute(
        f"""select {set_mapper.COLUMNS} from sets
        where session_id = ? and exercise_id = ? order by position""",
        (rowid, exercise_id),
    )
    return LastTime(
        SessionId(uuid), from_text(started_at), tuple(set_mapper.from_row(row) for row in rows)
    )


def checkins(db: sqlite3.Connection, since: date | None) -> list[CheckIn]:
    """Oldest first; `since` is a local date, inclusive."""
    where, params = "", []
    if since is not None:
        low, _ = day_window(since, since)
        where = "where c.taken_utc >= ? and substr(c.taken_at, 1, 10) >= ?"
        params = [low, since.isoformat()]
    rows = db.execute(f"{_CHECKIN} {where} order by c.taken_utc, c.id", params)
    return [checkin_mapper.from_row(row) for row in rows]


def session_checkins(db: sqlite3.Connection, session: str) -> list[CheckIn]:
    """The check-ins linked to a session (before, after, later), oldest first."""
    rows = db.execute(
        f"""{_CHECKIN} where c.session_id = (select id from sessions where uuid = ?)
        order by c.taken_utc, c.id""",
        (session,),
    )
    return [checkin_mapper.from_row(row) for row in rows]


def checks_around(
    db: sqlite3.Connection, session: str
) -> tuple[CheckIn | None, CheckIn | None, CheckIn | None]:
    """A session's before, after and later checks (each None when there is none).

    Before is the session's own before check or, failing that, the latest check-in taken
    by its start (a morning `backcoach checkin`, say): what the session is compared with.
    """
    own = session_checkins(db, session)

    def phase(wanted: Phase) -> CheckIn | None:
        return next((c for c in reversed(own) if c.phase is wanted), None)

    before = phase(Phase.BEFORE)
    if before is None:
        row = db.execute(
            f"""{_CHECKIN} join sessions this on this.uuid = ?
            where c.taken_utc <= this.started_utc
              and (c.session_id is null or c.session_id != this.id)
            order by c.taken_utc desc, c.id desc limit 1""",
            (session,),
        ).fetchone()
        before = None if row is None else checkin_mapper.from_row(row)
    return before, phase(Phase.AFTER), phase(Phase.LATER)


def latest_checkin(db: sqlite3.Connection) -> CheckIn | None:
    row = db.execute(f"{_CHECKIN} order by c.taken_utc desc, c.id desc limit 1").fetchone()
    return None if row is None else checkin_mapper.from_row(row)


def session_to_check(
    db: sqlite3.Connection, live: Collection[str], now: datetime
) -> tuple[SessionSummary, Phase] | None:
    """The session a check-in taken `now` belongs to, and as which check: the latest
    session that began by `now` (not practice, with a set done), as its later check when
    core.backcheck.counts_as_later says so and it has none yet, else as its after check.

    None when the check-in belongs to no session: the latest one already has its later
    check, or may still be playing (here, or in another copy of backcoach whose last record
    is recent). Only the latest session is looked at: a check-in taken after a newer
    session says nothing of how the back took an older one.
    """
    for row in db.execute(f"{_SUMMARY} order by s.started_utc desc, s.id desc"):
        summary = session_mapper.from_row(row, live)
        if summary.started_at > now:
            continue  # dated after this check (imported, or a clock that was wrong)
        if summary.practice:
            continue  # a practice run is not counted anywhere, nor checked on
        if summary.sets_done == 0:
            continue  # stopped before any set was done: the back did no work to check on
        ended = summary.ended_at or summary.started_at
        later = counts_as_later(ended, now)
        stored_status = row[session_mapper.STATUS]  # from_row: one not played here is stopped
        playing_elsewhere = stored_status == Status.RUNNING.value and not later
        if summary.status is Status.RUNNING or playing_elsewhere:
            return None  # taken while it plays: neither its after nor its later check
        if not later:
            return summary, Phase.AFTER
        has_later = db.execute(
            "select 1 from checkins where session_id = (select id from sessions where uuid = ?)"
            " and phase = 'later' limit 1",
            (summary.id,),
        ).fetchone()
        return None if has_later is not None else (summary, Phase.LATER)
    return None


# A reach's place down the leg, in SQL: its position in this string grows with it.
_DEPTH = "instr('none buttock thigh knee foot', {})"

# The sessions (s) after which the leg symptoms reached further down than before them:
# after is the furthest of their after and later checks (a), so only sessions with one
# count; before is the latest check-in taken at or before the session's start (its own
# before check, or failing that the last one). Worked out on reading, so nothing is
# stored twice. `cross join` walks the sessions asked about first, then each one's
# check-ins by index, never every check-in there is.
_SPREAD = f"""select s.uuid from sessions s cross join checkins a on a.session_id = s.id
    where a.phase in ('after', 'later') {{where}}
    group by s.id
    having max({_DEPTH.format("a.reach")}) > coalesce(
        (select {_DEPTH.format("b.reach")} from checkins b
         where b.session_id = s.id and b.phase = 'before'
         order by b.taken_utc desc, b.id desc limit 1),
        (select {_DEPTH.format("b.reach")} from checkins b
         where b.taken_utc <= s.started_utc
           and (b.session_id is null or b.session_id != s.id)
         order by b.taken_utc desc, b.id desc limit 1))"""


def spread_sessions(db: sqlite3.Connection, sessions: Collection[str]) -> set[str]:
    """Those of `sessions` after which the leg symptoms spread (see _SPREAD)."""
    wanted = list(sessions)
    found: set[str] = set()
    for start in range(0, len(wanted), _PARAMETERS):
        batch = wanted[start : start + _PARAMETERS]
        marks = ", ".join("?" * len(batch))
        rows = db.execute(_SPREAD.format(where=f"and s.uuid in ({marks})"), batch)
        found.update(uuid for (uuid,) in rows)
    return found


def spread_since(db: sqlite3.Connection, since: date | None) -> set[str]:
    """Every session since `since` (a local date; None: ever) after which the leg symptoms
    spread, in one query (see _SPREAD)."""
    if since is None:
        return {uuid for (uuid,) in db.execute(_SPREAD.format(where=""))}
    low, _ = day_window(since, since)
    rows = db.execute(
        _SPREAD.format(where="and s.started_utc >= ? and substr(s.started_at, 1, 10) >= ?"),
        (low, since.isoformat()),
    )
    return {uuid for (uuid,) in rows}


_PARAMETERS = 500
"""Session ids asked about in one query: far below SQLite's limit on parameters."""


def may_be_playing(db: sqlite3.Connection, session: str, now: datetime) -> bool:
    """Stored as running with a record in the last 12 hours (the longest a routine can
    be): another copy of backcoach may be playing it, so it is neither deleted nor edited.
    One left running by a crash long ago is not."""
    row = db.execute(
        "select status, coalesce(ended_utc, started_utc) from sessions where uuid = ?",
        (session,),
    ).fetchone()
    if row is None or row[0] != Status.RUNNING.value:
        return False
    return int(now.timestamp()) - int(row[1]) < MAX_TOTAL_SECONDS


def starts_with(prefix: str) -> str:
    """A LIKE pattern (with escape '\\') for text that begins with `prefix`, whatever
    characters it holds: an id's first characters as a person typed them."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def ids_starting(db: sqlite3.Connection, prefix: str) -> list[str]:
    """Session ids that begin with `prefix`, at most a few (enough to say it is ambiguous)."""
    rows = db.execute(
        "select uuid from sessions where uuid like ? escape '\\' order by started_utc limit 5",
        (starts_with(prefix.lower()),),
    )
    return [uuid for (uuid,) in rows]
