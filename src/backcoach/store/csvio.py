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
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO, TypeVar

from backcoach.core.backcheck import Reach, parse_reach, parse_score
from backcoach.core.durations import parse_load
from backcoach.core.session import Outcome
from backcoach.store.history import History
from backcoach.store.records import (
    CheckIn,
    Phase,
    SessionDump,
    SessionId,
    SessionSummary,
    SetEntry,
    Status,
)
from backcoach.store.times import from_text, to_text

SESSION_COLUMNS = (
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
SET_COLUMNS = (
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
LATER_SESSION_COLUMNS = ("flare",)
"""Session columns added after the first exports, at the end so that the others keep their
places; an older export lacks them, and their cells read as empty (flare: no)."""
CHECKIN_COLUMNS = (
    "kind",
    "checkin",
    "taken_at",
    "back",
    "leg",
    "reach",
    "note",
    "phase",
)
"""An export from before check-ins has none of them: every row is a set."""
LATER_SET_COLUMNS = ("planned_reps_top",)
"""Set columns added later still (the top of a planned rep range), at the very end; an
older export lacks them, and their cells read as empty."""
COLUMNS = (
    SESSION_COLUMNS + SET_COLUMNS + CHECKIN_COLUMNS + LATER_SESSION_COLUMNS + LATER_SET_COLUMNS
)
SET_ROW, CHECKIN_ROW = "set", "checkin"

MAX_PROBLEMS = 50
"""A file that is wrong everywhere is wrong in the same way everywhere: the first fifty say it."""

_WHOLE = re.compile(r"[0-9]+")
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
T = TypeVar("T")


@dataclass(frozen=True)
class ImportResult:
    added: int = 0  # sessions restored
    skipped: int = 0  # sessions already in the history (same id), left as they were
    sets: int = 0
    checkins: int = 0  # check-ins written; those already here are skipped
    problems: tuple[str, ...] = ()  # FILE:LINE: message; when any, nothing was written

    @property
    def ok(self) -> bool:
        return not self.problems


def export_csv(history: History, out: TextIO, *, since: date | None = None) -> int:
    """Write the whole history to `out` (opened with newline=""); returns the sessions written.

    `since`: only sessions started on that local date or later.
    """
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    no_session = [""] * len(SESSION_COLUMNS + SET_COLUMNS)
    loose = [c for c in history.checkins(since=since) if c.session is None]
    for dump in history.dump(since=since):
        while loose and loose[0].taken_at <= dump.session.started_at:
            writer.writerow([*_checkin_row(no_session, loose.pop(0)), "", ""])
        _write_session(writer, dump)
        count += 1
    for checkin in loose:
        writer.writerow([*_checkin_row(no_session, checkin), "", ""])
    return count


def append_csv(path: Path, dumps: Iterable[SessionDump]) -> None:
    """Add sessions to a CSV in the export's shape, its header first when the file is new:
    what `history delete` keeps, so that `history import` can bring them back."""
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        if new:
            writer.writerow(COLUMNS)
        for dump in dumps:
            _write_session(writer, dump)


def _write_session(writer: Any, dump: SessionDump) -> None:
    """A session's rows: one per set (or one with empty set cells), then its check-ins."""
    no_set = [""] * len(SET_COLUMNS)
    head = _session_cells(dump.session)
    tail = ["yes" if dump.session.flare else "no"]
    if not dump.sets:
        writer.writerow(head + no_set + _set_kind() + tail + [""])
    for entry in dump.sets:
        top = _optional(entry.planned_reps_top)
        writer.writerow(head + _set_cells(entry) + _set_kind() + tail + [top])
    for checkin in dump.checkins:
        writer.writerow(_checkin_row(head + no_set, checkin) + tail + [""])


def import_csv(history: History, path: Path) -> ImportResult:
    """Restore an export into `history`: new sessions are added, known ones skipped."""
    dumps, checkins, problems = read_csv(path)
    if problems:
        return ImportResult(problems=tuple(problems))
    result = history.restore(dumps, checkins)
    if not result.saved:
        return ImportResult(problems=(f"{path}: nothing was imported: {history.notice}",))
    return ImportResult(
        added=result.added, skipped=result.skipped, sets=result.sets, checkins=result.checkins
    )


def read_csv(path: Path) -> tuple[list[SessionDump], list[CheckIn], list[str]]:
    """The sessions and every check-in in an export (those of a session are also in its
    dump), or every problem with it (then neither)."""
    reader = _Reader(path)
    dumps = reader.read()
    problems = reader.problems
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], f"{path}: and {more} more problems"]
    if problems:
        return [], [], problems
    return dumps, reader.checkins, []


