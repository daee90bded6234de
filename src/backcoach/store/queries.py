"""Reading the history: SQL in, frozen records out. Every query here uses an index.

`live` is the set of sessions the calling process is still playing: a session whose row
still says `running` but which nobody here is playing was cut off (see History).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from backcoach.core.backcheck import counts_as_later
from backcoach.core.durations import Load
from backcoach.core.plan import MAX_TOTAL_SECONDS
from backcoach.core.session import Outcome
from backcoach.store.records import (
    CheckIn,
    ExerciseDay,
    LastTime,
    Phase,
    Reach,
    SessionDump,
    SessionId,
    SessionSummary,
    SetEntry,
    Status,
)
from backcoach.store.times import day_window, from_text

_SUMMARY_COLUMNS = """
    s.uuid, s.routine_id, s.routine_source, s.title, s.plan_hash, s.started_at,
    s.ended_at, s.status, s.practice, s.sets_done, s.sets_skipped, s.flare
"""
_SUMMARY = f"select {_SUMMARY_COLUMNS} from sessions s"

_SET_COLUMNS = """
    position, exercise_id, exercise_name, side, set_number, set_count, planned_reps, reps,
    load_amount, load_unit, seconds, outcome, planned_reps_top
"""

_CHECKIN_COLUMNS = "c.uuid, c.taken_at, c.back, c.leg, c.reach, c.note, s.uuid, c.phase"
_CHECKIN_FROM = "from checkins c left join sessions s on s.id = c.session_id"
_CHECKIN = f"select {_CHECKIN_COLUMNS} {_CHECKIN_FROM}"


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
    return [_summary(row, live) for row in rows]


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
    return [_summary(row, live) for row in rows]


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
    return None if row is None else _summary(row, live)


def everything(db: sqlite3.Connection, since: date | None = None) -> list[int]:
    """Every session's row id, oldest first; `since` a local date, inclusive."""
    where, params = "", []
    if since is not None:
        low, _ = day_window(since, since)
        where = "where started_utc >= ? and substr(started_at, 1, 10) >= ?"
        params = [low, since.isoformat()]
    rows = db.execute(f"select id from sessions {where} order by started_utc, id", params)
    return [rowid for (rowid,) in rows]


def dumps(db: sqlite3.Connection, live: Collection[str], rowids: list[int]) -> list[SessionDump]:
    """These sessions (by row id, in the order given) with their sets and check-ins: three
    queries for a whole batch, not three per session."""
    marks = ", ".join("?" * len(rowids))
    summaries = {
        row[0]: _summary(row[1:], live)
        for row in db.execute(
            f"select s.id, {_SUMMARY_COLUMNS} from sessions s where s.id in ({marks})",
            rowids,
        )
    }
    sets: dict[int, list[SetEntry]] = {}
    for row in db.execute(
        f"select session_id, {_SET_COLUMNS} from sets where session_id in ({marks}) "
        "order by session_id, position",
        rowids,
    ):
        sets.setdefault(row[0], []).append(_set(row[1:]))
    checkins: dict[int, list[CheckIn]] = {}
    for row in db.execute(
        f"select c.session_id, {_CHECKIN_COLUMNS} {_CHECKIN_FROM} "
        f"where c.session_id in ({marks}) order by c.taken_utc, c.id",
        rowids,
    ):
        checkins.setdefault(row[0], []).append(_checkin(row[1:]))
    return [
        SessionDump(summaries[rowid], tuple(sets.get(rowid, ())), tuple(checkins.get(rowid, ())))
        for rowid in rowids
        if rowid in summaries
    ]


def sets(db: sqlite3.Connection, session: str) -> list[SetEntry]:
    rows = db.execute(
        f"""select {_SET_COLUMNS} from sets
        where session_id = (select id from sessions where uuid = ?) order by position""",
        (session,),
    )
    return [_set(row) for row in rows]


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
        f"""select {_SET_COLUMNS} from sets
        where session_id = ? and exercise_id = ? order by position""",
        (rowid, exercise_id),
    )
    return LastTime(SessionId(uuid), from_text(started_at), tuple(_set(row) for row in rows))


def checkins(db: sqlite3.Connection, since: date | None) -> list[CheckIn]:
    """Oldest first; `since` is a local date, inclusive."""
    where, params = "", []
    if since is not None:
        low, _ = day_window(since, since)
        where = "where c.taken_utc >= ? and substr(c.taken_at, 1, 10) >= ?"
        params = [low, since.isoformat()]
    rows = db.execute(f"{_CHECKIN} {where} order by c.taken_utc, c.id", params)
    return [_checkin(row) for row in rows]


