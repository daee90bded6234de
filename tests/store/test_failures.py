"""The store never stops a routine: damaged files, unwritable folders, locks, crashes, two writers."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import pytest

from backcoach.store import History, Status
from backcoach.store.guard import BUSY_NOTICE
from tests.store.builders import at, entry, strength_plan

TOP = Path(__file__).resolve().parents[2]


def play_a_little(history: History) -> None:
    """Everything a player and the library would call; none of it may raise."""
    session = history.start_session(strength_plan(), at=at(16))
    history.record_set(session, entry(0), at=at(16, 18, 1))
    history.finish_session(session, at=at(16, 18, 2))
    history.add_checkin(2, 1, "thigh")
    history.recent_sessions()
    history.sessions_between(date(2026, 11, 16), date(2026, 11, 22))
    history.last_time("stiff-legged-deadlift", before=session)
    history.sets(session)
    history.checkins()
    list(history.dump())


def moved_aside(folder: Path) -> list[str]:
    return sorted(p.name.split(".corrupt-")[1][15:] or "db" for p in folder.glob("*.corrupt-*"))


def test_random_bytes_are_moved_aside_with_their_wal_and_shm(isolated_home):
    isolated_home.mkdir()
    junk = random.Random(7)
    for name in ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"):
        (isolated_home / name).write_bytes(junk.randbytes(8192))
    history = History()
    session = history.start_session(strength_plan(), at=at(16))
    (aside,) = isolated_home.glob("history.sqlite3.corrupt-*[0-9]")
    assert moved_aside(isolated_home) == ["-shm", "-wal", "db"]
    assert str(aside) in history.notice and "moved aside" in history.notice
    assert history.enabled
    assert [s.id for s in History().recent_sessions()] == [session]  # a fresh one, working


def test_a_truncated_database_is_found_out_when_read_and_moved_aside(isolated_home):
    history = History()
    for day in range(1, 29):
        session = history.start_session(strength_plan(), at=at(day))
        for position in range(0, 40, 2):
            history.record_set(session, entry(position))
        history.finish_session(session)
    history.close()  # checkpoints the WAL into the file
    path = history.path
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 5])

    damaged = History()
    assert damaged.recent_sessions() == []
    assert "moved aside" in damaged.notice
    assert len(list(isolated_home.glob("history.sqlite3.corrupt-*"))) == 1
    play_a_little(damaged)
    assert len(damaged.recent_sessions()) == 1 and damaged.enabled


def test_damage_found_mid_session_keeps_the_session_in_the_fresh_file(isolated_home):
    history = History()
    session = history.start_session(strength_plan(), at=at(16))
    history.record_set(session, entry(0), at=at(16, 18, 1))
    history.record_set(session, entry(2), at=at(16, 18, 3))
    history.close()
    history.path.write_bytes(b"this is no database" * 500)

    history.record_set(session, entry(4), at=at(16, 18, 5))
    history.finish_session(session, at=at(16, 18, 9))
    assert "moved aside" in history.notice
    row = History().session(session)
    assert row is not None and row.status is Status.FINISHED and row.sets_done == 3
    assert row.started_at == at(16)


def test_a_folder_that_cannot_be_written_turns_recording_off(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BACKCOACH_HOME", str(blocker / "home"))  # fails even for root
    history = History()
    play_a_little(history)
    assert not history.enabled
    assert history.notice.startswith("History is not being saved: ")
    assert history.notice.endswith("; the routine plays on.")
    assert str(blocker) in history.notice
    assert history.notice.count("History") == 1  # said once, however often it failed


def test_a_folder_in_place_of_the_file_turns_recording_off(isolated_home):
    (isolated_home / "history.sqlite3").mkdir(parents=True)
    history = History()
    play_a_little(history)
    assert not history.enabled and "the routine plays on" in history.notice


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_place_of_the_file_turns_recording_off_without_blocking(isolated_home):
    isolated_home.mkdir(parents=True)
    os.mkfifo(isolated_home / "history.sqlite3")
    history = History()
    play_a_little(history)
    assert not history.enabled
    assert "it is a pipe, not a file; move it away" in (history.notice or "")


@pytest.mark.parametrize(
    ("setup", "said"),
    [
        (("create table sessions (x)", "pragma user_version = -1"), "its version number (-1)"),
        (("create table foo (x)", "pragma user_version = 2"), "it has no checkins, sessions"),
    ],
)
def test_a_schema_backcoach_never_wrote_is_moved_aside_not_hidden(isolated_home, setup, said):
    isolated_home.mkdir(parents=True)
    db = sqlite3.connect(isolated_home / "history.sqlite3")
    for statement in setup:
        db.execute(statement)
    db.commit()
    db.close()
    history = History()
    assert history.recent_sessions() == []
    assert said in (history.notice or "") and "moved aside" in (history.notice or "")
    assert moved_aside(isolated_home) == ["db"]
    play_a_little(history)
    assert history.enabled and len(history.recent_sessions()) == 1


def test_a_read_only_folder_turns_recording_off(isolated_home):
    isolated_home.mkdir()
    isolated_home.chmod(0o500)
    try:
        if os.access(isolated_home, os.W_OK):
            pytest.skip("running as root: chmod does not stop writes (the test above covers it)")
        history = History()
        play_a_little(history)
        assert not history.enabled and "the routine plays on" in history.notice
    finally:
        isolated_home.chmod(0o700)


def test_a_lock_held_past_the_busy_timeout_holds_the_run_in_memory_until_it_lets_go(
    isolated_home,
):
    History().start_session(strength_plan())  # the file exists, with one session
    holder = sqlite3.connect(isolated_home / "history.sqlite3", isolation_level=None)
    holder.execute("begin immediate")
    history = History(busy_timeout_ms=50)
    try:
        plan = strength_plan()
        session = history.start_session(plan, at=at(16))
        for position in (0, 2, 4):
            history.record_set(session, entry(position, reps=9), at=at(16, 18, 1))
        history.finish_session(session, at=at(16, 18, 30))
        history.add_checkin(3, 1, "thigh", session=session, phase="after", at=at(16, 18, 31))
        assert history.enabled and history.behind
        assert history.notices == (BUSY_NOTICE,)  # said once, however many writes waited
        assert not history.catch_up()  # still held
    finally:
        holder.execute("rollback")
        holder.close()
    assert history.catch_up() and not history.behind
    kept = History().session(session)
    assert kept is not None and kept.status is Status.FINISHED and kept.sets_done == 3
    assert [c.session for c in History().checkins()] == [session]


def test_a_write_after_the_lock_lets_go_brings_what_waited_with_it(isolated_home):
    History().start_session(strength_plan())
    holder = sqlite3.connect(isolated_home / "history.sqlite3", isolation_level=None)
    holder.execute("begin immediate")
    history = History(busy_timeout_ms=50)
    session = history.start_session(strength_plan(), at=at(16))
    history.record_set(session, entry(0), at=at(16, 18, 1))
    holder.execute("rollback")
    holder.close()
    history.record_set(session, entry(2), at=at(16, 18, 3))  # the next set, lock gone
    assert not history.behind
    assert [s.position for s in History().sets(session)] == [0, 2]


def test_two_stores_on_one_file_both_record_interleaved_sets():
    first, second = History(), History()
    one = first.start_session(strength_plan(), at=at(16))
    two = second.start_session(strength_plan(), at=at(16, 18, 1))
    for position in range(30):
        first.record_set(one, entry(position, reps=position))
        second.record_set(two, entry(position, reps=100 + position))
    first.finish_session(one)
    second.finish_session(two)
    assert first.notice is None and second.notice is None
    reader = History()
    assert [(s.id, s.status, s.sets_done) for s in reader.recent_sessions()] == [
        (two, Status.FINISHED, 30),
        (one, Status.FINISHED, 30),
    ]
    assert [s.reps for s in reader.sets(two)] == list(range(100, 130))


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from backcoach.store import History
    from tests.store.builders import entry, strength_plan

    go, count, hold = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "hold"
    history = History()
    session = history.start_session(strength_plan())
    print(session, flush=True)
    while not go.exists():
        time.sleep(0.001)
    for position in range(count):
        history.record_set(session, entry(position, reps=position))
    if hold:
        print("recorded", flush=True)
        time.sleep(60)
    history.finish_session(session)
    print(history.notice, flush=True)
    """
)


