"""Flare-up mode through the real entry point: `show --flare`, `play --flare`, how long
the mode lasts and the line that says it ended, history, and bad `flare:` rules."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from backcoach.store.csvio import EXTRA_COLUMNS

FAST = ("--plain", "--no-sound", "--speed", "1000")


def flare_file(home):
    return home / "flare-mode.txt"


def started(home, days_ago: float) -> None:
    """Flare-up mode as if switched on `days_ago` days ago."""
    home.mkdir(parents=True, exist_ok=True)
    moment = datetime.now().astimezone() - timedelta(days=days_ago)
    flare_file(home).write_text(moment.isoformat(timespec="seconds") + "\n")


def sessions(run) -> list[dict]:
    result = run("history", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_show_flare_leaves_out_the_good_morning_and_shows_the_badge(run, isolated_home):
    result = run("show", "strength", "--flare")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "FLARE-UP · Posterior-chain strength  (strength, bundled)"
    plan = lines[lines.index("  START    TIME  WHAT") :]
    assert not any("Good-morning" in line for line in plan)
    assert any("Stiff-legged deadlift, 8–12 reps, 10 kg (set 2 of 2)" in line for line in plan)
    assert "  Good-morning: left out" in lines
    assert "A cold pack on the sore side may help too: backcoach play ice-heat" in lines
    assert not flare_file(isolated_home).exists(), "show never switches the mode on"


def test_show_flare_json_marks_the_plan(run):
    usual = json.loads(run("show", "strength", "--json").stdout)
    gentler = json.loads(run("show", "strength", "--flare", "--json").stdout)
    assert (usual["flare"], gentler["flare"]) == (False, True)
    assert "good-morning" in {s["exercise"] for s in usual["segments"]}
    assert "good-morning" not in {s["exercise"] for s in gentler["segments"]}
    assert gentler["total_seconds"] < usual["total_seconds"]


def test_play_flare_plays_the_gentler_version_switches_the_mode_on_and_records_it(
    run, isolated_home
):
    result = run("play", "strength", "--flare", *FAST, stdin="")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Flare-up mode until ")
    assert "  Good-morning: left out" in lines
    title = next(line for line in lines if line.startswith("FLARE-UP · "))
    assert title.startswith("FLARE-UP · Posterior-chain strength: about ")
    played = lines[lines.index(title) :]
    assert not any("Good-morning" in line for line in played)
    assert flare_file(isolated_home).exists()

    (session,) = sessions(run)
    assert session["flare"] is True
    assert {s["exercise"] for s in session["sets"]} == {"stiff-legged-deadlift", "lying-leg-curl"}
    header, *rows = run("history", "--csv").stdout.splitlines()
    assert header.endswith(",flare,planned_reps_top," + ",".join(EXTRA_COLUMNS))
    assert all(row.rsplit(",", 2 + len(EXTRA_COLUMNS))[1] == "yes" for row in rows)
    assert "flare-up" in run("history").stdout


def test_while_the_mode_is_on_show_and_play_use_the_gentler_version_unless_told(run, isolated_home):
    started(isolated_home, days_ago=1)
    shown = run("show", "strength").stdout.splitlines()
    assert shown[0].startswith("FLARE-UP · ")
    assert any(line.startswith("Flare-up mode until ") for line in shown)

    assert run("play", "strength", *FAST, stdin="").returncode == 0
    assert run("play", "strength", "--usual", *FAST, stdin="").returncode == 0
    gentler, usual = sessions(run)
    assert (gentler["flare"], usual["flare"]) == (True, False)
    assert "good-morning" in {s["exercise"] for s in usual["sets"]}


def test_the_mode_ends_after_its_days_and_says_so_once(run, isolated_home):
    started(isolated_home, days_ago=3.5)
    shown = run("show", "strength").stdout.splitlines()
    assert shown[0].startswith("Flare-up mode ended on ")
    assert shown[1] == "Posterior-chain strength  (strength, bundled)"
    assert flare_file(isolated_home).exists(), "show never writes, so it says it again later"

    first = run("play", "core", *FAST, stdin="").stdout.splitlines()
    assert first[0].startswith("Flare-up mode ended on ")
    assert "routines are back to their usual plan" in first[0]
    assert not flare_file(isolated_home).exists()
    again = run("play", "core", *FAST, stdin="").stdout.splitlines()
    assert again[0].startswith("Core strength: about ")
    assert [s["flare"] for s in sessions(run)] == [False, False]


def test_how_long_it_lasts_is_a_setting(run, isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.yaml").write_text("flare_days: 1\n")
    started(isolated_home, days_ago=1.5)
    assert run("show", "strength").stdout.startswith("Flare-up mode ended on ")
    (isolated_home / "settings.yaml").write_text("flare_days: 2\n")
    assert run("show", "strength").stdout.startswith("FLARE-UP · ")


def test_play_flare_renews_the_mode(run, isolated_home):
    started(isolated_home, days_ago=2.9)
    assert run("play", "desk-break", "--flare", *FAST, stdin="").returncode == 0
    text = flare_file(isolated_home).read_text()
    moment = datetime.fromisoformat(text.splitlines()[-1])
    assert datetime.now().astimezone() - moment < timedelta(minutes=5)


def test_flare_and_usual_together_are_a_usage_error(run):
    result = run("play", "strength", "--flare", "--usual", "--plain")
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_a_flare_rule_naming_an_unknown_exercise_is_refused_and_nothing_is_recorded(
    run, tmp_path, isolated_home
):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "title: Mine\nsteps:\n  - exercise: stiff-legged-deadlift\n    reps: 10\n"
        "    flare: {exercise: cat-camel}\n"
    )
    checked = run("validate", str(path))
    assert checked.returncode == 1
    assert checked.stdout.startswith(f"{path}:5:23: unknown exercise 'cat-camel'")
    played = run("play", str(path), "--flare", *FAST, stdin="")
    assert played.returncode == 1
    assert f"{path}:5:23: unknown exercise 'cat-camel'" in played.stdout
    assert "Traceback" not in played.stderr
    assert sessions(run) == []
    assert not flare_file(isolated_home).exists()


def listed(run) -> dict[str, dict]:
    return {row["id"]: row for row in json.loads(run("list", "--json").stdout)}


def test_the_command_line_switches_the_mode_on_and_off_and_says_where_it_stands(run, isolated_home):
    assert run("flare").stdout.startswith("Flare-up mode is off. 'backcoach flare on'")
    usual = listed(run)

    on = run("flare", "on")
    assert on.returncode == 0 and on.stdout.startswith("Flare-up mode is on until ")
    assert flare_file(isolated_home).exists()  # the same file the app's f key keeps
    assert run("flare", "status").stdout.startswith("Flare-up mode is on until ")

    shown = run("list")
    assert shown.stdout.startswith("Flare-up mode is on until ")
    gentler = listed(run)
    assert gentler["strength"]["flare"] and not usual["strength"]["flare"]
    assert gentler["strength"]["seconds"] < usual["strength"]["seconds"]

    off = run("flare", "off")
    assert off.stdout == "Flare-up mode is off: routines are back to their usual plan.\n"
    assert not flare_file(isolated_home).exists()
    assert run("flare", "off").stdout == "Flare-up mode is already off.\n"
    assert listed(run)["strength"]["seconds"] == usual["strength"]["seconds"]


def test_an_unknown_flare_action_is_a_usage_error(run):
    result = run("flare", "maybe")
    assert result.returncode == 2
    assert "invalid choice: 'maybe'" in result.stderr


def test_status_says_once_that_the_mode_ended(run, isolated_home):
    started(isolated_home, days_ago=4)
    said = run("flare").stdout
    assert said.startswith("Flare-up mode ended on ")
    assert "Flare-up mode is off." in said
    assert not run("flare").stdout.startswith("Flare-up mode ended")


def test_flare_on_that_cannot_be_kept_says_so_and_fails(run, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    flare_file(isolated_home).mkdir()  # not a file: it cannot be written
    result = run("flare", "on")
    assert result.returncode == 1
    assert "could not be switched on" in result.stderr and "is on until" not in result.stdout
