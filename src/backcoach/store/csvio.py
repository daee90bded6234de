"""History as CSV, to move it between computers or open it in a spreadsheet.

The shape: a header row, then one row per set, oldest session first, each row carrying
its session's columns too (so any row can be read on its own, and a spreadsheet can
filter by date or routine). A session with no sets has one row whose set columns are
empty. `session` is the session's UUID, the same on every machine, which is how an
import knows a session it already has. Times are ISO 8601 with their UTC offset;
`practice` and `flare` (played in flare-up mode; an export made before it has no such
column) are yes or no; an empty cell is "none" (no side, no reps, no load).

Check-ins are rows too, told apart by the `kind` column (`set` or `checkin`): a check-in
row fills the check-in columns, leaves the set columns empty, and carries its session's
columns when it belongs to one (its before, after or later check), or empty ones when it
does not (a morning `backcoach checkin` with no session before it). A file without a
`kind` column (an export from before check-ins) reads as sets.

Import is all or nothing: every problem in the file is reported as `FILE:LINE: what is
wrong`, and a file with any problem writes nothing. A file without problems is restored
in one transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TextIO

from backcoach.core.session import Outcome
from backcoach.store.activities import KeptActivity
from backcoach.store.export import LooseCheckIn
from backcoach.store.history import History
from backcoach.store.mappers import Row, extras
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sessions as session_mapper
from backcoach.store.mappers import sets as set_mapper
from backcoach.store.mappers.cells import Cells
from backcoach.store.records import CheckIn, SessionDump, SessionSummary, SetEntry
from backcoach.store.things import DiaryEntry

SESSION_COLUMNS = session_mapper.CSV_COLUMNS
SET_COLUMNS = set_mapper.CSV_COLUMNS
LATER_SESSION_COLUMNS = session_mapper.LATER_CSV_COLUMNS
CHECKIN_COLUMNS = ("kind", *checkin_mapper.CSV_COLUMNS)
"""An export from before check-ins has none of them: every row is a set."""
LATER_SET_COLUMNS = set_mapper.LATER_CSV_COLUMNS
EXTRA_COLUMNS = extras.CSV_COLUMNS
"""Runs, rides and walks, and the diary of things: an export from before them has none."""
COLUMNS = (
    SESSION_COLUMNS
    + SET_COLUMNS
    + CHECKIN_COLUMNS
    + LATER_SESSION_COLUMNS
    + LATER_SET_COLUMNS
    + EXTRA_COLUMNS
)
SET_ROW, CHECKIN_ROW = "set", "checkin"

MAX_PROBLEMS = 50
"""A file that is wrong everywhere is wrong in the same way everywhere: the first fifty say it."""


@dataclass(frozen=True)
class ImportResult:
    added: int = 0  # sessions restored
    skipped: int = 0  # sessions already in the history (same id), left as they were
    sets: int = 0
    checkins: int = 0  # check-ins written; those already here are skipped
    activities: int = 0  # runs, rides and walks written; those already here are skipped
    entries: int = 0  # diary entries written; those already here are skipped
    problems: tuple[str, ...] = ()  # FILE:LINE: message; when any, nothing was written

    @property
    def ok(self) -> bool:
        return not self.problems


def export_csv(history: History, out: TextIO, *, since: date | None = None) -> int:
    """Write the whole history to `out` (opened with newline=""); returns the sessions written.

    `since`: only sessions started on that local date or later. Each session's rows are
    written at once, as csv.writer would write them (tests/store/test_mappers.py holds
    the two to the same bytes): csv.writer took two seconds over ten years of sets.
    """
    out.write(_line(COLUMNS))
    count = 0
    for entry in history.export(since=since):
        if isinstance(entry, LooseCheckIn):
            text = checkin_mapper.csv_text(entry.row)
            out.write(f"{_NO_SESSION},{CHECKIN_ROW},{text},,{_NO_EXTRA}\r\n")
        else:
            out.write(_session_lines(entry.row, entry.sets, entry.checkins))
            count += 1
    for kept in history.activities.listed(since=since):
        out.write(
            f"{_NO_SESSION},{extras.ACTIVITY_ROW}{_AFTER_KIND},{extras.activity_cells(kept)}\r\n"
        )
    for diary_entry in history.things.listed(since):
        out.write(
            f"{_NO_SESSION},{extras.DIARY_ROW}{_AFTER_KIND},{extras.diary_cells(diary_entry)}\r\n"
        )
    return count


def append_csv(path: Path, dumps: Iterable[SessionDump]) -> None:
    """Add sessions to a CSV in the export's shape, its header first when the file is new:
    what `history delete` keeps, so that `history import` can bring them back."""
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as out:
        if new:
            out.write(_line(COLUMNS))
        for dump in dumps:
            out.write(_session_lines(*session_mapper.dump_rows(dump)))


def _session_lines(session: Row, sets: list[Row], checkins: Sequence[Row]) -> str:
    """A session's rows: one per set (or one with empty set cells), then its check-ins."""
    before = session_mapper.csv_text(session) + ","
    flare = session_mapper.csv_later(session)
    between = f",{_SET_KIND},{flare},"
    if not sets:
        lines = [f"{before}{_NO_SET}{between}{_NO_EXTRA}\r\n"]
    else:
        text = set_mapper.csv_text
        lines = [f"{before}{text(entry, between)}{_NO_EXTRA}\r\n" for entry in sets]
    for checkin in checkins:
        cells = checkin_mapper.csv_text(checkin)
        lines.append(f"{before}{_NO_SET},{CHECKIN_ROW},{cells},{flare},{_NO_EXTRA}\r\n")
    return "".join(lines)


