"""`backcoach history` and the history that `play --plain` keeps, through the real entry point.

Each test has a BACKCOACH_HOME of its own (tests/conftest.py), so each starts with no
history at all.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.core.durations import parse_load
from backcoach.store import History
from tests.store.builders import KATHMANDU, NEWFOUNDLAND, PARIS, at, entry, strength_plan

# Counted sets of one rep at a 1 s tempo with a 1 s rest between them, at --speed 1: a set
# ends every two seconds, and the kill comes when set 2 starts, a second after set 1 was
# written (the write takes milliseconds), so the timing cannot decide what is kept.
COUNTED = """\
title: Counted
defaults: {countdown: 0}
steps:
  - exercise: stiff-legged-deadlift
    reps: 1
    tempo: 1s
    load: 20 kg
    sets: 3
    rest: 1s
"""
SHORT = "title: Short\nsteps:\n  - exercise: brisk-walk\n    duration: 2s\n"


def no_traceback(result) -> bool:
    return "Traceback" not in result.stdout + result.stderr


class Playing:
    """`play --plain` in the background; its lines arrive in a queue as they are printed."""

    def __init__(self, home: Path, cwd: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backcoach", "play", *args, "--plain", "--no-sound"],
            stdin=subprocess.PIPE,  # kept open: nobody presses Enter, nobody closes stdin
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            env={**os.environ, "BACKCOACH_HOME": str(home)},
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        while True:
            line = self.lines.get(timeout=timeout)
            assert line is not None, f"ended before {text!r}:\n" + "\n".join(self.seen)
            self.seen.append(line)
            if text in line:
                return line

    def finish(self, timeout: float = 30) -> tuple[int, str]:
        returncode = self.process.wait(timeout=timeout)
        while (line := self.lines.get(timeout=timeout)) is not None:
            self.seen.append(line)
        assert self.process.stderr is not None
        return returncode, self.process.stderr.read()


def sessions(run) -> list[dict]:
    result = run("history", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def stored_status(home: Path) -> list[str]:
    """The status as written in the rows, not as read back (a cut-off run reads as stopped)."""
    with sqlite3.connect(home / "history.sqlite3") as db:
        return [status for (status,) in db.execute("select status from sessions order by id")]


# -- what play --plain keeps ------------------------------------------------------------


@pytest.mark.slow
def test_a_run_killed_mid_session_keeps_every_set_done_and_is_last_time_next_run(
    run, isolated_home, tmp_path
):
    routine = tmp_path / "counted.yaml"
    routine.write_text(COUNTED)
    playing = Playing(isolated_home, tmp_path, str(routine))  # --speed 1: it counts
    playing.wait_for("(set 2 of 3)")
    playing.process.send_signal(signal.SIGKILL)
    playing.finish()
    done_before_kill = [line for line in playing.seen if re.search(r"set \d of 3 done", line)]
    assert len(done_before_kill) == 1

    (killed,) = sessions(run)
    assert killed["status"] == "stopped" and killed["practice"] is False
    assert killed["title"] == "Counted" and killed["routine"] == "counted"
    assert [(s["set"], s["reps"], s["load"], s["outcome"]) for s in killed["sets"]] == [
        (1, 1, "20 kg", "done")
    ]
    assert killed["ended_at"] is not None  # the time of its last set
    assert stored_status(isolated_home) == ["running"]  # left as the kill left it

    again = run("play", str(routine), "--plain", "--no-sound", "--speed", "1000")
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    first_set = next(i for i, line in enumerate(lines) if "(set 1 of 3)" in line)
    assert re.fullmatch(r"\[00:00\]   Last time: 1 rep at 20 kg · .+", lines[first_set + 1])
    assert sum("Last time" in line for line in lines) == 1  # once per exercise, not per set

    killed_again, practice = sessions(run)
    assert killed_again == killed
    assert practice["practice"] is True and practice["status"] == "finished"
    assert [s["outcome"] for s in practice["sets"]] == ["done"] * 3

    # The practice run did three sets; last time still comes from the run that counted.
    third = run("play", str(routine), "--plain", "--no-sound", "--speed", "1000")
    assert "Last time: 1 rep at 20 kg · " in third.stdout
    assert "1, 1, 1 reps" not in third.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stop", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["ctrl-c", "kill", "terminal-closed"],
)
def test_a_stop_mid_session_closes_it_as_stopped_with_its_sets(
    run, isolated_home, tmp_path, stop, code
):
    routine = tmp_path / "counted.yaml"
    # Sets of 4 s: the signal lands inside set 2 even on a busy machine.
    routine.write_text(COUNTED.replace("tempo: 1s", "tempo: 4s"))
    playing = Playing(isolated_home, tmp_path, str(routine))
    playing.wait_for("(set 2 of 3)")
    playing.process.send_signal(stop)
    returncode, err = playing.finish()
    assert returncode == code and "Traceback" not in err
    assert "Stopped: Counted, 1 of 3 sets done" in playing.seen[-1]

    (stopped,) = sessions(run)
    assert stored_status(isolated_home) == ["stopped"]  # closed by the run, not cut off
    assert stopped["status"] == "stopped" and stopped["practice"] is False
    assert [(s["set"], s["outcome"]) for s in stopped["sets"]] == [(1, "done"), (2, "skipped")]


def test_a_finished_run_is_kept_as_finished_and_a_faster_one_as_practice(
    run, isolated_home, tmp_path
):
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    result = run("play", str(routine), "--plain", "--no-sound", "--speed", "50")
    assert result.returncode == 0 and result.stderr == ""
    (session,) = sessions(run)
    assert stored_status(isolated_home) == ["finished"]
    assert session["practice"] is True
    assert [(s["exercise"], s["seconds"], s["outcome"]) for s in session["sets"]] == [
        ("brisk-walk", 2.0, "done")
    ]
    assert "Last time" not in result.stdout  # a timed set without a load has none


def test_a_damaged_history_is_moved_aside_once_and_the_routine_plays_on(
    run, isolated_home, tmp_path
):
    isolated_home.mkdir()
    damaged = os.urandom(8192)
    (isolated_home / "history.sqlite3").write_bytes(damaged)
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    result = run("play", str(routine), "--plain", "--no-sound", "--speed", "50")
    assert result.returncode == 0 and no_traceback(result)
    assert "Finished: Short, 1 of 1 sets done" in result.stdout
    assert result.stderr.count("moved aside") == 1, result.stderr
    (moved,) = isolated_home.glob("history.sqlite3.corrupt-*")
    assert str(moved) in result.stderr and moved.read_bytes() == damaged
    (session,) = sessions(run)
    assert session["title"] == "Short" and len(session["sets"]) == 1


def test_a_history_that_cannot_be_written_never_stops_the_routine(run, isolated_home, tmp_path):
    (isolated_home / "history.sqlite3").mkdir(parents=True)  # not a file: nothing can be kept
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    result = run("play", str(routine), "--plain", "--no-sound", "--speed", "50")
    assert result.returncode == 0 and no_traceback(result)
    assert "Finished: Short" in result.stdout
    assert result.stderr.count("History is not being saved") == 1, result.stderr
    assert result.stderr.count("\n") == 1


# -- the table --------------------------------------------------------------------------


def keep(home: Path, *runs: tuple) -> list[str]:
    """Sessions written through the store as a run writes them: (day, hour, options)."""
    history = History(home / "history.sqlite3")
    ids = []
    for day, hour, options in runs:
        plan = strength_plan()
        session = history.start_session(
            plan,
            practice=options.get("practice", False),
            at=at(day, hour, tz=options.get("tz", PARIS)),
        )
        for position, reps in enumerate(options.get("reps", [10, 10, 8])):
            history.record_set(
                session,
                entry(
                    position * 2,
                    reps=reps,
                    load=options.get("load", "20 kg"),
                    set_number=position + 1,
                ),
                at=at(day, hour, 5 + position, tz=options.get("tz", PARIS)),
            )
        if options.get("finish", True):
            history.finish_session(
                session,
                completed=options.get("completed", True),
                at=at(day, hour, 30, tz=options.get("tz", PARIS)),
            )
        ids.append(session)
    history.close()
    return ids


def test_history_without_sessions_says_so_and_creates_nothing(run, isolated_home):
    result = run("history")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("No sessions yet.")
    assert not (isolated_home / "history.sqlite3").exists()
    assert run("history", "--json").stdout == "[]\n"
    assert run("history", "--csv").stdout.startswith("session,started_at,")


def test_history_table_is_newest_first_with_time_sets_and_marks(run, isolated_home):
    keep(
        isolated_home,
        (16, 18, {}),
        (17, 7, {"practice": True}),
        (18, 18, {"completed": False, "reps": [10]}),
    )
    result = run("history")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "WHEN", "ROUTINE", "TIME", "DONE", "SKIPPED"]
    assert all(len(line.split()[0]) == 8 for line in lines[1:4])  # the id's first characters
    assert lines[1].split()[1:] == [
        "2026-11-18",
        "Wed",
        "18:00",
        "Test",
        "30:00",
        "1",
        "0",
        "stopped",
        "early",
    ]
    assert lines[2].split()[1:] == [
        "2026-11-17",
        "Tue",
        "07:00",
        "Test",
        "30:00",
        "3",
        "0",
        "practice",
    ]
    assert lines[3].split()[1:] == ["2026-11-16", "Mon", "18:00", "Test", "30:00", "3", "0"]
    assert lines[4:6] == ["", "This week:"]  # then one line per bundled routine with a target
    assert any(line.strip().startswith("Posterior-chain strength: ") for line in lines[6:])


def test_history_table_shows_the_latest_20_and_says_how_to_see_more(run, isolated_home):
    keep(isolated_home, *((1 + n % 28, 6 + n // 28, {"reps": [10]}) for n in range(25)))
    table, more, _ = run("history").stdout.split("\n\n")
    assert len([line for line in table.splitlines() if " 2026-11-" in line]) == 20
    assert "The latest 20 are shown" in more and "--since" in more


def test_history_shows_titles_one_line_each_with_control_characters_escaped(run, isolated_home):
    from backcoach.core.model import Routine
    from backcoach.core.plan import build_plan
    from tests.helpers import manual_reps

    history = History(isolated_home / "history.sqlite3")
    plan = build_plan(Routine("evil", "Evil\x1b[2J\nsecond line", (manual_reps(5),)))
    history.finish_session(history.start_session(plan))
    history.close()
    result = run("history")
    assert "\x1b" not in result.stdout
    assert "Evil\\x1b[2J\\nsecond line" in result.stdout
    assert len(sessions_table(result.stdout)) == 2


def sessions_table(stdout: str) -> list[str]:
    """The table of sessions, without the weekly targets that follow it."""
    return stdout.split("\n\n")[0].splitlines()


# -- --since ------------------------------------------------------------------------------


def test_since_limits_the_table_the_json_and_the_csv(run, isolated_home):
    keep(
        isolated_home,
        (10, 18, {}),
        (16, 23, {"tz": NEWFOUNDLAND}),  # 03:00 on the 17th in UTC, but the 16th on its clock
        (17, 8, {"tz": KATHMANDU}),  # 02:15 on the 17th in UTC
        (20, 18, {}),
    )
    table = sessions_table(run("history", "--since", "2026-11-17").stdout)
    assert [line.split()[1] for line in table[1:]] == ["2026-11-20", "2026-11-17"]
    found = json.loads(run("history", "--json", "--since", "2026-11-17").stdout)
    assert [s["started_at"] for s in found] == [
        "2026-11-17T08:00:00+05:45",
        "2026-11-20T18:00:00+01:00",
    ]
    csv_rows = run("history", "--csv", "--since", "2026-11-17").stdout.splitlines()
    assert len(csv_rows) == 1 + 2 * 3 and all("2026-11-1" + "6" not in row for row in csv_rows)
    assert sessions_table(run("history", "--since", "2026-11-21").stdout) == [
        "No sessions since Sat 2026-11-21."
    ]
    assert run("history", "--json", "--since", "2026-11-21").stdout == "[]\n"


@pytest.mark.parametrize(
    "since", ["2026-02-30", "17/11/2026", "2026-11-1", "yesterday", "", "2026-11-17T00:00"]
)
def test_a_bad_since_is_a_usage_error_that_says_how_to_write_it(run, since):
    result = run("history", "--since", since)
    assert result.returncode == 2 and no_traceback(result)
    assert "YYYY-MM-DD, such as 2026-11-01" in result.stderr
    assert result.stdout == ""


# -- CSV export and import ----------------------------------------------------------------


def test_csv_export_imports_into_a_fresh_home_as_the_same_history(run, isolated_home, tmp_path):
    keep(
        isolated_home,
        (10, 18, {"load": "bodyweight"}),
        (16, 23, {"tz": NEWFOUNDLAND, "practice": True}),
        (17, 8, {"tz": KATHMANDU, "completed": False, "reps": [12, 0]}),
        (18, 9, {"finish": False}),  # cut off: reads as stopped
        (19, 9, {"reps": []}),  # a session without a set
    )
    history = History(isolated_home / "history.sqlite3")  # a set with a side, no reps, 22.5 kg
    session = history.start_session(strength_plan(), at=at(20))
    history.record_set(session, entry(3, reps=None, load="22.5 kg", side="left"), at=at(20, 18, 5))
    history.finish_session(session, at=at(20, 18, 6))
    history.close()
    before = run("history", "--json").stdout
    assert len(json.loads(before)) == 6

    exported = run("history", "--csv")
    assert exported.returncode == 0 and exported.stderr == ""
    csv_file = tmp_path / "moved.csv"
    csv_file.write_text(exported.stdout, newline="")
    assert exported.stdout.count("\n") == 1 + 3 + 3 + 2 + 3 + 1 + 1

    fresh = tmp_path / "fresh-home"
    imported = run("history", "import", str(csv_file), env={"BACKCOACH_HOME": str(fresh)})
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert imported.stdout == f"Imported 6 sessions (12 sets) from {csv_file}.\n"
    after = run("history", "--json", env={"BACKCOACH_HOME": str(fresh)}).stdout
    assert after == before

    twice = run("history", "import", str(csv_file), env={"BACKCOACH_HOME": str(fresh)})
    assert twice.returncode == 0
    assert (
        twice.stdout == f"Nothing new in {csv_file}: all 6 sessions are already in your history.\n"
    )
    assert run("history", "--json", env={"BACKCOACH_HOME": str(fresh)}).stdout == before


def test_a_bad_csv_says_file_and_line_and_writes_nothing(run, isolated_home, tmp_path):
    keep(isolated_home, (16, 18, {}))
    before = run("history", "--json").stdout
    other = tmp_path / "other"
    keep(other, (17, 18, {}), (18, 18, {}))
    rows = run("history", "--csv", env={"BACKCOACH_HOME": str(other)}).stdout.splitlines()
    rows[2] = rows[2].replace(",done", ",maybe")  # line 3
    rows[5] = rows[5].replace("20 kg", "twenty kilos")  # line 6
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(rows) + "\n")

    result = run("history", "import", str(bad))
    assert result.returncode == 1 and no_traceback(result)
    assert result.stdout.splitlines() == [
        f"{bad}:3: outcome is 'maybe'; it should be done or skipped",
        f"{bad}:6: load is 'twenty kilos'; it should be like 20 kg, 45 lb or bodyweight",
    ]
    assert "nothing was imported" in result.stderr
    assert run("history", "--json").stdout == before


def test_importing_a_file_that_is_not_there_exits_1(run, tmp_path):
    result = run("history", "import", str(tmp_path / "missing.csv"))
    assert result.returncode == 1 and no_traceback(result)
    assert f"{tmp_path / 'missing.csv'}: cannot be read" in result.stdout


# -- the command line ---------------------------------------------------------------------


def test_history_help_shows_both_forms(run):
    result = run("history", "--help")
    assert result.returncode == 0
    assert "backcoach history [--json | --csv] [--since YYYY-MM-DD]" in result.stdout
    assert "backcoach history import FILE.csv" in result.stdout
    importing = run("history", "import", "--help")
    assert importing.returncode == 0
    assert importing.stdout.startswith("usage: backcoach history import [-h] FILE.csv")
    assert "history" in run("--help").stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("history", "import"), "required: FILE.csv"),
        (("history", "restore", "x.csv"), "invalid choice: 'restore'"),
        (("history", "--json", "--csv"), "not allowed with argument --json"),
        (("history", "--json", "import", "x.csv"), "history import takes no --json"),
        (("history", "import", "x.csv", "--csv"), "unrecognized arguments: --csv"),
    ],
)
def test_history_usage_errors_exit_2(run, args, says):
    result = run(*args)
    assert result.returncode == 2 and says in result.stderr and no_traceback(result)


def test_loads_keep_their_units_in_json(run, isolated_home):
    keep(isolated_home, (16, 18, {"load": "45 lb"}))
    (session,) = sessions(run)
    assert {s["load"] for s in session["sets"]} == {str(parse_load("45 lb"))}


def test_csv_keeps_every_byte_for_a_file_but_shows_escapes_on_a_terminal(isolated_home, run):
    import pty

    from backcoach.core.model import Routine
    from backcoach.core.plan import build_plan
    from tests.helpers import manual_reps

    history = History(isolated_home / "history.sqlite3")
    plan = build_plan(Routine("evil", "Evil\x1b[2J title", (manual_reps(5),)))
    history.finish_session(history.start_session(plan))
    history.close()
    assert ",Evil\x1b[2J title," in run("history", "--csv").stdout  # data, for a spreadsheet

    primary, secondary = pty.openpty()
    subprocess.run(
        [sys.executable, "-m", "backcoach", "history", "--csv"],
        stdout=secondary,
        env={**os.environ, "BACKCOACH_HOME": str(isolated_home)},
        timeout=60,
        check=True,
    )
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal's other end has closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert b"\x1b" not in shown and b",Evil\\x1b[2J title," in shown


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_the_fast_indented_json_is_byte_for_byte_the_standard_one(value):
    from backcoach.history_report import indented

    assert indented(value) == json.dumps(value, indent=2)


def test_a_title_that_starts_a_formula_is_exported_as_text_and_imported_back(
    run, isolated_home, tmp_path
):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "sum.yaml").write_text(
        'title: "=1+1"\nsteps:\n  - exercise: brisk-walk\n    duration: 3s\n'
    )
    earlier = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    assert run("history", "add", "sum", "--at", earlier).returncode == 0
    exported = run("history", "--csv")
    assert exported.returncode == 0, exported.stderr
    assert ",'=1+1," in exported.stdout and ",=1+1," not in exported.stdout
    path = tmp_path / "export.csv"
    path.write_text(exported.stdout, newline="")
    elsewhere = {"BACKCOACH_HOME": str(tmp_path / "other")}
    assert run("history", "import", str(path), env=elsewhere).returncode == 0
    (session,) = json.loads(run("history", "--json", env=elsewhere).stdout)
    assert session["title"] == "=1+1"
