"""`backcoach checkin`, check-ins in `history --json`/`--csv`, and `play --plain` asking
before and after, all through the real entry point."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backcoach.store import History
from backcoach.store.csvio import EXTRA_COLUMNS
from tests.store.builders import entry, strength_plan

PLAIN = ("--plain", "--no-sound", "--speed", "100")
SHORT = "title: Short\nsteps:\n  - exercise: brisk-walk\n    duration: 2s\n"


def no_traceback(result) -> bool:
    return "Traceback" not in result.stdout + result.stderr


def history_json(run, env: dict | None = None) -> list[dict]:
    result = run("history", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def a_session(home: Path, ago: timedelta = timedelta(0)) -> str:
    """A session played `ago` (not practice), as a run writes it: it lasts 20 minutes."""
    history = History(home / "history.sqlite3")
    ended = datetime.now().astimezone() - ago
    session = history.start_session(strength_plan(), at=ended - timedelta(minutes=20))
    history.record_set(session, entry(0), at=ended - timedelta(minutes=1))
    history.finish_session(session, at=ended)
    history.close()
    return session


YESTERDAY = timedelta(days=1)


# -- backcoach checkin ------------------------------------------------------------------


def test_a_checkin_is_recorded_and_said_back(run):
    result = run("checkin", "--back", "2", "--leg", "1", "--reach", "buttock", "--note", "woke")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Check-in recorded: back 2, leg 1, reaching the buttock.\n"
    (found,) = history_json(run)
    assert found == {
        "kind": "checkin",
        "id": found["id"],
        "taken_at": found["taken_at"],
        "back": 2,
        "leg": 1,
        "reach": "buttock",
        "note": "woke",
        "phase": None,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--back", "2", "--leg", "11", "--reach", "none"),
            "backcoach: leg pain 11 is outside the scale; give a whole number from 0 (no pain) "
            "to 10 (the worst imaginable); nothing was recorded\n",
        ),
        (
            ("--back", "2", "--leg", "1", "--reach", "ankle"),
            "backcoach: 'ankle' is not a reach; say how far down the leg the symptoms reach: "
            "one of none, buttock, thigh, knee, foot (knee means below the knee); nothing was "
            "recorded\n",
        ),
        (
            ("--back", "lots", "--leg", "1", "--reach", "none"),
            "backcoach: back pain 'lots' is not a number; give a whole number from 0 (no pain) "
            "to 10 (the worst imaginable); nothing was recorded\n",
        ),
    ],
)
def test_bad_answers_exit_1_and_record_nothing(run, args, message):
    result = run("checkin", *args)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)
    assert history_json(run) == []


def test_checkin_help_explains_each_answer(run):
    result = run("checkin", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "back pain from 0 (none) to 10" in text
    assert "leg pain from 0 (none) to 10" in text
    assert "none, buttock, thigh, knee (below the knee) or foot" in text
    assert "later check" in text


def test_the_first_checkin_a_day_after_a_session_is_its_later_check_and_says_worse(
    run, isolated_home
):
    with History(isolated_home / "history.sqlite3") as history:
        history.add_checkin(2, 1, "buttock", at=datetime.now().astimezone() - 2 * YESTERDAY)
    session = a_session(isolated_home, ago=YESTERDAY)
    result = run("checkin", "--back", "2", "--leg", "4", "--reach", "knee")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Check-in recorded: back 2, leg 4, reaching below the knee."
    assert lines[1].startswith("It counts as the later check of Test (")
    assert lines[2] == (
        "Worse than before the session (leg pain 1 → 4, reach the buttock → below the knee)."
    )
    assert lines[3].startswith("Your leg symptoms now reach below the knee, further down")
    assert "talk to your physiotherapist or doctor" in lines[3]

    # A second one is a diary entry of its own: the session already has its later check.
    again = run("checkin", "--back", "1", "--leg", "1", "--reach", "none")
    assert again.stdout == "Check-in recorded: back 1, leg 1, no leg symptoms.\n"

    found = history_json(run)
    (played,) = [e for e in found if e["kind"] == "session"]
    loose = [(e["back"], e["leg"], e["phase"]) for e in found if e["kind"] == "checkin"]
    assert sorted(loose) == [(1, 1, None), (2, 1, None)]
    assert played["id"] == session and played["symptoms_spread"] is True
    assert [(c["phase"], c["leg"]) for c in played["checkins"]] == [("later", 4)]
    table = run("history").stdout
    assert "symptoms spread" in table


def test_a_checkin_minutes_after_a_session_is_its_after_check_not_its_later_one(run, isolated_home):
    """Sciatic pain often comes back hours later: a check-in soon after a session cannot
    say how the back took it, so it is the after check and lets no load go up."""
    session = a_session(isolated_home, ago=timedelta(minutes=5))
    result = run("checkin", "--back", "2", "--leg", "1", "--reach", "none")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Check-in recorded: back 2, leg 1, no leg symptoms."
    assert lines[1].startswith("It counts as the after check of Test (")
    assert "too soon to say how your back took it" in lines[1]
    assert "is its later check, which decides whether the load goes up." in lines[1]
    assert len(lines) == 2
    (played,) = [e for e in history_json(run) if e["kind"] == "session"]
    assert played["id"] == session
    assert [c["phase"] for c in played["checkins"]] == ["after"]


def test_a_checkin_during_a_session_played_elsewhere_belongs_to_no_session(run, isolated_home):
    """Another copy of backcoach is playing: its session is still running in the store."""
    history = History(isolated_home / "history.sqlite3")
    session = history.start_session(strength_plan())
    history.record_set(session, entry(0))
    history.close()
    result = run("checkin", "--back", "2", "--leg", "1", "--reach", "none")
    assert result.stdout == "Check-in recorded: back 2, leg 1, no leg symptoms.\n"
    loose = [e for e in history_json(run) if e["kind"] == "checkin"]
    assert [e["phase"] for e in loose] == [None]


def test_a_session_dated_after_the_checkin_does_not_take_it(run, isolated_home):
    """A session from the future (imported, or played while the clock was wrong) is passed
    over: the check-in goes to yesterday's session, and later ones are not kept from it."""
    yesterday = a_session(isolated_home, ago=YESTERDAY)
    a_session(isolated_home, ago=-YESTERDAY)
    result = run("checkin", "--back", "2", "--leg", "1", "--reach", "none")
    assert result.stdout.splitlines()[1].startswith("It counts as the later check of Test (")
    found = {e["id"]: e for e in history_json(run) if e["kind"] == "session"}
    assert [c["phase"] for c in found[yesterday]["checkins"]] == ["later"]


