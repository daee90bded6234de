"""`backcoach edit NAME --external`: $EDITOR on the file, then the file checked."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from tests.terminal import drawn_text, in_terminal, read_to_end, read_until


def editor_script(tmp_path: Path, body: str) -> str:
    """An EDITOR that runs `body` (Python) with the file's path as `path`."""
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n{body}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_a_new_routine_starts_from_the_starter_and_is_checked_when_the_editor_closes(
    run, tmp_path, isolated_home
):
    editor = editor_script(tmp_path, "assert 'title:' in path.read_text()")
    result = run("edit", "evening", "--external", env={"EDITOR": editor})
    assert result.returncode == 0, result.stderr
    assert "1 file valid" in result.stdout
    assert (isolated_home / "routines" / "evening.yaml").exists()


def test_a_mistake_made_in_the_editor_is_reported_with_its_line(run, tmp_path, isolated_home):
    mine = isolated_home / "routines" / "mine.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("title: Mine\nsteps:\n  - rest: 30s\n  - exercise: pelvic-tilt\n    reps: 5\n")
    editor = editor_script(tmp_path, "path.write_text(path.read_text().replace('reps', 'repz'))")
    result = run("edit", "mine", "--external", env={"EDITOR": editor})
    assert result.returncode == 1
    assert f"{mine}:5:5: unknown key 'repz'" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_bundled_routine_is_not_changed_in_place(run, tmp_path):
    editor = editor_script(tmp_path, "raise SystemExit('the editor should not run')")
    result = run("edit", "strength", "--external", env={"EDITOR": editor})
    assert result.returncode == 1
    assert "backcoach new my-strength --from strength" in result.stderr


def test_without_an_editor_it_says_how_to_set_one(run):
    result = run("edit", "evening", "--external", env={"EDITOR": "", "VISUAL": ""})
    assert result.returncode == 2
    assert "set EDITOR" in result.stderr


def test_an_editor_that_cannot_run_is_reported(run):
    result = run("edit", "evening", "--external", env={"EDITOR": "/nonexistent/editor"})
    assert result.returncode == 1
    assert "cannot run the editor" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["Bad Name", "x" * 80])
def test_a_name_that_cannot_be_an_id_is_a_usage_error(run, name):
    result = run("edit", name, "--external", env={"EDITOR": "true"})
    assert result.returncode == 2
    assert "lowercase letters" in result.stderr


def test_help_explains_the_arguments(run):
    result = run("edit", "--help")
    assert result.returncode == 0
    assert "$EDITOR" in result.stdout and "bundled one opens as a copy" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_edit_opens_the_editor_in_the_app_and_saves_what_was_typed(isolated_home):
    """The real app in a pseudo-terminal: `edit` of a new id opens the editor on the
    starter; a key, Ctrl+S and Esc leave the app with the file written."""
    settings = "notice_accepted: true\n"
    with in_terminal(isolated_home, "edit", "evening", settings=settings) as (process, main):
        deadline = time.monotonic() + 60
        drawn = read_until(main, b"No problems", deadline)
        assert b"Editing evening" in drawn_text(drawn)
        os.write(main, b"#")
        read_until(main, b"## yaml-language-server", deadline)
        os.write(main, b"\x13")  # Ctrl+S
        read_until(main, b"Saved", deadline)
        os.write(main, b"\x1b")  # Esc: nothing unsaved, so the app ends
        read_to_end(main, deadline)
        code = process.wait(timeout=30)
    assert code == 0
    saved = (isolated_home / "routines" / "evening.yaml").read_text(encoding="utf-8")
    assert saved.startswith("## yaml-language-server") and 'title: "Evening"' in saved
