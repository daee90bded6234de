"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

SMOKE = "--smoke" in sys.argv[1:]
"""`--smoke`: every script runs to the end at tiny sizes in a few seconds, to prove that it
still runs (tests/test_benchmarks.py does this for each). Its figures measure nothing."""

if SMOKE:
    print("(--smoke: tiny sizes, a check that this script runs; the figures mean nothing)")

T = TypeVar("T")


def sized(full: T, smoke: T) -> T:
    """`full` for a real measurement, `smoke` under --smoke: the one switch every script uses."""
    return smoke if SMOKE else full


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


class Terminal:
    """A program running in a pseudo-terminal of a fixed size, read in the background."""

    def __init__(self, command: list[str], env: dict | None = None, size=(100, 30)) -> None:
        import fcntl
        import pty
        import struct
        import subprocess
        import termios
        import threading
        import time

        self.started = time.monotonic()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, "TERM": "xterm-256color", **(env or {})},
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.seen: dict[bytes, float] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        import time

        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk
            now = time.monotonic()
            for marker in list(self.watch):
                if marker in self.output and marker not in self.seen:
                    self.seen[marker] = now

    watch: tuple[bytes, ...] = ()

    def wait_for(self, marker: bytes, timeout: float = 20) -> float:
        """Seconds from launch until `marker` first appeared on screen."""
        import time

        deadline = time.monotonic() + timeout
        while marker not in self.seen:
            if time.monotonic() > deadline:
                raise TimeoutError(marker)
            time.sleep(0.002)
        return self.seen[marker] - self.started

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_memory_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        import signal

        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        os.close(self.master)
