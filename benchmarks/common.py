"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def backcoach_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "backcoach", *args]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def _spin() -> None:
    while True:
        pass


@contextmanager
def cores_kept_busy(count: int | None = None):
    """Keep every core busy with another process, as the issues ask."""
    count = count or os.cpu_count() or 2
    workers = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(count)]
    for worker in workers:
        worker.start()
    try:
        yield
    finally:
        for worker in workers:
            worker.terminate()
            worker.join()


def row(label: str, value: str, goal: str = "") -> None:
    print(f"  {label:<58} {value:>14}   {goal}")
