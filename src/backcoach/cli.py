"""The command line: parses arguments and hands each command to the module that does it."""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import math
import os
import re
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from backcoach import __version__
from backcoach.telling import silence_stdout

SPEED_MIN, SPEED_MAX = 0.1, 1000.0
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number; try --speed 10") from None
    if not math.isfinite(value) or not SPEED_MIN <= value <= SPEED_MAX:
        raise argparse.ArgumentTypeError(
            f"'{text}' is out of range; give a number from {SPEED_MIN:g} to {SPEED_MAX:g}, "
            "such as --speed 10"
        )
    return value


def _since(text: str) -> date:
    from backcoach.core.wording import one_line

    example = "write it as YYYY-MM-DD, such as 2026-11-01"
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise argparse.ArgumentTypeError(f"'{one_line(text)}' is not a date; {example}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a day on the calendar; {example}"
        ) from None


_ROUTINE_HELP = (
    "a routine id, such as strength ('backcoach list' lists them), or a path to a .yaml file"
)


class _Parser(argparse.ArgumentParser):
    """argparse, except that a help or version text that cannot be written is an error:
    argparse drops write errors, so `--help > /dev/full` would pass for success."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            (file or sys.stderr).write(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backcoach",
        description="A terminal coach for runners with sciatica and low-back pain. "
        "Run with no command to open the routine library.",
        epilog="This app is not a medical device. Stop any exercise that makes your symptoms "
        "worse, and see a clinician about red-flag symptoms (press ? in the app for the list).",
    )
    parser.add_argument("--version", action="version", version=f"backcoach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a routine (an id, or a path to a .yaml file)")
    play.add_argument("routine", metavar="ROUTINE", help=_ROUTINE_HELP)
    play.add_argument("--plain", action="store_true", help="no TUI: one line per event on stdout")
    play.add_argument("--no-sound", action="store_true", help="no audio cues")
    play.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="FACTOR",
        help=f"run the clock FACTOR times faster ({SPEED_MIN:g} to {SPEED_MAX:g})",
    )
    flare = play.add_mutually_exclusive_group()
    flare.add_argument(
        "--flare",
        action="store_true",
        help="switch flare-up mode on (or renew it) and play the routine's gentler version",
    )
    flare.add_argument(
        "--usual",
        action="store_true",
        help="play the routine as written this once, even while flare-up mode is on",
    )

    flare_mode = commands.add_parser(
        "flare",
        help="flare-up mode: switch it on (or renew it), off, or say whether it is on",
    )
    flare_mode.add_argument(
        "action",
        nargs="?",
        choices=("on", "off", "status"),
        default="status",
        help="on: gentler routines for the days set in settings.yaml (3 unless changed); "
        "off: the usual routines again; status (the default): whether it is on, and until when",
    )

    listing = commands.add_parser("list", help="list routines with their estimated times")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.add_argument("--exercises", action="store_true", help="list exercise ids instead")

    show = commands.add_parser("show", help="show a routine's expanded plan with its total time")
    show.add_argument("routine", metavar="ROUTINE", help=_ROUTINE_HELP)
    show.add_argument(
        "--json",
        action="store_true",
        help="machine-readable: the summary, tags, cautions and every timed part",
    )
    show.add_argument(
        "--flare",
        action="store_true",
        help="show the routine's gentler flare-up version (without switching the mode on)",
    )

    exercise = commands.add_parser(
        "show-exercise", help="show an exercise's cues, caution, stop rules and picture"
    )
    exercise.add_argument(
        "exercise",
        metavar="ID",
        help="an exercise id, such as prone-press-up ('backcoach list --exercises' lists them)",
    )
    exercise.add_argument("--json", action="store_true", help="machine-readable output")

    validate = commands.add_parser(
        "validate", help="check routine or exercise files, by path or by id"
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a .yaml file, a folder of them, or the id of a routine or exercise (such as "
        "strength); each problem is printed as PATH:LINE:COL. Without one, your own "
        "routines and exercises are checked",
    )

    new = commands.add_parser("new", help="start a routine of your own; prints its path")
    new.add_argument(
        "name",
        metavar="NAME",
        help="the new routine's id and file name: lowercase letters, digits and dashes, "
        "such as evening-stretch",
    )
    new.add_argument(
        "--from",
        dest="source",
        metavar="ID",
        help="copy this routine (bundled or yours) instead of the starter",
    )
    new.add_argument(
        "--title",
        metavar="TEXT",
        help="the title shown in the library (default: made from NAME, and unlike any other)",
    )

    edit = commands.add_parser(
        "edit", help="edit a routine in the app's editor, which checks it as you type"
    )
    edit.add_argument(
        "name",
        metavar="NAME",
        help="a routine id (yours; a bundled one opens as a copy; a new id starts one) or a path",
    )
    edit.add_argument(
        "--external",
        action="store_true",
        help="open it in $EDITOR instead, and check it when the editor closes",
    )
    commands.add_parser("schema", help="print the JSON Schema of the routine format")

    checkin = commands.add_parser(
        "checkin",
        help="record how your back and leg feel now (a pain diary)",
        description="Record a check-in at any time, such as each morning. The first one on a "
        "later day than a session, or at least 8 hours after it, counts as that session's "
        "later check, and is compared with the check before it: 2 points higher, or symptoms "
        "reaching further down the leg, is worse. One taken sooner is the session's after "
        "check: too soon to say how the back took it, so it never lets the load go up.",
    )
    checkin.add_argument(
        "--back",
        required=True,
        metavar="N",
        help="back pain from 0 (none) to 10 (the worst you can imagine)",
    )
    checkin.add_argument(
        "--leg",
        required=True,
        metavar="N",
        help="leg pain from 0 (none) to 10 (the worst you can imagine)",
    )
    checkin.add_argument(
        "--reach",
        required=True,
        metavar="WHERE",
        help="how far down the leg the symptoms reach: none, buttock, thigh, knee (below "
        "the knee) or foot",
    )
    checkin.add_argument(
        "--note", default="", metavar="TEXT", help="a few words to keep with it (optional)"
    )
    checkin.add_argument(
        "--at",
        metavar='"YYYY-MM-DD HH:MM"',
        help="when you felt it, for a check-in forgotten earlier (never in the future)",
    )

    history = commands.add_parser(
        "history",
        help="your sessions and sets; 'history import FILE.csv' restores an export",
        usage="%(prog)s [--json | --csv] [--since YYYY-MM-DD]\n       %(prog)s import FILE.csv\n"
        "       %(prog)s delete ID [--yes]\n"
        '       %(prog)s add ROUTINE --at "YYYY-MM-DD HH:MM" [--practice | --flare]\n'
        "       %(prog)s edit ID --set N [--reps R] [--load L]",
        description="Without options: your latest 20 sessions, newest first, each with the "
        "first characters of its id. --json and --csv give every session with its sets. "
        "'backcoach history import FILE.csv' adds the sessions of an export made with --csv "
        "(on this computer or another); delete, add and edit correct the history.",
    )
    shape = history.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="every session with its sets, as JSON")
    shape.add_argument(
        "--csv", action="store_true", help="every set as a CSV row (what import reads back)"
    )
    history.add_argument(
        "--since",
        type=_since,
        metavar="YYYY-MM-DD",
        help="only sessions from that day on (the table then shows all of them)",
    )
    actions = history.add_subparsers(
        dest="history_command",
        title="restoring an export, and correcting the history",
        metavar="{import,delete,add,edit}",
        prog="backcoach history",
    )
    restore = actions.add_parser(
        "import",
        description="Add the sessions of a CSV made with 'backcoach history --csv'. Sessions "
        "already in your history are skipped, so importing twice adds nothing. A file with "
        "any problem is reported as FILE:LINE: lines, and nothing is written.",
    )
    restore.add_argument(
        "file", metavar="FILE.csv", help="a file written by 'backcoach history --csv'"
    )
    remove = actions.add_parser(
        "delete",
        help="delete a session (it is kept in deleted-sessions.csv, which import restores)",
        description="Delete one session and its sets. It asks first; its check-ins stay in "
        "your pain diary, and the session is kept in deleted-sessions.csv in your folder, "
        "so that 'backcoach history import' brings it back.",
    )
    remove.add_argument("id", metavar="ID", help="the session's id, or its first characters")
    remove.add_argument("--yes", action="store_true", help="delete without asking (for scripts)")
    done_away = actions.add_parser(
        "add",
        help="add a session done away from the app, every set as planned",
        description="Add a session you did without backcoach, every set as the routine "
        "plans it; correct a set afterwards with 'backcoach history edit'.",
    )
    done_away.add_argument("routine", metavar="ROUTINE", help=_ROUTINE_HELP)
    done_away.add_argument(
        "--at", required=True, metavar='"YYYY-MM-DD HH:MM"', help="when you began it"
    )
    kind = done_away.add_mutually_exclusive_group()
    kind.add_argument("--practice", action="store_true", help="keep it marked as practice")
    kind.add_argument("--flare", action="store_true", help="it was the gentler flare-up version")
    change = actions.add_parser(
        "edit",
        help="correct the reps or load of one set of a past session",
        description="Correct one set: --reps above 0 marks it done, 0 skipped; --load "
        "replaces the load kept (such as 22.5 kg or bodyweight). 'backcoach history edit ID' "
        "alone lists the session's sets with their numbers.",
    )
    change.add_argument("id", metavar="ID", help="the session's id, or its first characters")
    change.add_argument(
        "--set",
        type=int,
        metavar="N",
        dest="set_number",
        help="which set, counted from 1 in the order played; without --set, the session's "
        "sets are listed with their numbers",
    )
    change.add_argument("--reps", type=int, metavar="R", help="the reps you did")
    change.add_argument("--load", metavar="L", help="the load you used, such as 22.5 kg")
    _add_activity(commands)
    _add_diary(commands)
    insights = commands.add_parser(
        "insights",
        help="what went with better or worse mornings, from your diary and check-ins",
        description="For each thing in your diary, each sport and each routine: next-morning "
        "back and leg pain after days with it against days without it, with an interval "
        "that says how sure it is. What went together, not proof.",
    )
    insights.add_argument("--json", action="store_true", help="as JSON")
    _add_try(commands)
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= 365:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days from 1 to 365")
    return int(text)


def _add_try(commands: argparse._SubParsersAction[_Parser]) -> None:
    trial = commands.add_parser(
        "try",
        help="a trial on yourself: two things on blocks of days in a random order",
        description="Compare two things (or a thing against nothing) on blocks of days in "
        "a random order, balanced so that each pair of blocks has one of each; the next "
        "morning's check-in is the outcome.",
    )
    actions = trial.add_subparsers(
        dest="try_command",
        metavar="{start,today,status,stop,result}",
        prog="backcoach try",
        required=True,
    )
    begin = actions.add_parser("start", help="start one (one runs at a time)")
    begin.add_argument("a", metavar="A", help="a thing, such as ice")
    begin.add_argument("b", metavar="B", help="another, such as heat, or nothing")
    begin.add_argument("--days", type=_positive, default=14, help="how many days (default 14)")
    begin.add_argument("--block", type=_positive, default=2, help="days in a block (default 2)")
    begin.add_argument("--from", dest="first", type=_since, metavar="YYYY-MM-DD", help="first day")
    actions.add_parser("today", help="which one today is for")
    actions.add_parser("status", help="days done, missed and to come, of each experiment")
    actions.add_parser("stop", help="stop the running experiment")
    outcome = actions.add_parser("result", help="what the latest experiment showed")
    outcome.add_argument("--json", action="store_true", help="as JSON")


def _add_diary(commands: argparse._SubParsersAction[_Parser]) -> None:
    diary = commands.add_parser(
        "diary",
        help="what you did or endured for the back: ice, heat, a long drive...",
        description="Keep what you did or endured for the back, with a time: ice, heat, "
        "walk (minutes); long sitting, long drive (hours); foam roller, sprints, new shoes, "
        "poor sleep; or your own words.",
    )
    actions = diary.add_subparsers(
        dest="diary_command", metavar="{add,list,delete}", prog="backcoach diary", required=True
    )
    adding = actions.add_parser("add", help="add what you did or endured")
    adding.add_argument("thing", metavar="THING", help="such as ice, heat, 'long drive'")
    adding.add_argument(
        "amount", nargs="?", metavar="AMOUNT", help="minutes or hours, as the thing takes"
    )
    adding.add_argument(
        "--at", metavar='"YYYY-MM-DD HH:MM"', help="when it happened (default: now)"
    )
    adding.add_argument("--note", default="", metavar="TEXT", help="a few words to keep with it")
    shown = actions.add_parser("list", help="the diary, newest first")
    shown.add_argument("--since", type=_since, metavar="YYYY-MM-DD", help="from that day on")
    shown.add_argument("--json", action="store_true", help="as JSON")
    gone = actions.add_parser("delete", help="delete one entry")
    gone.add_argument("id", metavar="ID", help="the entry's id, or its first characters")
    gone.add_argument("--yes", action="store_true", help="delete without asking (for scripts)")


def _add_activity(commands: argparse._SubParsersAction[_Parser]) -> None:
    activity = commands.add_parser(
        "activity",
        help="runs, rides and walks: import from a watch, log by hand, check before a run",
        description="Runs, rides and walks beside the back: import them from watch files, "
        "log them by hand, list them, and check a planned run against the longest of the "
        "past 30 days.",
    )
    actions = activity.add_subparsers(
        dest="activity_command",
        metavar="{import,log,list,delete,check,shoes}",
        prog="backcoach activity",
        required=True,
    )
    bring = actions.add_parser(
        "import",
        help="read FIT, GPX and TCX files (or .gz of them), and folders of them",
        description="Read every FIT, GPX and TCX file given (plain or gzipped), and those "
        "inside the folders given, however deep. An activity already in your history is "
        "skipped, so importing the same files twice adds nothing.",
    )
    bring.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder")
    told = actions.add_parser(
        "log",
        help="log a run, ride or walk by hand",
        description="Log an activity done without a watch file.",
    )
    told.add_argument("sport", choices=("run", "ride", "walk"))
    told.add_argument("--distance", required=True, metavar="D", help="such as 5km, 3.1mi or 800m")
    told.add_argument("--time", required=True, metavar="T", help="how long: 28:30, 1:02:03 or 45m")
    told.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help="when you began (default: now)")
    told.add_argument("--effort", choices=("easy", "steady", "hard", "intervals", "sprints"))
    told.add_argument("--shoes", default="", metavar="NAME", help="which pair you wore")
    told.add_argument("--note", default="", metavar="TEXT", help="a few words to keep with it")
    shown = actions.add_parser(
        "list",
        help="your activities, newest first",
        description="Your activities, newest first, with pace or speed, effort, shoes, "
        "whether the pre-run warm-up came before a run, and runs that were a spike.",
    )
    shape = shown.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="as JSON")
    shape.add_argument("--csv", action="store_true", help="as CSV")
    shown.add_argument("--since", type=_since, metavar="YYYY-MM-DD", help="from that day on")
    gone = actions.add_parser("delete", help="delete one activity")
    gone.add_argument("id", metavar="ID", help="the activity's id, or its first characters")
    gone.add_argument("--yes", action="store_true", help="delete without asking (for scripts)")
    ahead = actions.add_parser(
        "check",
        help="before a run: compare it with your longest run of the past 30 days",
        description="Compare a planned run with the longest run of the past 30 days (the "
        "spike bands of the Garmin-RUNSAFE study), and this week's running with last week's "
        "(the sources' 10 %% rule).",
    )
    ahead.add_argument("sport", choices=("run",))
    ahead.add_argument("distance", metavar="DISTANCE", help="such as 8km or 5mi")
    pairs = actions.add_parser(
        "shoes",
        help="each pair's distance, and which are past your limit",
        description="Each pair's distance. A pair past shoes_km_limit (settings.yaml, "
        "600 km unless you change it) is pointed out until you retire it.",
    )
    pairs.add_argument("--retire", metavar="NAME", help="mark a pair retired")


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What argparse cannot say by itself: options that do not go together."""
    action = getattr(args, "history_command", None)
    if action is not None and (args.json or args.csv or args.since is not None):
        return f"history {action} takes no --json, --csv or --since"
    return None


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None:  # started with stdout closed (`>&-`): nothing could be shown
        _say("standard output is closed, so there is nowhere to write; run it without '>&-'")
        return EXIT_INVALID
    try:
        try:
            parser = build_parser()
            args = parser.parse_args(argv)
            problem = _usage_problem(args)
            if problem is not None:
                parser.error(problem)
        except SystemExit as stop:  # --help, --version and usage errors end here
            sys.stdout.flush()
            return stop.code if isinstance(stop.code, int) else EXIT_USAGE
        paused = _opens_the_app(args)
        if paused and not _stdin_open():
            _say(
                "standard input is closed, so the app cannot read your keys; run it from a "
                "terminal, or play a routine with 'backcoach play ROUTINE --plain'"
            )
            return EXIT_INVALID
        if paused:
            # The collector would walk every object the imports create, several times,
            # before the first frame: about a sixth of the start-up. The app resumes it
            # once its first screen is drawn (BackcoachApp.resume_collector).
            gc.disable()
        try:
            code = _dispatch(args)
        finally:
            if paused:  # the app never started, as for a routine that does not load
                gc.enable()
        sys.stdout.flush()  # a full disk shows up here, not at exit with a traceback
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `backcoach list | head` is not an error
        silence_stdout()
        return EXIT_OK
    except OSError as error:
        if _stdout_broken(error):
            silence_stdout()
            _say(f"cannot write the output ({error.strerror or error})")
            return EXIT_INVALID
        _say(_os_error_message(error))
        return EXIT_INVALID
    except Exception as error:  # last resort: even a bug must not greet the user with a traceback
        if os.environ.get("BACKCOACH_DEBUG"):
            raise
        _say(
            f"something went wrong inside backcoach ({type(error).__name__}: {error}). "
            "This is a bug; please report it with the command you ran "
            "(BACKCOACH_DEBUG=1 shows the details)"
        )
        return EXIT_INVALID


