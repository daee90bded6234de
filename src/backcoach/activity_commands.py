"""`backcoach activity`: runs, rides and walks beside the back.

Imported from watch files (activities/ reads them), or logged by hand; listed with their
pace, shoes and whether the pre-run warm-up came before; checked before a run against the
longest of the past 30 days (core/running.py holds the rules and their sources).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from backcoach.coach.running_load import RunMarks, marked, warmup_week_line
from backcoach.core.activity import (
    Activity,
    ActivityInputError,
    Effort,
    Sport,
    kilometres,
    pace,
    parse_distance,
    parse_time,
)
from backcoach.core.durations import format_clock
from backcoach.core.running import SHOES_KM_LIMIT, shoe_use, spike_check, spikes, weekly_rule
from backcoach.core.wording import one_line, plural, quoted
from backcoach.store import History
from backcoach.store.activities import FileSeen
from backcoach.telling import confirmed, err, kept_then_told, right_now, when

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
AT_FORMAT = "%Y-%m-%d %H:%M"
ID_SHOWN = 8

SPIKE_SOURCE = (
    "Garmin-RUNSAFE, 5,205 runners (Br J Sports Med 2025): runs longer than the longest of "
    "the 30 days before had more running injuries; it studied injuries in general, not "
    "sciatica"
)
WEEKLY_SOURCE = "the sources' rule: no more than 10 % more running a week"
WHILE_SORE = (
    "Flare-up mode is on. The sources advise running less and easier while sciatica is "
    "active, a few days off hard running in a bad flare, and cycling or walking instead."
)


# -- log ----------------------------------------------------------------------


def log(
    sport: str,
    distance: str,
    time: str,
    at: str | None,
    effort: str | None,
    shoes: str,
    note: str,
) -> int:
    try:
        metres, seconds = parse_distance(distance), parse_time(time)
    except ActivityInputError as error:
        err(f"{error}; nothing was logged")
        return EXIT_USAGE
    moment = right_now().replace(second=0, microsecond=0)
    if at is not None:
        try:
            moment = datetime.strptime(at.strip(), AT_FORMAT).astimezone()
        except ValueError:
            err(
                f"--at {quoted(at)} is not a date and time like '2026-11-17 07:30'; nothing was logged"
            )
            return EXIT_USAGE
        if moment > right_now():
            err(f"--at {quoted(at)} is in the future; give when you did it; nothing was logged")
            return EXIT_INVALID
    for label, text in (("--shoes", shoes), ("--note", note)):
        if not text.isprintable() or len(text) > 200:
            err(f"{label} takes one line of at most 200 characters; nothing was logged")
            return EXIT_USAGE
    activity = Activity(
        sport=Sport(sport),
        started_at=moment,
        seconds=seconds,
        metres=metres,
        effort=None if effort is None else Effort(effort),
        shoes=shoes.strip(),
        note=note.strip(),
    )
    history = History()
    try:
        earlier = [kept.activity for kept in history.activities.listed(until=moment)]
        added = history.activities.add([activity])
        if added is None:
            for notice in history.notices:
                err(notice)
            err("the activity could not be saved")
            return EXIT_INVALID
        if not added:
            err(f"a {sport} starting {when(moment)} is already in your history; nothing was added")
            return EXIT_INVALID
        what = f"{sport} of {kilometres(metres)} in {format_clock(seconds)}"
        with kept_then_told():
            print(one_line(f"Logged a {what} on {when(moment)} (id {added[0].id[:ID_SHOWN]})."))
            if activity.sport is Sport.RUN:
                found = spike_check(metres, earlier, moment)
                if found.band is not None and found.band.is_spike:
                    print(
                        f"It was {found.band.against(_longest(found.longest, 'before'))}. "
                        "Tomorrow's check-in will tell how the back took it."
                    )
    finally:
        history.close()
    return EXIT_OK


def _longest(metres: float | None, when: str) -> str:
    days = "the past 30 days" if when == "past" else "the 30 days before"
    return f"your longest run of {days} ({kilometres(metres)})"


# -- list ---------------------------------------------------------------------

COLUMNS = (
    "id",
    "sport",
    "started_at",
    "seconds",
    "metres",
    "ascent_m",
    "heart_rate",
    "effort",
    "shoes",
    "warmed_up",
    "spike",
    "source",
    "note",
)


def listing(since: date | None, as_json: bool, as_csv: bool) -> int:
    from backcoach.core.library import load_library

    history = History()
    try:
        every = history.activities.listed()
        routines = [e.routine for e in load_library().entries if e.routine is not None]
        marks = marked(history, routines, every)
    finally:
        history.close()
    for notice in history.notices:
        err(notice)
    if not history.enabled:
        return EXIT_INVALID  # what could not be read must not pass for an empty list
    shown = [m for m in marks if since is None or m.kept.activity.started_at.date() >= since]
    shown.reverse()  # newest first
    rows = [_row(m) for m in shown]
    if as_json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif as_csv:
        writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
    else:
        _table(shown)
    return EXIT_OK


def _row(marks: RunMarks) -> dict[str, object]:
    activity = marks.kept.activity
    return {
        "id": marks.kept.id,
        "sport": activity.sport.value,
        "started_at": activity.started_at.isoformat(),
        "seconds": round(activity.seconds, 1),
        "metres": None if activity.metres is None else round(activity.metres, 1),
        "ascent_m": activity.ascent_m,
        "heart_rate": activity.heart_rate,
        "effort": None if activity.effort is None else activity.effort.value,
        "shoes": activity.shoes,
        "warmed_up": marks.warmed_up,
        "spike": None if marks.spike is None else marks.spike.name.lower(),
        "source": activity.source,
        "note": activity.note,
    }


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one that begins like a formula is quoted."""
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _table(shown: list[RunMarks]) -> None:
    if not shown:
        print(
            "No runs, rides or walks yet. Import them with 'backcoach activity import FOLDER', "
            "or log one with 'backcoach activity log run --distance 5km --time 28:30'."
        )
        return
    print(f"{'ID':<9}{'SPORT':<6}{'WHEN':<22}{'TIME':>8}{'DISTANCE':>11}  {'PACE':<11}NOTES")
    for marks in shown:
        activity = marks.kept.activity
        notes = []
        if activity.effort is not None:
            notes.append(activity.effort.value)
        if activity.shoes:
            notes.append(f"shoes: {activity.shoes}")
        if marks.warmed_up:
            notes.append("warmed up")
        if marks.spike is not None:
            notes.append(marks.spike.value)
        print(
            one_line(
                f"{marks.kept.id[:ID_SHOWN]:<9}{activity.sport.value:<6}"
                f"{when(activity.started_at):<22}{format_clock(activity.seconds):>8}"
                f"{kilometres(activity.metres):>11}  {pace(activity):<11}{', '.join(notes)}"
            )
        )
    line = warmup_week_line(shown, right_now().date())
    if line is not None:
        print(line)


