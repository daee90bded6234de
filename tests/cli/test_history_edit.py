"""Correcting the history through the real entry point: delete, add and edit change what
`history --json`, the weekly targets and the next load say, and survive export and import."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

LIFT = """\
title: My lift
target: 2 per week
steps:
  - exercise: stiff-legged-deadlift
    sets: 2
    reps: 8-12
    load: 20 kg
    progress: 2.5 kg
"""


@pytest.fixture
def lift(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "lift.yaml").write_text(LIFT, encoding="utf-8")
    return "lift"


def sessions(run) -> list[dict]:
    entries = json.loads(run("history", "--json").stdout)
    return [e for e in entries if e.get("kind", "session") == "session"]


def earlier(hours: float) -> str:
    return (datetime.now() - timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def test_add_keeps_a_session_done_away_from_the_app_with_every_set_as_planned(run, lift):
    result = run("history", "add", lift, "--at", earlier(2))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added My lift on ")
    (added,) = sessions(run)
    assert added["status"] == "finished" and not added["practice"]
    assert [(s["reps"], s["load"], s["outcome"]) for s in added["sets"]] == [
        (8, "20 kg", "done"),
        (8, "20 kg", "done"),
    ]
    assert "My lift: 1 of 2 this week" in run("history").stdout  # the target counts it


def test_edit_corrects_a_set_and_the_next_load_follows(run, lift, isolated_home):
    from backcoach.store import History

    run("history", "add", lift, "--at", earlier(30))
    with History(isolated_home / "history.sqlite3") as history:
        history.add_checkin(2, 1, "buttock", at=datetime.now().astimezone() - timedelta(hours=31))
        history.add_checkin(2, 1, "buttock", at=datetime.now().astimezone() - timedelta(hours=2))
    short = sessions(run)[0]["id"][:8]
    assert "until every set reaches 12" in run("show", lift).stdout
    for number in (1, 2):
        edited = run("history", "edit", short, "--set", str(number), "--reps", "12")
        assert edited.returncode == 0, edited.stderr
        assert f"Set {number} of My lift" in edited.stdout and "now 12 reps, 20 kg (done)" in (
            edited.stdout
        )
    assert [s["reps"] for s in sessions(run)[0]["sets"]] == [12, 12]
    assert (
        "All sets 12 reps" in run("show", lift).stdout and "→ 22.5 kg" in run("show", lift).stdout
    )
    run("history", "edit", short, "--set", "2", "--reps", "0", "--load", "bodyweight")
    (changed,) = sessions(run)
    assert (changed["sets"][1]["outcome"], changed["sets"][1]["load"]) == ("skipped", "bodyweight")


def test_delete_removes_a_session_and_import_brings_it_back(run, lift, isolated_home):
    run("history", "add", lift, "--at", earlier(3))
    (played,) = sessions(run)
    asked = run("history", "delete", played["id"][:6])  # not a terminal, no --yes
    assert asked.returncode == 0 and "Nothing was deleted." in asked.stdout
    assert "add --yes" in asked.stderr
    gone = run("history", "delete", played["id"][:6], "--yes")
    assert gone.returncode == 0, gone.stderr
    assert "To bring it back: backcoach history import " in gone.stdout
    assert sessions(run) == []
    assert "My lift: 0 of 2 this week" in run("history").stdout

    kept = isolated_home / "deleted-sessions.csv"
    back = run("history", "import", str(kept))
    assert back.returncode == 0 and "Imported 1 session (2 sets)" in back.stdout
    assert sessions(run) == [played]


def test_a_corrected_history_survives_export_and_import(run, lift, tmp_path):
    run("history", "add", lift, "--at", earlier(5), "--practice")
    short = sessions(run)[0]["id"][:8]
    run("history", "edit", short, "--set", "1", "--reps", "10", "--load", "22.5 kg")
    exported = tmp_path / "all.csv"
    exported.write_text(run("history", "--csv").stdout, encoding="utf-8")
    before = sessions(run)
    run("history", "delete", short, "--yes")
    assert run("history", "import", str(exported)).returncode == 0
    assert sessions(run) == before
    assert before[0]["practice"] and before[0]["sets"][0]["reps"] == 10


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("delete", "zzzz9999"), 1, "no session has an id beginning 'zzzz9999'"),
        (("delete", "ab"), 1, "too short to name a session"),
        (("edit", "zzzz9999", "--set", "1", "--reps", "3"), 1, "no session has an id"),
        (("edit", "zzzz9999", "--set", "1"), 2, "needs --reps, --load or both"),
        (("add", "lift", "--at", "yesterday"), 2, "is not a date and time like"),
        (("add", "nope", "--at", "2026-11-17 18:00"), 1, "'nope' is not a routine you have"),
        (("add", "lift", "--at", "2099-01-01 10:00"), 1, "is in the future"),
    ],
)
def test_bad_ids_and_values_say_why_and_change_nothing(run, lift, args, code, said):
    run("history", "add", lift, "--at", earlier(1))
    before = run("history", "--json").stdout
    result = run("history", *args)
    assert result.returncode == code
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert run("history", "--json").stdout == before


def test_edit_says_which_sets_exist_and_refuses_reps_on_a_timed_set(run, isolated_home):
    run("history", "add", "stretch-and-extend", "--at", earlier(1))
    short = sessions(run)[0]["id"][:8]
    too_far = run("history", "edit", short, "--set", "99", "--reps", "3")
    assert too_far.returncode == 1 and "numbered from 1" in too_far.stderr
    timed = [i for i, s in enumerate(sessions(run)[0]["sets"], 1) if s["planned_reps"] is None]
    held = run("history", "edit", short, "--set", str(timed[0]), "--reps", "3")
    assert held.returncode == 1 and "is a timed set" in held.stderr


def test_nothing_is_deleted_when_its_copy_cannot_be_kept(run, lift, isolated_home):
    run("history", "add", lift, "--at", earlier(3))
    (isolated_home / "deleted-sessions.csv").mkdir()  # not a file: nowhere to keep it
    short = sessions(run)[0]["id"][:8]
    refused = run("history", "delete", short, "--yes")
    assert refused.returncode == 1
    assert "a copy could not be kept" in refused.stderr and "nothing was deleted" in refused.stderr
    assert len(sessions(run)) == 1


def test_deleted_restored_and_deleted_again_still_restores(run, lift, isolated_home):
    run("history", "add", lift, "--at", earlier(3))
    (played,) = sessions(run)
    kept = str(isolated_home / "deleted-sessions.csv")
    for _ in range(2):
        assert run("history", "delete", played["id"][:8], "--yes").returncode == 0
        back = run("history", "import", kept)
        assert back.returncode == 0, back.stdout + back.stderr
    assert sessions(run) == [played]


def test_a_session_played_in_another_window_is_neither_deleted_nor_edited(run, lift, isolated_home):
    from backcoach.core.library import load_library
    from backcoach.core.plan import build_plan
    from backcoach.store import History
    from tests.store.builders import entry

    plan = build_plan(load_library().find(lift).routine)
    with History(isolated_home / "history.sqlite3") as playing:  # this process plays it
        session = playing.start_session(plan)
        playing.record_set(session, entry(plan.work_segments()[0].position, reps=9))
        deleted = run("history", "delete", session[:8], "--yes")
        assert deleted.returncode == 1 and "being played right now" in deleted.stderr
        edited = run("history", "edit", session[:8], "--set", "1", "--reps", "3")
        assert edited.returncode == 1
        assert playing.sets(session)[0].reps == 9


def test_an_added_session_is_at_the_load_last_lifted(run, lift):
    run("history", "add", lift, "--at", earlier(50))
    first = sessions(run)[0]["id"][:8]
    for number in (1, 2):
        run("history", "edit", first, "--set", str(number), "--load", "25 kg")
    run("history", "add", lift, "--at", earlier(26))
    latest = sessions(run)[-1]
    assert [s["load"] for s in latest["sets"]] == ["25 kg", "25 kg"]


def test_edit_with_only_an_id_lists_the_sets_with_their_numbers(run, lift):
    run("history", "add", lift, "--at", earlier(2))
    short = sessions(run)[0]["id"][:8]
    listed = run("history", "edit", short)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("My lift (")
    assert lines[1:] == [
        "   1. Stiff-legged deadlift, set 1 of 2: 8 reps, 20 kg (done)",
        "   2. Stiff-legged deadlift, set 2 of 2: 8 reps, 20 kg (done)",
    ]
