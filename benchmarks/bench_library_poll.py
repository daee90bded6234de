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
from common import median, row, sized

COUNTS = sized((0, 20, 200), (0, 3))
POLLS, RELOADS = sized(500, 3), sized(20, 3)
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
        from backcoach.core.library import disk_stamp, load_library

        print("The library's poll (a stat of each file, every second) and a reload:")
        for count in COUNTS:
            folder = Path(home) / "routines"
            folder.mkdir(exist_ok=True)
            for n in range(count):
                (folder / f"r{n}.yaml").write_text(ROUTINE.format(n=n))
            poll = timed(disk_stamp, POLLS)
            reload = timed(load_library, RELOADS)
            share = f"{poll * 1000:.2f} ms ({poll * 100:.2f} % of a core at once a second)"
            row(f"{count} routines of yours: one poll", share)
            row(f"{count} routines of yours: one reload", f"{reload * 1000:.1f} ms")
            for path in folder.iterdir():
                path.unlink()


if __name__ == "__main__":
    main()
