"""The history store: reads that stay fast after ten years, and what recording a set costs.

Ten years of history (20,000 sessions, 300,000 sets) is synthesized through the store's own
restore path (one transaction, executemany per session's sets). Then, against it and
against a history of 10 sessions, the path to the library's first frame is timed: open the
store, read the 20 most recent sessions, last time for an exercise, and this week's
sessions. Then `backcoach history` is run as a user runs it (a new process each time)
against both, and `history --json` and `--csv` against ten years and against an empty
history. Then 500 sets are recorded one at a time, each fsynced, as during a session.

    .venv/bin/python benchmarks/bench_history.py           # about 1.5 min; leaves 250 MiB in /tmp
    .venv/bin/python benchmarks/bench_history.py --smoke   # 200 sessions, one or a few runs of each
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import backcoach_command, median, percentile, row, sized

from backcoach.core.durations import BODYWEIGHT, Load
from backcoach.core.model import Exercise, ExerciseStep, Routine
from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome
from backcoach.store import History, SessionDump, SessionId, SessionSummary, SetEntry, Status
from backcoach.store.csvio import export_csv, import_csv

SESSIONS = sized(20_000, 200)
SETS_PER_SESSION = 15
REPEATS = sized(300, 3)
RECORDED = sized(500, 5)
ROUTINES = ["strength", "pre-run-warmup", "core", "stretch-and-extend", "desk-break"]
EXERCISES = [f"exercise-{n:02}" for n in range(24)]
RARE = "exercise-rare"  # done once, nine years ago
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone(timedelta(hours=1)))  # a Friday
WINTER = (11, 12, 1, 2, 3)
MONDAY = NOW.date() - timedelta(days=NOW.weekday())
COMMAND_REPEATS = sized(40, 1)
EXPORT_REPEATS = sized(5, 1)


def session_at(index: int) -> SessionDump:
    """Session `index` of a ten-year timeline up to NOW: the same whichever history holds it.

    15 sets each, 24 exercises in rotation, 5 % of sets skipped, 2 % practice runs, and
    one exercise done only once, nine years ago.
    """
    rng = random.Random(index)
    span = timedelta(days=3650)
    started = (NOW - span + span * (index + 0.5) / SESSIONS).replace(microsecond=0)
    started = started.astimezone(timezone(timedelta(hours=1 if started.month in WINTER else 2)))
    routine = ROUTINES[index % len(ROUTINES)]
    sets = []
    for position in range(SETS_PER_SESSION):
        exercise = EXERCISES[(index * 7 + position // 3) % len(EXERCISES)]
        if index == SESSIONS // 10 and position == 0:
            exercise = RARE
        done = rng.random() > 0.05
        sets.append(
            SetEntry(
                position=position * 2,
                exercise_id=exercise,
                exercise_name=exercise.replace("-", " ").capitalize(),
                side=rng.choice([None, "left", "right"]),
                set_number=position % 3 + 1,
                set_count=3,
                planned_reps=10,
                reps=rng.randint(6, 12) if done else 0,
                load=rng.choice([None, BODYWEIGHT, Load(20.0 + rng.randint(0, 8) * 2.5, "kg")]),
                seconds=round(rng.uniform(20, 60), 3),
                outcome=Outcome.DONE if done else Outcome.SKIPPED,
            )
        )
    return SessionDump(
        SessionSummary(
            id=SessionId(str(uuid.UUID(int=rng.getrandbits(128), version=4))),
            routine_id=routine,
            routine_source="bundled",
            title=routine.replace("-", " ").title(),
            plan_hash=f"{index % len(ROUTINES):064x}",
            started_at=started,
            ended_at=started + timedelta(minutes=rng.randint(8, 45)),
            status=Status.FINISHED if rng.random() > 0.03 else Status.STOPPED,
            practice=rng.random() < 0.02,
        ),
        tuple(sets),
    )


def newest(count: int) -> list[SessionDump]:
    return [session_at(index) for index in range(SESSIONS - count, SESSIONS)]


def first_frame(path: Path) -> tuple[float, float, float, float]:
    """Seconds to open, read the 20 most recent, last time (x2), and this week's sessions."""
    started = time.perf_counter()
    history = History(path)
    history.recent_sessions(0)  # opens the database and checks its version
    opened = time.perf_counter()
    recent = history.recent_sessions(20)
    listed = time.perf_counter()
    history.last_time(EXERCISES[3], before=recent[0].id)
    history.last_time(RARE, before=recent[0].id)
    found = time.perf_counter()
    history.sessions_between(MONDAY, MONDAY + timedelta(days=6))
    weekly = time.perf_counter()
    history.close()
    return opened - started, listed - opened, found - listed, weekly - found


