"""What the commands say: a problem on stderr, a moment as they write it, what a
command kept once it is kept, and the question before a delete.

A change written to the history is done: if the words confirming it cannot be printed
(a full disk, a closed pipe), the command still succeeds, and says on stderr that only
the words were lost. An exit code of failure there would invite a retry, and a retry
records a check-in or an import twice.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime

# The core's words are imported where they are used: cli.py imports this module on the
# way to the library's first frame, which needs none of them.


def err(message: str) -> None:
    """One line on stderr, as every command says a problem."""
    from backcoach.core.wording import one_line

    print(f"backcoach: {one_line(message)}", file=sys.stderr)


def right_now() -> datetime:
    return datetime.now().astimezone()


def when(moment: datetime) -> str:
    """'Mon 07 Dec 2026 07:30'."""
    from backcoach.core.lasttime import DAYS

    return f"{DAYS[moment.weekday()]} {moment:%d %b %Y %H:%M}"


@contextmanager
def kept_then_told() -> Iterator[None]:
    """Print the confirmation of a change already kept inside this block."""
    try:
        yield
        sys.stdout.flush()
    except OSError as error:
        with suppress(OSError):  # stderr gone too: the exit status still says it was kept
            print(
                "backcoach: it was kept, but this could not be shown "
                f"({error.strerror or error}); do not run it again",
                file=sys.stderr,
            )
        silence_stdout()


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def confirmed(question: str, command: str) -> bool:
    """A yes typed at the terminal. Without one (a pipe, a script) it is no, and `command`
    (such as 'history delete') is told to take --yes."""
    try:
        if sys.stdin is None or not sys.stdin.isatty():
            print(
                f"backcoach: {command} asks before it deletes; add --yes to delete from a script",
                file=sys.stderr,
            )
            return False
        answer = input(question)
    except (EOFError, OSError, ValueError):
        return False
    return answer.strip().lower() in ("y", "yes")
