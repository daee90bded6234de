"""Issue 2: validating 1,000 routine files, loading and planning 5,000 steps, `list` cold start.

The 5,000-step routine is BLOCK below 1,000 times: each block of five steps holds both
sides with a switch, reps with a load, two sets with a rest between, tempo reps and a rest
step, so that loading and planning go through every kind of step and segment. Its times
are short (1-3 s) so that it fits the app's caps on a routine (plan.py: 10,000 segments,
12 hours): it expands to 9,999 segments (the last rest is dropped) lasting 6 h 40 min. The
step count is what issue 2 asks about; the segments are as many as the cap allows.

    .venv/bin/python benchmarks/bench_routines.py           # about 10 s
    .venv/bin/python benchmarks/bench_routines.py --smoke   # 20 files, one run of each
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import backcoach_command, median, row, sized

from backcoach.core.library import load_catalogue
from backcoach.core.loader import load_routine
from backcoach.core.paths import BUNDLED_ROUTINES
from backcoach.core.plan import build_plan

BLOCK = """\
  - exercise: supine-piriformis-stretch
    duration: 3s
    sides: both
    switch: 1s
  - exercise: stiff-legged-deadlift
    reps: 2
    load: 20 kg
  - exercise: prone-press-up
    duration: 2s
    sets: 2
    rest: 1s
  - exercise: prone-press-up
    reps: 2
    tempo: 1s
  - rest: 1s
"""
STEPS = 5_000  # the same in a smoke run: that the app's caps still let it through is checked too
FILES = sized(1000, 20)
VALIDATE_RUNS = sized(3, 1)
PLAN_RUNS = sized(9, 1)
START_RUNS = sized(7, 1)


def main() -> None:
    env = {**os.environ, "BACKCOACH_HOME": tempfile.mkdtemp()}
    with tempfile.TemporaryDirectory() as folder:
        sources = sorted(BUNDLED_ROUTINES.glob("*.yaml"))
        for i in range(FILES):
            source = sources[i % len(sources)]
            Path(folder, f"r{i:04}.yaml").write_bytes(source.read_bytes())
        runs = []
        for _ in range(VALIDATE_RUNS):
            started = time.perf_counter()
            result = subprocess.run(
                backcoach_command("validate", folder), capture_output=True, env=env
            )
            runs.append(time.perf_counter() - started)
            assert result.returncode == 0, result.stdout
        print("Routines as data (issue 2)")
        row(
            f"validate {FILES:,} routine files (whole command, median of {VALIDATE_RUNS})",
            f"{median(runs):.2f} s",
            "goal <= 2 s",
        )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "huge.yaml")
        path.write_text("title: Huge\nsteps:\n" + BLOCK * (STEPS // 5))
        exercises = load_catalogue().exercises
        runs = []
        for _ in range(PLAN_RUNS):
            started = time.perf_counter()
            loaded = load_routine(path, exercises)
            assert loaded.routine is not None, "; ".join(map(str, loaded.problems))
            plan = build_plan(loaded.routine)
            runs.append(time.perf_counter() - started)
        assert len(loaded.routine.steps) == STEPS
        label = f"load and plan a {STEPS:,}-step routine ({len(plan.segments):,} segments)"
        row(label + f", best of {PLAN_RUNS}", f"{min(runs) * 1000:.0f} ms", "goal <= 500 ms")
        row(
            f"  median of {PLAN_RUNS} (this VM's noise shows here)", f"{median(runs) * 1000:.0f} ms"
        )

    runs = []
    for _ in range(START_RUNS):
        started = time.perf_counter()
        subprocess.run(backcoach_command("list"), capture_output=True, env=env, check=True)
        runs.append(time.perf_counter() - started)
    bare = []
    for _ in range(START_RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    row(f"cold start of `backcoach list` (median of {START_RUNS})", f"{median(runs) * 1000:.0f} ms")
    row("  reference: `python -c pass`", f"{median(bare) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
