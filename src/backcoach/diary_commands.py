"""`backcoach diary`: what was done or endured for the back, with a time.

Ice, heat, a long drive, a poor night's sleep, or the person's own words (core/things.py).
The entries sit beside the check-ins, so that what went with a better or worse morning
can be looked at later.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

from backcoach.core.things import BUILT_IN, ThingError, amount_text, find_thing, parse_amount
from backcoach.core.wording import one_line, quoted
from backcoach.store import History
from backcoach.store.things import DiaryEntry
from backcoach.telling import confirmed, err, kept_then_told, right_now, when

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
AT_FORMAT = "%Y-%m-%d %H:%M"
ID_SHOWN = 8


def parse_at(text: str | None, what: str) -> datetime | str:
    """When something happened, from --at; or why it cannot be (never in the future)."""
    if text is None:
        return right_now().replace(microsecond=0)
    try:
        moment = datetime.strptime(text.strip(), AT_FORMAT).astimezone()
    except (ValueError, OverflowError):
        return f"--at {quoted(text)} is not a date and time like '2026-11-17 07:30'; {what}"
    if moment > right_now():
        return f"--at {quoted(text)} is in the future; give when it happened; {what}"
    return moment


def add(thing_text: str, amount_given: str | None, at: str | None, note: str) -> int:
    try:
        thing = find_thing(thing_text)
        amount = parse_amount(thing, amount_given)
    except ThingError as error:
        err(f"{error}; nothing was added")
        return EXIT_INVALID
    if not note.isprintable() or len(note) > 200:
        err("--note takes one line of at most 200 characters; nothing was added")
        return EXIT_INVALID
    moment = parse_at(at, "nothing was added")
    if isinstance(moment, str):
        err(moment)
        return EXIT_INVALID
    history = History()
    try:
        entry = history.things.add(thing, amount, moment, note.strip())
    finally:
        history.close()
    if entry is None:
        for notice in history.notices:
            err(notice)
        err("the entry could not be saved")
        return EXIT_INVALID
    with kept_then_told():
        print(one_line(f"Added {_what(entry)} on {when(entry.at)} (id {entry.id[:ID_SHOWN]})."))
    return EXIT_OK


def _what(entry: DiaryEntry) -> str:
    amount = amount_text(entry.thing, entry.amount)
    return f"{entry.thing.name}, {amount}" if amount else entry.thing.name


def listing(since: date | None, as_json: bool) -> int:
    history = History()
    try:
        entries = history.things.listed(since)
    finally:
        history.close()
    for notice in history.notices:
        err(notice)
    if not history.enabled:
        return EXIT_INVALID
    entries.reverse()  # newest first
    if as_json:
        rows = [
            {
                "id": e.id,
                "thing": e.thing.id,
                "name": e.thing.name,
                "amount": e.amount,
                "unit": None if e.thing.unit is None else e.thing.unit.value,
                "at": e.at.isoformat(),
                "note": e.note,
            }
            for e in entries
        ]
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    if not entries:
        known = ", ".join(thing.id for thing in BUILT_IN)
        print(
            "Nothing in the diary yet. Add what you do or endure for the back, such as "
            "'backcoach diary add ice 20' or 'backcoach diary add \"long drive\" 3'. "
            f"Things it knows with their units: {known}; any other words work too."
        )
        return EXIT_OK
    for entry in entries:
        note = f"  ({entry.note})" if entry.note else ""
        print(one_line(f"{entry.id[:ID_SHOWN]}  {when(entry.at)}  {_what(entry)}{note}"))
    return EXIT_OK


def delete(given: str, yes: bool) -> int:
    text = given.strip().lower()
    if len(text) < 4:
        err(f"{quoted(given)} is too short to name an entry; give at least 4 characters of its id")
        return EXIT_INVALID
    history = History()
    try:
        found = history.things.matching(text)
        if len(found) != 1:
            err(
                f"{quoted(given)} begins the ids of several entries; give more of it"
                if found
                else f"no diary entry has an id beginning {quoted(given)}; 'backcoach diary "
                "list' lists them; nothing was deleted"
            )
            return EXIT_INVALID
        entry = next(e for e in history.things.listed() if e.id == found[0])
        what = f"{_what(entry)} of {when(entry.at)}"
        if not yes and not confirmed(
            f"Delete {what}? Type y and Enter to delete: ", "diary delete"
        ):
            print("Nothing was deleted.")
            return EXIT_OK
        if not history.things.delete(entry.id):
            for notice in history.notices:
                err(notice)
            err("the entry could not be deleted")
            return EXIT_INVALID
        with kept_then_told():
            print(one_line(f"Deleted {what}."))
        return EXIT_OK
    finally:
        history.close()


HEAD = (
    "What went with your next mornings, from your own check-ins. This is what happened to "
    "go together, not proof that one caused the other: trying a thing on set days and not "
    "on others is the stronger test."
)


def show_insights(as_json: bool) -> int:
    from backcoach.coach.what_helps import WARNED, insights
    from backcoach.core.insights import Difference, words

    history = History()
    try:
        found = insights(history)
    finally:
        history.close()
    for notice in history.notices:
        err(notice)
    if not history.enabled:
        return EXIT_INVALID
    if as_json:

        def diff(d: Difference | None) -> dict[str, object] | None:
            if d is None:
                return None
            return {
                "mean": round(d.mean, 2),
                "low": round(d.low, 2),
                "high": round(d.high, 2),
                "clear": d.clear,
            }

        rows = [
            {
                "thing": i.thing,
                "days_with": i.days_with,
                "days_without": i.days_without,
                "back": diff(i.back),
                "leg": diff(i.leg),
            }
            for i in found
        ]
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    if not found:
        print(
            "Nothing to compare yet. Keep what you do in the diary ('backcoach diary add ice "
            "20') and check in each morning ('backcoach checkin'); after a few weeks this "
            "shows what went with better or worse mornings."
        )
        return EXIT_OK
    print(HEAD)
    for item in found:
        print(one_line(f"  {words(item, warned=item.thing in WARNED)}"))
    return EXIT_OK
