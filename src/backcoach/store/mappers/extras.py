"""Runs, rides and walks, and the diary of things, as rows of the history's CSV: their
cells both ways. They come after the sessions' rows, with the session, set and check-in
cells empty; an export from before them has none of these columns, and imports as it did.
"""

from __future__ import annotations

from backcoach.core.activity import Activity, Effort, Sport
from backcoach.core.things import Thing, Unit, find_thing
from backcoach.store.activities import KeptActivity
from backcoach.store.mappers.cells import MOMENT, Cells, empty_or, past_moment, quote
from backcoach.store.things import DiaryEntry
from backcoach.store.times import to_text

ACTIVITY_COLUMNS = (
    "activity",
    "sport",
    "activity_started_at",
    "activity_seconds",
    "activity_metres",
    "activity_ascent_m",
    "activity_heart_rate",
    "activity_effort",
    "activity_shoes",
    "activity_source",
    "activity_note",
)
DIARY_COLUMNS = ("entry", "thing", "thing_name", "amount", "unit", "entry_at", "entry_note")
CSV_COLUMNS = ACTIVITY_COLUMNS + DIARY_COLUMNS
ACTIVITY_ROW, DIARY_ROW = "activity", "diary"

_NO_DIARY = "," * len(DIARY_COLUMNS)
_NO_ACTIVITY = "," * len(ACTIVITY_COLUMNS)


def activity_cells(kept: KeptActivity) -> str:
    """The activity's cells, then the diary's empty ones."""
    a = kept.activity
    cells = [
        quote(kept.id),
        a.sport.value,
        to_text(a.started_at),
        repr(float(a.seconds)),
        empty_or(a.metres),
        empty_or(a.ascent_m),
        empty_or(a.heart_rate),
        "" if a.effort is None else a.effort.value,
        quote(a.shoes),
        quote(a.source),
        quote(a.note),
    ]
    return ",".join(cells) + _NO_DIARY


def diary_cells(entry: DiaryEntry) -> str:
    """The activity's empty cells, then the diary entry's."""
    cells = [
        quote(entry.id),
        quote(entry.thing.id),
        quote(entry.thing.name),
        empty_or(entry.amount),
        "" if entry.thing.unit is None else entry.thing.unit.value,
        to_text(entry.at),
        quote(entry.note),
    ]
    return _NO_ACTIVITY[1:] + "," + ",".join(cells)


def _number(text: str) -> float:
    value = float(text)
    if not 0 <= value < 1e9:
        raise ValueError(text)
    return value


def activity_from_cells(cells: Cells) -> KeptActivity | None:
    before = cells.problems
    uid = cells.need("activity")
    sport = cells.parse("sport", Sport, "run, ride, walk or other")
    started = cells.parse("activity_started_at", past_moment, MOMENT)
    seconds = cells.parse("activity_seconds", _number, "seconds, a number from 0")
    metres = cells.maybe("activity_metres", _number, "metres, a number from 0")
    ascent = cells.maybe("activity_ascent_m", _number, "metres, a number from 0")
    heart = cells.maybe("activity_heart_rate", int, "beats a minute, a whole number")
    effort = cells.maybe("activity_effort", Effort, "easy, steady, hard, intervals or sprints")
    if cells.problems > before or sport is None or started is None or seconds is None:
        return None
    return KeptActivity(
        uid,
        Activity(
            sport,
            started,
            seconds,
            metres,
            ascent_m=ascent,
            heart_rate=heart,
            source=cells["activity_source"],
            effort=effort,
            shoes=cells["activity_shoes"],
            note=cells["activity_note"],
        ),
    )


def diary_from_cells(cells: Cells) -> DiaryEntry | None:
    before = cells.problems
    uid = cells.need("entry")
    name = cells.need("thing_name")
    unit = cells.maybe("unit", Unit, "minutes, hours or nothing")
    amount = cells.maybe("amount", _number, "a number above 0")
    at = cells.parse("entry_at", past_moment, MOMENT)
    if cells.problems > before or at is None or not name.strip():
        return None
    if amount is not None and amount <= 0:
        cells.problem("amount must be above 0, or empty")
        return None
    try:
        thing = find_thing(name)
    except ValueError as error:
        cells.problem(f"thing_name: {error}")
        return None
    if thing.id != cells["thing"]:  # renamed since: the id kept is the one to go by
        thing = Thing(cells["thing"], name, unit)
    return DiaryEntry(uid, thing, amount, at, cells["entry_note"])
