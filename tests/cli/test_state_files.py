"""State files in the user folder that no command may trip over: a pipe where the history
or the flare-up state should be, and a flare-up start no clock could have written."""

from __future__ import annotations

import json
import os

import pytest

FAST = ("--plain", "--no-sound", "--speed", "1000")
no_pipes = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def no_traceback(result) -> bool:
    return "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("start", ["9999-12-31T23:59:00+00:00", "0001-01-01T00:00:00"])
def test_a_flare_start_no_clock_wrote_leaves_every_command_working(run, isolated_home, start):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "flare-mode.txt").write_text(start + "\n")
    show = run("show", "strength")
    assert show.returncode == 0 and no_traceback(show), show.stderr
    assert "held a start backcoach cannot use" in show.stdout + show.stderr
    played = run("play", "strength", *FAST)
    assert played.returncode == 0 and no_traceback(played), played.stderr
    status = run("flare", "status")
    assert status.returncode == 0 and "Flare-up mode is off." in status.stdout


@no_pipes
def test_a_pipe_in_place_of_the_flare_state_blocks_nothing(run, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    os.mkfifo(isolated_home / "flare-mode.txt")
    for args in (("show", "strength"), ("flare", "status"), ("play", "strength", *FAST)):
        result = run(*args, timeout=30)
        assert result.returncode == 0 and no_traceback(result), (args, result.stderr)


@no_pipes
def test_a_pipe_in_place_of_the_history_is_named_and_nothing_hangs(run, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    os.mkfifo(isolated_home / "history.sqlite3")
    said = "it is a pipe, not a file; move it away to keep a history"
    for args in (("history",), ("history", "--csv"), ("activity", "list")):
        result = run(*args, timeout=30)
        assert result.returncode == 1, (args, result.stdout)  # nothing read is not "empty"
        assert said in result.stderr and no_traceback(result)
    checkin = run("checkin", "--back", "2", "--leg", "1", "--reach", "none", timeout=30)
    assert checkin.returncode == 1 and "could not be saved" in checkin.stderr
    played = run("play", "strength", *FAST, timeout=60)
    assert played.returncode == 0 and said in played.stderr  # the routine plays on
    shown = run("show", "strength", "--json", timeout=30)
    assert shown.returncode == 0 and json.loads(shown.stdout)["id"] == "strength"
