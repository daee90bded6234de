"""`backcoach history`: the sessions as a table, as JSON or as CSV, and `history import`.

Kept apart from commands.py, which stays a list of commands: this is the one command
with four shapes of output. Every text a user or a file gave (titles, names, paths) is
printed through `one_line`; JSON escapes control characters itself.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Collection, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TextIO, cast

from backcoach.coach.running_load import week_line
from backcoach.core.durations import format_clock
from backcoach.core.lasttime import DAYS
from backcoach.core.library import load_library
from backcoach.core.settings import load_settings
from backcoach.core.weekly import WEEKDAYS
from backcoach.core.wording import one_line, plural, visible
from backcoach.progress import WHAT_COUNTS, weekly_status
from backcoach.store import History, SessionId, SessionSummary
from backcoach.store.csvio import ImportResult, export_csv, import_csv
from backcoach.store.export import LooseCheckIn, SessionRows
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sessions as session_mapper
from backcoach.store.mappers.jsontext import indented as indented  # its home was here
from backcoach.telling import kept_then_told

EXIT_OK, EXIT_INVALID = 0, 1
ID_SHOWN = 8
"""The first characters of a session's id shown: enough to name it in delete and edit."""
RECENT = 20
"""Sessions the table shows without --since."""
TITLE_WIDTH = 32
SPREAD_MARK = "symptoms spread"
"""Beside a session after which the leg symptoms reached further down than before it."""
"""Longer titles are cut (with …) so that each session stays one row."""


def _err(message: str) -> None:
    print(f"backcoach: {one_line(message)}", file=sys.stderr)


def _tell_notices(history: History) -> None:
    for notice in history.notices:
        _err(notice)


# -- reading -----------------------------------------------------------------


def show(*, as_json: bool = False, as_csv: bool = False, since: date | None = None) -> int:
    history = History()
    try:
        if as_json:
            write_json(history.export(since=since), sys.stdout)
        elif as_csv:
            _csv_to_stdout(history, since)
        else:
            _table(history, since)
    finally:
        history.close()
        _tell_notices(history)
    # Nothing could be read: a backup script must not take an empty export for a good one.
    return EXIT_OK if history.enabled else EXIT_INVALID


def _csv_to_stdout(history: History, since: date | None) -> None:
    if sys.stdout.isatty():  # read by a person: control characters shown, never obeyed
        export_csv(history, cast(TextIO, _Shown(sys.stdout)), since=since)  # csv needs write()
        return
    # For a file or a pipe, every byte as it is: UTF-8 with CSV's own \r\n line ends,
    # whatever the locale's encoding and the platform's newline translation.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", newline="")
    export_csv(history, sys.stdout, since=since)


