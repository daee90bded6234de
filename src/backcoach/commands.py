"""What each command does; output goes to stdout, problems to stdout as PATH:LINE:COL lines."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from backcoach.core import describe, paths, yamltree
from backcoach.core.durations import format_clock
from backcoach.core.fields import ID_MAX_LENGTH, ID_PATTERN
from backcoach.core.flare import FLARE_OFFER, FlareMode, badged_title, flare_changes, flare_variant
from backcoach.core.flare_state import FlareStatus, end_flare_mode, flare_status, start_flare_mode
from backcoach.core.library import Library, load_library, resolve, retitle, scan_folder
from backcoach.core.loader import (
    exercises_from_tree,
    is_exercise_file,
    routine_from_tree,
)
from backcoach.core.model import Exercise, ExerciseStep, Routine
from backcoach.core.plan import Kind, Plan, build_plan
from backcoach.core.problems import Problem, ProblemList, did_you_mean
from backcoach.core.progression import Proposal
from backcoach.core.routine_text import STARTER, USER_SCHEMA_REF
from backcoach.core.storage import write_atomically
from backcoach.core.wording import (
    ESTIMATE_NOTE,
    estimated,
    one_line,
    plural,
    quoted,
    stop_rule_lines,
    visible,
)

if TYPE_CHECKING:  # the store (and sqlite3) loads only for the commands that use it
    from backcoach.store import History, SessionSummary

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
_NAME = re.compile(ID_PATTERN)


def _err(message: str) -> None:
    print(f"backcoach: {one_line(message)}", file=sys.stderr)


def _print_problems(problems: list[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: (p.path, p.order)):
        print(one_line(problem))


def _load(name: str) -> tuple[Library, Plan | None, int]:
    library = load_library()
    loaded, message = resolve(library, name)
    if loaded is None:
        _err(message)
        return library, None, EXIT_INVALID
    if loaded.routine is None:
        _print_problems(loaded.problems.items)
        errors = len(loaded.problems.errors)
        _err(
            f"{plural(errors, 'problem')} found; fix {'them' if errors != 1 else 'it'} and try again"
        )
        return library, None, EXIT_INVALID
    return library, build_plan(loaded.routine), EXIT_OK


# -- list ------------------------------------------------------------------


class _Row(TypedDict):
    id: str
    title: str | None
    seconds: int | None
    time: str | None
    estimate: bool
    source: str
    tags: list[str]
    path: str
    replaces_bundled: bool
    replaced_by_user: bool
    problem: str | None
    flare: bool  # the times are of the gentler version: flare-up mode is on


def list_routines(as_json: bool, exercises: bool) -> int:
    library = load_library()
    if exercises:
        return _list_exercises(library, as_json)
    rows: list[_Row] = []
    mode = _flare_status(forget_ended=False).mode  # list never writes
    for entry in sorted(library.entries, key=lambda e: (e.id, e.source)):
        routine = entry.routine
        if routine is not None and mode is not None:
            routine = flare_variant(routine)  # what play would play while the mode is on
        plan = build_plan(routine) if routine else None
        replaced = entry.source == "bundled" and any(
            e.id == entry.id and e.source == "user" for e in library.entries
        )
        problem = entry.first_problem
        rows.append(
            {
                "id": entry.id,
                "title": routine.title if routine else None,
                "seconds": plan.total if plan else None,
                "time": format_clock(plan.total) if plan else None,
                "estimate": plan.is_estimate if plan else False,
                "source": entry.source,
                "tags": list(routine.tags) if routine else [],
                "path": str(entry.path),
                "replaces_bundled": entry.shadows_bundled,
                "replaced_by_user": replaced,
                "problem": str(problem) if problem else None,
                "flare": mode is not None and routine is not None,
            }
        )
    if as_json:  # json.dumps escapes control characters itself
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if mode is not None:
        print(
            f"Flare-up mode is on {mode.until_text()}: the times are the gentler versions'. "
            "'backcoach flare off' ends it.\n"
        )
    ids = {row["path"]: one_line(row["id"]) for row in rows}
    titles = {row["path"]: one_line(row["title"] or "") for row in rows}
    width = max([len(i) for i in ids.values()] + [2])
    title_width = max([len(t) for t in titles.values()] + [5])
    print(f"{'ID':<{width}}  {'TITLE':<{title_width}}  {'TIME':>7}  {'SOURCE':<8}  TAGS")
    for row in rows:
        rid = ids[row["path"]]
        if row["problem"]:
            print(
                f"{rid:<{width}}  {'(invalid)':<{title_width}}  {'-':>7}  {row['source']:<8}  {one_line(row['problem'])}"
            )
            continue
        time = estimated(row["time"] or "", row["estimate"])  # the JSON keeps the two apart
        note = ""
        if row["replaces_bundled"]:
            note = "  (replaces the bundled routine of this id)"
        elif row["replaced_by_user"]:
            note = "  (replaced by your own routine of this id)"
        tags = one_line(", ".join(row["tags"]))
        print(
            f"{rid:<{width}}  {titles[row['path']]:<{title_width}}  {time:>7}  {row['source']:<8}  {tags}{note}"
        )
    if any(r["estimate"] for r in rows):
        print("\n" + ESTIMATE_NOTE)
    _warn_about_exercise_files(library)
    return EXIT_OK


def _warn_about_exercise_files(library: Library) -> None:
    catalogue = library.catalogue
    for problem in library.problems + catalogue.folder_problems:
        _err(f"note: {problem}")  # a folder that cannot be read: its files are not listed
    for exercise_file in catalogue.files:
        note = exercise_file.note()
        if note:
            _err(f"note: {note}")


def _list_exercises(library: Library, as_json: bool) -> int:
    exercises = sorted(library.catalogue.exercises.values(), key=lambda e: e.id)
    if as_json:
        print(
            json.dumps(
                [{"id": e.id, "name": e.name, "source": e.source} for e in exercises], indent=2
            )
        )
        return EXIT_OK
    width = max([len(one_line(e.id)) for e in exercises] + [2])
    for exercise in exercises:
        print(f"{one_line(exercise.id):<{width}}  {one_line(exercise.name)}  ({exercise.source})")
    return EXIT_OK


# -- show ------------------------------------------------------------------


def show(name: str, as_json: bool, flare: bool = False) -> int:
    library, plan, code = _load(name)
    if plan is None:
        return code
    status = _flare_status(forget_ended=False)  # show never writes
    usual = plan.routine
    if flare or status.mode is not None:
        plan = build_plan(flare_variant(usual))
    if as_json:
        found = _proposals(plan)
        print(json.dumps({**plan_as_dict(plan), "next_loads": _proposals_as_list(found)}, indent=2))
        return EXIT_OK
    routine = plan.routine
    if status.ended is not None:
        print(one_line(status.ended))
    print(f"{one_line(badged_title(routine))}  ({one_line(routine.id)}, {routine.source})")
    if routine.summary:
        print(visible(routine.summary))
    if routine.flare:
        print("\n".join(flare_lines(usual, status.mode, library)))
    print()
    print(f"{'START':>7}  {'TIME':>6}  WHAT")
    for segment in plan.segments:
        length = estimated(format_clock(segment.seconds), segment.waits_for_user)
        note = "  (press Enter when done)" if segment.waits_for_user else ""
        indent = "" if segment.kind is Kind.WORK else "  "
        print(
            f"{format_clock(segment.offset):>7}  {length:>6}  {indent}{one_line(describe.line(segment))}{note}"
        )
    print(f"\nTotal: {plan.short_total()}")
    if plan.is_estimate:
        print(ESTIMATE_NOTE)
    next_loads = _next_loads(plan)
    if next_loads:
        print("\nNext session's load:")
        for line in next_loads:
            print(one_line(f"  {line}"))
    cautions = [
        one_line(f"  {exercise.name}: " + " ".join(lines)) for exercise, lines in _cautions(plan)
    ]
    if cautions:
        print("\nCautions:")
        print("\n".join(cautions))
    return EXIT_OK


def _cautions(plan: Plan) -> list[tuple[Exercise, list[str]]]:
    """Each exercise of the plan with a caution or stop rules, once, in the order played."""
    found = []
    seen: set[Exercise] = set()
    for segment in plan.work_segments():
        exercise = segment.exercise
        if exercise is None or exercise in seen:
            continue
        seen.add(exercise)
        lines = ([exercise.caution] if exercise.caution else []) + stop_rule_lines(exercise.stop_if)
        if lines:
            found.append((exercise, lines))
    return found


def _proposals(plan: Plan) -> list[Proposal]:
    """What the next session of the routine lifts, read from the history: only for a
    routine with a load step, so `show` of any other never opens the history."""
    if not any(isinstance(s, ExerciseStep) and s.progress for s in plan.routine.steps):
        return []
    from backcoach.progress import proposals
    from backcoach.store import History

    history = History()
    try:
        return proposals(history, plan.routine)
    finally:
        history.close()


def _next_loads(plan: Plan) -> list[str]:
    from backcoach.progress import proposal_lines

    return proposal_lines(_proposals(plan), plan.routine)


def _proposals_as_list(found: list[Proposal]) -> list[dict[str, object]]:
    return [
        {
            "exercise": p.exercise_id,
            "load": str(p.current),
            "proposed": str(p.proposed) if p.proposed else None,
            "verdict": p.verdict.value,
            "reason": p.reason,
        }
        for p in found
    ]


def plan_as_dict(plan: Plan) -> dict[str, object]:
    routine = plan.routine
    return {
        "id": routine.id,
        "title": routine.title,
        "source": routine.source,
        "summary": routine.summary,
        "tags": list(routine.tags),
        "cautions": [
            {
                "exercise": exercise.id,
                "name": exercise.name,
                "caution": exercise.caution,
                "stop_if": list(exercise.stop_if),
            }
            for exercise, _ in _cautions(plan)
        ],
        "total_seconds": plan.total,
        "total": format_clock(plan.total),
        "estimate": plan.is_estimate,
        "flare": routine.flare,
        "segments": [
            {
                "kind": s.kind.value,
                "exercise": s.exercise.id if s.exercise else None,
                "name": s.name,
                "side": s.side,
                "set": s.set_number,
                "sets": s.set_count,
                "seconds": s.seconds,
                "offset": s.offset,
                "reps": s.reps,
                "reps_top": s.reps_top,
                "tempo": s.tempo,
                "load": str(s.load) if s.load else None,
                "waits_for_user": s.waits_for_user,
            }
            for s in plan.segments
        ],
    }


# -- show-exercise -----------------------------------------------------------


def show_exercise(exercise_id: str, as_json: bool) -> int:
    library = load_library()
    exercises = library.catalogue.exercises
    exercise = exercises.get(exercise_id)
    if exercise is None:
        _err(
            f"no exercise called {quoted(exercise_id)}{did_you_mean(exercise_id, exercises)}; "
            "run 'backcoach list --exercises' to see them all"
        )
        return EXIT_INVALID
    if as_json:
        print(
            json.dumps(
                {
                    "id": exercise.id,
                    "name": exercise.name,
                    "source": exercise.source,
                    "cues": list(exercise.cues),
                    "caution": exercise.caution,
                    "stop_if": list(exercise.stop_if),
                    "picture": exercise.picture,
                },
                indent=2,
            )
        )
        return EXIT_OK
    print(f"{one_line(exercise.name)}  ({one_line(exercise.id)}, {exercise.source})")
    if exercise.cues:
        print("\nCues:")
        print("\n".join(one_line(f"  - {cue}") for cue in exercise.cues))
    if exercise.caution:
        print(f"\nCaution: {one_line(exercise.caution)}")
    if exercise.stop_if:
        print("\n".join(one_line(line) for line in stop_rule_lines(exercise.stop_if)))
    if exercise.picture:
        print()
        print("\n".join(visible(line) for line in exercise.picture.splitlines()))
    used_in = sorted(
        {
            entry.id
            for entry in library.entries
            if entry.routine is not None
            and any(getattr(step, "exercise", None) == exercise for step in entry.routine.steps)
        }
    )
    if used_in:
        print(f"\nUsed in: {one_line(', '.join(used_in))}")
    return EXIT_OK


# -- validate --------------------------------------------------------------


def validate(names: list[str]) -> int:
    library = load_library()
    files: list[Path] = []
    problems: list[Problem] = []
    if not names:  # your own files: the ones that can have mistakes in them
        for folder in (paths.user_routines(), paths.user_exercises()):
            found, folder_problem = scan_folder(folder) if folder.is_dir() else ([], None)
            if folder_problem is not None:
                problems.append(folder_problem)
            files += found
        if not files and not problems:
            print(
                f"You have no routines or exercises of your own yet (in {paths.user_routines()}"
                f" and {paths.user_exercises()}); 'backcoach new NAME' starts one"
            )
            return EXIT_OK
    for name in names:
        path = Path(name)
        try:
            is_folder = path.is_dir()
        except OSError:  # a parent that cannot be searched: the loader says so for the file
            is_folder = False
        if not is_folder and _NAME.fullmatch(name) and not os.path.lexists(path):
            found_by_id = _file_of_id(library, name)
            if found_by_id is None:
                ids = library.ids + sorted(library.catalogue.exercises)
                problems.append(
                    Problem(
                        name,
                        1,
                        1,
                        f"no such file, and no routine or exercise has this id"
                        f"{did_you_mean(name, ids)}; run 'backcoach list' to see the ids",
                    )
                )
            else:
                files.append(found_by_id)
        elif is_folder:
            found, folder_problem = scan_folder(path)
            if folder_problem is not None:
                problems.append(folder_problem)
            elif not found:
                problems.append(Problem(name, 1, 1, "folder has no .yaml files to check"))
            files += found
        else:
            files.append(path)
    bundled_ids = set(library.catalogue.bundled_ids)
    # The library has read every routine of yours already: its problems are the ones to
    # print, so that no file is parsed twice (10,000 files of yours took twice as long).
    # (Only the very same path: one typed another way is read again, to be named as typed.)
    read = {e.path: e for e in library.entries if e.source == "user"}
    for path in files:
        entry = read.get(path)
        if entry is not None:
            problems += entry.loaded.problems.items
        else:
            problems += _validate_file(path, library, bundled_ids)
    _print_problems(problems)
    errors = [p for p in problems if p.is_error]
    if errors:
        bad = len({p.path for p in errors})
        checked = len({str(f) for f in files} | {p.path for p in problems})  # with bad folders
        _err(f"{plural(len(errors), 'problem')} in {bad} of {plural(checked, 'file')}")
        return EXIT_INVALID
    print(f"{plural(len(files), 'file')} valid")
    return EXIT_OK


def _file_of_id(library: Library, name: str) -> Path | None:
    """The file behind a routine id (the user's when it replaces a bundled one), or the
    exercise file that defines an exercise id; None when neither has it."""
    entry = library.find(name)
    if entry is not None:
        return entry.path
    catalogue = library.catalogue
    exercise = catalogue.exercises.get(name)
    defining = [f.path for f in catalogue.files if name in f.used]
    if exercise is None or not defining:
        return None
    return defining[-1]  # the user's file, which wins over the bundled one


def _validate_file(path: Path, library: Library, bundled_ids: set[str]) -> list[Problem]:
    problems = ProblemList(path)
    text = yamltree.read_text(path, problems)
    root = yamltree.parse(text, problems) if text is not None else None
    if is_exercise_file(root):
        in_bundle = path.resolve().parent == paths.BUNDLED_EXERCISES.resolve()
        loaded = exercises_from_tree(root, "bundled" if in_bundle else "user", problems)
        if not in_bundle:
            for exercise_id, (line, column) in loaded.lines.items():
                if exercise_id in bundled_ids:
                    problems.add(
                        line,
                        column,
                        f"exercise '{exercise_id}' replaces the bundled one of the same id",
                        "note",
                    )
        return problems.items
    routine_from_tree(root, path, library.catalogue.exercises, "user", problems)
    return problems.items


# -- new -------------------------------------------------------------------


SCHEMA_PATH = USER_SCHEMA_REF
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_PATH}"


def new(name: str, source: str | None, title: str | None = None) -> int:
    if not _NAME.fullmatch(name) or len(name) > ID_MAX_LENGTH:
        _err(
            f"'{name}' cannot be a routine name; use lowercase letters, digits and dashes, such as my-stretches"
        )
        return EXIT_USAGE
    if title is not None and (not title.strip() or not title.isprintable()):
        _err("--title needs some text on one line, such as --title 'Evening stretch'")
        return EXIT_USAGE
    target = paths.user_routines() / f"{name}.yaml"
    library = load_library()
    title = title.strip() if title is not None else _fresh_title(library, name)
    if source is not None:
        entry = library.find(source)
        if entry is None:
            _err(library.not_found(source))
            return EXIT_INVALID
        problems = ProblemList(entry.path)
        original = yamltree.read_text(entry.path, problems)
        if original is None:
            _print_problems(problems.items)
            _err(
                f"cannot copy '{source}' until it can be read; fix the problem above and try again"
            )
            return EXIT_INVALID
        text, count = re.subn(
            r"^# yaml-language-server: \$schema=.*$",
            lambda _: SCHEMA_LINE,
            original,
            count=1,
            flags=re.MULTILINE,
        )
        if not count:
            text = f"{SCHEMA_LINE}\n{text}"
        retitled = retitle(text, title)
        if retitled is None:
            _err(f"note: the copy keeps the title of '{source}'; change 'title:' in {target}")
        text = retitled or text
    else:
        # Quoted, so that YAML 1.1 reads every title as text: `new no` must not mean false.
        text = STARTER.format(
            schema=SCHEMA_PATH,
            path=one_line(target),
            title=json.dumps(title),
        )
    try:
        write_atomically(target, text, overwrite=False)
    except FileExistsError:
        _err(f"{target} already exists; edit it, or pick another name")
        return EXIT_INVALID
    except OSError as error:
        _err(
            f"cannot write {target} ({error.strerror or error}); make sure you can write to "
            f"{target.parent}, or set BACKCOACH_HOME to a folder you own"
        )
        return EXIT_INVALID
    refresh_schema(library)
    print(one_line(target))
    if any(e.id == name and e.source == "bundled" for e in library.entries):
        _err(f"note: your '{name}' now replaces the bundled routine of the same id")
    return EXIT_OK


def _fresh_title(library: Library, name: str) -> str:
    """A title from the new id ('evening-stretch' -> 'Evening stretch') that no routine in
    the library has yet, so that two routines never share a name in the list."""
    taken = {e.routine.title.casefold() for e in library.entries if e.routine is not None}
    base = name.replace("-", " ").capitalize()
    title, number = base, 2
    while title.casefold() in taken:
        title, number = f"{base} {number}", number + 1
    return title


def refresh_schema(library: Library) -> None:
    """Bring the user folder's schema up to date, with the user's own exercise ids beside
    the bundled ones."""
    from backcoach.core.schema import refresh_user_schema_if_possible

    refresh_user_schema_if_possible(library.catalogue.exercises)


# -- schema ----------------------------------------------------------------


def schema() -> int:
    from backcoach.core.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


# -- history -------------------------------------------------------------


def history(as_json: bool, as_csv: bool, since: date | None) -> int:
    from backcoach import history_report

    return history_report.show(as_json=as_json, as_csv=as_csv, since=since)


def history_import(file: str) -> int:
    from backcoach import history_report

    return history_report.import_file(Path(file))


def history_delete(session: str, yes: bool) -> int:
    from backcoach import history_edit

    return history_edit.delete(session, yes)


def history_add(routine: str, at: str, practice: bool, flare: bool) -> int:
    from backcoach import history_edit

    return history_edit.add(routine, at, practice, flare)


def history_edit(session: str, number: int | None, reps: int | None, load: str | None) -> int:
    from backcoach import history_edit as editing

    return editing.edit(session, number, reps, load)


# -- checkin -------------------------------------------------------------


def checkin(back: str, leg: str, reach: str, note: str, at: str | None = None) -> int:
    """Record how the back and leg feel now. Taken on a later day than the last session, or
    8 hours after it, it is that session's later check; sooner, its after check."""
    from backcoach.core.backcheck import CheckInError, Reading, describe
    from backcoach.diary import Diary
    from backcoach.diary_commands import parse_at
    from backcoach.store import History, Phase
    from backcoach.telling import kept_then_told

    try:
        reading = Reading.parse(back, leg, reach)
    except CheckInError as error:
        _err(f"{error}; nothing was recorded")
        return EXIT_INVALID
    if not note.isprintable():
        _err("the note must be one line of text without control characters; nothing was recorded")
        return EXIT_INVALID
    moment = parse_at(at, "nothing was recorded")
    if isinstance(moment, str):
        _err(moment)
        return EXIT_INVALID
    history = History()
    told: list[str] = []
    try:
        now = moment
        found = history.session_to_check(now)
        session, phase = found if found is not None else (None, None)
        diary = Diary(history, on_notice=told.append)
        diary.checkin(
            reading, at=now, session=None if session is None else session.id, phase=phase, note=note
        )
        diary.close(timeout=None)  # written before anything is said about it
        if not history.enabled:
            for notice in told:
                _err(notice)
            _err("the check-in could not be saved")
            return EXIT_INVALID
        with kept_then_told():
            print(f"Check-in recorded: {describe(reading)}.")
            if session is not None and phase is Phase.LATER:
                for line in _later_check_lines(history, session):
                    print(line)
            elif session is not None:
                print(_after_check_line(session))
    finally:
        history.close()
    for notice in dict.fromkeys([*told, *history.notices]):
        _err(notice)
    return EXIT_OK


def _session_when(session: SessionSummary) -> str:
    from backcoach.core.lasttime import DAYS

    started = session.started_at
    return f"{DAYS[started.weekday()]} {started:%d %b %H:%M}"


def _after_check_line(session: SessionSummary) -> str:
    """Why a check-in soon after a session is not its later check, and when one will be."""
    from backcoach.core.backcheck import later_check_from

    ended = session.ended_at or session.started_at
    due = later_check_from(ended)
    when = f"from {due:%H:%M}" if due.date() == ended.date() else "from tomorrow"
    return (
        f"It counts as the after check of {one_line(session.title)} ({_session_when(session)}): "
        f"it is too soon to say how your back took it. A check-in {when} is its later check, "
        "which decides whether the load goes up."
    )


def _later_check_lines(history: History, session: SessionSummary) -> list[str]:
    """Which session the check-in was counted for, and how it compares with before it."""
    from backcoach.core.backcheck import later_sentence, reach_sentence

    lines = [
        f"It counts as the later check of {one_line(session.title)} ({_session_when(session)})."
    ]
    before, _, later = history.checks_around(session.id)
    if before is not None and later is not None:
        lines.append(later_sentence(before.reading, later.reading))
        spread = reach_sentence(before.reading, later.reading)
        if spread is not None:
            lines.append(spread)
    return lines


# -- play and the TUI ------------------------------------------------------


def play(
    name: str, plain: bool, sound: bool, speed: float, flare: bool = False, usual: bool = False
) -> int:
    """`flare` switches flare-up mode on (or renews it); `usual` plays the routine as
    written this once, mode or not."""
    library, plan, code = _load(name)
    refresh_schema(library)
    if plan is None:
        return code
    # The app says itself that the mode ended; the plain player says it here.
    status = _flare_status(forget_ended=plain)
    mode = _switch_flare_on() if flare else status.mode
    usual_routine = plan.routine
    if mode is not None and not usual:
        plan = build_plan(flare_variant(usual_routine))
    if plain:
        from backcoach.plain import run_plain

        if status.ended is not None and not flare:
            print(one_line(status.ended))
        if plan.routine.flare:
            print("\n".join(flare_lines(usual_routine, mode, library)), flush=True)
        return run_plain(plan, sound=sound, speed=speed)
    from backcoach.ui.app import run_app

    return run_app(plan=plan, sound=sound, speed=speed)


# -- flare-up mode ---------------------------------------------------------


def _now() -> datetime:
    return datetime.now().astimezone()


def _flare_days() -> int:
    from backcoach.core.settings import load_settings

    return load_settings().flare_days


def flare(action: str) -> int:
    """`backcoach flare on|off|status`: the same mode the app's f key and the palette
    switch, kept in the same file."""
    status = _flare_status(forget_ended=True)
    if status.ended is not None:
        print(one_line(status.ended))
    if action == "on":
        try:
            mode = start_flare_mode(_now(), _flare_days())
        except OSError as error:
            _err(f"flare-up mode could not be switched on ({error.strerror or error})")
            return EXIT_INVALID
        print(
            f"Flare-up mode is on {mode.until_text()}: routines play their gentler "
            "versions. 'backcoach flare off' ends it sooner."
        )
        return EXIT_OK
    if action == "off":
        if status.mode is None:
            print("Flare-up mode is already off.")
            return EXIT_OK
        try:
            end_flare_mode()
        except OSError as error:
            _err(f"flare-up mode could not be switched off ({error.strerror or error})")
            return EXIT_INVALID
        print("Flare-up mode is off: routines are back to their usual plan.")
        return EXIT_OK
    if status.mode is None:
        days = _flare_days()
        print(
            f"Flare-up mode is off. 'backcoach flare on' plays gentler versions of the "
            f"routines for {days} day{'s' if days != 1 else ''}."
        )
    else:
        print(
            f"Flare-up mode is on {status.mode.until_text()}: routines play their gentler versions."
        )
    return EXIT_OK


def _flare_status(forget_ended: bool) -> FlareStatus:
    return flare_status(_now(), _flare_days(), forget_ended=forget_ended)


def _switch_flare_on() -> FlareMode:
    now, days = _now(), _flare_days()
    try:
        return start_flare_mode(now, days)
    except OSError as error:
        _err(
            f"flare-up mode could not be kept for the next days ({error.strerror or error}); "
            "this run is the gentler one all the same"
        )
        return FlareMode(now, days)


def flare_lines(usual: Routine, mode: FlareMode | None, library: Library) -> list[str]:
    """What `show` and `play --plain` say about flare-up mode: how long, what changes, and
    the routine it offers."""
    if mode is not None:
        head = f"Flare-up mode {mode.until_text()}: a gentler version of this routine."
    else:
        head = (
            "Flare-up mode, as 'backcoach play --flare' plays it (which switches it on "
            f"for {_flare_days()} days): a gentler version of this routine."
        )
    changes = flare_changes(usual) or ["No step of this routine changes in flare-up mode."]
    rows = [head, *(f"  {one_line(change)}" for change in changes)]
    offer = library.find(FLARE_OFFER)
    if offer is not None and offer.routine is not None and usual.id != FLARE_OFFER:
        rows.append(
            f"A cold pack on the sore side may help too: backcoach play {one_line(FLARE_OFFER)}"
        )
    return rows


# -- edit ------------------------------------------------------------------


def edit(name: str, external: bool) -> int:
    library = load_library()
    refresh_schema(library)  # the `$schema` line of what is edited points at it
    candidate = Path(name).expanduser()
    entry = None
    if candidate.suffix in (".yaml", ".yml") or "/" in name or "\\" in name:
        path = candidate
    else:
        entry = library.find(name)
        if entry is None and (not _NAME.fullmatch(name) or len(name) > ID_MAX_LENGTH):
            _err(
                f"'{name}' is not a routine, and cannot be a new routine's id; use lowercase "
                f"letters, digits and dashes, such as my-stretches{did_you_mean(name, library.ids)}"
            )
            return EXIT_USAGE
        path = entry.path if entry is not None else paths.user_routines() / f"{name}.yaml"
    text: str | None = None
    if path.exists() or path.is_symlink():
        problems = ProblemList(path)
        text = yamltree.read_text(path, problems)
        if text is None:
            _print_problems(problems.items)
            _err("cannot edit a file that cannot be read; fix the problem above and try again")
            return EXIT_INVALID
    if external:
        if entry is not None and entry.source == "bundled":
            _err(
                f"'{name}' is bundled, so it is not yours to change; copy it first with "
                f"'backcoach new my-{name} --from {name}', then edit my-{name}"
            )
            return EXIT_INVALID
        return _edit_externally(path, text is None)
    from backcoach.ui.app import run_app
    from backcoach.ui.screens.editor import EditTarget, copy_target, new_target

    if entry is not None and entry.source == "bundled" and text is not None:
        target = copy_target(entry, text)
    elif text is not None:
        target = EditTarget(text, path)
    else:
        target = replace(new_target(path.stem), path=path)
    return run_app(plan=None, sound=True, speed=1.0, edit=target)


def _edit_externally(path: Path, is_new: bool) -> int:
    """$EDITOR on the file (the starter first, for a new one), then the file checked."""
    command = shlex.split(os.environ.get("EDITOR") or os.environ.get("VISUAL") or "")
    if not command:
        _err(
            "set EDITOR to the command of your editor, such as EDITOR=nano, or leave out --external"
        )
        return EXIT_USAGE
    if is_new:
        text = STARTER.format(
            schema=SCHEMA_PATH,
            path=one_line(path),
            title=json.dumps(_fresh_title(load_library(), path.stem)),
        )
        try:
            write_atomically(path, text, overwrite=False)
        except OSError as error:
            _err(f"cannot write {path} ({error.strerror or error}); check the folder's permissions")
            return EXIT_INVALID
    try:
        finished = subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        _err(f"cannot run the editor '{command[0]}' ({error.strerror or error}); check EDITOR")
        return EXIT_INVALID
    if finished.returncode != 0:
        _err(f"the editor exited with {finished.returncode}; checking the file as it is")
    return validate([str(path)])