def _line(cells: Sequence[str]) -> str:
    return ",".join(cells) + "\r\n"  # column names: nothing to quote


_NO_SET = "," * (len(SET_COLUMNS) - 1)
_NO_SESSION = "," * (len(SESSION_COLUMNS + SET_COLUMNS) - 1)
_SET_KIND = SET_ROW + "," * (len(CHECKIN_COLUMNS) - 1)
_NO_EXTRA = "," * len(EXTRA_COLUMNS)
_AFTER_KIND = "," * (len(CHECKIN_COLUMNS) - 1 + len(LATER_SESSION_COLUMNS + LATER_SET_COLUMNS))
"""The empty cells between an activity's or a diary entry's kind and its own cells."""


def import_csv(history: History, path: Path) -> ImportResult:
    """Restore an export into `history`: new sessions are added, known ones skipped."""
    reader = _Reader(path)
    dumps = reader.read()
    problems = _capped(reader.problems, path)
    if problems:
        return ImportResult(problems=tuple(problems))
    result = history.restore(dumps, reader.checkins, reader.activities, reader.entries)
    if not result.saved:
        return ImportResult(problems=(f"{path}: nothing was imported: {history.notice}",))
    return ImportResult(
        added=result.added,
        skipped=result.skipped,
        sets=result.sets,
        checkins=result.checkins,
        activities=result.activities,
        entries=result.entries,
    )


def _capped(problems: list[str], path: Path) -> list[str]:
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        return [*problems[:MAX_PROBLEMS], f"{path}: and {more} more problems"]
    return problems


def read_csv(path: Path) -> tuple[list[SessionDump], list[CheckIn], list[str]]:
    """The sessions and every check-in in an export (those of a session are also in its
    dump), or every problem with it (then neither)."""
    reader = _Reader(path)
    dumps = reader.read()
    problems = _capped(reader.problems, path)
    if problems:
        return [], [], problems
    return dumps, reader.checkins, []


# -- reading ---------------------------------------------------------------


