"""The command line: parses arguments and hands each command to the module that does it."""

from __future__ import annotations

import argparse
import sys

from backcoach import __version__


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number; try --speed 10") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("speed must be more than 0 and at most 1000")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backcoach",
        description="A terminal coach for runners with sciatica and low-back pain. "
        "Run with no command to open the routine library.",
        epilog="This app is not a medical device. Stop any exercise that makes your symptoms "
        "worse, and see a clinician about red-flag symptoms (press ? in the app for the list).",
    )
    parser.add_argument("--version", action="version", version=f"backcoach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a routine (an id, or a path to a .yaml file)")
    play.add_argument("routine", metavar="ROUTINE")
    play.add_argument("--plain", action="store_true", help="no TUI: one line per event on stdout")
    play.add_argument("--no-sound", action="store_true", help="no audio cues")
    play.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="FACTOR",
        help="run the clock FACTOR times faster",
    )

    listing = commands.add_parser("list", help="list routines with their estimated times")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.add_argument("--exercises", action="store_true", help="list exercise ids instead")

    show = commands.add_parser("show", help="show a routine's expanded plan with its total time")
    show.add_argument("routine", metavar="ROUTINE")
    show.add_argument("--json", action="store_true", help="machine-readable output")

    validate = commands.add_parser("validate", help="check routine or exercise files")
    validate.add_argument("paths", nargs="+", metavar="PATH")

    new = commands.add_parser("new", help="start a routine of your own; prints its path")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--from", dest="source", metavar="ID", help="copy an existing routine")

    commands.add_parser("schema", help="print the JSON Schema of the routine format")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `backcoach list | head` is not an error
        sys.stderr.close()
        return 0


def _dispatch(args: argparse.Namespace) -> int:
    from backcoach import commands

    if args.command is None:
        return commands.open_library()
    if args.command == "play":
        return commands.play(
            args.routine, plain=args.plain, sound=not args.no_sound, speed=args.speed
        )
    if args.command == "list":
        return commands.list_routines(as_json=args.json, exercises=args.exercises)
    if args.command == "show":
        return commands.show(args.routine, as_json=args.json)
    if args.command == "validate":
        return commands.validate(args.paths)
    if args.command == "new":
        return commands.new(args.name, args.source)
    if args.command == "schema":
        return commands.schema()
    raise AssertionError(args.command)  # argparse only lets known commands through
