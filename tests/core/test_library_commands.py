"""What `validate`, `list` and `show` say about the library's files, run in-process.

These check the few lines of commands.py that read the catalogue and the library (the rest
of the command-line contract is tested through the real entry point in tests/cli).
"""

from __future__ import annotations

import os

from backcoach import commands


def test_validate_notes_an_installed_user_exercise_that_replaces_a_bundled_one(
    isolated_home, capsys
):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    mine = folder / "mine.yaml"
    mine.write_text("exercises:\n  - id: curl-up\n    name: My curl-up\n")
    assert commands.validate([str(mine)]) == 0
    assert (
        f"{mine}:2:9: note: exercise 'curl-up' replaces the bundled one" in capsys.readouterr().out
    )


def test_list_says_which_exercises_of_a_broken_file_are_left_out(isolated_home, capsys):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    mine = folder / "mine.yaml"
    mine.write_text("exercises:\n  - id: wall-sit\n    name: Wall sit\n  - id: bird-dog\n")
    assert commands.list_routines(as_json=False, exercises=False) == 0
    err = capsys.readouterr().err
    assert "1 exercise in it was left out ('bird-dog'); the other 1 is in use" in err
    assert "are not available" not in err


def test_list_shows_entries_that_are_not_files_and_a_broken_folder(isolated_home, capsys):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "x.yaml").mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    assert commands.list_routines(as_json=False, exercises=False) == 0
    out = capsys.readouterr().out
    assert "this is a folder, not a file" in out
    assert "not a regular file (it is a pipe)" in out
    assert "the link points nowhere" in out


def test_validate_a_folder_counts_its_files_and_refuses_the_odd_ones(tmp_path, capsys):
    (tmp_path / "x.yaml").mkdir()
    (tmp_path / "dev.yaml").symlink_to("/dev/zero")
    assert commands.validate([str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "x.yaml:1:1: this is a folder" in captured.out
    assert "dev.yaml:1:1: not a regular file" in captured.out
    assert "2 problems in 2 of 2 files" in captured.err


def test_show_keeps_the_stop_rules_of_an_inline_exercise_named_like_a_library_one(
    write_routine, capsys
):
    path = write_routine(
        "title: T\nsteps:\n"
        "  - exercise: prone-press-up\n    reps: 5\n    tempo: 3s\n"
        "  - name: Prone press-up\n    reps: 5\n    tempo: 3s\n    stop_if: [My own rule]\n"
    )
    assert commands.show(str(path), as_json=False) == 0
    out = capsys.readouterr().out
    cautions = out.split("Cautions:")[1].strip().splitlines()
    assert len(cautions) == 2 and "Stop if my own rule." in cautions[1]
