"""Issue 3: drift, CPU and event latency of `play --plain`, with both cores kept busy.

Everything runs at once, side by side: the real command over 10 minutes of plan at
--speed 10, a naive loop that counts ticks as the reference, a 1-minute routine at normal
speed for the CPU figure, and an instrumented in-process player for event latency.

    .venv/bin/python benchmarks/bench_session.py           # about 65 s, the cores busy for 60
    .venv/bin/python benchmarks/bench_session.py --smoke   # --speed 200 and 2 s: about 5 s
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import backcoach_command, cores_kept_busy, percentile, row, sized

from backcoach.core.clock import MonotonicClock
from backcoach.core.library import load_catalogue
from backcoach.core.loader import load_routine
from backcoach.core.plan import build_plan
from backcoach.plain import PlainPlayer

SPEED = sized(10, 200)  # the 10 minutes of plan take 60 s of wall time; 3 s in a smoke run
CPU_SECONDS = sized(60, 2)  # the routine played at normal speed for the CPU figure
TEN_MINUTES = (
    """\
title: Ten minutes
defaults: {prep: 5s, switch: 5s, rest: 15s, countdown: 3}
steps:
"""
    + (
        "  - exercise: supine-piriformis-stretch\n    duration: 30s\n    sides: both\n    sets: 2\n"
        "  - exercise: prone-press-up\n    reps: 10\n    tempo: 3s\n"
    )
    * 2
    + "  - exercise: brisk-walk\n    duration: 2m45s\n"
)

FOR_CPU = f"title: For CPU\nsteps:\n  - exercise: brisk-walk\n    duration: {CPU_SECONDS}s\n"
ONE_SECOND = "title: One second\nsteps:\n  - exercise: brisk-walk\n    duration: 1s\n"
NAIVE = """
import time
tick, ticks, started = 0.1, 0, time.monotonic()
while ticks * tick < {total}:
    time.sleep(tick / {speed})
    ticks += 1
print(time.monotonic() - started)
"""


def run_plain(
    path: Path, speed: float, env: dict, stamps: list | None = None
) -> tuple[float, float]:
    """Wall seconds from the first event line to the last, and the child's CPU seconds."""
    process = subprocess.Popen(
        backcoach_command("play", str(path), "--plain", "--no-sound", "--speed", str(speed)),
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    first = last = None
    for line in process.stdout:
        now = time.monotonic()
        if line.startswith("["):
            first = first if first is not None else now
            last = now
            if stamps is not None:
                stamps.append((now, line))
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return (last - first), usage.ru_utime + usage.ru_stime


def measure_latency(plan, seconds: float) -> list[float]:
    latencies: list[float] = []
    clock = MonotonicClock(SPEED)

    class Timed(PlainPlayer):
        def emit(self, event):
            super().emit(event)
            due = clock._origin + (event.at + self.session_start) / SPEED
            latencies.append(time.monotonic() - due)

    player = Timed(plan, clock, io.StringIO())
    player.session_start = clock.now()
    deadline = threading.Timer(seconds, lambda: player.lines.put(None))
    deadline.start()
    player.run()
    deadline.cancel()
    return latencies


def main() -> None:
    env = {**os.environ, "BACKCOACH_HOME": tempfile.mkdtemp()}
    folder = Path(tempfile.mkdtemp())
    ten, one, tiny = folder / "ten.yaml", folder / "one.yaml", folder / "tiny.yaml"
    ten.write_text(TEN_MINUTES)
    one.write_text(FOR_CPU)
    tiny.write_text(ONE_SECOND)
    plan = build_plan(load_routine(ten, load_catalogue().exercises).routine)
    assert plan.total == 600, plan.total

    _, startup_cpu = run_plain(tiny, 1, env)
    results: dict = {}
    with cores_kept_busy():
        jobs = [
            threading.Thread(target=lambda: results.update(plain=run_plain(ten, SPEED, env))),
            threading.Thread(target=lambda: results.update(cpu=run_plain(one, 1, env))),
            threading.Thread(
                target=lambda: results.update(
                    naive=float(
                        subprocess.run(
                            [sys.executable, "-c", NAIVE.format(total=600, speed=SPEED)],
                            capture_output=True,
                            text=True,
                        ).stdout
                    )
                )
            ),
        ]
        for job in jobs:
            job.start()
        latencies = measure_latency(plan, plan.total / SPEED)
        for job in jobs:
            job.join()

    wall, _ = results["plain"]
    expected = plan.total / SPEED
    print(
        f"Session engine (issue 3), {os.cpu_count()} cores kept busy by {os.cpu_count()} spinning processes"
    )
    row(
        f"end-of-routine drift, play --plain, 10 min of plan at --speed {SPEED:g}",
        f"{(wall - expected) * 1000:+.1f} ms",
        "goal |drift| <= 20 ms",
    )
    row(
        "  reference: naive loop counting 0.1 s ticks, same plan",
        f"{(results['naive'] - expected) * 1000:+.1f} ms",
    )
    _, cpu = results["cpu"]
    row(
        f"CPU per minute of routine, plain mode ({CPU_SECONDS} s at normal speed)",
        f"{cpu / CPU_SECONDS * 100:.2f} %",
        "goal <= 1 % of a core",
    )
    row(
        "  of which start-up (python, imports, loading)", f"{startup_cpu / CPU_SECONDS * 100:.2f} %"
    )
    row("  excluding start-up", f"{max(0.0, cpu - startup_cpu) / CPU_SECONDS * 100:.3f} %")
    ms = [value * 1000 for value in latencies]
    row(
        f"event latency, due -> line written ({len(ms)} events), p50",
        f"{percentile(ms, 0.5):.2f} ms",
        "goal <= 5 ms",
    )
    row("event latency, p99", f"{percentile(ms, 0.99):.2f} ms", "goal <= 20 ms")


if __name__ == "__main__":
    main()
