"""The real app in a pseudo-terminal, for the tests that need a terminal's own behaviour:
keys read as bytes, signals, and what is written to restore the screen."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


def read_until(fd: int, wanted: bytes, deadline: float) -> bytes:
    """Read the terminal until `wanted` appears, the child closes it, or time runs out."""
    seen = b""
    while time.monotonic() < deadline and wanted not in seen:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError as error:
            if error.errno == errno.EIO:  # the child has closed the terminal
                break
            raise
        if not chunk:
            break
        seen += chunk
    return seen


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