# -- delete -------------------------------------------------------------------


def delete(given: str, yes: bool) -> int:
    text = given.strip().lower()
    if len(text) < 4:
        err(
            f"{quoted(given)} is too short to name an activity; give at least 4 characters of its id"
        )
        return EXIT_USAGE
    history = History()
    try:
        found = history.activities.matching(text)
        if not found:
            err(
                f"no activity has an id beginning {quoted(given)}; 'backcoach activity list' "
                "lists them; nothing was deleted"
            )
            return EXIT_INVALID
        if len(found) > 1:
            err(f"{quoted(given)} begins the ids of several activities; give more of it")
            return EXIT_INVALID
        kept = next(k for k in history.activities.listed() if k.id == found[0])
        activity = kept.activity
        what = (
            f"the {activity.sport.value} of {when(activity.started_at)}"
            f" ({kilometres(activity.metres) or format_clock(activity.seconds)})"
        )
        if not yes and not confirmed(
            f"Delete {what}? Type y and Enter to delete: ", "activity delete"
        ):
            print("Nothing was deleted.")
            return EXIT_OK
        if not history.activities.delete(kept.id):
            for notice in history.notices:
                err(notice)
            err("the activity could not be deleted")
            return EXIT_INVALID
        again = " Importing its file again brings it back." if activity.source else ""
        print(one_line(f"Deleted {what}.{again}"))
        return EXIT_OK
    finally:
        history.close()


# -- check --------------------------------------------------------------------


def check(sport: str, distance: str, flare_days: int) -> int:
    """Before a run: how it compares with the longest of the past 30 days, and this week's
    running with last week's; in flare-up mode, what the sources advise first."""
    from backcoach.core.flare_state import flare_status

    try:
        metres = parse_distance(distance)
    except ActivityInputError as error:
        err(str(error))
        return EXIT_USAGE
    now = right_now()
    history = History()
    try:
        activities = [
            kept.activity
            for kept in history.activities.listed(since=now.date() - timedelta(days=40))
        ]
    finally:
        history.close()
    flare_on = flare_status(now, flare_days).mode is not None
    for line in check_lines(metres, activities, now, flare_on):
        print(line)
    return EXIT_OK


