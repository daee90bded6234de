"""Issue 13: what the library's once-a-second look at the disk costs, and a reload.

A poll is a stat of each routine file of yours; a reload reads and checks them all.

    .venv/bin/python benchmarks/bench_library_poll.py           # a few seconds
    .venv/bin/python benchmarks/bench_library_poll.py --smoke   # 0 and 3 routines, 3 runs each
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SMOKE, median, row, sized

COUNTS = sized((0, 20, 200, 10_000), (0, 3))
POLLS, RELOADS = sized(50, 3), sized(5, 2)
ROUTINE = "title: R{n}\nsteps:\n  - exercise: prone-press-up\n    duration: 30s\n"


def timed(action, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["BACKCOACH_HOME"] = home
        from backcoach.core.library import (
            FILES_PER_SECOND,
            disk_stamp,
            folder_stamp,
            load_library,
        )

        print("The library's look at the disk (every second) and a reload:")
        for count in COUNTS:
            folder = Path(home) / "routines"
            folder.mkdir(exist_ok=True)
            for n in range(count):
                (folder / f"r{n}.yaml").write_text(ROUTINE.format(n=n))
            full = timed(disk_stamp, POLLS)
            folders = timed(folder_stamp, POLLS)
            # DiskWatch: the folders every second, every file once per count/250 seconds.
            every = max(1.0, count / FILES_PER_SECOND)
            per_second = folders + full / every
            row(
                f"{count} routines of yours: the look, per second",
                f"{per_second * 1000:.2f} ms ({per_second * 100:.2f} % of a core; every file "
                f"each {every:.0f} s, {full * 1000:.1f} ms)",
                "goal <= 1 %",
            )
            if count <= 200 or not SMOKE:
                reload = timed(load_library, RELOADS)
                row(f"{count} routines of yours: one reload", f"{reload * 1000:.1f} ms")
            for path in folder.iterdir():
                path.unlink()


if __name__ == "__main__":
    main()
