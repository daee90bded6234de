"""`backcoach activity` through the real entry point: log, list, delete, check, shoes."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta


def ago(days: float = 0, hours: float = 0) -> str:
    moment = datetime.now() - timedelta(days=days, hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M")


def listed(run) -> list[dict]:
    result = run("activity", "list", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_run_logged_by_hand_is_listed_newest_first_with_its_pace(run):
    first = run("activity", "log", "run", "--distance", "5km", "--time", "28:30", "--at", ago(2))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Logged a run of 5.00 km in 28:30 on ")
    ride = run("activity", "log", "ride", "--distance", "30km", "--time", "1:00:00", "--at", ago(1))
    assert ride.returncode == 0, ride.stderr

    table = run("activity", "list")
    assert table.returncode == 0, table.stderr
    rows = table.stdout.splitlines()
    assert rows[0].split() == ["ID", "SPORT", "WHEN", "TIME", "DISTANCE", "PACE", "NOTES"]
    assert "ride" in rows[1] and "30.0 km/h" in rows[1]
    assert "run" in rows[2] and "5:42 /km" in rows[2] and "5.00 km" in rows[2]

    (newest, oldest) = listed(run)
    assert (newest["sport"], oldest["sport"]) == ("ride", "run")
    assert (oldest["metres"], oldest["seconds"], oldest["warmed_up"]) == (5000.0, 1710.0, False)


def test_the_same_activity_logged_twice_is_kept_once(run):
    at = ago(1)
    assert (
        run("activity", "log", "run", "--distance", "5km", "--time", "30m", "--at", at).returncode
        == 0
    )
    again = run("activity", "log", "run", "--distance", "5km", "--time", "30m", "--at", at)
    assert again.returncode == 1
    assert "already in your history; nothing was added" in again.stderr
    assert len(listed(run)) == 1


def test_bad_input_to_log_is_named_with_how_to_write_it(run):
    distance = run("activity", "log", "run", "--distance", "5", "--time", "30:00")
    assert distance.returncode == 2
    assert distance.stderr == (
        "backcoach: '5' is not a distance; write it with its unit, like 5km, 3.1mi or 800m; "
        "nothing was logged\n"
    )
    time = run("activity", "log", "run", "--distance", "5km", "--time", "half an hour")
    assert time.returncode == 2 and "is not a time" in time.stderr
    future = run("activity", "log", "run", "--distance", "5km", "--time", "30m", "--at", ago(-1))
    assert future.returncode == 1 and "is in the future" in future.stderr
    assert "Traceback" not in distance.stderr + time.stderr + future.stderr
    assert listed(run) == []


def test_check_names_the_spike_band_and_shows_the_weekly_rule_beside_it(run):
    assert (
        run(
            "activity", "log", "run", "--distance", "10km", "--time", "55:00", "--at", ago(12)
        ).returncode
        == 0
    )
    result = run("activity", "check", "run", "14km")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "A 14.00 km run is a moderate spike: 30–100 % longer than your longest run of the "
        "past 30 days (10.00 km)."
    )
    assert lines[1].startswith("Up to 11.00 km stays within 10 %.")
    assert "Garmin-RUNSAFE" in lines[2] and "not sciatica" in lines[2]
    assert "the sources' rule: no more than 10 % more running a week" in lines[3]

    calm = run("activity", "check", "run", "10.5km")
    assert calm.stdout.startswith(
        "A 10.50 km run is within 10 % of your longest run of the past 30 days (10.00 km).\n"
    )


def test_check_in_flare_up_mode_says_what_the_sources_advise_first(run, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "flare-mode.txt").write_text(datetime.now().astimezone().isoformat() + "\n")
    result = run("activity", "check", "run", "5km")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Flare-up mode is on. The sources advise running less")
    assert "No run in the past 30 days" in result.stdout


def test_a_run_after_the_pre_run_warm_up_is_marked_warmed_up(run):
    # Played at another speed it would be practice, which warms no one up: added instead.
    played = run("history", "add", "pre-run-warmup", "--at", ago(hours=0.5))
    assert played.returncode == 0, played.stderr
    logged = run("activity", "log", "run", "--distance", "6km", "--time", "33:00")
    assert logged.returncode == 0, logged.stderr
    (only,) = listed(run)
    assert only["warmed_up"] is True
    table = run("activity", "list").stdout
    assert "warmed up" in table
    assert table.rstrip().endswith("Warm-up before 1 of 1 run this week.")
    sessions = run("history")
    assert sessions.returncode == 0, sessions.stderr
    assert "  Warm-up before 1 of 1 run this week." in sessions.stdout.splitlines()


def test_shoes_add_up_and_a_worn_pair_is_pointed_out_until_retired(run, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "settings.yaml").write_text("shoes_km_limit: 50\n")
    for days, km in ((3, "30km"), (2, "25km")):
        result = run(
            "activity",
            "log",
            "run",
            "--distance",
            km,
            "--time",
            "2:30:00",
            "--at",
            ago(days),
            "--shoes",
            "Pegasus",
        )
        assert result.returncode == 0, result.stderr
    shoes = run("activity", "shoes")
    assert shoes.returncode == 0, shoes.stderr
    assert shoes.stdout.startswith("Pegasus: 55.00 km in 2 activities; past 50 km.")
    retired = run("activity", "shoes", "--retire", "pegasus")
    assert retired.returncode == 0, retired.stderr
    assert run("activity", "shoes").stdout == "Pegasus (retired): 55.00 km in 2 activities\n"


def test_delete_asks_for_yes_without_a_terminal_and_then_deletes(run):
    run("activity", "log", "walk", "--distance", "3km", "--time", "40m", "--at", ago(1))
    (only,) = listed(run)
    refused = run("activity", "delete", only["id"][:8])
    assert refused.returncode == 0 and "add --yes" in refused.stderr
    assert len(listed(run)) == 1
    gone = run("activity", "delete", only["id"][:8], "--yes")
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.startswith("Deleted the walk of ")
    assert listed(run) == []
    unknown = run("activity", "delete", "zzzzzz", "--yes")
    assert unknown.returncode == 1 and "no activity has an id beginning" in unknown.stderr


def test_the_csv_quotes_text_that_a_spreadsheet_would_run(run):
    run(
        "activity",
        "log",
        "run",
        "--distance",
        "5km",
        "--time",
        "30m",
        "--at",
        ago(1),
        "--note",
        '=HYPERLINK("http://x")',
    )
    result = run("activity", "list", "--csv")
    assert result.returncode == 0, result.stderr
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["note"] == '\'=HYPERLINK("http://x")'
    assert (row["sport"], row["metres"], row["warmed_up"]) == ("run", "5000.0", "false")


def test_import_keeps_each_activity_once_and_names_each_bad_file(run, tmp_path):
    import gzip

    from tests.activities.make import Session, fit_bytes  # the readers' own test files

    run_file = fit_bytes([Session()])
    folder = tmp_path / "export"
    (folder / "deeper").mkdir(parents=True)
    (folder / "run.fit").write_bytes(run_file)
    (folder / "deeper" / "run.fit.gz").write_bytes(gzip.compress(run_file))
    (folder / "deeper" / "cut.fit").write_bytes(run_file[:200])
    (folder / "notes.txt").write_text("passed over: not an activity file")
    first = run("activity", "import", str(folder))
    assert first.returncode == 1  # one file could not be read
    assert "Imported 1 run from 3 files; 1 activity was already there." in first.stdout
    assert "cut.fit: not a complete FIT file" in first.stderr
    again = run("activity", "import", str(folder / "run.fit"))
    assert again.returncode == 0
    assert again.stdout.startswith(
        "Imported nothing new from 1 file; 1 activity was already there."
    )
    assert len(listed(run)) == 1
    (folder / "deeper" / "cut.fit").write_bytes(run_file)  # mended: read again, as it changed
    mended = run("activity", "import", str(folder))
    assert mended.returncode == 0, mended.stderr
    assert mended.stdout.startswith("Imported nothing new from 3 files; 3 activities were")


def test_runs_and_the_diary_travel_in_the_history_export_and_come_back_once(run, tmp_path):
    run(
        "activity",
        "log",
        "run",
        "--distance",
        "5km",
        "--time",
        "28:30",
        "--at",
        ago(2),
        "--shoes",
        "Pegasus",
        "--note",
        "=felt good",
    )
    run("diary", "add", "ice", "20", "--at", ago(1), "--note", "on the glute")
    exported = run("history", "--csv")
    assert exported.returncode == 0, exported.stderr
    assert ",activity," in exported.stdout and ",diary," in exported.stdout
    path = tmp_path / "export.csv"
    path.write_text(exported.stdout, newline="")
    elsewhere = {"BACKCOACH_HOME": str(tmp_path / "other")}
    first = run("history", "import", str(path), env=elsewhere)
    assert first.returncode == 0, first.stderr + first.stdout
    assert "Imported 1 run, ride or walk from" in first.stdout
    assert "Imported 1 diary entry from" in first.stdout
    again = run("history", "import", str(path), env=elsewhere)
    assert "Imported" not in again.stdout  # nothing twice
    (moved,) = json.loads(run("activity", "list", "--json", env=elsewhere).stdout)
    (here,) = listed(run)
    assert moved == here  # the same id, shoes, note (a formula no more) and all
    (entry,) = json.loads(run("diary", "list", "--json", env=elsewhere).stdout)
    assert (entry["thing"], entry["amount"], entry["note"]) == ("ice", 20.0, "on the glute")
