"""A real run through playsound3 with a stand-in ffplay that logs files and blocks 2 s each."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

STANDIN = Path(__file__).parent / "standin"
ROUTINE = """\
title: Seventeen seconds
defaults: {prep: 3s, switch: 2s, countdown: 3}
steps:
  - exercise: supine-piriformis-stretch
    duration: 6s
    sides: both
"""


@pytest.mark.slow  # a real 17-second routine
def test_cues_reach_a_slow_player_and_the_routine_still_ends_on_time(tmp_path, isolated_home):
    routine = tmp_path / "seventeen.yaml"
    routine.write_text(ROUTINE)
    log = tmp_path / "ffplay.log"
    env = {
        **os.environ,
        "BACKCOACH_HOME": str(isolated_home),
        "PATH": f"{STANDIN}{os.pathsep}{os.environ['PATH']}",
        "PLAYSOUND3_BACKEND": "ffplay",
        "FFPLAY_LOG": str(log),
    }
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "backcoach", "play", str(routine), "--plain"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert "Sound is unavailable" not in result.stderr
    assert "[00:17] Finished" in result.stdout
    # A cue player that held the routine up would add 2 s per cue (8 cues or more); the
    # margin is for start-up and shutdown on a busy machine, not for drift.
    assert 17 <= took < 17 + 8, took

    played = [Path(line.split()[1]) for line in log.read_text().splitlines()]
    assert all(path.is_file() and path.suffix == ".wav" for path in played)
    names = [path.stem for path in played]
    # prep start, work start, switch (the halfway sound), the right side's start, the end
    assert names[0] == "start" and names[-1] == "end"
    assert names.count("start") >= 3 and "halfway" in names
