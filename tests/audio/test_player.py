"""The cue player thread: never blocks its caller, cuts off by priority, falls back to the bell."""

from __future__ import annotations

import os
import sys
import threading
import time
import types

import pytest

from backcoach.audio import player as player_module
from backcoach.audio.cues import HIGH, LOW, MEDIUM, Cue
from backcoach.audio.player import CuePlayer, Playsound3Backend, SoundUnavailable
from backcoach.audio.sounds import sound_path


class FakeHandle:
    def __init__(self, log, name, seconds):
        self.log, self.name = log, name
        self.until = time.monotonic() + seconds
        self.stopped = False

    def stop(self):
        self.stopped = True
        self.log.append(("stop", self.name))

    def is_alive(self):
        return not self.stopped and time.monotonic() < self.until

    def failed(self):
        return False


class BlockingBackend:
    """Blocks for `block` seconds inside play(), like a slow player program starting."""

    def __init__(self, block=0.0, length=0.2):
        self.block, self.length = block, length
        self.log = []
        self.played = threading.Event()

    def prepare(self):
        pass

    def play(self, path):
        time.sleep(self.block)
        self.log.append(("play", path.stem))
        self.played.set()
        return FakeHandle(self.log, path.stem, self.length)


class GatedBackend:
    """Stays inside play() until the test opens the gate: a player that hangs, for as long
    as the test wants, without the test having to sleep."""

    def __init__(self, length=0.0):
        self.length = length
        self.log = []
        self.entered = threading.Event()
        self.gate = threading.Event()

    def prepare(self):
        pass

    def play(self, path):
        self.log.append(("play", path.stem))
        self.entered.set()
        self.gate.wait(timeout=30)
        return FakeHandle(self.log, path.stem, self.length)


class FailingBackend:
    def prepare(self):
        pass

    def play(self, path):
        raise SoundUnavailable("no audio player program was found")


