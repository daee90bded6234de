"""SetEntry: one work segment as done. Its row, its CSV cells, its JSON; and the entry for
a segment, as recorded or as planned."""

from __future__ import annotations

from typing import Any

from backcoach.core.durations import Load, parse_load
from backcoach.core.plan import Segment
from backcoach.core.session import Outcome, SetRecord
from backcoach.store.mappers import Row
from backcoach.store.mappers.cells import (
    WHOLE_WORDS,
    Cells,
    counting,
    empty_or,
    quote,
    seconds,
    whole,
)
from backcoach.store.mappers.jsontext import number, string, template
from backcoach.store.records import SetEntry

NAMES = (
    "position",
    "exercise_id",
    "exercise_name",
    "side",
    "set_number",
    "set_count",
    "planned_reps",
    "reps",
    "load",  # as text: what CSV and JSON show, str(Load)
    "seconds",
    "outcome",
    "planned_reps_top",
    "load_amount",  # the load again, as the record holds it
    "load_unit",
)
"""A set's row: its export's cells first, in their order. A query may select more columns
after these (the export adds the session's): every function here reads the row by place."""


def columns(table: str = "") -> str:
    """The row's columns for a select, each prefixed with `table.` when given."""
    return ", ".join(f"{table}.{name}" if table else name for name in NAMES)


COLUMNS = columns()

PUT = f"""insert or replace into sets (session_id, session_utc, {COLUMNS})
    values (?, ?{", ?" * len(NAMES)})"""
"""Write a set, replacing the one at its position: the parameters are `stored()`."""

_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


def from_row(row: Row) -> SetEntry:
    position, exercise, name, side, number_, count, planned, reps, _, took, outcome, top = row[:12]
    amount, unit = row[12], row[13]
    return SetEntry(
        position,
        exercise,
        name,
        side,
        number_,
        count,
        planned,
        reps,
        None if unit is None else Load(amount, unit),
        took,
        _OUTCOMES.get(outcome) or Outcome(outcome),  # an unknown one: ValueError
        top,
    )


def to_row(entry: SetEntry) -> Row:
    load = entry.load
    return (
        entry.position,
        entry.exercise_id,
        entry.exercise_name,
        entry.side,
        entry.set_number,
        entry.set_count,
        entry.planned_reps,
        entry.reps,
        None if load is None else str(load),
        entry.seconds,
        entry.outcome.value,
        entry.planned_reps_top,
        None if load is None else load.amount,
        None if load is None else load.unit,
    )


def stored(rowid: int, started_utc: int, entry: SetEntry) -> tuple[Any, ...]:
    """PUT's parameters: the set of session `rowid` (started at `started_utc`), its time
    rounded to the millisecond."""
    row = to_row(entry)
    return (rowid, started_utc, *row[:9], round(entry.seconds, 3), *row[10:])


# -- the entry for a segment --------------------------------------------------------------


def from_record(record: SetRecord) -> SetEntry:
    """What the session recorded (the recorder's one-liner)."""
    return _from_segment(record.segment, record.reps, record.load, record.seconds, record.outcome)


def as_planned(segment: Segment, load: Load | None = None) -> SetEntry:
    """A set done just as the plan says (a session added after the fact); `load`: the one
    lifted, where it is not the plan's."""
    lifted = load if load is not None and segment.load is not None else segment.load
    return _from_segment(segment, segment.reps, lifted, float(segment.seconds), Outcome.DONE)


def _from_segment(
    segment: Segment, reps: int | None, load: Load | None, took: float, outcome: Outcome
) -> SetEntry:
    exercise = segment.exercise
    return SetEntry(
        position=segment.position,
        exercise_id=exercise.id if exercise is not None else "",
        exercise_name=segment.name,
        side=segment.side,
        set_number=segment.set_number,
        set_count=segment.set_count,
        planned_reps=segment.reps,
        reps=reps,
        load=load,
        seconds=took,
        outcome=outcome,
        planned_reps_top=segment.reps_top if segment.reps_top != segment.reps else None,
    )