class _Shown(io.TextIOBase):
    """Writes to a terminal through `visible`: a title cannot clear the screen."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        self._out.write(visible(text.replace("\r\n", "\n")))
        return len(text)


def _table(history: History, since: date | None) -> None:
    limit = None if since is not None else RECENT + 1  # one more: are there older ones?
    sessions = history.recent_sessions(limit, since=since)
    if not sessions:
        if since is not None:
            print(f"No sessions since {_day(since)}.")
        else:
            print("No sessions yet. Each routine you play is kept here: backcoach play ROUTINE")
    else:
        more = since is None and len(sessions) > RECENT
        shown = sessions[:RECENT] if more else sessions
        spread = history.spread_sessions(s.id for s in shown)
        for line in table(shown, spread):
            print(line)
        if more:
            print(
                f"\nThe latest {RECENT} are shown. Older ones: backcoach history --since YYYY-MM-DD, "
                "or all of them with --json or --csv."
            )
    targets = weekly_targets(history, datetime.now().astimezone())
    if targets:
        print("\nThis week:")
        for line in targets:
            print(f"  {one_line(line)}")
        print(f"  ({WHAT_COUNTS[:1].lower()}{WHAT_COUNTS[1:-1]})")


def table(
    sessions: Iterable[SessionSummary], spread: Collection[SessionId] = frozenset()
) -> list[str]:
    """The rows of `history`, newest first as given: the id's first characters (what
    `history delete` and `edit` take), when, routine, time, sets, marks.

    `spread`: the sessions after which the leg symptoms reached further down (a mark).
    """
    rows = [
        (
            s.id[:ID_SHOWN],
            _when(s.started_at),
            _cut(one_line(s.title), TITLE_WIDTH),
            format_clock(s.duration.total_seconds()) if s.duration is not None else "-",
            str(s.sets_done),
            str(s.sets_skipped),
            ", ".join(filter(None, (s.marks, SPREAD_MARK if s.id in spread else ""))),
        )
        for s in sessions
    ]
    header = ("ID", "WHEN", "ROUTINE", "TIME", "DONE", "SKIPPED", "")
    width = max(len(row[2]) for row in [header, *rows])
    lines = []
    for short, when, title, time, done, skipped, marks in [header, *rows]:
        line = (
            f"{short:<{ID_SHOWN}}  {when:<20}  {title:<{width}}  {time:>7}  {done:>4}  "
            f"{skipped:>7}  {marks}"
        )
        lines.append(line.rstrip())
    return lines


def _when(moment: datetime) -> str:
    """'2026-11-17 Tue 18:05', on the clock the session was played by."""
    return f"{moment:%Y-%m-%d} {DAYS[moment.weekday()]} {moment:%H:%M}"


def _day(day: date) -> str:
    return f"{DAYS[day.weekday()]} {day.isoformat()}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def weekly_targets(history: History, now: datetime) -> list[str]:
    """This week's progress, one line per routine with a weekly target:
    "Posterior-chain strength: 1 of 2 this week · last Tue"."""
    library = load_library()
    in_use = [library.find(routine_id) for routine_id in library.ids]  # a user's copy wins
    routines = [entry.routine for entry in in_use if entry and entry.routine]
    week_starts = WEEKDAYS.index(load_settings().week_starts)
    status = weekly_status(history, routines, now, week_starts)
    lines = [f"{week.routine.title}: {week.text}" for week in status.values()]
    warmups = week_line(history, routines, now.date())
    return lines if warmups is None else [*lines, warmups]


# -- JSON --------------------------------------------------------------------


def write_json(entries: Iterable[SessionRows | LooseCheckIn], out: TextIO) -> int:
    """The sessions and loose check-ins as one JSON array, oldest first, one at a time.

    Byte for byte what `json.dumps(list, indent=2)` would print of the mappers' `as_json`,
    without ever holding ten years of sessions in memory at once. Returns the number of
    entries.
    """
    count = 0
    for entry in entries:
        if isinstance(entry, LooseCheckIn):
            text = checkin_mapper.json_text(entry.row, 1, loose=True)
        else:
            text = session_mapper.json_text(entry.row, entry.sets, entry.checkins, entry.spread, 1)
        out.write(("[\n  " if count == 0 else ",\n  ") + text)
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


# -- import ------------------------------------------------------------------


def import_file(path: Path) -> int:
    history = History()
    try:
        result = import_csv(history, path)
    finally:
        history.close()
    if not result.ok:
        for problem in result.problems:
            print(one_line(problem))
        _err(f"nothing was imported from {path}; fix the file and try again")
        return EXIT_INVALID
    _tell_notices(history)  # a damaged history moved aside before the import, say
    with kept_then_told():
        _say_imported(result, one_line(path))
    return EXIT_OK


def _say_imported(result: ImportResult, name: str) -> None:
    if result.checkins:
        print(f"Imported {plural(result.checkins, 'check-in')} from {name}.")
    if result.activities:
        print(
            f"Imported {plural(result.activities, 'run, ride or walk', 'runs, rides and walks')} from {name}."
        )
    if result.entries:
        print(f"Imported {plural(result.entries, 'diary entry', 'diary entries')} from {name}.")
    if result.added:
        print(
            f"Imported {plural(result.added, 'session')} ({plural(result.sets, 'set')}) from {name}."
        )
        if result.skipped:
            print(f"Skipped {plural(result.skipped, 'session')} already in your history.")
    elif result.skipped == 1:
        print(f"Nothing new in {name}: its one session is already in your history.")
    elif result.skipped:
        print(f"Nothing new in {name}: all {result.skipped} sessions are already in your history.")
    elif not (result.checkins or result.activities or result.entries):
        print(f"{name} holds no sessions; nothing was imported.")
