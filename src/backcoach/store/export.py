"""The whole history read in one pass, as rows, for `history --json` and `--csv`.

Four queries in one read transaction, each walked once in step with the others: sessions
oldest first (by the start-time index), their sets (by the sets' primary key, so already
in plan order), their check-ins, and the check-ins of no session, which slot in between
the sessions by time. Whether each session's leg symptoms spread is one more query, for
them all. Nothing is held but the session at hand, so ten years export in flat memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from backcoach.store import queries
from backcoach.store.mappers import Row
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sessions as session_mapper
from backcoach.store.mappers import sets as set_mapper
from backcoach.store.times import day_window


class SessionRows(NamedTuple):
    """A session as the mappers render it: its row, its sets' and its check-ins' rows."""

    row: Row
    sets: list[Row]
    checkins: list[Row]
    spread: bool  # its leg symptoms reached further down after it than before


class LooseCheckIn(NamedTuple):
    """A check-in of no session (a morning `backcoach checkin`, say)."""

    row: Row


def rows(
    db: sqlite3.Connection, live: Collection[str], since: date | None, text: bool = False
) -> Iterator[SessionRows | LooseCheckIn]:
    """Oldest first: each session with its sets and check-ins, and between them the
    check-ins of no session, each before the first session that began at or after it.
    `since`: sessions and loose check-ins from that local date on. `text`: the sets' rows
    hold only what CSV and JSON read (not enough to make records of: see mappers/sets)."""
    where, params = _since("s.started_utc", "s.started_at", since)
    spread = queries.spread_since(db, since)
    sessions = db.execute(
        f"""select s.id, s.started_utc, {session_mapper.columns("s")} from sessions s {where}
        order by s.started_utc, s.id""",
        params,
    )
    sets = groupby(  # the session last: a set's row stays as its mapper reads it
        db.execute(
            f"""select {set_mapper.columns("st", text=text)}, st.session_id
            from sessions s cross join sets st on st.session_id = s.id {where}
            order by s.started_utc, s.id, st.position""",
            params,
        ),
        itemgetter(set_mapper.TEXT if text else len(set_mapper.NAMES)),
    )
    checks = groupby(
        db.execute(
            f"""select c.session_id, {checkin_mapper.COLUMNS}
            from sessions s cross join checkins c on c.session_id = s.id {where}
            order by s.started_utc, s.id, c.taken_utc, c.id""",
            params,
        ),
        itemgetter(0),
    )
    loose_where, loose_params = _since("c.taken_utc", "c.taken_at", since)
    loose = db.execute(
        f"""select c.taken_utc, {checkin_mapper.COLUMNS} {checkin_mapper.FROM}
        {loose_where} {"and" if loose_where else "where"} s.id is null
        order by c.taken_utc, c.id""",
        loose_params,
    )
    next_loose = next(loose, None)
    next_sets = next(sets, None)
    next_checks = next(checks, None)
    for rowid, started_utc, *row in sessions:
        while next_loose is not None and next_loose[0] <= started_utc:
            yield LooseCheckIn(next_loose[1:])
            next_loose = next(loose, None)
        own_sets: list[Row] = []
        if next_sets is not None and next_sets[0] == rowid:
            own_sets = list(next_sets[1])
            next_sets = next(sets, None)
        own_checks: list[Row] = []
        if next_checks is not None and next_checks[0] == rowid:
            own_checks = [checkin[1:] for checkin in next_checks[1]]
            next_checks = next(checks, None)
        settled = session_mapper.settled(tuple(row), live)
        yield SessionRows(settled, own_sets, own_checks, settled[0] in spread)
    while next_loose is not None:
        yield LooseCheckIn(next_loose[1:])
        next_loose = next(loose, None)


def _since(utc: str, text: str, since: date | None) -> tuple[str, list[Any]]:
    """The where clause for moments on `since` (a local date) or later: the index narrows
    by UTC, then the local date decides."""
    if since is None:
        return "", []
    low, _ = day_window(since, since)
    return f"where {utc} >= ? and substr({text}, 1, 10) >= ?", [low, since.isoformat()]
