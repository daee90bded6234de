"""`backcoach diary` and `checkin --at` through the real entry point."""

from __future__ import annotations

import json
from datetime import datetime, timedelta


def ago(days: float) -> str:
    return (datetime.now() - timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def entries(run) -> list[dict]:
    result = run("diary", "list", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_things_are_added_listed_newest_first_and_deleted(run):
    first = run("diary", "add", "long drive", "3", "--at", ago(2))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Added long drive, 3 hours on ")
    assert run("diary", "add", "ice", "20m", "--note", "on the glute").returncode == 0
    assert run("diary", "add", "tennis ball").returncode == 0

    listed = run("diary", "list").stdout.splitlines()
    assert [line.split("  ", 2)[2] for line in listed] == [
        "tennis ball",
        "ice, 20 minutes  (on the glute)",
        "long drive, 3 hours",
    ]
    newest, middle, oldest = entries(run)
    assert (middle["thing"], middle["amount"], middle["unit"]) == ("ice", 20.0, "minutes")
    assert (newest["thing"], newest["amount"]) == ("tennis-ball", None)

    gone = run("diary", "delete", oldest["id"][:8], "--yes")
    assert gone.returncode == 0 and gone.stdout.startswith("Deleted long drive, 3 hours of ")
    assert len(entries(run)) == 2


def test_bad_input_gets_one_line_and_changes_nothing(run):
    for args, said in (
        (("ice", "-5"), "'-5' is not an amount of ice"),
        (("sprints", "3"), "sprint session takes no amount"),
        (("ice", "20", "--at", ago(-1)), "is in the future"),
        (("ice", "20", "--at", "soon"), "is not a date and time like"),
        (("",), "a thing is a few words on one line"),
    ):
        result = run("diary", "add", *args)
        assert result.returncode == 1, args
        assert said in result.stderr and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    unknown = run("diary", "delete", "zzzzzz", "--yes")
    assert unknown.returncode == 1 and "no diary entry has an id beginning" in unknown.stderr
    assert entries(run) == []


def test_a_check_in_forgotten_earlier_is_kept_at_its_time(run):
    when = ago(1)
    kept = run("checkin", "--back", "3", "--leg", "1", "--reach", "thigh", "--at", when)
    assert kept.returncode == 0, kept.stderr
    (check,) = json.loads(run("history", "--json").stdout)
    assert check["taken_at"].startswith(when.replace(" ", "T"))
    future = run("checkin", "--back", "3", "--leg", "1", "--reach", "thigh", "--at", ago(-1))
    assert future.returncode == 1 and "is in the future" in future.stderr


def test_insights_say_not_enough_days_until_there_are(run):
    assert run("insights").stdout.startswith("Nothing to compare yet.")
    run("diary", "add", "ice", "20", "--at", ago(3))
    run("checkin", "--back", "2", "--leg", "1", "--reach", "none", "--at", ago(2))
    result = run("insights")
    assert result.returncode == 0, result.stderr
    assert "not proof" in result.stdout
    assert "  ice: not enough days yet (1 with, 0 without; 5 of each are needed)." in result.stdout
    (row,) = json.loads(run("insights", "--json").stdout)
    assert (row["thing"], row["days_with"], row["back"]) == ("ice", 1, None)


def test_a_trial_is_started_followed_and_its_result_read(run):
    assert run("try", "result").returncode == 1
    started = run(
        "try", "start", "ice", "nothing", "--days", "8", "--block", "2", "--from", ago(3)[:10]
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("Started: ice against nothing, 8 days from ")
    second = run("try", "start", "heat", "nothing")
    assert second.returncode == 1 and "still running (one at a time)" in second.stderr
    today = run("try", "today").stdout
    assert today.startswith(
        ("Today is a day for ice (day 4 of 8)", "Today is a day without ice (day 4 of 8)")
    )
    first = datetime.now().date() - timedelta(days=3)
    for offset, hour in ((1, "07:00"), (3, "00:00")):  # day 2's morning check is missed
        at = f"{first + timedelta(days=offset)} {hour}"
        assert (
            run("checkin", "--back", "3", "--leg", "1", "--reach", "none", "--at", at).returncode
            == 0
        )
    status = run("try", "status").stdout
    assert "running: 2 days with a next-morning check, 1 missed, 5 to come." in status
    result = run("try", "result")
    assert result.returncode == 0
    assert "Not enough days yet: 5 of each are needed" in result.stdout
    as_json = json.loads(run("try", "result", "--json").stdout)
    assert (as_json["a"], as_json["b"], as_json["enough"], as_json["missing"]) == (
        "ice",
        "nothing",
        False,
        1,
    )
    stopped = run("try", "stop")
    assert stopped.returncode == 0 and stopped.stdout.startswith("Stopped ice against nothing.")
    assert "No experiment is running." in run("try", "today").stdout


def test_a_trial_that_cannot_be_balanced_is_refused(run):
    result = run("try", "start", "ice", "ice")
    assert result.returncode == 1 and "the two things to compare must differ" in result.stderr
    odd = run("try", "start", "ice", "heat", "--days", "15")
    assert odd.returncode == 1 and "whole number of blocks of 2" in odd.stderr
