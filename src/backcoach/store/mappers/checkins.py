"""CheckIn: how the back and the leg feel. Its row, its CSV cells, its JSON."""

from __future__ import annotations

from typing import Any

from backcoach.core.backcheck import Reach, parse_reach, parse_score
from backcoach.store.mappers import Row
from backcoach.store.mappers.cells import MOMENT, PAIN, Cells, past_moment, quote
from backcoach.store.mappers.jsontext import string, template
from backcoach.store.records import CheckIn, Phase, SessionId
from backcoach.store.times import from_text, to_text, to_utc

COLUMNS = "c.uuid, c.taken_at, c.back, c.leg, c.reach, c.note, s.uuid, c.phase"
"""A check-in's row: its session by the session's id, as FROM joins it."""
FROM = "from checkins c left join sessions s on s.id = c.session_id"
SELECT = f"select {COLUMNS} {FROM}"

INSERT = """insert into checkins (uuid, taken_at, taken_utc, back, leg, reach, note,
    session_id, phase)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)"""
"""Write a check-in: the parameters are `stored()`."""

_REACHES = {reach.value: reach for reach in Reach}
_PHASES = {phase.value: phase for phase in Phase}


def from_row(row: Row) -> CheckIn:
    uuid, taken_at, back, leg, reach, note, session, phase = row
    return CheckIn(
        uuid,
        from_text(taken_at),
        back,
        leg,
        _REACHES.get(reach) or Reach(reach),  # an unknown one: ValueError
        note,
        None if session is None else SessionId(session),
        None if phase is None else _PHASES.get(phase) or Phase(phase),
    )


def to_row(checkin: CheckIn) -> Row:
    return (
        checkin.id,
        to_text(checkin.taken_at),
        checkin.back,
        checkin.leg,
        checkin.reach.value,
        checkin.note,
        checkin.session,
        None if checkin.phase is None else checkin.phase.value,
    )


def stored(checkin: CheckIn, session_rowid: int | None) -> tuple[Any, ...]:
    """INSERT's parameters, linked to the session of row id `session_rowid` (or to none)."""
    return (
        checkin.id,
        to_text(checkin.taken_at),
        to_utc(checkin.taken_at),
        checkin.back,
        checkin.leg,
        checkin.reach.value,
        checkin.note,
        session_rowid,
        None if checkin.phase is None else checkin.phase.value,
    )


# -- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = ("checkin", "taken_at", "back", "leg", "reach", "note", "phase")


def csv_text(row: Row) -> str:
    """The CSV_COLUMNS cells, joined as in a CSV line."""
    uuid, taken_at, back, leg, reach, note, _, phase = row
    shown = "" if phase is None else phase
    return f"{quote(uuid)},{quote(taken_at)},{back},{leg},{quote(reach)},{quote(note)},{shown}"


def from_cells(cells: Cells, session: SessionId | None) -> CheckIn | None:
    """The check-in in a row's cells, of `session` (or of none), or None (each problem
    told)."""
    count = cells.problems
    key = cells.need("checkin")
    taken = cells.parse("taken_at", past_moment, MOMENT)
    back = cells.parse("back", lambda text: parse_score(text, "back"), PAIN)
    leg = cells.parse("leg", lambda text: parse_score(text, "leg"), PAIN)
    reach = cells.parse("reach", _reach, "none, buttock, thigh, knee or foot")
    phase = cells.maybe("phase", Phase, "before, after or later, or empty")
    if phase is not None and session is None:
        cells.problem(f"phase is '{phase.value}', but the row names no session")
    if cells.problems > count or taken is None or back is None or leg is None or reach is None:
        return None
    return CheckIn(
        id=key,
        taken_at=taken,
        back=back,
        leg=leg,
        reach=reach,
        note=cells["note"],
        session=session,
        phase=phase,
    )


def _reach(text: str) -> Reach:
    if text != text.strip().lower() or text.isdigit():  # the file holds exactly the names
        raise ValueError(text)
    return parse_reach(text)


# -- JSON ---------------------------------------------------------------------------------

JSON_KEYS = ("id", "taken_at", "back", "leg", "reach", "note", "phase")
LOOSE_JSON_KEYS = ("kind", *JSON_KEYS)
"""A check-in of no session stands in the export's list beside the sessions: it says so."""


def as_json(row: Row, loose: bool = False) -> dict[str, Any]:
    """A check-in as README.md's "Check-ins" section documents it; `loose`: of no session."""
    uuid, taken_at, back, leg, reach, note, _, phase = row
    values = (uuid, taken_at, back, leg, reach, note, phase)
    if loose:
        return dict(zip(LOOSE_JSON_KEYS, ("checkin", *values), strict=True))
    return dict(zip(JSON_KEYS, values, strict=True))


def json_text(row: Row, level: int, loose: bool = False) -> str:
    """`indented(as_json(row, loose), level)`, from a template."""
    uuid, taken_at, back, leg, reach, note, _, phase = row
    values = (
        string(uuid),
        string(taken_at),
        back,
        leg,
        string(reach),
        string(note),
        "null" if phase is None else string(phase),
    )
    if loose:
        return template(LOOSE_JSON_KEYS, level) % ('"checkin"', *values)
    return template(JSON_KEYS, level) % values
