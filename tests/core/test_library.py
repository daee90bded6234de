from __future__ import annotations

import errno
import os
from pathlib import Path

from backcoach.core import library as library_module
from backcoach.core import paths, yamltree
from backcoach.core.library import load_catalogue, load_library, resolve
from backcoach.core.loader import load_routine
from backcoach.core.wording import stop_rule_lines
from backcoach.ui.text import cautions


def test_user_exercise_overrides_bundled_and_says_so(isolated_home):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "exercises:\n  - id: prone-press-up\n    name: My press-up\n  - id: wall-sit\n    name: Wall sit\n"
    )
    catalogue = load_catalogue()
    assert catalogue.exercises["prone-press-up"].name == "My press-up"
    assert catalogue.exercises["wall-sit"].source == "user"
    (note,) = catalogue.overrides
    assert (note.line, note.severity) == (2, "note") and "replaces the bundled" in note.message


def test_user_routine_with_a_bundled_id_wins_and_is_flagged(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "core.yaml").write_text(
        "title: My core\nsteps:\n  - exercise: pelvic-tilt\n    reps: 5\n"
    )
    library = load_library()
    entry = library.find("core")
    assert entry.source == "user" and entry.shadows_bundled
    assert entry.routine.title == "My core"


def test_invalid_user_routine_stays_in_the_library_with_its_problem(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("title: Broken\nsteps:\n  - exercise: nope\n    reps: 5\n")
    entry = load_library().find("broken")
    assert entry.routine is None and entry.first_problem.line == 3


def test_resolve_by_id_by_path_and_unknown(tmp_path):
    library = load_library()
    loaded, _ = resolve(library, "strength")
    assert loaded.routine.id == "strength"
    loaded, _ = resolve(library, str(paths.BUNDLED_ROUTINES / "core.yaml"))
    assert loaded.routine.id == "core"
    loaded, message = resolve(library, "strenght")
    assert loaded is None and "did you mean 'strength'" in message


def test_settings_survive_a_broken_file(isolated_home):
    from backcoach.core.settings import Settings, load_settings, save_settings

    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.yaml").write_text("sound: [unclosed\n")
    assert load_settings() == Settings()
    save_settings(Settings(notice_accepted=True))
    assert load_settings().notice_accepted
    assert (isolated_home / "settings.yaml.bak").read_text() == "sound: [unclosed\n"


# -- files that are not files ---------------------------------------------------------------


def test_entries_that_are_not_files_stay_visible_each_with_its_problem(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "a-folder.yaml").mkdir()
    os.mkfifo(folder / "a-pipe.yaml")
    (folder / "a-link.yaml").symlink_to(folder / "gone.yaml")
    (folder / "a-device.yml").symlink_to("/dev/zero")
    (folder / "notes.txt").write_text("not a routine")
    library = load_library()
    problems = {e.id: e.first_problem.message for e in library.entries if e.source == "user"}
    assert problems == {
        "a-folder": "this is a folder, not a file; name a .yaml file inside it",
        "a-pipe": "not a regular file (it is a pipe); replace it with a plain .yaml file",
        "a-link": "the link points nowhere; point it at a routine file or remove it",
        "a-device": "not a regular file (it is a device); replace it with a plain .yaml file",
    }


def test_an_unreadable_routines_folder_is_a_problem_and_the_rest_still_loads(
    isolated_home, monkeypatch
):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(library_module.os, "scandir", scandir)
    library = load_library()
    (problem,) = library.problems
    assert problem.path == str(folder) and "permission denied" in problem.message
    assert library.find("strength").routine is not None


def test_an_unreadable_exercises_folder_is_a_problem_not_a_crash(isolated_home, monkeypatch):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(library_module.os, "scandir", scandir)
    catalogue = load_catalogue()
    assert [p.path for p in catalogue.folder_problems] == [str(folder)]
    assert "prone-press-up" in catalogue.exercises


def test_an_unreadable_routine_file_is_listed_with_its_problem(isolated_home, monkeypatch):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    locked = folder / "locked.yaml"
    locked.write_text("title: T\nsteps:\n  - exercise: brisk-walk\n    duration: 30s\n")
    real_open = os.open

    def open_(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(yamltree.os, "open", open_)
    entry = load_library().find("locked")
    assert entry.routine is None and "permission denied" in entry.first_problem.message


def test_a_routines_path_that_is_a_file_is_a_problem(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "routines").write_text("oops")
    (problem,) = load_library().problems
    assert "this is a file, not a folder" in problem.message


def test_resolve_a_path_that_is_a_folder_or_a_device(tmp_path):
    library = load_library()
    (tmp_path / "dir.yaml").mkdir()
    loaded, _ = resolve(library, str(tmp_path / "dir.yaml"))
    assert "folder" in loaded.problems.errors[0].message
    loaded, _ = resolve(library, str(tmp_path / "absent.yaml"))
    assert "no such file" in loaded.problems.errors[0].message


def test_a_file_name_with_an_escape_code_gives_an_escaped_id(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "red\x1b[31m.yaml").write_text(
        "title: T\nsteps:\n  - exercise: brisk-walk\n    duration: 30s\n"
    )
    entry = next(e for e in load_library().entries if e.source == "user")
    assert entry.id == "red\\x1b[31m" and entry.routine.id == entry.id


# -- the exercise catalogue -----------------------------------------------------------------


def test_the_catalogue_keeps_the_bundled_ids_when_a_user_replaces_one(isolated_home):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("exercises:\n  - id: curl-up\n    name: My curl-up\n")
    catalogue = load_catalogue()
    assert catalogue.exercises["curl-up"].source == "user"
    assert "curl-up" in catalogue.bundled_ids


def test_a_broken_exercise_file_keeps_its_good_entries_and_names_those_left_out(isolated_home):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    path = folder / "mine.yaml"
    path.write_text(
        "exercises:\n"
        "  - id: wall-sit\n    name: Wall sit\n"
        "  - id: bird-dog\n    name: Bird dog\n    stop_if: {not: a list}\n"
        "  - name: No id\n"
    )
    catalogue = load_catalogue()
    assert "wall-sit" in catalogue.exercises
    assert "bird-dog" not in catalogue.exercises  # never played without its stop rules
    (mine,) = [f for f in catalogue.files if f.path == path]
    assert mine.used == ("wall-sit",) and mine.skipped == ("bird-dog", "line 7")
    assert mine.note() == (
        f"{path} has problems, so 2 exercises in it were left out ('bird-dog', 'line 7'); "
        f"the other 1 is in use; run 'backcoach validate {path}' to see why"
    )


def test_an_unreadable_exercise_file_says_none_of_its_exercises_are_available(isolated_home):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("exercises: [unclosed\n")
    (mine,) = [f for f in load_catalogue().files if f.path.parent == folder]
    assert "none of its exercises are available" in mine.note()


# -- inline exercises -----------------------------------------------------------------------


def test_an_inline_exercise_named_like_a_library_one_keeps_both_and_their_stop_rules(
    write_routine, exercises
):
    path = write_routine(
        "title: T\nsteps:\n"
        "  - exercise: prone-press-up\n    reps: 5\n    tempo: 3s\n"
        "  - name: Prone press-up\n    reps: 5\n    tempo: 3s\n    stop_if: [My own rule]\n"
    )
    library_step, inline_step = load_routine(path, exercises).routine.steps
    assert library_step.exercise.id == "prone-press-up"
    assert inline_step.exercise.id == "inline:prone-press-up"
    lines = cautions(load_routine(path, exercises).routine)
    assert "Prone press-up: Stop if my own rule." in lines
    bundled = exercises["prone-press-up"]
    assert f"Prone press-up: {stop_rule_lines(bundled.stop_if)[0]}" in lines


def test_two_inline_exercises_of_one_name_keep_both_stop_rules(write_routine, exercises):
    path = write_routine(
        "title: T\nsteps:\n"
        "  - name: Wall sit\n    duration: 30s\n    stop_if: [First rule]\n"
        "  - name: Wall sit\n    duration: 30s\n    stop_if: [Second rule]\n"
        "  - name: Wall sit\n    duration: 30s\n    stop_if: [First rule]\n"
    )
    lines = cautions(load_routine(path, exercises).routine)
    assert lines == ["Wall sit: Stop if first rule.", "Wall sit: Stop if second rule."]
