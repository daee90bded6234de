"""The command-line contract: output, exit codes, and no traceback for bad input."""

from __future__ import annotations

import json

from backcoach import __version__
from backcoach.core import paths
from tests.conftest import CORPUS

BUNDLED = ["core", "desk-break", "ice-heat", "pre-run-warmup", "strength", "stretch-and-extend"]


def test_version_and_help(run):
    assert run("--version").stdout.strip() == f"backcoach {__version__}"
    help_text = run("--help").stdout
    for command in ("play", "list", "show", "validate", "new", "schema"):
        assert command in help_text


def test_unknown_command_is_a_usage_error(run):
    result = run("dance")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_list_shows_the_six_routines_with_times(run):
    result = run("list")
    assert result.returncode == 0
    for routine_id in BUNDLED:
        assert routine_id in result.stdout
    assert "Posterior-chain strength" in result.stdout and "~15:50" in result.stdout


def test_list_json(run):
    rows = json.loads(run("list", "--json").stdout)
    assert [r["id"] for r in rows] == BUNDLED
    strength = next(r for r in rows if r["id"] == "strength")
    assert strength["source"] == "bundled" and strength["tags"] == ["strength"]
    assert strength["time"] == "15:50" and strength["estimate"] is True


def test_list_reports_a_user_routine_that_replaces_a_bundled_one(run, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "core.yaml").write_text(
        "title: My core\nsteps:\n  - exercise: pelvic-tilt\n    reps: 5\n    tempo: 4s\n"
    )
    out = run("list").stdout
    assert "replaces the bundled routine" in out and "replaced by your own" in out


def test_list_keeps_an_invalid_user_routine_visible(run, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "oops.yaml").write_text("title: Oops\nsteps: []\n")
    out = run("list").stdout
    assert "oops" in out and "(invalid)" in out and "oops.yaml:2:8" in out


def test_show_strength_lists_sets_reps_loads_rests_and_total(run):
    result = run("show", "strength")
    assert result.returncode == 0
    out = result.stdout
    assert "Stiff-legged deadlift, 8–12 reps, 20 kg (set 3 of 3)" in out
    assert "Rest 1m30s" in out and "Total: ~15:50" in out and "Cautions:" in out


def test_show_json_gives_each_segment(run):
    data = json.loads(run("show", "stretch-and-extend", "--json").stdout)
    assert data["total"] == "10:30" and data["total_seconds"] == 630
    first_work = next(s for s in data["segments"] if s["kind"] == "work")
    assert first_work == {
        "kind": "work", "exercise": "knee-to-chest", "name": "Knee-to-chest stretch",
        "side": "left", "set": 1, "sets": 3, "seconds": 30, "offset": 5, "reps": None,
        "reps_top": None, "tempo": None, "load": None, "waits_for_user": False,
    }  # fmt: skip
    assert sum(s["seconds"] for s in data["segments"]) == data["total_seconds"]


def test_show_unknown_routine_suggests_the_closest(run):
    result = run("show", "strech-and-extend")
    assert result.returncode == 1 and "did you mean 'stretch-and-extend'" in result.stderr


def test_validate_all_bundled_files(run):
    result = run("validate", str(paths.BUNDLED_ROUTINES), str(paths.BUNDLED_EXERCISES))
    assert result.returncode == 0 and "7 files valid" in result.stdout


def test_validate_every_broken_file_exits_1_with_path_line_col_and_no_traceback(run):
    files = sorted(str(p) for p in CORPUS.glob("*.yaml"))
    result = run("validate", *files)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    reported = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert reported == set(files)


def test_validate_missing_file(run, tmp_path):
    result = run("validate", str(tmp_path / "absent.yaml"))
    assert result.returncode == 1 and "absent.yaml:1:1: no such file" in result.stdout


def test_validate_notes_a_user_exercise_replacing_a_bundled_one(run, tmp_path):
    path = tmp_path / "exercises.yaml"
    path.write_text("exercises:\n  - id: curl-up\n    name: My curl-up\n")
    result = run("validate", str(path))
    assert result.returncode == 0
    assert f"{path}:2:9: note: exercise 'curl-up' replaces the bundled one" in result.stdout


def test_new_writes_a_valid_starter_and_refuses_to_overwrite(run, isolated_home):
    result = run("new", "evening-stretch")
    target = isolated_home / "routines" / "evening-stretch.yaml"
    assert result.returncode == 0 and result.stdout.strip() == str(target)
    assert run("validate", str(target)).returncode == 0
    target.write_text(target.read_text() + "# my edit\n")
    again = run("new", "evening-stretch")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert target.read_text().endswith("# my edit\n")
    assert "evening-stretch" in run("list").stdout


def test_new_from_a_bundled_routine_copies_it(run, isolated_home):
    result = run("new", "my-strength", "--from", "strength")
    assert result.returncode == 0
    text = (isolated_home / "routines" / "my-strength.yaml").read_text()
    assert "stiff-legged-deadlift" in text and "$schema=../routine.schema.json" in text
    assert json.loads(run("show", "my-strength", "--json").stdout)["source"] == "user"


def test_new_rejects_a_bad_name(run):
    result = run("new", "My Routine!")
    assert result.returncode == 2 and "lowercase letters" in result.stderr


def test_schema_prints_the_committed_schema(run):
    assert run("schema").stdout == paths.SCHEMA_FILE.read_text()


def test_list_points_at_a_broken_exercise_file(run, isolated_home):
    (isolated_home / "exercises").mkdir(parents=True)
    broken = isolated_home / "exercises" / "mine.yaml"
    broken.write_text("exercises:\n  - id: wall-sit\n")
    result = run("list")
    assert result.returncode == 0
    assert f"{broken} has problems" in result.stderr
    assert run("validate", str(broken)).stdout.startswith(
        f"{broken}:2:5: an exercise is missing 'name'"
    )
