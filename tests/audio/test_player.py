"""The cue player thread: never blocks its caller, cuts off by priority, falls back to the bell."""

from __future__ import annotations

import os
import threading
import time

import pytest

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


def test_play_returns_at_once_even_when_the_player_blocks():
    backend = BlockingBackend(block=2.0)
    player = CuePlayer(backend, speech_command=None)
    started = time.monotonic()
    for _ in range(20):
        player.play(Cue("tick", LOW))
    assert time.monotonic() - started < 0.1
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
    backend = BlockingBackend(block=0.3, length=0)
    player = CuePlayer(backend, speech_command=None)
    player.play(Cue("start", HIGH))
    assert wait_for(lambda: backend.log)  # the first is being played (blocking 0.3 s)
    for name in ("tick", "tick", "go"):
        player.play(Cue(name, MEDIUM))
    time.sleep(1.0)
    assert [entry for entry in backend.log if entry[0] == "play"] == [
        ("play", "start"),
        ("play", "go"),
    ]
    player.close()


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


def test_playsound3_errors_become_sound_unavailable(monkeypatch):
    backend = Playsound3Backend()
    backend.prepare()

    def broken(*args, **kwargs):
        raise backend._module.PlaysoundException("No supported audio backends on this system!")

    monkeypatch.setattr(backend._module, "playsound", broken)
    with pytest.raises(SoundUnavailable, match="no audio player program"):
        backend.play(sound_path("tick"))


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


def test_timing_is_unchanged_while_the_player_blocks_two_seconds_per_sound():
    import io

    from backcoach.core.clock import MonotonicClock
    from backcoach.core.plan import build_plan
    from backcoach.plain import PlainPlayer
    from tests.helpers import hold, routine

    plan = build_plan(routine(hold(10, sides=("left", "right"), switch=2, prep=3, countdown=3)))
    clock = MonotonicClock(speed=25)  # 25 s of routine in one second
    cues = CuePlayer(BlockingBackend(block=2.0), speech_command=None)
    out = io.StringIO()
    started = time.monotonic()
    assert PlainPlayer(plan, clock, out, cues).run() == 0
    took = time.monotonic() - started
    cues.close()
    assert plan.total == 25
    assert abs(took - 1.0) < 0.15, took
    assert "[00:25] Finished" in out.getvalue()


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