def check_lines(
    metres: float, activities: Sequence[Activity], now: datetime, flare_on: bool
) -> Iterator[str]:
    if flare_on:
        yield WHILE_SORE
    found = spike_check(metres, activities, now)
    planned = kilometres(metres)
    if found.band is None or found.within is None:
        yield (
            f"No run in the past 30 days to compare a {planned} run with. Start with what "
            "feels easy, and let tomorrow's check-in tell how the back took it."
        )
    else:
        verdict = f"A {planned} run is {found.band.against(_longest(found.longest, 'past'))}."
        yield verdict
        if found.band.is_spike:
            yield (
                f"Up to {kilometres(found.within)} stays within 10 %. Runs in this band had "
                f"{found.band.rate_ratio} of runs within 10 %."
            )
        yield f"  Source: {SPIKE_SOURCE}."
    weekly = weekly_rule(activities, now.date(), planned=metres)
    if weekly.limit is None:
        yield f"This week with this run: {kilometres(weekly.this_week)}; no running last week to compare with ({WEEKLY_SOURCE})."
    else:
        over = "over" if weekly.over else "within"
        yield (
            f"This week with this run: {kilometres(weekly.this_week)}, against "
            f"{kilometres(weekly.last_week)} last week: {over} {kilometres(weekly.limit)}, "
            f"{WEEKLY_SOURCE}. The study above found no link between weekly change and injury."
        )


# -- shoes --------------------------------------------------------------------


def shoes(retire: str | None, limit_km: int = SHOES_KM_LIMIT) -> int:
    history = History()
    try:
        if retire is not None:
            name = retire.strip()
            if not name or not name.isprintable():
                err("--retire takes the name of a pair, as 'backcoach activity shoes' lists it")
                return EXIT_USAGE
            if not history.activities.retire_shoes(name, right_now()):
                err("the pair could not be marked retired")
                return EXIT_INVALID
            print(one_line(f"{name} is retired: listed still, no longer warned about."))
            return EXIT_OK
        used = shoe_use(
            (kept.activity for kept in history.activities.listed()),
            history.activities.retired_shoes(),
        )
    finally:
        history.close()
    if not used:
        print(
            "No shoes yet. Log a run with --shoes NAME (or set a default pair for imports "
            "with 'shoes' in settings.yaml) to count each pair's distance."
        )
        return EXIT_OK
    for pair in used:
        mark = " (retired)" if pair.retired else ""
        line = f"{pair.name}{mark}: {kilometres(pair.metres)} in {plural(pair.runs, 'activity', 'activities')}"
        if pair.worn(limit_km) and not pair.retired:
            line += (
                f"; past {limit_km} km. Worn-out shoes can bring the pain on: think about a "
                f"new pair, then 'backcoach activity shoes --retire {quoted(pair.name)}'."
            )
        print(one_line(line))
    return EXIT_OK


def _stamp(path: Path) -> FileSeen | None:
    """The file as it is now, by its full path; None when it cannot be looked at."""
    try:
        info = path.stat()
        return FileSeen(str(path.resolve()), info.st_size, info.st_mtime_ns, 0)
    except (OSError, ValueError):
        return None


# -- import -------------------------------------------------------------------


def import_files(paths: Sequence[str], default_shoes: str = "") -> int:
    """Read every activity file named or inside the folders named; keep what is new. A
    file that cannot be read is named with its reason, and the others are still kept."""
    from backcoach.activities import ActivityFileError, find_activity_files, read_activities

    files, problems = find_activity_files([Path(p) for p in paths])
    for problem in problems:
        err(str(problem))
    found: list[Activity] = []
    failed = len(problems)
    history = History()
    seen = history.activities.files_seen()
    fresh: list[FileSeen] = []
    unchanged = 0  # activities of files imported before and not changed since
    for path in files:
        stamp = _stamp(path)
        known = None if stamp is None else seen.get(stamp.path)
        if (
            stamp is not None
            and known is not None
            and known == replace(stamp, activities=known.activities)
        ):
            unchanged += known.activities
            continue
        try:
            read = read_activities(path)
        except ActivityFileError as error:
            err(f"{path}: {error}")
            failed += 1
            continue
        if stamp is not None:
            fresh.append(replace(stamp, activities=len(read)))
        runs_shod = [
            a if a.shoes or a.sport is not Sport.RUN else replace(a, shoes=default_shoes)
            for a in read
        ]
        found.extend(runs_shod)
    try:
        added = history.activities.add(found, fresh) if found or fresh else []
        every = [kept.activity for kept in history.activities.listed()] if added else []
    finally:
        history.close()
    if added is None:
        for notice in history.notices:
            err(notice)
        err("the activities could not be saved")
        return EXIT_INVALID
    skipped = len(found) - len(added) + unchanged
    counts = ", ".join(
        plural(n, sport.value)
        for sport in Sport
        if (n := sum(1 for k in added if k.activity.sport is sport))
    )
    again = (
        f"; {plural(skipped, 'activity was', 'activities were')} already there" if skipped else ""
    )
    banded = spikes(every)  # against the whole history, not only this import
    with kept_then_told():
        print(
            one_line(
                f"Imported {counts or 'nothing new'} from {plural(len(files), 'file')}{again}."
            )
        )
        for kept in added:
            band = banded.get(kept.activity.key)
            if band is not None:
                run = kept.activity
                print(
                    one_line(
                        f"  The run of {when(run.started_at)} ({kilometres(run.metres)}) was "
                        f"{band.against('the longest of the 30 days before')}."
                    )
                )
    return EXIT_INVALID if failed else EXIT_OK
