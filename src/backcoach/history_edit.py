"""`backcoach history delete | add | edit`: correcting the history from the command line.

A deleted session is appended to `deleted-sessions.csv` in the user's folder, in the
export's shape, so that `backcoach history import` brings it back (store/corrections.py,
shared with the history screen). Each change is one transaction; what the history says (targets, streaks, charts, the next load) follows at
once, since all of it is read from the history.
"""

from __future__ import annotations

import sys
from datetime import datetime

from backcoach.core.describe import reps_done
from backcoach.core.durations import DurationError, parse_load
from backcoach.core.flare import flare_variant
from backcoach.core.library import load_library
from backcoach.core.plan import build_plan
from backcoach.core.wording import one_line, plural, quoted
from backcoach.history_report import ID_SHOWN
from backcoach.progress import loads_now
from backcoach.store import History, SessionId, SessionSummary, SetEntry
from backcoach.store.corrections import delete_and_keep
from backcoach.telling import confirmed

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
AT_FORMAT = "%Y-%m-%d %H:%M"


def _err(message: str) -> None:
    print(f"backcoach: {one_line(message)}", file=sys.stderr)


def _when(session: SessionSummary) -> str:
    return f"{session.started_at:%a %d %b %Y %H:%M}"


def _find(history: History, given: str) -> SessionSummary | str:
    """The one session `given` names (its id, or the id's first characters), or why not."""
    text = given.strip().lower()
    if len(text) < 4:
        return (
            f"{quoted(given)} is too short to name a session; give at least 4 characters of its id"
        )
    found = history.find_sessions(text)
    if not found:
        return (
            f"no session has an id beginning {quoted(given)}; 'backcoach history' lists them, "
            "with the first characters of each id"
        )
    if len(found) > 1:
        return f"{quoted(given)} begins the ids of several sessions; give more of it"
    summary = history.session(found[0])
    if summary is None:
        return f"the session {quoted(given)} could not be read"
    return summary


def delete(given: str, yes: bool) -> int:
    history = History()
    try:
        found = _find(history, given)
        if isinstance(found, str):
            _err(f"{found}; nothing was deleted")
            return EXIT_INVALID
        what = f"{one_line(found.title)} of {_when(found)} ({plural(found.sets_done, 'set')} done)"
        if not yes and not confirmed(
            f"Delete {what}? Type y and Enter to delete: ", "history delete"
        ):
            print("Nothing was deleted.")
            return EXIT_OK
        deleted = delete_and_keep(history, found.id)
        if deleted.dump is None:
            _err(f"{deleted.problem}; nothing was deleted")
            return EXIT_INVALID
        undo = f" To bring it back: backcoach history import {deleted.kept}"
        print(one_line(f"Deleted {what}; its check-ins stay in your pain diary.{undo}"))
        return EXIT_OK
    finally:
        history.close()


def _list_sets(session: SessionSummary, sets: list[SetEntry]) -> None:
    """The session's sets, numbered as --set takes them."""
    print(one_line(f"{session.title} ({_when(session)}), id {session.id[:ID_SHOWN]}:"))
    if not sets:
        print("  no set was recorded")
    for number, entry in enumerate(sets, start=1):
        side = f", {entry.side} side" if entry.side else ""
        done = reps_done(entry.reps, entry.planned_reps, entry.planned_reps_top)
        numbers = ", ".join(filter(None, [f"{done} reps" if done else "", str(entry.load or "")]))
        print(
            one_line(
                f"  {number:>2}. {entry.exercise_name}{side}, set {entry.set_number} of "
                f"{entry.set_count}: {numbers or 'timed'} ({entry.outcome.value})"
            )
        )


def add(routine_id: str, at: str, practice: bool, flare: bool) -> int:
    try:
        moment = datetime.strptime(at, AT_FORMAT).astimezone()
    except ValueError:
        _err(f"--at {quoted(at)} is not a date and time like '2026-11-17 18:05'; nothing was added")
        return EXIT_USAGE
    if moment > datetime.now().astimezone():
        _err(f"--at {quoted(at)} is in the future; give when you did it; nothing was added")
        return EXIT_INVALID
    library = load_library()
    entry = library.find(routine_id)
    if entry is None or entry.routine is None:
        problem = "has problems to fix first" if entry is not None else "is not a routine you have"
        _err(f"{quoted(routine_id)} {problem} ('backcoach list' shows them); nothing was added")
        return EXIT_INVALID
    routine = flare_variant(entry.routine) if flare else entry.routine
    plan = build_plan(routine)
    history = History()
    try:
        lifted = loads_now(history, routine, moment.date())
        added = history.add_session(plan, moment, practice=practice, loads=lifted)
    finally:
        history.close()
    if added is None:
        _err("the history could not be written; nothing was added")
        return EXIT_INVALID
    sets = plural(len(plan.work_segments()), "set")
    marks = " (practice)" if practice else " (flare-up)" if flare else ""
    print(
        one_line(
            f"Added {routine.title}{marks} on {moment:%a %d %b %Y %H:%M}, {sets} as planned "
            f"(id {added[:ID_SHOWN]}). 'backcoach history edit {added[:ID_SHOWN]}' lists its "
            "sets, to correct one"
        )
    )
    return EXIT_OK


def edit(given: str, number: int | None, reps: int | None, load: str | None) -> int:
    if number is None and (reps is not None or load is not None):
        _err("history edit needs --set N; 'backcoach history edit ID' lists the sets")
        return EXIT_USAGE
    if number is not None and reps is None and load is None:
        _err("history edit needs --reps, --load or both; nothing was changed")
        return EXIT_USAGE
    if reps is not None and not 0 <= reps <= 9999:
        _err(f"--reps {reps} is not a number of reps from 0 to 9999; nothing was changed")
        return EXIT_INVALID
    try:
        new_load = None if load is None else parse_load(load)
    except DurationError as error:
        _err(f"--load: {error}; nothing was changed")
        return EXIT_INVALID
    history = History()
    try:
        found = _find(history, given)
        if isinstance(found, str):
            _err(f"{found}; nothing was changed")
            return EXIT_INVALID
        sets = history.sets(found.id)
        if number is None:
            _list_sets(found, sets)
            return EXIT_OK
        if not 1 <= number <= len(sets):
            _err(
                f"--set {number}: that session has {plural(len(sets), 'set')}, numbered from 1 "
                f"in the order played ('backcoach history edit {given}' lists them); nothing "
                "was changed"
            )
            return EXIT_INVALID
        entry = sets[number - 1]
        if reps is not None and entry.planned_reps is None:
            _err(f"set {number} is a timed set, with no reps to correct; nothing was changed")
            return EXIT_INVALID
        if not history.edit_set(SessionId(found.id), entry.position, reps=reps, load=new_load):
            _err("the history could not be written; nothing was changed")
            return EXIT_INVALID
        changed = history.sets(found.id)[number - 1]
    finally:
        history.close()
    said = [f"{changed.reps} reps" if changed.reps is not None else "", str(changed.load or "")]
    now = ", ".join(filter(None, said)) or changed.outcome.value
    print(
        one_line(
            f"Set {number} of {found.title} ({_when(found)}), {changed.exercise_name}: now "
            f"{now} ({changed.outcome.value})."
        )
    )
    return EXIT_OK
