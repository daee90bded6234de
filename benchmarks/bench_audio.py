"""Issue 5: from an event's due time to the player process starting, and the first frame.

The player is the stand-in ffplay from the tests (it logs each file and blocks 2 s), found
by playsound3 through PLAYSOUND3_BACKEND=ffplay, exactly as a user's real ffplay would be.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STANDIN = ROOT / "tests" / "audio" / "standin"
LOG = Path(tempfile.mkdtemp()) / "ffplay.log"
os.environ.update(
    PATH=f"{STANDIN}{os.pathsep}{os.environ['PATH']}",
    PLAYSOUND3_BACKEND="ffplay",
    FFPLAY_LOG=str(LOG),
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_tui import home, time_to_marker  # noqa: E402
from common import backcoach_command, median, percentile, row  # noqa: E402

from backcoach.audio.cues import cue_for  # noqa: E402
from backcoach.audio.player import CuePlayer  # noqa: E402
from backcoach.core.clock import MonotonicClock  # noqa: E402
from backcoach.core.model import Exercise, ExerciseStep, Routine  # noqa: E402
from backcoach.core.plan import build_plan  # noqa: E402
from backcoach.core.session import Session  # noqa: E402


def due_to_start() -> tuple[list[float], list[float]]:
    """Latency to the player process starting, and to the stand-in's own first line."""
    # Three-second holds with no countdown: each start cue is due while the last sound
    # (2 s) has ended, so every cue reaches the player.
    step = ExerciseStep(Exercise("hold", "Hold"), duration=3, countdown=0, sets=20)
    plan = build_plan(Routine("bench", "Bench", (step,)))
    clock = MonotonicClock()
    player = CuePlayer(speech_command=None)
    time.sleep(1)  # playsound3 has loaded on the audio thread
    session = Session(plan, clock)
    start_wall = time.monotonic()  # the session's clock reads ~this instant at start()
    session.start()
    due_times = []
    while not session.finished:
        for event in session.poll():
            cue = cue_for(event)
            if cue is not None:
                due_times.append(start_wall + event.at)
                player.play(cue)
        due = session.next_due()
        if due is not None:
            time.sleep(max(0.0, due - session.active_time()))
    player.close(linger=0.5)
    spawned = [when for _, when in player.started_at]
    logged = [float(line.split()[0]) for line in LOG.read_text().splitlines()]
    to_spawn = [(s - d) * 1000 for d, s in zip(due_times, spawned, strict=True)]
    to_log = [(s - d) * 1000 for d, s in zip(due_times, logged, strict=True)]
    return to_spawn, to_log


def main() -> None:
    to_spawn, to_log = due_to_start()
    print("Audio cues (issue 5), stand-in ffplay blocking 2 s per sound")
    row(
        f"due time -> player process started ({len(to_spawn)} cues), p50",
        f"{percentile(to_spawn, 0.5):.1f} ms",
        "goal <= 10 ms",
    )
    row(
        "due time -> player process started, p99",
        f"{percentile(to_spawn, 0.99):.1f} ms",
        "goal <= 30 ms",
    )
    row(
        "  reference: due -> stand-in's first line ran (adds its Python start-up), p50",
        f"{percentile(to_log, 0.5):.1f} ms",
    )

    env = home()
    hold = Path(tempfile.mkdtemp()) / "hold.yaml"
    hold.write_text("title: Hold\nsteps:\n  - exercise: brisk-walk\n    duration: 30s\n")
    with_sound = [
        time_to_marker(backcoach_command("play", str(hold)), env, b"READY") for _ in range(7)
    ]
    without = [
        time_to_marker(backcoach_command("play", str(hold), "--no-sound"), env, b"READY")
        for _ in range(7)
    ]
    row(
        "time to the player's first frame, sound on (median of 7)",
        f"{median(with_sound) * 1000:.0f} ms",
    )
    row("time to the player's first frame, --no-sound", f"{median(without) * 1000:.0f} ms")
    row(
        "  difference: what the audio path adds",
        f"{(median(with_sound) - median(without)) * 1000:+.0f} ms",
        "goal: nothing",
    )


if __name__ == "__main__":
    main()
