"""Issue 5: from an event's due time to the player process starting, and the first frame.

The player is the stand-in ffplay from the tests (it logs each file and blocks 2 s), found
by playsound3 through PLAYSOUND3_BACKEND=ffplay, exactly as a user's real ffplay would be.

    .venv/bin/python benchmarks/bench_audio.py           # about 1.5 minutes
    .venv/bin/python benchmarks/bench_audio.py --smoke   # 2 short holds, one launch each way
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
from common import backcoach_command, median, percentile, row, sized  # noqa: E402

from backcoach.audio.cues import cue_for  # noqa: E402
from backcoach.audio.player import CuePlayer  # noqa: E402
from backcoach.core.clock import MonotonicClock  # noqa: E402
from backcoach.core.model import Exercise, ExerciseStep, Routine  # noqa: E402
from backcoach.core.plan import build_plan  # noqa: E402
from backcoach.core.session import Session  # noqa: E402

# The stand-in blocks for SOUND_SECONDS; see due_to_start for why the holds are longer.
HOLD_SECONDS, SOUND_SECONDS, HOLDS = sized(3, 1), sized(2.0, 0.3), sized(20, 2)
LAUNCHES = sized(7, 1)
os.environ["FFPLAY_BLOCK"] = str(SOUND_SECONDS)


def due_to_start() -> tuple[list[float], list[float]]:
    """Latency to the player process starting, and to the stand-in's own first line."""
    # Holds with no countdown, each longer than a sound (3 s and 2 s; 1 s and 0.3 s in a
    # smoke run): each start cue is due once the last sound has ended, so every cue
    # reaches the player.
    step = ExerciseStep(Exercise("hold", "Hold"), duration=HOLD_SECONDS, countdown=0, sets=HOLDS)
    plan = build_plan(Routine("bench", "Bench", (step,)))
    clock = MonotonicClock()
    player = CuePlayer(speech_command=None)
    time.sleep(sized(1, 0.3))  # playsound3 has loaded on the audio thread
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
    print(f"Audio cues (issue 5), stand-in ffplay blocking {SOUND_SECONDS:g} s per sound")
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
        time_to_marker(backcoach_command("play", str(hold)), env, b"READY") for _ in range(LAUNCHES)
    ]
    without = [
        time_to_marker(backcoach_command("play", str(hold), "--no-sound"), env, b"READY")
        for _ in range(LAUNCHES)
    ]
    row(
        f"time to the player's first frame, sound on (median of {LAUNCHES})",
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
