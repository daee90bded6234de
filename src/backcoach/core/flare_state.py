"""Where flare-up mode's start is kept: one line in flare-mode.txt in the user folder.

A file of its own rather than a setting: it is state the app writes whenever the mode is
switched on or ends, not a preference the user edits, and settings.yaml keeps the user's
comments only as long as backcoach does not rewrite it.
"""

from __future__ import annotations

import contextlib
import stat
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from backcoach.core import paths
from backcoach.core.flare import DEFAULT_FLARE_DAYS, FlareMode
from backcoach.core.problems import ProblemList
from backcoach.core.storage import write_atomically
from backcoach.core.wording import visible
from backcoach.core.yamltree import read_bytes

FILE_NAME = "flare-mode.txt"
_HEADER = "# backcoach: flare-up mode was switched on at this time\n"
_MAX_BYTES = 4096
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
"""Before any backcoach existed: a start earlier than this was not written by a clock."""


def flare_file() -> Path:
    return paths.user_home() / FILE_NAME


@dataclass(frozen=True)
class FlareStatus:
    mode: FlareMode | None
    """The mode while it is on; None when it is off."""
    ended: str | None = None
    """Said once: the mode ended since backcoach last looked."""


def flare_status(
    now: datetime, days: int = DEFAULT_FLARE_DAYS, *, forget_ended: bool = True
) -> FlareStatus:
    """Whether flare-up mode is on at `now`. When it has ended, the notice saying so comes
    back, and (with `forget_ended`) the file goes, so that it is said once. A file that
    cannot be read counts as off, and so does a start no clock could have written (year 1,
    year 9999), said once too. `backcoach show` reads without forgetting: it never writes."""
    text = _read_start_text()
    if text is None:
        return FlareStatus(None)
    mode = _usable(text, now, days)
    if mode is None:
        if forget_ended:
            _forget()
        return FlareStatus(
            None,
            f"{FILE_NAME} held a start backcoach cannot use ({visible(text[:40])}), so "
            "flare-up mode is off. Switch it on again if the back needs it.",
        )
    if mode.active(now):
        return FlareStatus(mode)
    if forget_ended:
        _forget()
    return FlareStatus(None, mode.ended_notice())


def _usable(text: str, now: datetime, days: int) -> FlareMode | None:
    """The mode a start written in the file stands for, or None when no clock could have
    written it: a clock set back a little still counts, one years out does not."""
    try:
        started = datetime.fromisoformat(text)
        if started.tzinfo is None:
            started = started.astimezone()
        mode = FlareMode(started, days)
        if not EARLIEST <= started <= now + timedelta(days=days):
            return None
        mode.ends.isoformat()  # far enough out, adding the days overflows
    except (ValueError, OverflowError, OSError):
        return None
    return mode


def _forget() -> None:
    path = flare_file()
    with contextlib.suppress(OSError):
        if stat.S_ISREG(path.lstat().st_mode):  # never a pipe or a folder put in its place
            path.unlink()


def start_flare_mode(now: datetime, days: int = DEFAULT_FLARE_DAYS) -> FlareMode:
    """Switch the mode on from `now` (or renew it); raises OSError when it cannot be kept."""
    write_atomically(flare_file(), _HEADER + now.isoformat(timespec="seconds") + "\n")
    return FlareMode(now, days)


def end_flare_mode() -> None:
    """Switch the mode off now; raises OSError when the file cannot be removed."""
    flare_file().unlink(missing_ok=True)


def _read_start_text() -> str | None:
    """The start as the file writes it, or None when there is no usable file: missing,
    unreadable, or not a regular file (a pipe would block, a device never end)."""
    data = read_bytes(flare_file(), ProblemList(flare_file()))
    if data is None:
        return None
    for line in data[:_MAX_BYTES].decode("utf-8", "replace").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            return text
    return None
