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
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

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
    """A playing sound: a player process, or playsound3's look-alike of one. Never raises."""

    def __init__(self, process: Any) -> None:
        self._process = process

    def _poll(self) -> int | None:
        try:
            code = self._process.poll()
        except Exception:
            return 1  # a handle that cannot even say how it is doing has failed
        return code if isinstance(code, int) or code is None else 1

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._process.terminate()

    def is_alive(self) -> bool:
        return self._poll() is None

    def failed(self) -> bool:
        code = self._poll()
        return code is not None and code != 0


# -- playsound3 --------------------------------------------------------------------

_thread_failure: str | None = None
"""Why a playsound3 thread died, caught by the last-resort hook below."""
_hook_lock = threading.Lock()
_hook_installed = False


def _from_playsound3(trace: TracebackType | None) -> bool:
    while trace is not None:
        if str(trace.tb_frame.f_globals.get("__name__", "")).startswith("playsound3"):
            return True
        trace = trace.tb_next
    return False


def _guard_playsound3_threads() -> None:
    """The last resort, behind the backend check in prepare(): playsound3's Windows backends
    play on threads of their own, where an error would print a traceback over the user's
    screen. Such an error is recorded as a reason sound is unavailable instead; errors in
    every other thread still reach the hook that was there before."""
    global _hook_installed
    with _hook_lock:
        if _hook_installed:
            return
        _hook_installed = True
        previous = threading.excepthook

        def hook(args: threading.ExceptHookArgs) -> None:
            global _thread_failure
            if _from_playsound3(args.exc_traceback):
                if _thread_failure is None:
                    _thread_failure = f"the audio player failed ({args.exc_type.__name__})"
                return
            previous(args)

        threading.excepthook = hook


class Playsound3Backend:
    """Plays through playsound3, imported on the audio thread to keep it off the first frame.

    Whatever goes wrong inside playsound3 (at import, when checking the player it picked,
    or when playing) becomes SoundUnavailable with a reason the user can act on.
    """

    def __init__(self) -> None:
        self._module: Any = None
        self._error: str | None = None

    def prepare(self) -> None:
        if self._module is not None or self._error is not None:
            return
        # playsound3 logs a warning at import when it finds no player; with no handler,
        # Python would print it over the user's screen.
        logger = logging.getLogger("playsound3")
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
        _guard_playsound3_threads()
        try:
            import playsound3
        except Exception as error:  # a broken install must not stop the routine
            self._error = f"playsound3 could not load ({type(error).__name__}: {error})"
            return
        self._error = _backend_problem(playsound3)
        if self._error is None:
            self._module = playsound3

    def play(self, path: Path) -> Handle:
        self.prepare()
        if self._module is None:
            raise SoundUnavailable(self._error or "playsound3 is not available")
        if _thread_failure is not None:
            raise SoundUnavailable(_thread_failure)
        try:
            sound = self._module.playsound(str(path), block=False)
            process = sound.subprocess
        except OSError as error:
            raise SoundUnavailable(
                f"the audio player could not start ({error.strerror or error})"
            ) from None
        except Exception as error:  # PlaysoundException, or anything a bad backend raises
            raise SoundUnavailable(_plain_reason(error)) from None
        return _ProcessHandle(process)


def _backend_problem(module: Any) -> str | None:
    """Why the player playsound3 picked cannot play here, or None when it can."""
    chosen = getattr(module, "DEFAULT_BACKEND", None)
    available = getattr(module, "AVAILABLE_BACKENDS", None)
    if chosen is None:
        return "no audio player program was found"
    if isinstance(available, list) and chosen not in available:
        fix = f"set it to {' or '.join(available)}" if available else "install ffmpeg or GStreamer"
        return f"PLAYSOUND3_BACKEND is '{chosen}', which cannot play on this system; unset it, or {fix}"
    return None


def _plain_reason(error: Exception) -> str:
    message = str(error)
    if "No supported audio backends" in message:
        return "no audio player program was found"
    if type(error).__name__ == "PlaysoundException":
        return message
    return f"the audio player failed ({type(error).__name__}: {message})"


def _alive(handle: Handle) -> bool:
    try:
        return bool(handle.is_alive())
    except Exception:
        return False


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
        self._speaking: Handle | None = None
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
    # Nothing here may raise: whatever the backend or the speech program does, the
    # thread goes on, and the worst outcome is the bell with one "sound is unavailable".

    def _run(self) -> None:
        try:
            self.backend.prepare()
        except Exception as error:
            self._give_up(f"the sound system failed to start ({type(error).__name__}: {error})")
        while True:
            with self._lock:
                if self._pending is None and not self._closed:
                    self._lock.wait(timeout=FAILURE_CHECK)
                if self._closed and self._pending is None:
                    self._let_ring(self._linger)
                    self._stop_all()
                    return
                cue, self._pending = self._pending, None
            try:
                self._check_failure()
                if cue is not None:
                    self._sound(cue)
                    if cue.speech and self.voice and not self._newer_cue_within(SPEECH_DELAY):
                        self._say(cue.speech)
            except Exception as error:
                self._give_up(f"the audio player failed ({type(error).__name__}: {error})")

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
            self._ring_bell()
            return
        current = self._current
        if current is not None and _alive(current[1]):
            if current[0].priority > cue.priority:
                return  # never cut off something that matters more
            _stop(current[1])
        try:
            handle = self.backend.play(sound_path(cue.sound))
        except SoundUnavailable as error:
            self._give_up(str(error))
            self._ring_bell()
            return
        except Exception as error:  # a bad backend: AttributeError, ImportError, anything
            self._give_up(f"the audio player failed ({type(error).__name__}: {error})")
            self._ring_bell()
            return
        self.started_at.append((cue, self._clock()))
        self._current = (cue, handle)

    def _check_failure(self) -> None:
        current = self._current
        if current is None or self.unavailable is not None:
            return
        try:
            failed = current[1].failed()
        except Exception:
            failed = True
        if failed:
            self._give_up("the audio player exited with an error")

    def _say(self, text: str) -> None:
        if self._speech is None:
            return
        if self._speaking is not None:
            _stop(self._speaking)
        try:
            self._speaking = _ProcessHandle(speech.speak(self._speech, text))
        except Exception:
            self.voice = False  # speech is a nicety; lose it quietly

    def _give_up(self, reason: str) -> None:
        if self.unavailable is None:
            self.unavailable = reason
            with contextlib.suppress(Exception):
                self._on_unavailable(reason)

    def _ring_bell(self) -> None:
        with contextlib.suppress(Exception):
            self._bell()

    def _stop_all(self) -> None:
        for handle in (self._current and self._current[1], self._speaking):
            if handle is not None:
                _stop(handle)


def _stop(handle: Handle) -> None:
    with contextlib.suppress(Exception):
        handle.stop()


if TYPE_CHECKING:
    from backcoach.audio.output import CueOutput

    _: type[CueOutput] = CuePlayer  # mypy checks that the real player keeps the protocol