# -- writing ---------------------------------------------------------------


def _session_cells(session: SessionSummary) -> list[str]:
    return [
        session.id,
        to_text(session.started_at),
        "" if session.ended_at is None else to_text(session.ended_at),
        session.status.value,
        session.routine_id,
        session.routine_source,
        session.title,
        session.plan_hash,
        "yes" if session.practice else "no",
    ]


def _set_cells(entry: SetEntry) -> list[str]:
    return [
        str(entry.position),
        entry.exercise_id,
        entry.exercise_name,
        entry.side or "",
        str(entry.set_number),
        str(entry.set_count),
        _optional(entry.planned_reps),
        _optional(entry.reps),
        "" if entry.load is None else str(entry.load),
        repr(entry.seconds),
        entry.outcome.value,
    ]


def _set_kind() -> list[str]:
    return [SET_ROW] + [""] * (len(CHECKIN_COLUMNS) - 1)


def _checkin_row(before: list[str], checkin: CheckIn) -> list[str]:
    """`before`: the cells ahead of the check-in's own (its session's, or empty ones)."""
    return [
        *before,
        CHECKIN_ROW,
        checkin.id,
        to_text(checkin.taken_at),
        str(checkin.back),
        str(checkin.leg),
        checkin.reach.value,
        checkin.note,
        "" if checkin.phase is None else checkin.phase.value,
    ]