def writer(go: Path, count: int, hold: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(go), str(count), "hold" if hold else "finish"],
        cwd=TOP,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_processes_record_at_the_same_time_and_both_complete(tmp_path):
    go = tmp_path / "go"
    processes = [writer(go, 150), writer(go, 150)]
    ids = [process.stdout.readline().strip() for process in processes]
    go.touch()  # both start recording at once
    notices = [process.communicate(timeout=120)[0].strip() for process in processes]
    assert notices == ["None", "None"]
    reader = History()
    for session in ids:
        row = reader.session(session)
        assert row.status is Status.FINISHED and row.sets_done == 150
        assert [s.reps for s in reader.sets(session)] == list(range(150))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_a_killed_session_keeps_its_sets_and_reads_as_stopped_early(tmp_path):
    go = tmp_path / "go"
    go.touch()
    process = writer(go, 3, hold=True)
    session = process.stdout.readline().strip()
    assert process.stdout.readline().strip() == "recorded"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    history = History()
    row = history.session(session)
    assert row.status is Status.STOPPED and row.sets_done == 3
    assert row.ended_at is not None and row.ended_at >= row.started_at
    assert history.notice is None


def test_opening_a_new_database_waits_while_another_process_is_creating_it(tmp_path):
    """SQLite refuses the switch to WAL at once, without waiting, while another
    connection holds the file; opening must wait for it, not give up recording."""
    path = tmp_path / "history.sqlite3"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("create table elsewhere (x)")
    other.execute("begin immediate")  # the state a second process finds it in, mid-creation
    releaser = threading.Timer(0.3, lambda: other.execute("commit"))
    releaser.start()
    try:
        history = History(path, busy_timeout_ms=3000)
        session = history.start_session(strength_plan())
        history.finish_session(session)
    finally:
        releaser.join()
        other.close()
    assert history.notice is None
    assert History(path).session(session).status is Status.FINISHED
