"""No file, stream, name or setting makes a command crash, hang or print a traceback.

Every case runs the real entry point in a subprocess, as a user would meet it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach import commands
from backcoach.core.library import load_catalogue
from backcoach.core.loader import load_routine

SHORT = "title: Short\nsteps:\n  - exercise: brisk-walk\n    duration: 3s\n"
ESC = "\x1b"
as_root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads and writes any folder"
)


def no_traceback(result) -> bool:
    text = result.stdout + result.stderr
    return "Traceback" not in text and "Exception ignored" not in text


def raw(isolated_home, tmp_path, *args, stdin=None, stdout=None, close=(), env=None):
    """The entry point with some of its standard streams closed (like `<&-` or `>&-`)."""

    def close_fds():
        for fd in close:
            os.close(fd)

    process = subprocess.Popen(
        [sys.executable, "-m", "backcoach", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "BACKCOACH_HOME": str(isolated_home), **(env or {})},
        preexec_fn=close_fds,
    )
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out or "", err)


# -- --speed ------------------------------------------------------------------------


@pytest.mark.parametrize("speed", ["1e-10", "0", "-1", "0.05", "1001", "1e308", "nan", "inf"])
def test_speed_out_of_range_is_a_usage_error(run, speed):
    result = run("play", "core", "--plain", "--no-sound", "--speed", speed)
    assert result.returncode == 2, result.stderr
    assert "from 0.1 to 1000" in result.stderr and no_traceback(result)


# -- standard streams -----------------------------------------------------------------


def test_plain_play_with_stdin_closed_runs_manual_sets_for_their_estimate(isolated_home, tmp_path):
    path = tmp_path / "reps.yaml"
    path.write_text("title: Reps\nsteps:\n  - exercise: stiff-legged-deadlift\n    reps: 8\n")
    result = raw(
        isolated_home,
        tmp_path,
        *("play", str(path), "--plain", "--no-sound", "--speed", "1000"),
        close=(0,),  # `<&-`
    )
    assert result.returncode == 0, result.stderr
    assert "Press Enter when the set is done" in result.stdout
    # The set ends after its 32 s estimate; the exact end shifts with the machine's load at
    # this speed (1 ms late is a second of routine time), so the time is not asserted.
    assert "Finished: Reps, 1 of 1 sets done" in result.stdout and no_traceback(result)


@pytest.mark.parametrize(
    "args",
    [("list",), ("show", "strength"), ("schema",), ("play", "core", "--plain", "--no-sound")],
)
def test_closed_stdout_exits_non_zero_without_a_traceback(isolated_home, tmp_path, args):
    result = raw(isolated_home, tmp_path, *args, close=(1,))
    assert result.returncode != 0 and no_traceback(result)
    assert "standard output is closed" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", "strength"),
        ("schema",),
        ("play", "core", "--plain", "--no-sound", "--speed", "1000"),
        ("--help",),
        ("--version",),
        ("activity", "--help"),
    ],
)
def test_full_stdout_exits_non_zero_without_a_traceback(isolated_home, tmp_path, args):
    with open("/dev/full", "w") as full:
        result = raw(isolated_home, tmp_path, *args, stdout=full)
    assert result.returncode == 1 and no_traceback(result)
    assert "cannot write the output (No space left on device)" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("checkin", "--back", "3", "--leg", "1", "--reach", "buttock"),
        ("activity", "log", "run", "--distance", "5km", "--time", "30:00"),
    ],
)
def test_what_was_kept_is_success_even_when_it_cannot_be_said(isolated_home, tmp_path, args):
    with open("/dev/full", "w") as full:
        result = raw(isolated_home, tmp_path, *args, stdout=full)
    assert result.returncode == 0 and no_traceback(result)  # a retry would keep it twice
    assert "it was kept, but this could not be shown (No space left on device)" in result.stderr
    again = raw(isolated_home, tmp_path, "history", "--json")
    assert again.returncode == 0, again.stderr


def test_the_app_with_stdin_closed_says_so_in_one_line(isolated_home, tmp_path):
    for args in ((), ("play", "core")):
        result = raw(isolated_home, tmp_path, *args, close=(0,))
        assert result.returncode == 1 and no_traceback(result)
        assert result.stderr == (
            "backcoach: standard input is closed, so the app cannot read your keys; run it "
            "from a terminal, or play a routine with 'backcoach play ROUTINE --plain'\n"
        )


def test_a_reader_that_stops_early_is_not_an_error(isolated_home, tmp_path):
    # Far more than a pipe holds, so that `show` is still writing when the reader goes.
    steps = "".join(f"  - name: Move {n}\n    duration: 5s\n" for n in range(3000))
    path = tmp_path / "long.yaml"
    path.write_text(f"title: Long\nsteps:\n{steps}")
    process = subprocess.Popen(
        [sys.executable, "-m", "backcoach", "show", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BACKCOACH_HOME": str(isolated_home)},
    )
    assert process.stdout.readline().startswith("Long")
    process.stdout.close()  # like `| head -1`
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in err and "Exception ignored" not in err


# -- new ------------------------------------------------------------------------------


def test_new_refuses_a_name_ending_in_a_newline(run, isolated_home):
    result = run("new", "abc\n")
    assert result.returncode == 2 and "lowercase letters" in result.stderr
    assert not (isolated_home / "routines").exists() or not any(
        (isolated_home / "routines").iterdir()
    )


def test_new_no_writes_a_starter_that_validates(run, isolated_home):
    result = run("new", "no")
    assert result.returncode == 0, result.stderr
    assert run("validate", result.stdout.strip()).returncode == 0


# YAML 1.1 would read each of these titles as something other than text if left unquoted.
SURPRISING_NAMES = ["no", "yes", "on", "off", "true", "false", "null", "y", "n", "123", "1e3"]


@pytest.mark.parametrize("name", [*SURPRISING_NAMES, "0x1f", "007", "a", "x-" * 31 + "xy"])
def test_every_starter_written_by_new_validates(isolated_home, name, capsys):
    assert commands.new(name, None) == 0
    path = Path(capsys.readouterr().out.strip())
    loaded = load_routine(path, load_catalogue().exercises, "user")
    assert loaded.problems.items == [] and loaded.routine is not None
    assert loaded.routine.title == name.replace("-", " ").capitalize()


def test_new_from_a_file_that_is_not_utf8_says_so(run, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    broken = isolated_home / "routines" / "latin.yaml"
    broken.write_bytes(b"title: Caf\xe9\nsteps: []\n")
    result = run("new", "copy", "--from", "latin")
    assert result.returncode == 1 and no_traceback(result)
    assert f"{broken}:1:11: byte 0xe9 is not UTF-8 text" in result.stdout
    assert "cannot copy 'latin'" in result.stderr
    assert not (isolated_home / "routines" / "copy.yaml").exists()


@as_root
def test_new_from_a_file_that_cannot_be_read_says_so(run, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    locked = isolated_home / "routines" / "locked.yaml"
    locked.write_text(SHORT)
    locked.chmod(0)
    result = run("new", "copy", "--from", "locked")
    assert result.returncode == 1 and no_traceback(result)
    assert "cannot copy 'locked'" in result.stderr


def test_new_where_the_user_folder_cannot_be_made_says_so(run, tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("")
    result = run("new", "mine", env={"BACKCOACH_HOME": str(a_file / "home")})
    assert result.returncode == 1 and no_traceback(result)
    assert "cannot write" in result.stderr and "BACKCOACH_HOME" in result.stderr


@as_root
def test_new_in_a_read_only_folder_says_so(run, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines").chmod(0o500)
    result = run("new", "mine")
    assert result.returncode == 1 and no_traceback(result)
    assert "cannot write" in result.stderr


@as_root
def test_an_unreadable_user_folder_is_a_message_not_a_traceback(run, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines").chmod(0)
    result = run("list")
    assert result.returncode == 1 and no_traceback(result)
    assert "Permission denied" in result.stderr


# -- terminal control in names --------------------------------------------------------


def test_escape_sequences_in_file_names_are_shown_not_obeyed(run, isolated_home, tmp_path):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / f"{ESC}[31mred.yaml").write_text(SHORT)
    missing = tmp_path / f"{ESC}]0;pwned\a.yaml"
    for result in (
        run("list"),
        run("show", str(missing)),
        run("play", str(missing), "--plain", "--no-sound"),
        run("validate", str(missing)),
        run("show", f"{ESC}[2Jgone"),
        run("new", "x", "--from", f"{ESC}[2Jgone"),
    ):
        output = result.stdout + result.stderr
        assert ESC not in output and "\a" not in output, output
        assert "\\x1b" in output and no_traceback(result)


def test_escape_sequences_in_routine_text_never_reach_the_terminal(run, tmp_path):
    # Whether the loader refuses this title or keeps it, no escape byte may be printed.
    path = tmp_path / "loud.yaml"
    path.write_text(
        'title: "\\e[31mLoud\\e[0m"\nsummary: "\\e[2J"\nsteps:\n'
        '  - name: "Bell\\a"\n    duration: 2s\n    stop_if: ["\\e[5mpain"]\n'
    )
    for result in (
        run("show", str(path)),
        run("play", str(path), "--plain", "--no-sound", "--speed", "100"),
        run("list"),
    ):
        output = result.stdout + result.stderr
        assert ESC not in output and "\a" not in output, output
        assert no_traceback(result)


# -- sound --------------------------------------------------------------------------


def test_a_backend_that_cannot_play_here_is_said_once_with_no_traceback(run, tmp_path):
    path = tmp_path / "short.yaml"
    path.write_text(SHORT)
    result = run(
        "play", str(path), "--plain", "--speed", "100", env={"PLAYSOUND3_BACKEND": "winmm"}
    )
    assert result.returncode == 0 and "Finished: Short" in result.stdout
    assert result.stderr.count("Sound is unavailable") == 1
    assert "PLAYSOUND3_BACKEND is 'winmm'" in result.stderr
    assert "Traceback" not in result.stderr and "Exception in thread" not in result.stderr


# -- settings in plain mode -----------------------------------------------------------


def test_plain_play_says_what_is_wrong_in_the_settings_once(run, isolated_home, tmp_path):
    isolated_home.mkdir(parents=True)
    settings = isolated_home / "settings.yaml"
    settings.write_text("voice: off\nsound: maybe\n")
    path = tmp_path / "short.yaml"
    path.write_text(SHORT)
    result = run("play", str(path), "--plain", "--no-sound", "--speed", "100")
    assert result.returncode == 0
    assert result.stderr.count(f"{settings}:2: 'sound: maybe' is not on or off; using on") == 1
    assert settings.read_text() == "voice: off\nsound: maybe\n"  # playing never rewrites it


def test_plain_play_honours_sound_off_in_the_settings(run, isolated_home, tmp_path):
    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.yaml").write_text("sound: off\n")
    path = tmp_path / "short.yaml"
    path.write_text(SHORT)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    # With no player at all, trying to play would say "Sound is unavailable"; with sound
    # off in the settings nothing is tried.
    result = run("play", str(path), "--plain", "--speed", "100", env={"PATH": str(empty)})
    assert result.returncode == 0 and "Finished: Short" in result.stdout
    assert "Sound is unavailable" not in result.stderr


def test_a_broken_settings_file_never_stops_a_command(run, isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.yaml").write_text("[" * 10000)
    result = run("play", "desk-break", "--plain", "--no-sound", "--speed", "1000")
    assert result.returncode == 0 and no_traceback(result)
    assert "settings.yaml:1:" in result.stderr


# -- errors nobody planned for --------------------------------------------------------
# In-process, so they run as root too (root reads any folder, so chmod cannot stage them).


def test_a_folder_that_cannot_be_read_is_one_line_and_exit_1(monkeypatch, capsys):
    from backcoach import cli

    def locked():
        raise PermissionError(13, "Permission denied", "/somewhere/routines")

    monkeypatch.setattr(commands, "load_library", locked)
    assert cli.main(["list"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "backcoach: cannot use /somewhere/routines (Permission denied); check the folder's "
        "permissions, or set BACKCOACH_HOME to a folder you own\n"
    )


def test_a_bug_is_a_short_message_unless_debugging(monkeypatch, capsys):
    from backcoach import cli

    def broken():
        raise RuntimeError("oops")

    monkeypatch.setattr(commands, "load_library", broken)
    monkeypatch.delenv("BACKCOACH_DEBUG", raising=False)
    assert cli.main(["list"]) == 1
    assert "This is a bug" in capsys.readouterr().err
    monkeypatch.setenv("BACKCOACH_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["list"])


def test_a_routine_that_cannot_start_leaves_the_collector_running(capsys):
    """The launcher pauses the garbage collector for the app's start-up; when the app
    never starts, it must not stay paused (an in-process caller would leak cycles)."""
    import gc

    from backcoach import cli

    assert cli.main(["play", "no-such-routine"]) == 1
    assert gc.isenabled()
    assert "no-such-routine" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="file names there are always UTF-8")
def test_a_routine_file_name_that_is_not_utf8_is_named_as_one_to_rename(run, isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (Path(os.fsdecode(bytes(folder) + b"/r\xe9sum\xe9.yaml"))).write_text(SHORT)
    said = "the file name is not valid UTF-8, so the routine cannot be named to play or edit"
    listed = run("list")
    assert listed.returncode == 0 and said in listed.stdout and no_traceback(listed)
    checked = run("validate")
    assert checked.returncode == 1 and said in checked.stdout + checked.stderr
