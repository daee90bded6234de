"""The cue player: one dedicated thread, one pending slot, and a fallback to the bell.

Callers hand it cues and return at once. The thread plays the newest cue, cutting off an
older one unless the older one matters more, so cues never queue up and the start of a
step is never swallowed by a tick. Any failure of the sound system turns into the
terminal bell, reported once; nothing here may stop a routine.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from backcoach.audio import speech
from backcoach.audio.cues import Cue
from backcoach.audio.sounds import sound_path

SPEECH_DELAY = 0.35
"""Speak after the chime has had its moment, unless a newer cue arrives first."""

FAILURE_CHECK = 0.5
"""How long after starting a player we look at whether it died with an error."""


class SoundUnavailable(Exception):
    """The sound system cannot play; the message says why, in the user's words."""


class Handle(Protocol):
    def stop(self) -> None: ...
    def is_alive(self) -> bool: ...
    def failed(self) -> bool: ...


class Backend(Protocol):
    def prepare(self) -> None: ...
    def play(self, path: Path) -> Handle: ...


class _ProcessHandle:
    def __init__(self, process) -> None:
        self._process = process

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._process.terminate()

    def is_alive(self) -> bool:
        return self._process.poll() is None

    def failed(self) -> bool:
        code = self._process.poll()
        return code is not None and code != 0


class Playsound3Backend:
    """Plays through playsound3, imported on the audio thread to keep it off the first frame."""

    def __init__(self) -> None:
        self._module = None
        self._error: str | None = None

    def prepare(self) -> None:
        if self._module is not None or self._error is not None:
            return
        # playsound3 logs a warning at import when it finds no player; with no handler,
        # Python would print it over the user's screen.
        logger = logging.getLogger("playsound3")
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
        try:
            import playsound3
        except Exception as error:  # a broken install must not stop the routine
            self._error = f"playsound3 could not load ({error})"
            return
        self._module = playsound3

    def play(self, path: Path) -> Handle:
        self.prepare()
        if self._module is None:
            raise SoundUnavailable(self._error or "playsound3 is not available")
        try:
            sound = self._module.playsound(str(path), block=False)
        except self._module.PlaysoundException as error:
            raise SoundUnavailable(_plain_reason(str(error))) from None
        except OSError as error:
            raise SoundUnavailable(
                f"the audio player could not start ({error.strerror or error})"
            ) from None
        return _ProcessHandle(sound.subprocess)


def _alive(handle) -> bool:
    return handle.is_alive() if hasattr(handle, "is_alive") else handle.poll() is None


def _plain_reason(message: str) -> str:
    if "No supported audio backends" in message:
        return "no audio player program was found"
    return message


class CuePlayer:
    def __init__(
        self,
        backend: Backend | None = None,
        *,
        voice: bool = True,
        speech_command: list[str] | bool | None = True,
        on_unavailable: Callable[[str], None] | None = None,
        bell: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.backend = backend or Playsound3Backend()
        self._speech = (
            speech.speech_command() if speech_command is True else (speech_command or None)
        )
        self.voice = voice and self._speech is not None
        self._on_unavailable = on_unavailable or (lambda reason: None)
        self._bell = bell or (lambda: None)
        self._clock = clock
        self._lock = threading.Condition()
        self._pending: Cue | None = None
        self._closed = False
        self._linger = 0.0
        self.muted = False
        self.unavailable: str | None = None
        self._current: tuple[Cue, Handle] | None = None
        self._speaking = None
        self.started_at: list[tuple[Cue, float]] = []  # (cue, when its sound began), for benchmarks
        self._thread = threading.Thread(target=self._run, name="backcoach-audio", daemon=True)
        self._thread.start()

    @property
    def has_voice(self) -> bool:
        return self._speech is not None

    # -- called from the app's thread ------------------------------------

    def play(self, cue: Cue) -> None:
        with self._lock:
            if self.muted or self._closed:
                return
            if self._pending is not None and self._pending.priority > cue.priority:
                return  # something more important is about to play
            self._pending = cue
            self._lock.notify()

    def set_muted(self, muted: bool) -> None:
        with self._lock:
            self.muted = muted
            if muted:
                self._pending = None
        if muted:
            self._stop_all()

    def close(self, linger: float = 0.0) -> None:
        """Stop the thread; a pending cue still starts, and may ring for `linger` seconds."""
        with self._lock:
            self._closed = True
            self._linger = linger
            self._lock.notify()
        self._thread.join(timeout=1 + linger + SPEECH_DELAY)

    # -- the audio thread --------------------------------------------------

    def _run(self) -> None:
        try:
            self.backend.prepare()
        except Exception as error:
            self._give_up(f"the sound system failed to start ({error})")
        while True:
            with self._lock:
                if self._pending is None and not self._closed:
                    self._lock.wait(timeout=FAILURE_CHECK)
                if self._closed and self._pending is None:
                    self._let_ring(self._linger)
                    self._stop_all()
                    return
                cue, self._pending = self._pending, None
            self._check_failure()
            if cue is not None:
                self._sound(cue)
                if cue.speech and self.voice and not self._newer_cue_within(SPEECH_DELAY):
                    self._say(cue.speech)

    def _newer_cue_within(self, seconds: float) -> bool:
        with self._lock:
            if self._pending is None and not self._closed:
                self._lock.wait(timeout=seconds)
            return self._pending is not None or self.muted

    def _let_ring(self, seconds: float) -> None:
        deadline = self._clock() + seconds
        playing = [h for h in (self._current and self._current[1], self._speaking) if h is not None]
        while self._clock() < deadline and any(_alive(h) for h in playing):
            time.sleep(0.02)

    def _sound(self, cue: Cue) -> None:
        if self.unavailable is not None:
            self._bell()
            return
        current = self._current
        if current is not None and current[1].is_alive():
            if current[0].priority > cue.priority:
                return  # never cut off something that matters more
            current[1].stop()
        try:
            handle = self.backend.play(sound_path(cue.sound))
        except SoundUnavailable as error:
            self._give_up(str(error))
            self._bell()
            return
        except Exception as error:
            self._give_up(f"the audio player failed ({error})")
            self._bell()
            return
        self.started_at.append((cue, self._clock()))
        self._current = (cue, handle)

    def _check_failure(self) -> None:
        current = self._current
        if current is not None and self.unavailable is None and current[1].failed():
            self._give_up("the audio player exited with an error")

    def _say(self, text: str) -> None:
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
        try:
            self._speaking = speech.speak(self._speech, text)
        except OSError:
            self.voice = False  # speech is a nicety; lose it quietly

    def _give_up(self, reason: str) -> None:
        if self.unavailable is None:
            self.unavailable = reason
            self._on_unavailable(reason)

    def _stop_all(self) -> None:
        current, speaking = self._current, self._speaking
        if current is not None:
            current[1].stop()
        if speaking is not None and speaking.poll() is None:
            speaking.terminate()