# -- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "position",
    "exercise",
    "exercise_name",
    "side",
    "set",
    "sets",
    "planned_reps",
    "reps",
    "load",
    "seconds",
    "outcome",
)
LATER_CSV_COLUMNS = ("planned_reps_top",)
"""Set columns added after the first exports, at the very end of a row; an older export
lacks them, and their cells read as empty."""


def csv_text(row: Row) -> str:
    """The CSV_COLUMNS cells, joined as in a CSV line."""
    position, exercise, name, side, number_, count, planned, reps, load, took, outcome = row[:11]
    return (
        f"{position},{quote(exercise)},{quote(name)},{'' if side is None else quote(side)},"
        f"{number_},{count},{'' if planned is None else planned},{'' if reps is None else reps},"
        f"{'' if load is None else quote(load)},{took!r},{outcome}"
    )


def csv_later(row: Row) -> str:
    """The LATER_CSV_COLUMNS cell."""
    return empty_or(row[11])


def from_cells(cells: Cells) -> SetEntry | None:
    """The entry in a row's cells, or None (each problem told)."""
    count = cells.problems
    position = cells.parse("position", whole, WHOLE_WORDS)
    exercise = cells.need("exercise")
    side = cells.maybe("side", _side, "left or right, or empty")
    set_number = cells.parse("set", counting, "a whole number from 1")
    set_count = cells.parse("sets", counting, "a whole number from 1")
    planned = cells.maybe("planned_reps", whole, WHOLE_WORDS)
    top = cells.maybe("planned_reps_top", whole, WHOLE_WORDS)
    reps = cells.maybe("reps", whole, WHOLE_WORDS)
    load = cells.maybe("load", parse_load, "like 20 kg, 45 lb or bodyweight")
    took = cells.parse("seconds", seconds, "a number of seconds, like 31.5")
    outcome = cells.parse("outcome", Outcome, "done or skipped")
    if (
        cells.problems > count
        or position is None
        or set_number is None
        or set_count is None
        or took is None
        or outcome is None
    ):
        return None
    return SetEntry(
        position=position,
        exercise_id=exercise,
        exercise_name=cells["exercise_name"],
        side=side,
        set_number=set_number,
        set_count=set_count,
        planned_reps=planned,
        reps=reps,
        load=load,
        seconds=took,
        outcome=outcome,
        planned_reps_top=top,
    )


def _side(text: str) -> str:
    if text not in ("left", "right"):
        raise ValueError(text)
    return text


# -- JSON ---------------------------------------------------------------------------------

JSON_KEYS = (
    "position",
    "exercise",
    "exercise_name",
    "side",
    "set",
    "sets",
    "planned_reps",
    "planned_reps_top",
    "reps",
    "load",
    "seconds",
    "outcome",
)


def as_json(row: Row) -> dict[str, Any]:
    """The set as README.md's "History" section documents it."""
    position, exercise, name, side, number_, count, planned, reps, load, took, outcome, top = row[
        :12
    ]
    values = (position, exercise, name, side, number_, count, planned, top, reps, load, took)
    return dict(zip(JSON_KEYS, (*values, outcome), strict=True))


def json_text(row: Row, level: int) -> str:
    """`indented(as_json(row), level)`, from a template: the export writes 300,000 of these."""
    position, exercise, name, side, number_, count, planned, reps, load, took, outcome, top = row[
        :12
    ]
    return (_TEMPLATES.get(level) or _template(level)) % (
        position,
        string(exercise),
        string(name),
        "null" if side is None else string(side),
        number_,
        count,
        "null" if planned is None else planned,
        "null" if top is None else top,
        "null" if reps is None else reps,
        "null" if load is None else string(load),
        repr(took) if took - took == 0 else number(took),  # finite: its repr
        string(outcome),
    )


_TEMPLATES: dict[int, str] = {}


def _template(level: int) -> str:
    _TEMPLATES[level] = template(JSON_KEYS, level)
    return _TEMPLATES[level]