def wait_for(predicate, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_play_returns_at_once_even_when_the_player_hangs():
    backend = GatedBackend()
    player = CuePlayer(backend, speech_command=None)
    player.play(Cue("start", HIGH))
    assert backend.entered.wait(timeout=5)
    for _ in range(20):  # the player is stuck inside play(); handing over must not wait
        player.play(Cue("tick", LOW))
    assert not backend.gate.is_set()
    backend.gate.set()
    player.close()


def test_a_tick_does_not_cut_off_a_step_announcement():
    backend = BlockingBackend(length=5)
    player = CuePlayer(backend, speech_command=None)
    player.play(Cue("start", HIGH))
    assert wait_for(lambda: ("play", "start") in backend.log)
    player.play(Cue("tick", LOW))
    time.sleep(0.2)
    assert backend.log == [("play", "start")]
    player.play(Cue("rest", HIGH))
    assert wait_for(lambda: ("play", "rest") in backend.log)
    assert ("stop", "start") in backend.log
    player.close()


def test_cues_never_queue_only_the_newest_waits():
    backend = GatedBackend()
    player = CuePlayer(backend, speech_command=None)
    player.play(Cue("start", HIGH))
    assert backend.entered.wait(timeout=5)  # the first is being played, and hangs
    for name in ("tick", "tick", "go"):
        player.play(Cue(name, MEDIUM))
    backend.gate.set()
    player.close()  # the pending cue still starts before the thread ends
    assert [entry for entry in backend.log if entry[0] == "play"] == [
        ("play", "start"),
        ("play", "go"),
    ]


def test_failure_falls_back_to_the_bell_and_says_so_once():
    reasons, bells = [], []
    player = CuePlayer(
        FailingBackend(),
        speech_command=None,
        on_unavailable=reasons.append,
        bell=lambda: bells.append(1),
    )
    for _ in range(3):
        player.play(Cue("start", HIGH))
        time.sleep(0.05)
    assert wait_for(lambda: len(bells) == 3)
    assert reasons == ["no audio player program was found"]
    player.close()


class PlaysoundException(Exception):
    pass


def fake_playsound3(monkeypatch, chosen="ffplay", available=("ffplay",), playsound=None):
    """A stand-in playsound3 module, so these tests do not depend on the machine's players."""
    module = types.ModuleType("playsound3")
    module.PlaysoundException = PlaysoundException
    module.DEFAULT_BACKEND = chosen
    module.AVAILABLE_BACKENDS = list(available)
    module.playsound = playsound or (lambda *args, **kwargs: None)
    monkeypatch.setitem(sys.modules, "playsound3", module)
    return module


def test_playsound3_errors_become_sound_unavailable(monkeypatch):
    def broken(*args, **kwargs):
        raise PlaysoundException("No supported audio backends on this system!")

    fake_playsound3(monkeypatch, playsound=broken)
    with pytest.raises(SoundUnavailable, match="no audio player program"):
        Playsound3Backend().play(sound_path("tick"))


def test_a_backend_that_cannot_play_here_is_unavailable_before_it_starts_a_thread(monkeypatch):
    # PLAYSOUND3_BACKEND=winmm on Linux: playsound3 takes the name without checking it, and
    # its winmm player would fail on a thread of its own, printing a traceback per cue.
    calls = []
    fake_playsound3(monkeypatch, chosen="winmm", available=(), playsound=calls.append)
    with pytest.raises(SoundUnavailable, match=r"PLAYSOUND3_BACKEND is 'winmm'.*unset it"):
        Playsound3Backend().play(sound_path("tick"))
    assert calls == []


@pytest.mark.parametrize(
    "error", [AttributeError("no WinDLL"), ImportError("no ctypes"), KeyError(1)]
)
def test_any_error_from_playsound3_becomes_sound_unavailable(monkeypatch, error):
    def broken(*args, **kwargs):
        raise error

    fake_playsound3(monkeypatch, playsound=broken)
    with pytest.raises(SoundUnavailable, match=type(error).__name__):
        Playsound3Backend().play(sound_path("tick"))


def test_playsound3_that_cannot_be_imported_is_unavailable(monkeypatch):
    monkeypatch.setitem(sys.modules, "playsound3", None)  # import raises ImportError
    with pytest.raises(SoundUnavailable, match="playsound3 could not load"):
        Playsound3Backend().play(sound_path("tick"))


class BrokenBackend:
    """Fails wherever it is told to, with errors a bad backend really raises."""

    def __init__(self, at):
        self.at = at

    def prepare(self):
        if self.at == "prepare":
            raise ImportError("cannot import name 'windll'")

    def play(self, path):
        if self.at == "play":
            raise AttributeError("module 'ctypes' has no attribute 'WinDLL'")
        return BrokenHandle()


class BrokenHandle:
    def stop(self):
        raise RuntimeError("stop failed")

    def is_alive(self):
        raise AttributeError("no process")

    def failed(self):
        raise OSError("cannot poll")


@pytest.mark.parametrize("at", ["prepare", "play", "handle"])
def test_a_broken_backend_means_the_bell_said_once_and_a_living_thread(at):
    reasons, bells = [], []

    def unavailable(reason):
        reasons.append(reason)
        raise OSError("stderr is gone")  # even the report failing must not end the thread

    player = CuePlayer(
        BrokenBackend(at),
        speech_command=None,
        on_unavailable=unavailable,
        bell=lambda: bells.append(1),
    )
    for _ in range(3):
        player.play(Cue("start", HIGH))
        assert wait_for(lambda: player._pending is None)
    assert wait_for(lambda: len(reasons) == 1)
    player.play(Cue("end", HIGH))
    assert wait_for(lambda: bells)
    assert player._thread.is_alive()
    player.close()
    assert len(reasons) == 1 and not player._thread.is_alive()


def test_an_error_on_a_playsound3_thread_is_caught_as_sound_unavailable(monkeypatch):
    """The last resort, for playsound3's own threads (its Windows players use them)."""
    reached_the_old_hook = []
    monkeypatch.setattr(threading, "excepthook", reached_the_old_hook.append)
    monkeypatch.setattr(player_module, "_hook_installed", False)
    monkeypatch.setattr(player_module, "_thread_failure", None)
    player_module._guard_playsound3_threads()

    def run_on_a_thread(code, module_name):
        namespace = {"__name__": module_name}
        exec(code, namespace)
        thread = threading.Thread(target=namespace["fail"])
        thread.start()
        thread.join()

    run_on_a_thread("def fail():\n    raise AttributeError('WinDLL')\n", "playsound3.backends")
    assert reached_the_old_hook == []
    fake_playsound3(monkeypatch)
    with pytest.raises(SoundUnavailable, match="the audio player failed"):
        Playsound3Backend().play(sound_path("tick"))

    run_on_a_thread("def fail():\n    raise ValueError('ours')\n", "backcoach.elsewhere")
    assert [args.exc_type for args in reached_the_old_hook] == [ValueError]


def test_muting_drops_cues():
    backend = BlockingBackend()
    player = CuePlayer(backend, speech_command=None)
    player.set_muted(True)
    player.play(Cue("start", HIGH))
    time.sleep(0.2)
    assert backend.log == []
    player.close()


def test_sound_names_are_a_fixed_set(isolated_home):
    assert sound_path("tick").name == "tick.wav" and sound_path("tick").is_file()
    for bad in ("-tick", "../tick", "http://example.com/x.wav", "/etc/passwd", "boom"):
        with pytest.raises(ValueError):
            sound_path(bad)
    own = isolated_home / "sounds"
    own.mkdir(parents=True)
    (own / "tick.wav").write_bytes((sound_path("go")).read_bytes())
    assert sound_path("tick") == (own / "tick.wav").resolve()


def test_bundled_sounds_are_small_and_complete():
    from backcoach.audio.cues import SOUND_NAMES

    sizes = [sound_path(name).stat().st_size for name in SOUND_NAMES]
    assert sum(sizes) < 100_000


@pytest.mark.slow
def test_a_routine_runs_to_its_end_while_the_player_hangs_on_its_first_sound():
    import io

    from backcoach.core.clock import MonotonicClock
    from backcoach.core.plan import build_plan
    from backcoach.plain import PlainPlayer
    from tests.helpers import hold, routine

    plan = build_plan(routine(hold(10, sides=("left", "right"), switch=2, prep=3, countdown=3)))
    clock = MonotonicClock(speed=25)  # 25 s of routine in one second
    backend = GatedBackend()
    cues = CuePlayer(backend, speech_command=None)
    out = io.StringIO()
    assert PlainPlayer(plan, clock, out, cues).run() == 0
    assert "[00:25] Finished" in out.getvalue()
    assert backend.log == [("play", "start")]  # still inside its first play() all along
    backend.gate.set()
    cues.close()


def test_spoken_cues_reach_the_speech_program_on_stdin(tmp_path, monkeypatch):
    from pathlib import Path

    from backcoach.audio import speech

    standin = Path(__file__).parent / "standin"
    log = tmp_path / "speech.log"
    monkeypatch.setenv("PATH", f"{standin}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("ESPEAK_LOG", str(log))
    assert speech.speech_command()[0].endswith("espeak-ng")
    player = CuePlayer(BlockingBackend(length=0), voice=True)
    assert player.has_voice
    player.play(Cue("start", HIGH, "-w /tmp/evil.wav Piriformis stretch, left side."))
    assert wait_for(lambda: log.exists() and "Piriformis" in log.read_text())
    assert log.read_text().strip() == "-w /tmp/evil.wav Piriformis stretch, left side."
    player.close()


def test_no_speech_program_means_no_voice(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    player = CuePlayer(BlockingBackend(), voice=True)
    assert not player.has_voice and not player.voice
    player.close()
