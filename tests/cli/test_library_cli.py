"""The commands that find things by id: show-exercise, validate ID, new --from, the schema."""

from __future__ import annotations

import json

import jsonschema
import yaml

from backcoach.core import paths


def write_routine(home, name: str, text: str):
    folder = home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text)
    return path


# -- show-exercise -----------------------------------------------------------------


def test_show_exercise_prints_name_cues_caution_stop_rules_and_picture(run):
    result = run("show-exercise", "prone-press-up")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("Prone press-up  (prone-press-up, bundled)\n")
    assert "  - Lie face down with your hands under your shoulders." in out
    assert "Caution: Beginners can stay propped on their elbows." in out
    assert "Stop if numbness or tingling appears." in out
    assert "hips down, arms long" in out  # the picture's caption
    assert "Used in: stretch-and-extend" in out


def test_show_exercise_json(run):
    data = json.loads(run("show-exercise", "curl-up", "--json").stdout)
    assert data["id"] == "curl-up" and data["source"] == "bundled"
    assert data["cues"] and isinstance(data["stop_if"], list)
    assert set(data) == {"id", "name", "source", "cues", "caution", "stop_if", "picture"}


def test_show_exercise_finds_a_users_own_exercise(run, isolated_home):
    (isolated_home / "exercises").mkdir(parents=True)
    (isolated_home / "exercises" / "mine.yaml").write_text(
        "exercises:\n  - id: wall-sit\n    name: Wall sit\n    cues: [Back flat on the wall]\n"
    )
    out = run("show-exercise", "wall-sit").stdout
    assert out.startswith("Wall sit  (wall-sit, user)") and "Back flat on the wall" in out


def test_show_exercise_unknown_id_suggests_the_closest_and_exits_1(run):
    result = run("show-exercise", "prone-pressup")
    assert result.returncode == 1 and result.stdout == ""
    assert "no exercise called 'prone-pressup'" in result.stderr
    assert "did you mean 'prone-press-up'" in result.stderr
    assert "Traceback" not in result.stderr


# -- validate ID ---------------------------------------------------------------------


def test_validate_takes_routine_and_exercise_ids(run):
    result = run("validate", "strength", "prone-press-up")
    assert result.returncode == 0 and result.stdout.strip() == "2 files valid"


def test_validate_an_id_checks_the_users_routine_of_that_id(run, isolated_home):
    path = write_routine(isolated_home, "strength", "title: Mine\nsteps: []\n")
    result = run("validate", "strength")
    assert result.returncode == 1 and result.stdout.startswith(f"{path}:2:8: 'steps' is empty")


def test_validate_an_unknown_id_suggests_the_closest(run):
    result = run("validate", "strenght")
    assert result.returncode == 1
    assert result.stdout.startswith("strenght:1:1: no such file, and no routine or exercise")
    assert "did you mean 'strength'" in result.stdout


