"""Ctrl+C, SIGINT, SIGTERM, SIGHUP and SIGQUIT end the app cleanly: the session is stopped
keeping what was done, the terminal is restored, and the exit code is 128 + the signal
(130 for Ctrl+C and SIGINT, 143 for SIGTERM)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome
from tests.helpers import hold, routine
from tests.terminal import LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR, in_terminal, read_to_end, read_until


@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
async def test_a_stop_signal_stops_the_workout_and_exits_with_its_code(
    make_app, clock, number, code
):
    app = make_app(build_plan(routine(hold(30), hold(30))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        clock.advance(40)
        player.refresh_state()
        app.stop_for_signal(number)
        await pilot.pause()
    assert app.return_code == code
    records = player.workout.records
    assert player.workout.finished
    assert records[0].outcome is Outcome.DONE and records[1].outcome is Outcome.SKIPPED


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty and POSIX signals")
@pytest.mark.parametrize(
    "name",
    [
        "SIGTERM",  # about 0.7 s: a subprocess that starts Textual
        pytest.param("SIGHUP", marks=pytest.mark.slow),
        pytest.param("SIGQUIT", marks=pytest.mark.slow),
    ],
)
def test_a_stop_signal_restores_the_terminal(tmp_path, name):
    """The real app in a pseudo-terminal, mid-routine, gets a signal."""
    number = getattr(signal, name)
    with in_terminal(tmp_path / "home", "play", "desk-break", "--no-sound") as (process, main):
        deadline = time.monotonic() + 60
        read_until(main, b"press Enter to start", deadline)
        os.write(main, b"\r")  # start the routine: the signal arrives mid-session
        read_until(main, b"GET READY", deadline)
        process.send_signal(number)
        after = read_to_end(main, deadline)
        code = process.wait(timeout=30)
    assert code == 128 + number
    assert LEAVE_ALTERNATE_SCREEN in after and SHOW_CURSOR in after
    tail = after[after.rindex(LEAVE_ALTERNATE_SCREEN) :]
    assert b"Traceback" not in after and b"\x1b[?1049h" not in tail


@pytest.mark.slow  # about 3 s: the app in a pseudo-terminal, then `history` to read it back
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_ctrl_c_stops_at_once_keeping_the_session_and_exits_130(tmp_path):
    """In a terminal Ctrl+C is a key the app reads, not a signal: it must still stop."""
    home = tmp_path / "home"
    with in_terminal(home, "play", "desk-break", "--no-sound") as (process, main):
        deadline = time.monotonic() + 60
        read_until(main, b"press Enter to start", deadline)
        os.write(main, b"\r")
        read_until(main, b"GET READY", deadline)
        os.write(main, b"\x03")
        after = read_to_end(main, deadline)
        code = process.wait(timeout=30)
    assert code == 130
    assert LEAVE_ALTERNATE_SCREEN in after and SHOW_CURSOR in after
    assert b"Traceback" not in after
    history = subprocess.run(
        [sys.executable, "-m", "backcoach", "history", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "BACKCOACH_HOME": str(home)},
        timeout=60,
    )
    sessions = json.loads(history.stdout)
    assert [(s["routine"], s["status"]) for s in sessions] == [("desk-break", "stopped")]


def test_a_filter_and_enter_typed_before_the_first_frame_start_that_routine(tmp_path):
    """`backcoach`, then `desk` Enter at once: the Enter, a priority key, comes before the
    screen has its focus and ahead of the letters typed before it; it must still start the
    routine those letters chose, not nothing."""
    with in_terminal(tmp_path / "home") as (_, main):
        os.write(main, b"desk\r")
        read_until(main, b"READY", time.monotonic() + 40)
