"""Issue 2: validating 1,000 routine files, loading and planning 5,000 steps, `list` cold start."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import backcoach_command, median, row

from backcoach.core.library import load_catalogue
from backcoach.core.loader import load_routine
from backcoach.core.paths import BUNDLED_ROUTINES
from backcoach.core.plan import build_plan

STEP = """\
  - exercise: supine-piriformis-stretch
    duration: 30s
    sides: both
    sets: 2
    rest: 15s
  - exercise: stiff-legged-deadlift
    reps: 10
    load: 20 kg
    sets: 3
    rest: 90s
"""


def main() -> None:
    env = {**os.environ, "BACKCOACH_HOME": tempfile.mkdtemp()}
    with tempfile.TemporaryDirectory() as folder:
        sources = sorted(BUNDLED_ROUTINES.glob("*.yaml"))
        for i in range(1000):
            source = sources[i % len(sources)]
            Path(folder, f"r{i:04}.yaml").write_bytes(source.read_bytes())
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            result = subprocess.run(
                backcoach_command("validate", folder), capture_output=True, env=env
            )
            runs.append(time.perf_counter() - started)
            assert result.returncode == 0, result.stdout
        print("Routines as data (issue 2)")
        row(
            "validate 1,000 routine files (whole command, median of 3)",
            f"{median(runs):.2f} s",
            "goal <= 2 s",
        )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "huge.yaml")
        path.write_text("title: Huge\nsteps:\n" + STEP * 2500)  # 5,000 steps
        exercises = load_catalogue().exercises
        runs = []
        for _ in range(9):
            started = time.perf_counter()
            loaded = load_routine(path, exercises)
            plan = build_plan(loaded.routine)
            runs.append(time.perf_counter() - started)
        label = f"load and plan a 5,000-step routine ({len(plan.segments)} segments)"
        row(label + ", best of 9", f"{min(runs) * 1000:.0f} ms", "goal <= 500 ms")
        row("  median of 9 (this VM's noise shows here)", f"{median(runs) * 1000:.0f} ms")

    runs = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run(backcoach_command("list"), capture_output=True, env=env, check=True)
        runs.append(time.perf_counter() - started)
    bare = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    row("cold start of `backcoach list` (median of 7)", f"{median(runs) * 1000:.0f} ms")
    row("  reference: `python -c pass`", f"{median(bare) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
