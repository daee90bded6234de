"""Where flare-up mode's start is kept: one line in flare-mode.txt in the user folder.

A file of its own rather than a setting: it is state the app writes whenever the mode is
switched on or ends, not a preference the user edits, and settings.yaml keeps the user's
comments only as long as backcoach does not rewrite it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from backcoach.core import paths
from backcoach.core.flare import DEFAULT_FLARE_DAYS, FlareMode
from backcoach.core.storage import write_atomically

FILE_NAME = "flare-mode.txt"
_HEADER = "# backcoach: flare-up mode was switched on at this time\n"
_MAX_BYTES = 4096


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
    cannot be read counts as off. `backcoach show` reads without forgetting: it never writes."""
    started = _read_start()
    if started is None:
        return FlareStatus(None)
    mode = FlareMode(started, days)
    if mode.active(now):
        return FlareStatus(mode)
    if forget_ended:
        with contextlib.suppress(OSError):
            flare_file().unlink(missing_ok=True)
    return FlareStatus(None, mode.ended_notice())


def start_flare_mode(now: datetime, days: int = DEFAULT_FLARE_DAYS) -> FlareMode:
    """Switch the mode on from `now` (or renew it); raises OSError when it cannot be kept."""
    write_atomically(flare_file(), _HEADER + now.isoformat(timespec="seconds") + "\n")
    return FlareMode(now, days)


def end_flare_mode() -> None:
    """Switch the mode off now; raises OSError when the file cannot be removed."""
    flare_file().unlink(missing_ok=True)


def _read_start() -> datetime | None:
    try:
        with flare_file().open("rb") as stream:
            data = stream.read(_MAX_BYTES)
    except (OSError, ValueError):
        return None
    for line in data.decode("utf-8", "replace").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                return None
            return moment if moment.tzinfo is not None else moment.astimezone()
    return None