def rows_returned(path: Path) -> str:
    history = History(path)
    recent = history.recent_sessions(20)
    week = history.sessions_between(MONDAY, MONDAY + timedelta(days=6))
    last = history.last_time(EXERCISES[3], before=recent[0].id)
    history.close()
    return f"{len(recent)} recent, {len(week)} this week, {len(last.sets) if last else 0} last"


def run_history(home: Path, *args: str) -> float:
    """Seconds for `backcoach history ARGS` with BACKCOACH_HOME=home, start to exit."""
    return run_measured(home, *args)[0]


TIME = Path("/usr/bin/time")
"""GNU time: the peak memory of the command itself (what a forked child inherits from
this big process, and so what os.wait4 reports, would be this script's)."""


def run_measured(home: Path, *args: str) -> tuple[float, float, float]:
    """Seconds (wall), CPU seconds and peak memory (MiB, NaN without GNU time) of
    `backcoach history ARGS`, its output to /dev/null."""
    command = backcoach_command("history", *args)
    with tempfile.NamedTemporaryFile("r") as report:
        if TIME.exists():
            command = [str(TIME), "-f", "%M %U %S", "-o", report.name, *command]
        began = time.perf_counter()
        subprocess.run(
            command,
            env={**os.environ, "BACKCOACH_HOME": str(home)},
            stdout=subprocess.DEVNULL,
            check=True,
        )
        seconds = time.perf_counter() - began
        fields = report.read().split()
    if len(fields) < 3:
        return seconds, float("nan"), float("nan")
    return seconds, float(fields[-2]) + float(fields[-1]), int(fields[-3]) / 1024


def command_timings(big: Path, small: Path) -> None:
    """`backcoach history` as a user runs it: a new process, the table of the latest 20."""
    homes = {big.parent: f"{SESSIONS:,} sessions", small.parent: "10 sessions"}
    for home in homes:  # warm the page cache and Python's bytecode cache
        run_history(home)
    timings: dict[Path, list[float]] = {home: [] for home in homes}
    for _ in range(COMMAND_REPEATS):  # interleaved, so a noisy neighbour hits both alike
        for home in homes:
            timings[home].append(run_history(home) * 1000)
    print(f"  `backcoach history` (a new process each time), median of {COMMAND_REPEATS}:")
    for home, label in homes.items():
        row(f"  {label}", f"{median(timings[home]):.0f} ms")
    big_ms, small_ms = timings[big.parent], timings[small.parent]
    row(
        f"  ratio, {SESSIONS:,} : 10 sessions (median; best of each)",
        f"{median(big_ms) / median(small_ms):.2f}x; {min(big_ms) / min(small_ms):.2f}x",
        "goal <= 1.2x",
    )
    export_timings(big.parent, small.parent.parent / "empty")