@dataclass
class _Session:
    summary: SessionSummary
    cells: list[str]  # as first seen, to check that later rows agree
    line: int
    sets: dict[int, tuple[SetEntry, int]] = field(default_factory=dict)
    checkins: list[CheckIn] = field(default_factory=list)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.checkins: list[CheckIn] = []  # in the file's order, of a session or of none
        self.activities: list[KeptActivity] = []
        self.entries: list[DiaryEntry] = []
        self._extra_ids: dict[str, int] = {}  # an activity's or entry's id -> its first line
        self._checkin_ids: dict[str, int] = {}  # id -> the line it was first seen on
        self._line = 0

    def read(self) -> list[SessionDump]:
        text = self._text()
        if text is None:
            return []
        rows = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(rows, None)
            if header is None:
                self._problem("the file is empty; an export starts with a header row", 1)
                return []
            columns = self._columns(header)
            if columns is None:
                return []
            sessions: dict[str, _Session] = {}
            while True:
                self._line = rows.line_num + 1  # where the next record starts
                row = next(rows, None)
                if row is None:
                    break
                if row:  # a blank line is no row
                    self._row(row, columns, len(header), sessions)
        except csv.Error as error:
            self._problem(f"this is not CSV a spreadsheet would read: {error}", rows.line_num)
        return [_dump(session) for session in sessions.values()]

    def _text(self) -> str | None:
        try:
            data = self.path.read_bytes()
        except OSError as error:
            self.problems.append(f"{self.path}: cannot be read: {error.strerror or error}")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self._problem("the file is not UTF-8 text (save it as CSV UTF-8)", line)
            return None

    def _columns(self, header: list[str]) -> dict[str, int] | None:
        names = [name.strip() for name in header]
        optional = set(LATER_SESSION_COLUMNS + LATER_SET_COLUMNS + EXTRA_COLUMNS)
        if "kind" not in names:  # an export from before check-ins: every row is a set
            optional |= set(CHECKIN_COLUMNS)
        missing = [n for n in COLUMNS if n not in names and n not in optional]
        if missing:
            self._problem(
                f"the header has no column {', '.join(missing)} "
                f"(a backcoach export has: {', '.join(COLUMNS)})",
                1,
            )
            return None
        return {name: names.index(name) if name in names else -1 for name in COLUMNS}

    def _row(
        self, row: list[str], columns: dict[str, int], width: int, sessions: dict[str, _Session]
    ) -> None:
        if len(row) != width:
            self._problem(f"this row has {len(row)} cells where the header has {width}")
            return
        values = {name: row[index] if index >= 0 else "" for name, index in columns.items()}
        cells = Cells(values, self._problem)
        kind = cells["kind"] if columns["kind"] >= 0 else SET_ROW
        if kind in (extras.ACTIVITY_ROW, extras.DIARY_ROW) and columns[EXTRA_COLUMNS[0]] >= 0:
            self._extra(kind, cells)
            return
        if kind not in (SET_ROW, CHECKIN_ROW):
            shown = f"'{kind}'" if kind else "empty"
            self._problem(
                f"kind is {shown}; it should be {SET_ROW}, {CHECKIN_ROW}, "
                f"{extras.ACTIVITY_ROW} or {extras.DIARY_ROW}"
            )
            return
        head = [cells[name] for name in SESSION_COLUMNS + LATER_SESSION_COLUMNS]
        if kind == CHECKIN_ROW and not any(head):
            self._checkin(cells, None)  # a check-in of no session
            return
        key = cells["session"]
        known = sessions.get(key)
        if known is None:
            summary = session_mapper.from_cells(cells)
            if summary is None:
                return
            known = sessions[key] = _Session(summary, head, self._line)
        elif head != known.cells:
            differs = next(
                n
                for n, a, b in zip(
                    SESSION_COLUMNS + LATER_SESSION_COLUMNS, head, known.cells, strict=True
                )
                if a != b
            )
            self._problem(f"session {key} has a different {differs} here than on line {known.line}")
            return
        if kind == CHECKIN_ROW:
            self._checkin(cells, known)
            return
        if all(not cells[name] for name in SET_COLUMNS):
            return  # a session without sets
        entry = set_mapper.from_cells(cells)
        if entry is None:
            return
        if entry.position in known.sets:
            earlier = known.sets[entry.position][1]
            self._problem(
                f"session {key} has position {entry.position} twice (also on line {earlier})"
            )
            return
        known.sets[entry.position] = (entry, self._line)

    def _extra(self, kind: str, cells: Cells) -> None:
        """A run, ride or walk, or a diary entry: a row of its own, each id once."""
        key = cells["activity" if kind == extras.ACTIVITY_ROW else "entry"]
        if key and key in self._extra_ids:
            cells.problem(f"{kind} {key} is here twice (also on line {self._extra_ids[key]})")
            return
        if kind == extras.ACTIVITY_ROW:
            activity = extras.activity_from_cells(cells)
            if activity is not None:
                self.activities.append(activity)
        else:
            entry = extras.diary_from_cells(cells)
            if entry is not None:
                self.entries.append(entry)
        self._extra_ids[key] = self._line

    def _checkin(self, cells: Cells, session: _Session | None) -> None:
        checkin = checkin_mapper.from_cells(cells, None if session is None else session.summary.id)
        key = cells["checkin"]
        if key in self._checkin_ids:
            cells.problem(f"check-in {key} is here twice (also on line {self._checkin_ids[key]})")
            return
        if checkin is None:
            return
        self._checkin_ids[key] = self._line
        self.checkins.append(checkin)
        if session is not None:
            session.checkins.append(checkin)

    def _problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(f"{self.path}:{self._line if line is None else line}: {message}")


def _dump(session: _Session) -> SessionDump:
    entries: Sequence[SetEntry] = [entry for _, (entry, _) in sorted(session.sets.items())]
    done = sum(entry.outcome is Outcome.DONE for entry in entries)
    summary = replace(session.summary, sets_done=done, sets_skipped=len(entries) - done)
    return SessionDump(summary, tuple(entries), tuple(session.checkins))
