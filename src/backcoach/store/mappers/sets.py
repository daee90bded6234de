"""SetEntry: one work segment as done. Its row, its CSV cells, its JSON; and the entry for
a segment, as recorded or as planned."""

from __future__ import annotations

from typing import Any

from backcoach.core.durations import Load, parse_load
from backcoach.core.plan import Segment
from backcoach.core.session import Outcome, SetRecord
from backcoach.store.mappers import Row
from backcoach.store.mappers.cells import (
    MAX_REPS,
    MAX_SET_SECONDS,
    SPECIAL,
    WHOLE_WORDS,
    Cells,
    counting,
    quote,
    seconds,
    whole,
)
from backcoach.store.mappers.cells import (
    reps as rep_count,
)
from backcoach.store.mappers.jsontext import number, string
from backcoach.store.records import SetEntry

NAMES = (
    "position",
    "exercise_id",
    "exercise_name",
    "side",
    "set_number",
    "set_count",
    "planned_reps",
    "planned_reps_top",
    "reps",
    "load",  # as text: what CSV and JSON show, str(Load)
    "seconds",
    "outcome",
    "load_amount",  # the load again, as the record holds it
    "load_unit",
)
"""A set's row: its JSON's values first, in their order. A query may select more columns
after these (the export adds the session's): every function here reads the row by place."""


TEXT = NAMES.index("load_amount")
"""The row's first columns, all that CSV and JSON read: an export selects only these."""


def columns(table: str = "", *, text: bool = False) -> str:
    """The row's columns for a select, each prefixed with `table.` when given; `text`:
    only those CSV and JSON read."""
    names = NAMES[:TEXT] if text else NAMES
    return ", ".join(f"{table}.{name}" if table else name for name in names)


COLUMNS = columns()

PUT = f"""insert or replace into sets (session_id, session_utc, {COLUMNS})
    values (?, ?{", ?" * len(NAMES)})"""
"""Write a set, replacing the one at its position: the parameters are `stored()`."""

_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


def from_row(row: Row) -> SetEntry:
    position, exercise, name, side, number_, count, planned, top, reps, _, took, outcome = row[:12]
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
        entry.planned_reps_top,
        entry.reps,
        None if load is None else str(load),
        entry.seconds,
        entry.outcome.value,
        None if load is None else load.amount,
        None if load is None else load.unit,
    )


def stored(rowid: int, started_utc: int, entry: SetEntry) -> tuple[Any, ...]:
    """PUT's parameters: the set of session `rowid` (started at `started_utc`), its time
    rounded to the millisecond."""
    row = to_row(entry)
    return (rowid, started_utc, *row[:10], round(entry.seconds, 3), *row[11:])


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


def csv_text(row: Row, between: str = ",") -> str:
    """The set's part of a CSV line: its CSV_COLUMNS cells, `between` (the cells of other
    records that stand between them, with their commas), its LATER_CSV_COLUMNS cells."""
    position, exercise, name, side, number_, count, planned, top, reps, load, took, outcome = row[
        :12
    ]
    side = "" if side is None else side
    load = "" if load is None else load
    if SPECIAL.search(f"{exercise}{name}{side}{load}"):  # rare: one test for the four
        exercise, name, side, load = quote(exercise), quote(name), quote(side), quote(load)
    return (
        f"{position},{exercise},{name},{side},{number_},{count},"
        f"{'' if planned is None else planned},{'' if reps is None else reps},{load},{took!r},"
        f"{outcome}{between}{'' if top is None else top}"
    )


def from_cells(cells: Cells) -> SetEntry | None:
    """The entry in a row's cells, or None (each problem told)."""
    count = cells.problems
    position = cells.parse("position", whole, WHOLE_WORDS)
    exercise = cells.need("exercise")
    side = cells.maybe("side", _side, "left or right, or empty")
    set_number = cells.parse("set", counting, "a whole number from 1")
    set_count = cells.parse("sets", counting, "a whole number from 1")
    planned = cells.maybe("planned_reps", rep_count, f"a whole number from 0 to {MAX_REPS}")
    top = cells.maybe("planned_reps_top", rep_count, f"a whole number from 0 to {MAX_REPS}")
    reps = cells.maybe("reps", rep_count, f"a whole number from 0 to {MAX_REPS}")
    load = cells.maybe("load", parse_load, "like 20 kg, 45 lb or bodyweight")
    took = cells.parse(
        "seconds", seconds, f"a number of seconds from 0 to {MAX_SET_SECONDS}, like 31.5"
    )
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
    return dict(zip(JSON_KEYS, row[:12], strict=True))


def json_text(row: Row, level: int) -> str:
    """`indented(as_json(row), level)`."""
    return json_texts([row], level)[0]


def json_texts(rows: list[Row], level: int) -> list[str]:
    """`json_text` of each row: the export writes 300,000 of these, so the keys are written
    out here in JSON_KEYS' order (tests/store/test_mappers.py holds the two together) and
    the values in place, as json.dumps writes them."""
    key = "\n" + "  " * (level + 1)  # before each key
    end = "\n" + "  " * level + "}"
    return [
        f'{{{key}"position": {position},{key}"exercise": {string(exercise)},'
        f'{key}"exercise_name": {string(name)},'
        f'{key}"side": {"null" if side is None else string(side)},'
        f'{key}"set": {number_},{key}"sets": {count},'
        f'{key}"planned_reps": {"null" if planned is None else planned},'
        f'{key}"planned_reps_top": {"null" if top is None else top},'
        f'{key}"reps": {"null" if reps is None else reps},'
        f'{key}"load": {"null" if load is None else string(load)},'
        f'{key}"seconds": {repr(took) if took - took == 0 else number(took)},'
        f'{key}"outcome": {string(outcome)}{end}'
        for position, exercise, name, side, number_, count, planned, top, reps, load, took, outcome in (
            row[:12] for row in rows
        )
    ]