def test_a_later_check_not_worse_says_so(run, isolated_home):
    with History(isolated_home / "history.sqlite3") as history:
        history.add_checkin(3, 2, "thigh", at=datetime.now().astimezone() - 2 * YESTERDAY)
    a_session(isolated_home, ago=YESTERDAY)
    result = run("checkin", "--back", "2", "--leg", "2", "--reach", "buttock")
    assert result.stdout.splitlines()[2:] == [
        "Better than before the session (reach the thigh → the buttock).",
        "Your leg symptoms have moved up, from the thigh to the buttock: that is usually a "
        "good sign.",
    ]
    (played,) = [e for e in history_json(run) if e["kind"] == "session"]
    assert played["symptoms_spread"] is False


# -- CSV ------------------------------------------------------------------------------


def test_checkins_go_through_csv_and_come_back_exactly(run, isolated_home, tmp_path):
    history = History(isolated_home / "history.sqlite3")  # as `checkin` writes them
    history.add_checkin(2, 1, "buttock", note='a "quoted", note')
    history.close()
    session = a_session(isolated_home)
    history.add_checkin(2, 4, "knee", session=session, phase="later")
    history.add_checkin(0, 0, "none")
    history.close()
    before = run("history", "--json").stdout

    exported = run("history", "--csv")
    assert exported.returncode == 0
    rows = exported.stdout.splitlines()
    assert len(rows) == 1 + 1 + 1 + 1 + 1  # header, loose, set, later, loose
    assert rows[0].endswith(
        ",outcome,kind,checkin,taken_at,back,leg,reach,note,phase,flare,planned_reps_top,"
        + ",".join(EXTRA_COLUMNS)
    )
    csv_file = tmp_path / "moved.csv"
    csv_file.write_text(exported.stdout, newline="")

    fresh = {"BACKCOACH_HOME": str(tmp_path / "fresh")}
    imported = run("history", "import", str(csv_file), env=fresh)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert imported.stdout.splitlines() == [
        f"Imported 3 check-ins from {csv_file}.",
        f"Imported 1 session (1 set) from {csv_file}.",
    ]
    assert run("history", "--json", env=fresh).stdout == before


def test_a_bad_checkin_row_names_its_line_and_imports_nothing(run, tmp_path):
    other = {"BACKCOACH_HOME": str(tmp_path / "other")}
    run("checkin", "--back", "2", "--leg", "1", "--reach", "thigh", env=other)
    rows = run("history", "--csv", env=other).stdout.splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([rows[0], rows[1].replace(",thigh,", ",ankle,")]) + "\n")
    result = run("history", "import", str(bad))
    assert result.returncode == 1 and no_traceback(result)
    assert result.stdout == (
        f"{bad}:2: reach is 'ankle'; it should be none, buttock, thigh, knee or foot\n"
    )
    assert history_json(run) == []


# -- play --plain -----------------------------------------------------------------------


def test_plain_play_asks_nothing_when_stdin_is_not_a_terminal(run, tmp_path):
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    result = run("play", str(routine), "--plain", "--no-sound", "--speed", "100", stdin="3\n")
    assert result.returncode == 0, result.stderr
    assert "Check-in" not in result.stdout and "Back pain" not in result.stdout
    (played,) = history_json(run)
    assert played["checkins"] == []