def _optional(number: int | None) -> str:
    return "" if number is None else str(number)


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
        optional = set(LATER_SESSION_COLUMNS + LATER_SET_COLUMNS)
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
        cells = {name: row[index] if index >= 0 else "" for name, index in columns.items()}
        kind = cells["kind"] if columns["kind"] >= 0 else SET_ROW
        if kind not in (SET_ROW, CHECKIN_ROW):
            shown = f"'{kind}'" if kind else "empty"
            self._problem(f"kind is {shown}; it should be {SET_ROW} or {CHECKIN_ROW}")
            return
        head = [cells[name] for name in SESSION_COLUMNS + LATER_SESSION_COLUMNS]
        if kind == CHECKIN_ROW and not any(head):
            self._checkin(cells, None)  # a check-in of no session
            return
        key = cells["session"]
        known = sessions.get(key)
        if known is None:
            summary = self._session(cells)
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
        entry = self._set(cells)
        if entry is None:
            return
        if entry.position in known.sets:
            earlier = known.sets[entry.position][1]
            self._problem(
                f"session {key} has position {entry.position} twice (also on line {earlier})"
            )
            return
        known.sets[entry.position] = (entry, self._line)

    def _session(self, cells: dict[str, str]) -> SessionSummary | None:
        count = len(self.problems)
        session = self._need(cells, "session")
        started = self._parse(cells, "started_at", from_text, _MOMENT)
        ended = self._maybe(cells, "ended_at", from_text, _MOMENT)
        status = self._parse(cells, "status", Status, "running, finished or stopped")
        routine = self._need(cells, "routine")
        source = self._need(cells, "routine_source")
        practice = self._parse(cells, "practice", lambda text: _YES[text.lower()], "yes or no")
        flare = self._maybe(cells, "flare", lambda text: _YES[text.lower()], "yes or no, or empty")
        if len(self.problems) > count or started is None or status is None or practice is None:
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

    def _set(self, cells: dict[str, str]) -> SetEntry | None:
        count = len(self.problems)
        position = self._parse(cells, "position", _whole, _WHOLE_WORDS)
        exercise = self._need(cells, "exercise")
        side = self._maybe(cells, "side", _side, "left or right, or empty")
        set_number = self._parse(cells, "set", _counting, "a whole number from 1")
        set_count = self._parse(cells, "sets", _counting, "a whole number from 1")
        planned = self._maybe(cells, "planned_reps", _whole, _WHOLE_WORDS)
        top = self._maybe(cells, "planned_reps_top", _whole, _WHOLE_WORDS)
        reps = self._maybe(cells, "reps", _whole, _WHOLE_WORDS)
        load = self._maybe(cells, "load", parse_load, "like 20 kg, 45 lb or bodyweight")
        seconds = self._parse(cells, "seconds", _seconds, "a number of seconds, like 31.5")
        outcome = self._parse(cells, "outcome", Outcome, "done or skipped")
        if (
            len(self.problems) > count
            or position is None
            or set_number is None
            or set_count is None
            or seconds is None
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
            seconds=seconds,
            outcome=outcome,
            planned_reps_top=top,
        )

    def _checkin(self, cells: dict[str, str], session: _Session | None) -> None:
        count = len(self.problems)
        key = self._need(cells, "checkin")
        taken = self._parse(cells, "taken_at", from_text, _MOMENT)
        back = self._parse(cells, "back", lambda text: parse_score(text, "back"), _PAIN)
        leg = self._parse(cells, "leg", lambda text: parse_score(text, "leg"), _PAIN)
        reach = self._parse(cells, "reach", _reach, "none, buttock, thigh, knee or foot")
        phase = self._maybe(cells, "phase", Phase, "before, after or later, or empty")
        if phase is not None and session is None:
            self._problem(f"phase is '{phase.value}', but the row names no session")
        if key in self._checkin_ids:
            self._problem(f"check-in {key} is here twice (also on line {self._checkin_ids[key]})")
        if len(self.problems) > count or taken is None or back is None or leg is None:
            return
        assert reach is not None
        self._checkin_ids[key] = self._line
        checkin = CheckIn(
            id=key,
            taken_at=taken,
            back=back,
            leg=leg,
            reach=reach,
            note=cells["note"],
            session=None if session is None else session.summary.id,
            phase=phase,
        )
        self.checkins.append(checkin)
        if session is not None:
            session.checkins.append(checkin)

    def _need(self, cells: dict[str, str], name: str) -> str:
        if not cells[name].strip():
            self._problem(f"{name} is empty")
        return cells[name]

    def _parse(
        self, cells: dict[str, str], name: str, parse: Callable[[str], T], expected: str
    ) -> T | None:
        text = cells[name]
        try:
            return parse(text)
        except (ValueError, KeyError):  # DurationError and CheckInError are ValueErrors
            shown = f"'{text}'" if text else "empty"
            self._problem(f"{name} is {shown}; it should be {expected}")
            return None

    def _maybe(
        self, cells: dict[str, str], name: str, parse: Callable[[str], T], expected: str
    ) -> T | None:
        return None if cells[name] == "" else self._parse(cells, name, parse, expected)

    def _problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(f"{self.path}:{self._line if line is None else line}: {message}")


_MOMENT = "a date and time with its UTC offset, like 2026-11-17T18:05:00+01:00"
_PAIN = "a whole number from 0 to 10"
_WHOLE_WORDS = "a whole number from 0 (digits only)"


def _whole(text: str) -> int:
    if not _WHOLE.fullmatch(text) or len(text) > 9:  # a billion reps is a typo
        raise ValueError(text)
    return int(text)


def _counting(text: str) -> int:
    number = _whole(text)
    if number < 1:
        raise ValueError(text)
    return number


def _reach(text: str) -> Reach:
    if text != text.strip().lower() or text.isdigit():  # the file holds exactly the names
        raise ValueError(text)
    return parse_reach(text)


def _side(text: str) -> str:
    if text not in ("left", "right"):
        raise ValueError(text)
    return text


def _seconds(text: str) -> float:
    number = float(text)
    if not math.isfinite(number) or number < 0:
        raise ValueError(text)
    return number


def _dump(session: _Session) -> SessionDump:
    entries: Sequence[SetEntry] = [entry for _, (entry, _) in sorted(session.sets.items())]
    done = sum(entry.outcome is Outcome.DONE for entry in entries)
    summary = replace(session.summary, sets_done=done, sets_skipped=len(entries) - done)
    return SessionDump(summary, tuple(entries), tuple(session.checkins))
