"""The real app in a pseudo-terminal, for the tests that need a terminal's own behaviour:
keys read as bytes, signals, and what is written to restore the screen."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


def read_until(fd: int, wanted: bytes, deadline: float) -> bytes:
    """Read the terminal until it has drawn `wanted` (matched with the escape codes between
    the letters taken out: a cursor or a colour may split a word). The test fails, showing
    what the terminal last drew, when the child closes the terminal or time runs out first."""
    seen, _ = _read(fd, deadline, wanted)
    if wanted not in drawn_text(seen):
        pytest.fail(f"{wanted!r} never appeared; the terminal last showed:\n{_last_words(seen)}")
    return seen


def read_to_end(fd: int, deadline: float) -> bytes:
    """Read the terminal until the child closes it. The test fails, showing what the
    terminal last drew, when it is still open at the deadline."""
    seen, closed = _read(fd, deadline, None)
    if not closed:
        pytest.fail(f"the app never closed the terminal; it last showed:\n{_last_words(seen)}")
    return seen


def _read(fd: int, deadline: float, wanted: bytes | None) -> tuple[bytes, bool]:
    """What the terminal showed until `wanted` was drawn, it closed, or the deadline passed;
    and whether it closed."""
    seen = b""
    while time.monotonic() < deadline and (wanted is None or wanted not in drawn_text(seen)):
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError as error:
            if error.errno == errno.EIO:  # the child has closed the terminal
                return seen, True
            raise
        if not chunk:
            return seen, True
        seen += chunk
    return seen, False


_CONTROL = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def drawn_text(seen: bytes) -> bytes:
    """What the terminal drew, with every escape code taken out."""
    return _CONTROL.sub(b"", seen)


def _last_words(seen: bytes) -> str:
    """The end of what the terminal drew, as text: escape codes replaced by spaces."""
    text = _CONTROL.sub(b" ", seen).decode("utf-8", "replace")
    return " ".join(text.split())[-1500:] or "(nothing)"


@contextmanager
def in_terminal(
    home: Path, *args: str, settings: str = "notice_accepted: true\ncheckins: off\n"
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`backcoach ARGS` in a 100x30 pseudo-terminal, with `settings` in a fresh `home`:
    yields the process and the terminal's end to read and type on; killed if still running."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.yaml").write_text(settings, encoding="utf-8")
    env = {**os.environ, "BACKCOACH_HOME": str(home), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "backcoach", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    try:
        yield process, main
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