def test_validate_lists_the_cause_before_its_knock_on(run, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("title: T\nsteps:\n  - exercise: prone-press-up\n    duraton: 30s\n")
    out = run("validate", str(path)).stdout.splitlines()
    assert out[0].startswith(f"{path}:4:5: unknown key 'duraton'")
    assert out[1].startswith(f"{path}:3:5: a step needs 'duration")


# -- new --from ----------------------------------------------------------------------


def titles(run) -> list[str]:
    return [row["title"] for row in json.loads(run("list", "--json").stdout)]


def test_new_from_gives_the_copy_a_fresh_title_and_keeps_the_rest(run, isolated_home):
    assert run("new", "evening", "--from", "stretch-and-extend").returncode == 0
    copy = (isolated_home / "routines" / "evening.yaml").read_text()
    original = (paths.BUNDLED_ROUTINES / "stretch-and-extend.yaml").read_text()
    assert 'title: "Evening"\n' in copy
    assert [line for line in copy.splitlines() if not line.startswith("title:")] == [
        line for line in original.splitlines() if not line.startswith("title:")
    ]  # comments, summary and steps are kept byte for byte
    assert len(titles(run)) == len(set(titles(run)))


def test_new_from_never_repeats_a_title_already_in_the_library(run, isolated_home):
    write_routine(
        isolated_home, "other", "title: Evening\nsteps:\n  - {exercise: curl-up, reps: 5}\n"
    )
    run("new", "evening", "--from", "core")
    text = (isolated_home / "routines" / "evening.yaml").read_text()
    assert 'title: "Evening 2"' in text


def test_new_takes_a_title(run, isolated_home):
    result = run("new", "evening", "--from", "core", "--title", "Night core")
    assert result.returncode == 0
    assert json.loads(run("show", "evening", "--json").stdout)["title"] == "Night core"
    bad = run("new", "other", "--title", "  ")
    assert bad.returncode == 2 and "--title needs some text" in bad.stderr


# -- the schema ----------------------------------------------------------------------


def test_schema_offers_the_bundled_exercise_ids_and_allows_others(run):
    schema = json.loads(run("schema").stdout)
    step = schema["properties"]["steps"]["items"]["oneOf"][0]
    exercise = step["properties"]["exercise"]
    listed = json.loads(run("list", "--exercises", "--json").stdout)
    assert exercise["anyOf"][0]["enum"] == sorted(e["id"] for e in listed)
    routine = {"title": "T", "steps": [{"exercise": "my-own-move", "reps": 5}]}
    jsonschema.validate(routine, schema)  # an id of the user's own still passes
    routine["steps"][0]["exercise"] = "Not An Id"
    assert not jsonschema.Draft202012Validator(schema).is_valid(routine)


def test_new_points_its_schema_line_at_a_copy_in_the_user_folder(run, isolated_home):
    run("new", "evening")
    text = (isolated_home / "routines" / "evening.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../routine.schema.json\n")
    user_schema = json.loads((isolated_home / "routine.schema.json").read_text())
    jsonschema.validate(yaml.safe_load(text), user_schema)


def test_the_user_schema_is_refreshed_with_the_users_own_exercise_ids(run, isolated_home):
    run("new", "evening")
    schema_file = isolated_home / "routine.schema.json"
    schema_file.write_text('{"from": "an older backcoach"}\n')  # as an upgrade leaves it
    (isolated_home / "exercises").mkdir()
    (isolated_home / "exercises" / "mine.yaml").write_text(
        "exercises:\n  - id: wall-sit\n    name: Wall sit\n"
    )
    assert run("play", "evening", "--plain", "--speed", "1000", stdin="\n" * 20).returncode == 0
    schema = json.loads(schema_file.read_text())
    exercise = schema["properties"]["steps"]["items"]["oneOf"][0]["properties"]["exercise"]
    assert "wall-sit" in exercise["anyOf"][0]["enum"]
    assert "prone-press-up" in exercise["anyOf"][0]["enum"]


def test_show_json_includes_the_summary_tags_and_cautions(run):
    data = json.loads(run("show", "strength", "--json").stdout)
    assert data["summary"].startswith("Stiff-legged deadlifts")
    assert data["tags"] == ["strength"]
    first = data["cautions"][0]
    assert first["exercise"] == "stiff-legged-deadlift" and first["caution"]
    assert "Pain shoots down your leg." in first["stop_if"]


def test_every_subcommand_argument_is_explained(run):
    for command, words in [
        ("play", "a routine id"),
        ("show", "a routine id"),
        ("show-exercise", "an exercise id"),
        ("validate", "the id of a routine or exercise"),
        ("new", "lowercase letters"),
    ]:
        result = run(command, "--help")
        assert result.returncode == 0 and words in " ".join(result.stdout.split()), command


def test_validate_alone_checks_your_own_routines_and_exercises(run, isolated_home):
    nothing = run("validate")
    assert nothing.returncode == 0 and "no routines or exercises of your own yet" in nothing.stdout
    write_routine(
        isolated_home, "fine", "title: Fine\nsteps:\n  - exercise: pelvic-tilt\n    reps: 5\n"
    )
    broken = write_routine(isolated_home, "broken", "title: Broken\nsteps: []\n")
    result = run("validate")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{broken}:2:8: 'steps' is empty")
    assert "1 problem in 1 of 2 files" in result.stderr