def play_on_a_terminal(home: Path, routine: Path, before: str, after: str = "") -> str:
    """`play --plain` with a terminal for stdin; what it printed.

    `before` is typed at once; `after` once the after check is asked (typed earlier, the
    player would take it for Enter presses during the routine).
    """
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "backcoach", "play", str(routine), *PLAIN],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # stdout is no terminal: the questions go to stderr
        env={**os.environ, "BACKCOACH_HOME": str(home)},
    )
    assert process.stdout is not None
    out = b""
    try:
        os.write(controller, before.encode())
        deadline = time.monotonic() + 60
        while after and b"Check-in after" not in out and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                out += os.read(process.stdout.fileno(), 4096)
        os.write(controller, after.encode())
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(terminal)
        os.close(controller)
    text = (out + rest).decode()
    assert process.returncode == 0, text
    return text


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_plain_play_on_a_terminal_asks_before_and_after_and_keeps_both(
    run, isolated_home, tmp_path
):
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    out = play_on_a_terminal(isolated_home, routine, "3\n11\n2\nankle\n2\n", "1\n1\nnone\n")
    assert "Check-in before Short: how do your back and leg feel now?" in out
    assert "leg pain 11 is outside the scale" in out
    assert "'ankle' is not a reach" in out
    assert "Finished: Short" in out
    assert "Check-in after Short: how do your back" in out
    assert out.rstrip().endswith(
        "Your leg symptoms have moved up and out of the leg: that is usually a good sign."
    )
    (played,) = history_json(run)
    assert [(c["phase"], c["back"], c["leg"], c["reach"]) for c in played["checkins"]] == [
        ("before", 3, 2, "thigh"),
        ("after", 1, 1, "none"),
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_an_empty_answer_skips_the_checkin_and_the_routine_plays(run, isolated_home, tmp_path):
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    out = play_on_a_terminal(isolated_home, routine, "\n", "\n")
    assert out.count("Check-in skipped.") == 2
    assert "Finished: Short" in out
    (played,) = history_json(run)
    assert played["checkins"] == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_r_shows_the_warning_signs_and_one_that_applies_stops_before_the_start(
    run, isolated_home, tmp_path
):
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    out = play_on_a_terminal(isolated_home, routine, "r\ny\n\n")
    assert "Get emergency help now" in out
    assert "needs a doctor's care, not exercise" in out
    assert "Not started. Nothing was recorded." in out
    assert "Press Ctrl-C to stop" not in out  # the routine never started
    assert history_json(run) == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_none_of_the_warning_signs_goes_back_to_the_checkin(run, isolated_home, tmp_path):
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    out = play_on_a_terminal(isolated_home, routine, "r\nn\n\n", "\n")
    assert "Get emergency help now" in out
    assert "Check-in skipped." in out and "Finished: Short" in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_checkins_turned_off_in_settings_are_not_asked(run, isolated_home, tmp_path):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "settings.yaml").write_text("checkins: off\n")
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    out = play_on_a_terminal(isolated_home, routine, "")
    assert "Check-in" not in out and "Finished: Short" in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_high_pain_before_a_strength_routine_offers_flare_up_mode_and_q_stops(
    run, isolated_home, tmp_path
):
    routine = tmp_path / "lifts.yaml"
    routine.write_text(SHORT.replace("title: Short\n", "title: Lifts\ntags: [strength]\n"))
    out = play_on_a_terminal(isolated_home, routine, "8\n0\n0\nq\n")
    assert "Your back pain is 8 out of 10 before a strength session." in out
    assert "Flare-up mode" in out
    assert "Press Ctrl-C to stop" not in out  # the routine never started
    assert "Not started. Your check-in is kept in your history." in out
    (kept,) = history_json(run)
    assert (kept["kind"], kept["back"], kept["phase"]) == ("checkin", 8, None)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_f_at_the_flare_offer_plays_the_gentler_version_in_flare_up_mode(
    run, isolated_home, tmp_path
):
    routine = tmp_path / "lifts.yaml"
    routine.write_text(
        "title: Lifts\ntags: [strength]\nsteps:\n  - exercise: brisk-walk\n    duration: 2s\n"
        "  - exercise: good-morning\n    reps: 1\n    tempo: 1s\n    flare: skip\n"
    )
    out = play_on_a_terminal(isolated_home, routine, "0\n8\n0\nf\n", "\n")
    assert "Your leg pain is 8 out of 10 before a strength session." in out
    assert "Flare-up mode is on until " in out
    assert "Good-morning" not in out.split("this is the gentler version.")[1]
    (played,) = history_json(run)
    assert played["flare"] is True
    assert [(c["phase"], c["leg"]) for c in played["checkins"]] == [("before", 8)]
