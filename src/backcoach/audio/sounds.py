"""Sound files by name: the bundled set, or the user's own file of the same name.

A sound is only ever chosen by name from a fixed set; never from a path or URL written in
a routine (playsound3 downloads URLs it is handed, and a name starting with '-' would read
as an option to the player program).
"""

from __future__ import annotations

import re
from pathlib import Path

from backcoach.audio.cues import SOUND_NAMES
from backcoach.core import paths

BUNDLED_SOUNDS = paths.BUNDLED_SOUNDS
_SAFE = re.compile(r"^[a-z][a-z0-9_]*$")


def sound_path(name: str) -> Path:
    """The file for a cue name; the user's sounds folder may replace any bundled sound."""
    if name not in SOUND_NAMES or not _SAFE.match(name):
        raise ValueError(f"unknown sound name {name!r}")
    own = paths.user_sounds() / f"{name}.wav"
    if own.is_file():
        return own.resolve()
    return (BUNDLED_SOUNDS / f"{name}.wav").resolve()
