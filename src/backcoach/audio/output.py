"""What the players need from a cue player; the real one and the tests' stand-ins both fit."""

from __future__ import annotations

from typing import Protocol

from backcoach.audio.cues import Cue


class CueOutput(Protocol):
    voice: bool  # speak the cue's words as well as playing its sound
    muted: bool

    @property
    def has_voice(self) -> bool:
        """A speech program was found."""
        ...

    def play(self, cue: Cue) -> None:
        """Hand over a cue and return at once; never raises."""
        ...

    def set_muted(self, muted: bool) -> None: ...

    def close(self, linger: float = 0.0) -> None:
        """Stop, letting a cue already playing ring for up to `linger` seconds."""
        ...