def _opens_the_app(args: argparse.Namespace) -> bool:
    return (
        args.command is None
        or (args.command == "play" and not args.plain)
        or (args.command == "edit" and not args.external)
    )


def _stdin_open() -> bool:
    """False when started with stdin closed (`<&-`): Python then has no sys.stdin at all."""
    return sys.stdin is not None and not sys.stdin.closed


def _say(message: str) -> None:
    """A last word on stderr; stays silent when stderr is gone too."""
    from backcoach.core.wording import visible

    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"backcoach: {visible(message)}", file=sys.stderr, flush=True)


def _stdout_broken(error: OSError) -> bool:
    """Whether the error came from writing our output rather than from a file.

    Every operation on a named file (open, stat, mkdir, rename) puts the name in the
    error; a write to a pipe or a full /dev/full has none.
    """
    return error.filename is None and error.errno in (
        errno.EPIPE,
        errno.ENOSPC,
        errno.EIO,
        errno.EBADF,
        errno.EDQUOT,
    )


def _os_error_message(error: OSError) -> str:
    reason = error.strerror or str(error)
    hint = {
        errno.EACCES: "check the folder's permissions, or set BACKCOACH_HOME to a folder you own",
        errno.EPERM: "check the folder's permissions, or set BACKCOACH_HOME to a folder you own",
        errno.EROFS: "the disk is read-only; set BACKCOACH_HOME to a folder you can write",
        errno.ENOSPC: "the disk is full; free some space and try again",
        errno.ENOTDIR: "part of that path is a file, not a folder; check BACKCOACH_HOME",
    }.get(error.errno or 0, "check the path and its permissions")
    if error.filename:
        return f"cannot use {error.filename} ({reason}); {hint}"
    return f"a file could not be read or written ({reason}); {hint}"


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        # Straight to the app: the commands module and what it imports are not needed
        # for the library's first frame (issue 11).
        from backcoach.ui.app import run_app

        return run_app(plan=None, sound=True, speed=1.0)
    from backcoach import commands

    if args.command == "play":
        return commands.play(
            args.routine,
            plain=args.plain,
            sound=not args.no_sound,
            speed=args.speed,
            flare=args.flare,
            usual=args.usual,
        )
    if args.command == "flare":
        return commands.flare(args.action)
    if args.command == "list":
        return commands.list_routines(as_json=args.json, exercises=args.exercises)
    if args.command == "show":
        return commands.show(args.routine, as_json=args.json, flare=args.flare)
    if args.command == "show-exercise":
        return commands.show_exercise(args.exercise, as_json=args.json)
    if args.command == "validate":
        return commands.validate(args.paths)
    if args.command == "new":
        return commands.new(args.name, args.source, args.title)
    if args.command == "edit":
        return commands.edit(args.name, external=args.external)
    if args.command == "schema":
        return commands.schema()
    if args.command == "checkin":
        return commands.checkin(args.back, args.leg, args.reach, args.note, args.at)
    if args.command == "history":
        if args.history_command == "import":
            return commands.history_import(args.file)
        if args.history_command == "delete":
            return commands.history_delete(args.id, yes=args.yes)
        if args.history_command == "add":
            return commands.history_add(args.routine, args.at, args.practice, args.flare)
        if args.history_command == "edit":
            return commands.history_edit(args.id, args.set_number, args.reps, args.load)
        return commands.history(as_json=args.json, as_csv=args.csv, since=args.since)
    if args.command == "activity":
        return _activity(args)
    if args.command == "try":
        from backcoach import try_commands as trial

        action = args.try_command
        if action == "start":
            return trial.start(args.a, args.b, args.days, args.block, args.first)
        if action == "today":
            return trial.today()
        if action == "status":
            return trial.status()
        if action == "stop":
            return trial.stop()
        return trial.show_result(as_json=args.json)
    if args.command == "insights":
        from backcoach.diary_commands import show_insights

        return show_insights(as_json=args.json)
    if args.command == "diary":
        from backcoach import diary_commands as diary

        if args.diary_command == "add":
            return diary.add(args.thing, args.amount, args.at, args.note)
        if args.diary_command == "list":
            return diary.listing(args.since, as_json=args.json)
        return diary.delete(args.id, yes=args.yes)
    raise AssertionError(args.command)  # argparse only lets known commands through


def _activity(args: argparse.Namespace) -> int:
    from backcoach import activity_commands as activity
    from backcoach.core.settings import load_settings

    action = args.activity_command
    if action == "log":
        return activity.log(
            args.sport, args.distance, args.time, args.at, args.effort, args.shoes, args.note
        )
    if action == "list":
        return activity.listing(args.since, as_json=args.json, as_csv=args.csv)
    if action == "delete":
        return activity.delete(args.id, yes=args.yes)
    if action == "check":
        return activity.check(args.sport, args.distance, load_settings().flare_days)
    if action == "shoes":
        return activity.shoes(args.retire, load_settings().shoes_km_limit)
    return activity.import_files(args.paths, load_settings().shoes)
