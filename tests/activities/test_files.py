from __future__ import annotations

import gzip
import os

import pytest

from backcoach.activities import ActivityFileError, files, find_activity_files, read_activities

from .make import Session, Track, fit_bytes, gpx_text, write


def test_folders_are_walked_recursively_taking_only_activity_files(tmp_path):
    folder = tmp_path / "export"
    for name in [
        "a.fit",
        "b/c.GPX",
        "b/d/e.tcx.gz",
        "b/f.Fit.Gz",
        "notes.txt",
        "b/g.csv.gz",
        "h.gz",
    ]:
        write(folder / name, "x")
    found, problems = find_activity_files([folder])
    assert problems == []
    assert [path.relative_to(folder).as_posix() for path in found] == [
        "a.fit",
        "b/c.GPX",
        "b/f.Fit.Gz",
        "b/d/e.tcx.gz",
    ]


def test_a_named_file_of_another_kind_is_a_problem(tmp_path):
    notes = write(tmp_path / "notes.csv", "x")
    bare = write(tmp_path / "README", "x")
    found, problems = find_activity_files([notes, bare, tmp_path / "gone.fit"])
    assert found == []
    assert [str(problem) for problem in problems] == [
        f"{notes}: not a FIT, GPX or TCX file (.csv)",
        f"{bare}: not a FIT, GPX or TCX file (no extension)",
        f"{tmp_path / 'gone.fit'}: no such file or folder",
    ]


def test_a_file_named_twice_is_found_once(tmp_path):
    run = write(tmp_path / "run.fit", "x")
    found, _ = find_activity_files([run, tmp_path, run])
    assert found == [run]


def test_an_unknown_extension_is_refused_by_the_reader_too(tmp_path):
    with pytest.raises(ActivityFileError, match=r"^not a FIT, GPX or TCX file \(\.kml\)$"):
        read_activities(write(tmp_path / "run.kml", "<kml/>"))


@pytest.mark.parametrize("name", ["big.fit", "big.gpx"])
def test_a_file_over_the_cap_is_refused_unread(tmp_path, monkeypatch, name):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    path = write(tmp_path / name, b"\0" * 1001)
    with pytest.raises(ActivityFileError, match=r"^over 0.001 MB"):
        read_activities(path)


def test_a_gzip_bomb_stops_at_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 100_000)
    path = tmp_path / "bomb.fit.gz"
    path.write_bytes(gzip.compress(b"\0" * 5_000_000))  # 5 KB packed, 5 MB unpacked
    with pytest.raises(ActivityFileError, match=r"^over 0.1 MB once unpacked"):
        read_activities(path)


def test_a_file_just_under_the_cap_reads(tmp_path, monkeypatch):
    data = fit_bytes([Session()])
    monkeypatch.setattr(files, "MAX_BYTES", len(data))
    assert len(read_activities(write(tmp_path / "run.fit.gz", data, zipped=True))) == 1


def test_a_damaged_gzip_is_one_line(tmp_path):
    packed = gzip.compress(gpx_text([Track()]).encode())
    path = write(tmp_path / "run.gpx.gz", packed[: len(packed) // 2])
    with pytest.raises(ActivityFileError, match=r"^not a complete gzip file"):
        read_activities(path)
    with pytest.raises(ActivityFileError, match=r"^not a complete gzip file"):
        read_activities(write(tmp_path / "plain.gpx.gz", "not gzip at all"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "run.fit"
    os.mkfifo(pipe)
    with pytest.raises(ActivityFileError, match="not a regular file"):
        read_activities(pipe)


def test_a_folder_named_like_a_file_is_refused(tmp_path):
    (tmp_path / "odd.gpx").mkdir()
    with pytest.raises(ActivityFileError, match="not a regular file"):
        read_activities(tmp_path / "odd.gpx")


def test_a_folder_that_cannot_be_read_is_a_problem_and_the_rest_is_walked(tmp_path, monkeypatch):
    run = write(tmp_path / "open" / "run.fit", "x")
    write(tmp_path / "locked" / "ride.fit", "x")
    scandir = os.scandir

    def refusing(path):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found, problems = find_activity_files([tmp_path])
    assert found == [run]
    assert [str(problem) for problem in problems] == [
        f"{tmp_path / 'locked'}: cannot read this folder (permission denied)"
    ]
