"""The pieces behind a library that follows the disk: the stamp, retitling a copy, and the
user folder's schema."""

from __future__ import annotations

import json
import os

import pytest

from backcoach.core import paths
from backcoach.core.library import disk_stamp, load_library, retitle
from backcoach.core.schema import refresh_user_schema, schema_text

ROUTINE = "title: Mine\nsteps:\n  - exercise: curl-up\n    reps: 5\n"


def test_a_library_just_loaded_matches_the_disk(isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "mine.yaml").write_text(ROUTINE)
    assert load_library().stamp == disk_stamp()


@pytest.mark.parametrize("change", ["added", "rewritten", "touched", "replaced", "removed"])
def test_the_stamp_changes_with_each_kind_of_change(isolated_home, change):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    mine = folder / "mine.yaml"
    mine.write_text(ROUTINE)
    before = disk_stamp()
    if change == "added":
        (folder / "other.yaml").write_text(ROUTINE)
    elif change == "rewritten":
        mine.write_text(ROUTINE + "# more\n")
    elif change == "touched":  # same size, a new time: an edit of one letter
        info = mine.stat()
        os.utime(mine, ns=(info.st_atime_ns, info.st_mtime_ns + 1))
    elif change == "replaced":  # an editor's atomic save: same size and time, a new inode
        info = mine.stat()
        (folder / ".tmp").write_text(ROUTINE)
        os.utime(folder / ".tmp", ns=(info.st_atime_ns, info.st_mtime_ns))
        os.replace(folder / ".tmp", mine)
    else:
        mine.unlink()
    assert disk_stamp() != before


def test_the_stamp_sees_exercise_files_too(isolated_home):
    before = disk_stamp()
    (isolated_home / "exercises").mkdir(parents=True)
    (isolated_home / "exercises" / "mine.yaml").write_text("exercises: []\n")
    assert disk_stamp() != before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: Old  # why\nsteps: []\n", 'title: "New"  # why\nsteps: []\n'),
        ("# c\ntitle: 'It''s'\n", '# c\ntitle: "New"\n'),
        (
            "summary: {title: x}\ntags: [title]\ntitle: Old\n",
            'summary: {title: x}\ntags: [title]\ntitle: "New"\n',
        ),
        ("steps:\n  - title: x\ntitle: Old\n", 'steps:\n  - title: x\ntitle: "New"\n'),
        ("title: |\n  two\n  lines\n", None),
        ("title: [a, b]\n", None),
        ("steps: []\n", None),
        ("title: [unclosed\n", None),
    ],
)
def test_retitle_changes_only_the_top_level_title(text, expected):
    assert retitle(text, "New") == expected


def test_the_user_schema_is_written_only_when_it_differs(isolated_home):
    target = refresh_user_schema(["curl-up", "wall-sit"])
    assert target == paths.user_schema() == isolated_home / "routine.schema.json"
    assert target.read_text() == schema_text(["curl-up", "wall-sit"])
    first = target.stat()
    refresh_user_schema(["wall-sit", "curl-up"])  # the same ids: nothing is written
    assert target.stat().st_ino == first.st_ino and target.stat().st_mtime_ns == first.st_mtime_ns
    refresh_user_schema(["curl-up"])
    schema = json.loads(target.read_text())
    exercise = schema["properties"]["steps"]["items"]["oneOf"][0]["properties"]["exercise"]
    assert exercise["anyOf"][0]["enum"] == ["curl-up"]


def test_the_watch_sees_a_file_added_at_once_and_one_rewritten_in_place_when_due(isolated_home):
    from backcoach.core.library import DiskWatch

    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    mine = folder / "mine.yaml"
    mine.write_text(ROUTINE)
    watch = DiskWatch(disk_stamp(), now=100.0)
    assert not watch.changed(100.2)
    mine.write_text(ROUTINE + "# more\n")  # in place: the folder's time does not move
    assert not watch.changed(100.5)  # not due yet: only the folders were looked at
    assert watch.changed(101.0)  # due (a second, with this few files): every file looked at
    watch = DiskWatch(disk_stamp(), now=200.0)
    (folder / "other.yaml").write_text(ROUTINE)  # added: the folder's time moves
    assert watch.changed(200.1)


def test_the_full_look_comes_less_often_the_more_files_there_are(isolated_home, monkeypatch):
    from backcoach.core import library

    looks = []
    monkeypatch.setattr(library, "disk_stamp", lambda: looks.append(1) or ())
    many = tuple(("f", 1, 1, 1) for _ in range(10_000))
    watch = library.DiskWatch(many, now=0.0)
    for second in range(1, 61):  # a minute
        watch.changed(float(second))
    assert len(looks) == 1  # every 40 s with 10,000 files