def export_timings(big: Path, empty: Path) -> None:
    """`history --json` and `--csv` of every session, as a user runs them (a new process,
    output to /dev/null), against the same command on an empty history: what reading and
    writing the sessions adds to starting Python and backcoach."""
    empty.mkdir(exist_ok=True)
    shapes = ("--json", "--csv")
    timings: dict[tuple[str, Path], list[tuple[float, float, float]]] = {
        (shape, home): [] for shape in shapes for home in (big, empty)
    }
    for shape in shapes:  # warm the page cache and Python's bytecode cache
        run_measured(big, shape)
    for _ in range(EXPORT_REPEATS):  # interleaved, so a noisy neighbour hits all alike
        for key in timings:
            timings[key].append(run_measured(key[1], *key[:1]))
    print(
        f"  `backcoach history --json` / `--csv`, all {SESSIONS:,} sessions "
        f"({SESSIONS * SETS_PER_SESSION:,} sets), median of {EXPORT_REPEATS}; load {load()}:"
    )
    for shape in shapes:
        full, full_cpu, memory = zip(*timings[(shape, big)], strict=True)
        bare, bare_cpu, _ = zip(*timings[(shape, empty)], strict=True)
        row(
            f"  {shape}: {SESSIONS:,} sessions, s (best); CPU s; peak memory",
            f"{median(full):.2f} ({min(full):.2f}); {median(full_cpu):.2f}; {max(memory):.0f} MiB",
            "goal <= 1.5 s",
        )
        row(
            f"  {shape}: empty history, s; CPU s; ratio {SESSIONS:,} : empty",
            f"{median(bare):.2f}; {median(bare_cpu):.2f}; {median(full) / median(bare):.1f}x",
        )


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes): it is shared, so figures vary."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-history-"))
    # Each in a folder of its own as history.sqlite3, so that it can be a BACKCOACH_HOME.
    big, small, same = (folder / name / "history.sqlite3" for name in ("ten-years", "ten", "forty"))

    started = time.perf_counter()
    dumps = newest(SESSIONS)
    made = time.perf_counter()
    result = History(big).restore(dumps)
    written = time.perf_counter()
    assert result.added == SESSIONS and result.sets == SESSIONS * SETS_PER_SESSION
    History(small).restore(newest(10))
    History(same).restore(newest(40))
    size = big.stat().st_size

    print(f"History store, in {folder}")
    row(
        f"synthesize {SESSIONS:,} sessions, {result.sets:,} sets (Python objects)",
        f"{made - started:.2f} s",
    )
    row("  write them through restore(): one transaction, executemany", f"{written - made:.2f} s")
    row("database size per 10,000 sessions", f"{size / (SESSIONS / 10_000) / 2**20:.1f} MiB")

    histories = {
        big: f"{SESSIONS:,} sessions (ten years)",
        small: "10 sessions (the newest ten of the same years)",
        same: "40 sessions (the newest forty: every query returns the same rows)",
    }
    for path in histories:  # warm the page cache, as any second start of the app finds it
        first_frame(path)
    timings: dict[Path, list[tuple[float, float, float, float]]] = {path: [] for path in histories}
    for _ in range(REPEATS):  # interleaved, so a noisy neighbour hits all alike
        for path in histories:
            timings[path].append(first_frame(path))
    totals = {path: [sum(t) * 1000 for t in runs] for path, runs in timings.items()}
    print(f"  open + 20 recent + last time (x2) + this week, median of {REPEATS}:")
    for path, label in histories.items():
        parts = [median([t[i] * 1000 for t in timings[path]]) for i in range(4)]
        row(f"  {label}", f"{median(totals[path]):.2f} ms")
        row(
            f"    open / recent / last time / week ms; {rows_returned(path)}",
            " / ".join(f"{p:.2f}" for p in parts),
        )
    for path, label in ((small, "10"), (same, "40")):
        row(
            f"  ratio, {SESSIONS:,} : {label} sessions (median; best of each)",
            f"{median(totals[big]) / median(totals[path]):.2f}x; "
            f"{min(totals[big]) / min(totals[path]):.2f}x",
            "goal <= 1.2x",
        )

    command_timings(big, small)

    history = History(big)
    plan = build_plan(
        Routine("strength", "Strength", (ExerciseStep(Exercise("x", "X"), reps=10, sets=3),))
    )
    session = history.start_session(plan)
    entry = dumps[0].sets[0]
    costs = []
    for position in range(RECORDED):
        began = time.perf_counter()
        history.record_set(session, SetEntry(**{**entry.__dict__, "position": position}))
        costs.append((time.perf_counter() - began) * 1000)
    history.finish_session(session)
    assert history.notice is None and len(history.sets(session)) == RECORDED
    row(
        f"record one set, synchronous=FULL, on disk: p50 ({RECORDED} sets)",
        f"{percentile(costs, 0.5):.2f} ms",
    )
    row("record one set: p99", f"{percentile(costs, 0.99):.2f} ms", "goal <= 10 ms")
    row("record one set: worst", f"{max(costs):.2f} ms")
    history.close()

    out = io.StringIO(newline="")
    began = time.perf_counter()
    export_csv(History(big), out)
    exported = time.perf_counter() - began
    csv_path = folder / "history.csv"
    csv_path.write_text(out.getvalue(), encoding="utf-8", newline="")
    row("export ten years to CSV", f"{exported:.2f} s")
    row("  CSV size", f"{csv_path.stat().st_size / 2**20:.1f} MiB")
    began = time.perf_counter()
    imported = import_csv(History(folder / "restored.sqlite3"), csv_path)
    row("import that CSV into an empty history", f"{time.perf_counter() - began:.2f} s")
    assert imported.added == SESSIONS + 1, imported.problems[:3]
    print(f"  (files left in {folder})")


if __name__ == "__main__":
    main()