def session_checkins(db: sqlite3.Connection, session: str) -> list[CheckIn]:
    """The check-ins linked to a session (before, after, later), oldest first."""
    rows = db.execute(
        f"""{_CHECKIN} where c.session_id = (select id from sessions where uuid = ?)
        order by c.taken_utc, c.id""",
        (session,),
    )
    return [_checkin(row) for row in rows]


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
        before = None if row is None else _checkin(row)
    return before, phase(Phase.AFTER), phase(Phase.LATER)


def latest_checkin(db: sqlite3.Connection) -> CheckIn | None:
    row = db.execute(f"{_CHECKIN} order by c.taken_utc desc, c.id desc limit 1").fetchone()
    return None if row is None else _checkin(row)


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
        summary = _summary(row, live)
        if summary.started_at > now:
            continue  # dated after this check (imported, or a clock that was wrong)
        if summary.practice:
            continue  # a practice run is not counted anywhere, nor checked on
        if summary.sets_done == 0:
            continue  # stopped before any set was done: the back did no work to check on
        ended = summary.ended_at or summary.started_at
        later = counts_as_later(ended, now)
        stored_status = row[7]  # _summary reads one not played here as stopped
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


def spread_sessions(db: sqlite3.Connection, sessions: Collection[str]) -> set[str]:
    """The sessions after which the leg symptoms reached further down than before them.

    Before is the latest check-in taken at or before the session's start (its own before
    check, or failing that the last one); after is its after or later check, whichever
    reached furthest. Worked out on reading, so nothing is stored twice.
    """
    found: set[str] = set()
    for session in sessions:
        row = db.execute(
            f"""select
                (select max({_DEPTH.format("a.reach")}) from checkins a
                 where a.session_id = s.id and a.phase in ('after', 'later')),
                coalesce(
                    (select {_DEPTH.format("b.reach")} from checkins b
                     where b.session_id = s.id and b.phase = 'before'
                     order by b.taken_utc desc, b.id desc limit 1),
                    (select {_DEPTH.format("b.reach")} from checkins b
                     where b.taken_utc <= s.started_utc
                       and (b.session_id is null or b.session_id != s.id)
                     order by b.taken_utc desc, b.id desc limit 1))
            from sessions s where s.uuid = ?""",
            (session,),
        ).fetchone()
        if row is not None and row[0] is not None and row[1] is not None and row[0] > row[1]:
            found.add(session)
    return found


def _checkin(row: Any) -> CheckIn:
    uuid, taken_at, back, leg, reach, note, session, phase = row
    return CheckIn(
        id=uuid,
        taken_at=from_text(taken_at),
        back=back,
        leg=leg,
        reach=Reach(reach),
        note=note,
        session=None if session is None else SessionId(session),
        phase=None if phase is None else Phase(phase),
    )


def _summary(row: Any, live: Collection[str]) -> SessionSummary:
    uuid, routine, source, title, plan_hash, started, ended, status, practice, done, skipped = row[
        :11
    ]
    flare = row[11]
    if status == Status.RUNNING.value and uuid not in live:
        status = Status.STOPPED.value  # cut off: a crash, a kill, a power cut
    return SessionSummary(
        id=SessionId(uuid),
        routine_id=routine,
        routine_source=source,
        title=title,
        plan_hash=plan_hash,
        started_at=from_text(started),
        ended_at=None if ended is None else from_text(ended),
        status=Status(status),
        practice=bool(practice),
        sets_done=done,
        sets_skipped=skipped,
        flare=bool(flare),
    )


def _set(row: Any) -> SetEntry:
    (position, exercise, name, side, number, count, planned, reps, amount, unit, seconds) = row[:11]
    outcome, top = row[11:]
    return SetEntry(
        position=position,
        exercise_id=exercise,
        exercise_name=name,
        side=side,
        set_number=number,
        set_count=count,
        planned_reps=planned,
        reps=reps,
        load=None if unit is None else Load(amount, unit),
        seconds=seconds,
        outcome=Outcome(outcome),
        planned_reps_top=top,
    )


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


def ids_starting(db: sqlite3.Connection, prefix: str) -> list[str]:
    """Session ids that begin with `prefix`, at most a few (enough to say it is ambiguous)."""
    escaped = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.execute(
        "select uuid from sessions where uuid like ? escape '\\' order by started_utc limit 5",
        (escaped + "%",),
    )
    return [uuid for (uuid,) in rows]
