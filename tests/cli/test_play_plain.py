"""`backcoach play --plain` through the real entry point."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

ROUTINE = """\
title: Quick test
defaults: {prep: 2s, switch: 2s, countdown: 2}
steps:
  - exercise: supine-piriformis-stretch
    duration: 4s
    sides: both
    sets: 2
    rest: 2s
  - exercise: stiff-legged-deadlift
    reps: 8
    load: 20 kg
"""


def test_plain_play_reads_well_and_exits_0(run, tmp_path):
    path = tmp_path / "quick.yaml"
    path.write_text(ROUTINE)
    result = run("play", str(path), "--plain", "--no-sound", "--speed", "1000", stdin="")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Quick test: about 1:00."
    assert any(
        line.startswith(
            "[00:02] Piriformis stretch, left side, 4s (set 1 of 2). Next: switch to the right side"
        )
        for line in lines
    )
    assert any(
        line.startswith("[00:08] Piriformis stretch, right side, 4s (set 1 of 2). Next: rest 2s")
        for line in lines
    )
    assert any("Press Enter when the set is done" in line for line in lines)
    assert any(
        line.endswith(
            "Stop if pain shoots down your leg; your back rounds and you cannot keep it flat"
        )
        for line in lines
    )
    assert "Finished: Quick test, 5 of 5 sets done" in lines[-1]
    assert "Traceback" not in result.stderr


def test_plain_play_with_stdin_closed_lets_manual_sets_run_their_estimate(run):
    result = run("play", "core", "--plain", "--no-sound", "--speed", "1000", stdin="")
    assert result.returncode == 0 and "Finished: Core strength" in result.stdout


def test_plain_play_without_any_player_says_so_once_and_finishes(run, tmp_path):
    path = tmp_path / "short.yaml"
    path.write_text("title: Short\nsteps:\n  - exercise: brisk-walk\n    duration: 3s\n")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result = run("play", str(path), "--plain", "--speed", "100", env={"PATH": str(empty)})
    assert result.returncode == 0
    assert result.stderr.count("Sound is unavailable") == 1
    assert "Finished: Short" in result.stdout


def test_plain_play_of_an_invalid_routine_exits_1_with_problems(run, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("title: Bad\nsteps:\n  - exercise: brisk-walk\n    duration: 1:30\n")
    result = run("play", str(path), "--plain")
    assert result.returncode == 1
    assert f"{path}:4:15:" in result.stdout and "Traceback" not in result.stderr


def test_ctrl_c_stops_cleanly_with_a_summary(isolated_home, tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "backcoach", "play", "stretch-and-extend", "--plain", "--no-sound"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        env={**os.environ, "BACKCOACH_HOME": str(isolated_home)},
    )
    assert process.stdout.readline().startswith("Stretches and press-ups")
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 130
    assert "Stopped: Stretches and press-ups, 0 of 17 sets done, in 0:00." in out
    assert "Traceback" not in err


def test_bad_speed_is_a_usage_error(run):
    result = run("play", "core", "--plain", "--speed", "fast")
    assert result.returncode == 2 and "not a number" in result.stderr


def test_a_run_with_a_skipped_set_ends_saying_so_not_praising_it(run, tmp_path):
    path = tmp_path / "counted.yaml"
    path.write_text(
        "title: Counted\nsteps:\n  - exercise: stiff-legged-deadlift\n    reps: 8\n    sets: 2\n"
    )
    # No reps typed for the first set: it is kept as skipped; Enter says the second is done.
    result = run("play", str(path), "--plain", "--no-sound", "--speed", "1000", stdin="0\n\n")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert "Finished, with 1 set skipped: Counted, 1 of 2 sets done, in" in last
    assert "Well done" not in result.stdout and "Traceback" not in result.stderr


def test_enter_ends_a_rest_early_in_plain_mode_as_in_the_app(run, tmp_path):
    path = tmp_path / "rest.yaml"
    path.write_text(
        "title: Rest test\nsteps:\n  - exercise: stiff-legged-deadlift\n    reps: 5\n"
        "  - rest: 10m\n  - exercise: stiff-legged-deadlift\n    reps: 5\n",
        encoding="utf-8",
    )
    # Enter for the set, Enter to end the ten-minute rest, Enter for the second set.
    result = run("play", str(path), "--plain", "--no-sound", stdin="\n\n\n", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Rest 10m. Next: Stiff-legged deadlift, 5 reps. Enter ends it early" in result.stdout
    assert "Finished: Rest test, 2 of 2 sets done" in result.stdout


def test_a_run_at_another_speed_says_it_is_practice(run, tmp_path):
    path = tmp_path / "quick.yaml"
    path.write_text(ROUTINE)
    result = run("play", str(path), "--plain", "--no-sound", "--speed", "1000", stdin="")
    lines = result.stdout.splitlines()
    assert lines[1].startswith("PRACTICE: played at another speed, so it is kept but never")
    assert lines[-1].endswith("(practice).")
